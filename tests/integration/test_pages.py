"""Page-level checks: front matter that MkDocs would drop silently."""

from tests.sitebuild import build_fixture


def test_invalid_front_matter_stops_the_build_with_file_and_line(tmp_path):
    result = build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": "@article{a2020, author = {A, A}, title = {T}, journal = {J}, year = {2020}}\n",
            "docs/index.md": "---\ntitle: Home\ndescription: What is known: a lot\n---\n\n# Home\n",
        },
    )
    assert result.aborted
    assert any(
        "docs/index.md:3: [page.front-matter] front matter is not valid YAML: mapping values are not allowed here"
        in m
        for m in result.messages
    ), result.messages
