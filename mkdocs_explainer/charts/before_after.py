"""`kind: before-after`: one dot per record at two time points, joined by a line.

When no record has an "after" value, an optional group summary from another dataset (its range
and median) is drawn in the "after" column instead, labeled as such.
"""

from __future__ import annotations

import math

from ..datasets import cell
from ..svg import el
from .base import (
    ACCENT,
    ACCENT2,
    GRID,
    INK,
    MUTED,
    Chart,
    ChartEnv,
    SpecError,
    cited,
    fill,
    number,
    sorted_records,
)

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 570, 50, 330


def fields(spec: dict) -> list[tuple[tuple, str, str]]:
    """(spec path, dataset, field) of every field this spec names, for the loader to check."""
    names = [(("fields", k), spec["dataset"], v) for k, v in spec["fields"].items()]
    summary = spec.get("after_summary")
    if summary:
        names += [(("after_summary", k), summary["dataset"], summary[k]) for k in ("min", "max", "median")]
        names += [(("after_summary", "where", k), summary["dataset"], k) for k in summary.get("where", {})]
    return names


def _value(c):
    return c.value if c.missing is None else None


def _nice_step(vmax: float) -> float:
    raw = max(vmax, 1) / 5
    base = 10 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= raw)


def draw(records: list[dict], spec: dict, env: ChartEnv) -> Chart:
    f, labels = spec["fields"], spec.get("labels", {})
    rows, sources = [], []
    for r in sorted_records(records, spec):
        before, after = cell(r, f["before"]), cell(r, f["after"])
        rows.append((r.get(f["label"]), _value(before), _value(after)))
        sources += [cited(spec, before.source, before.locator), cited(spec, after.source, after.locator)]
    known_b = [(n, b) for n, b, _ in rows if b is not None]
    known_a = [(n, a) for n, _, a in rows if a is not None]
    summary = _summary(spec, env) if not known_a else None
    plotted = [v for _, v in known_b + known_a] + ([summary["max"]] if summary else [])
    scale = spec.get("scale", {})
    vmax = max([scale.get("max", 0)] + plotted) or 1
    step = scale.get("step") or _nice_step(vmax)
    vmax = math.ceil(vmax / step) * step  # the axis ends on a grid line

    def y(v):
        return BOTTOM - (BOTTOM - TOP) * v / vmax

    xb, xa = LEFT + 80, RIGHT - 80
    body = [el("text", labels.get("axis", ""), x=LEFT - 50, y=TOP - 22, fill=INK, font_weight="600")]
    for i in range(round(vmax / step) + 1):
        t = round(i * step, 9)  # 0.1 * 3 is 0.3 on the axis, not 0.30000000000000004
        body.append(el("line", x1=LEFT, x2=RIGHT, y1=y(t), y2=y(t), stroke=GRID))
        body.append(el("text", number(t), x=LEFT - 10, y=y(t) + 5, text_anchor="end", fill=MUTED))
    body.append(el("text", labels.get("before", ""), x=xb, y=BOTTOM + 28, text_anchor="middle", fill=INK))
    body.append(el("text", labels.get("after", ""), x=xa, y=BOTTOM + 28, text_anchor="middle", fill=INK))
    by_value: dict = {}
    for i, (label, b, a) in enumerate(rows):
        dx = (i - (len(rows) - 1) / 2) * 6  # small fixed horizontal offset, so ties stay visible
        if b is not None and a is not None:
            body.append(el("line", x1=xb + dx, x2=xa + dx, y1=y(b), y2=y(a), stroke=ACCENT, stroke_width=2))
        if b is not None:
            body.append(el("circle", cx=xb + dx, cy=y(b), r=5, fill=ACCENT))
            by_value.setdefault(b, []).append(label)
        if a is not None:
            body.append(el("circle", cx=xa + dx, cy=y(a), r=5, fill=ACCENT2))
    point = labels.get("point", "{label}")
    for value, names in sorted(by_value.items()):
        text = ", ".join(fill(point, {"label": n}, "labels", "point") for n in names)
        body.append(el("text", text, x=xb - 26, y=y(value) + 4, text_anchor="end", fill=INK, font_size=12))
    if summary:
        body += _summary_band(summary, labels, xa, y)
        sources.append(cited(spec, summary.get("source"), summary.get("locator")))
    body.append(el("text", env.source_line(sources), x=LEFT - 50, y=HEIGHT - 14, fill=MUTED, font_size=12))
    item = labels.get("value", "{label} {value}")
    values = {
        "before_count": len(known_b),
        "after_count": len(known_a),
        "before_values": ", ".join(
            fill(item, {"label": n, "value": number(v)}, "labels", "value") for n, v in known_b
        ),
        "after_values": ", ".join(
            fill(item, {"label": n, "value": number(v)}, "labels", "value") for n, v in known_a
        ),
    }
    if known_a:
        values |= {
            "after_min": number(min(a for _, a in known_a)),
            "after_max": number(max(a for _, a in known_a)),
        }
    if summary:
        values |= {"summary_" + k: number(summary[k]) for k in ("min", "max", "median")}
    return Chart(WIDTH, HEIGHT, body, fill(spec["alt"], values, "alt"), sources)


def _summary(spec: dict, env: ChartEnv) -> dict | None:
    wanted = spec.get("after_summary")
    if not wanted:
        return None
    for r in env.records_of(wanted["dataset"]):
        if all(cell(r, k).value == v for k, v in wanted.get("where", {}).items()):
            out = {k: _value(cell(r, wanted[k])) for k in ("min", "max", "median")}
            missing = [k for k, v in out.items() if v is None]
            if missing:
                raise SpecError(
                    f"the summary record has no '{wanted[missing[0]]}'", "after_summary", missing[0]
                )
            return out | {"source": r.get("source"), "locator": r.get("locator")}
    raise SpecError(
        f"no record of '{wanted['dataset']}' matches {wanted.get('where', {})}",
        "after_summary",
        "where",
        hint="name values that one of its records has",
    )


def _summary_band(summary: dict, labels: dict, xa: float, y) -> list[str]:
    # Values per record are not reported: show the group's range instead, clearly labeled.
    lo, hi, mid = summary["min"], summary["max"], summary["median"]
    return [
        el(
            "rect",
            x=xa - 40,
            y=y(hi) - 4,
            width=80,
            height=y(lo) - y(hi) + 8,
            fill=ACCENT2,
            opacity="0.25",
            rx=4,
        ),
        el("line", x1=xa - 40, x2=xa + 40, y1=y(mid), y2=y(mid), stroke=ACCENT2, stroke_width=3),
        el(
            "text",
            fill(
                labels.get("summary", "{min}–{max} (median {median})"),
                {"min": number(lo), "max": number(hi), "median": number(mid)},
                "labels",
                "summary",
            ),
            x=xa,
            y=y(hi) - 30,
            text_anchor="middle",
            fill=INK,
            font_size=12,
        ),
        el(
            "text",
            labels.get("summary_note", ""),
            x=xa,
            y=y(hi) - 14,
            text_anchor="middle",
            fill=MUTED,
            font_size=12,
        ),
    ]
