"""Pages whose only template syntax is literal macro calls skip Jinja, and nothing else changes."""

from __future__ import annotations

import shutil

import pytest

from mkdocs_explainer import literal_calls
from tests.integration.test_reproducible import differing
from tests.sitebuild import build_site, kit_caches, make_fixture

BIB = """@article{alpha2020, author = {Alpha, Ann}, title = {First}, journal = {J}, year = {2020}}
@article{beta2021, author = {Beta, Bo}, title = {Second}, journal = {J}, year = {2021}}
"""
PAGES = {
    "bib/refs.bib": BIB,
    "docs/index.md": '# Home\n\nOne {{ cite("beta2021") }}, two {{ cite("alpha2020", "beta2021", loc="p. 2") }}.\r\n',
    "docs/mixed.md": '# Mixed\n\n{% set n = 2 %}A claim {{ cite("alpha2020") }} ({{ n }}).\n',
    "docs/typo.md": '# Typo\n\nFirst line.\n\nA claim {{ cite("alpah2020") }}.\n',
    "docs/bibliography.md": "# Bibliography\n\n{{ bibliography() }}\n",
}


@pytest.fixture(autouse=True)
def new_process(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    kit_caches().clear()
    yield
    kit_caches().clear()


@pytest.fixture
def counted(monkeypatch):
    """How many pages literal_calls rendered, and how many it passed to Jinja."""
    counts = {"kit": 0, "jinja": 0}
    render = literal_calls.render

    def counting(*args):
        out = render(*args)
        counts["kit" if out is not None else "jinja"] += 1
        return out

    monkeypatch.setattr(literal_calls, "render", counting)
    return counts


def test_literal_pages_skip_jinja_and_the_site_is_byte_identical(tmp_path, monkeypatch, counted):
    project = make_fixture(tmp_path, files=PAGES)
    fast = build_site(project, tmp_path / "fast", strict=False)
    assert counted == {"kit": 3, "jinja": 1}  # index, typo, bibliography; mixed has {% set %}
    assert "Mixed" in fast.html("mixed/index.html") and "(2)" in fast.html("mixed/index.html")

    monkeypatch.setattr(literal_calls, "render", lambda *args: None)  # every page through Jinja
    kit_caches().clear()
    shutil.rmtree(project / ".cache")  # no page replayed from the disk cache either
    jinja = build_site(project, tmp_path / "jinja", strict=False)
    assert differing(fast.site_dir, jinja.site_dir) == []
    # the same precise message either way: file, line, code
    assert fast.warnings == jinja.warnings
    assert any(m.startswith("docs/typo.md:5: [cite.unknown-key]") for m in fast.warnings), fast.warnings


def test_a_site_with_pre_macro_functions_keeps_jinja(tmp_path, counted):
    # mkdocs-macros runs these between the kit's hook and Jinja: they may add template syntax
    files = dict(PAGES)
    files["main.py"] = (
        "def define_env(env):\n    pass\n\n"
        "def on_pre_page_macros(env):\n    env.markdown += '\\n\\nAdded {{ cite(\"alpha2020\") }}.\\n'\n"
    )
    project = make_fixture(tmp_path, files=files)
    result = build_site(project, tmp_path / "site", strict=False)
    assert counted["kit"] == 0
    added = result.html("index.html").split("Added", 1)[1][:300]
    assert 'class="citation"' in added and "{{" not in added


def test_a_replayed_or_fast_page_keeps_its_front_matter(tmp_path):
    files = dict(PAGES)
    files["docs/index.md"] = '---\nrender_macros: true\n---\n# Home\n\nOne {{ cite("beta2021") }}.\n'
    project = make_fixture(tmp_path, files=files)
    result = build_site(project, tmp_path / "site", strict=False)
    page = next(p for p in result.plugin.files.documentation_pages() if p.src_uri == "index.md").page
    assert page.meta.get("render_macros") is True
