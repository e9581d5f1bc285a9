"""Citation and abbreviation previews (mkdocs_explainer/assets/previews.js): built only when a reader asks,
by hover, keyboard focus or touch, in Material's tooltip markup so they look like Material's."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import PHONE
from .test_reader import STUDY_PAGE, _tooltip_text

pytestmark = pytest.mark.browser

ACTIVE_TIP = ".md-tooltip2.md-tooltip2--active[role=tooltip]"


def _no_active_tooltip(page):
    page.wait_for_function(f"() => !document.querySelector('{ACTIVE_TIP}')", timeout=5_000)


def test_no_tooltip_exists_until_a_reader_asks(fresh_page):
    page, watch = fresh_page(STUDY_PAGE, settle=True)
    config = json.loads(page.locator("#__config").text_content())
    assert "content.tooltips" not in config["features"]  # Material mounts none at load
    assert page.locator(".md-tooltip2, .md-tooltip").count() == 0
    # Each reference is on the page once, in its list: no copy of it in a title on every link.
    assert page.locator("article a.citation-link").count() > 20
    assert page.locator("article a.citation-link[title]").count() == 0
    assert watch.problems() == []


def test_citation_preview_on_hover_looks_like_materials_and_goes_when_the_pointer_leaves(fresh_page):
    page, _ = fresh_page(STUDY_PAGE)
    link = page.locator('article a.citation-link[href="#ref-mackensen2022"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    text = _tooltip_text(page, link)
    # The entry it links to, as the list shows it, without the back-links.
    entry = page.locator("li#ref-mackensen2022")
    listed = entry.evaluate(
        """li => { const c = li.cloneNode(true); c.querySelectorAll('.citation-backlinks, .citation-backlink')
                   .forEach(b => b.remove()); return c.textContent.replace(/\\s+/g, ' ').trim(); }"""
    )
    assert text == f"[{link.inner_text()}] {listed}", (text, listed)
    assert "Mackensen A" in text and "Nat Med" in text and "↩" not in text
    tip = page.locator(ACTIVE_TIP)
    assert tip.count() == 1
    assert tip.locator("> .md-tooltip2__inner.md-typeset").count() == 1
    # No native tooltip on top of it while it shows.
    assert link.get_attribute("title") is None
    # Placed under the link, inside the screen.
    host, box = link.bounding_box(), tip.locator("> div").bounding_box()
    assert box["y"] >= host["y"] + host["height"]
    assert 0 <= box["x"] and box["x"] + box["width"] <= page.viewport_size["width"]

    page.mouse.move(0, 0)
    _no_active_tooltip(page)
    assert link.get_attribute("title") is None
    assert link.get_attribute("aria-describedby") is None


def test_a_range_previews_every_entry_up_to_its_last_link(fresh_page):
    """[2–4]: the first link shows entries 2 and 3 (from the list, one per line), the last link 4."""
    page, _ = fresh_page(STUDY_PAGE)
    first = (
        page.locator("article sup.citation a.citation-link")
        .filter(has=page.locator("xpath=self::*[following-sibling::node()[1][self::text()][.='\u2013']]"))
        .first
    )
    last = first.locator("xpath=following-sibling::a[1]")
    start, end = int(first.inner_text()), int(last.inner_text())
    assert end - start >= 2, f"pick a page whose first range spans three entries or more: [{start}–{end}]"
    first.focus()
    lines = _tooltip_text(page, first).splitlines()
    assert [line.split("]")[0] for line in lines] == [f"[{n}" for n in range(start, end)], lines
    assert all(len(line) > 20 for line in lines), lines  # each a reference, not only its number
    last.focus()
    assert _tooltip_text(page, last).startswith(f"[{end}] ")


def test_citation_preview_on_keyboard_focus_and_escape_hides_it(fresh_page):
    page, _ = fresh_page(STUDY_PAGE)
    link = page.locator("article a.citation-link").nth(2)
    link.focus()
    assert re.match(r"\[\d+\] \S", _tooltip_text(page, link))
    page.keyboard.press("Escape")
    _no_active_tooltip(page)
    assert link.get_attribute("aria-describedby") is None
    # Tab onward: the next citation reached shows its own preview.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('citation-link')"):
            break
    focused = page.locator("article a.citation-link:focus")
    assert focused.count() == 1
    assert re.match(r"\[\d+\] \S", _tooltip_text(page, focused))
    assert page.locator(ACTIVE_TIP).count() == 1


def test_abbreviation_definition_on_hover_and_on_focus_of_its_first_use(fresh_page):
    page, _ = fresh_page("safety/")
    crs = page.locator("article abbr", has_text=re.compile(r"^CRS$"))
    assert crs.count() > 1
    # The first use takes keyboard focus; later uses do not add more tab stops.
    assert crs.first.get_attribute("tabindex") == "0"
    assert all(crs.nth(i).get_attribute("tabindex") is None for i in range(1, crs.count()))
    crs.first.focus()
    assert _tooltip_text(page, crs.first).startswith("Cytokine release syndrome:")
    page.keyboard.press("Escape")
    _no_active_tooltip(page)

    later = crs.nth(crs.count() - 1)
    later.scroll_into_view_if_needed()
    later.hover()
    assert _tooltip_text(page, later).startswith("Cytokine release syndrome:")


def test_touch_first_tap_previews_the_reference_second_tap_follows_the_link(browser, base_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(base_url + STUDY_PAGE, wait_until="load")
        link = page.locator('article a.citation-link[href="#ref-mackensen2022"]').first
        link.scroll_into_view_if_needed()
        link.tap()
        text = _tooltip_text(page, link)
        assert "Mackensen A" in text and "Nat Med" in text
        assert page.evaluate("() => location.hash") == ""  # the reader stays where they were
        link.tap()
        page.wait_for_function("() => location.hash === '#ref-mackensen2022'")
        _no_active_tooltip(page)

        # An abbreviation: a tap shows its definition, a tap elsewhere hides it.
        page.goto(base_url + "safety/", wait_until="load")
        crs = page.locator("article abbr", has_text=re.compile(r"^CRS$")).nth(1)
        crs.scroll_into_view_if_needed()
        crs.tap()
        assert _tooltip_text(page, crs).startswith("Cytokine release syndrome:")
        page.locator("article h1").tap()
        _no_active_tooltip(page)
    finally:
        context.close()
