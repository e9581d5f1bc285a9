"""Citable pages: cite block, scholarly metadata, dates, anchors, QR codes, CITATION.cff."""

import json
import re

import pytest
import yaml
from jsonschema import Draft7Validator
from pybtex.database import parse_string

from tests.citable import Head, check_same_thing, records
from tests.sitebuild import ROOT

pytestmark = pytest.mark.slow

NON_CONTENT = {"404.html", "print_page/index.html"}


def content_pages(site):
    return [
        p
        for p in sorted(site.site_dir.rglob("index.html"))
        if p.relative_to(site.site_dir).as_posix() not in NON_CONTENT
    ]


def test_every_content_page_is_citable(real_site):
    assert not real_site.aborted, real_site.warnings
    pages = content_pages(real_site)
    assert len(pages) >= 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(real_site.site_dir).as_posix()
        head = Head()
        head.feed(html)
        # the cite block: formatted citation, BibTeX, RIS and CSL-JSON, QR code, last updated
        assert 'id="cite-this-page"' in html, rel
        assert '<code class="language-bibtex">@misc{cartlupus_' in html, rel
        assert 'download="cartlupus_' in html and ".ris" in html and ".json" in html, rel
        assert '<svg role="img" aria-label="QR code linking to https://' in html, rel
        assert re.search(r'Last updated: <time datetime="\d{4}-\d{2}-\d{2}"', html), rel
        assert "Report an error on this page" in html, rel
        # metadata for Zotero and Google Scholar
        title = head.all("citation_title")
        assert len(title) == 1 and title[0] and not title[0].endswith(" - CAR-T & Lupus, Explained"), rel
        # No page names a person: Zotero would make a person of any organisation in these tags
        # (the translation-server's items, before and after, are in ../shared/notes/zotero.md).
        for tag in ("citation_author", "author", "dc.creator", "article:author"):
            assert not head.all(tag), (rel, tag)
        # any dc.type becomes Zotero's websiteType, printed by APA as "[Text]"
        assert not head.all("dc.type"), rel
        # a journal title would make Zotero save a web page as a journal article
        assert not head.all("citation_journal_title"), rel
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", head.all("citation_publication_date")[0]), rel
        assert head.all("citation_public_url")[0] == head.canonical, rel
        for prop in ("og:type", "og:site_name", "og:title", "og:description", "og:url", "twitter:card"):
            assert head.all(prop), (rel, prop)
        assert head.all("og:type") == ["website"]
        assert head.all("description") and head.all("description")[0].strip(), rel
        # one citation_reference per work in the page's reference list
        cited = re.findall(r'<li id="ref-[\w-]+" value="\d+"', html)
        assert len(head.all("citation_reference")) == len(cited), rel
        ld = json.loads("".join(head.jsonld))
        assert ld["@type"] == "MedicalWebPage" and ld["url"] == head.canonical, rel
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ld["lastReviewed"]), rel
        assert ld["reviewedBy"] == {"@type": "Organization", "name": "CAR-T & Lupus, Explained editors"}, rel
        assert "author" not in ld, rel
        # reviewed pages, as patient-information sites show them (contributor pages are not reviewed content)
        if not rel.startswith("contribute/"):
            assert re.search(
                r'Last reviewed: <time datetime="\d{4}-\d{2}-\d{2}" class="page-reviewed">\w+ \d', html
            ), rel
            assert re.search(
                r'Next review due: <time datetime="\d{4}-\d{2}-\d{2}" class="page-review-due">', html
            ), rel
            assert "How we write and review pages</a>" in html or rel == "editorial-policy/index.html", rel


def test_every_format_of_every_page_says_the_same_thing(real_site):
    """Cite block, RIS, CSL-JSON, BibTeX, citation_* and JSON-LD: same authors, title, site, date, URL."""
    for path in content_pages(real_site):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(real_site.site_dir).as_posix()
        assert check_same_thing(html) == [], rel
        authors, title, site, date, url = records(html)["CSL-JSON"]
        assert authors == [] and site == "CAR-T & Lupus, Explained", rel
        assert (
            url.startswith("https://") and url.endswith("/") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
        ), rel


def test_review_dates_come_from_the_front_matter(real_site):
    html = real_site.html("studies/mackensen-2022/index.html")
    assert 'Last reviewed: <time datetime="2026-12-01" class="page-reviewed">December 1, 2026</time>' in html
    assert 'Next review due: <time datetime="2027-06-01" class="page-review-due">June 1, 2027</time>' in html
    assert '<a href="../../editorial-policy/">How we write and review pages</a>' in html
    head = Head()
    head.feed(html)
    assert json.loads("".join(head.jsonld))["lastReviewed"] == "2026-12-01"


def test_page_bibtex_parses_with_pybtex_and_keys_are_stable(real_site):
    html = real_site.html("studies/mackensen-2022/index.html")
    code = re.search(r'<code class="language-bibtex">(.*?)</code>', html, re.S).group(1)
    import html as htmllib

    data = parse_string(htmllib.unescape(code), "bibtex")
    ((key, entry),) = data.entries.items()
    assert key == "cartlupus_studies_mackensen_2022"
    assert entry.type == "misc"
    assert entry.fields["url"].endswith("/studies/mackensen-2022/")
    assert "Explained" in entry.fields["howpublished"]


def test_study_page_references_every_cited_work_in_head(real_site):
    html = real_site.html("studies/mackensen-2022/index.html")
    head = Head()
    head.feed(html)
    refs = head.all("citation_reference")
    assert any("citation_doi=10.1038/s41591-022-02017-5" in r for r in refs)


def test_tables_and_figures_have_stable_anchors_numbers_and_cite_lines(real_site):
    html = real_site.html("studies/mackensen-2022/index.html")
    assert 'id="table-mackensen2022-patients"' in html and "Table 1." in html
    assert 'id="figure-sledai-mackensen2022"' in html and "Figure 1." in html
    assert "Cite this figure:" in html and "#figure-sledai-mackensen2022" in html
    assert "Cite this table:" in html and "#table-mackensen2022-patients" in html
    for ext in ("svg", "png"):
        assert (real_site.site_dir / "figures" / f"sledai_mackensen2022.{ext}").stat().st_size > 1000
    assert (real_site.site_dir / "figures" / "sledai_mackensen2022.png").read_bytes()[
        :8
    ] == b"\x89PNG\r\n\x1a\n"
    # every section heading has an anchor (and the page has its sections)
    headings = re.findall(r"<h[23][^>]*>", html)
    assert len(headings) >= 8, headings  # the study page has ten today
    assert [h for h in headings if 'id="' not in h] == []


def test_canonical_url_comes_from_site_url_set_at_deploy_time(tmp_path, monkeypatch):
    from tests.sitebuild import build_site

    monkeypatch.setenv("SITE_URL", "https://lupus.example.org/")
    result = build_site(ROOT, tmp_path / "site")
    assert not result.aborted, result.warnings
    html = result.html("safety/index.html")
    assert '<link rel="canonical" href="https://lupus.example.org/safety/">' in html
    assert 'content="https://lupus.example.org/safety/"' in html


def test_print_page_holds_the_whole_site(real_site):
    html = real_site.html("print_page/index.html")
    for heading in ("Safety", "Glossary"):
        assert heading in html
    css = (real_site.site_dir / "assets" / "explainer.css").read_text()
    assert "@media print" in css and "attr(href)" in css


def test_citation_cff_is_valid():
    schema = json.loads((ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.schema.json").read_text())
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    errors = sorted(Draft7Validator(schema).iter_errors(cff), key=str)
    assert not errors, [e.message for e in errors]
