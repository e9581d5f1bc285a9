"""The site works from any base path: every URL in the built HTML is relative.

The exceptions are the ones that must name the site's address: the canonical link and the
"Stable link" of "Cite this page" (the page's own canonical URL), metadata (meta content and
JSON-LD, which are not links the browser follows), the sitemap, and the 404 page, which is served at
any depth and so takes site_url's path (MkDocs builds error pages that way on purpose).
tests/browser/test_base_path.py loads the pages from another path to prove it.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.integration.test_url_styles import project
from tests.sitebuild import build_site

URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"}
SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)"')


class _Urls(HTMLParser):
    """Every URL a browser would follow from a page, with its tag and line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str, str, bool]] = []  # line, tag, url, inside "Cite this page"
        self.canonical = None
        self.in_cite = False
        self.script: str | None = None  # id of the <script> being read
        self.scripts: list[tuple[int, str | None, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        line = self.getpos()[0]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "aside" and "cite-this-page" in (a.get("class") or "").split():
            self.in_cite = True
        if tag == "script":
            self.script = a.get("id") or ""
        for name, value in attrs:
            if name in URL_ATTRS and value:
                values = [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value]
                self.urls += [(line, tag, v, self.in_cite) for v in values]

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "aside":
            self.in_cite = False
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.scripts.append((self.getpos()[0], self.script, data))


def not_relative(url: str, site_url: str) -> bool:
    """A URL that depends on where the site is served: from the root, or at site_url itself."""
    parts, site = urlsplit(url), urlsplit(site_url)
    if url.startswith("/"):
        return True  # "/explained/x" and protocol-relative "//host/x"
    return (parts.scheme, parts.netloc) == (site.scheme, site.netloc) and parts.path.startswith(site.path)


def absolute_urls(site_dir: Path, site_url: str) -> list[str]:
    """`page:line: <tag> url` for each URL that is not relative and not an allowed exception."""
    out = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html":
            continue
        page = _Urls()
        page.feed(path.read_text(encoding="utf-8"))
        page.close()
        for line, tag, url, in_cite in page.urls:
            own = url == page.canonical and page.canonical is not None
            if tag == "link" and own:
                continue  # <link rel=canonical>
            if tag == "a" and own and in_cite:
                continue  # "Stable link" in Cite this page
            if not_relative(url, site_url):
                out.append(f"{rel}:{line}: <{tag}> {url}")
        for line, script_id, text in page.scripts:
            if script_id == "__config":  # Material's app config: where it fetches the search index
                config = json.loads(text)
                for key in ("base", "search"):
                    if not_relative(config[key], site_url):
                        out.append(f"{rel}:{line}: __config.{key} {config[key]}")
            for m in SCOPE.finditer(text):  # Material's storage scope (palette, consent, ...)
                if not_relative(m.group(1), site_url):
                    out.append(f"{rel}:{line}: __md_scope {m.group(1)}")
    return out


def test_fixture_site_has_only_relative_urls_in_both_url_styles(tmp_path):
    for style in (True, False):
        result = build_site(project(tmp_path / str(style), style), tmp_path / str(style) / "site")
        assert result.ok, result.warnings
        assert absolute_urls(result.site_dir, "https://example.org/styles/") == [], style


@pytest.mark.slow
def test_real_site_has_only_relative_urls(real_site):
    assert real_site.ok, real_site.warnings
    site_url = re.search(r'<link rel="canonical" href="([^"]+)"', real_site.html()).group(1)
    assert absolute_urls(real_site.site_dir, site_url) == []
    # The exceptions are really there, so the test would see them if they were not allowed.
    home = real_site.html()
    assert f'Stable link: <a href="{site_url}">' in home
    assert f'"base": "{urlsplit(site_url).path}"' in real_site.html("404.html")
