"""The macros a page can call, and what happens at the end of each page and of the build."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from . import downloads, figures, glossary, inline_values, tables
from .citations import anchor
from .context import BuildContext
from .diagnostics import INFO, WARNING, Diagnostic, did_you_mean
from .urls import relative_url

BIBLIOGRAPHY_PLACEHOLDER = "<!-- explainer:bibliography -->"
EMPTY_CITE = re.compile(r"\bcite[pt]?\s*\(\s*(?:loc\s*=[^)]*)?\)")
DATA_CALL = re.compile(r"\b(?:data_table|figure|downloads)\s*\(([^)]*)\)")


def cite(ctx: BuildContext, *keys: str, loc: str | None = None) -> str:
    return _cite(ctx, keys, loc, narrative=False)


def citet(ctx: BuildContext, *keys: str, loc: str | None = None) -> str:
    return _cite(ctx, keys, loc, narrative=True)


def _cite(ctx, keys, loc, narrative):
    if not keys:
        line = ctx.current.line_of_match(EMPTY_CITE) if ctx.current else None
        path = ctx.current.rel_path if ctx.current else f"docs/{ctx.src_path}"
        ctx.report(
            [
                Diagnostic(
                    "cite.no-key",
                    "cite() needs at least one key",
                    path,
                    line,
                    'write {{ cite("key") }} with a key from bib/',
                    severity=WARNING,
                )
            ]
        )
        return '<span class="citation-unknown">[?]</span>'
    result = ctx.citer.cite(ctx.src_path, [str(k) for k in keys], ctx.where, loc, narrative)
    ctx.report(result.diagnostics)
    return result.html


def references(ctx: BuildContext, heading: str = "References") -> str:
    """Place the page's reference list here instead of at the end."""
    return ctx.citer.reference_list(ctx.src_path, heading)


def data_table(
    ctx: BuildContext,
    name: str,
    columns=None,
    where=None,
    sort=None,
    caption: str | None = None,
    id: str | None = None,
) -> str:
    dataset = _dataset(ctx, name)
    if dataset is None:
        return _marker(f"unknown dataset {name}")
    result = tables.render_table(ctx, dataset, columns, where, sort, caption, id)
    ctx.report(result.diagnostics)
    ctx.used_datasets.add(name)
    ctx.page_datasets.add(name)
    return result.html


def figure(ctx: BuildContext, name: str, caption: str | None = None) -> str:
    if name not in ctx.figure_specs:
        ctx.report(
            [
                Diagnostic(
                    "figure.unknown",
                    f"no figure named '{name}'",
                    *ctx.where(name, DATA_CALL),
                    did_you_mean(name, ctx.figure_specs)
                    or "known: "
                    + (", ".join(ctx.figure_specs) or "none; declare figures in data/figures.yaml"),
                    severity=WARNING,
                )
            ]
        )
        return _marker(f"unknown figure {name}")
    result = figures.render_figure(ctx, name, caption)
    ctx.report(result.diagnostics)
    return result.html


def value(ctx: BuildContext, dataset: str, record, field: str, words: bool = False, cite: bool = True) -> str:
    """One value from data in prose, formatted as tables show it, its source cited."""
    result = inline_values.render_value(ctx, ctx.datasets, dataset, record, field, words, cite)
    ctx.report(result.diagnostics)
    return result.html


def glossary_table(ctx: BuildContext) -> str:
    dataset = _dataset(ctx, ctx.settings.get("glossary_dataset", "glossary"))
    return glossary.render_glossary(ctx, dataset) if dataset else _marker("no glossary data")


def bibliography(ctx: BuildContext) -> str:
    """Every entry of bib/, filled in once all pages are rendered (see plugin.py)."""
    return BIBLIOGRAPHY_PLACEHOLDER


def _dataset(ctx, name):
    if name in ctx.datasets:
        return ctx.datasets[name]
    ctx.report(
        [
            Diagnostic(
                "data.unknown-dataset",
                f"no dataset named '{name}'",
                *ctx.where(name, DATA_CALL),
                did_you_mean(name, ctx.datasets) or "known: " + ", ".join(sorted(ctx.datasets)),
                severity=WARNING,
            )
        ]
    )
    return None


def _marker(text: str) -> str:
    return f'<strong class="build-error">[{html.escape(text)}]</strong>'


MACROS = {
    "cite": cite,
    "citet": citet,
    "references": references,
    "data_table": data_table,
    "figure": figure,
    "value": value,
    "glossary": glossary_table,
    "bibliography": bibliography,
}


def finish_page(ctx: BuildContext, page, markdown: str) -> str:
    """Append what every page gets: its reference list and the glossary abbreviations."""
    citations = ctx.citer.page(page.file.src_path)
    if citations.numbers and not citations.list_rendered:
        markdown += ctx.citer.reference_list(page.file.src_path)
    name = ctx.settings.get("glossary_dataset", "glossary")
    if name in ctx.datasets and (page.meta or {}).get("abbreviations", True):
        markdown += "\n\n" + glossary.abbreviation_definitions(ctx.datasets[name])
    return markdown


def render_bibliography(
    ctx: BuildContext,
    page_urls: dict[str, tuple[str, str]],
    from_url: str,
    link: Callable[[str, str], str] | None = None,
    id_prefix: str = "",
) -> str:
    """The site-wide bibliography: every entry, with links to the pages that cite it.

    `page_urls` maps each page's source path to its URL (MkDocs' `File.url`) and title;
    `from_url` is the bibliography page's own URL (`Page.url`). `link(url, key)` and `id_prefix`
    make the version for the one-page print version (print_version.py), where links and ids
    carry print-site's page keys."""
    if link is None:

        def link(url: str, key: str) -> str:
            return f"{relative_url(from_url, url)}#{anchor(key)}"

    cited = {k: v for k, v in ctx.citer.cited_by.items() if v}
    rows, unused = [], []
    keys = sorted(ctx.bib.keys(), key=lambda k: ctx.formatter.format(k)[0].text.lower())
    for key in keys:
        formatted, _ = ctx.formatter.format(key)
        if key not in cited:
            unused.append(f'<li id="{id_prefix}{anchor(key)}">{formatted.html}</li>')
            continue
        links = []
        for src in cited[key]:
            url, title = page_urls.get(src, (src, src))
            links.append(f'<a href="{html.escape(link(url, key))}">{html.escape(title)}</a>')
        rows.append(
            f'<li id="{id_prefix}{anchor(key)}">{formatted.html}<br><span class="cited-on">Cited on: {", ".join(links)}</span></li>'
        )
    out = ['<ul class="bibliography">\n' + "\n".join(rows) + "\n</ul>"]
    if unused:
        out.append(
            f'<h2 id="{id_prefix}not-yet-cited">Not yet cited on any page</h2>\n'
            '<ul class="bibliography bibliography--unused">\n' + "\n".join(unused) + "\n</ul>"
        )
    return "\n".join(out)


# Inline tags Material's search indexer drops while keeping their text (its Parser keeps only
# p, code, pre, li, ol, ul, sub, sup and headings).
_UNINDEXED_TAG = re.compile(r"</?(?:a|abbr|b|br|cite|em|i|q|small|span|strong)\b[^<>]*>")


def for_search(bibliography_html: str) -> str:
    """The bibliography as Material's search indexer reads it: the same text and list items,
    without the links and inline tags it would parse and then drop. Parsing a thousand entries'
    tags was most of what indexing the page cost; the index is the same."""
    if "data-search-exclude" in bibliography_html:  # an excluded element must stay excluded
        return bibliography_html
    return _UNINDEXED_TAG.sub("", bibliography_html)


def finish_build(ctx: BuildContext, site_dir: Path) -> None:
    unused = sorted(set(ctx.bib.keys()) - {k for k, v in ctx.citer.cited_by.items() if v})
    severity = WARNING if ctx.settings.get("unused_entries") == "warning" else INFO
    ctx.report(
        Diagnostic(
            "bib.unused",
            f"'{key}' is not cited on any page",
            ctx.bib.locations[key].path,
            ctx.bib.locations[key].line,
            "cite it or remove it",
            severity=severity,
        )
        for key in unused
    )
    downloads.write_datasets(ctx, site_dir)
    ctx.report(figures.write_figures(ctx, site_dir))
