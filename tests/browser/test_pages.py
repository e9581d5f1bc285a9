"""Every page, in Chromium: loads cleanly, passes axe-core (WCAG 2.1 AA) in the light palette at
desktop size and in the dark palette at phone size, and never scrolls sideways on a phone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PAGES, PHONE

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()


def test_every_built_page_is_checked(site_dir):
    """The pages parametrized below (from docs/) are exactly the pages the build wrote."""
    built = sorted(str(p.parent.relative_to(site_dir)) for p in site_dir.rglob("index.html"))
    built = ["" if b == "." else b + "/" for b in built]
    assert sorted(built) == sorted(PAGES)
    assert len(PAGES) >= 10


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(fresh_page, path, checked_pages):
    """No console error, no uncaught exception, no failed or 4xx/5xx request, nothing fetched from
    any origin but the site's own (fonts, scripts, analytics, GitHub API)."""
    page, watch = fresh_page(path, settle=True)
    assert page.locator("article.md-content__inner h1").count() >= 1, "page has no <h1>"
    assert watch.problems() == []
    checked_pages.add(path)


def _axe_violations(page) -> list[str]:
    results = _axe.run(page, options=AXE_OPTIONS)
    out = []
    for v in results.response["violations"]:
        targets = "; ".join(
            " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
            for n in v["nodes"][:5]
        )
        out.append(f"{v['id']} ({v['impact']}): {v['help']} -> {len(v['nodes'])} node(s): {targets}")
    return out


@pytest.mark.parametrize("path", PAGES)
def test_axe_light_desktop(fresh_page, path):
    page, _ = fresh_page(path, viewport=DESKTOP, color_scheme="light")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert _axe_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_axe_dark_phone(fresh_page, path):
    """The dark (slate) palette, which readers get from their system setting, at phone size, where
    tables become scrollable regions."""
    page, _ = fresh_page(path, viewport=PHONE, color_scheme="dark")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert _axe_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_phone_layout_never_scrolls_sideways(fresh_page, path):
    page, _ = fresh_page(path, viewport=PHONE)
    report = page.evaluate("""() => {
        const vw = document.documentElement.clientWidth;
        window.scrollTo(200, window.scrollY);
        const out = {vw, docWidth: document.documentElement.scrollWidth,
                     bodyWidth: document.body.scrollWidth, scrollX: window.scrollX, wide: [], boxes: []};
        window.scrollTo(0, 0);
        // Elements in the article that stick out of the viewport (and are not inside a scroll box).
        for (const el of document.querySelectorAll('article *')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.right <= vw + 1) continue;
            if (el.closest('.data-table__scroll, pre, .md-typeset__scrollwrap, .highlight, svg')) continue;
            out.wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
                ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
        }
        // Text in an SVG figure that runs past the figure's edge is cut off, at every size.
        out.clipped = [];
        for (const t of document.querySelectorAll('article svg text')) {
            const r = t.getBoundingClientRect(), s = t.closest('svg').getBoundingClientRect();
            if (r.width && (r.right > s.right + 2 || r.left < s.left - 2))
                out.clipped.push(t.textContent.trim().slice(0, 60) + ` (${Math.round(r.right - s.right)}px past the edge)`);
        }
        for (const box of document.querySelectorAll('.data-table__scroll')) {
            const r = box.getBoundingClientRect();
            out.boxes.push({right: r.right, scrolls: box.scrollWidth > box.clientWidth,
                            overflowX: getComputedStyle(box).overflowX});
        }
        return out;
    }""")
    assert report["docWidth"] <= report["vw"], report
    assert report["bodyWidth"] <= report["vw"], report
    assert report["scrollX"] == 0, report
    assert report["wide"][:10] == [], f"elements wider than the {report['vw']}px viewport"
    assert report["clipped"] == [], "SVG figure text is cut off at the figure's edge"
    for box in report["boxes"]:
        assert box["right"] <= report["vw"] + 1, box
        if box["scrolls"]:
            assert box["overflowX"] in ("auto", "scroll"), box
