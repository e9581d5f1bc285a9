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
