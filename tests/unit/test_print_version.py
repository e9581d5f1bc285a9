import re

from mkdocs_explainer.print_version import print_safe_ids


def test_ids_on_other_tags_move_to_a_sup_at_line_start():
    html = '<p>Text <sup class="citation" id="cite-1">[1]</sup></p>\n<dl><dt id="crs">CRS</dt></dl>'
    out = print_safe_ids(html)
    assert '\n<sup class="citation" id="cite-1">' in out
    assert '<dt>\n<sup id="crs" class="print-anchor"></sup>CRS</dt>' in out


def test_svg_ids_are_kept_for_aria_references():
    html = '<svg aria-labelledby="t"><title id="t">T</title></svg>'
    assert print_safe_ids(html) == html


def test_print_page_attributes_and_styles_become_valid():
    from mkdocs_explainer.print_version import tidy_print_page

    html = '<html><head><title>T</title></head><body><section heading-number="1">x</section><style>a{}</style></body></html>'
    out = tidy_print_page(html)
    assert 'data-heading-number="1"' in out and " heading-number=" not in out
    assert out.index("<style>a{}</style>") < out.index("</head>")


def test_heading_numbers_are_renamed_as_the_plain_regex_renames_them():
    from mkdocs_explainer.print_version import _data_heading_numbers

    html = (
        '<h1 heading-number=\'1\'>a</h1><h2\nheading-number="1.1">b</h2><h2\theading-number="2">c</h2>'
        '<p>heading-number="no space before"</p><p>x heading-number=unquoted</p>heading-number="1"'
    )
    plain = re.sub(r"""\sheading-number=(['"])""", r" data-heading-number=\1", html)
    assert _data_heading_numbers(html) == plain
    assert _data_heading_numbers("nothing to rename") == "nothing to rename"


# -- the print page's citations: rewritten as print-site rewrites them -------------------------------

import pytest  # noqa: E402
from mkdocs_print_site_plugin import urls as print_urls  # noqa: E402

from mkdocs_explainer.print_version import PrintCopies, rewrite_piece  # noqa: E402

PIECES = {
    "citation": '<sup class="citation" id="cite-3">[<a class="citation-link" href="#ref-smith2020" '
    'title="[2] Smith J. A &amp; B. &lt;i&gt;J&lt;/i&gt;. 2020.">2</a>&ndash;<a class="citation-link" '
    'href="#ref-li-2021" title="[4] Li W.">4</a>]</sup>',
    "unknown": '<sup class="citation" id="cite-4">[<span class="citation-unknown" title="Unknown reference: x">?x</span>]</sup>',
    "references": '<ol class="references">\n<li id="ref-smith2020" value="1">Smith J. <em>J</em>. 2020. '
    'doi:<a href="https://doi.org/10.1/x">10.1/x</a>. <span class="citation-backlinks"><span aria-hidden="true">'
    '&#8617;&#xFE0E;</span> <a class="citation-backlink" href="#cite-1" aria-label="Back to citation 1 of 2 '
    '(reference 1)">a</a> <a class="citation-backlink" href="#cite-5" aria-label="Back to citation 2 of 2 '
    '(reference 1)">b</a></span></li>\n<li id="ref-li-2021" value="2">Li W. Available at: <a href="'
    'http://example.org/?a=1&amp;b=2">http://example.org/?a=1&amp;b=2</a>. <a class="citation-backlink" '
    'href="#cite-2" aria-label="Back to the citation (reference 2)">&#8617;&#xFE0E;</a></li>\n</ol>',
    "relative link": '<ol class="references">\n<li id="ref-local" value="1">Report. Available at: '
    '<a href="../files/report.pdf">report.pdf</a>. <a class="citation-backlink" href="#cite-1">&#8617;</a></li>\n</ol>',
}


def print_site(piece: str, url: str, dir_urls: bool = True) -> str:
    key = print_urls.get_page_key(url)
    piece = print_urls.fix_href_links(piece, key, url, dir_urls)
    piece = print_urls.update_anchor_ids(piece, key)
    piece = print_urls.fix_tabbed_content(piece, key)
    return print_urls.fix_image_src(piece, url, dir_urls)


@pytest.mark.parametrize("name", PIECES)
@pytest.mark.parametrize("url", ["", "studies/mackensen-2022/", "a/b.html"])
def test_pieces_read_as_print_site_would_rewrite_them(name, url):
    piece = print_safe_ids(PIECES[name])
    fallback_used = []

    def fallback(p):
        fallback_used.append(p)
        return print_site(p, url)

    ours = rewrite_piece(piece, print_urls.get_page_key(url), fallback)
    assert ours == print_site(piece, url)
    assert bool(fallback_used) == (name == "relative link")  # only a link print-site must resolve


def test_print_copies_fill_each_pages_placeholders_with_its_own_pieces():
    copies = PrintCopies("<!-- bib -->")
    a = copies.keep("a.md", "a/", '<p>x<span data-explainer-fragment="1"></span></p>')
    b = copies.keep("b.md", "b/", '<p>y<span data-explainer-fragment="1"></span></p><!-- bib -->')
    assert "\x1a0.1\x1b" in a and "\x1a1.1\x1b" in b
    assert "\x1a1.bibliography\x1b" in b and "<span" not in a + b  # no "<" for print-site's regex
    pieces = {("a.md", "1"): '<sup id="cite-1">A</sup>', ("b.md", "1"): '<sup id="cite-1">B</sup>'}
    out = copies.fill(
        a + b,
        fragment=lambda src, n: pieces.get((src, n)),
        bibliography=lambda url: f"<ul>bibliography of {url}</ul>",
        rewrite=lambda piece, url: piece.replace('id="', f'id="{url[0]}-'),
    )
    assert '<sup id="a-cite-1">A</sup>' in out and '<sup id="b-cite-1">B</sup>' in out
    assert "<ul>bibliography of b/</ul>" in out and "\x1a" not in out
