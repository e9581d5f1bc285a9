"""'Cite this page': a formatted citation, BibTeX, RIS, CSL-JSON, <head> metadata and a QR code.

Pure functions of their arguments; the plugin gathers the PageInfo from MkDocs and the build state.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import segno

from .formatting import FormattedEntry


@dataclass
class PageInfo:
    title: str
    url: str  # canonical, absolute
    site_name: str
    authors: list[dict]  # {"family", "given"} for a person, {"name"} for an organisation
    updated: str | None  # YYYY-MM-DD
    reviewed: str | None
    description: str
    src_path: str
    cited: list[tuple[object, FormattedEntry]] = field(default_factory=list)  # (pybtex entry, formatted)
    # Site-wide settings (the plugin's config), carried here so that every output agrees.
    key_prefix: str = "page_"
    language: str = "en"
    locale: str = "en_US"
    schema_type: str = "WebPage"
    audiences: list[dict] = field(default_factory=list)  # schema.org Audience objects
    license: str = ""
    review_due: str | None = None  # YYYY-MM-DD
    reviewers: list[dict] = field(default_factory=list)  # as authors; who checked it on `reviewed`

    @property
    def year(self) -> str:
        return (self.updated or self.reviewed or "")[:4]


def bibtex_key(info: PageInfo) -> str:
    """Stable across edits: derived from the page's path, never from its date."""
    slug = re.sub(r"[^a-z0-9]+", "_", info.src_path.lower().removesuffix(".md")).strip("_") or "home"
    return f"{info.key_prefix}{slug}"


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _author_display(authors: list[dict]) -> str:
    out = []
    for a in authors:
        if "family" in a:
            out.append(
                f"{a['family']} {''.join(w[0] for w in a.get('given', '').replace('-', ' ').split())}".strip()
            )
        else:
            out.append(a["name"])
    return ", ".join(out)


def _byline(authors: list[dict]) -> str:
    """The authors and a full stop, or nothing for a page without named authors (it starts with its title)."""
    return f"{_author_display(authors)}. " if authors else ""


def _organisation(a: dict) -> str:
    """An organisation's name for RIS, where Zotero reads an author without a comma as one name
    (fieldMode 1) and one with a comma as 'Family, Given': the comma has to go."""
    return " ".join(a["name"].replace(",", " ").split())


def citation_authors(authors: list[dict]) -> list[str]:
    """`citation_author` values: people only, each 'Family, Given'.

    Zotero's Embedded Metadata translator passes every author it finds in <meta> tags (citation_author,
    dc.creator, author) through `cleanAuthor`, which always makes a person of first and last name:
    no tag keeps an organisation as one name, so an organisation is left out here (the RIS, CSL-JSON,
    BibTeX and JSON-LD keep it). A lone value with spaces on both sides of its comma ('van Dam,
    Anna Maria') would be read as a list of two people; a trailing ';', the translator's list
    separator, keeps it one person.
    """
    people = [
        f"{a['family']}, {a['given']}" if a.get("given") else a["family"] for a in authors if "family" in a
    ]
    if len(people) == 1 and all(" " in part.strip() for part in people[0].split(",", 1)) and "," in people[0]:
        people[0] += ";"
    return people


def author_name(a: dict) -> str:
    """'Given Family' for a person, the organisation's name as written (JSON-LD; persons in meta tags)."""
    return f"{a.get('given', '')} {a['family']}".strip() if "family" in a else a["name"]


def formatted_text(info: PageInfo) -> str:
    # The home page's title is the site's name: name the site once.
    container = "" if info.title == info.site_name else f" {info.site_name}."
    parts = [f"{_byline(info.authors)}{info.title}.{container} {info.year}."]
    if info.updated:
        parts.append(f"Updated {info.updated}.")
    parts.append(f"Available at: {info.url}")
    return " ".join(parts)


def bibtex(info: PageInfo) -> str:
    authors = " and ".join(
        f"{_bib_escape(a['family'])}, {_bib_escape(a.get('given', ''))}"
        if "family" in a
        else "{" + _bib_escape(a["name"]) + "}"
        for a in info.authors
    )
    fields = [("author", "{" + authors + "}")] if authors else []
    fields += [
        ("title", "{{" + _bib_escape(info.title) + "}}"),
        ("howpublished", "{" + _bib_escape(info.site_name) + "}"),
        ("year", "{" + info.year + "}"),
        ("url", "{" + info.url + "}"),
    ]
    if info.updated:
        fields.append(("note", "{Last updated " + info.updated + "}"))
    body = ",\n".join(f"  {k:<12} = {v}" for k, v in fields)
    return f"@misc{{{bibtex_key(info)},\n{body}\n}}\n"


def ris(info: PageInfo) -> str:
    lines = ["TY  - ELEC"]
    lines += [
        f"AU  - {a['family']}, {a.get('given', '')}" if "family" in a else f"AU  - {_organisation(a)}"
        for a in info.authors
    ]
    lines += [f"TI  - {info.title}", f"T2  - {info.site_name}", f"PY  - {info.year}"]
    if info.updated:
        lines.append(f"DA  - {info.updated.replace('-', '/')}")
    lines += [f"UR  - {info.url}", f"AB  - {info.description}", "ER  - "]
    return "\r\n".join(lines) + "\r\n"


def csl_json(info: PageInfo) -> str:
    def person(a):
        return (
            {"family": a["family"], "given": a.get("given", "")} if "family" in a else {"literal": a["name"]}
        )

    item = {
        "id": bibtex_key(info),
        "type": "webpage",
        "title": info.title,
        "container-title": info.site_name,
        "URL": info.url,
        "abstract": info.description,
    }
    if info.authors:
        item["author"] = [person(a) for a in info.authors]
    if info.updated:
        item["issued"] = {"date-parts": [[int(p) for p in info.updated.split("-")]]}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def citation_reference(entry) -> str:
    """One work in Google Scholar's `citation_reference` form."""
    authors = tuple(
        " ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names)
        for p in entry.persons.get("author", [])[:20]
    )
    return _citation_reference(tuple(entry.fields.items()), authors)


@lru_cache(maxsize=8192)  # keyed on the entry's content: each work is decoded once per process
def _citation_reference(fields: tuple, authors: tuple) -> str:
    f = {name.lower(): value for name, value in fields}
    parts = [f"citation_title={_plain(f.get('title', ''))}"]
    for author in authors:
        name = " ".join(_plain(author).split())
        if name.lower() != "others":
            parts.append(f"citation_author={name}")
    for bib_field, tag in (
        ("journal", "citation_journal_title"),
        ("year", "citation_publication_date"),
        ("volume", "citation_volume"),
        ("doi", "citation_doi"),
        ("pmid", "citation_pmid"),
    ):
        if f.get(bib_field):
            parts.append(f"{tag}={_plain(f[bib_field])}")
    return "; ".join(parts)


def _plain(latex: str) -> str:
    from .styles import latex_to_text

    return latex_to_text(latex).replace(";", ",")


def head_meta(info: PageInfo) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name -> content) meta tags for Zotero/Google Scholar and Twitter; (property -> content) for Open Graph."""
    names = [("citation_title", info.title)]
    names += [("citation_author", a) for a in citation_authors(info.authors)]
    if info.updated:
        names.append(("citation_publication_date", info.updated.replace("-", "/")))
    names += [
        ("citation_public_url", info.url),
        ("citation_publisher", info.site_name),
        ("dc.title", info.title),
        # no dc.type: Zotero's RDF import copies any value into websiteType, which APA prints as "[Text]"
        ("dc.publisher", info.site_name),
    ]
    if info.updated:
        names.append(("dc.date", info.updated))
    names += [("citation_reference", citation_reference(entry)) for entry, _ in info.cited]
    names += [
        ("twitter:card", "summary"),
        ("twitter:title", info.title),
        ("twitter:description", info.description),
    ]
    props = [
        ("og:type", "website"),
        ("og:site_name", info.site_name),
        ("og:title", info.title),
        ("og:description", info.description),
        ("og:url", info.url),
        ("og:locale", info.locale),
    ]
    return names, props


def _ld_agent(a: dict) -> dict:
    if "family" not in a:
        return {"@type": "Organization", "name": a["name"]}
    person = {"@type": "Person", "name": author_name(a), "familyName": a["family"]}
    return {**person, "givenName": a["given"]} if a.get("given") else person


def json_ld(info: PageInfo) -> str:
    doc = {
        "@context": "https://schema.org",
        "@type": info.schema_type,
        "name": info.title,
        "headline": info.title,
        "description": info.description,
        "url": info.url,
        "inLanguage": info.language,
        "isPartOf": {"@type": "WebSite", "name": info.site_name},
        "publisher": {"@type": "Organization", "name": info.site_name},
        "author": [_ld_agent(a) for a in info.authors],
        "audience": info.audiences,
        "license": info.license,
        # DOIs (or titles) rather than full references: the page's list already has those.
        "citation": [_citation_id(entry) for entry, _ in info.cited],
    }
    for optional in ("author", "audience", "license"):
        if not doc[optional]:
            del doc[optional]
    if info.updated:
        doc["dateModified"] = info.updated
    if info.reviewed:
        doc["lastReviewed"] = info.reviewed
        if info.reviewers:
            agents = [_ld_agent(a) for a in info.reviewers]
            doc["reviewedBy"] = agents[0] if len(agents) == 1 else agents
    # "</" would end the <script> element early
    return json.dumps(doc, ensure_ascii=False, indent=1).replace("</", "<\\/")


def _citation_id(entry) -> str:
    doi = entry.fields.get("doi")
    return f"https://doi.org/{doi}" if doi else _plain(entry.fields.get("title", entry.key))


QR_MASK = 4


def qr_svg(url: str, title: str) -> str:
    """The page's canonical URL as an inline SVG QR code (no network, deterministic)."""
    buf = io.BytesIO()
    # A fixed mask: each of the eight standard masks gives a valid code that readers decode, and
    # segno's search for the one with the lowest penalty score is four fifths of its time (~8 ms).
    segno.make(url, error="m", mask=QR_MASK).save(
        buf,
        kind="svg",
        scale=3,
        border=2,
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="qr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    svg = buf.getvalue().decode("utf-8")
    return svg.replace("<svg ", '<svg role="img" aria-label="' + html.escape(title, quote=True) + '" ', 1)


def _data_uri(text: str, mime: str) -> str:
    from urllib.parse import quote

    return f"data:{mime};charset=utf-8," + quote(text)


def cite_block(info: PageInfo, settings: dict) -> dict:
    """Everything overrides/main.html shows for one page (strings are not yet HTML-escaped)."""
    repo = (settings.get("repository") or "").rstrip("/")
    branch, docs = settings.get("branch") or "main", settings.get("docs_path") or "docs"
    names, props = head_meta(info)
    block = {
        "key": bibtex_key(info),
        "text": formatted_text(info),
        "bibtex": bibtex(info),
        "ris_href": _data_uri(ris(info), "application/x-research-info-systems"),
        "csl_href": _data_uri(csl_json(info), "application/vnd.citationstyles.csl+json"),
        "meta": names,
        "og": props,
        "json_ld": json_ld(info),
        "qr": qr_svg(info.url, f"QR code linking to {info.url}"),
        "url": info.url,
        "updated": info.updated,
        "updated_display": _long_date(info.updated),
        "reviewed": info.reviewed,
        "reviewed_display": _long_date(info.reviewed),
        "review_due": info.review_due,
        "review_due_display": _long_date(info.review_due),
        "reviewers": _author_list(info.reviewers) if any("family" in a for a in info.reviewers) else None,
        "history_url": f"{repo}/commits/{branch}/{docs}/{info.src_path}" if repo else None,
        "edit_url": f"{repo}/edit/{branch}/{docs}/{info.src_path}" if repo else None,
        "report_url": (
            f"{repo}/issues/new?template=report-error.yml&title="
            + _quote(f"Error on: {info.title}")
            + "&page="
            + _quote(info.url)
        )
        if repo
        else None,
    }
    return block


def _author_list(people: list[dict]) -> str:
    """'Jane Smith and Ann Lee' for a visible 'Reviewed by' line."""
    names = [author_name(a) for a in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _long_date(iso: str | None) -> str | None:
    """'November 25, 2026', as the theme's own last-update line shows it."""
    if not iso:
        return None
    d = date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def element_citation(
    authors: list[dict], site_name: str, page_title: str, page_url: str, label: str, anchor_id: str
) -> str:
    """'Cite this table' line: the page citation narrowed to one numbered table or figure."""
    text = f"{_byline(authors)}{page_title}, {label}. {site_name}. " f"Available at: {page_url}#{anchor_id}"
    return (
        f'<span class="cite-element">Cite this {label.split()[0].lower()}: '
        f'<span class="cite-element__text">{html.escape(text)}</span></span>'
    )
