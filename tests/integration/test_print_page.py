"""The one-page print version carries every page's citations, reference lists and the site
bibliography, with links that work there (print_version.py)."""

import re

import pytest

pytestmark = pytest.mark.slow


def section(html: str, key: str) -> str:
    start = html.index(f'<section class="print-page" id="{key}"')
    return html[start : html.index("</section>", start)]


def test_print_page_has_the_site_bibliography(real_site):
    printed = real_site.html("print_page/index.html")
    assert "explainer:bibliography" not in printed and "data-explainer-" not in printed
    bibliography = real_site.html("references/index.html")
    entries = re.findall(r'<li id="(ref-[^"]+)">', bibliography)
    assert len(entries) > 50
    references = section(printed, "references")
    for ref in entries:
        assert f'<li id="references-{ref}">' in references
    ids = set(re.findall(r'id="([^"]+)"', printed))
    cited_on = re.findall(r'<a href="#([^"]+)">', references)
    assert cited_on and all(target in ids for target in cited_on)
    # "Cited on: Making CAR-T cells" leads to that page's own reference list on the print page.
    assert "making-car-t-cells-ref-mackensen2022" in cited_on or any(
        t.endswith("-ref-mackensen2022") for t in cited_on
    )


def test_print_page_citations_link_within_their_page(real_site):
    printed = real_site.html("print_page/index.html")
    study = section(printed, "studies-mackensen-2022")
    assert '<sup class="citation" id="studies-mackensen-2022-cite-1">' in study
    assert 'href="#studies-mackensen-2022-ref-mackensen2022"' in study
    assert '<li id="studies-mackensen-2022-ref-mackensen2022"' in study
