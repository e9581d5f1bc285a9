"""Golden pairs: BibTeX in, reference HTML out (in the manner of pybtex's backend tests)."""

import pytest
from pybtex.database import parse_string
from pybtex.style.template import FieldIsMissing

from mkdocs_explainer.styles import format_entry

GOLDEN = [
    (
        "accents, six authors then et al., DOI and PubMed links",
        r"""@article{mackensen2022,
  author  = {Mackensen, Andreas and M{\"u}ller, Fabian and Mougiakakos, Dimitrios and B{\"o}ltz, Sebastian and Wilhelm, Artur and Aigner, Michael and V{\"o}lkl, Simon},
  title   = {Anti-{CD19} {CAR} {T} cell therapy for refractory systemic lupus erythematosus},
  journal = {Nature Medicine}, shortjournal = {Nat Med},
  year = {2022}, volume = {28}, number = {10}, pages = {2124--2132},
  doi = {10.1038/s41591-022-02017-5}, pmid = {36109639}}""",
        "Mackensen A, Müller F, Mougiakakos D, Böltz S, Wilhelm A, Aigner M, et al. "
        "Anti-CD19 CAR T cell therapy for refractory systemic lupus erythematosus. <em>Nat Med</em>. "
        '2022;28(10):2124–2132. doi:<a href="https://doi.org/10.1038/s41591-022-02017-5">10.1038/s41591-022-02017-5</a>. '
        'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/36109639/">36109639</a>.',
    ),
    (
        "sentence case keeps protected capitals; particles stay with the surname; no PMID link",
        r"""@article{vv2021,
  author = {van Vollenhoven, Ronald F. and Bertsias, George},
  title = {2021 {DORIS} Definition of Remission in {SLE}},
  journal = {Lupus Science \& Medicine}, year = {2021}, volume = {8}, number = {1}, pages = {e000538},
  doi = {10.1136/lupus-2021-000538}}""",
        "van Vollenhoven RF, Bertsias G. 2021 DORIS definition of remission in SLE. "
        "<em>Lupus Science &amp; Medicine</em>. 2021;8(1):e000538. "
        'doi:<a href="https://doi.org/10.1136/lupus-2021-000538">10.1136/lupus-2021-000538</a>.',
    ),
    (
        "'and others' gives et al.; no DOI, no number",
        r"""@article{k2024, author = {Krickau, Tobias and others},
  title = {{CAR} {T}-cell therapy rescues an adolescent}, journal = {The Lancet},
  year = {2024}, volume = {403}, pages = {1627--1630}}""",
        "Krickau T, et al. CAR T-cell therapy rescues an adolescent. <em>The Lancet</em>. 2024;403:1627–1630.",
    ),
    (
        "a web page with URL and access date",
        r"""@misc{fda2024, author = {{U.S. Food and Drug Administration}},
  title = {FDA Investigating Serious Risk of T-cell Malignancy},
  howpublished = {FDA safety communication}, year = {2024},
  url = {https://www.fda.gov/example}, urldate = {2026-11-25}}""",
        "U.S. Food and Drug Administration. FDA Investigating Serious Risk of T-cell Malignancy. "
        "FDA safety communication. 2024. Available at: "
        '<a href="https://www.fda.gov/example">https://www.fda.gov/example</a>. Accessed 2026-11-25.',
    ),
    (
        "a conference abstract",
        r"""@inproceedings{schett2022acr, author = {Schett, Georg and Mackensen, Andreas},
  title = {{CAR} {T} Cell Treatment of Refractory Systemic Lupus Erythematosus},
  booktitle = {ACR Convergence 2022}, year = {2022}, url = {https://acrabstracts.org/abstract/x}}""",
        "Schett G, Mackensen A. CAR T cell treatment of refractory systemic lupus erythematosus. "
        "Presented at: ACR Convergence 2022; 2022. Available at: "
        '<a href="https://acrabstracts.org/abstract/x">https://acrabstracts.org/abstract/x</a>.',
    ),
]


def _entry(bibtex):
    data = parse_string(bibtex, "bibtex")
    return next(iter(data.entries.values()))


@pytest.mark.parametrize("label,bibtex,expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_html(label, bibtex, expected):
    html, _ = format_entry(_entry(bibtex))
    assert html == expected
    assert "bibtex-protected" not in html


def test_plain_text_form_has_no_markup():
    _, text = format_entry(_entry(GOLDEN[0][1]))
    assert text.startswith("Mackensen A, Müller F")
    assert "<" not in text and "Nat Med. 2022;28(10):2124–2132." in text


def test_markup_in_fields_is_escaped():
    html, _ = format_entry(
        _entry(r"""@article{x, author = {Evil, Eve},
      title = {<script>alert(1)</script> and {<b>bold</b>}}, journal = {J}, year = {2020}}""")
    )
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_unsafe_url_scheme_is_not_linked():
    html, _ = format_entry(
        _entry(r"""@misc{x, author = {A, B}, title = {T}, year = {2020},
      url = {javascript:alert(1)}}""")
    )
    assert "href" not in html


def test_quote_in_doi_cannot_break_the_attribute():
    html, _ = format_entry(
        _entry(r"""@article{x, author = {A, B}, title = {T}, journal = {J}, year = {2020},
      doi = {10.1/a"onmouseover="x}}""")
    )
    from html.parser import HTMLParser

    attrs = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, a):
            attrs.extend(name for name, _ in a)

    Collect().feed(html)
    assert attrs == ["href"]  # no injected onmouseover attribute


def test_missing_required_field_raises():
    with pytest.raises(FieldIsMissing):
        format_entry(_entry(r"@article{x, author = {A, B}, title = {T}, year = {2020}}"))


def test_article_without_verified_authors_is_listed_by_title():
    html, _ = format_entry(
        _entry(
            r"@article{x, title = {Closed-system manufacturing}, journal = {Cytotherapy},"
            r" year = {2018}, volume = {20}, number = {3}, pages = {394--406}}"
        )
    )
    assert html == "Closed-system manufacturing. <em>Cytotherapy</em>. 2018;20(3):394–406."


def test_no_double_period_after_question_mark_or_et_al():
    html, _ = format_entry(
        _entry(
            r"@article{x, author = {Stojkic, I. and others}, title = {A new era of hope?},"
            r" journal = {Pediatr Rheumatol}, year = {2024}}"
        )
    )
    assert html == "Stojkic I, et al. A new era of hope? <em>Pediatr Rheumatol</em>. 2024."


def _bib_strings() -> set[str]:
    """Every field value and name part of the project's bib/, as pybtex hands them to the style."""
    from pathlib import Path

    from pybtex.database import parse_file

    strings: set[str] = set()
    for path in sorted((Path(__file__).resolve().parents[2] / "bib").glob("*.bib")):
        for entry in parse_file(str(path)).entries.values():
            strings.update(entry.fields.values())
            for person in (p for people in entry.persons.values() for p in people):
                strings.update(person.first_names + person.middle_names + person.prelast_names)
                strings.update(person.last_names + person.lineage_names)
    return strings


def test_latex_shortcut_decodes_exactly_as_latexcodec():
    """The shortcut in mkdocs_explainer.styles.decode_latex must give latexcodec's output, string for string:
    on all of bib/ and on random strings built from the characters where the two could differ."""
    import codecs
    import random

    from mkdocs_explainer.styles import BRACES_AND_DASHES, decode_latex

    strings = _bib_strings()
    covered = sum(1 for s in strings if BRACES_AND_DASHES.fullmatch(s))
    assert covered > 0.9 * len(strings), "the shortcut should cover most of bib/, or it is not worth having"
    rng = random.Random(19)
    alphabet = list("aZ -{}',.!?:;()/09éØ") + ["--", "---", "''", ",,", "  ", "`", "~", "\\", "$", "%", "\n"]
    strings.update("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000))

    def outcome(decode, s):
        try:
            return decode(s)
        except UnicodeDecodeError:  # a stray backslash: both must refuse it
            return UnicodeDecodeError

    for s in strings:
        assert outcome(decode_latex, s) == outcome(lambda t: codecs.decode(t, "ulatex"), s), repr(s)


@pytest.mark.parametrize(
    "latex, shortcut",
    [
        ("{BCMA-CD19} compound {CAR} {T} cells", True),
        ("1304--1314", True),
        ("a --- b", True),
        ('M{\\"u}ller', False),  # a backslash: accents need latexcodec
        ("two  spaces", False),  # latexcodec collapses them
        (" leading", False),
        ("``quoted''", False),
        ("non~breaking", False),
        ("50% of", False),
        ("$x$", False),
    ],
)
def test_latex_shortcut_takes_only_what_it_can_decode(latex, shortcut):
    from mkdocs_explainer.styles import BRACES_AND_DASHES

    assert bool(BRACES_AND_DASHES.fullmatch(latex)) is shortcut


def test_latex_to_text_renders_as_pybtex_does():
    """latex_to_text skips pybtex's parser when the braces balance: the same text as rendering
    `text_from_latex`, on all of bib/ and on random strings of braces, TeX and punctuation."""
    import random

    from pybtex.scanner import PybtexSyntaxError

    from mkdocs_explainer.styles import TEXT_BACKEND, latex_to_text, text_from_latex

    rng = random.Random(23)
    alphabet = list("aZ -{}{}}',.!?éØ") + ["--", '\\"u', "\\{", "\\}", "$^{+}$", "$x", "\\emph{", "~", "\\&"]
    strings = _bib_strings() | {
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) for _ in range(20000)
    }

    def outcome(render, s):
        try:
            return render(s)
        except PybtexSyntaxError:  # unbalanced braces: both must refuse them
            return PybtexSyntaxError

    braced = 0
    for s in strings:
        braced += "{" in s
        assert outcome(latex_to_text, s) == outcome(
            lambda t: text_from_latex(t).render(TEXT_BACKEND), s
        ), repr(s)
    assert braced > 5000
