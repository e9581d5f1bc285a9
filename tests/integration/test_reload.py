"""`mkdocs serve` sees edits to data/ and to the site's own macros module on the next rebuild.

mkdocs serve rebuilds in one process: the explainer plugin instance and every imported module
survive. mkdocs-macros runs a module file (macros.py) afresh each build but imports a package
(macros/) once, and build_cache would replay a page whose Markdown did not change; the plugin
forgets the package and keys pages on the module's code. Each test builds twice in one process,
editing in between, as tests/integration/test_rebuild_cache.py does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.integration.test_data import files as data_files
from tests.sitebuild import FIXTURE_CONFIG, build_site, kit_caches, make_fixture

CONFIG = FIXTURE_CONFIG.format(settings="{}").replace(
    "      on_error_fail: true", "      module_name: macros\n      on_error_fail: true"
)
assert "module_name: macros" in CONFIG
PAGE = '# Home\n\n{{ greeting() }}\n\n{{ data_table("trials", columns=["name", "patients", "phase"]) }}\n'
DEFINE_ENV = """\
from .words import GREETING


def define_env(env):
    @env.macro
    def greeting():
        return GREETING
"""
MODULES = {
    # a package, with the text in a submodule: imported once per process by mkdocs-macros
    "package": {"macros/__init__.py": DEFINE_ENV, "macros/words.py": 'GREETING = "Hello, version one"\n'},
    # a single file: run afresh by mkdocs-macros, but the kit's page cache must not replay it
    "file": {
        "macros.py": 'GREETING = "Hello, version one"\n\n\n' + DEFINE_ENV.split("\n\n\n", 1)[1],
    },
}


@pytest.fixture(autouse=True)
def clean():
    kit_caches().clear()
    before = set(sys.modules)
    yield
    kit_caches().clear()
    for name in set(sys.modules) - before:
        if name.partition(".")[0] == "macros":
            del sys.modules[name]


@pytest.mark.parametrize("kind", MODULES)
def test_a_rebuild_sees_edits_to_data_and_to_the_site_macros_module(tmp_path, kind):
    project = make_fixture(
        tmp_path, files=data_files(**{"mkdocs.yml": CONFIG, "docs/index.md": PAGE, **MODULES[kind]})
    )
    first = build_site(project, tmp_path / "s1")
    assert first.ok, first.warnings
    assert "Hello, version one" in first.html() and "Alpha trial" in first.html()

    # the text lives in macros/words.py (package) or macros.py (file); a different length, so
    # Python's bytecode cache (keyed on mtime in seconds and size) cannot mistake it for the old one
    code = project / ("macros/words.py" if kind == "package" else "macros.py")
    code.write_text(code.read_text().replace("version one", "version 2 (edited)"), encoding="utf-8")
    trials = project / "data" / "trials.yaml"
    trials.write_text(trials.read_text().replace("Alpha trial", "Gamma trial"), encoding="utf-8")

    second = build_site(project, tmp_path / "s2")
    assert second.ok, second.warnings
    assert "Hello, version 2 (edited)" in second.html() and "version one" not in second.html()
    assert "Gamma trial" in second.html() and "Alpha trial" not in second.html()

    # an edit to the module alone, with data/ and the page unchanged, is seen too
    code.write_text(code.read_text().replace("version 2 (edited)", "version three"), encoding="utf-8")
    third = build_site(project, tmp_path / "s3")
    assert third.ok, third.warnings
    assert "Hello, version three" in third.html()


def test_an_unchanged_site_module_keeps_pages_cached(tmp_path):
    """Keying pages on the module's code costs nothing when it is unchanged: the page is replayed."""
    project = make_fixture(
        tmp_path, files=data_files(**{"mkdocs.yml": CONFIG, "docs/index.md": PAGE, **MODULES["package"]})
    )
    assert build_site(project, tmp_path / "s1").ok
    second = build_site(project, tmp_path / "s2")
    assert second.ok and "Hello, version one" in second.html()
    pages = kit_caches().pages
    assert (pages.hits, pages.misses) == (1, 1)


def test_serve_watches_bib_data_and_the_site_macros_module(tmp_path):
    project = make_fixture(
        tmp_path, files=data_files(**{"mkdocs.yml": CONFIG, "docs/index.md": PAGE, **MODULES["package"]})
    )
    result = build_site(project, tmp_path / "s1")
    assert result.ok, result.warnings
    watched = []
    server = SimpleNamespace(watch=lambda path, *args: watched.append(Path(path)))
    result.plugin.on_serve(server, SimpleNamespace(config_file_path=str(project / "mkdocs.yml")), None)
    assert sorted(p.relative_to(project.resolve()).as_posix() for p in watched) == ["bib", "data", "macros"]


@pytest.mark.slow
def test_mkdocs_serve_reloads_an_edited_site_macros_module(tmp_path):
    """The real thing: `mkdocs serve` in a subprocess picks up an edit to macros/words.py."""
    project = make_fixture(
        tmp_path, files=data_files(**{"mkdocs.yml": CONFIG, "docs/index.md": PAGE, **MODULES["package"]})
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_DATES": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/fixture/"  # mkdocs serve mounts the site at site_url's path

    def wait_for(text: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        body = ""
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            try:
                body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            except OSError:
                body = ""
            if text in body:
                return body
            time.sleep(0.5)
        raise AssertionError(f"{text!r} not served within {timeout} s")

    try:
        wait_for("Hello, version one")
        words = project / "macros" / "words.py"
        words.write_text('GREETING = "Hello, version 2 (edited)"\n', encoding="utf-8")
        wait_for("Hello, version 2 (edited)")
        trials = project / "data" / "trials.yaml"
        trials.write_text(trials.read_text().replace("Alpha trial", "Gamma trial"), encoding="utf-8")
        wait_for("Gamma trial")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
