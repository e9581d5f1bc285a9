"""What a reader does: search, citation and abbreviation tooltips, the reader features on every
page (key points, previous/next, back to top, report an error), both palettes, wide tables on a
phone."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from .conftest import DESKTOP, PAGES, PHONE, ROOT

pytestmark = pytest.mark.browser

# Pages that are reference material or site information rather than explanation: they need no
# "Key points" box.
NOT_CONTENT = {"glossary/", "references/", "cite/", "about/", "print_page/"}
CONTENT_PAGES = [p for p in PAGES if p not in NOT_CONTENT and not p.startswith("contribute/")]
STUDY_PAGE = "studies/mackensen-2022/"
TABLE_PAGE = "studies/mackensen-2022/"  # the per-patient table: the widest on the site


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CD19", "why-cd19/"),
        ("cytokine release", "safety/"),
        ("Mackensen", "studies/mackensen-2022/"),
    ],
)
def test_search_finds_the_right_page(fresh_page, base_url, query, expected):
    page, watch = fresh_page("")
    page.keyboard.press("s")  # Material's keyboard shortcut opens search
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))",
    )
    pages = []
    for href in hrefs:
        path = re.sub(r"[?#].*$", "", href.removeprefix(base_url))
        if path not in pages:
            pages.append(path)
    assert expected in pages[:3], f"{query!r}: top results {pages[:5]}"
    assert watch.problems() == []


def _tooltip_text(page, element) -> str:
    """Text of the tooltip (previews.js, in Material's markup) that `element` points at, once visible."""
    page.wait_for_function(
        """el => { const id = el.getAttribute('aria-describedby');
                   const tip = id && document.getElementById(id);
                   return tip && tip.classList.contains('md-tooltip2--active')
                          && getComputedStyle(tip).visibility === 'visible'; }""",
        arg=element.element_handle(),
        timeout=5_000,
    )
    return page.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).innerText",
        element.element_handle(),
    )


def test_citation_shows_its_reference_on_hover_and_on_focus(fresh_page):
    page, _ = fresh_page(STUDY_PAGE)
    link = page.locator('article a.citation-link[href="#ref-mackensen2022"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    text = _tooltip_text(page, link)
    assert "Mackensen A" in text and "Nat Med" in text and "2022" in text, text

    page.mouse.move(0, 0)
    other = page.locator("article a.citation-link").nth(1)
    other.focus()  # keyboard readers get the same tooltip
    assert re.search(r"\[\d+\] \S", _tooltip_text(page, other))
    # And the link leads to the entry in the page's reference list.
    target = other.get_attribute("href")
    assert page.locator(f"li{target}").count() == 1


def test_glossary_abbreviation_shows_its_definition(fresh_page):
    page, _ = fresh_page("safety/")
    abbr = page.locator("article abbr", has_text=re.compile(r"^CRS$")).first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    text = _tooltip_text(page, abbr)
    assert text.startswith("Cytokine release syndrome:"), text


def test_abbreviation_definitions_come_from_the_glossary(site_dir):
    """Every <abbr> on every page carries a title, and each title is a glossary entry."""
    glossary = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    titles = {
        r["abbreviation"]: f"{r['term']}: {' '.join(r['definition'].split())}"
        for r in glossary
        if r.get("abbreviation")
    }
    seen = 0
    for page in sorted(site_dir.rglob("*.html")):
        for title, abbr in re.findall(
            r'<abbr title="([^"]*)">([^<]*)</abbr>', page.read_text(encoding="utf-8")
        ):
            title, abbr = html.unescape(title), html.unescape(abbr)
            assert abbr in titles, f"{page}: <abbr>{abbr}</abbr> is not in data/glossary.yaml"
            assert title == titles[abbr], f"{page}: <abbr>{abbr}</abbr> has title {title!r}"
            seen += 1
    assert seen > 0


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_content_page_has_reader_features(fresh_page, path):
    """Key points first, clinical caveats as admonitions, previous/next, back to top, and a way to
    report an error."""
    page, _ = fresh_page(path)
    facts = page.evaluate("""() => {
        const article = document.querySelector('article.md-content__inner');
        const first = article.querySelector('.admonition, details');
        const h2 = article.querySelector('h2');
        const before = (a, b) => !!(a && (!b || (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)));
        return {
            firstAdmonition: first ? first.className : null,
            firstTitle: first ? (first.querySelector('.admonition-title, summary') || {}).textContent : null,
            keyPointsBeforeFirstH2: before(first, h2),
            footerLinks: document.querySelectorAll('nav.md-footer__inner a.md-footer__link').length,
            backToTop: !!document.querySelector('button.md-top, .md-top'),
            report: [...document.querySelectorAll('a.report-error')].map(a => [a.textContent.trim(), a.getAttribute('href')]),
        };
    }""")
    assert facts["firstAdmonition"] and "abstract" in facts["firstAdmonition"], facts
    assert (facts["firstTitle"] or "").strip() == "Key points", facts
    assert facts["keyPointsBeforeFirstH2"], "the Key points box must come before the first section"
    assert facts["footerLinks"] >= 1, "previous/next links (navigation.footer) are missing"
    assert facts["backToTop"], "the back-to-top button (navigation.top) is missing"
    assert len(facts["report"]) == 1, facts["report"]
    text, href = facts["report"][0]
    assert re.search(r"report an error", text, re.I), text
    assert href.startswith("https://github.com/") and "/issues/new" in href, href


def test_back_to_top_appears_when_scrolling_up_and_works(fresh_page):
    page, _ = fresh_page(STUDY_PAGE)
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls back up
    top = page.locator(".md-top")
    top.wait_for(state="visible", timeout=5_000)
    top.click()
    page.wait_for_function("() => window.scrollY < 5", timeout=5_000)


def test_previous_and_next_links_follow_the_navigation(fresh_page, base_url):
    page, _ = fresh_page("studies/mougiakakos-2021/")
    prev = page.locator("a.md-footer__link--prev").get_attribute("href")
    nxt = page.locator("a.md-footer__link--next").get_attribute("href")
    assert prev.rstrip("/").endswith("studies") or prev in ("../", "./../"), prev
    assert "mackensen-2022" in nxt, nxt


def test_caveat_admonitions_exist(site_dir):
    """Clinical caveats are set apart as warning/note admonitions on the explanation pages."""
    with_caveats = [
        p
        for p in CONTENT_PAGES
        if re.search(
            r'class="admonition (warning|danger|caution|note|info)\b',
            (site_dir / p / "index.html").read_text(encoding="utf-8"),
        )
    ]
    assert len(with_caveats) >= len(CONTENT_PAGES) // 2, with_caveats


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_follows_the_system_and_the_toggle_switches_it(fresh_page, scheme):
    page, _ = fresh_page(STUDY_PAGE, color_scheme=scheme)
    body = page.locator("body")
    first = "default" if scheme == "light" else "slate"
    assert body.get_attribute("data-md-color-scheme") == first
    colours = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('article'));
        return [s.color, getComputedStyle(document.body).backgroundColor]; }""")
    assert colours[0] != colours[1]
    toggle = page.locator("form[data-palette] label")
    assert toggle.evaluate_all("ls => ls.filter(l => !l.hidden).length") == 1  # the current palette's
    toggle.locator("visible=true").first.click()
    other = "slate" if first == "default" else "default"
    page.wait_for_function("want => document.body.getAttribute('data-md-color-scheme') === want", arg=other)
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == (
        "dark" if other == "slate" else "light"
    )
    page.wait_for_function("() => /^rgb/.test(document.querySelector('meta[name=theme-color]')?.content)")
    # The choice holds on the next page, whatever the system says (Material's saved palette).
    page.locator(".md-footer__link--next").first.click()
    page.wait_for_load_state("load")
    assert body.get_attribute("data-md-color-scheme") == other
    assert toggle.evaluate_all("ls => ls.filter(l => !l.hidden).length") == 1


def test_wide_table_scrolls_inside_its_own_box_on_a_phone(fresh_page):
    page, _ = fresh_page(TABLE_PAGE, viewport=PHONE)
    box = page.locator(".data-table__scroll").first
    box.scroll_into_view_if_needed()
    m = box.evaluate("""b => ({client: b.clientWidth, scroll: b.scrollWidth,
        right: b.getBoundingClientRect().right, vw: document.documentElement.clientWidth,
        tabindex: b.getAttribute('tabindex'), label: b.getAttribute('aria-labelledby')})""")
    assert m["scroll"] > m["client"], f"the table fits on a phone; pick a wider one for this test: {m}"
    assert m["right"] <= m["vw"] + 1, m
    assert m["tabindex"] == "0" and m["label"], "keyboard users must be able to reach and name the box"
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Chromium animates keyboard scrolling, so wait for the box to move
    # rather than reading scrollLeft at once (that raced and read 0 in CI).
    page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle(), timeout=5_000)
    assert page.evaluate("() => window.scrollX") == 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= m["vw"]


SHOTS = {"home": "", "study": STUDY_PAGE, "table": "making-car-t-cells/"}


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("name", list(SHOTS))
def test_screenshots(fresh_page, artifacts, name, size):
    """Full-page screenshots for a person to look at (test-artifacts/, git-ignored)."""
    page, _ = fresh_page(SHOTS[name], viewport=DESKTOP if size == "desktop" else PHONE)
    page.evaluate("() => document.fonts.ready")
    out = artifacts / f"{name}-{size}.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000
