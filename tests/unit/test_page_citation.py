"""Cite this page: every format says the same thing, and the <meta> tags are the ones Zotero reads right."""

import html

import jinja2
import pytest

from mkdocs_explainer.page_citation import PageInfo, citation_authors, cite_block
from tests.citable import check_same_thing, records, zotero_creators
from tests.sitebuild import ROOT

SMITH = {"family": "Smith", "given": "Jane"}
VAN_DAM = {"family": "van Dam", "given": "Anna Maria"}
WHO = {"name": "Coffee Council, Inc."}


def info(**kw) -> PageInfo:
    base = dict(
        title="Espresso, explained",
        url="https://example.org/espresso/",
        site_name="Coffee, Explained",
        authors=[],
        updated="2026-11-30",
        reviewed="2026-12-01",
        review_due="2027-06-01",
        description="How espresso is made.",
        src_path="espresso.md",
    )
    return PageInfo(**{**base, **kw})


def page_html(page: PageInfo) -> str:
    """The page's head as overrides/main.html writes it, and its cite block from the real partial."""
    block = cite_block(page, {})
    e = html.escape
    head = "".join(f'<meta name="{e(n)}" content="{e(c)}">' for n, c in block["meta"])
    head += "".join(f'<meta property="{e(p)}" content="{e(c)}">' for p, c in block["og"])
    head += f'<script type="application/ld+json">{block["json_ld"]}</script>'
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=False)
    body = env.get_template("partials/cite-this-page.html").render(explainer_cite=block)
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "authors",
    [[], [SMITH], [VAN_DAM], [SMITH, VAN_DAM], [WHO], [SMITH, WHO]],
    ids=[
        "none",
        "one person",
        "one person, spaces in both names",
        "two people",
        "organisation",
        "person and organisation",
    ],
)
def test_every_format_says_the_same_thing(authors):
    text = page_html(info(authors=authors))
    assert check_same_thing(text) == []
    # what Zotero saves from the page: the people, each with the right family and given name
    people = [("person", a["family"], a["given"]) for a in authors if "family" in a]
    assert records(text)["citation_*"][0] == people


def test_the_check_notices_a_format_that_disagrees():
    text = page_html(info(authors=[SMITH])).replace("TI  - Espresso", "TI  - Latte", 1)
    text = text.replace("TI%20%20-%20Espresso", "TI%20%20-%20Latte")
    assert any(p.startswith("RIS:") for p in check_same_thing(text))


def test_an_organisation_never_reaches_citation_author():
    # Zotero's cleanAuthor would make a person of it: 'Coffee Council' + 'Inc.' or 'Explained' + 'editors'
    assert citation_authors([WHO, {"name": "Coffee, Explained editors"}]) == []
    names = dict(cite_block(info(authors=[WHO]), {})["meta"])
    assert "citation_author" not in names


def test_a_lone_author_with_spaces_in_both_names_stays_one_person():
    # One citation_author "van Dam, Anna Maria" is read by Zotero as two people, 'van Dam' and 'Anna Maria'
    # (the real translation-server did so with 'van Vollenhoven, Ronald F.': see ../shared/notes/zotero.md)
    assert zotero_creators(["van Dam, Anna Maria"]) == [("person", "Dam", "van"), ("person", "Maria", "Anna")]
    assert citation_authors([VAN_DAM]) == ["van Dam, Anna Maria;"]
    assert zotero_creators(citation_authors([VAN_DAM])) == [("person", "van Dam", "Anna Maria")]
    assert citation_authors([VAN_DAM, SMITH]) == ["van Dam, Anna Maria", "Smith, Jane"]


def test_no_dc_type_and_no_other_author_tags():
    names = [n for n, _ in cite_block(info(authors=[SMITH]), {})["meta"]]
    # Zotero copies any dc.type into websiteType, which APA prints as "[Text]"
    assert "dc.type" not in names
    # dc.creator and author would be split by cleanAuthor without the comma rule
    assert "dc.creator" not in names and "author" not in names


def test_review_dates_and_reviewers():
    import json

    block = cite_block(info(reviewers=[SMITH, VAN_DAM]), {})
    assert (block["reviewed_display"], block["review_due_display"]) == ("December 1, 2026", "June 1, 2027")
    assert block["reviewers"] == "Jane Smith and Anna Maria van Dam"
    ld = json.loads(block["json_ld"])
    assert ld["lastReviewed"] == "2026-12-01"
    assert ld["reviewedBy"] == [
        {"@type": "Person", "name": "Jane Smith", "familyName": "Smith", "givenName": "Jane"},
        {"@type": "Person", "name": "Anna Maria van Dam", "familyName": "van Dam", "givenName": "Anna Maria"},
    ]
    org = json.loads(cite_block(info(reviewers=[WHO]), {})["json_ld"])
    assert org["reviewedBy"] == {"@type": "Organization", "name": "Coffee Council, Inc."}
    assert cite_block(info(reviewers=[WHO]), {})["reviewers"] is None  # no visible 'by' for an organisation
