"""relative_url gives MkDocs' own answer (mkdocs.utils.get_relative_url) without importing MkDocs,
as mkdocs-autorefs tests its relative_url: a table of cases, each checked against both."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from mkdocs_explainer.urls import relative_url, root_prefix

# (from: a Page.url, to: a File.url or a site path, expected link)
CASES = [
    # directory URLs (use_directory_urls: true)
    ("", "data/trials.csv", "data/trials.csv"),
    ("", "./", "./"),
    ("", "faq/", "faq/"),
    ("faq/", "./", "../"),
    ("faq/", "faq/", "./"),
    ("faq/", "data/trials.csv", "../data/trials.csv"),
    ("studies/one/", "figures/chart.svg", "../../figures/chart.svg"),
    ("studies/one/", "studies/", "../"),
    ("studies/one/", "studies/two/", "../two/"),
    ("studies/", "studies/one/", "one/"),
    ("references/", "studies/one/", "../studies/one/"),
    ("references/", "./", "../"),
    # file URLs (use_directory_urls: false)
    ("index.html", "data/trials.csv", "data/trials.csv"),
    ("index.html", "faq.html", "faq.html"),
    ("faq.html", "index.html", "index.html"),
    ("studies/one.html", "figures/chart.svg", "../figures/chart.svg"),
    ("studies/one.html", "studies/two.html", "two.html"),
    ("studies/index.html", "studies/one.html", "one.html"),
    ("references.html", "studies/one.html", "studies/one.html"),
    ("a/b/c.html", "index.html", "../../index.html"),
    # odd but possible: percent-encoded and dotted names, a leading slash, '..' in a path
    ("caf%C3%A9/", "data/x.json", "../data/x.json"),
    ("v1.2/", "data/x.json", "../data/x.json"),
    ("/faq/", "data/x.json", "../data/x.json"),
    ("faq/", "a/../data/x.json", "../data/x.json"),
]


@pytest.mark.parametrize(("from_url", "to_url", "expected"), CASES)
def test_relative_url_is_mkdocs_get_relative_url(from_url, to_url, expected):
    assert relative_url(from_url, to_url) == expected
    assert get_relative_url(to_url, from_url) == expected


@pytest.mark.parametrize(
    ("from_url", "prefix"),
    [
        ("", ""),
        ("index.html", ""),
        ("faq/", "../"),
        ("faq.html", ""),
        ("studies/", "../"),
        ("studies/index.html", "../"),
        ("studies/one/", "../../"),
        ("studies/one.html", "../"),
    ],
)
def test_root_prefix_leads_from_a_page_to_the_site_root(from_url, prefix):
    assert root_prefix(from_url) == prefix
    assert prefix + "data/x.csv" == get_relative_url("data/x.csv", from_url)
