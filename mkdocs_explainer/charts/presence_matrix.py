"""`kind: presence-matrix`: rows (e.g. stages) by columns (e.g. markers), each cell a circle that
is full, half full or empty according to the level in the data, with a legend under it."""

from __future__ import annotations

from ..datasets import cell
from ..svg import el
from .base import ACCENT, INK, MUTED, Chart, ChartEnv, cited, fill, sorted_records

WIDTH, ROW = 640, 44
FILLS = {"full": 1.0, "half": 0.5, "empty": 0.0}


def fields(spec: dict) -> list[tuple[tuple, str, str]]:
    names = [(("fields", "row"), spec["dataset"], spec["fields"]["row"])]
    names += [
        (("columns", i, "field"), spec["dataset"], col["field"]) for i, col in enumerate(spec["columns"])
    ]
    return names


def _marker(cx: float, cy: float, r: int, amount: float | None) -> list[str]:
    out = [el("circle", cx=cx, cy=cy, r=r, fill="#ffffff", stroke=ACCENT, stroke_width=2)]
    if amount == 1.0:
        out.append(el("circle", cx=cx, cy=cy, r=r, fill=ACCENT))
    elif amount == 0.5:
        out.append(el("path", d=f"M{cx} {cy - r} A{r} {r} 0 0 1 {cx} {cy + r} Z", fill=ACCENT))
    return out


def draw(records: list[dict], spec: dict, env: ChartEnv) -> Chart:
    rows, columns = sorted_records(records, spec), spec["columns"]
    amounts = {str(level["value"]): FILLS[level["fill"]] for level in spec["levels"]}
    h = 90 + ROW * len(rows) + 60
    xs = [WIDTH - 80 - 90 * (len(columns) - 1 - i) for i in range(len(columns))]
    body = [el("text", spec.get("labels", {}).get("rows", ""), x=20, y=40, fill=INK, font_weight="600")]
    for col, cx in zip(columns, xs, strict=True):
        body.append(el("text", col["label"], x=cx, y=40, text_anchor="middle", fill=INK, font_weight="600"))
    sources, alt_parts = [], []
    for i, r in enumerate(rows):
        cy = 70 + i * ROW
        name = str(cell(r, spec["fields"]["row"]).value)
        body.append(el("text", name, x=20, y=cy + 5, fill=INK))
        levels = []
        for col, cx in zip(columns, xs, strict=True):
            c = cell(r, col["field"])
            level = str(c.value) if c.missing is None else "unknown"
            levels.append(f"{col['label']} {level}")
            sources.append(cited(spec, c.source, c.locator))
            amount = amounts.get(level)
            body += _marker(cx, cy, 12, amount)
            if amount is None:
                body.append(el("text", "?", x=cx, y=cy + 5, text_anchor="middle", fill=MUTED))
        alt_parts.append(f"{name}: " + ", ".join(levels))
    ly = 70 + ROW * len(rows) + 4
    for j, level in enumerate(spec["levels"]):
        cx = 30 + j * 150
        body += _marker(cx, ly, 8, FILLS[level["fill"]])
        body.append(
            el("text", level.get("label", str(level["value"])), x=cx + 14, y=ly + 5, fill=INK, font_size=12)
        )
    body.append(el("text", env.source_line(sources), x=20, y=h - 12, fill=MUTED, font_size=12))
    alt = fill(spec["alt"], {"rows": "; ".join(alt_parts)}, "alt")
    return Chart(WIDTH, h, body, alt, sources)
