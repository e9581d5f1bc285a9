"""The chart kinds a figure spec can name (`kind:` in the figures file).

Each kind is a module with `draw(records, spec, env) -> Chart` and `fields(spec)`, the dataset
fields its spec names (checked when the figures file is loaded, so a typo gets its line).
"""

from __future__ import annotations

from . import before_after, presence_matrix, timeline
from .base import Chart, ChartEnv, SpecError

KINDS = {
    "before-after": before_after,
    "timeline": timeline,
    "presence-matrix": presence_matrix,
}

__all__ = ["KINDS", "Chart", "ChartEnv", "SpecError"]
