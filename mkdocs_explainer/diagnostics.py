"""Diagnostics: one compiler-style format for every problem the build reports.

`docs/studies/roasting.md:42: [cite.unknown-key] 'smtih2020' is not in bib/ (did you mean 'smith2020'?)`

Editors make the `path:line` clickable and tests can match the whole line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    code: str  # stable dotted code, e.g. "cite.unknown-key"
    message: str
    path: str | None = None  # relative to the project root, e.g. "bib/studies.bib"
    line: int | None = None  # 1-based; None when unknown
    hint: str | None = None  # how to fix it
    severity: str = ERROR
    subject: str | None = None  # what it is about (an unknown key): repeats are grouped on it
    consequences: tuple[str, ...] = ()  # codes that follow from this problem and are not shown
    tally: str | None = None  # set by report.group(), e.g. "cited 12 times, first here"

    def format(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        tally = f" — {self.tally}" if self.tally else ""
        return f"{where}[{self.code}] {self.message}{hint}{tally}"

    __str__ = format


class DiagnosticError(Exception):
    """Raised by loaders when input is structurally broken; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def not_utf8(raw: bytes, offset: int, rel: str) -> Diagnostic:
    """A file that is not UTF-8, at the line of its first bad byte (raw[offset])."""
    return Diagnostic(
        "file.encoding",
        f"byte 0x{raw[offset]:02x} is not valid UTF-8",
        rel,
        raw[:offset].count(b"\n") + 1,
        "save the file as UTF-8",
    )


def line_of_offset(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
