"""Internal links and anchors in the built site, checked offline with tools/check_links.py.

MkDocs validates the Markdown links it rewrites; the raw HTML that macros write (citations
`#ref-...`, back-links `#cite-N`, downloads `data/*.csv`) it never sees, so these tests do.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.sitebuild import build_fixture
from tools.check_links import check_site, main

BIB = """\
@article{alpha2020, author = {Alpha, Ann}, title = {First}, journal = {J}, year = {2020}, doi = {10.1/a}}
@article{beta2021, author = {Beta, Bo}, title = {Second}, journal = {J}, year = {2021}, doi = {10.1/b}}
"""
SCHEMA = {
    "type": "array",
    "title": "Trials",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "description": "Name."},
            "source": {"type": "string", "description": "Bib key."},
        },
    },
}
FILES = {
    "bib/refs.bib": BIB,
    "data/trials.yaml": "- name: First\n  source: alpha2020\n- name: Second\n  source: beta2021\n",
    "data/schema/trials.schema.json": json.dumps(SCHEMA),
    "docs/index.md": '# Home\n\nA {{ cite("alpha2020") }} and B {{ cite("alpha2020", "beta2021") }}.\n\n'
    "Go to [details](studies/one.md#details).\n",
    "docs/studies/one.md": '# One\n\n## Details\n\n{{ data_table("trials") }}\n\n'
    "Back [home](../index.md), or to [the top](#one).\n",
    "docs/refs.md": "# All references\n\n{{ bibliography() }}\n",
}


@pytest.fixture()
def built(tmp_path):
    result = build_fixture(tmp_path, files=FILES)
    assert result.ok, result.warnings
    return result.site_dir


def test_fixture_site_has_no_broken_internal_link(built):
    assert [p.format() for p in check_site(built)] == []


def test_raw_html_links_are_checked_too(built):
    """The citation, back-link and download links exist and the checker follows them."""
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="#ref-alpha2020"' in home and 'href="#cite-1"' in home
    study = (built / "studies" / "one" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/trials.csv"' in study
    refs = (built / "refs" / "index.html").read_text(encoding="utf-8")
    assert 'href="../#ref-alpha2020"' in refs


def test_missing_download_is_reported_with_file_and_line(built):
    (built / "data" / "trials.csv").unlink()
    study = (built / "studies" / "one" / "index.html").read_text(encoding="utf-8")
    line = study[: study.index('href="../../data/trials.csv"')].count("\n") + 1
    assert [p.format() for p in check_site(built)] == [
        f"site/studies/one/index.html:{line}: [link.broken] '../../data/trials.csv' points to a file that is "
        "not in the built site (fix the link in the page or macro that wrote it, or add the file)"
    ]


def test_citation_pointing_to_a_missing_entry_is_reported(built):
    home_path = built / "index.html"
    home = home_path.read_text(encoding="utf-8")
    home_path.write_text(home.replace('id="ref-beta2021"', 'id="ref-gone"'), encoding="utf-8")
    problems = [p.format() for p in check_site(built)]
    citing = [home[: m.start()].count("\n") + 1 for m in re.finditer(r'<a [^>]*href="#ref-beta2021"', home)]
    assert citing, "the fixture's home page cites beta2021"
    assert [p for p in problems if p.startswith("site/index.html")] == [
        f"site/index.html:{line}: [link.anchor] '#ref-beta2021': this page has no element with id "
        "'ref-beta2021' (link to an existing heading or id)"
        for line in citing
    ]
    assert any(
        p.startswith("site/refs/index.html") and "'../#ref-beta2021'" in p and "site/index.html" in p
        for p in problems
    )


def test_missing_back_link_target_is_reported(built):
    home_path = built / "index.html"
    home_path.write_text(
        home_path.read_text(encoding="utf-8").replace('id="cite-1"', 'id="x"'), encoding="utf-8"
    )
    assert any(
        "'#cite-1': this page has no element with id 'cite-1'" in p.format() for p in check_site(built)
    )


def test_command_line_exit_codes(built, tmp_path, capsys):
    assert main([str(built)]) == 0
    (built / "data" / "trials.csv").unlink()
    assert main([str(built)]) == 1
    assert "[link.broken]" in capsys.readouterr().out
    assert main([str(tmp_path / "nothing")]) == 2


PRINT_PAGE = "site/print_page/"


@pytest.mark.slow
def test_real_site_has_no_broken_internal_link(real_site):
    assert not real_site.aborted, real_site.warnings
    problems = [p.format() for p in check_site(real_site.site_dir)]
    assert [p for p in problems if not p.startswith(PRINT_PAGE)] == []


@pytest.mark.slow
def test_print_page_has_no_broken_internal_link(real_site):
    problems = [p.format() for p in check_site(real_site.site_dir)]
    assert [p for p in problems if p.startswith(PRINT_PAGE)] == []
