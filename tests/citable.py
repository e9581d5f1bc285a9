"""Read each citation format of a page back into one record, to check that they all say the same thing.

A record is (authors, title, site, date, url); an author is ("person", family, given) or ("org", name).
`zotero_creators` models how Zotero's Embedded Metadata translator reads `citation_author`
(zotero/translators ee1746de, `processHighwireCreators` and `ZU.cleanAuthor`); what the real
translation-server saved for the site's pages is recorded in ../shared/notes/zotero.md.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote

from pybtex.database import parse_string


class Head(HTMLParser):
    """Collects <meta>, <link rel=canonical> and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical = None
        self.jsonld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta.append((a.get("name") or a.get("property"), a.get("content", "")))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False

    def all(self, name):
        return [c for n, c in self.meta if n == name]


def zotero_creators(values: list[str]) -> list[tuple]:
    """The creators Zotero makes of the page's `citation_author` values."""
    out = []
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            # one tag, no ';': split at commas when both sides hold a space (read as a list of names)
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in names:
            name = name.strip()
            if not re.search(r"[^\s,\-.;]", name):
                continue
            if "," in name:
                family, given = (re.split(r"[,،] ?", name) + [""])[:2]
            else:
                given, _, family = name.rpartition(" ")
            out.append(
                ("person", family.strip(), given.strip()) if given.strip() else ("org", family.strip())
            )
    return out


def from_meta(head: Head) -> tuple:
    date = head.all("citation_publication_date")
    return (
        zotero_creators(head.all("citation_author")),
        head.all("citation_title")[0],
        head.all("og:site_name")[0],
        date[0].replace("/", "-") if date else None,
        head.all("citation_public_url")[0],
    )


def from_json_ld(head: Head) -> tuple:
    ld = json.loads("".join(head.jsonld))
    authors = [
        ("person", a["familyName"], a.get("givenName", "")) if a["@type"] == "Person" else ("org", a["name"])
        for a in ld.get("author", [])
    ]
    assert ld["isPartOf"]["name"] == ld["publisher"]["name"]
    return authors, ld["name"], ld["isPartOf"]["name"], ld.get("dateModified"), ld["url"]


def from_ris(text: str) -> tuple:
    tags: dict[str, list[str]] = {}
    for line in text.split("\r\n"):
        if line[2:6] == "  - ":
            tags.setdefault(line[:2], []).append(line[6:])
    authors = []
    for au in tags.get("AU", []):
        family, comma, given = au.partition(",")  # Zotero's RIS import: no comma -> one name
        authors.append(("person", family.strip(), given.strip()) if comma else ("org", au))
    date = tags.get("DA", [None])[0]
    return authors, tags["TI"][0], tags["T2"][0], date and date.replace("/", "-"), tags["UR"][0]


def from_csl(text: str) -> tuple:
    (item,) = json.loads(text)
    authors = [
        ("org", a["literal"]) if "literal" in a else ("person", a["family"], a.get("given", ""))
        for a in item.get("author", [])
    ]
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    date = "-".join(f"{p:02d}" for p in parts) if parts else None
    return authors, item["title"], item["container-title"], date, item["URL"]


def from_bibtex(text: str) -> tuple:
    ((_, entry),) = parse_string(text, "bibtex").entries.items()
    authors = []
    for p in entry.persons.get("author", []):
        last = " ".join(p.prelast_names + p.last_names)
        if last.startswith("{") and last.endswith("}") and not p.first_names:  # {Organisation}
            authors.append(("org", _unbrace(last[1:-1])))
        else:
            authors.append(("person", _unbrace(last), _unbrace(" ".join(p.first_names + p.middle_names))))
    note = entry.fields.get("note", "")
    date = note.removeprefix("Last updated ") if note.startswith("Last updated ") else None
    return (
        authors,
        _unbrace(entry.fields["title"]),
        _unbrace(entry.fields["howpublished"]),
        date,
        entry.fields["url"],
    )


def _unbrace(text: str) -> str:
    """BibTeX's braces and escapes off: '{CAR-T \\& Lupus}' -> 'CAR-T & Lupus'."""
    return re.sub(r"\\([&%$#_{}])", r"\1", re.sub(r"(?<!\\)[{}]", "", text))


def downloads(page_html: str) -> dict[str, str]:
    """The RIS, CSL-JSON and BibTeX of a page's cite block, and its formatted citation."""

    def data_uri(mime):
        m = re.search(rf'href="data:{re.escape(mime)};charset=utf-8,([^"]*)"', page_html)
        return unquote(html.unescape(m.group(1)))

    return {
        "ris": data_uri("application/x-research-info-systems"),
        "csl": data_uri("application/vnd.citationstyles.csl+json"),
        "bibtex": html.unescape(
            re.search(r'<code class="language-bibtex">(.*?)</code>', page_html, re.S).group(1)
        ),
        "text": html.unescape(
            re.search(r'<p class="cite-this-page__formatted">(.*?)</p>', page_html, re.S).group(1)
        ),
    }


def records(page_html: str) -> dict[str, tuple]:
    head = Head()
    head.feed(page_html)
    d = downloads(page_html)
    return {
        "citation_*": from_meta(head),
        "JSON-LD": from_json_ld(head),
        "RIS": from_ris(d["ris"]),
        "CSL-JSON": from_csl(d["csl"]),
        "BibTeX": from_bibtex(d["bibtex"]),
    }


def check_same_thing(page_html: str) -> list[str]:
    """Where a format disagrees with the CSL-JSON (the fullest one), as readable lines.

    Two differences are by design: `citation_author` holds people only (Zotero makes a person of any
    name in a <meta> tag), and RIS writes an organisation without commas (a comma there means 'Family, Given').
    """
    recs = records(page_html)
    ref = recs["CSL-JSON"]
    people = [a for a in ref[0] if a[0] == "person"]
    ris_authors = [
        a if a[0] == "person" else ("org", " ".join(a[1].replace(",", " ").split())) for a in ref[0]
    ]
    expected = {
        "citation_*": (people, *ref[1:]),
        "JSON-LD": ref,
        "RIS": (ris_authors, *ref[1:]),
        "BibTeX": ref,
    }
    problems = [f"{fmt}: {recs[fmt]} != {want}" for fmt, want in expected.items() if recs[fmt] != want]
    text = downloads(page_html)["text"]
    authors, title, site, date, url = ref
    for part in [a[1] for a in authors] + [title, site, url] + ([f"Updated {date}."] if date else []):
        if part not in text:
            problems.append(f"cite block: {part!r} missing from {text!r}")
    if authors and not text.startswith(authors[0][1]):
        problems.append(f"cite block: does not start with the first author: {text!r}")
    if not authors and not text.startswith(title):
        problems.append(f"cite block: a page without authors starts with its title: {text!r}")
    return problems
