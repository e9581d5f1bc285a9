"""`mkdocs serve` rebuilds: unchanged bib/, data/ and pages are reused, an edit is never stale.

Each test builds a fixture several times in one process, as `mkdocs serve` does, and reads the
hit and miss counts of the plugin's caches alongside the HTML.
"""

import pytest

from tests.integration.test_data import files as data_files
from tests.sitebuild import build_site, kit_caches, make_fixture


@pytest.fixture(autouse=True)
def empty_caches():
    kit_caches().clear()
    yield
    kit_caches().clear()


def counts():
    caches = kit_caches()
    return {
        name: (store.hits, store.misses)
        for name, store in (
            ("bib", caches.bibliographies),
            ("data", caches.datasets),
            ("pages", caches.pages),
        )
    }


def test_a_rebuild_reuses_everything_and_an_edited_page_alone_is_rendered_again(tmp_path):
    project = make_fixture(
        tmp_path,
        files=data_files(**{"docs/other.md": 'Other {{ cite("alpha2020") }}.\n'}),
    )
    first = build_site(project, tmp_path / "s1")
    assert first.ok, first.warnings
    assert counts() == {"bib": (0, 1), "data": (0, 1), "pages": (0, 2)}

    second = build_site(project, tmp_path / "s2")
    assert second.ok, second.warnings
    # nothing parsed, validated or rendered again, and the same pages come out
    assert counts() == {"bib": (1, 1), "data": (1, 1), "pages": (2, 2)}
    for page in ("index.html", "other/index.html"):
        assert second.html(page) == first.html(page)

    (project / "docs" / "other.md").write_text('Edited {{ cite("beta2021") }}.\n', encoding="utf-8")
    third = build_site(project, tmp_path / "s3")
    assert third.ok, third.warnings
    assert counts() == {"bib": (2, 1), "data": (2, 1), "pages": (3, 3)}
    assert "Edited" in third.html("other/index.html")
    assert 'id="ref-beta2021"' in third.html("other/index.html")
    assert 'id="ref-alpha2020"' not in third.html("other/index.html")


def test_an_edited_bib_entry_or_data_value_is_never_served_stale(tmp_path):
    project = make_fixture(tmp_path, files=data_files())
    first = build_site(project, tmp_path / "s1")
    assert first.ok, first.warnings
    assert "Second" in first.html() and "Alpha trial" in first.html()

    bib = project / "bib" / "refs.bib"
    bib.write_text(bib.read_text().replace("{Second}", "{Second, revised}"), encoding="utf-8")
    second = build_site(project, tmp_path / "s2")
    assert second.ok, second.warnings
    assert "Second, revised" in second.html()
    assert counts()["bib"] == (0, 2) and counts()["pages"] == (0, 2)

    trials = project / "data" / "trials.yaml"
    trials.write_text(trials.read_text().replace("Alpha trial", "Gamma trial"), encoding="utf-8")
    third = build_site(project, tmp_path / "s3")
    assert third.ok, third.warnings
    assert "Gamma trial" in third.html() and "Alpha trial" not in third.html()
    assert counts()["bib"] == (1, 2) and counts()["data"] == (0, 3)


def test_a_page_with_a_problem_reports_it_on_every_rebuild(tmp_path):
    project = make_fixture(tmp_path, files=data_files(**{"docs/other.md": 'Bad {{ cite("alpha2021") }}.\n'}))
    message = "docs/other.md:1: [cite.unknown-key] 'alpha2021' is not in bib/ (did you mean 'alpha2020'?)"
    for n in (1, 2):
        result = build_site(project, tmp_path / f"s{n}", strict=False)
        assert message in result.warnings, (n, result.warnings)
        assert "?alpha2021" in result.html("other/index.html")
    # the clean page was reused, the one with the problem rendered again
    assert kit_caches().pages.hits == 1


def test_citations_are_filled_in_after_markdown_and_none_is_left_behind(tmp_path):
    project = make_fixture(tmp_path, files=data_files())
    result = build_site(project, tmp_path / "s1")
    assert result.ok, result.warnings
    html = result.html()
    assert "data-explainer-fragment" not in html
    assert '<ol class="references">' in html and 'class="citation-link"' in html
