"""What every chart kind takes and returns, and the helpers they share.

A chart kind is a function `draw(records, spec, env) -> Chart`: the records of the figure's
dataset, its entry from the figures file, and a ChartEnv with what the data alone cannot give
(the short labels of sources, other datasets). It returns the SVG body and the alt text; the
figure module wraps them into a document, numbers them and cites the sources.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..svg import el

INK, MUTED, ACCENT, ACCENT2, GRID = "#1f2933", "#52606d", "#3949ab", "#c2185b", "#d9e2ec"

Source = tuple[str | None, str | None]  # (bib key, locator)


@dataclass
class Chart:
    width: int
    height: int
    body: list[str]  # SVG elements, drawn in order
    alt: str  # what the figure shows, in words (the SVG's <desc> and the figure's alt text)
    sources: list[Source] = field(default_factory=list)  # cited under the figure, in order


@dataclass(frozen=True)
class ChartEnv:
    source_line: Callable[[Iterable[Source]], str]  # "Source: A et al. 2020; B 2021"
    records_of: Callable[[str], list[dict]]  # the records of another dataset, by name


class SpecError(Exception):
    """A figure spec that the data cannot satisfy; `path` points into the spec (for its line)."""

    def __init__(self, message: str, *path, hint: str | None = None):
        super().__init__(message)
        self.message, self.path, self.hint = message, path, hint


def fill(template: str, values: dict, *path) -> str:
    """`template` with its {placeholders} filled; a placeholder the chart cannot fill is a SpecError."""
    try:
        return template.format_map(values)
    except KeyError as exc:
        known = ", ".join("{" + k + "}" for k in values)
        raise SpecError(f"unknown placeholder {{{exc.args[0]}}}", *path, hint=f"use {known}") from None
    except (ValueError, IndexError) as exc:
        raise SpecError(
            f"bad template: {exc}", *path, hint="write {name}; a literal brace is {{ or }}"
        ) from None


def source_lines(env: ChartEnv, sources, x: float, y: float, chars: int = 95) -> tuple[list[str], float]:
    """The source line, wrapped to the figure's width; returns SVG elements and the height used."""
    lines = textwrap.wrap(env.source_line(sources), chars) or [""]
    return [
        el("text", line, x=x, y=y + 16 * i, fill=MUTED, font_size=12) for i, line in enumerate(lines)
    ], 16 * len(lines)


def sorted_records(records: list[dict], spec: dict) -> list[dict]:
    key = spec.get("sort")
    if not key:
        return list(records)
    reverse = key.startswith("-")
    key = key.lstrip("-")
    return sorted(records, key=lambda r: (r.get(key) is None, r.get(key)), reverse=reverse)


def number(x) -> str:
    """1.0 -> '1', 2.5 -> '2.5'."""
    return str(int(x)) if float(x).is_integer() else str(x)


def cited(spec: dict, key: str | None, locator: str | None) -> Source:
    """A source as the spec wants it cited: with its locator unless `cite_locators: false`."""
    return (key, locator if spec.get("cite_locators", True) else None)
