"""tools/bib_lint.py and tools/check_links.py, called directly on small inputs."""

from __future__ import annotations

from pathlib import Path

from tools import bib_lint
from tools.check_links import check_site

GOOD = """\
% A comment is fine.
@article{alpha2020,
  author = {Alpha, Ann},
  title = {First},
  journal = {J One},
  year = {2020},
  doi = {10.1/one}
}
@misc{who2023fact, organization = {WHO}, title = {Fact sheet}, year = {2023}, url = {https://who.int/x}}
"""


def lint(text: str, path: str = "bib/refs.bib") -> list[str]:
    return [p.format() for p in bib_lint.lint_text(text, path)]


def test_good_bib_has_no_problem():
    assert lint(GOOD) == []


def test_duplicate_key_within_and_across_files(tmp_path):
    (tmp_path / "a.bib").write_text(GOOD)
    (tmp_path / "b.bib").write_text(
        "\n\n@article{Alpha2020, author = {A}, title = {T}, journal = {J}, year = {2020}, doi = {1}}\n"
    )
    problems = [p.format() for p in bib_lint.lint_paths([tmp_path])]
    a = (tmp_path / "a.bib").as_posix()
    assert problems == [
        f"{(tmp_path / 'b.bib').as_posix()}:3: [bib.duplicate-key] 'Alpha2020' is defined twice: "
        f"here and at {a}:2 (keep one entry, or give the other a different key)"
    ]


def test_missing_doi_and_the_documented_exemption():
    no_doi = GOOD.replace("  doi = {10.1/one}\n", "")
    assert lint(no_doi) == [
        "bib/refs.bib:2: [bib.missing-doi] @article 'alpha2020' has no doi (add doi = {10.xxxx/...} from the "
        "journal page or search.crossref.org; if it has none, write '% no-doi: <why>' on the line above the entry)"
    ]
    excused = no_doi.replace("% A comment is fine.\n", "% no-doi: a 2002 letter, none was assigned\n")
    assert lint(excused) == []


def test_web_source_needs_doi_or_url():
    assert lint(GOOD.replace(", url = {https://who.int/x}", "")) == [
        "bib/refs.bib:9: [bib.missing-doi] @misc 'who2023fact' has neither doi nor url "
        "(add doi = {...} or url = {...} so readers can find the source)"
    ]


def test_missing_required_field():
    assert lint(GOOD.replace("  journal = {J One},\n", "")) == [
        "bib/refs.bib:2: [bib.missing-field] @article 'alpha2020' lacks the field 'journal' "
        "(add journal = {...} to the entry)"
    ]


def test_doi_written_as_link():
    assert lint(GOOD.replace("{10.1/one}", "{https://doi.org/10.1/one}")) == [
        "bib/refs.bib:2: [bib.doi-format] doi of 'alpha2020' is written as a link (write the bare DOI: doi = {10.1/one})"
    ]


def test_syntax_error_and_empty_file():
    assert lint("@article{x2020,\n  title = {T}\n  year = {2020}\n}\n")[0].startswith(
        "bib/refs.bib:3: [bib.syntax]"
    )
    assert lint("% nothing yet\n") == [
        "bib/refs.bib:1: [bib.empty] file holds no entry (add an entry such as @article{key, ...} or delete the file)"
    ]


def test_key_style_is_a_note_that_does_not_fail(tmp_path, capsys):
    bib = tmp_path / "refs.bib"
    bib.write_text(GOOD.replace("who2023fact", "WHOfacts"))
    assert bib_lint.main([str(bib)]) == 0
    assert "[bib.key-style] note: key 'WHOfacts'" in capsys.readouterr().out
    assert bib_lint.main([str(bib), "--strict-keys"]) == 1


def test_not_utf8(tmp_path):
    (tmp_path / "x.bib").write_bytes(GOOD.replace("Alpha, Ann", "M\xfcller, A").encode("latin-1"))
    assert [p.code for p in bib_lint.lint_paths([tmp_path])] == ["file.encoding"]


def write(site: Path, rel: str, html: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_check_links_resolves_directory_urls_fragments_and_base_path(tmp_path):
    site = tmp_path / "site"
    write(site, "sitemap.xml", "<urlset><url><loc>https://example.org/explained/</loc></url></urlset>")
    write(
        site,
        "index.html",
        '<h1 id="top">Home</h1>\n<a href="a/#sec">A</a> <a href="#top">top</a>\n'
        '<a href="/explained/a/">abs</a> <a href="https://elsewhere.org/x">ext</a>\n'
        '<a href="mailto:x@y.z">mail</a> <img src="img/p%20q.png">',
    )
    write(
        site,
        "a/index.html",
        '<h2 id="sec">S</h2>\n<a href="../">home</a> <a href="../data/t.csv" download>csv</a>',
    )
    write(site, "data/t.csv", "a,b\n")
    write(site, "img/p q.png", "")
    assert check_site(site) == []


def test_check_links_reports_each_broken_link_at_its_line(tmp_path):
    site = tmp_path / "site"
    write(
        site,
        "index.html",
        '<p>x</p>\n<a href="b/">missing page</a>\n<a href="#nope">bad anchor</a>\n'
        '<a href="a/#gone">bad anchor elsewhere</a>',
    )
    write(site, "a/index.html", '<h2 id="sec">S</h2>')
    assert [p.format() for p in check_site(site)] == [
        "site/index.html:2: [link.broken] 'b/' points to a file that is not in the built site "
        "(fix the link in the page or macro that wrote it, or add the file)",
        "site/index.html:3: [link.anchor] '#nope': this page has no element with id 'nope' "
        "(link to an existing heading or id)",
        "site/index.html:4: [link.anchor] 'a/#gone': site/a/index.html has no element with id 'gone' "
        "(link to an existing heading or id)",
    ]
