"""Golden pairs for real exports: tests/unit/golden/exports.bib in, exports.html out, exactly.

As pybtex's own backend tests do: one file of BibTeX (an entry of each kind that Zotero, Better
BibTeX, PubMed and publishers export), read with the kit's loader and formatted with its style, and
the HTML it must give. After an intended change of the style, regenerate the HTML with
`UPDATE_GOLDEN=1 pytest tests/unit/test_golden.py` and review the diff.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from mkdocs_explainer.bibliography import load_bibliography
from mkdocs_explainer.citations import anchor
from mkdocs_explainer.formatting import ReferenceFormatter

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def formatted():
    bib, notes = load_bibliography(GOLDEN, ROOT)
    assert notes == []
    formatter = ReferenceFormatter(bib)
    return bib, {key: formatter.format(key) for key in bib.entries}


def render(formatted) -> str:
    _, results = formatted
    return "".join(f'<p id="{anchor(key)}">{entry.html}</p>\n' for key, (entry, _) in results.items())


def test_exports_render_to_the_golden_html(formatted):
    got = render(formatted)
    path = GOLDEN / "exports.html"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_only_the_unrenderable_entry_is_reported_with_file_line_and_key(formatted):
    _, results = formatted
    problems = [d.format() for _, diagnostics in results.values() for d in diagnostics]
    assert problems == [
        "tests/unit/golden/exports.bib:78: [bib.unrenderable-tex] entry 'odd2023' has TeX the reference style "
        "cannot render: '\\sqrt', '\\unknowncommand' (write it in Unicode (CD4⁺, ≥ 6), or in the TeX the kit "
        "reads: $^{+}$, $_{2}$, $\\alpha$, $\\geq$, $\\leq$, $\\pm$, $\\times$)"
    ]


def test_no_raw_tex_reaches_the_page(formatted):
    _, results = formatted
    for key, (entry, _) in results.items():
        shown = re.sub(r'href="[^"]*"', "", entry.html)
        assert not re.search(r"[$\\^]", shown), (key, shown)
        assert not re.search(r"[$\\^]", entry.text), (key, entry.text)


def test_biblatex_fields_become_the_ones_the_style_reads(formatted):
    bib, _ = formatted
    fields = bib.entries["Mackensen2022:anti-CD19"].fields
    assert (fields["journal"], fields["year"], fields["month"], fields["pmid"]) == (
        "Nature Medicine",
        "2022",
        "September",
        "36109639",
    )
    assert bib.entries["ema2024kymriah"].fields["year"] == "2024"


def test_math_in_the_plain_text_form(formatted):
    _, results = formatted
    text = results["math2023"][0].text
    assert (
        "CD4⁺ and CD8ˡᵒʷ T cells, IFN-α and CO₂ in ≥ 6 of 10 patients (≤ 2 flares, 3 ± 1 × 10⁶ cells, 37°C)"
        in text
    )


def test_key_with_capitals_colon_and_hyphen_keeps_its_location(formatted):
    bib, _ = formatted
    loc = bib.locations["Mackensen2022:anti-CD19"]
    assert (loc.path, loc.line) == ("tests/unit/golden/exports.bib", 49)
    assert anchor("Mackensen2022:anti-CD19") == "ref-Mackensen2022-anti-CD19"
    assert html.escape(anchor("Mackensen2022:anti-CD19")) == anchor("Mackensen2022:anti-CD19")
