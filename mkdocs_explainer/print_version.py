"""The kit's part of the print-site plugin's one-page version (/print_page/).

Ids: print-site prefixes ids with the page's key so they stay unique on /print_page/, and rewrites
every `#...` link to match; but it renames ids only on h1-h6, <li> and <sup>, and only when that
tag is the first on its line. Citation back-links (#cite-N), table notes, glossary entries and
figures would then point nowhere. We hand print-site a copy of each page where every other id sits
on an empty <sup> at the start of a line.

Citations, reference lists and the site bibliography: print-site rewrites a page with one
`str.replace` over the whole page per id and per link, so its time grows with ids x page length,
and citations bring most of both; and its id regex scans to the end of the line from every `<`.
Its copy of each page therefore holds, instead of each placeholder, `<page>.<n>` between the
control characters SUB and ESC (no `<` in it), and `PrintCopies.fill` puts each piece in
after print-site has merged the pages: a citation or reference list rewritten by print-site's own
functions (passed in by the adapter) one small piece at a time, the bibliography rendered directly
with print-page links. The page reads as if print-site had rewritten it whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .citations import FRAGMENT

RENAMED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "li", "sup"}
KEEP_TAGS = {"svg", "title", "desc", "input", "label", "path", "g"}  # referenced by aria/for, not by links
OPEN_TAG_WITH_ID = re.compile(
    r'<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)(?P<before>[^<>]*?)\sid="(?P<id>[^"]+)"(?P<after>[^<>]*)>'
)


def print_safe_ids(html: str) -> str:
    def fix(m: re.Match) -> str:
        tag = m.group("tag").lower()
        if tag in KEEP_TAGS:
            return m.group(0)
        if tag in RENAMED_TAGS:
            return "\n" + m.group(0)  # first on its line, so print-site sees it
        without_id = f"<{m.group('tag')}{m.group('before')}{m.group('after')}>"
        return f'{without_id}\n<sup id="{m.group("id")}" class="print-anchor"></sup>'

    return OPEN_TAG_WITH_ID.sub(fix, html)


def tidy_print_page(html: str) -> str:
    """Valid HTML for print-site's page: its custom `heading-number` attribute becomes a data-
    attribute, and the <style> it appends to the body moves into <head>."""
    html = _data_heading_numbers(html)
    styles = re.findall(r"<style>.*?</style>", html.split("</head>", 1)[-1], flags=re.S)
    if styles and "</head>" in html:
        head, body = html.split("</head>", 1)
        for style in styles:
            body = body.replace(style, "", 1)
        html = head + "".join(styles) + "</head>" + body
    return html


HEADING_NUMBER = re.compile(r"""heading-number=(?=['"])""")


def _data_heading_numbers(html: str) -> str:
    """Each ` heading-number=` (after any whitespace) as ` data-heading-number=`. A pattern that
    starts with the literal is found by a fast scan; one that starts with `\\s` tries every
    position of the 4 MB print page (8x slower)."""
    parts, pos = [], 0
    for m in HEADING_NUMBER.finditer(html):
        at = m.start()
        if at and html[at - 1].isspace():
            parts += (html[pos : at - 1], " data-")
            pos = at
    return "".join(parts) + html[pos:] if parts else html


# What print-site renames in a piece of the kit's HTML, once print_safe_ids has put every id on a
# <sup>, <li> or heading at the start of a line (mkdocs_print_site_plugin/urls.py).
RENAMED_ID = re.compile(r'(<(?:sup|li|h[1-6])\b[^<>]*?\sid=")')
LINK = re.compile(r'<a\s+(?:[^>]*?\s+)?href="([^"]*)"')
EXTERNAL = ("http", "www", "mailto:", "tel:", "skype:", "ftp:")  # print-site's is_external


def rewrite_piece(piece: str, key: str, fallback: Callable[[str], str]) -> str:
    """A citation or reference list as print-site rewrites it on the page whose key is `key`:
    ids prefixed with the key, `#...` links to match, other links left alone. Anything else
    print-site would touch (links to other pages or files, images, tabs) goes to `fallback`,
    print-site's own functions; they are slow on many pieces (a regex that backtracks over each
    line), so the common case is done here, and tests/unit/test_print_version.py checks that both
    give the same bytes."""
    if "<img" in piece or "<input" in piece or "<label" in piece:
        return fallback(piece)
    for url in LINK.findall(piece):
        if not url.startswith("#") and not url.startswith(EXTERNAL):
            return fallback(piece)
    piece = RENAMED_ID.sub(lambda m: m[1] + key + "-", piece)
    return piece.replace('href="#', f'href="#{key}-')


PRINT_MARK = "\x1a{}.{}\x1b"
PRINT_FRAGMENT = re.compile("\x1a(\\d+)\\.(\\w+)\x1b")
BIBLIOGRAPHY = "bibliography"


class PrintCopies:
    """print-site's copies of the pages of one build, and what goes into their placeholders."""

    def __init__(self, bibliography_placeholder: str):
        self.bibliography_placeholder = bibliography_placeholder
        self.pages: list[tuple[str, str]] = []  # (src_path, page URL), in the order kept
        self._kept: set[str] = set()  # the src_paths of self.pages, for a lookup per page

    def __contains__(self, src_path: str) -> bool:
        """Whether print-site merges a copy of this page (its placeholders are filled later)."""
        return src_path in self._kept

    def keep(self, src_path: str, url: str, html: str) -> str:
        """The copy of a page's HTML that print-site merges: placeholders made unique on the print
        page, every id where print-site renames it."""
        i = len(self.pages)
        self.pages.append((src_path, url))
        self._kept.add(src_path)
        if "data-explainer-fragment" in html:
            html = FRAGMENT.sub(lambda m: PRINT_MARK.format(i, m[2]), html)
        if self.bibliography_placeholder in html:
            html = html.replace(self.bibliography_placeholder, PRINT_MARK.format(i, BIBLIOGRAPHY))
        return print_safe_ids(html)

    def fill(
        self,
        printed: str,
        fragment: Callable[[str, str], str | None],
        bibliography: Callable[[str], str],
        rewrite: Callable[[str, str], str],
    ) -> str:
        """The print page with every placeholder filled in.

        `fragment(src_path, n)` is a page's deferred HTML (None if unknown), `bibliography(url)` the
        site bibliography as it reads on the print page of the page at `url`, and
        `rewrite(html, url)` print-site's own rewriting of a piece of the page at `url`."""

        def put(m: re.Match) -> str:
            i, n = int(m[1]), m[2]
            if i >= len(self.pages):
                return m[0]
            src_path, url = self.pages[i]
            if n == BIBLIOGRAPHY:
                return bibliography(url)
            piece = fragment(src_path, n)
            return m[0] if piece is None else rewrite(print_safe_ids(piece), url)

        if "\x1a" not in printed:
            return printed
        return PRINT_FRAGMENT.sub(put, printed)
