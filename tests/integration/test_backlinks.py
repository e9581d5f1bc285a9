"""Back-links from a reference list entry to the places that cite it: one ↩ for a reference cited
once, "↩ a b c …" (as encyclopedias print them) for one cited many times."""

import html
import re

import pytest

from mkdocs_explainer.citations import backlink_label
from tests.sitebuild import build_fixture

BIB = r"""@article{often2020, author = {Often, Olga}, title = {Cited everywhere}, journal = {J One}, year = {2020}}
@article{once2021, author = {Once, Otto}, title = {Cited once}, journal = {J Two}, year = {2021}}
"""
TIMES = 30


def often_page() -> str:
    """A page citing often2020 30 times and once2021 once (in the middle)."""
    lines = [f'Claim {i} {{{{ cite("often2020") }}}}.' for i in range(1, TIMES + 1)]
    lines.insert(10, 'Aside {{ cite("once2021") }}.')
    return "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backlinks")
    result = build_fixture(tmp, files={"bib/refs.bib": BIB, "docs/index.md": often_page()})
    assert result.ok, result.warnings
    return result.html()


def entry(page_html: str, key: str) -> str:
    m = re.search(rf'<li id="ref-{key}" value="\d+">(.*?)</li>', page_html, re.S)
    assert m, f"no reference list entry for {key}"
    return m.group(1)


def backlinks(entry_html: str) -> list[tuple[str, str, str]]:
    """(href, aria-label, text) of each back-link."""
    return re.findall(
        r'<a class="citation-backlink" href="#([^"]+)" aria-label="([^"]+)">([^<]*)</a>', entry_html
    )


def test_letters_run_like_spreadsheet_columns():
    assert [backlink_label(i) for i in (0, 1, 25, 26, 27, 29, 51, 52, 701, 702)] == [
        "a", "b", "z", "aa", "ab", "ad", "az", "ba", "zz", "aaa",
    ]  # fmt: skip


def test_an_entry_cited_30_times_gets_lettered_backlinks_to_each_citation(built):
    often = entry(built, "often2020")
    links = backlinks(often)
    assert [text for _, _, text in links] == [backlink_label(i) for i in range(TIMES)]
    assert links[-1][2] == "ad"
    # Each goes to its own citation, in the page's order, and names where it goes.
    cite_ids = re.findall(
        r'<sup class="citation" id="(cite-\d+)">\[<a class="citation-link" href="#ref-often2020"', built
    )
    assert len(cite_ids) == TIMES
    assert [href for href, _, _ in links] == cite_ids
    assert [label for _, label, _ in links] == [
        f"Back to citation {i} of {TIMES} (reference 1)" for i in range(1, TIMES + 1)
    ]
    # One group, in small type (the class the stylesheet sizes), introduced by a single ↩ that
    # screen readers skip: the links carry the names.
    group = re.search(r'<span class="citation-backlinks">(.*)</span>', often, re.S)
    assert group, often
    assert html.unescape(group.group(1)).startswith('<span aria-hidden="true">↩\ufe0e</span> ')
    assert html.unescape(often).count("↩") == 1


def test_an_entry_cited_once_keeps_a_single_arrow(built):
    once = entry(built, "once2021")
    links = backlinks(once)
    assert len(links) == 1
    href, label, text = links[0]
    assert html.unescape(text) == "↩\ufe0e"
    assert label == "Back to the citation (reference 2)"
    assert f'<sup class="citation" id="{href}">' in built
    assert "citation-backlinks" not in once
