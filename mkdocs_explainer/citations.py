"""Per-page citation numbering and the HTML of citations and reference lists.

Numbers follow the order of first citation on each page, as medical journals do. Each citation
links to its entry (`#ref-<key>`) and carries the full reference as its tooltip; each entry links
back to every place that cites it (`#cite-<n>`).

In a build, the HTML is deferred (as mkdocs-autorefs defers its links): the Markdown gets a short
mark of plain text (a reference list, an empty placeholder element), the mark becomes an empty
element once Markdown is done (`unmark`), and `expand()` puts the HTML in after the search plugin
has indexed the page. Python-Markdown and the search indexer then never parse the
long tooltips and reference lists, which cost more than the rest of a page (bench/README.md).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .diagnostics import WARNING, Diagnostic, did_you_mean
from .formatting import ReferenceFormatter


def anchor(key: str) -> str:
    return "ref-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


@dataclass
class PageCitations:
    """The citations of one page, in order of first use."""

    src_path: str
    numbers: dict[str, int] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)  # key -> occurrence ids
    occurrences: int = 0
    list_rendered: bool = False
    fragments: dict[str, str] = field(default_factory=dict)  # placeholder id -> deferred HTML

    def number(self, key: str) -> int:
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.backlinks[key] = []
        return self.numbers[key]

    def next_occurrence(self) -> str:
        self.occurrences += 1
        return f"cite-{self.occurrences}"

    @property
    def keys(self) -> list[str]:
        return sorted(self.numbers, key=self.numbers.get)


def compress(numbers: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]: runs of three or more become ranges."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    out = []
    for run in runs:
        if len(run) >= 3:
            out.append((run[0], run[-1]))
        else:
            out.extend((n, n) for n in run)
    return out


ARROW = "&#8617;&#xFE0E;"  # ↩ as text, not as an emoji


def backlink_label(i: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 27 -> ab: the letters encyclopedias give repeated back-links."""
    label = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def backlinks_html(number: int, occurrences: list[str]) -> str:
    """The links from reference `number` back to where the page cites it: one ↩ when it is cited
    once; "↩ a b c …" in small type when it is cited more often, so that an entry cited 30 times
    takes one short line, not three. Each is a link with an accessible name."""
    if len(occurrences) == 1:
        return (
            f'<a class="citation-backlink" href="#{occurrences[0]}" '
            f'aria-label="Back to the citation (reference {number})">{ARROW}</a>'
        )
    total = len(occurrences)
    links = " ".join(
        f'<a class="citation-backlink" href="#{occ}" '
        f'aria-label="Back to citation {i + 1} of {total} (reference {number})">{backlink_label(i)}</a>'
        for i, occ in enumerate(occurrences)
    )
    return f'<span class="citation-backlinks"><span aria-hidden="true">{ARROW}</span> {links}</span>'


@dataclass
class CiteResult:
    html: str
    diagnostics: list[Diagnostic]


FRAGMENT = re.compile(r'<(span|div) data-explainer-fragment="(\d+)"></\1>')
# In the Markdown, a citation is a run of control characters (SO, one per digit from DLE, SI):
# plain text, which Python-Markdown passes through as it is (an inline HTML element costs it a
# stash entry and a re-run of its inline patterns: 0.15 s for 200 pages of 10 citations). No
# letter or digit in it, so a heading's id never takes the number in; and all below U+0100, so
# Python stores the page one byte a character (a private-use character made every page's
# Markdown two bytes a character: +16 MB at 1000 pages). Markdown's own placeholders are STX/ETX. `unmark` turns each mark into the
# empty element above as soon as Markdown is done.
_DIGITS = str.maketrans("0123456789", "".join(chr(0x10 + d) for d in range(10)))
_UNDIGITS = {v: k for k, v in _DIGITS.items()}
MARK = re.compile("\x0e([\x10-\x19]+)\x0f")


def mark(n: str) -> str:
    return "\x0e" + n.translate(_DIGITS) + "\x0f"


def unmark(html: str) -> str:
    """The page's HTML with each citation mark an empty placeholder element."""
    if "\x0e" not in html:
        return html
    return MARK.sub(lambda m: f'<span data-explainer-fragment="{m[1].translate(_UNDIGITS)}"></span>', html)


def strip_marks(text: str) -> str:
    """A heading's text without its citations, as the table of contents and the title show it."""
    return " ".join(MARK.sub("", text).split()) if "\x0e" in text else text  # as toc's own strip


# Material's search plugin skips a section whose heading has this attribute, and then removes it.
SEARCH_EXCLUDE = ' data-search-exclude="explainer"'
REFERENCE_HEADING = re.compile(
    r'(<h2 id="[^"]*")(>(?:(?!</h2>).)*</h2>\s*<div data-explainer-fragment="\d+"></div>)', re.S
)


def search_exclude_reference_headings(html: str) -> str:
    """Keep a page's "References" section (still an empty placeholder) out of the search index:
    the works themselves are indexed once, on the site bibliography page."""
    if "data-explainer-fragment" not in html:
        return html
    return REFERENCE_HEADING.sub(lambda m: m[1] + SEARCH_EXCLUDE + m[2], html)


class Citer:
    """Renders citations for the pages of one build."""

    def __init__(self, formatter: ReferenceFormatter, defer: bool = False):
        self.formatter = formatter
        self.defer = defer
        self.pages: dict[str, PageCitations] = {}
        self.cited_by: dict[str, list[str]] = {}  # key -> src_paths, across the build

    def page(self, src_path: str) -> PageCitations:
        if src_path not in self.pages:
            self.pages[src_path] = PageCitations(src_path)
        return self.pages[src_path]

    def reset(self, src_path: str) -> PageCitations:
        old = self.pages.get(src_path)
        self.pages[src_path] = PageCitations(src_path)
        for key in old.numbers if old is not None else ():  # only the works it cited
            pages = self.cited_by.get(key, [])
            if src_path in pages:
                pages.remove(src_path)
        return self.pages[src_path]

    def _deferred(self, page: PageCitations, html_: str, tag: str) -> str:
        if not self.defer:
            return html_
        n = str(len(page.fragments) + 1)
        page.fragments[n] = html_
        return mark(n) if tag == "span" else f'<{tag} data-explainer-fragment="{n}"></{tag}>'

    def expand(self, src_path: str, page_html: str, keep: bool = True) -> str:
        """Put the deferred HTML of a page's citations and reference list in its rendered HTML.
        Without `keep` (no print version will need it again) the page's copy is let go: MkDocs
        holds every page's HTML until the build ends, so it would be held twice."""
        page = self.page(src_path)
        fragments = page.fragments
        if not fragments:
            return page_html
        if not keep:
            page.fragments = {}
        return FRAGMENT.sub(lambda m: fragments.get(m[2], m[0]), page_html)

    def restore(self, page: PageCitations) -> None:
        """Take a page's citations as recorded by an earlier build (build_cache.replay_page)."""
        self.reset(page.src_path)
        self.pages[page.src_path] = page
        for key in page.keys:
            pages = self.cited_by.setdefault(key, [])
            if page.src_path not in pages:
                pages.append(page.src_path)

    def unknown(self, key: str, where: tuple[str, int | None]) -> Diagnostic:
        return Diagnostic(
            "cite.unknown-key",
            f"'{key}' is not in bib/",
            where[0],
            where[1],
            did_you_mean(key, self.formatter.bib.keys()) or "add the entry to a .bib file in bib/",
            severity=WARNING,
            subject=key,
        )

    def cite(
        self, src_path: str, keys: list[str], where, loc: str | None = None, narrative: bool = False
    ) -> CiteResult:
        page = self.page(src_path)
        occurrence = page.next_occurrence()
        diagnostics: list[Diagnostic] = []
        known: list[str] = []
        unknown: list[str] = []
        for key in keys:
            (known if key in self.formatter.bib else unknown).append(key)
        for key in unknown:
            diagnostics.append(self.unknown(key, where(key)))
        numbered: dict[int, str] = {}  # number on this page -> key
        for key in known:
            n = page.number(key)
            page.backlinks[key].append(occurrence)
            self.cited_by.setdefault(key, [])
            if src_path not in self.cited_by[key]:
                self.cited_by[key].append(src_path)
            _, problems = self.formatter.format(key)  # its problems, reported where it is cited
            diagnostics.extend(problems)
            numbered[n] = key
        parts = []
        for first, last in compress(list(numbered)):
            parts.append(self._link(first, numbered[first]))
            if last != first:
                parts[-1] += "&ndash;" + self._link(last, numbered[last])
        for key in unknown:
            parts.append(
                f'<span class="citation-unknown" title="Unknown reference: {html.escape(key)}">'
                f"?{html.escape(key)}</span>"
            )
        inner = ", ".join(parts)
        if loc:
            inner += ", " + html.escape(loc)
        # <sup>, not <span>: the print-site plugin renames ids on <sup> (and headings, <li>) so back-links survive
        bracket = f'<sup class="citation" id="{occurrence}">[{inner}]</sup>'
        bracket = self._deferred(page, bracket, "span")
        if narrative and known:
            who = self.formatter.narrative_names(known[0])
            return CiteResult(f"{html.escape(who)} {bracket}", diagnostics)
        return CiteResult(bracket, diagnostics)

    @staticmethod
    def _link(n: int, key: str) -> str:
        # No title: the reference's text is in the page's list already, and previews.js reads it
        # from there (#ref-...) when a reader asks. A title on every link doubled each page's
        # reference text, in the HTML phones parse and in the build's memory.
        return f'<a class="citation-link" href="#{anchor(key)}">{n}</a>'

    def reference_list(self, src_path: str, heading: str = "References") -> str:
        page = self.page(src_path)
        page.list_rendered = True
        if not page.numbers:
            return ""
        items = []
        for key in page.keys:
            formatted, _ = self.formatter.format(key)
            back = backlinks_html(page.numbers[key], page.backlinks[key])
            items.append(f'<li id="{anchor(key)}" value="{page.numbers[key]}">{formatted.html} {back}</li>')
        # Markdown, not raw HTML, for the heading: it then gets a TOC entry and a permalink.
        ol = '<ol class="references">\n' + "\n".join(items) + "\n</ol>"
        return f"\n\n## {heading}\n\n" + self._deferred(page, ol, "div") + "\n"
