"""The reference style of styles.py, formatted straight to strings.

pybtex's template engine builds, merges and renders a tree of rich-text objects for every
entry: 0.6 s of a cold build with 1000 entries. This module follows the same templates step for
step on (html, text) string pairs, and returns None for what it cannot read exactly (unbalanced
braces), so that styles.format_entry (the pybtex templates, the style's definition) formats it
instead. tests/unit/test_fast_style.py checks that both give the same on every entry of bib/, of
the benchmark's bib and of thousands of generated entries with missing, empty and odd fields.

pybtex semantics kept here: a missing field raises FieldIsMissing, in template order, while an
empty one is only left out; `join` drops empty parts; a period is added unless the text ends in
'.', '?' or '!'; braces protect text from sentence case, and never reach the page.
"""

from __future__ import annotations

import html
from urllib.parse import quote
from xml.sax.saxutils import escape

from pybtex.style.template import FieldIsMissing

from .styles import NO_LATEX, STYLE, _decoded, editors_suffix, names

EMPTY = ("", "")  # (html, plain text)
TERMINATORS = (".", "?", "!")


class Unreadable(Exception):
    """A field this module cannot format exactly as the templates do."""


def format_entry(entry) -> tuple[str, str] | None:
    """(html, plain text) as styles.format_entry gives them, or None where only it can tell."""
    kind = entry.type.lower()
    template = TEMPLATES.get(kind)
    if template is None:
        if hasattr(STYLE, f"get_{kind}_template"):
            return None
        template = _misc
    try:
        return template(entry)
    except Unreadable:
        return None


# -- fields ------------------------------------------------------------------------------------


def _segments(entry, name) -> list[tuple[str, bool]]:
    """The field as (text, protected) runs, braces removed, as pybtex's LaTeXParser reads it."""
    try:
        latex = entry.fields[name]
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    if NO_LATEX.fullmatch(latex):
        return [(latex, False)] if latex else []
    runs, start, depth = [], 0, 0
    decoded = _decoded(latex)[0]
    for i, char in enumerate(decoded):
        if char in "{}":
            if i > start:
                runs.append((decoded[start:i], depth > 0))
            depth += 1 if char == "{" else -1
            if depth < 0:
                raise Unreadable(name)
            start = i + 1
    if depth:
        raise Unreadable(name)
    if start < len(decoded):
        runs.append((decoded[start:], False))
    return runs


def _pair(text: str) -> tuple[str, str]:
    return (escape(text), text)


def field(entry, name) -> tuple[str, str]:
    return _pair("".join(text for text, _ in _segments(entry, name)))


def optional_field(entry, name) -> tuple[str, str]:
    return field(entry, name) if name in entry.fields else EMPTY


def sentence_case_title(entry) -> tuple[str, str]:
    """styles._sentence_case: first letter up, the rest down, protected runs untouched; a
    [descriptive title] keeps its bracket and is capitalized inside it."""
    runs = _segments(entry, "title")
    prefix = ""
    if runs and runs[0][0].startswith("["):
        prefix = "["
        runs[0] = (runs[0][0][1:], runs[0][1])
        runs = [run for run in runs if run[0]]
    out, first = [], True
    for text, protected in runs:
        if not protected:
            text = text[:1].upper() + text[1:].lower() if first else text.lower()
        out.append(text)
        first = False
    return _pair(prefix + "".join(out))


# -- pybtex's combinators on (html, text) pairs ------------------------------------------------


def join(*parts, sep="") -> tuple[str, str]:
    kept = [part for part in parts if part[1]]
    return (sep.join(p[0] for p in kept), sep.join(p[1] for p in kept))


def lit(text: str) -> tuple[str, str]:
    return _pair(text)


def add_period(part) -> tuple[str, str]:
    if part[1] and not part[1].endswith(TERMINATORS):
        if len(part) == 3:  # an <em> standing alone: pybtex appends inside the tag
            return em((part[2] + ".", part[1] + "."))
        return (part[0] + ".", part[1] + ".")
    return part


def ended(*parts) -> tuple[str, str]:
    """styles.ama_join: parts joined by '. ' and closed with a period."""
    out = None
    for part in parts:
        if not part[1]:
            continue
        out = join(add_period(out), part, sep=" ") if out else part
    return add_period(out) if out else EMPTY


def optional(build, *args) -> tuple[str, str]:
    try:
        return build(*args)
    except FieldIsMissing:
        return EMPTY


def first_of(*builds) -> tuple[str, str]:
    """The first non-empty part, building no further (pybtex's `first_of` is lazy too)."""
    for build in builds:
        part = build()
        if part[1]:
            return part
    return EMPTY


def em(part) -> tuple[str, str, str]:
    """(html, text, the html inside the tag), or EMPTY."""
    return (f"<em>{part[0]}</em>", part[1], part[0]) if part[1] else EMPTY


def link(url: str, text: str) -> tuple[str, str]:
    """styles.Backend.format_href: http(s) targets only, attribute-escaped."""
    if not text:
        return EMPTY
    if not url.startswith(("https://", "http://")):
        return _pair(text)
    return (f'<a href="{html.escape(url, quote=True)}">{escape(text)}</a>', text)


# -- names and links ---------------------------------------------------------------------------


def people(entry, role) -> tuple[str, str]:
    persons = entry.persons.get(role, [])
    if not persons:
        raise FieldIsMissing(role, entry)
    return _pair(names(persons))


def editors(entry) -> tuple[str, str]:
    persons = entry.persons.get("editor", [])
    if not persons:
        raise FieldIsMissing("editor", entry)
    return join(people(entry, "editor"), lit(editors_suffix(persons)))


def author_or_editor(entry) -> tuple[str, str]:
    if entry.persons.get("author"):
        return people(entry, "author")
    if not entry.persons.get("editor"):
        raise FieldIsMissing("author|editor", entry)
    return editors(entry)


def links(entry) -> tuple[str, str]:
    fields = entry.fields
    doi = fields.get("doi")
    doi_part = EMPTY
    if doi:
        doi = doi.strip()
        doi_part = join(lit("doi:"), link(f"https://doi.org/{quote(doi, safe='/:;()._-')}", doi))
    pmid = fields.get("pmid", "").strip()
    pubmed = (
        join(lit("PMID: "), link(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", pmid))
        if pmid.isdigit()
        else EMPTY
    )
    url = fields.get("url", "").strip()
    web = EMPTY
    if url and not fields.get("doi"):
        web = join(lit("Available at: "), link(url, url))
        if fields.get("urldate"):
            web = join(web, lit(". Accessed "), lit(fields["urldate"]))
    return join(doi_part, pubmed, web, sep=". ")


# -- the templates of styles.AmaStyle ----------------------------------------------------------


def _article(e):
    authors = optional(author_or_editor, e)
    title = sentence_case_title(e)
    journal = em(first_of(lambda: optional_field(e, "shortjournal"), lambda: field(e, "journal")))
    number = optional(lambda: join(lit("("), field(e, "number"), lit(")")))
    volume = optional(lambda: join(lit(";"), field(e, "volume"), number))
    pages = optional(lambda: join(lit(":"), field(e, "pages")))
    return ended(authors, title, journal, join(field(e, "year"), volume, pages), links(e))


def _inproceedings(e):
    authors = people(e, "author")
    title = sentence_case_title(e)
    where = join(lit("Presented at:"), join(field(e, "booktitle"), field(e, "year"), sep="; "), sep=" ")
    return ended(authors, title, where, links(e))


def _misc(e):
    who = first_of(
        lambda: optional(author_or_editor, e),
        lambda: optional_field(e, "organization"),
        lambda: optional_field(e, "institution"),
        lambda: optional_field(e, "howpublished"),
    )
    parts = [who, field(e, "title")]
    if (
        e.persons.get("author")
        or e.persons.get("editor")
        or "organization" in e.fields
        or "institution" in e.fields
    ):
        parts.append(optional_field(e, "howpublished"))
    return ended(*parts, optional_field(e, "year"), links(e))


def _book(e):
    who = author_or_editor(e)
    title = field(e, "title")
    edition = optional(lambda: join(field(e, "edition"), lit(" ed")))
    imprint = join(optional_field(e, "publisher"), field(e, "year"), sep="; ")
    return ended(who, title, edition, imprint, links(e))


def _incollection(e):
    authors = people(e, "author")
    title = sentence_case_title(e)
    book = first_of(
        lambda: optional(lambda: join(lit("In: "), editors(e), lit(". "), field(e, "booktitle"))),
        lambda: join(lit("In: "), field(e, "booktitle")),
    )
    imprint = join(
        join(optional_field(e, "publisher"), field(e, "year"), sep="; "),
        optional(lambda: join(lit(":"), field(e, "pages"))),
    )
    return ended(authors, title, book, imprint, links(e))


TEMPLATES = {
    "article": _article,
    "inproceedings": _inproceedings,
    "misc": _misc,
    "book": _book,
    "incollection": _incollection,
    "inbook": _incollection,
}
