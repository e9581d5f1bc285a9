"""MkDocs event hooks (listed under `hooks:` in mkdocs.yml): the steps that need every page.

mkdocs-macros renders each page's Markdown in turn; the site-wide bibliography can only be filled
in once every page has been rendered, which is the case by the time templates are rendered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

# The project root, so that `macros` is the same module object mkdocs-macros loaded.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import context as context_module  # noqa: E402
from macros.pages import BIBLIOGRAPHY_PLACEHOLDER, render_bibliography  # noqa: E402


@event_priority(100)  # before the search plugin indexes page.content
def on_page_context(context, page, config, nav):
    ctx = context_module.ACTIVE
    if ctx is None or page.content is None or BIBLIOGRAPHY_PLACEHOLDER not in page.content:
        return context
    urls = {p.file.src_path: (p.url, p.title or p.file.src_path) for p in nav.pages}
    page.content = page.content.replace(BIBLIOGRAPHY_PLACEHOLDER, render_bibliography(ctx, urls, page.url))
    return context
