"""Load every .bib file under bib/ with one pybtex parser, remembering where each entry is.

Entries exported as biblatex (Zotero, Better BibTeX) get the BibTeX fields the style reads:
`journaltitle` -> `journal`, `date = {2022-09-15}` -> `year` and `month`, `eprint` with
`eprinttype = {pubmed}` -> `pmid`. Other fields (abstract, file, keywords, langid) stay unread.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError

from .diagnostics import WARNING, Diagnostic, DiagnosticError, not_utf8

# Raise on syntax errors instead of printing them to stderr and carrying on.
pybtex.errors.set_strict_mode(True)

# `@article{key,` at the start of a line; pybtex keeps no line numbers, so we index them ourselves.
ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
NON_ENTRY_TYPES = {"comment", "preamble", "string"}
MONTHS = "January February March April May June July August September October November December".split()
# What an empty bib/ makes every citation and data source into; reported once, as its cause.
CONSEQUENCES = ("cite.unknown-key", "data.unknown-source")


@dataclass(frozen=True)
class Location:
    path: str  # project-relative, e.g. "bib/studies.bib"
    line: int


class Bibliography:
    """The entries of bib/, where each one is, and a hash of each one's source text.

    From the disk cache the entries stay pickled until something asks for `entries`: a build
    whose formatted references and cite blocks are all cached needs only the keys, locations and
    fingerprints, and unpickling a thousand pybtex entries took longer than the rest of loading
    the cache, and several times its memory.
    """

    def __init__(self):
        self._entries: dict[str, Entry] | None = {}
        self._pickled: bytes | None = None  # the entries, while _entries is None
        self._keys: dict[str, None] = {}  # the entries' keys, while _entries is None
        self.locations: dict[str, Location] = {}
        # Hash of each entry's own source text: the key for caching its formatted output.
        self.fingerprints: dict[str, str] = {}

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = pickle.loads(self._pickled)
            self._pickled = None
        return self._entries

    @property
    def entries_loaded(self) -> bool:
        return self._entries is not None

    def keys(self) -> Iterable[str]:
        return self._keys if self._entries is None else self._entries.keys()

    def __contains__(self, key: str) -> bool:
        return key in self.keys()

    def __len__(self) -> int:
        return len(self.keys())

    def __getstate__(self) -> dict:
        pickled = self._pickled
        if self._entries is not None:
            pickled = pickle.dumps(self._entries, protocol=pickle.HIGHEST_PROTOCOL)
        return {
            "entries": pickled,
            "keys": dict.fromkeys(self.keys()),
            "locations": self.locations,
            "fingerprints": self.fingerprints,
        }

    def __setstate__(self, state: dict) -> None:
        self._entries, self._pickled, self._keys = None, state["entries"], state["keys"]
        self.locations, self.fingerprints = state["locations"], state["fingerprints"]

    @property
    def data(self) -> BibliographyData:
        return BibliographyData(entries=self.entries)


def index_entries(text: str) -> list[tuple[str, int, int]]:
    """(key, line, start offset) of each entry in raw BibTeX text."""
    found = []
    for m in ENTRY_START.finditer(text):
        if m.group(1).lower() in NON_ENTRY_TYPES:
            continue
        found.append((m.group(2), text.count("\n", 0, m.start()) + 1, m.start()))
    return found


def _fingerprint(text: str, start: int, end: int) -> str:
    return hashlib.sha256(text[start:end].encode("utf-8")).hexdigest()[:16]


def read_bib_file(path: Path, rel: str) -> tuple[str, list[Diagnostic]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as exc:
        return "", [not_utf8(exc.object, exc.start, rel)]


def load_bibliography(bib_dir: Path, project_dir: Path) -> tuple[Bibliography, list[Diagnostic]]:
    """Parse every .bib file under bib_dir.

    Structural problems (syntax, duplicate keys, encoding) raise DiagnosticError with all of
    them; softer findings (an empty file) come back as diagnostics.
    """
    bib = Bibliography()
    errors: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    seen: dict[str, Location] = {}
    files = sorted(bib_dir.rglob("*.bib")) if bib_dir.is_dir() else []
    empty_files: list[str] = []
    for path in files:
        rel = _rel(path, project_dir)
        text, problems = read_bib_file(path, rel)
        if problems:
            errors.extend(problems)
            continue
        starts = index_entries(text)
        file_dup = False
        for i, (key, line, start) in enumerate(starts):
            end = starts[i + 1][2] if i + 1 < len(starts) else len(text)
            first = seen.get(key.lower())  # BibTeX keys are case-insensitive
            if first:
                errors.append(
                    Diagnostic(
                        "bib.duplicate-key",
                        f"'{key}' is defined twice: here and at {first.path}:{first.line}",
                        rel,
                        line,
                        "keep one entry, or give the other a different key",
                    )
                )
                file_dup = True
                continue
            bib.locations[key] = seen[key.lower()] = Location(rel, line)
            bib.fingerprints[key] = _fingerprint(text, start, end)
        if file_dup:
            continue
        try:
            parsed = Parser().parse_string(text)
        except PybtexSyntaxError as exc:
            message = re.sub(r"^syntax error in line \d+: ", "", str(exc))
            line = getattr(exc, "lineno", None)
            errors.append(Diagnostic("bib.syntax", message, rel, line, _syntax_hint(text, line)))
            continue
        except Exception as exc:  # pybtex reports other malformations with its own types
            errors.append(Diagnostic("bib.syntax", str(exc), rel, None, "check the file's BibTeX syntax"))
            continue
        if not parsed.entries:
            empty_files.append(rel)
        for key, entry in parsed.entries.items():
            biblatex_fields(entry)
            if key not in bib.locations:  # an entry our line index missed: still usable
                bib.locations[key] = Location(rel, 1)
                bib.fingerprints[key] = hashlib.sha256(entry.to_string("bibtex").encode()).hexdigest()[:16]
            bib.entries[key] = entry
    if errors:
        raise DiagnosticError(errors)
    folder = _rel(bib_dir, project_dir) + "/"
    if not bib.entries:
        notes.append(_no_entries(bib_dir, folder, [_rel(p, bib_dir) for p in files]))
    else:
        notes.extend(
            Diagnostic(
                "bib.empty",
                "file holds no entry",
                rel,
                1,
                "add an entry such as @article{key, ...} or delete the file",
                severity=WARNING,
            )
            for rel in empty_files
        )
    return bib, notes


def _no_entries(bib_dir: Path, folder: str, files: list[str]) -> Diagnostic:
    """The root cause of every unknown key and source when bib/ holds nothing."""
    if not bib_dir.is_dir():
        what, fix = (
            f"the folder {folder} does not exist",
            f"create it and add your references to {folder}references.bib",
        )
    elif not files:
        what, fix = f"no .bib file in {folder}", f"add your references to {folder}references.bib"
    else:
        what = f"no entries in {folder} (found: {', '.join(files)})"
        fix = f"add entries such as @article{{key, ...}} to {folder}{files[0]}"
    return Diagnostic(
        "bib.empty",
        f"{what}, so no reference can be cited",
        folder,
        None,
        fix,
        severity=WARNING,
        consequences=CONSEQUENCES,
    )


def biblatex_fields(entry: Entry) -> None:
    """Add the BibTeX fields the style reads to an entry written in biblatex (as Zotero exports)."""
    fields = entry.fields
    if "journal" not in fields and fields.get("journaltitle"):
        fields["journal"] = fields["journaltitle"]
    m = re.match(r"\s*(\d{4})(?:-(\d{2}))?", fields.get("date", ""))
    if m:
        if "year" not in fields:
            fields["year"] = m[1]
        if m[2] and "month" not in fields and 1 <= int(m[2]) <= 12:
            fields["month"] = MONTHS[int(m[2]) - 1]
    if "pmid" not in fields and fields.get("eprinttype", "").strip().lower() in ("pubmed", "pmid"):
        fields["pmid"] = fields.get("eprint", "").strip()


def _syntax_hint(text: str, line: int | None) -> str:
    source = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "@" in source and source.lstrip().startswith("%"):
        return "BibTeX reads every '@' as the start of an entry, even in a % comment: remove it there"
    return "check for a missing comma between fields or an unbalanced brace in the entry just above"


def _rel(path: Path, project_dir: Path) -> str:
    try:
        return path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
