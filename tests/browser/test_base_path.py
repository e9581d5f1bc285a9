"""The site at another address than site_url, as a pull-request preview or a local server has it.

The real site (built with site_url https://car-t-lupus.github.io/explained/) is served from
http://127.0.0.1:PORT/some/preview/path/. Every page, the print page included, must load there
with no failed request and no console error: nothing may depend on site_url's path. The 404 page is
the exception by design (it is served at any depth, so MkDocs gives it site_url's path): it is
checked where site_url says the site lives, at a missing address two levels deep.
tests/integration/test_relative_urls.py checks the same rule on the HTML.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import DESKTOP, PAGES, Watch, _QuietHandler, site_prefix

pytestmark = pytest.mark.browser

PREVIEW = "/some/preview/path/"


class _PagesHandler(_QuietHandler):
    """Serves the site under `prefix`; a missing file gets 404.html with status 404, as on GitHub Pages."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def serve():
    """serve(site_dir, prefix) -> the URL of the site's root, served until the module ends."""
    servers = []

    def _serve(site_dir: Path, prefix: str) -> str:
        handler = functools.partial(
            type("Handler", (_PagesHandler,), {"prefix": prefix}), directory=str(site_dir)
        )
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def preview(serve, site_dir):
    assert site_prefix(site_dir) != PREVIEW, "the test needs a path other than site_url's"
    return serve(site_dir, PREVIEW)


@pytest.fixture
def visit(browser):
    """visit(url) -> (page, watch): the page loaded and the network quiet (the search index)."""
    contexts = []

    def _visit(url: str):
        context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
        contexts.append(context)
        page = context.new_page()
        parts = urlsplit(url)
        watch = Watch(f"{parts.scheme}://{parts.netloc}")
        watch.attach(page)
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, watch, response

    yield _visit
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_from_another_path(visit, preview, path):
    page, watch, response = visit(preview + path)
    assert response.status == 200
    assert page.locator("article.md-content__inner h1").count() >= 1, "page has no <h1>"
    assert watch.problems() == []


@pytest.mark.parametrize("path", ["print_page/", "studies/mackensen-2022/"])
def test_search_index_comes_from_the_preview(browser, preview, path):
    """Material's search worker fetches the index from the page's own base, not site_url's path
    (print-site used to hand the print page the 404 page's absolute base)."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        fetched = []
        page.on("response", lambda r: "search_index.json" in r.url and fetched.append((r.status, r.url)))
        page.goto(preview + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert fetched == [(200, preview + "search/search_index.json")]
    finally:
        context.close()


def test_a_search_result_leads_to_a_page_under_the_preview(visit, preview):
    page, watch, _ = visit(preview + "studies/mackensen-2022/")
    page.keyboard.press("s")  # Material's keyboard shortcut opens search
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially("remission", delay=20)
    result = page.locator(".md-search-result__item > a.md-search-result__link").first
    result.wait_for(state="visible", timeout=15_000)
    href = result.evaluate("a => a.href")
    assert urlsplit(href).path.startswith(PREVIEW), href
    result.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.startswith(PREVIEW)
    assert watch.problems() == []


def test_404_page_loads_where_site_url_says(visit, serve, site_dir):
    home = serve(site_dir, site_prefix(site_dir))
    missing = home + "no/such/page/"
    page, watch, response = visit(missing)
    assert response.status == 404
    assert page.locator("article.md-content__inner h1").count() == 1
    # The missing page's own 404 is the point; anything else that fails is a problem.
    own = {
        f"HTTP error: 404 {missing}",
        f"console error: Failed to load resource: the server responded with a status of 404 (Not Found) @ {missing}",
    }
    assert [p for p in watch.problems() if p not in own] == []
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
