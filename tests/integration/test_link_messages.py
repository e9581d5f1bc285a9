"""MkDocs' own link warnings, rewritten by link_messages.py: pinned against the installed MkDocs.

One fixture site has every kind of broken link MkDocs reports (a missing page, a missing page with
MkDocs' suggestion, a missing image, a missing anchor here and on another page, a link without .md).
If MkDocs rewords any of these messages, the rewrite no longer matches and the raw message reaches
the log: this test then fails, instead of the rewrite breaking silently.
"""

from __future__ import annotations

import logging

from tests.sitebuild import FIXTURE_CONFIG, build_fixture

INDEX = """\
# Home

[gone](gone.md)

![diagram](assets/diagram.png)

[here](#nowhere)

[there](safety.md#grade-9)

[bare](safety)

[html](safety.html)
"""
CONFIG = FIXTURE_CONFIG.format(settings="{}").replace(
    "validation:\n  links:\n", "validation:\n  links:\n    unrecognized_links: warn\n"
)


def test_mkdocs_link_warnings_are_rewritten_with_file_and_line(tmp_path):
    files = {
        "mkdocs.yml": CONFIG,
        "bib/refs.bib": "@misc{alpha2020, title = {T}, year = {2020}, url = {https://example.org}}\n",
        "docs/index.md": INDEX,
        "docs/safety.md": "# Safety\n\n## Grade 3\n",
    }
    result = build_fixture(tmp_path, files=files)
    from_mkdocs = [
        r.getMessage()
        for r in result.records
        if r.name == "mkdocs.structure.pages" and r.levelno >= logging.WARNING
    ]
    assert from_mkdocs == [
        "docs/index.md:3: [link.broken] link 'gone.md': docs/gone.md does not exist "
        "(link to the .md file, with a path relative to this page, e.g. ../safety.md)",
        "docs/index.md:5: [image.missing] link 'assets/diagram.png': docs/assets/diagram.png does not exist "
        "(put the image in docs/assets/ and write its path relative to this page)",
        "docs/index.md:11: [link.broken] link 'safety' is not a link to a page (no .md) nor to a file "
        "(did you mean 'safety.md'?)",
        "docs/index.md:13: [link.broken] link 'safety.html': docs/safety.html does not exist "
        "(did you mean 'safety.md'?)",
        "docs/index.md:7: [link.anchor] link '#nowhere': this page has no heading or id 'nowhere' "
        "(a heading's id is its text in lower case with hyphens for spaces; or add {#an-id} after a heading)",
        "docs/index.md:9: [link.anchor] link 'safety.md#grade-9': docs/safety.md has no heading or id 'grade-9' "
        "(a heading's id is its text in lower case with hyphens for spaces; or add {#an-id} after a heading)",
    ], "\n".join(from_mkdocs)
