from mkdocs_explainer.print_anchors import print_safe_ids


def test_ids_on_other_tags_move_to_a_sup_at_line_start():
    html = '<p>Text <sup class="citation" id="cite-1">[1]</sup></p>\n<dl><dt id="crs">CRS</dt></dl>'
    out = print_safe_ids(html)
    assert '\n<sup class="citation" id="cite-1">' in out
    assert '<dt>\n<sup id="crs" class="print-anchor"></sup>CRS</dt>' in out


def test_svg_ids_are_kept_for_aria_references():
    html = '<svg aria-labelledby="t"><title id="t">T</title></svg>'
    assert print_safe_ids(html) == html


def test_print_page_attributes_and_styles_become_valid():
    from mkdocs_explainer.print_anchors import tidy_print_page

    html = '<html><head><title>T</title></head><body><section heading-number="1">x</section><style>a{}</style></body></html>'
    out = tidy_print_page(html)
    assert 'data-heading-number="1"' in out and " heading-number=" not in out
    assert out.index("<style>a{}</style>") < out.index("</head>")
