"""The glossary page and the abbreviation tooltips (Markdown `abbr` definitions) from data."""

from __future__ import annotations

import html
import re

from .datasets import Dataset


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def render_glossary(ctx, dataset: Dataset) -> str:
    rows = []
    for r in sorted(dataset.records, key=lambda r: r["term"].lower()):
        term = html.escape(r["term"])
        abbr = (
            f' <span class="glossary-abbr">({html.escape(r["abbreviation"])})</span>'
            if r.get("abbreviation")
            else ""
        )
        definition = html.escape(r["definition"])
        if r.get("source"):
            result = ctx.citer.cite(ctx.src_path, [r["source"]], lambda k: ctx.where(k), r.get("locator"))
            definition += " " + result.html
        see = ""
        if r.get("see_also"):
            see = (
                '<br><span class="glossary-see">See also: '
                + ", ".join(f'<a href="#{slug(t)}">{html.escape(t)}</a>' for t in r["see_also"])
                + "</span>"
            )
        rows.append(f'<dt id="{slug(r["term"])}">{term}{abbr}</dt>\n<dd>{definition}{see}</dd>')
    return '<dl class="glossary">\n' + "\n".join(rows) + "\n</dl>\n"


def abbreviation_definitions(dataset: Dataset) -> str:
    """`*[SCA]: Specialty Coffee Association: ...` lines for Python-Markdown's abbr extension."""
    lines = []
    for r in sorted(dataset.records, key=lambda r: r.get("abbreviation") or ""):
        abbr = r.get("abbreviation")
        if not abbr:
            continue
        definition = " ".join(r["definition"].split())
        lines.append(f"*[{abbr}]: {r['term']}: {definition}")
    return "\n".join(lines) + "\n"
