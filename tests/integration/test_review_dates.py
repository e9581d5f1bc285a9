"""Reviewed pages: review dates and reviewers from front matter, checked, shown and in the JSON-LD."""

import json
import logging

import pytest

from tests.citable import Head, check_same_thing, records
from tests.sitebuild import ROOT, build_fixture, build_site, make_fixture

BIB = "@article{a2020, author = {A, A}, title = {T}, journal = {J}, year = {2020}}\n"

# The fixture site uses the real site's theme overrides, so the cite block and <head> are the real ones.
CONFIG = f"""\
site_name: "Coffee, Explained"
site_url: https://example.org/coffee/
theme:
  name: material
  custom_dir: {ROOT / "overrides"}
  font: false
plugins:
  - explainer:
      authors: ["Okafor, Ada"]
      reviewed_by: [{{name: Coffee Council}}]
      editorial_policy: policy.md
  - macros:
      on_error_fail: true
nav:
  - index.md
  - espresso.md
  - policy.md
"""


def page(front_matter: str, body: str = "# Page\n\nText.\n") -> str:
    return f"---\n{front_matter}---\n\n{body}"


def site(tmp_path, espresso: str, config: str = CONFIG):
    files = {
        "mkdocs.yml": config,
        "bib/refs.bib": BIB,
        "docs/index.md": page("title: Home\nreviewed: 2026-12-01\nreview_due: 2999-06-01\n"),
        "docs/espresso.md": espresso,
        "docs/policy.md": page("title: Editorial policy\n"),
    }
    return build_fixture(tmp_path, files=files)


def test_review_dates_reviewers_and_authors_from_front_matter(tmp_path):
    espresso = page(
        "title: Espresso\nauthors:\n  - Lindqvist, Karin\n  - van Dam, Anna Maria\n"
        'reviewed: 2026-12-01\nreview_due: 2999-06-01\nreviewed_by: ["Mensah, Kofi"]\n'
    )
    result = site(tmp_path, espresso)
    assert result.ok, result.messages
    html = result.html("espresso/index.html")
    assert (
        'Last reviewed: <time datetime="2026-12-01" class="page-reviewed">December 1, 2026</time> by Kofi Mensah'
        in html
    )
    assert 'Next review due: <time datetime="2999-06-01" class="page-review-due">June 1, 2999</time>' in html
    assert '<a href="../policy/">How we write and review pages</a>' in html
    head = Head()
    head.feed(html)
    ld = json.loads("".join(head.jsonld))
    assert ld["lastReviewed"] == "2026-12-01"
    assert ld["reviewedBy"] == {
        "@type": "Person",
        "name": "Kofi Mensah",
        "familyName": "Mensah",
        "givenName": "Kofi",
    }
    # the page's authors replace the configured ones, in every format
    assert check_same_thing(html) == []
    assert records(html)["citation_*"][0] == [
        ("person", "Lindqvist", "Karin"),
        ("person", "van Dam", "Anna Maria"),
    ]
    # the home page: the configured author, the configured reviewing organisation (no visible 'by')
    home = result.html("index.html")
    assert records(home)["CSL-JSON"][0] == [("person", "Okafor", "Ada")]
    assert "Last reviewed" in home and " by " not in home.split("Last reviewed")[1].split("</p>")[0]
    assert '"reviewedBy": {\n  "@type": "Organization",\n  "name": "Coffee Council"' in home
    # the policy page does not link to itself, and shows no review line without a reviewed: date
    assert "How we write and review pages" not in result.html("policy/index.html")
    assert "Last reviewed" not in result.html("policy/index.html")


def test_a_page_past_its_review_date_is_listed_as_info_with_file_and_line(tmp_path):
    result = site(tmp_path, page("title: Espresso\nreviewed: 2020-01-01\nreview_due: 2020-07-01\n"))
    assert result.ok, result.warnings  # info, not a warning: --strict still passes
    (record,) = [r for r in result.records if "[page.review-overdue]" in r.getMessage()]
    assert record.levelno == logging.INFO
    assert record.getMessage().startswith(
        "docs/espresso.md:4: [page.review-overdue] review was due on 2020-07-01 ("
    )
    assert record.getMessage().endswith(
        "days ago) (check the page against its sources, then set reviewed: and review_due: to new dates)"
    )


@pytest.mark.parametrize(
    "front_matter, expected",
    [
        (
            "title: Espresso\nreviewed: 2026-12-01\nreview_due: 2027-13-01\n",
            "docs/espresso.md:4: [page.date] review_due: not a date (month must be in 1..12) (write the date as YYYY-MM-DD)",
        ),
        (
            "title: Espresso\nreviewed: 1 December 2026\n",
            "docs/espresso.md:3: [page.date] reviewed: '1 December 2026' is not a date "
            "(write the date as YYYY-MM-DD, e.g. reviewed: 2026-12-01)",
        ),
        (
            "title: Espresso\nreviewed: 2026-12-01\nreview_due: 2026-06-01\n",
            "docs/espresso.md:4: [page.date] review_due: 2026-06-01 is not after reviewed: 2026-12-01 "
            "(set review_due to the date of the next review, e.g. six months after reviewed)",
        ),
        (
            "title: Espresso\nauthors:\n  - Karin Lindqvist\n",
            "docs/espresso.md:3: [page.people] authors: 'Karin Lindqvist' is not 'Family, Given' or an organisation "
            "(write a person as 'Family, Given', e.g. 'Smith, Jane', and an organisation as {name: ...})",
        ),
    ],
    ids=["impossible date", "not ISO", "due before reviewed", "person without comma"],
)
def test_a_bad_review_date_or_name_stops_the_build_with_file_and_line(tmp_path, front_matter, expected):
    result = site(tmp_path, page(front_matter))
    assert result.aborted
    assert any(expected in m for m in result.messages), result.messages


def test_a_bad_name_in_the_config_stops_the_build(tmp_path):
    config = CONFIG.replace('authors: ["Okafor, Ada"]', 'authors: ["Ada Okafor"]')
    result = site(tmp_path, page("title: Espresso\n"), config)
    assert result.aborted
    assert any(
        "mkdocs.yml: [config.people] authors: 'Ada Okafor' is not 'Family, Given' or an organisation" in m
        for m in result.messages
    ), result.messages


def test_an_editorial_policy_that_is_not_a_page_stops_the_build(tmp_path):
    config = CONFIG.replace("editorial_policy: policy.md", "editorial_policy: polcy.md")
    result = site(tmp_path, page("title: Espresso\n"), config)
    assert result.aborted
    assert any(
        "mkdocs.yml: [config.editorial-policy] editorial_policy: 'polcy.md' is not a page in the navigation "
        "(give the path of the page in docs/, e.g. editorial-policy.md)" in m
        for m in result.messages
    ), result.messages


def _no_authors_project(tmp_path, site_author: str = ""):
    config = CONFIG.replace('      authors: ["Okafor, Ada"]\n', "")
    if site_author:
        config = config.replace("site_url:", f'site_author: "{site_author}"\nsite_url:')
    return make_fixture(
        tmp_path,
        files={
            "mkdocs.yml": config,
            "bib/refs.bib": BIB,
            "docs/index.md": page("title: Home\n"),
            "docs/espresso.md": page("title: Espresso\n"),
            "docs/policy.md": page("title: Policy\n"),
        },
    )


def test_without_authors_no_one_is_invented(tmp_path):
    result = build_site(_no_authors_project(tmp_path), tmp_path / "site")
    assert result.ok, result.messages
    html = result.html("espresso/index.html")
    assert check_same_thing(html) == []
    assert all(r[0] == [] for r in records(html).values())
    assert '<meta name="author"' not in html


def test_a_site_author_that_zotero_would_split_into_a_person_is_a_warning(tmp_path):
    # Material writes site_author into <meta name="author">, which Zotero reads when there is no
    # citation_author, and splits: "Coffee, Explained editors" would become a person.
    result = build_site(
        _no_authors_project(tmp_path / "a", "Coffee, Explained editors"), tmp_path / "a" / "site"
    )
    assert result.aborted
    assert (
        "mkdocs.yml: [config.site-author] site_author 'Coffee, Explained editors' is not one of the explainer "
        "plugin's authors: Zotero would save it as a person (remove site_author, or list the person under the "
        "explainer plugin's authors: as 'Family, Given')"
    ) in result.warnings
    person = CONFIG.replace("site_url:", 'site_author: "Ada Okafor"\nsite_url:')
    assert site(tmp_path / "b", page("title: Espresso\n"), person).ok
