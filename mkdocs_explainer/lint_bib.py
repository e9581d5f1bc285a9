"""Lint bib/ before it reaches a build, with the build's own loader and reference style.

    python -m mkdocs_explainer lint-bib [bib/ ...]

What the build would report about bib/ comes from the same code (load_bibliography for syntax,
duplicate keys, encoding and empty folders; the style's formatting for missing fields and TeX it
cannot render), so the two cannot disagree. On top, the project's conventions, which a build does
not enforce: a DOI for every article (or a `% no-doi: <why>` comment above it), a DOI or URL for
every other work, a bare DOI, and keys in the form firstauthorYYYY (a note only).
Prints compiler-style lines and returns 1 if there is any error or warning.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from .bibliography import index_entries, load_bibliography
from .diagnostics import INFO, Diagnostic, DiagnosticError
from .formatting import ReferenceFormatter

NEEDS_DOI = {"article"}  # peer-reviewed work has a DOI; web pages and labels need at least a URL
NO_DOI = re.compile(r"(?im)^[ \t]*%.*\bno-doi:")
KEY_CONVENTION = re.compile(r"^[a-z]+[0-9]{4}[a-z0-9]*$")


def lint(bib_dir: Path, project_dir: Path) -> list[Diagnostic]:
    """Every problem in one bib/ folder, in the order of the files and entries."""
    try:
        bib, notes = load_bibliography(bib_dir, project_dir)
    except DiagnosticError as exc:
        return exc.diagnostics  # a build stops here too: nothing after it would be reliable
    problems = list(notes)
    excused = _excused(bib_dir)
    formatter = ReferenceFormatter(bib)
    for key, entry in bib.entries.items():
        problems.extend(formatter.format(key)[1])  # the style's required fields, its TeX
        problems.extend(_conventions(key, entry, bib.locations[key], key in excused))
    return problems


def _conventions(key, entry, loc, excused: bool) -> list[Diagnostic]:
    kind = entry.type.lower()
    fields = {name.lower() for name in entry.fields}
    out = []
    if kind in NEEDS_DOI and "doi" not in fields and not excused:
        out.append(
            Diagnostic(
                "bib.missing-doi",
                f"@{kind} '{key}' has no doi",
                loc.path,
                loc.line,
                "add doi = {10.xxxx/...} from the journal page or search.crossref.org; "
                "if it has none, write '% no-doi: <why>' on the line above the entry",
            )
        )
    elif kind not in NEEDS_DOI and not fields & {"doi", "url"}:
        out.append(
            Diagnostic(
                "bib.missing-doi",
                f"@{kind} '{key}' has neither doi nor url",
                loc.path,
                loc.line,
                "add doi = {...} or url = {...} so readers can find the source",
            )
        )
    doi = entry.fields.get("doi", "")
    if re.match(r"(?i)^(https?://|doi:)", doi):
        bare = re.sub(r"(?i)^(https?://(dx\.)?doi\.org/|doi:)", "", doi)
        out.append(
            Diagnostic(
                "bib.doi-format",
                f"doi of '{key}' is written as a link",
                loc.path,
                loc.line,
                f"write the bare DOI: doi = {{{bare}}}",
            )
        )
    if not KEY_CONVENTION.match(key):
        out.append(
            Diagnostic(
                "bib.key-style",
                f"key '{key}' does not follow firstauthorYYYY[word]",
                loc.path,
                loc.line,
                "e.g. smith2020 or lee2021food; existing keys may stay",
                severity=INFO,
            )
        )
    return out


def _excused(bib_dir: Path) -> set[str]:
    """Keys with a `% no-doi: <why>` comment in the block of comment lines right above them."""
    keys = set()
    for path in sorted(bib_dir.rglob("*.bib")) if bib_dir.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        for key, _, start in index_entries(text):
            block = []
            for line in reversed(text[:start].splitlines()):
                if not line.lstrip().startswith("%"):
                    break
                block.append(line)
            if NO_DOI.search("\n".join(block)):
                keys.add(key)
    return keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mkdocs_explainer lint-bib", description=__doc__.splitlines()[0]
    )
    parser.add_argument("folders", nargs="*", type=Path, default=[Path("bib")], help="folders of .bib files")
    parser.add_argument("--strict-keys", action="store_true", help="make key-style notes errors")
    args = parser.parse_args(argv)
    failed = False
    for folder in args.folders:
        for d in lint(folder, Path.cwd()):
            fails = d.severity != INFO or args.strict_keys
            failed |= fails
            print(d.format() if fails else d.format().replace("] ", "] note: ", 1))
    return 1 if failed else 0
