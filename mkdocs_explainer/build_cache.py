"""What builds keep between them, always keyed on content: in memory across `mkdocs serve`
rebuilds, and on disk (`.cache/explainer/`) across `mkdocs build` processes.

A key is a hash of everything the cached value was computed from, so an edited file, entry,
page or setting simply misses the cache: nothing is ever served stale, and nothing is keyed on
time. Each store keeps the newest results only (bounded), since a serve session edits in place.

On disk, each store is one pickle file whose header names the cache format and the hash of the
kit's own code; a file from another format or another version of the kit, or one that cannot be
read back (truncated, corrupt), is ignored and rebuilt. Files are written to a temporary name and
renamed into place (`os.replace`), so a concurrent build reads either the old file or the new
one, never half of one. The cache is an optimisation only: no problem with it fails a build, and
output is byte-identical with and without it (tests/integration/test_disk_cache.py).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import pickle
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import INFO, Diagnostic

CACHE_FORMAT = 1  # bump when what a store holds changes shape


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


def kit_digest() -> str:
    """Hash of the kit's own code: every cached value depends on it."""
    return files_digest(Path(__file__).parent, "*.py")


class Store:
    """A small least-recently-used map: content key -> value.

    It remembers which keys the current build used (`used`) and whether it gained an item since
    it was last written to disk (`changed`), so that a build saves only what changed and the file
    holds only what the site still uses.
    """

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, object] = OrderedDict()
        self.hits = self.misses = 0
        self.used: set[str] = set()
        self.changed = False

    def get(self, key: str):
        if key in self.items:
            self.items.move_to_end(key)
            self.hits += 1
            self.used.add(key)
            return self.items[key]
        self.misses += 1
        return None

    def put(self, key: str, value) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        self.used.add(key)
        self.changed = True
        while len(self.items) > self.size:
            self.items.popitem(last=False)

    def __len__(self) -> int:
        return len(self.items)

    def clear(self) -> None:
        self.items.clear()
        self.hits = self.misses = 0
        self.used.clear()
        self.changed = False


STORES = ("bibliographies", "datasets", "formatted", "pages", "cite_blocks", "figures")


@dataclass
class Caches:
    """The stores one plugin instance keeps across `mkdocs serve` rebuilds (and on disk)."""

    # Parsed bib/ (key: bytes of every .bib file) and validated data/ (key: data bytes + bib bytes).
    bibliographies: Store = field(default_factory=lambda: Store(4))
    datasets: Store = field(default_factory=lambda: Store(4))
    # Formatted references: hash of (entry fingerprint, style version) -> FormattedEntry.
    formatted: Store = field(default_factory=lambda: Store(65536))
    # A page's Markdown after its macros ran, and what rendering it left in the build context.
    pages: Store = field(default_factory=lambda: Store(4096))
    # The "cite this page" block of a page (key: everything it shows).
    cite_blocks: Store = field(default_factory=lambda: Store(4096))
    # The PNG of each figure (key: its SVG, the rasteriser's settings).
    figures: Store = field(default_factory=lambda: Store(256))
    # The disk folder the stores were last read from, and the kit code they were made by.
    loaded: tuple[str, str] | None = None

    def stores(self) -> dict[str, Store]:
        return {name: getattr(self, name) for name in STORES}

    def clear(self) -> None:
        """Forget everything, as a new process would (the disk cache is read again)."""
        for store in self.stores().values():
            store.clear()
        self.loaded = None

    def begin_build(self) -> None:
        for store in self.stores().values():
            store.used.clear()

    # -- on disk ---------------------------------------------------------------------------------
    def load(self, folder: Path, code: str, shown: str) -> list[Diagnostic]:
        """Read the stores saved in `folder` by the kit whose code hashes to `code`, once per
        process and folder. An unreadable or foreign file is ignored (one info line in all)."""
        if self.loaded == (str(folder), code):
            return []
        self.loaded = (str(folder), code)
        ignored = []
        for name, store in self.stores().items():
            path = folder / f"{name}.pickle"
            try:
                f = open(path, "rb")
            except (FileNotFoundError, NotADirectoryError):
                continue  # no cache yet (the save at the end of the build reports an unusable folder)
            except OSError as exc:
                ignored.append(f"{name}.pickle (unreadable: {exc.strerror})")
                continue
            try:
                with f:
                    header = pickle.load(f)
                    if header != _header(name, code):
                        ignored.append(f"{name}.pickle (made by another version of the kit)")
                        continue
                    items = pickle.load(f)
                if not isinstance(items, dict):
                    raise ValueError("not a mapping")
            except Exception:  # truncated or corrupt: any error at all means "rebuild it"
                ignored.append(f"{name}.pickle (unreadable: truncated or corrupt)")
                continue
            for key, value in items.items():
                if key not in store.items:
                    store.items[key] = value
        if not ignored:
            return []
        return [
            Diagnostic(
                "cache.ignored",
                "ignored and rebuilt the build cache's " + ", ".join(ignored),
                shown,
                None,
                "nothing to do; delete the folder to start afresh",
                severity=INFO,
            )
        ]

    def save(self, folder: Path, code: str, shown: str, prune: bool = True) -> list[Diagnostic]:
        """Write each store that gained items (or lost some to pruning) since it was read.

        With `prune`, a store keeps only what this build used, so the files do not grow with
        every edit; a build that did not visit every page (`--dirty`) keeps everything."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, store in self.stores().items():
                keep = store.used if prune else set(store.items)
                if not store.changed and keep == set(store.items):
                    continue
                items = {k: v for k, v in store.items.items() if k in keep}
                _write_atomic(folder / f"{name}.pickle", _header(name, code), items)
                store.changed = False
        except Exception as exc:  # unwritable folder, full disk, anything: the build goes on
            return [
                Diagnostic(
                    "cache.unwritable",
                    f"could not save the build cache ({type(exc).__name__}: {exc}); the next build starts cold",
                    shown,
                    None,
                    "make the folder writable, or set 'cache: false' for the explainer plugin in mkdocs.yml",
                    severity=INFO,
                )
            ]
        return []


def _header(name: str, code: str) -> dict:
    return {"format": CACHE_FORMAT, "store": name, "kit": code}


def _write_atomic(path: Path, header: dict, items: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(header, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(items, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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
        return _copy(self.citations)


def _copy(citations):
    """A copy of a PageCitations that shares nothing mutable with it (its containers hold
    strings and numbers): much cheaper than copy.deepcopy on every replayed page."""
    clone = copy.copy(citations)
    for name, value in vars(clone).items():
        if isinstance(value, dict):
            setattr(clone, name, {k: list(v) if isinstance(v, list) else v for k, v in value.items()})
        elif isinstance(value, list | set):
            setattr(clone, name, type(value)(value))
    return clone


def page_key(ctx, page, markdown: str, extra: dict) -> str:
    """Everything a page's rendered macros can depend on: its text and metadata, where it lives,
    the site's settings, and the bytes of bib/, data/ and the kit (in ctx.inputs_digest)."""
    from .styles import STYLE_VERSION

    if ctx.site_digest is None:  # the same for every page of a build: hashed once
        ctx.site_digest = digest(
            ctx.inputs_digest, STYLE_VERSION, ctx.settings, extra, ctx.site_url, ctx.site_name
        )
    return digest(
        ctx.site_digest,
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
        citations=_copy(ctx.citer.page(src_path)),
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
