"""MkDocs event hooks (listed under `hooks:` in mkdocs.yml): the steps that need every page.

mkdocs-macros renders each page's Markdown in turn; the site-wide bibliography can only be filled
in once every page has been rendered, which is the case by the time templates are rendered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

# The project root, so that `macros` is the same module object mkdocs-macros loaded.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import build_cache, page_citation  # noqa: E402
from macros import context as context_module  # noqa: E402
from macros.pages import BIBLIOGRAPHY_PLACEHOLDER, render_bibliography  # noqa: E402
from macros.print_anchors import print_safe_ids, tidy_print_page  # noqa: E402


def fill_bibliography(context, page, config, nav):
    ctx = context_module.ACTIVE
    if ctx is None or page.content is None or BIBLIOGRAPHY_PLACEHOLDER not in page.content:
        return context
    urls = {p.file.src_path: (p.url, p.title or p.file.src_path) for p in nav.pages}
    page.content = page.content.replace(BIBLIOGRAPHY_PLACEHOLDER, render_bibliography(ctx, urls, page.url))
    return context


@event_priority(100)  # before the search plugin indexes page.content
def on_page_context(context, page, config, nav):
    context = fill_bibliography(context, page, config, nav)
    return cite_block_context(context, page, config)


def cite_block_context(context, page, config):
    ctx = context_module.ACTIVE
    if ctx is None or not page.file.src_path.endswith(".md"):
        return context
    info = page_info(ctx, page, config)
    if info is None:
        return context
    # inputs_digest covers the bytes of bib/, so the cited works need only their keys here.
    key = build_cache.digest(
        ctx.inputs_digest,
        ctx.settings,
        {k: v for k, v in vars(info).items() if k != "cited"},
        [entry.key for entry, _ in info.cited],
    )
    block = build_cache.CITE_BLOCKS.get(key)
    if block is None:
        block = page_citation.cite_block(info, ctx.settings)
        build_cache.CITE_BLOCKS.put(key, block)
    context["explainer_cite"] = block
    return context


def page_info(ctx, page, config) -> page_citation.PageInfo | None:
    meta = page.meta or {}
    if meta.get("cite") is False:
        return None
    site_url = (config.get("site_url") or "").rstrip("/") + "/"
    url = site_url + page.url
    updated = (
        meta.get("git_revision_date_localized_raw_iso_date")
        or _date(meta.get("updated"))
        or _date(meta.get("reviewed"))
    )
    authors = (
        meta.get("authors") or ctx.settings.get("authors") or [{"name": config["site_name"] + " editors"}]
    )
    citations = ctx.citer.page(page.file.src_path)
    cited = []
    for key in citations.keys:
        formatted, _ = ctx.formatter.format(key)
        cited.append((ctx.bib.entries[key], formatted))
    title = meta.get("title") or page.title or config["site_name"]
    return page_citation.PageInfo(
        title=str(title),
        url=url,
        site_name=config["site_name"],
        authors=authors,
        updated=updated,
        reviewed=_date(meta.get("reviewed")),
        description=str(meta.get("description") or config.get("site_description") or "").strip(),
        src_path=page.file.src_path,
        cited=cited,
    )


def _date(value) -> str | None:
    return str(value)[:10] if value else None


@event_priority(100)  # before print-site copies the page's HTML and before search indexes it
def expand_deferred_html(html, page, config, files):
    ctx = context_module.ACTIVE
    return ctx.citer.expand(page.file.src_path, html) if ctx is not None else html


@event_priority(-100)  # after print-site has kept its copy of the page's HTML in page.html
def print_safe_page_ids(html, page, config, files):
    if isinstance(getattr(page, "html", None), str):
        page.html = print_safe_ids(page.html)
    return html


on_page_content = CombinedEvent(expand_deferred_html, print_safe_page_ids)


@event_priority(-100)  # after print-site has written /print_page/
def on_post_build(config):
    page = Path(config["site_dir"]) / "print_page" / "index.html"
    if page.exists():
        page.write_text(tidy_print_page(page.read_text(encoding="utf-8")), encoding="utf-8")
