"""Builds are reproducible, and a failed build never replaces a good site.

MkDocs stamps the build date into sitemap.xml (<lastmod>) and the build time into the gzip
header of sitemap.xml.gz; both honour SOURCE_DATE_EPOCH. The Makefile sets it to the time of the
last commit, so two builds of one commit are byte-identical. Per-page "last updated" dates come
from git commit times (git-revision-date-localized), which are fixed by the commit too.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build_site, make_fixture

EPOCH = "1700000000"  # 2023-11-14 UTC
BIB = "@article{alpha2020, author = {Alpha, Ann}, title = {First}, journal = {J}, year = {2020}, doi = {10.1/a}}\n"
PAGES = {
    "bib/refs.bib": BIB,
    "docs/index.md": '# Home\n\nA finding {{ cite("alpha2020") }}.\n\nSee [the other page](other.md#details).\n',
    "docs/other.md": '# Other\n\n## Details\n\nMore {{ cite("alpha2020") }}.\n',
}


def digest(site: Path) -> dict[str, str]:
    """sha256 of every file in a built site, by relative path."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def differing(a: Path, b: Path) -> list[str]:
    da, db = digest(a), digest(b)
    return sorted(k for k in da.keys() | db.keys() if da.get(k) != db.get(k))


def test_two_builds_of_a_fixture_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = make_fixture(tmp_path, files=PAGES)
    first = build_site(project, tmp_path / "one")
    second = build_site(project, tmp_path / "two")
    assert first.ok and second.ok, first.warnings + second.warnings
    assert differing(first.site_dir, second.site_dir) == []
    # the dates are the epoch's, not the clock's
    sitemap = (first.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    gz = (first.site_dir / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == int(EPOCH) // 86400 * 86400  # gzip MTIME: that day, 00:00 UTC
    assert gzip.decompress(gz).decode("utf-8") == sitemap
    assert (first.site_dir / "search" / "search_index.json").exists()


@pytest.mark.slow
def test_two_builds_of_the_real_site_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build_site(ROOT, tmp_path / "one")
    second = build_site(ROOT, tmp_path / "two")
    assert first.ok and second.ok, first.warnings + second.warnings
    assert differing(first.site_dir, second.site_dir) == []


# -- no bad deploy ----------------------------------------------------------------------------


def make_build(project: Path) -> subprocess.CompletedProcess:
    """Run the Makefile's own `build` target in a fixture project, with the repository's venv."""
    (project / "requirements.lock").write_text("")
    (project / "pyproject.toml").write_text("")
    stamp = project / ".installed"
    stamp.write_text("")
    os.utime(stamp, (2_000_000_000, 2_000_000_000))  # newer than the lock: no install step
    env = {**os.environ, "GIT_DATES": "false", "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-f",
            str(ROOT / "Makefile"),
            "build",
            f"BIN={ROOT / '.venv' / 'bin'}",
            f"STAMP={stamp}",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = make_fixture(tmp_path, files=PAGES)
    good = make_build(project)
    assert good.returncode == 0, good.stdout + good.stderr
    site = project / "site"
    before = digest(site)
    assert "index.html" in before and "other/index.html" in before

    # a contributor's mistake: an unknown key, which only warns, so only --strict stops it
    (project / "docs" / "other.md").write_text('# Other\n\n## Details\n\nMore {{ cite("alpha2021") }}.\n')
    bad = make_build(project)
    assert bad.returncode != 0
    assert (
        "docs/other.md:5: [cite.unknown-key] 'alpha2021' is not in bib/ (did you mean 'alpha2020'?)"
        in bad.stderr
    )
    assert "Traceback" not in bad.stdout + bad.stderr
    assert digest(site) == before  # the good site is still there, byte for byte
    assert "alpha2021" not in (site / "other" / "index.html").read_text(encoding="utf-8")

    # a structural mistake (broken BibTeX) aborts before any page is written: same outcome
    (project / "bib" / "refs.bib").write_text(BIB.replace("title = {First},", "title = {First}"))
    worse = make_build(project)
    assert worse.returncode != 0 and "[bib.syntax]" in worse.stderr
    assert digest(site) == before
