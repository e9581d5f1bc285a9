"""pages.for_search: the bibliography Material's search indexes is the shown one without the
inline tags its indexer drops, so the index is the same and cheaper to make."""

from material.plugins.search.plugin import Parser

from mkdocs_explainer.pages import for_search


def indexed(html: str) -> list[tuple[str | None, str, str]]:
    """(id, title, text) of each section, as Material's search plugin parses them."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


BIBLIOGRAPHY = """<h1 id="references">References</h1>
<ul class="bibliography">
<li id="ref-a">Müller A, O&#x27;Brien B. <em>Title &amp; more</em>. <strong>J</strong>. 2021;1(2):3–4.
doi:<a href="https://doi.org/10.1/x">10.1/x</a>. PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/1/">1</a>.<br><span class="cited-on">Cited on: <a href="../a/#ref-a">Page &lt;A&gt;</a>, <a href="../b/#ref-a">B</a></span></li>
<li id="ref-b">CD4<sup>+</sup> cells <i>in vivo</i>  and
  <span>spaces</span> <a href="x">next</a><a href="y">to</a> each other.</li>
</ul>
<h2 id="not-yet-cited">Not yet cited on any page</h2>
<ul class="bibliography bibliography--unused">
<li id="ref-c">Smith C. <em>Unused</em>. 2020.</li>
</ul>
"""


def test_the_search_index_is_the_same_with_and_without_the_inline_tags():
    light = for_search(BIBLIOGRAPHY)
    assert "<a " not in light and "<span" not in light and "<em>" not in light and "<br>" not in light
    assert "<li" in light and "<sup>+</sup>" in light and 'id="not-yet-cited"' in light
    assert indexed(light) == indexed(BIBLIOGRAPHY)
    assert len(indexed(BIBLIOGRAPHY)) == 2  # the page and "Not yet cited" sections


def test_an_element_excluded_from_search_keeps_its_markup():
    html = "<ul><li>Kept <span data-search-exclude>hidden</span></li></ul>"
    assert for_search(html) == html
    assert "hidden" not in "".join(s for _, _, s in indexed(for_search(html)))
