"""Accessible HTML tables from datasets: caption, header cells with scope, sources as citations."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from . import downloads
from .datasets import Cell, Dataset, cell
from .diagnostics import WARNING, Diagnostic, did_you_mean
from .page_citation import element_citation
from .values import format_value, is_number

TABLE_CALL = re.compile(r"\bdata_table\s*\(([^)]*)\)")


@dataclass
class Rendered:
    html: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def render_cell(
    ctx, c: Cell, record_source: str | None, notes: dict[str, str] | None = None, table_id: str = "table"
) -> tuple[str, bool]:
    """(inner HTML, numeric?) of one cell; a source other than the record's is cited inline.

    A missing value shows "—" and a lettered note giving its reason; rows that share a reason share
    the note, so the table does not repeat it in every row.
    """
    if c.missing is not None:
        if notes is None:
            notes = {}
        letter = notes.setdefault(c.missing, "abcdefghijklmnopqrstuvwxyz"[len(notes) % 26])
        return (
            f'<span class="missing" title="{html.escape(c.missing, quote=True)}">—</span>'
            f'<sup class="missing-note"><a href="#{table_id}-note-{letter}" '
            f'aria-label="Missing: {html.escape(c.missing, quote=True)}">{letter}</a></sup>',
            False,
        )
    text = html.escape(format_value(c.value))
    if c.note:
        text += f' <span class="value-note">({html.escape(c.note)})</span>'
    if c.source and c.source != record_source:
        text += " " + _cite(ctx, c.source, c.locator)
    return text, is_number(c.value)


def _cite(ctx, key: str, locator: str | None) -> str:
    result = ctx.citer.cite(ctx.src_path, [key], lambda k: ctx.where(k), locator)
    ctx.report(result.diagnostics)
    return result.html


def render_table(
    ctx,
    dataset: Dataset,
    columns=None,
    where=None,
    sort=None,
    caption: str | None = None,
    table_id: str | None = None,
) -> Rendered:
    out = Rendered("")
    fields = dataset.fields
    columns = (
        list(columns) if columns else [f for f in fields if f not in ("id", "source", "locator", "page")]
    )
    bad = [c for c in columns if c not in fields]
    for c in bad:
        out.diagnostics.append(
            Diagnostic(
                "data.unknown-column",
                f"dataset '{dataset.name}' has no column '{c}'",
                *ctx.where(c, TABLE_CALL),
                did_you_mean(c, fields) or "columns: " + ", ".join(fields),
                severity=WARNING,
            )
        )
    columns = [c for c in columns if c in fields]
    records = list(dataset.records)
    for key, wanted in (where or {}).items():
        if key not in fields:
            out.diagnostics.append(
                Diagnostic(
                    "data.unknown-column",
                    f"dataset '{dataset.name}' has no column '{key}' to filter on",
                    *ctx.where(key, TABLE_CALL),
                    did_you_mean(key, fields),
                    severity=WARNING,
                )
            )
            continue
        records = [r for r in records if _matches(cell(r, key).value, wanted)]
    if sort:
        reverse = sort.startswith("-")
        key = sort.lstrip("-")
        records.sort(key=lambda r: (cell(r, key).value is None, str(cell(r, key).value)), reverse=reverse)

    ctx.tables[ctx.src_path] = ctx.tables.get(ctx.src_path, 0) + 1
    number = ctx.tables[ctx.src_path]
    table_id = table_id or f"table-{dataset.name.replace('_', '-')}"
    title = caption or dataset.schema.get("title", dataset.name)
    has_sources = any(r.get("source") for r in records)

    head = "".join(f'<th scope="col">{html.escape(dataset.title(c))}</th>' for c in columns)
    if has_sources:
        head += '<th scope="col">Source</th>'
    body = []
    notes: dict[str, str] = {}
    for r in records:
        cells = []
        for i, c in enumerate(columns):
            inner, numeric = render_cell(ctx, cell(r, c), r.get("source"), notes, table_id)
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            cls = ' class="num"' if numeric else ""
            cells.append(f"<{tag}{scope}{cls}>{inner}</{tag}>")
        if has_sources:
            src = r.get("source")
            cells.append("<td>" + (_cite(ctx, src, r.get("locator")) if src else "—") + "</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")

    links = (
        downloads.links_html(ctx, dataset.name)
        + "<br>"
        + element_citation(
            ctx.authors, ctx.site_name, ctx.page_title, ctx.page_url, f"Table {number}", table_id
        )
    )
    note_items = "".join(
        f'<li id="{html.escape(table_id)}-note-{letter}"><span class="note-letter">{letter}</span> — {html.escape(reason)}</li>'
        for reason, letter in notes.items()
    )
    notes_html = (
        f'<ul class="table-notes" aria-label="Notes on missing values">{note_items}</ul>\n' if notes else ""
    )
    html_out = (
        f'<figure class="data-table" id="{html.escape(table_id)}">\n'
        f'<div class="data-table__scroll" tabindex="0" role="region" aria-labelledby="{html.escape(table_id)}-caption">\n'
        f'<table>\n<caption id="{html.escape(table_id)}-caption"><span class="table-number">Table {number}.</span> {html.escape(title)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
        f'{notes_html}<figcaption class="data-table__meta">{links}</figcaption>\n</figure>\n'
    )
    out.html = html_out
    return out


def _matches(value, wanted) -> bool:
    if isinstance(wanted, list | tuple):
        return any(_matches(value, w) for w in wanted)
    if isinstance(value, list):
        return wanted in value or any(isinstance(v, dict) and wanted in v.values() for v in value)
    return value == wanted
