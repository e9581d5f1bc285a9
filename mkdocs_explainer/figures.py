"""Figures drawn at build time from data, as SVG, each with alt text, caption and sources.

What a figure shows is declared in the figures file (figure_specs.py) and drawn by a chart kind
(charts/); a site can add kinds of its own with `register_kind` (the plugin's `register_chart`).
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import build_cache, charts
from .charts import Chart, ChartEnv, SpecError
from .diagnostics import WARNING, Diagnostic, did_you_mean
from .figure_specs import FigureSpec
from .page_citation import element_citation
from .svg import document
from .urls import root_prefix


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


def register_kind(ctx, kind: str, draw: Callable[[list[dict], dict, ChartEnv], Chart]) -> None:
    """Add a chart kind for this build; figure specs name it with `kind: <kind>`."""
    if kind in charts.KINDS:
        raise ValueError(f"'{kind}' is a built-in chart kind; register yours under another name")
    ctx.chart_kinds[kind] = draw
    # The page cache must miss when the site's drawing code changes: fold its source into the key.
    try:
        code = Path(inspect.getsourcefile(draw)).read_bytes().decode("utf-8", "replace")
    except (TypeError, OSError):
        code = repr(draw.__code__.co_code) if hasattr(draw, "__code__") else repr(draw)
    ctx.inputs_digest = build_cache.digest(ctx.inputs_digest, kind, code)


def _source_line(ctx, sources) -> str:
    seen, parts = set(), []
    for key, _ in sources:
        if key and key not in seen and key in ctx.bib:
            seen.add(key)
            parts.append(ctx.formatter.short_label(key))
    return "Source: " + "; ".join(parts) if parts else ""


def build_svg(ctx, name: str) -> Figure | Diagnostic:
    """Draw one declared figure, or say why it cannot be drawn (with the spec's file:line)."""
    spec: FigureSpec = ctx.figure_specs[name]
    entry = spec.spec
    draw = (
        charts.KINDS[entry["kind"]].draw
        if entry["kind"] in charts.KINDS
        else ctx.chart_kinds.get(entry["kind"])
    )
    if draw is None:
        known = sorted(charts.KINDS) + sorted(ctx.chart_kinds)
        return Diagnostic(
            "figure.unknown-kind",
            f"figure '{name}': no chart kind '{entry['kind']}'",
            spec.path,
            spec.line("kind"),
            did_you_mean(entry["kind"], known)
            or "use one of " + ", ".join(known) + ", or register it in macros/ with register_chart()",
            WARNING,
        )
    records = ctx.datasets[entry["dataset"]].records if entry.get("dataset") else []
    env = ChartEnv(lambda sources: _source_line(ctx, sources), lambda ds: ctx.datasets[ds].records)
    try:
        chart = draw(records, entry, env)
    except SpecError as exc:
        return Diagnostic(
            "figure.spec",
            f"figure '{name}': {exc.message}",
            spec.path,
            spec.line(*exc.path),
            exc.hint,
            WARNING,
        )
    sources = list(chart.sources) + [(s["key"], s.get("locator")) for s in entry.get("sources", [])]
    ident = entry.get("svg_id") or "fig-" + name.replace("_", "-")
    svg = document(chart.width, chart.height, entry["title"], chart.alt, chart.body, ident)
    return Figure(svg, entry["caption"], chart.alt, sources)


def render_figure(ctx, name: str, caption: str | None = None) -> Rendered:
    fig = build_svg(ctx, name)
    if isinstance(fig, Diagnostic):
        ctx.reported_figures.add(name)
        marker = f"[figure {name}: {fig.message.removeprefix(f'figure {name!r}: ')}]"
        return Rendered(f'<strong class="build-error">{html.escape(marker)}</strong>', [fig])
    ctx.figures[ctx.src_path] = ctx.figures.get(ctx.src_path, 0) + 1
    number = ctx.figures[ctx.src_path]
    ctx.used_figures[name] = ctx.page_figures[name] = fig.svg
    cites = []
    for key, loc in dict.fromkeys(s for s in fig.sources if s[0]):
        if key in ctx.bib:
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


PNG_SETTINGS = {"zoom": 2.0, "font_family": "DejaVu Sans", "sans_serif_family": "DejaVu Sans"}


def svg_to_png(svg: str, cache=None) -> bytes:
    """A 2x PNG for slides; resvg renders it without a browser or the network. Rendering is the
    slowest step of a later build of a site with figures, and a pure function of the SVG, so the
    PNG is kept in `cache` (a build_cache.Store) when one is given."""
    key = build_cache.digest("png", svg, PNG_SETTINGS) if cache is not None else None
    if key is not None and (png := cache.get(key)) is not None:
        return png
    import resvg_py

    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, **PNG_SETTINGS))
    if key is not None:
        cache.put(key, png)
    return png


def write_figures(ctx, site_dir: Path) -> list[Diagnostic]:
    """Write every declared figure as SVG and PNG; returns the problems not reported on a page."""
    out = site_dir / "figures"
    if ctx.figure_specs:
        out.mkdir(parents=True, exist_ok=True)
    problems = []
    for name in ctx.figure_specs:
        fig = build_svg(ctx, name)
        if isinstance(fig, Diagnostic):
            if name not in ctx.reported_figures:
                problems.append(fig)
            continue
        (out / f"{name}.svg").write_text(fig.svg, encoding="utf-8")
        (out / f"{name}.png").write_bytes(svg_to_png(fig.svg, ctx.caches.figures))
    return problems
