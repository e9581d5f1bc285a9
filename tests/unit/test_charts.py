"""The chart kinds, called directly: records and a spec in, SVG elements and alt text out."""

import re

import pytest

from mkdocs_explainer.charts import KINDS, ChartEnv, SpecError

ENV = ChartEnv(lambda sources: "Source: " + "; ".join(sorted({k for k, _ in sources if k})), lambda name: [])


def texts(chart):
    return [re.sub(r"<[^>]+>", "", e) for e in chart.body if e.startswith("<text")]


def test_before_after_axis_ends_on_a_round_grid_line_and_alt_is_filled_from_data():
    records = [{"id": "a", "pre": 0.25, "post": 0.1, "source": "k1"}, {"id": "b", "pre": 0.2, "post": 0.05}]
    spec = {
        "fields": {"label": "id", "before": "pre", "after": "post"},
        "labels": {"axis": "Level", "before": "Pre", "after": "Post", "point": "#{label}"},
        "scale": {"step": 0.1},
        "alt": "From {before_values} to {after_min}–{after_max}.",
    }
    chart = KINDS["before-after"].draw(records, spec, ENV)
    assert [t for t in texts(chart) if re.fullmatch(r"[\d.]+", t)] == ["0", "0.1", "0.2", "0.3"]
    assert "#a" in texts(chart) and "#b" in texts(chart)
    assert chart.alt == "From a 0.25, b 0.2 to 0.05–0.1."
    assert ("k1", None) in chart.sources and "Source: k1" in texts(chart)


def test_an_alt_name_the_data_cannot_fill_points_at_alt():
    spec = {"fields": {"label": "id", "before": "pre", "after": "post"}, "labels": {}, "alt": "{summary_min}"}
    with pytest.raises(SpecError) as exc:
        KINDS["before-after"].draw([{"id": "a", "pre": 1, "post": 0}], spec, ENV)
    assert exc.value.path == ("alt",) and exc.value.message == "unknown placeholder {summary_min}"


def test_timeline_sorts_numbers_and_colors_steps_by_group():
    records = [{"n": 2, "s": "Brew", "g": "hot"}, {"n": 1, "s": "Grind", "g": "cold"}]
    spec = {
        "sort": "n",
        "fields": {"name": "s", "group": "g"},
        "colors": {"hot": "#ff0000"},
        "alt": "{count}: {steps}",
    }
    chart = KINDS["timeline"].draw(records, spec, ENV)
    assert chart.alt == "2: 1. Grind; 2. Brew"
    assert texts(chart)[:4] == ["1", "Grind", "Cold", "2"]
    assert 'fill="#ff0000"' in "".join(chart.body)


def test_presence_matrix_marks_an_unlisted_level_with_a_question_mark():
    records = [{"row": "X", "a": "yes", "b": "perhaps"}]
    spec = {
        "fields": {"row": "row"},
        "columns": [{"field": "a", "label": "A"}, {"field": "b", "label": "B"}],
        "levels": [{"value": "yes", "fill": "full"}, {"value": "no", "fill": "empty"}],
        "alt": "{rows}.",
    }
    chart = KINDS["presence-matrix"].draw(records, spec, ENV)
    assert chart.alt == "X: A yes, B perhaps."
    assert "?" in texts(chart) and texts(chart)[-3:-1] == ["yes", "no"]  # legend, in order


def test_figure_png_is_rendered_once_per_svg_and_kept_in_the_cache():
    from mkdocs_explainer.build_cache import Store
    from mkdocs_explainer.figures import svg_to_png

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    store = Store(8)
    first = svg_to_png(svg, store)
    assert first.startswith(b"\x89PNG") and store.misses == 1 and len(store) == 1
    assert svg_to_png(svg, store) == first and store.hits == 1  # the second build reads it back
    assert svg_to_png(svg.replace('width="10" height="10"/>', 'width="5" height="5"/>'), store) != first
    assert len(store) == 2  # another SVG is another key
