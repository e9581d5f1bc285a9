"""Both URL styles: with `use_directory_urls` true and false, every link the kit writes resolves.

The kit takes page and file URLs from MkDocs (Page.url, File.url) instead of guessing them from
source paths, so the citations, "Cited on" links, data and figure downloads and the print page
work in either style. tools/check_links.py follows every link and anchor in the built HTML.
"""

from __future__ import annotations

import json

import pytest

from tests.sitebuild import ROOT, build_site, make_fixture
from tools.check_links import check_site

CONFIG = """\
site_name: URL styles
site_url: https://example.org/styles/
use_directory_urls: {use_directory_urls}
theme:
  name: material
  custom_dir: {overrides}  # the real site's theme overrides (the print page's relative base)
  font: false
extra:
  generator: false
plugins:
  - search
  - explainer
  - macros:
      on_error_fail: true
      on_undefined: strict
  - print-site:
      add_to_navigation: false
      add_cover_page: false
      add_print_site_banner: false
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
nav:
  - Home: index.md
  - Studies:
      - studies/index.md
      - One: studies/one.md
      - Deep: studies/deep/two.md
  - All references: refs.md
validation:
  omitted_files: info
  links:
    not_found: warn
    anchors: warn
"""
BIB = """\
@article{alpha2020, author = {Alpha, Ann}, title = {First}, journal = {J}, year = {2020}, doi = {10.1/a}}
@article{beta2021, author = {Beta, Bo}, title = {Second}, journal = {J}, year = {2021}, doi = {10.1/b}}
"""
TRIALS_SCHEMA = {
    "type": "array",
    "title": "Trials",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "description": "Name."},
            "source": {"type": "string", "description": "Bib key."},
        },
    },
}
STEPS_SCHEMA = {
    "type": "array",
    "title": "Steps",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["order", "step", "phase"],
        "properties": {
            "order": {"type": "integer", "description": "Position."},
            "step": {"type": "string", "description": "Name."},
            "phase": {"type": "string", "description": "Phase."},
            "what_happens": {"$ref": "common.schema.json#/$defs/sourcedString", "description": "What."},
            "duration": {"$ref": "common.schema.json#/$defs/sourcedString", "description": "How long."},
        },
    },
}
STEPS = """\
- {order: 1, step: Grind, phase: manufacturing, what_happens: {value: Beans are ground., source: alpha2020}}
- {order: 2, step: Brew, phase: treatment, what_happens: Water meets coffee., duration: 4 minutes}
"""
FIGURES = """\
car_t_timeline:
  kind: timeline
  dataset: steps
  sort: order
  fields: {number: order, name: step, group: phase, detail: duration, sources: [what_happens, duration]}
  title: Steps
  caption: The steps
  alt: "{count} steps: {steps}."
"""
PAGES = {
    "docs/index.md": '# Home\n\nA {{ cite("alpha2020") }}.\n\n{{ data_table("trials") }}\n',
    "docs/studies/index.md": '# Studies\n\nB {{ cite("beta2021") }}.\n\n{{ figure("car_t_timeline") }}\n',
    "docs/studies/one.md": '# One\n\nC {{ cite("alpha2020", "beta2021") }}.\n\n{{ data_table("trials") }}\n',
    "docs/studies/deep/two.md": '# Two\n\nD {{ cite("beta2021") }}.\n\n{{ figure("car_t_timeline") }}\n',
    "docs/outside.md": '# Not in the nav\n\nE {{ cite("alpha2020") }}.\n',
    "docs/refs.md": "# All references\n\n{{ bibliography() }}\n",
}


def project(tmp_path, use_directory_urls: bool):
    return make_fixture(
        tmp_path,
        files={
            "mkdocs.yml": CONFIG.format(
                use_directory_urls=str(use_directory_urls).lower(), overrides=ROOT / "overrides"
            ),
            "bib/refs.bib": BIB,
            "data/trials.yaml": "- name: First\n  source: alpha2020\n- name: Second\n  source: beta2021\n",
            "data/schema/trials.schema.json": json.dumps(TRIALS_SCHEMA),
            "data/steps.yaml": STEPS,
            "data/schema/steps.schema.json": json.dumps(STEPS_SCHEMA),
            "data/figures.yaml": FIGURES,
            "data/schema/common.schema.json": (ROOT / "data" / "schema" / "common.schema.json").read_text(),
            # the real overrides link print-site's stylesheet from the site's assets on /print_page/
            "docs/assets/print-site.css": (ROOT / "docs" / "assets" / "print-site.css").read_text(),
            **PAGES,
        },
    )


# page -> (where MkDocs writes it, the links the kit must have written there), in each style
EXPECTED = {
    True: {
        "index.html": ['href="data/trials.csv"', 'href="data/trials.json"'],
        "studies/index.html": [
            'href="../figures/car_t_timeline.svg"',
            'href="../figures/car_t_timeline.png"',
        ],
        "studies/one/index.html": ['href="../../data/trials.csv"'],
        "studies/deep/two/index.html": ['href="../../../figures/car_t_timeline.png"'],
        "refs/index.html": [
            'href="../#ref-alpha2020"',
            'href="../studies/#ref-beta2021"',
            'href="../studies/one/#ref-alpha2020"',
            'href="../studies/deep/two/#ref-beta2021"',
            'href="../outside/#ref-alpha2020"',
        ],
    },
    False: {
        "index.html": ['href="data/trials.csv"', 'href="data/trials.json"'],
        "studies/index.html": [
            'href="../figures/car_t_timeline.svg"',
            'href="../figures/car_t_timeline.png"',
        ],
        "studies/one.html": ['href="../data/trials.csv"'],
        "studies/deep/two.html": ['href="../../figures/car_t_timeline.png"'],
        "refs.html": [
            'href="index.html#ref-alpha2020"',
            'href="studies/index.html#ref-beta2021"',
            'href="studies/one.html#ref-alpha2020"',
            'href="studies/deep/two.html#ref-beta2021"',
            'href="outside.html#ref-alpha2020"',
        ],
    },
}


@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_every_link_resolves_in_both_url_styles(tmp_path, use_directory_urls):
    result = build_site(project(tmp_path, use_directory_urls), tmp_path / "site")
    assert result.ok, result.warnings
    for page, links in EXPECTED[use_directory_urls].items():
        html = result.html(page)
        assert [link for link in links if link not in html] == [], page
    print_page = "print_page/index.html" if use_directory_urls else "print_page.html"
    # tidied wherever print-site wrote it (print_version.tidy_print_page): no invalid attribute left
    assert " heading-number=" not in result.html(print_page)
    assert " data-heading-number=" in result.html(print_page)
    assert [p.format() for p in check_site(result.site_dir)] == []


@pytest.mark.slow
@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_real_site_has_no_broken_link_in_either_url_style(tmp_path, use_directory_urls, request):
    if use_directory_urls:
        result = request.getfixturevalue("real_site")
    else:
        result = build_site(ROOT, tmp_path / "site", use_directory_urls=False)
    assert result.ok, result.warnings
    assert (
        result.site_dir / ("print_page/index.html" if use_directory_urls else "print_page.html")
    ).is_file()
    assert [p.format() for p in check_site(result.site_dir)] == []
