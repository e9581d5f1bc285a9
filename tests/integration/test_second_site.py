"""A second explainer, on coffee (tests/fixtures/coffee, with its own mkdocs.yml and settings),
uses every feature of the kit and builds with zero warnings; each feature is checked on its HTML."""

import json
import posixpath
import re
from html import unescape

import pytest

from tests.sitebuild import ROOT, build_site, make_fixture


@pytest.fixture(scope="module")
def coffee(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coffee")
    return build_site(make_fixture(tmp, "coffee"), tmp / "site", strict=True)


def resolve(site, page: str, href: str):
    """(file, fragment) that a relative href on `page` (e.g. brewing/index.html) points to."""
    href = unescape(href)
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    file = site.site_dir / target
    return (file / "index.html" if file.is_dir() else file), fragment


def assert_resolves(site, page, href):
    file, fragment = resolve(site, page, href)
    assert file.is_file(), f"{page}: {href} -> {file} is missing"
    if fragment:
        assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), f"{page}: {href}: no #{fragment}"


def test_the_coffee_site_builds_with_zero_warnings(coffee):
    assert not coffee.aborted and coffee.warnings == [], coffee.warnings


def test_citations_link_to_references_and_back(coffee):
    html = coffee.html("brewing/index.html")
    links = re.findall(r'<a class="citation-link" href="(#ref-[\w-]+)"', html)
    backs = re.findall(r'<a class="citation-backlink" href="(#cite-\d+)"', html)
    assert {"#ref-brown2019", "#ref-smith2020"} <= set(links)
    assert len(backs) >= len(set(links))
    for href in links + backs:
        assert_resolves(coffee, "brewing/index.html", href)


def test_the_site_bibliography_lists_every_entry_with_the_pages_that_cite_it(coffee):
    html = coffee.html("bibliography/index.html")
    for key in ("smith2020", "lee2021", "brown2019"):
        assert f'<li id="ref-{key}">' in html
    cited_on = re.findall(r"Cited on: (.*?)</span>", html)
    hrefs = [h for line in cited_on for h in re.findall(r'href="([^"]+)"', line)]
    assert "../brewing/#ref-smith2020" in hrefs and "../roasting/#ref-lee2021" in hrefs
    for href in hrefs:
        assert_resolves(coffee, "bibliography/index.html", href)


def test_a_table_from_data_with_csv_and_json_downloads(coffee):
    html = coffee.html("brewing/index.html")
    table = re.search(r'<figure class="data-table" id="table-brews">.*?</figure>', html, re.S).group(0)
    assert (
        '<caption id="table-brews-caption"><span class="table-number">Table 1.</span> Brewing methods'
        in table
    )
    # sorted by minutes, the missing temperature shown with its reason
    assert table.index("Espresso") < table.index("Pour-over") < table.index("French press")
    assert "not given in the book" in table
    downloads = re.findall(r'<a href="([^"]+)" download>(CSV|JSON)</a>', table)
    assert [kind for _, kind in downloads] == ["CSV", "JSON"]
    for href, _ in downloads:
        assert_resolves(coffee, "brewing/index.html", href)
    csv = (coffee.site_dir / "data" / "brews.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0].startswith("method,minutes,water_c,ratio,source,locator")
    assert (
        json.loads((coffee.site_dir / "data" / "brews.json").read_text())["records"][0]["method"]
        == "Espresso"
    )
    assert "Cite this table:" in table and "https://coffee.example.org/brewing/#table-brews" in table


@pytest.mark.parametrize(
    "page, name, alt",
    [
        (
            "roasting/index.html",
            "roast_stages",
            "A roast in 4 stages: 1. Drying; 2. Browning (Maillard reactions);",
        ),
        ("roasting/index.html", "origin_notes", "Kenya: Fruity present, Nutty unknown, Floral some."),
        (
            "brewing/index.html",
            "decaf",
            "Caffeine fell from A 12, B 11, C 13 to 0.3–0.5 mg per g in 3 samples.",
        ),
        (
            "brewing/index.html",
            "brew_ratio",
            "Water per gram of coffee: Espresso 2, Pour-over 16, French press 15.",
        ),
    ],
)
def test_figures_from_specs_with_svg_and_png_downloads(coffee, page, name, alt):
    """The three built-in chart kinds and the site's own kind (registered in macros.py)."""
    html = coffee.html(page)
    fid = "figure-" + name.replace("_", "-")
    fig = re.search(rf'<figure class="data-figure" id="{fid}">.*?</figure>', html, re.S).group(0)
    assert 'role="img"' in fig and f'<desc id="fig-{name.replace("_", "-")}-desc">' in fig
    assert alt in unescape(fig)
    assert 'class="citation-link"' in fig.split("<figcaption>")[1]  # its sources, cited
    assert "Cite this figure:" in fig and f"#{fid}" in fig
    for ext in ("svg", "png"):
        href = re.search(rf'<a href="([^"]+/{name}\.{ext})" download>', fig).group(1)
        assert_resolves(coffee, page, href)
    assert (coffee.site_dir / "figures" / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (coffee.site_dir / "figures" / f"{name}.svg").read_text(encoding="utf-8")
    assert svg in fig  # the download is the figure on the page


def test_the_site_chart_kind_cites_the_extra_source_of_its_spec(coffee):
    fig = re.search(
        r'<figure class="data-figure" id="figure-brew-ratio">.*?</figure>',
        coffee.html("brewing/index.html"),
        re.S,
    )
    caption = fig.group(0).split("<figcaption>")[1]
    assert "#ref-brown2019" in caption and "#ref-smith2020" in caption and "Box 1" in caption


def test_cite_this_page_with_its_metadata_and_the_sites_own_settings(coffee):
    html = coffee.html("brewing/index.html")
    meta = dict(
        re.findall(r'<meta name="(citation_(?:title|author|public_url|publisher))" content="([^"]*)"', html)
    )
    assert meta == {
        "citation_title": "Brewing",
        "citation_author": "Rossi, Maria",
        "citation_public_url": "https://coffee.example.org/brewing/",
        "citation_publisher": "Coffee, Explained",
    }
    assert len(re.findall(r'<meta name="citation_reference"', html)) == 2
    assert '<meta property="og:locale" content="en_GB">' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "AboutPage"
    assert ld["audience"] == [{"@type": "PeopleAudience", "audienceType": "Home baristas"}]
    assert ld["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    block = re.search(r'<aside class="cite-this-page".*?</aside>', html, re.S).group(0)
    assert "@misc{coffee_brewing_index," in unescape(block)
    assert "https://git.example.org/coffee/explained/edit/trunk/docs/brewing/index.md" in block


def test_glossary_page_and_abbreviation_tooltips_on_every_page(coffee):
    tooltip = '<abbr title="Specialty Coffee Association: A trade body that publishes brewing and grading standards.">SCA</abbr>'
    assert tooltip in coffee.html("index.html") and tooltip in coffee.html("brewing/index.html")
    glossary = coffee.html("glossary/index.html")
    assert '<dl class="glossary">' in glossary and '<dt id="crema">Crema</dt>' in glossary


def test_the_kit_adds_its_previews_script_to_every_page(coffee):
    """Citation and abbreviation previews come with the kit: no file to copy, no Material tooltips."""
    script = coffee.site_dir / "assets" / "explainer" / "previews.js"
    assert script.read_bytes() == (ROOT / "mkdocs_explainer" / "assets" / "previews.js").read_bytes()
    for page, src in (
        ("index.html", "assets/explainer/previews.js"),
        ("brewing/index.html", "../assets/explainer/previews.js"),
    ):
        html = coffee.html(page)
        assert html.count("previews.js") == 1 and f'<script src="{src}"></script>' in html, page
        features = json.loads(
            re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1)
        )["features"]
        assert "content.tooltips" not in features, page
