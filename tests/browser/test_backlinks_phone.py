"""Back-links of a reference cited 30 times, on a phone: one line, every one reachable by Tab.

A fixture site (the kit, Material and this site's stylesheet), so the entry exists whatever the
real pages cite."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.integration.test_backlinks import BIB, TIMES, often_page
from tests.sitebuild import FIXTURE_CONFIG, build_fixture

from .conftest import ROOT, _QuietHandler

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backlinks-browser")
    css = (ROOT / "docs" / "assets" / "explainer.css").read_text(encoding="utf-8")
    config = FIXTURE_CONFIG.format(settings="{}") + "extra_css:\n  - assets/explainer.css\n"
    result = build_fixture(
        tmp,
        files={
            "mkdocs.yml": config,
            "bib/refs.bib": BIB,
            "docs/index.md": often_page(),
            "docs/assets/explainer.css": css,
        },
    )
    assert result.ok, result.warnings
    handler = functools.partial(
        type("Handler", (_QuietHandler,), {"prefix": "/fixture/"}), directory=str(result.site_dir)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/fixture/"
    server.shutdown()
    server.server_close()


def test_thirty_backlinks_take_one_line_on_a_phone_and_each_takes_focus(browser, fixture_url):
    context = browser.new_context(viewport=PHONE_390, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(fixture_url, wait_until="load")
        links = page.locator("li#ref-often2020 a.citation-backlink")
        assert links.count() == TIMES
        links.first.scroll_into_view_if_needed()
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('li#ref-often2020 a.citation-backlink')].map(a => {
                 const r = a.getClientRects();
                 return {rects: r.length, top: Math.round(r[0].top), right: r[0].right};
               })"""
        )
        assert all(b["rects"] == 1 for b in boxes), boxes  # no link broken over two lines
        assert len({b["top"] for b in boxes}) == 1, f"back-links span {len({b['top'] for b in boxes})} lines"
        assert max(b["right"] for b in boxes) <= PHONE_390["width"]
        # Keyboard: Tab walks through all 30, in order, each announcing where it leads.
        links.first.focus()
        for i in range(1, TIMES + 1):
            focused = page.evaluate(
                "() => [document.activeElement.getAttribute('aria-label'), document.activeElement.getAttribute('href')]"
            )
            assert focused[0] == f"Back to citation {i} of {TIMES} (reference 1)", focused
            page.keyboard.press("Tab")
        # Enter on one goes back to its citation.
        links.nth(4).focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.hash.length > 1")
        target = page.evaluate("() => location.hash")
        assert target == links.nth(4).get_attribute("href")
        assert page.locator(f"sup{target} a.citation-link").count() == 1
    finally:
        context.close()
