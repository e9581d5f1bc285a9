"""The real site, built with --strict, and checks on its HTML."""

import re

import pytest

pytestmark = pytest.mark.slow


def test_real_site_builds_strictly_without_warnings(real_site):
    assert not real_site.aborted, real_site.warnings
    assert real_site.warnings == []
    pages = list(real_site.site_dir.rglob("index.html"))
    assert len(pages) >= 15


def test_no_third_party_assets(real_site):
    """Fonts, scripts, styles and images all come from the site itself."""
    for page in real_site.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag, attr in re.findall(
            r"<(script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", html
        ):
            if tag == "link" and re.search(
                r'rel="(canonical|alternate)"', html[html.find(attr) - 200 : html.find(attr)]
            ):
                continue
            assert not re.match(r"(https?:)?//", attr), f"{page}: {tag} loads {attr}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_study_pages_have_numbered_citations_and_doi_links(real_site):
    html = real_site.html("studies/mackensen-2022/index.html")
    assert re.search(r'<a class="citation-link" href="#ref-mackensen2022">\d+</a>', html)
    entry = re.search(r'<li id="ref-mackensen2022".*?</li>', html, re.S).group(0)
    assert 'href="https://doi.org/10.1038/s41591-022-02017-5"' in entry


def test_the_bibliography_is_shown_in_full_and_indexed_as_material_would_index_it(real_site):
    """The search plugin reads the bibliography without its links and inline tags
    (pages.for_search); readers get the full list, and the index holds the same text."""
    from material.plugins.search.plugin import Parser

    from mkdocs_explainer.pages import for_search

    html = real_site.html("references/index.html")
    shown = html[html.index('<ul class="bibliography">') : html.rindex("</ul>") + 5]
    assert 'class="cited-on"' in shown and 'href="https://doi.org/' in shown

    def sections(piece):
        parser = Parser()
        parser.feed(piece)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]

    assert sections(for_search(shown)) == sections(shown)
    index = (real_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"references/"' in index and "Cited on:" in index
