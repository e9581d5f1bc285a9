"""A numeric reference style in the spirit of AMA/Vancouver, written as a pybtex style.

    Smith A, Lee B, Brown C. Caffeine content of arabica and robusta beans after
    roasting. J Food Sci. 2020;85(4):1001-1010. doi:10.1000/example.2020.1

Up to six authors are listed; more than six give the first six and "et al." (Vancouver). A work
with editors and no authors is listed under its editors ("Tsokos GC, ed."), as pybtex's own unsrt
style does author-or-editor. Math and formatting commands in fields go through tex.py first.
"""

from __future__ import annotations

import codecs
import html
import re
from functools import lru_cache
from urllib.parse import quote

import latexcodec  # noqa: F401  (registers the "ulatex" codec that pybtex decodes with)
from pybtex.backends.html import Backend as HtmlBackend
from pybtex.backends.plaintext import Backend as TextBackend
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, FormattedEntry
from pybtex.style.template import (
    FieldIsMissing,
    _format_list,
    first_of,
    href,
    join,
    node,
    optional,
    tag,
    words,
)

from . import tex

MAX_AUTHORS = 6
STYLE_VERSION = "ama-2"  # bump when the output changes, so cached formatting is refreshed


TEXT_BACKEND = TextBackend()


class Backend(HtmlBackend):
    """pybtex's HTML backend without `bibtex-protected` spans and with escaped link targets."""

    def format_protected(self, text):
        return text

    @staticmethod
    def format_href(url, text, external=False):
        if not text:
            return ""
        if not url.startswith(("https://", "http://")):
            return text  # never emit javascript: or other schemes from bib data
        return f'<a href="{html.escape(url, quote=True)}">{text}</a>'


# Text with none of LaTeX's special characters decodes to itself (checked on every string of
# bib/ and of the benchmark's bib); skipping pybtex's LaTeX parser for it halves the decoding time.
NO_LATEX = re.compile(r"[^\\{}~$%&#_^`'\"\-]*")

# Most of the remaining strings hold only protective braces ({DNA}) and page-range dashes
# (1304--1314). For those, latexcodec's decoder (10 % of a cold build's profile) does nothing but
# turn --- and -- into dashes. Anything it could treat otherwise takes the full decoder: a
# backslash, math, comments, ties, quote and ligature pairs ('' `` ,,), tabs or newlines, and
# leading, trailing or repeated spaces (it collapses those). tests/unit/test_styles.py checks the
# shortcut against latexcodec on every string of bib/ and on random strings.
BRACES_AND_DASHES = re.compile(r"(?! )(?:[^\\$%&#_^~`',\s]|'(?!')|,(?!,)| (?! ))*(?<! )")


def decode_latex(latex: str) -> str:
    """What `codecs.decode(latex, "ulatex")` gives, without latexcodec for the common case."""
    if BRACES_AND_DASHES.fullmatch(latex):
        return latex.replace("---", "\u2014").replace("--", "\u2013")
    return codecs.decode(latex, "ulatex")


def text_from_latex(latex: str) -> Text:
    """pybtex's `Text.from_latex` (decode, then parse braces into Protected parts), with both
    shortcuts above: plain text is taken as it is, brace-and-dash text skips latexcodec.
    Math is rendered first (tex.py); TeX that nothing could render loses its syntax, so no `\\`,
    `$` or `^` reaches the page (`unrenderable()` reports it)."""
    if NO_LATEX.fullmatch(latex):
        return Text(latex)
    return LaTeXParser(_decoded(latex)[0]).parse()


@lru_cache(maxsize=16384)
def _decoded(latex: str) -> tuple[str, tuple[str, ...]]:
    """(decoded text with any TeX left over stripped of its syntax, the pieces that were left over).
    Cached: formatting an entry and checking it for unrenderable TeX decode the same fields."""
    expanded, problems = tex.expand(latex)
    try:
        decoded = decode_latex(expanded)
    except UnicodeDecodeError:  # a backslash latexcodec cannot read
        decoded = expanded
    left = tex.leftover(decoded)
    if left:
        problems.append(left)
        decoded = re.sub(r" {2,}", " ", re.sub(r"\\[A-Za-z]+ ?|\\(.)", r"\1", decoded))
    return decoded, tuple(problems)


# Fields the style shows (others, such as abstract, file or keywords, are never rendered).
SHOWN_FIELDS = ("title", "journal", "shortjournal", "booktitle", "publisher", "howpublished", "organization",
                "institution", "edition", "volume", "number", "pages", "year")  # fmt: skip


def unrenderable(entry) -> list[str]:
    """The pieces of TeX in an entry's shown fields and names that the style cannot render."""
    found: list[str] = []
    values = [entry.fields[name] for name in SHOWN_FIELDS if name in entry.fields]
    for person in (p for people in entry.persons.values() for p in people):
        values.extend(person.first_names + person.middle_names + person.prelast_names + person.last_names)
    for value in values:
        if not NO_LATEX.fullmatch(value):
            found.extend(p for p in _decoded(value)[1] if p not in found)
    return found


@lru_cache(maxsize=8192)
def latex_to_text(latex: str) -> str:
    """Decode LaTeX (M{\\"u}ller -> Müller): what `text_from_latex(latex)` renders as plain text,
    which is the decoded text without its braces when they balance (else pybtex's parser says why)."""
    if NO_LATEX.fullmatch(latex):
        return latex
    decoded = _decoded(latex)[0]
    if "{" not in decoded and "}" not in decoded:
        return decoded
    if _balanced(decoded):
        return decoded.replace("{", "").replace("}", "")
    return LaTeXParser(decoded).parse().render(TEXT_BACKEND)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _plain(latex_parts) -> str:
    return " ".join(latex_to_text(p) for p in latex_parts)


@node
def field(children, context, name, apply_func=None):
    """pybtex's `field` node, decoding with `text_from_latex` (most fields are plain text)."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    text = text_from_latex(value)
    return apply_func(text) if apply_func else text


def _initials(person) -> str:
    out = []
    for name in person.first_names + person.middle_names:
        for part in _plain([name]).replace(".", " ").replace("-", " ").split():
            out.append(part[0].upper())
    return "".join(out)


def person_short(person) -> str:
    """'van Vollenhoven RF': surname (with particles) then initials, as Vancouver styles do."""
    surname = _plain(person.prelast_names + person.last_names)
    initials = _initials(person)
    return f"{surname} {initials}".strip()


def _is_others(person) -> bool:
    return _plain(person.last_names).lower() == "others"


def names(persons) -> str:
    """'Smith A, Lee B, et al': up to six, then et al (also for 'and others')."""
    truncated = any(_is_others(p) for p in persons)
    real = [p for p in persons if not _is_others(p)]
    if len(real) > MAX_AUTHORS:
        real, truncated = real[:MAX_AUTHORS], True
    text = ", ".join(person_short(p) for p in real)
    if truncated:
        # "Mei HE, et al" but "Mei et al" when the last listed author has no verified initials
        text += ", et al" if real and _initials(real[-1]) else " et al"
    return text


def editors_suffix(persons) -> str:
    return ", eds" if len(persons) > 1 else ", ed"


@node
def ama_names(children, context, role="author"):
    persons = context["entry"].persons.get(role, [])
    if not persons:
        raise_missing(role, context)
    return Text(names(persons))


@node
def author_or_editor(children, context):
    """The authors; else the editors, "Tsokos GC, ed." or "Tsokos GC, Lahita RG, eds." (AMA 3.9)."""
    entry = context["entry"]
    if entry.persons.get("author"):
        return ama_names.format_data(context)
    if not entry.persons.get("editor"):
        raise_missing("author|editor", context)
    return editors.format_data(context)


@node
def editors(children, context):
    persons = context["entry"].persons.get("editor", [])
    if not persons:
        raise_missing("editor", context)
    return Text(ama_names(role="editor").format_data(context), editors_suffix(persons))


def raise_missing(field_name, context):
    raise FieldIsMissing(field_name, context["entry"])


@node
def doi_link(children, context):
    doi = context["entry"].fields.get("doi")
    if not doi:
        return Text()
    doi = doi.strip()
    return Text("doi:", href(f"https://doi.org/{quote(doi, safe='/:;()._-')}")[doi].format_data(context))


@node
def pubmed_link(children, context):
    pmid = context["entry"].fields.get("pmid", "").strip()
    if not pmid.isdigit():
        return Text()
    return Text("PMID: ", href(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")[pmid].format_data(context))


@node
def url_link(children, context):
    url = context["entry"].fields.get("url", "").strip()
    if not url or context["entry"].fields.get("doi"):
        return Text()
    text = Text("Available at: ", href(url)[url].format_data(context))
    urldate = context["entry"].fields.get("urldate")
    if urldate:
        text = Text(text, ". Accessed ", urldate)
    return text


class AmaStyle(BaseStyle):
    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    def _title(self, sentence_case=True):
        if sentence_case:
            return field("title", apply_func=_sentence_case)
        return field("title")

    def _links(self):
        return join(sep=". ")[optional[doi_link], optional[pubmed_link], optional[url_link]]

    def get_article_template(self, e):
        journal = first_of[optional[field("shortjournal")], field("journal")]
        source = join[
            field("year"),
            optional[join[";", field("volume"), optional["(", field("number"), ")"]]],
            optional[join[":", field("pages")]],
        ]
        # An article whose authors could not be verified is listed by its title (AMA 3.6).
        return _ended(optional[author_or_editor], self._title(), tag("em")[journal], source, self._links())

    def get_inproceedings_template(self, e):
        return _ended(
            ama_names,
            self._title(),
            words["Presented at:", join(sep="; ")[field("booktitle"), field("year")]],
            self._links(),
        )

    def get_misc_template(self, e):
        who = first_of[
            optional[author_or_editor],
            optional[field("organization")],
            optional[field("institution")],
            optional[field("howpublished")],
        ]
        parts = [who, self._title(sentence_case=False)]
        if (
            e.persons.get("author")
            or e.persons.get("editor")
            or "organization" in e.fields
            or "institution" in e.fields
        ):
            parts.append(optional[field("howpublished")])
        return _ended(*parts, optional[field("year")], self._links())

    def get_book_template(self, e):
        edition = optional[join[field("edition"), " ed"]]
        imprint = join(sep="; ")[optional[field("publisher")], field("year")]
        return _ended(author_or_editor, field("title"), edition, imprint, self._links())

    def get_incollection_template(self, e):
        """A chapter: "Author. Chapter. In: Editor, ed. Book. Publisher; year:pages." (AMA 3.10)."""
        book = first_of[
            optional[join["In: ", editors, ". ", field("booktitle")]],
            join["In: ", field("booktitle")],
        ]
        imprint = join[
            join(sep="; ")[optional[field("publisher")], field("year")], optional[":", field("pages")]
        ]
        return _ended(ama_names, self._title(), book, imprint, self._links())

    get_inbook_template = get_incollection_template

    def format_entry(self, label, entry, bib_data=None):
        """BaseStyle's, with every other entry type (report, thesis, online, software, ...) as misc."""
        template = getattr(self, f"get_{entry.type.lower()}_template", self.get_misc_template)
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        return FormattedEntry(entry.key, template(entry).format_data(context), label)


@node
def ama_join(children, data):
    """Parts joined by '. ' and closed with a period, as Vancouver references are; no period is
    added after a part that already ends with '.', '?' or '!' ("et al.", "A new era of hope?")."""
    out = Text()
    for part in _format_list(children, data):
        if not part:
            continue
        out = Text(out.add_period(), " ", part) if out else part
    return out.add_period() if out else out


def _sentence_case(title: Text) -> Text:
    """Sentence case, keeping {protected} words; a [descriptive title] is capitalized inside its bracket."""
    if str(title).startswith("["):
        return Text("[", title[1:].capitalize())
    return title.capitalize()


def _ended(*parts):
    return ama_join[parts]


STYLE = AmaStyle()
BACKEND = Backend()


def format_entry(entry) -> tuple[str, str]:
    """(html, plain text) of one entry. Raises FieldIsMissing for a required field."""
    text = STYLE.format_entry("", entry).text
    return text.render(BACKEND), text.render(TEXT_BACKEND)
