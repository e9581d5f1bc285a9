"""Figures drawn at build time from data, as SVG, each with alt text, caption and source."""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from .datasets import cell
from .diagnostics import WARNING, Diagnostic
from .page_citation import element_citation
from .svg import document, el
from .urls import root_prefix

FIGURE_CALL = re.compile(r"\bfigure\s*\(([^)]*)\)")  # to give a figure's problems its line

INK, MUTED, ACCENT, ACCENT2, GRID = "#1f2933", "#52606d", "#3949ab", "#c2185b", "#d9e2ec"


@dataclass
class Figure:
    svg: str
    caption: str
    alt: str
    sources: list[tuple[str, str | None]]  # (bib key, locator)


@dataclass
class Rendered:
    html: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _source_line(ctx, sources) -> str:
    seen, parts = set(), []
    for key, _ in sources:
        if key and key not in seen and key in ctx.bib.entries:
            seen.add(key)
            parts.append(ctx.formatter.short_label(key))
    return "Source: " + "; ".join(parts) if parts else ""


def _source_lines(ctx, sources, x: float, y: float, chars: int = 95) -> tuple[list[str], float]:
    """The source line, wrapped to the figure's width; returns SVG elements and the height used."""
    lines = textwrap.wrap(_source_line(ctx, sources), chars) or [""]
    return [
        el("text", line, x=x, y=y + 16 * i, fill=MUTED, font_size=12) for i, line in enumerate(lines)
    ], 16 * len(lines)


def sledai_mackensen2022(ctx) -> Figure | str:
    ds = ctx.datasets.get("mackensen2022_patients")
    if ds is None:
        return "needs data/mackensen2022_patients.yaml"
    rows = []
    sources = []
    for r in sorted(ds.records, key=lambda r: r["patient"]):
        before, after = cell(r, "sledai_baseline"), cell(r, "sledai_month3")
        rows.append(
            (
                r["patient"],
                before.value if before.missing is None else None,
                after.value if after.missing is None else None,
            )
        )
        sources += [(before.source, before.locator), (after.source, after.locator)]
    w, h = 640, 400
    left, right, top, bottom = 70, 570, 50, 330
    vmax = max([20] + [v for _, b, a in rows for v in (b, a) if v is not None])

    def y(v):
        return bottom - (bottom - top) * v / vmax

    xb, xa = left + 80, right - 80
    body = [
        el(
            "text",
            "SLEDAI-2K score (higher = more active lupus)",
            x=left - 50,
            y=top - 22,
            fill=INK,
            font_weight="600",
        )
    ]
    for t in range(0, int(vmax) + 1, 4):
        body.append(el("line", x1=left, x2=right, y1=y(t), y2=y(t), stroke=GRID))
        body.append(el("text", str(t), x=left - 10, y=y(t) + 5, text_anchor="end", fill=MUTED))
    body.append(el("text", "Before CAR-T", x=xb, y=bottom + 28, text_anchor="middle", fill=INK))
    body.append(el("text", "3 months after", x=xa, y=bottom + 28, text_anchor="middle", fill=INK))
    by_score: dict[int, list[int]] = {}
    for i, (p, b, a) in enumerate(rows):
        dx = (i - (len(rows) - 1) / 2) * 6  # small fixed horizontal offset, so ties stay visible
        if b is not None and a is not None:
            body.append(el("line", x1=xb + dx, x2=xa + dx, y1=y(b), y2=y(a), stroke=ACCENT, stroke_width=2))
        if b is not None:
            body.append(el("circle", cx=xb + dx, cy=y(b), r=5, fill=ACCENT))
            by_score.setdefault(b, []).append(p)
        if a is not None:
            body.append(el("circle", cx=xa + dx, cy=y(a), r=5, fill=ACCENT2))
    for score, patients in sorted(by_score.items()):
        label = ", ".join(f"P{p}" for p in patients)
        body.append(el("text", label, x=xb - 26, y=y(score) + 4, text_anchor="end", fill=INK, font_size=12))
    summary = {
        r["timepoint"]: r
        for r in (
            ctx.datasets.get("mackensen2022_summary").records
            if "mackensen2022_summary" in ctx.datasets
            else []
        )
    }
    group_after = summary.get("month3") if not any(a is not None for _, _, a in rows) else None
    if group_after:
        # Per-patient values are not reported: show the reported group range instead, clearly labelled.
        lo, hi = group_after["min"], group_after["max"]
        body.append(
            el(
                "rect",
                x=xa - 40,
                y=y(hi) - 4,
                width=80,
                height=y(lo) - y(hi) + 8,
                fill=ACCENT2,
                opacity="0.25",
                rx=4,
            )
        )
        body.append(
            el(
                "line",
                x1=xa - 40,
                x2=xa + 40,
                y1=y(group_after["median"]),
                y2=y(group_after["median"]),
                stroke=ACCENT2,
                stroke_width=3,
            )
        )
        body.append(
            el(
                "text",
                f"All five: {_n(lo)}–{_n(hi)} (median {_n(group_after['median'])})",
                x=xa,
                y=y(hi) - 30,
                text_anchor="middle",
                fill=INK,
                font_size=12,
            )
        )
        body.append(
            el(
                "text",
                "per patient not reported",
                x=xa,
                y=y(hi) - 14,
                text_anchor="middle",
                fill=MUTED,
                font_size=12,
            )
        )
        sources.append((group_after["source"], group_after.get("locator")))
    source = _source_line(ctx, sources)
    body.append(el("text", source, x=left - 50, y=h - 14, fill=MUTED, font_size=12))
    known_b = [b for _, b, _ in rows if b is not None]
    known_a = [a for _, _, a in rows if a is not None]
    alt = (
        f"SLEDAI-2K before CAR-T in {len(known_b)} patients: "
        + ", ".join(f"patient {p} {b}" for p, b, _ in rows if b is not None)
        + ". "
    )
    if known_a:
        alt += f"Three months after, scores were {min(known_a)}–{max(known_a)}."
    elif group_after:
        alt += (
            f"Three months after, the five scores ranged from {_n(group_after['min'])} to {_n(group_after['max'])} "
            f"(median {_n(group_after['median'])}); per-patient values were not reported."
        )
    else:
        alt += "Per-patient scores at 3 months are not shown: they were not available per patient."
    return Figure(
        document(w, h, "SLEDAI-2K before and after CAR-T, Mackensen 2022", alt, body, "fig-sledai"),
        "Disease activity (SLEDAI-2K) of each of the five patients before CAR-T cells and 3 months after",
        alt,
        sources,
    )


def car_t_timeline(ctx) -> Figure | str:
    ds = ctx.datasets.get("steps")
    if ds is None:
        return "needs data/steps.yaml"
    steps = sorted(ds.records, key=lambda r: r["order"])
    w = 640
    colors = {"manufacturing": ACCENT, "treatment": ACCENT2, "follow-up": "#2e7d32"}
    body, sources, centers = [], [], []
    y = 40.0
    for s in steps:
        # Long names and durations wrap, so nothing runs past the figure's edge on any screen.
        name_lines = textwrap.wrap(s["step"], 62)
        d = cell(s, "duration")
        detail = s["phase"].capitalize() + (f" · {d.value}" if d.missing is None and d.value else "")
        detail_lines = textwrap.wrap(detail, 86)
        color = colors.get(s["phase"], MUTED)
        centers.append(y)
        body.append(el("circle", cx=40, cy=y, r=11, fill=color))
        body.append(
            el(
                "text",
                str(s["order"]),
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
        sources += [(cell(s, "what_happens").source, None), (d.source, None)]
    body.insert(0, el("line", x1=40, x2=40, y1=centers[0], y2=centers[-1], stroke=GRID, stroke_width=4))
    source_els, used = _source_lines(ctx, sources, 20, y)
    body += source_els
    h = int(y + used + 4)
    alt = (
        "The path of CAR-T treatment in "
        + str(len(steps))
        + " steps: "
        + "; ".join(f"{s['order']}. {s['step']}" for s in steps)
        + "."
    )
    return Figure(
        document(w, h, "From cell collection to follow-up", alt, body, "fig-timeline"),
        "The path from collecting a person's T cells to follow-up after infusion",
        alt,
        sources,
    )


def _n(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


LEVEL_FILL = {"present": 1.0, "some": 0.5, "absent": 0.0}


def b_cell_lineage(ctx) -> Figure | str:
    ds = ctx.datasets.get("b_cell_lineage")
    if ds is None:
        return "needs data/b_cell_lineage.yaml"
    stages = sorted(ds.records, key=lambda r: r["order"])
    markers = [("cd19", "CD19"), ("cd20", "CD20"), ("bcma", "BCMA")]
    row, w = 44, 640
    h = 90 + row * len(stages) + 60
    cols = [380, 470, 560]
    body = [el("text", "Stage", x=20, y=40, fill=INK, font_weight="600")]
    for (_key, label), cx in zip(markers, cols, strict=False):
        body.append(el("text", label, x=cx, y=40, text_anchor="middle", fill=INK, font_weight="600"))
    sources, alt_parts = [], []
    for i, s in enumerate(stages):
        cy = 70 + i * row
        body.append(el("text", s["stage"], x=20, y=cy + 5, fill=INK))
        levels = []
        for (key, label), cx in zip(markers, cols, strict=False):
            c = cell(s, key)
            level = str(c.value) if c.missing is None else "unknown"
            levels.append(f"{label} {level}")
            sources.append((c.source, c.locator))
            fill = LEVEL_FILL.get(level)
            body.append(el("circle", cx=cx, cy=cy, r=12, fill="#ffffff", stroke=ACCENT, stroke_width=2))
            if fill == 1.0:
                body.append(el("circle", cx=cx, cy=cy, r=12, fill=ACCENT))
            elif fill == 0.5:
                body.append(el("path", d=f"M{cx} {cy - 12} A12 12 0 0 1 {cx} {cy + 12} Z", fill=ACCENT))
            elif fill is None:
                body.append(el("text", "?", x=cx, y=cy + 5, text_anchor="middle", fill=MUTED))
        alt_parts.append(f"{s['stage']}: " + ", ".join(levels))
    ly = 70 + row * len(stages) + 4
    for j, (label, fill) in enumerate([("present", 1.0), ("on some cells", 0.5), ("absent", 0.0)]):
        cx = 30 + j * 150
        body.append(el("circle", cx=cx, cy=ly, r=8, fill="#ffffff", stroke=ACCENT, stroke_width=2))
        if fill == 1.0:
            body.append(el("circle", cx=cx, cy=ly, r=8, fill=ACCENT))
        elif fill == 0.5:
            body.append(el("path", d=f"M{cx} {ly - 8} A8 8 0 0 1 {cx} {ly + 8} Z", fill=ACCENT))
        body.append(el("text", label, x=cx + 14, y=ly + 5, fill=INK, font_size=12))
    body.append(el("text", _source_line(ctx, sources), x=20, y=h - 12, fill=MUTED, font_size=12))
    alt = "Which B-cell stages carry CD19, CD20 and BCMA. " + "; ".join(alt_parts) + "."
    return Figure(
        document(w, h, "CD19, CD20 and BCMA along the B-cell lineage", alt, body, "fig-lineage"),
        "Where CD19, CD20 and BCMA are found as B cells mature into plasma cells",
        alt,
        sources,
    )


FIGURES = {
    "sledai_mackensen2022": sledai_mackensen2022,
    "car_t_timeline": car_t_timeline,
    "b_cell_lineage": b_cell_lineage,
}


def build_svg(ctx, name: str) -> Figure | str:
    return FIGURES[name](ctx)


def render_figure(ctx, name: str, caption: str | None = None) -> Rendered:
    fig = build_svg(ctx, name)
    if isinstance(fig, str):
        return Rendered(
            f'<strong class="build-error">[figure {html.escape(name)}: {html.escape(fig)}]</strong>',
            [
                Diagnostic(
                    "figure.no-data",
                    f"figure '{name}' {fig}",
                    *ctx.where(name, FIGURE_CALL),
                    "add the data file, or take the figure off the page",
                    WARNING,
                )
            ],
        )
    ctx.figures[ctx.src_path] = ctx.figures.get(ctx.src_path, 0) + 1
    number = ctx.figures[ctx.src_path]
    ctx.used_figures[name] = ctx.page_figures[name] = fig.svg
    cites = []
    for key, loc in dict.fromkeys(s for s in fig.sources if s[0]):
        if key in ctx.bib.entries:
            result = ctx.citer.cite(ctx.src_path, [key], lambda k: ctx.where(k), loc)
            cites.append(result.html)
    prefix = root_prefix(ctx.page_rel_url)
    fid = "figure-" + name.replace("_", "-")
    return Rendered(
        f'<figure class="data-figure" id="{fid}">\n'
        f'<div class="data-figure__image">{fig.svg}</div>\n'
        f'<figcaption><span class="figure-number">Figure {number}.</span> {html.escape(caption or fig.caption)}. '
        f'Source: {" ".join(cites)}. '
        f'Download: <a href="{prefix}figures/{name}.svg" download>SVG</a> · '
        f'<a href="{prefix}figures/{name}.png" download>PNG</a><br>'
        + element_citation(ctx.authors, ctx.site_name, ctx.page_title, ctx.page_url, f"Figure {number}", fid)
        + "</figcaption>\n</figure>\n"
    )


def svg_to_png(svg: str) -> bytes:
    """A 2x PNG for slides; resvg renders it without a browser or the network."""
    import resvg_py

    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg, zoom=2.0, font_family="DejaVu Sans", sans_serif_family="DejaVu Sans"
        )
    )


def write_figures(ctx, site_dir: Path) -> None:
    out = site_dir / "figures"
    out.mkdir(parents=True, exist_ok=True)
    for name in FIGURES:
        fig = build_svg(ctx, name)
        if not isinstance(fig, str):
            (out / f"{name}.svg").write_text(fig.svg, encoding="utf-8")
            (out / f"{name}.png").write_bytes(svg_to_png(fig.svg))
