"""Fixture sites built in-process: citations, reference lists, bibliography and their errors."""

import re

import pytest

from tests.sitebuild import build_fixture, build_site, kit_caches, make_fixture

BIB = r"""@article{alpha2020, author = {Alpha, Ann and Beta, Bo}, title = {First}, journal = {J One},
  year = {2020}, volume = {1}, pages = {1--2}, doi = {10.1/one}}
@article{beta2021, author = {Beta, Bo}, title = {Second}, journal = {J Two}, year = {2021}, doi = {10.1/two}}
@article{gamma2022, author = {Gamma, Gil}, title = {Third}, journal = {J Three}, year = {2022}}
@article{delta2023, author = {Delta, Dee}, title = {Fourth}, journal = {J Four}, year = {2023}}
"""


def ref_numbers(html):
    """[(key, number)] of the page's reference list, in order."""
    return [(k, int(n)) for k, n in re.findall(r'<li id="ref-([\w-]+)" value="(\d+)"', html)]


def cite_spans(html):
    return re.findall(r'<sup class="citation" id="cite-\d+">(.*?)</sup>', html, re.S)


def link_numbers(span):
    return re.findall(r">(\d+)</a>", span)


def test_coffee_site_on_another_topic_builds_without_warnings(tmp_path):
    result = build_fixture(tmp_path, "coffee")
    assert result.ok, result.warnings
    html = result.html("index.html")
    assert ref_numbers(html) == [("smith2020", 1), ("lee2021", 2), ("brown2019", 3)]


def test_numbering_in_order_of_first_citation_per_page(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": 'A {{ cite("gamma2022") }}. B {{ cite("alpha2020") }}. C {{ cite("gamma2022") }}.\n',
            "docs/other.md": 'Z {{ cite("alpha2020") }}.\n',
        },
    )
    assert result.ok, result.warnings
    assert ref_numbers(result.html()) == [("gamma2022", 1), ("alpha2020", 2)]
    assert ref_numbers(result.html("other/index.html")) == [("alpha2020", 1)]  # numbering restarts


def test_several_keys_compress_into_ranges_and_locators_follow(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": (
                'One {{ cite("alpha2020") }}; two {{ cite("beta2021") }}; three {{ cite("gamma2022") }}.\n'
                'All {{ cite("alpha2020", "beta2021", "gamma2022") }}; pair {{ cite("delta2023", "alpha2020") }}.\n'
                'Where {{ cite("beta2021", loc="Table 1") }}.\n'
            ),
        },
    )
    assert result.ok, result.warnings
    spans = cite_spans(result.html())
    assert re.sub(r"<[^>]+>", "", spans[3]) == "[1&ndash;3]"
    assert re.sub(r"<[^>]+>", "", spans[4]) == "[1, 4]"
    assert re.sub(r"<[^>]+>", "", spans[5]) == "[2, Table 1]"
    # A range links its first and last entries; its preview shows those between (previews.js).
    assert re.findall(r'href="#([^"]+)"', spans[3]) == ["ref-alpha2020", "ref-gamma2022"]


def test_narrative_citation_names_the_authors(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB
            + r"@article{many2024, author = {Mackensen, A. and M{\"u}ller, F. and Schett, G.}, title = {T}, journal = {J}, year = {2024}}",
            "docs/index.md": '{{ citet("many2024") }} did it; {{ citet("alpha2020") }} too; {{ citet("beta2021") }} alone.\n',
        },
    )
    assert result.ok, result.warnings
    text = re.sub(r"<[^>]+>", "", result.html())
    assert "Mackensen et al. [1] did it; Alpha and Beta [2] too; Beta [3] alone." in text


def test_citation_links_to_entry_and_entry_links_back_with_tooltip(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": 'X {{ cite("alpha2020") }}. Y {{ cite("alpha2020") }}.\n',
        },
    )
    html = result.html()
    assert html.count('href="#ref-alpha2020"') == 2
    entry = re.search(r'<li id="ref-alpha2020".*?</li>', html, re.S).group(0)
    # The reference is on the page once, in the list; the previews read it from there.
    assert html.count("Alpha A, Beta B. First.") == 1 and "Alpha A, Beta B. First." in entry
    assert (
        re.findall(r'<a class="citation-link"[^>]*>', html)
        == ['<a class="citation-link" href="#ref-alpha2020">'] * 2
    )
    assert 'href="#cite-1"' in entry and 'href="#cite-2"' in entry
    assert 'href="https://doi.org/10.1/one"' in entry


def test_page_with_citations_always_gets_a_reference_list_and_others_none(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": 'X {{ cite("alpha2020") }}.\n',
            "docs/plain.md": "# Plain\n\nNo citations.\n",
            "docs/placed.md": 'Y {{ cite("beta2021") }}.\n\n{{ references("Sources") }}\n\n## After\n\nText.\n',
        },
    )
    assert result.ok, result.warnings
    assert 'id="references"' in result.html() and '<ol class="references">' in result.html()
    assert '<ol class="references">' not in result.html("plain/index.html")
    placed = result.html("placed/index.html")
    assert placed.count('<ol class="references">') == 1
    assert placed.index('id="sources"') < placed.index('id="after"')


def test_site_bibliography_lists_every_entry_with_citing_pages(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": '# Home\n\nX {{ cite("alpha2020") }}.\n',
            "docs/b.md": '# Bee\n\nY {{ cite("alpha2020", "beta2021") }}.\n',
            "docs/refs.md": "# All\n\n{{ bibliography() }}\n",
        },
    )
    assert result.ok, result.warnings
    html = result.html("refs/index.html")
    alpha = re.search(r'<li id="ref-alpha2020">.*?</li>', html, re.S).group(0)
    assert 'href="../#ref-alpha2020">Home</a>' in alpha and 'href="../b/#ref-alpha2020">Bee</a>' in alpha
    unused = html.split('id="not-yet-cited"')[1]
    assert "ref-gamma2022" in unused and "ref-delta2023" in unused and "ref-alpha2020" not in unused
    # the search index sees the filled-in list, not a placeholder
    index = (result.site_dir / "search" / "search_index.json").read_text()
    assert "explainer:bibliography" not in index and "Third" in index


def test_unknown_key_names_file_line_and_suggestion_and_fails_strict(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": '---\ntitle: T\n---\n\n# T\n\nFine {{ cite("alpha2020") }}.\nBad {{ cite("gama2022") }}.\n',
        },
    )
    assert result.aborted
    assert (
        "docs/index.md:8: [cite.unknown-key] 'gama2022' is not in bib/ (did you mean 'gamma2022'?)"
        in result.warnings
    )
    # without --strict the page still builds and shows a visible marker
    lax = build_site(result.project_dir, tmp_path / "lax", strict=False)
    assert not lax.aborted
    assert '<span class="citation-unknown" title="Unknown reference: gama2022">?gama2022</span>' in lax.html()


def test_malformed_bibtex_names_file_and_line(tmp_path):
    broken = BIB + "@article{broken2024,\n  title = {No comma}\n  year = {2024}\n}\n"
    result = build_fixture(tmp_path, files={"bib/refs.bib": broken, "docs/index.md": "Hi\n"})
    assert result.aborted
    assert any("bib/refs.bib:8: [bib.syntax] '}' expected" in m for m in result.messages), result.messages
    assert not any("Traceback" in m for m in result.messages)


def test_at_sign_in_a_comment_gets_a_specific_hint(tmp_path):
    result = build_fixture(
        tmp_path, files={"bib/refs.bib": "% see @misc entries\n" + BIB, "docs/index.md": "Hi\n"}
    )
    assert result.aborted
    assert any("bib/refs.bib:1: [bib.syntax]" in m and "even in a % comment" in m for m in result.messages)


def test_duplicate_key_across_files_names_both_locations(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/a.bib": BIB,
            "bib/b.bib": "% second file\n\n@article{beta2021, author = {B, B}, title = {Dup}, journal = {J}, year = {2021}}\n",
            "docs/index.md": "Hi\n",
        },
    )
    assert result.aborted
    assert any(
        "bib/b.bib:3: [bib.duplicate-key] 'beta2021' is defined twice: here and at bib/a.bib:3" in m
        for m in result.messages
    ), result.messages


def test_every_bib_file_is_read(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/a.bib": BIB,
            "bib/more/b.bib": "@article{zeta2020, author = {Zeta, Z}, title = {Z}, journal = {J}, year = {2020}}\n",
            "docs/index.md": 'X {{ cite("alpha2020", "zeta2020") }}.\n',
        },
    )
    assert result.ok, result.warnings
    assert ref_numbers(result.html()) == [("alpha2020", 1), ("zeta2020", 2)]


def test_entry_missing_a_required_field_is_reported_at_the_entry_and_other_pages_build(tmp_path):
    bib = BIB + "\n@article{noyear, author = {N, N}, title = {No journal}, year = {2020}}\n"
    result = build_fixture(
        tmp_path,
        strict=False,
        files={
            "bib/refs.bib": bib,
            "docs/index.md": 'X {{ cite("noyear") }}.\n',
            "docs/fine.md": 'Y {{ cite("alpha2020") }}.\n',
        },
    )
    assert (
        "bib/refs.bib:7: [bib.missing-field] entry 'noyear' lacks the field 'journal' that the "
        "reference style needs (add the field to the entry)"
    ) in result.warnings
    assert len([w for w in result.warnings if "noyear" in w]) == 1
    assert "Alpha A, Beta B. First." in result.html("fine/index.html")
    assert "reference-error" in result.html()


def test_unused_entries_are_information_by_default_and_warnings_on_request(tmp_path):
    files = {"bib/refs.bib": BIB, "docs/index.md": 'X {{ cite("alpha2020") }}.\n'}
    quiet = build_fixture(tmp_path / "a", files=files)
    assert quiet.ok
    assert any("[bib.unused] 'gamma2022' is not cited on any page" in m for m in quiet.messages)
    loud = build_fixture(tmp_path / "b", files=files, settings="{unused_entries: warning}")
    assert loud.aborted
    assert (
        "bib/refs.bib:4: [bib.unused] 'gamma2022' is not cited on any page (cite it or remove it)"
        in loud.warnings
    )


def test_html_in_bib_fields_is_escaped_everywhere(tmp_path):
    evil = r"""@article{evil2020, author = {Evil, Eve}, title = {<script>alert("x")</script> Title},
      journal = {<img src=x onerror=alert(1)>}, year = {2020}}"""
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": evil,
            "docs/index.md": 'X {{ cite("evil2020") }}. {{ citet("evil2020") }}.\n',
            "docs/all.md": "{{ bibliography() }}\n",
        },
    )
    assert result.ok, result.warnings
    for page in ("index.html", "all/index.html"):
        html = result.html(page)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_each_cited_entry_is_formatted_once_and_cached_by_content(tmp_path):
    kit_caches().clear()
    project = make_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": 'X {{ cite("alpha2020") }} {{ cite("alpha2020") }} {{ cite("beta2021") }}.\n',
            "docs/b.md": 'Y {{ cite("alpha2020") }}.\n',
        },
    )
    first = build_site(project, tmp_path / "s1")
    assert first.ok
    assert len(kit_caches().formatted) == 2  # alpha and beta, once each
    assert first.plugin.ctx.formatter.stats["formatted"] == 2
    # a rebuild in the same process (as `mkdocs serve` does) formats nothing again
    second = build_site(project, tmp_path / "s2")
    assert second.ok and second.plugin.ctx.formatter.stats["formatted"] == 0
    # an edited entry is formatted anew: never served stale
    (project / "bib" / "refs.bib").write_text(BIB.replace("{First}", "{First, revised}"))
    third = build_site(project, tmp_path / "s3")
    assert third.plugin.ctx.formatter.stats["formatted"] == 1
    assert "First, revised" in third.html()


@pytest.mark.parametrize("call", ["{{ cite() }}"])
def test_cite_without_key_is_reported(tmp_path, call):
    result = build_fixture(tmp_path, files={"bib/refs.bib": BIB, "docs/index.md": f"X {call}.\n"})
    assert result.aborted
    assert (
        'docs/index.md:1: [cite.no-key] cite() needs at least one key (write {{ cite("key") }} with a key from bib/)'
        in result.warnings
    )


def test_a_page_holds_its_reference_html_once_after_it_is_written(tmp_path):
    """Without a print version to fill, a page's deferred citation HTML is let go once it is in
    the page: MkDocs keeps every page's HTML to the end of the build, so it was held twice."""
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": '# T\n\nA {{ cite("alpha2020") }} B {{ cite("beta2021") }}.\n',
        },
    )
    assert result.ok, result.warnings
    assert ref_numbers(result.html()) == [("alpha2020", 1), ("beta2021", 2)]
    recorded = result.plugin.ctx.citer.page("index.md")
    assert recorded.keys == ["alpha2020", "beta2021"] and recorded.fragments == {}


def test_markdown_sees_citations_as_plain_text_marks(tmp_path, monkeypatch):
    # Python-Markdown pays for every inline HTML element (a stash entry, its inline patterns run
    # again): a citation reaches it as a mark of control characters, made HTML after it.
    from mkdocs.structure.pages import Page

    seen = {}
    render = Page.render

    def capture(self, config, files):
        seen[self.file.src_uri] = self.markdown
        return render(self, config, files)

    monkeypatch.setattr(Page, "render", capture)
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": 'A {{ cite("alpha2020") }}, b {{ cite("beta2021", "gamma2022") }}.\n',
        },
    )
    assert result.ok, result.warnings
    assert "<span" not in seen["index.md"] and seen["index.md"].count("\x0e") == 2
    html = result.html("index.html")
    assert "\x0e" not in html and "data-explainer-fragment" not in html
    assert [link_numbers(s) for s in cite_spans(html)] == [["1"], ["2", "3"]]


def test_a_citation_in_a_heading_stays_out_of_its_id_title_and_toc(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "docs/index.md": "# Home\n",
            "docs/trial.md": '# Trial {{ cite("alpha2020") }}\n\n## Results {{ cite("beta2021") }} so far\n\nText.\n',
            "docs/bibliography.md": "# Bibliography\n\n{{ bibliography() }}\n",
        },
    )
    assert result.ok, result.warnings
    html = result.html("trial/index.html")
    assert "<title>Trial - Fixture site</title>" in html
    assert re.search(r'<h2 id="results-so-far">Results <sup class="citation" id="cite-2">', html)
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r">\s*Results so far\s*<", toc)
    assert "\x0e" not in html and "data-explainer-fragment" not in html
    cited_on = result.html("bibliography/index.html").split('id="ref-alpha2020"', 1)[1].split("</li>", 1)[0]
    assert '<a href="../trial/#ref-alpha2020">Trial</a>' in cited_on
