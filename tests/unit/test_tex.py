"""tex.py: the TeX of medical titles as text, and what it cannot render."""

from __future__ import annotations

import pytest

from mkdocs_explainer.styles import _decoded

CASES = [
    ("CD4$^{+}$ T cells", "CD4{⁺} T cells", []),
    ("CD4$^+$ and CD8$^-$", "CD4{⁺} and CD8{⁻}", []),
    (r"IFN-$\alpha$ and TNF-$\beta$", "IFN-{α} and TNF-{β}", []),
    (r"$\geq$ 6 and $\leq$ 2, 3 $\pm$ 1 $\times$ 10$^{6}$", "{≥} 6 and {≤} 2, 3 {±} 1 {×} 10{⁶}", []),
    ("CO$_2$ and H$_{2}$O", "CO{₂} and H{₂}O", []),
    (r"CD8$^{\text{low}}$, IL-2$^{\rm high}$", "CD8{ˡᵒʷ}, IL-2{ʰⁱᵍʰ}", []),
    (r"37$^\circ$C, $\Delta$SLEDAI", "37{°}C, {Δ}SLEDAI", []),
    (r"\textsuperscript{+} and \emph{in vivo}", "{⁺} and {in vivo}", []),
    (r"US\$ 500 and 50\% of", "US$ 500 and 50% of", []),
    (r"$\sqrt{2}$", "{2}", [r"\sqrt"]),
    (r"$x^{q}$", "{xq}", ["^q"]),  # no Unicode superscript q: shown on the line
    ("unbalanced $x", "unbalanced x", ["$x"]),
    ("a^b", "ab", ["^b"]),
    (r"\unknown{words} here", "{words} here", [r"\unknown"]),
]


@pytest.mark.parametrize("latex, text, problems", CASES, ids=[c[0] for c in CASES])
def test_tex_as_text(latex, text, problems):
    assert _decoded(latex) == (text, tuple(problems))
