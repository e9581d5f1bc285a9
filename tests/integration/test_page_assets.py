"""What each page of the real site loads: one site stylesheet and the previews script everywhere,
print-site's stylesheet and script on /print_page/ only."""

import re
from pathlib import Path

import mkdocs_print_site_plugin

from tests.sitebuild import ROOT

PLUGIN_CSS = Path(mkdocs_print_site_plugin.__file__).parent / "css"


def assets(page_html: str) -> tuple[list[str], list[str]]:
    """(stylesheets, scripts) a page links, as file names."""
    css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page_html)
    js = re.findall(r'<script src="([^"]+)"', page_html)
    return [u.rsplit("/", 1)[-1] for u in css], [u.rsplit("/", 1)[-1] for u in js]


def pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("index.html"))


def test_content_pages_load_one_site_stylesheet_and_no_print_site_assets(real_site):
    checked = 0
    for path in pages(real_site.site_dir):
        if path.parent.name == "print_page":
            continue
        css, js = assets(path.read_text(encoding="utf-8"))
        where = path.relative_to(real_site.site_dir)
        assert [c for c in css if not c.startswith(("main.", "palette."))] == ["explainer.css"], (where, css)
        assert [j for j in js if not j.startswith("bundle.")] == ["previews.js"], (where, js)
        checked += 1
    assert checked > 10


def test_print_page_loads_print_sites_stylesheet_and_script(real_site):
    css, js = assets(real_site.html("print_page/index.html"))
    assert "print-site.css" in css and "explainer.css" in css
    assert css.index("print-site.css") < css.index("explainer.css")  # print-site first, as it ships
    assert "print-site.js" in js and "previews.js" in js
    assert (real_site.site_dir / "js" / "print-site.js").is_file()
    # The functions print-site's inline call needs are in that script.
    script = (real_site.site_dir / "js" / "print-site.js").read_text(encoding="utf-8")
    assert "function generate_toc" in script and "function remove_material_navigation" in script


def test_print_site_stylesheet_is_the_plugins_own():
    """docs/assets/print-site.css is print-site's two stylesheets, unchanged: when a new version of
    the plugin changes them, this fails until the copy is refreshed."""
    ours = (ROOT / "docs" / "assets" / "print-site.css").read_text(encoding="utf-8")
    body = ours.split("*/\n", 1)[1]  # after our header comment
    theirs = (
        (PLUGIN_CSS / "print-site.css").read_text(encoding="utf-8")
        + "\n"
        + (PLUGIN_CSS / "print-site-material.css").read_text(encoding="utf-8")
        + "\n"
    )
    assert body == theirs
