"""`mkdocs-explainer new DIR --title ...` writes a minimal explainer that builds strictly and
passes its own smoke test."""

import os
import subprocess
import sys

import pytest

from tests.sitebuild import build_site


def new(target, *args):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_explainer", "new", str(target), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture
def new_site(tmp_path):
    target = tmp_path / "tea"
    run = new(target, "--title", "Tea: Explained & Sourced")
    assert run.returncode == 0, run.stderr
    return target


def test_new_site_has_every_part_and_builds_strictly_with_zero_warnings(new_site, tmp_path):
    for rel in (
        "mkdocs.yml",
        "README.md",
        ".gitignore",
        "docs/index.md",
        "bib/references.bib",
        "data/principles.yaml",
        "data/schema/principles.schema.json",
        "data/figures.yaml",
        "tests/test_site.py",
    ):
        assert (new_site / rel).is_file(), rel
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert "mkdocs serve" in readme and "python -m pytest" in readme
    result = build_site(new_site, tmp_path / "built", strict=True)
    assert result.ok, result.warnings
    home = result.html()
    assert 'class="citation"' in home and '<ol class="references">' in home
    assert 'class="data-table"' in home and 'id="figure-principles"' in home
    assert '<meta name="citation_title" content="Tea: Explained &amp; Sourced">' in home
    assert '"@type": "WebPage"' in home and "@misc{tea_explained_sourced_index," in home
    for rel in (
        "data/principles.csv",
        "data/principles.json",
        "figures/principles.svg",
        "figures/principles.png",
    ):
        assert (tmp_path / "built" / rel).is_file(), rel


@pytest.mark.slow
def test_the_generated_smoke_test_passes(new_site):
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=new_site,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_a_non_empty_folder_is_refused_with_one_line_and_left_alone(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.md").write_text("keep me\n", encoding="utf-8")
    run = new(target, "--title", "Anything")
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0
    assert f"{target} is not empty; refusing to overwrite it" in run.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.md"]
