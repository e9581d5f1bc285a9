"""A site citing the golden exports (tests/unit/golden/exports.bib) as a contributor would."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitebuild import build_fixture

EXPORTS = (Path(__file__).resolve().parents[1] / "unit" / "golden" / "exports.bib").read_text(
    encoding="utf-8"
)
PAGE = """\
# Home

Edited {{ cite("tsokos2020") }}, Zotero {{ cite("Mackensen2022:anti-CD19") }} and math {{ cite("math2023") }}.

Named {{ citet("Mackensen2022:anti-CD19") }}.

{{ references() }}
"""


def test_keys_with_capitals_colons_and_hyphens_link_to_their_entry(tmp_path):
    good = EXPORTS[: EXPORTS.index("@article{odd2023")]
    result = build_fixture(tmp_path, files={"bib/refs.bib": good, "docs/index.md": PAGE})
    assert not result.aborted and not result.warnings, result.warnings
    page = result.html()
    assert '<li id="ref-Mackensen2022-anti-CD19" value="2">' in page
    assert page.count('href="#ref-Mackensen2022-anti-CD19"') == 2
    assert "Mackensen et al. <" in page  # citet() names the first author
    assert "Tsokos GC, ed. Systemic Lupus Erythematosus" in page
    refs = page[page.index('<ol class="references">') :]
    assert "CD4⁺" in refs and not re.search(r"[$\\^]", re.sub(r'(href|title)="[^"]*"', "", refs))


def test_tex_the_style_cannot_render_is_reported_at_the_entry(tmp_path):
    page = '# Home\n\nOdd {{ cite("odd2023") }}.\n\n{{ references() }}\n'
    result = build_fixture(tmp_path, files={"bib/refs.bib": EXPORTS, "docs/index.md": page})
    line = EXPORTS[: EXPORTS.index("@article{odd2023")].count("\n") + 1
    assert result.aborted
    assert [w for w in result.warnings if "[bib." in w] == [
        f"bib/refs.bib:{line}: [bib.unrenderable-tex] entry 'odd2023' has TeX the reference style cannot render: "
        "'\\sqrt', '\\unknowncommand' (write it in Unicode (CD4⁺, ≥ 6), or in the TeX the kit reads: "
        "$^{+}$, $_{2}$, $\\alpha$, $\\geq$, $\\leq$, $\\pm$, $\\times$)"
    ]
    assert "Titres of x and words in SLE" in result.html()
