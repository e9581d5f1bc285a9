"""The per-build state: bibliography, datasets, citation registry and page locations.

Built anew for every build (so `mkdocs serve` sees edited files). What is expensive to compute is
reused across builds (and, through the disk cache, across processes) only when its inputs are
byte-identical: the parsed bib/ and data/ (build_cache.py) and formatted references
(formatting.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import build_cache
from .bibliography import Bibliography, load_bibliography
from .citations import Citer
from .datasets import Dataset, load_datasets
from .diagnostics import Diagnostic, DiagnosticError
from .figure_specs import FigureSpec, load_figure_specs
from .formatting import ReferenceFormatter

CITE_CALL = re.compile(r"\bcite[pt]?\s*\(([^)]*)\)")


@dataclass
class PageSource:
    """Where a page's Markdown came from, to turn a macro call into a file:line location."""

    rel_path: str  # e.g. docs/guides/roasting.md
    text: str  # the file as written, front matter included
    seen: dict[str, int] = field(default_factory=dict)

    def line_of(self, needle: str, pattern: re.Pattern = CITE_CALL) -> int | None:
        """Line of the next not-yet-reported call whose arguments mention `needle`."""
        quoted = re.compile(r"""["']""" + re.escape(needle) + r"""["']""")
        hits = [m for m in pattern.finditer(self.text) if quoted.search(m.group(1))]
        if not hits:
            return None
        i = self.seen.get(needle, 0)
        self.seen[needle] = i + 1
        m = hits[min(i, len(hits) - 1)]
        return self.text.count("\n", 0, m.start()) + 1

    def line_of_match(self, pattern: re.Pattern) -> int | None:
        """Line of the next not-yet-reported match of a whole-call pattern (e.g. an empty cite())."""
        hits = list(pattern.finditer(self.text))
        if not hits:
            return None
        i = self.seen.get(pattern.pattern, 0)
        self.seen[pattern.pattern] = i + 1
        return self.text.count("\n", 0, hits[min(i, len(hits) - 1)].start()) + 1


@dataclass(repr=False)  # mkdocs-macros logs repr() of every macro (our partials) on each build
class BuildContext:
    project_dir: Path
    docs_dir: Path
    bib: Bibliography
    datasets: dict[str, Dataset]
    formatter: ReferenceFormatter
    citer: Citer
    settings: dict
    site_url: str = ""
    notes: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, PageSource] = field(default_factory=dict)
    current: PageSource | None = None
    src_path: str | None = None  # the page being rendered, relative to docs/
    page_title: str = ""  # of the page being rendered, for "cite this table/figure" lines
    page_url: str = ""  # its canonical URL
    page_rel_url: str = ""  # its URL from MkDocs (Page.url), e.g. "studies/one/" or "studies/one.html"
    site_name: str = ""
    authors: list[dict] = field(default_factory=list)  # of every page, unless its front matter names others
    tables: dict[str, int] = field(default_factory=dict)  # page -> tables numbered so far
    figures: dict[str, int] = field(default_factory=dict)  # page -> figures numbered so far
    used_datasets: set[str] = field(default_factory=set)
    used_figures: dict[str, str] = field(default_factory=dict)  # figure name -> SVG
    figure_specs: dict[str, FigureSpec] = field(default_factory=dict)  # from the figures file
    chart_kinds: dict = field(default_factory=dict)  # kind -> draw function, added by the site's macros/
    reported_figures: set[str] = field(default_factory=set)  # figures whose problem a page reported
    inputs_digest: str = ""  # hash of bib/, data/, the kit's code and the site's macros module
    page_datasets: set[str] = field(default_factory=set)  # used by the page being rendered
    page_figures: dict[str, str] = field(default_factory=dict)  # drawn on the page being rendered
    site_digest: str | None = None  # build_cache: hash of what every page's rendering depends on
    page_cache_key: str | None = None  # build_cache key of the page being rendered
    page_emitted: int = 0  # diagnostics reported before it rendered
    page_replayed: bool = False  # True when it came from build_cache
    caches: build_cache.Caches = field(default_factory=build_cache.Caches)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # reported so far, in order

    def report(self, diagnostics) -> None:
        """Record problems found while rendering; the plugin logs them (the core never logs)."""
        self.diagnostics.extend(diagnostics)

    def __repr__(self) -> str:
        return (
            f"<BuildContext {self.project_dir.name}: {len(self.bib)} entries, {len(self.datasets)} datasets>"
        )

    def where(self, needle: str, pattern: re.Pattern = CITE_CALL) -> tuple[str, int | None]:
        if self.current is None:
            return ("docs/" + (self.src_path or "?"), None)
        return (self.current.rel_path, self.current.line_of(needle, pattern))


def build_context(
    project_dir: Path,
    docs_dir: Path,
    settings: dict,
    site_url: str = "",
    site_name: str = "",
    caches: build_cache.Caches | None = None,
    site_code_digest: str = "",
    kit_digest: str | None = None,
) -> BuildContext:
    """Load and validate bib/ and data/; raises DiagnosticError on broken input.

    `site_code_digest` hashes the site's own macros module, which pages' output depends on too."""
    caches = caches if caches is not None else build_cache.Caches()
    bib_dir = project_dir / settings.get("bib_dir", "bib")
    data_dir = project_dir / settings.get("data_dir", "data")
    figures_file = data_dir / settings.get("figures", "figures.yaml")
    bib_digest = build_cache.files_digest(bib_dir, "*.bib")
    data_digest = build_cache.files_digest(data_dir, "*")
    bib_key = build_cache.digest(str(bib_dir), bib_digest)
    loaded = caches.bibliographies.get(bib_key)
    if loaded is None:
        loaded = load_bibliography(bib_dir, project_dir)  # raises on broken input: nothing cached
        caches.bibliographies.put(bib_key, loaded)
    bib, notes = loaded
    datasets_key = build_cache.digest(str(data_dir), data_digest, bib_digest)
    datasets = caches.datasets.get(datasets_key)
    if datasets is None:
        try:
            datasets = load_datasets(data_dir, project_dir, set(bib.keys()), skip={figures_file.name})
        except DiagnosticError as exc:  # an empty bib/ is the cause of every unknown source: say so
            raise DiagnosticError([n for n in notes if n.consequences] + exc.diagnostics) from None
        caches.datasets.put(datasets_key, datasets)
    figure_specs = load_figure_specs(figures_file, project_dir, datasets, set(bib.keys()))
    formatter = ReferenceFormatter(bib, caches.formatted)
    return BuildContext(
        project_dir,
        docs_dir,
        bib,
        datasets,
        formatter,
        Citer(formatter, defer=True),
        settings,
        site_url,
        list(notes),
        site_name=site_name,
        figure_specs=figure_specs,
        caches=caches,
        inputs_digest=build_cache.digest(
            bib_digest, data_digest, kit_digest or build_cache.kit_digest(), site_code_digest
        ),
    )
