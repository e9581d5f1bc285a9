"""Every diagnostic code the kit can emit is documented for contributors and tested at its place.

The codes are collected from the kit's source: every string literal shaped like a code
("bib.syntax", "cite.unknown-key"). For each, docs/contribute/errors.md must have a table row, and
some test must assert a whole message line with its location: `path:line: [code] text` (or
`path: [code] text` for a problem of a whole file or folder).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KIT = ROOT / "mkdocs_explainer"
LITERAL = re.compile(r"""["']([a-z]+\.[a-z][a-z-]*)["']""")
# Literals of that shape that are not diagnostic codes (meta names, file names).
NOT_CODES = {
    "dc.date",
    "dc.publisher",
    "dc.title",
    "dc.type",
    "index.html",
    "mkdocs.yml",
    "figures.yaml",
    "previews.js",
}


def kit_codes() -> list[str]:
    found = {m for path in KIT.glob("*.py") for m in LITERAL.findall(path.read_text(encoding="utf-8"))}
    return sorted(found - NOT_CODES)


def test_codes_are_found():
    codes = kit_codes()
    assert {
        "bib.syntax",
        "cite.unknown-key",
        "data.schema-syntax",
        "link.anchor",
        "bib.unrenderable-tex",
    } <= set(codes)
    assert len(codes) > 25


TESTS = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py") if p.name != Path(__file__).name
)
DOCS = (ROOT / "docs" / "contribute" / "errors.md").read_text(encoding="utf-8")
# A location: a path (possibly an f-string field) with an optional :line, then the code and some text.
PLACE = r"(?:[\w./-]|\{[^}]*\})+(?::(?:\d+|\{[^}]*\}))?: \[{code}\] (?:note: )?[^\s\"]{2}"


@pytest.mark.parametrize("code", kit_codes())
def test_code_is_documented(code):
    assert re.search(
        rf"^\| `{re.escape(code)}` \|", DOCS, re.MULTILINE
    ), f"{code} is not in a table of docs/contribute/errors.md: add a row with an example line and the fix"


@pytest.mark.parametrize("code", kit_codes())
def test_code_has_a_test_of_its_text_and_place(code):
    assert re.search(
        PLACE.replace("{code}", re.escape(code)), TESTS
    ), f"no test asserts a whole '{code}' message with its file:line; add one (tests/integration/test_bad_inputs.py)"
