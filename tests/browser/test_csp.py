"""The Content-Security-Policy of every page, in Chromium: the site's own scripts, styles and
images run under it without a single violation, and what an attacker (or a careless template)
could add is blocked: an image from another origin, an inline script the build did not hash.

Violations are seen twice: the `securitypolicyviolation` events, recorded by a script that runs
before the page's own, and Chromium's console messages about the policy.
"""

from __future__ import annotations

import re

import pytest

from .conftest import PAGES, Watch

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
});
"""
THIRD_PARTY_IMAGE = "https://example.com/x.png"


@pytest.fixture
def csp_page(browser, base_url):
    """csp_page(path, rewrite=None) -> (page, watch, console): a page loaded with the violation
    recorder in place; rewrite(html) -> html edits the page's HTML on its way to the browser."""
    contexts = []
    origin = re.match(r"https?://[^/]+", base_url).group(0)

    def _open(path: str, rewrite=None):
        context = browser.new_context(reduced_motion="reduce")
        contexts.append(context)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        if rewrite is not None:

            def fulfil(route):
                response = route.fetch()
                route.fulfill(response=response, body=rewrite(response.text()))

            page.route(base_url + path, fulfil)
        watch = Watch(origin)
        watch.attach(page)
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text))
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, watch, console

    yield _open
    for context in contexts:
        context.close()


def violations(page, console: list[str]) -> list[str]:
    events = [
        f"{v['directive']} blocked {v['blocked']!r} {v['sample']!r}"
        for v in page.evaluate("window.__cspViolations")
    ]
    return events + [m for m in console if "Content Security Policy" in m]


@pytest.mark.parametrize("path", [*PAGES, "404.html"])
def test_page_runs_under_its_policy_without_violations(csp_page, path):
    page, watch, console = csp_page(path)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert violations(page, console) == []
    # Material's inline scripts ran (the first defines __md_scope), so their hashes matched.
    assert page.evaluate("typeof __md_scope") == "object"
    assert watch.problems() == []


def test_reading_features_run_under_the_policy(csp_page):
    """Search (a web worker and its index), the palette toggle, the back-to-top button and the
    citation tooltips all run without a violation."""
    page, watch, console = csp_page("")
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("CD19")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -500)
    page.wait_for_timeout(300)
    assert violations(page, console) == []

    page, watch2, console = csp_page("studies/mackensen-2022/")
    page.locator("a.citation-link").first.hover()
    page.wait_for_selector(".md-tooltip2, .md-tooltip", state="attached")
    assert violations(page, console) == []
    assert watch.problems() + watch2.problems() == []


def test_image_from_another_origin_is_blocked(csp_page):
    page, watch, console = csp_page("studies/")
    page.evaluate(
        "src => { const img = document.createElement('img'); img.src = src; img.alt = '';"
        " document.querySelector('article').append(img); }",
        THIRD_PARTY_IMAGE,
    )
    page.wait_for_function("window.__cspViolations.length > 0", timeout=5000)
    [v] = page.evaluate("window.__cspViolations")
    assert v["directive"] == "img-src" and v["blocked"] == THIRD_PARTY_IMAGE
    # Chromium gave up on it because of the policy (not because the host does not resolve here).
    assert watch.failed == [f"{THIRD_PARTY_IMAGE} (csp)"]


def test_image_from_another_origin_in_the_html_is_blocked(csp_page):
    page, watch, console = csp_page(
        "lupus/",
        rewrite=lambda html: html.replace(
            "</article>", f'<img src="{THIRD_PARTY_IMAGE}" alt=""></article>', 1
        ),
    )
    found = page.evaluate("window.__cspViolations")
    assert [(v["directive"], v["blocked"]) for v in found] == [("img-src", THIRD_PARTY_IMAGE)]
    assert watch.failed == [f"{THIRD_PARTY_IMAGE} (csp)"]


def test_inline_script_the_build_did_not_hash_is_blocked(csp_page):
    page, watch, console = csp_page(
        "lupus/",
        rewrite=lambda html: html.replace("</body>", "<script>window.__injected = 1</script></body>", 1),
    )
    assert page.evaluate("window.__injected") is None
    found = page.evaluate("window.__cspViolations")
    assert [v["directive"] for v in found] == ["script-src-elem"]


def test_every_html_file_the_build_writes_carries_its_policy_first(site_dir):
    """Also the files no Markdown page stands for (404.html, print_page/): one policy each,
    before the first <script>, <style> or stylesheet, and naming no other origin."""
    files = sorted(site_dir.rglob("*.html"))
    assert len(files) >= len(PAGES) + 1
    for f in files:
        html = f.read_text(encoding="utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(metas) == 1, f"{f.relative_to(site_dir)}: {len(metas)} policies"
        first = min(html.find(t) for t in ("<script", "<style", "<link") if t in html)
        assert html.index("Content-Security-Policy") < first, f.relative_to(site_dir)
        assert not re.search(r"https?:|\*|'unsafe-", metas[0]), f.relative_to(site_dir)
