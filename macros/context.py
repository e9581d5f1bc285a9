"""The per-build state: bibliography, datasets, citation registry and page locations.

Built anew for every build (so `mkdocs serve` sees edited files); only formatted references are
cached across builds, keyed on content (see formatting.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .bibliography import Bibliography, load_bibliography
from .citations import Citer
from .datasets import Dataset, load_datasets
from .diagnostics import Diagnostic
from .formatting import ReferenceFormatter

# The context of the build in progress, for the MkDocs hooks (hooks.py) to read.
ACTIVE: BuildContext | None = None

CITE_CALL = re.compile(r"\bcite[pt]?\s*\(([^)]*)\)")


@dataclass
class PageSource:
    """Where a page's Markdown came from, to turn a macro call into a file:line location."""

    rel_path: str  # e.g. docs/studies/mackensen-2022.md
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


@dataclass
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
    site_name: str = ""
    tables: dict[str, int] = field(default_factory=dict)  # page -> tables numbered so far
    figures: dict[str, int] = field(default_factory=dict)  # page -> figures numbered so far
    used_datasets: set[str] = field(default_factory=set)
    used_figures: dict[str, str] = field(default_factory=dict)  # figure name -> SVG

    def where(self, needle: str, pattern: re.Pattern = CITE_CALL) -> tuple[str, int | None]:
        if self.current is None:
            return ("docs/" + (self.src_path or "?"), None)
        return (self.current.rel_path, self.current.line_of(needle, pattern))


def build_context(
    project_dir: Path, docs_dir: Path, settings: dict, site_url: str = "", site_name: str = ""
) -> BuildContext:
    """Load and validate bib/ and data/; raises DiagnosticError on broken input."""
    bib_dir = project_dir / settings.get("bib_dir", "bib")
    data_dir = project_dir / settings.get("data_dir", "data")
    bib, notes = load_bibliography(bib_dir, project_dir)
    datasets = load_datasets(data_dir, project_dir, set(bib.entries))
    formatter = ReferenceFormatter(bib)
    return BuildContext(
        project_dir,
        docs_dir,
        bib,
        datasets,
        formatter,
        Citer(formatter),
        settings,
        site_url,
        notes,
        site_name=site_name,
    )
