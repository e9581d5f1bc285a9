"""Lint the BibTeX in bib/ before it reaches a build: duplicate keys, missing DOI, missing fields.

    python tools/bib_lint.py [bib/ or files...]

Prints one compiler-style line per problem (`bib/studies.bib:12: [bib.missing-doi] ... (hint)`), the
same format as the site build, and exits 1 if there is any error. Needs only pybtex, so it runs
as a pre-commit hook without the site's other dependencies.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError

# `@article{key,` at the start of a line (pybtex keeps no line numbers).
ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
NON_ENTRY_TYPES = {"comment", "preamble", "string"}

# Fields the site's reference style (macros/styles.py) cannot do without; "a|b" means either.
REQUIRED = {
    "article": ["author", "title", "journal", "year"],
    "inproceedings": ["author", "title", "booktitle", "year"],
    "book": ["author|editor", "title", "year"],
    "misc": ["title", "author|organization|howpublished"],
}
DEFAULT_REQUIRED = ["title", "year"]
# Peer-reviewed work has a DOI; web pages and labels need at least a URL.
NEEDS_DOI = {"article"}
NO_DOI = re.compile(r"(?im)^[ \t]*%.*\bno-doi:")
KEY_CONVENTION = re.compile(r"^[a-z]+[0-9]{4}[a-z0-9]*$")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str
    error: bool = True

    def format(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message} ({self.hint})"


def lint_text(text: str, path: str, seen: dict[str, tuple[str, int]] | None = None) -> list[Problem]:
    """Problems in one file's text; `seen` (key -> first location) carries duplicates across files."""
    seen = {} if seen is None else seen
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    excused: set[str] = set()
    for m in ENTRY_START.finditer(text):
        if m.group(1).lower() in NON_ENTRY_TYPES:
            continue
        key, line = m.group(2), text.count("\n", 0, m.start()) + 1
        first = seen.get(key.lower())
        if first:
            problems.append(
                Problem(
                    path,
                    line,
                    "bib.duplicate-key",
                    f"'{key}' is defined twice: here and at {first[0]}:{first[1]}",
                    "keep one entry, or give the other a different key",
                )
            )
            continue
        seen[key.lower()] = (path, line)
        lines[key] = line
        if NO_DOI.search(_comment_above(text, m.start())):
            excused.add(key)
    if any(p.code == "bib.duplicate-key" and p.path == path for p in problems):
        return problems  # pybtex would stop at the duplicate; report it first
    try:
        entries = Parser().parse_string(text).entries
    except PybtexError as exc:
        line = getattr(exc, "lineno", None) or 1
        message = re.sub(r"^syntax error in line \d+: ", "", str(exc))
        return problems + [
            Problem(
                path,
                line,
                "bib.syntax",
                message,
                "check for a missing comma between fields or an unbalanced brace",
            )
        ]
    if not entries:
        problems.append(
            Problem(
                path,
                1,
                "bib.empty",
                "file holds no entry",
                "add an entry such as @article{key, ...} or delete the file",
            )
        )
    for key, entry in entries.items():
        line = lines.get(key, 1)
        kind = entry.type.lower()
        present = {f.lower() for f in entry.fields} | {r.lower() for r in entry.persons}
        for need in REQUIRED.get(kind, DEFAULT_REQUIRED):
            options = need.split("|")
            if not present & set(options):
                wanted = "' or '".join(options)
                problems.append(
                    Problem(
                        path,
                        line,
                        "bib.missing-field",
                        f"@{kind} '{key}' lacks the field '{wanted}'",
                        f"add {options[0]} = {{...}} to the entry",
                    )
                )
        if kind in NEEDS_DOI and "doi" not in present and key not in excused:
            problems.append(
                Problem(
                    path,
                    line,
                    "bib.missing-doi",
                    f"@{kind} '{key}' has no doi",
                    "add doi = {10.xxxx/...} from the journal page or search.crossref.org; "
                    "if it has none, write '% no-doi: <why>' on the line above the entry",
                )
            )
        elif kind not in NEEDS_DOI and not present & {"doi", "url"}:
            problems.append(
                Problem(
                    path,
                    line,
                    "bib.missing-doi",
                    f"@{kind} '{key}' has neither doi nor url",
                    "add doi = {...} or url = {...} so readers can find the source",
                )
            )
        doi = entry.fields.get("doi", "")
        if re.match(r"(?i)^(https?://|doi:)", doi):
            bare = re.sub(r"(?i)^(https?://(dx\.)?doi\.org/|doi:)", "", doi)
            problems.append(
                Problem(
                    path,
                    line,
                    "bib.doi-format",
                    f"doi of '{key}' is written as a link",
                    f"write the bare DOI: doi = {{{bare}}}",
                )
            )
        if not KEY_CONVENTION.match(key):
            problems.append(
                Problem(
                    path,
                    line,
                    "bib.key-style",
                    f"key '{key}' does not follow firstauthorYYYY[word]",
                    "e.g. mackensen2022 or wang2024cell; existing keys may stay",
                    error=False,
                )
            )
    return problems


def _comment_above(text: str, start: int) -> str:
    """The block of `%` comment lines directly above an entry."""
    block = []
    for line in reversed(text[:start].splitlines()):
        if not line.lstrip().startswith("%"):
            break
        block.append(line)
    return "\n".join(block)


def lint_paths(paths: list[Path]) -> list[Problem]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.rglob("*.bib")) if p.is_dir() else [p])
    seen: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for path in files:
        rel = path.as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            problems.append(
                Problem(
                    rel,
                    line,
                    "file.encoding",
                    f"byte 0x{exc.object[exc.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8",
                )
            )
            continue
        problems.extend(lint_text(text, rel, seen))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("bib")])
    parser.add_argument("--strict-keys", action="store_true", help="make key-style notes errors")
    args = parser.parse_args(argv)
    # Duplicates across files need all of them: pre-commit runs this with `pass_filenames: false`.
    problems = lint_paths(args.paths)
    for p in problems:
        print(p.format() if p.error or args.strict_keys else p.format().replace("]", "] note:", 1))
    errors = [p for p in problems if p.error or args.strict_keys]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
