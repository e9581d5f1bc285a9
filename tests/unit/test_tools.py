"""tools/check_links.py, called directly on small inputs (the bib linter: tests/unit/test_lint_bib.py)."""

from __future__ import annotations

from pathlib import Path

from tools.check_links import check_site


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
