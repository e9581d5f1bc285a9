"""Smoke test: the site builds with --strict (any warning fails) and its pages hold what the
kit draws: a citation with its reference list, a table and a figure with their downloads."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_site_builds_strictly_with_its_citation_table_and_figure(tmp_path):
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="citation"' in home and 'class="references"' in home
    assert 'class="data-table"' in home and 'class="data-figure"' in home
    for download in (
        "data/principles.csv",
        "data/principles.json",
        "figures/principles.svg",
        "figures/principles.png",
    ):
        assert (site / download).is_file(), download
    assert "Cited on:" in (site / "references" / "index.html").read_text(encoding="utf-8")
