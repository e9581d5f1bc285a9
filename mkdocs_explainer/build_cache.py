"""What one process keeps between builds (`mkdocs serve` rebuilds), always keyed on content.

A key is a hash of everything the cached value was computed from, so an edited file, entry,
page or setting simply misses the cache: nothing is ever served stale, and nothing is keyed on
time. Each store keeps the newest results only (bounded), since a serve session edits in place.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path


def digest(*parts) -> str:
    """A short stable hash of JSON-able parts (non-JSON values are hashed through str())."""
    blob = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]


def files_digest(root: Path, pattern: str) -> str:
    """Hash of the names and bytes of every file under root matching pattern."""
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


class Store:
    """A small least-recently-used map: content key -> value."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, object] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: str):
        if key in self.items:
            self.items.move_to_end(key)
            self.hits += 1
            return self.items[key]
        self.misses += 1
        return None

    def put(self, key: str, value) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)

    def clear(self) -> None:
        self.items.clear()
        self.hits = self.misses = 0


@dataclass
class Caches:
    """The stores one plugin instance keeps across `mkdocs serve` rebuilds."""

    # Parsed bib/ (key: bytes of every .bib file) and validated data/ (key: data bytes + bib bytes).
    bibliographies: Store = field(default_factory=lambda: Store(4))
    datasets: Store = field(default_factory=lambda: Store(4))
    # A page's Markdown after its macros ran, and what rendering it left in the build context.
    pages: Store = field(default_factory=lambda: Store(4096))
    # The "cite this page" block of a page (key: everything it shows).
    cite_blocks: Store = field(default_factory=lambda: Store(4096))
    # Formatted references: (entry fingerprint, style version) -> FormattedEntry.
    formatted: dict = field(default_factory=dict)

    def clear(self) -> None:
        for store in (self.bibliographies, self.datasets, self.pages, self.cite_blocks):
            store.clear()
        self.formatted.clear()


@dataclass
class RenderedPage:
    """Everything rendering one page's macros produced, to replay it without running Jinja."""

    markdown: str
    citations: object  # citations.PageCitations
    tables: int
    figures: int
    datasets: set[str] = field(default_factory=set)
    figure_svgs: dict[str, str] = field(default_factory=dict)

    def fresh_citations(self):
        return copy.deepcopy(self.citations)


def page_key(ctx, page, markdown: str, extra: dict) -> str:
    """Everything a page's rendered macros can depend on: its text and metadata, where it lives,
    the site's settings, and the bytes of bib/, data/ and macros/ (in ctx.inputs_digest)."""
    from .styles import STYLE_VERSION

    return digest(
        ctx.inputs_digest,
        STYLE_VERSION,
        ctx.settings,
        extra,
        ctx.site_url,
        ctx.site_name,
        page.file.src_path,
        page.url,
        page.title,
        ctx.page_title,
        ctx.page_url,
        page.meta,
        markdown,
    )


def record_page(ctx, src_path: str, markdown: str) -> RenderedPage:
    """Snapshot what rendering the page's macros produced (before the reference list is added)."""
    return RenderedPage(
        markdown=markdown,
        citations=copy.deepcopy(ctx.citer.page(src_path)),
        tables=ctx.tables.get(src_path, 0),
        figures=ctx.figures.get(src_path, 0),
        datasets=set(ctx.page_datasets),
        figure_svgs=dict(ctx.page_figures),
    )


def replay_page(ctx, src_path: str, rendered: RenderedPage) -> None:
    """Put the build context in the state that rendering the page would have left it in."""
    ctx.citer.restore(rendered.fresh_citations())
    ctx.tables[src_path] = rendered.tables
    ctx.figures[src_path] = rendered.figures
    ctx.used_datasets |= rendered.datasets
    ctx.used_figures.update(rendered.figure_svgs)
