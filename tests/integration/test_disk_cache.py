"""The disk cache (`.cache/explainer/`): later builds reuse it, and it never changes the output.

A new `mkdocs build` process is simulated by clearing the plugin's in-memory caches
(`kit_caches().clear()`), which also makes the next build read the disk cache again.
"""

from __future__ import annotations

import json
import pickle
import shutil

import pytest

from tests.integration.test_data import files as data_files
from tests.integration.test_reproducible import differing
from tests.sitebuild import ROOT, build_site, kit_caches, make_fixture

EPOCH = "1700000000"
PAGES = data_files(
    **{
        "docs/other.md": '# Other\n\nA claim {{ cite("alpha2020", "beta2021") }}, again {{ citet("alpha2020") }}.\n',
        "docs/bibliography.md": "# Bibliography\n\n{{ bibliography() }}\n",
    }
)
STORES = ("bibliographies", "datasets", "formatted", "pages", "cite_blocks")


@pytest.fixture(autouse=True)
def new_process(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    kit_caches().clear()
    yield
    kit_caches().clear()


def hits() -> dict[str, tuple[int, int]]:
    return {name: (s.hits, s.misses) for name, s in kit_caches().stores().items()}


def cache_lines(result) -> list[str]:
    return [m for m in result.messages if "[cache." in m]


def test_a_warm_build_reads_everything_from_disk_and_its_output_is_byte_identical(tmp_path):
    project = make_fixture(tmp_path, files=PAGES)
    cold = build_site(project, tmp_path / "cold")
    assert cold.ok, cold.warnings
    assert sorted(p.name for p in (project / ".cache" / "explainer").iterdir()) == sorted(
        f"{name}.pickle" for name in STORES
    )

    kit_caches().clear()  # a new process
    warm = build_site(project, tmp_path / "warm")
    assert warm.ok, warm.warnings
    # nothing parsed, formatted or rendered again: every lookup hit the disk cache
    counts = hits()
    assert counts["bibliographies"] == (1, 0) and counts["datasets"] == (1, 0)
    assert counts["pages"] == (3, 0) and counts["cite_blocks"] == (3, 0)
    assert counts["formatted"][1] == 0
    assert cache_lines(warm) == []
    # with every reference and cite block cached, the bib entries stay pickled (keys suffice)
    ((bib, _notes),) = kit_caches().bibliographies.items.values()
    assert len(bib) == 2 and "alpha2020" in bib and not bib.entries_loaded

    kit_caches().clear()
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("- explainer: {}", "- explainer: {cache: false}"),
        encoding="utf-8",
    )
    shutil.rmtree(project / ".cache")
    uncached = build_site(project, tmp_path / "uncached")
    assert uncached.ok, uncached.warnings
    assert not (project / ".cache").exists()  # cache: false writes nothing
    assert differing(cold.site_dir, warm.site_dir) == []
    assert differing(cold.site_dir, uncached.site_dir) == []


def test_a_warm_build_draws_its_figures_without_unpickling_the_bib_entries(tmp_path):
    # Figures are drawn on every build, and their source lines name works ("Ann 2020"): those
    # labels come from the cache like formatted references, so the entries stay pickled.
    from tests.integration.test_figure_specs import BIB, SCHEMA, SCORES, SPEC

    files = {
        "bib/scores.bib": BIB,
        "data/scores.yaml": SCORES,
        "data/schema/scores.schema.json": SCHEMA,
        "data/figures.yaml": SPEC,
        "docs/figure.md": '# Figure\n\n{{ figure("scores") }}\n\nSee {{ citet("ann2020") }}.\n',
    }
    project = make_fixture(tmp_path, files=data_files(**files))
    cold = build_site(project, tmp_path / "cold")
    assert cold.ok, cold.warnings
    assert "Source: Ann 2020" in (cold.site_dir / "figures" / "scores.svg").read_text()

    kit_caches().clear()  # a new process
    warm = build_site(project, tmp_path / "warm")
    assert warm.ok, warm.warnings
    ((bib, _notes),) = kit_caches().bibliographies.items.values()
    assert "ann2020" in bib and not bib.entries_loaded
    assert differing(cold.site_dir, warm.site_dir) == []


def test_a_corrupt_truncated_or_foreign_cache_file_is_ignored_with_one_info_line_and_rebuilt(tmp_path):
    project = make_fixture(tmp_path, files=PAGES)
    first = build_site(project, tmp_path / "first")
    assert first.ok, first.warnings
    folder = project / ".cache" / "explainer"
    pages = folder / "pages.pickle"
    pages.write_bytes(pages.read_bytes()[: pages.stat().st_size // 2])  # truncated mid-write
    (folder / "formatted.pickle").write_bytes(b"\x80\x05not a pickle at all")  # corrupt
    with open(folder / "cite_blocks.pickle", "wb") as f:  # from another version of the kit
        pickle.dump({"format": 0, "store": "cite_blocks", "kit": "older"}, f)
        pickle.dump({"some-key": "stale"}, f)

    kit_caches().clear()
    second = build_site(project, tmp_path / "second")
    assert second.ok, second.warnings
    assert cache_lines(second) == [
        ".cache/explainer/: [cache.ignored] ignored and rebuilt the build cache's "
        "formatted.pickle (unreadable: truncated or corrupt), pages.pickle (unreadable: truncated or "
        "corrupt), cite_blocks.pickle (made by another version of the kit) (nothing to do; delete the "
        "folder to start afresh)"
    ]
    assert differing(first.site_dir, second.site_dir) == []
    assert hits()["bibliographies"] == (1, 0)  # the intact files were still used

    kit_caches().clear()
    third = build_site(project, tmp_path / "third")  # the files were rewritten: all good again
    assert cache_lines(third) == []
    assert hits()["pages"] == (3, 0)
    assert differing(first.site_dir, third.site_dir) == []


def test_an_unwritable_cache_folder_costs_one_info_line_and_never_the_build(tmp_path):
    project = make_fixture(tmp_path, files=PAGES, settings="{cache_dir: docs/index.md/cache}")
    result = build_site(project, tmp_path / "site")
    assert result.ok, result.warnings
    (line,) = cache_lines(result)
    assert line.startswith("docs/index.md/cache/: [cache.unwritable] could not save the build cache (")
    assert line.endswith(
        "the next build starts cold (make the folder writable, or set 'cache: false' for the "
        "explainer plugin in mkdocs.yml)"
    )
    assert "Alpha" in result.html("other/index.html")


def test_a_title_is_found_once_in_search_on_the_bibliography_page_with_its_cited_on_links(tmp_path):
    project = make_fixture(tmp_path, files=PAGES)
    result = build_site(project, tmp_path / "site")
    assert result.ok, result.warnings
    docs = json.loads(result.html("search/search_index.json"))["docs"]
    found = [d["location"] for d in docs if "First" in d["text"]]  # alpha2020's title
    assert found == ["bibliography/"]
    (entry,) = [d for d in docs if d["location"] == "bibliography/"]
    assert "First. J. 2020.Cited on: Home, Other" in entry["text"]
    # no empty "References" sections, and no citation markers in the indexed text
    assert not any(d["location"].endswith("#references") for d in docs)
    assert not any("[1]" in d["text"] for d in docs)
    assert "data-search-exclude" not in json.dumps(docs)
    # the reader's page still has its citations and reference list, and nothing left behind
    html = result.html("other/index.html")
    assert '<ol class="references">' in html and 'class="citation-link"' in html
    assert 'id="references"' in html and "data-search-exclude" not in html
    assert "data-explainer-fragment" not in html


@pytest.mark.slow
def test_the_real_site_is_byte_identical_built_cold_warm_and_without_the_cache(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "bib", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    cold = build_site(project, tmp_path / "cold")
    assert cold.ok, cold.warnings
    kit_caches().clear()
    warm = build_site(project, tmp_path / "warm")
    assert warm.ok, warm.warnings
    assert hits()["pages"][1] == 0 and hits()["cite_blocks"][1] == 0  # all from disk
    kit_caches().clear()
    shutil.rmtree(project / ".cache")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - explainer:\n", "  - explainer:\n      cache: false\n"))
    uncached = build_site(project, tmp_path / "uncached")
    assert uncached.ok, uncached.warnings
    assert differing(cold.site_dir, warm.site_dir) == []
    assert differing(cold.site_dir, uncached.site_dir) == []
