"""`kind: timeline`: numbered steps down a line, each with its name and one line of detail.

Each step's dot takes the color of its group (a field such as a phase); its detail reads
"<Group> · <detail field>". Long names and details wrap, so nothing runs past the edge.
"""

from __future__ import annotations

import textwrap

from ..datasets import cell
from ..svg import el
from .base import ACCENT, GRID, INK, MUTED, Chart, ChartEnv, cited, fill, sorted_records, source_lines

WIDTH = 640


def fields(spec: dict) -> list[tuple[tuple, str, str]]:
    f = spec["fields"]
    names = [(("fields", k), spec["dataset"], f[k]) for k in ("number", "name", "group", "detail") if k in f]
    names += [(("fields", "sources", i), spec["dataset"], v) for i, v in enumerate(f.get("sources", []))]
    return names


def draw(records: list[dict], spec: dict, env: ChartEnv) -> Chart:
    f, colors = spec["fields"], spec.get("colors", {})
    steps = sorted_records(records, spec)
    body, sources, centers = [], [], []
    y = 40.0
    for i, s in enumerate(steps, start=1):
        name = str(cell(s, f["name"]).value)
        number = str(s.get(f["number"], i)) if "number" in f else str(i)
        group = str(cell(s, f["group"]).value or "") if "group" in f else ""
        detail = group.capitalize()
        if "detail" in f:
            d = cell(s, f["detail"])
            if d.missing is None and d.value:
                detail += (" · " if detail else "") + str(d.value)
        name_lines = textwrap.wrap(name, 62)
        detail_lines = textwrap.wrap(detail, 86)
        color = colors.get(group, MUTED) if "group" in f else ACCENT
        centers.append(y)
        body.append(el("circle", cx=40, cy=y, r=11, fill=color))
        body.append(
            el(
                "text",
                number,
                x=40,
                y=y + 5,
                text_anchor="middle",
                fill="#ffffff",
                font_size=12,
                font_weight="700",
            )
        )
        for j, line in enumerate(name_lines):
            body.append(el("text", line, x=64, y=y + 5 + 18 * j, fill=INK, font_weight="600"))
        top = y + 5 + 18 * (len(name_lines) - 1)
        for j, line in enumerate(detail_lines):
            body.append(el("text", line, x=64, y=top + 19 + 16 * j, fill=MUTED, font_size=12))
        y = top + 19 + 16 * (len(detail_lines) - 1) + 34
        for field_name in f.get("sources", []):
            c = cell(s, field_name)
            sources.append(cited(spec, c.source, c.locator))
    if centers:
        body.insert(0, el("line", x1=40, x2=40, y1=centers[0], y2=centers[-1], stroke=GRID, stroke_width=4))
    source_els, used = source_lines(env, sources, 20, y)
    body += source_els
    items = "; ".join(
        f"{s.get(f['number'], i) if 'number' in f else i}. {cell(s, f['name']).value}"
        for i, s in enumerate(steps, start=1)
    )
    alt = fill(spec["alt"], {"count": len(steps), "steps": items}, "alt")
    return Chart(WIDTH, int(y + used + 4), body, alt, sources)
