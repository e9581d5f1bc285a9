"""Figure specs (data/figures.yaml): each mistake is one message with the spec's file:line."""

import textwrap

from tests.sitebuild import build_fixture

BIB = "@book{ann2020, author = {Ann, A}, title = {Scores}, publisher = {P}, year = {2020}}\n"
SCORES = """\
- who: one
  before: 8
  after: 2
  source: ann2020
- who: two
  before: 6
  after: 1
  source: ann2020
"""
SCHEMA = """{"type": "array", "items": {"type": "object", "additionalProperties": false,
  "properties": {"who": {"type": "string"}, "before": {"type": "number"}, "after": {"type": "number"},
                 "source": {"type": "string"}}}}"""
SPEC = """\
scores:
  kind: before-after
  dataset: scores
  fields: {label: who, before: before, after: after}
  labels: {axis: Score, before: Before, after: After}
  title: Scores before and after
  caption: Scores of two people
  alt: "Scores fell to {after_min}–{after_max}."
"""


def build(tmp_path, spec=SPEC, page='{{ figure("scores") }}\n', **files):
    return build_fixture(
        tmp_path,
        files={
            "bib/refs.bib": BIB,
            "data/scores.yaml": SCORES,
            "data/schema/scores.schema.json": SCHEMA,
            "data/figures.yaml": spec,
            "docs/index.md": page,
            **files,
        },
    )


def stopped(result, line):
    assert result.aborted
    assert any(line in m for m in result.messages), result.messages


def test_a_valid_spec_draws_its_figure(tmp_path):
    result = build(tmp_path)
    assert result.ok, result.warnings
    assert "Scores fell to 1–2." in result.html()


def test_a_misspelt_field_of_the_dataset_names_its_line_and_the_field_meant(tmp_path):
    result = build(tmp_path, SPEC.replace("before: before,", "before: bfore,"))
    stopped(
        result,
        "data/figures.yaml:4: [figure.unknown-field] figure 'scores': dataset 'scores' has no field 'bfore'"
        " (did you mean 'before'?)",
    )


def test_an_unknown_property_of_a_spec_is_refused_by_the_kits_schema(tmp_path):
    result = build(tmp_path, SPEC.replace("  caption:", "  captoin:"))
    # one message for the one mistake: not also "'caption' is a required property"
    stopped(
        result,
        "the build stopped: 1 problem in bib/ or data/\n"
        "data/figures.yaml:7: [figure.spec] scores: unknown field 'captoin' (did you mean 'caption'?)",
    )


def test_a_property_of_another_kind_is_refused(tmp_path):
    result = build(tmp_path, SPEC + "  colors: {a: '#000000'}\n")
    stopped(result, "data/figures.yaml:9: [figure.spec] scores: unknown field 'colors'")


def test_a_missing_required_property_names_the_figure(tmp_path):
    result = build(tmp_path, SPEC.replace('  alt: "Scores fell to {after_min}–{after_max}."\n', ""))
    stopped(
        result,
        "data/figures.yaml:1: [figure.spec] scores: 'alt' is a required property (add alt: What the figure shows,"
        " in words",
    )


def test_an_unknown_dataset_names_its_line(tmp_path):
    result = build(tmp_path, SPEC.replace("dataset: scores", "dataset: score"))
    stopped(
        result,
        "data/figures.yaml:3: [figure.unknown-dataset] figure 'scores': no dataset named 'score' (did you mean 'scores'?)",
    )


def test_a_yaml_error_in_the_figures_file_names_its_line(tmp_path):
    result = build(tmp_path, SPEC.replace("  title: Scores before and after", "  title: [Scores"))
    stopped(
        result,
        "data/figures.yaml:6: [figure.spec-syntax] expected ',' or ']', but got ':'"
        " (while parsing a flow sequence) (check indentation and quoting; a value with ': ' needs quotes)",
    )


def test_an_extra_source_of_a_spec_must_be_in_bib(tmp_path):
    result = build(tmp_path, SPEC + "  sources: [{key: ann2021}]\n")
    stopped(
        result,
        "data/figures.yaml:9: [figure.unknown-source] figure 'scores': source 'ann2021' is not in bib/"
        " (did you mean 'ann2020'?)",
    )


def test_an_unknown_placeholder_in_alt_text_warns_with_its_line(tmp_path):
    result = build(tmp_path, SPEC.replace("{after_max}", "{after_maximum}"))
    assert result.warnings == [
        "data/figures.yaml:8: [figure.spec] figure 'scores': unknown placeholder {after_maximum} "
        "(use {before_count}, {after_count}, {before_values}, {after_values}, {after_min}, {after_max})"
    ]
    assert "[figure scores: unknown placeholder {after_maximum}]" in result.html()


def test_an_unknown_kind_warns_once_with_its_line(tmp_path):
    result = build(tmp_path, SPEC.replace("kind: before-after", "kind: pie"))
    stopped_or_warned = [w for w in result.warnings if "[figure.unknown-kind]" in w]
    assert stopped_or_warned == [
        "data/figures.yaml:2: [figure.unknown-kind] figure 'scores': no chart kind 'pie' (use one of "
        "before-after, presence-matrix, timeline, or register it in macros/ with register_chart())"
    ], result.warnings


def test_an_unknown_figure_name_on_a_page_suggests_the_declared_one(tmp_path):
    result = build(tmp_path, page='{{ figure("score") }}\n')
    assert result.warnings == [
        "docs/index.md:1: [figure.unknown] no figure named 'score' (did you mean 'scores'?)"
    ]


def test_a_site_kind_registered_in_macros_draws_and_a_builtin_name_is_refused(tmp_path):
    macros = textwrap.dedent(
        """
        from mkdocs_explainer.charts import Chart
        from mkdocs_explainer.svg import el

        def dots(records, spec, env):
            body = [el("circle", cx=10 + 20 * i, cy=10, r=5) for i, _ in enumerate(records)]
            return Chart(100, 20, body, spec["alt"].format(n=len(records)), [(r["source"], None) for r in records])

        def define_env(env):
            env.conf.plugins["explainer"].register_chart(KIND, dots)
        """
    )
    spec = (
        SPEC.split("  fields:")[0].replace("before-after", "dots")
        + '  title: T\n  caption: C\n  alt: "{n} dots."\n'
    )
    result = build(tmp_path / "ok", spec, **{"main.py": "KIND = 'dots'\n" + macros})
    assert result.ok, result.warnings
    assert '<desc id="fig-scores-desc">2 dots.</desc>' in result.html()
    assert 'href="#ref-ann2020"' in result.html()
    refused = build(tmp_path / "refused", spec, **{"main.py": "KIND = 'timeline'\n" + macros})
    assert refused.aborted or any("'timeline' is a built-in chart kind" in m for m in refused.messages)
