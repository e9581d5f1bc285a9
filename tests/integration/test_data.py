"""Datasets: tables, downloads, figures and validation messages, on small fixture sites."""

import csv
import io
import json
import re
import shutil
from pathlib import Path

from tests.sitebuild import ROOT, build_fixture

BIB = r"""@article{alpha2020, author = {Alpha, Ann}, title = {First}, journal = {J}, year = {2020}}
@article{beta2021, author = {Beta, Bo}, title = {Second}, journal = {J}, year = {2021}}
"""

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Trials",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "source"],
        "properties": {
            "name": {"type": "string", "title": "Trial", "description": "Name of the trial."},
            "patients": {
                "$ref": "common.schema.json#/$defs/sourcedInteger",
                "title": "Patients",
                "description": "Number of patients.",
            },
            "phase": {"$ref": "common.schema.json#/$defs/sourcedString", "description": "Phase."},
            "source": {"$ref": "common.schema.json#/$defs/bibKey", "description": "Bib key."},
            "locator": {"$ref": "common.schema.json#/$defs/locator", "description": "Locator."},
        },
    },
}

TRIALS = """\
- name: Alpha trial
  source: alpha2020
  locator: Table 1
  patients: 12
  phase: {value: "1", source: beta2021, locator: Methods}
- name: Beta <b>trial</b>
  source: beta2021
  patients: {missing: "not reported in the abstract"}
  phase: "2"
"""


def files(**extra):
    common = (ROOT / "data" / "schema" / "common.schema.json").read_text()
    out = {
        "bib/refs.bib": BIB,
        "data/schema/common.schema.json": common,
        "data/schema/trials.schema.json": json.dumps(SCHEMA),
        "data/trials.yaml": TRIALS,
        "docs/index.md": 'Text {{ cite("beta2021") }}.\n\n{{ data_table("trials", columns=["name", "patients", "phase"]) }}\n',
    }
    out.update(extra)
    return out


def test_table_is_accessible_numbered_sourced_and_escaped(tmp_path):
    result = build_fixture(tmp_path, files=files())
    assert result.ok, result.warnings
    html = result.html()
    table = re.search(r'<figure class="data-table" id="table-trials">.*?</figure>', html, re.S).group(0)
    assert (
        '<caption id="table-trials-caption"><span class="table-number">Table 1.</span> Trials</caption>'
        in table
    )
    assert (
        '<th scope="col">Trial</th><th scope="col">Patients</th><th scope="col">Phase</th><th scope="col">Source</th>'
        in table
    )
    assert '<th scope="row">Alpha trial</th>' in table
    assert '<td class="num">12</td>' in table  # numbers are right-aligned
    assert "Beta &lt;b&gt;trial&lt;/b&gt;" in table and "<b>trial</b>" not in table
    # a missing value is "—" with its reason, never a blank cell
    assert '<span class="missing" title="not reported in the abstract">—</span>' in table
    assert 'id="table-trials-note-a"' in table and "not reported in the abstract" in table
    # sources join the page's numbered list with the text's numbers: beta2021 was cited first in the text
    assert re.findall(r'<li id="ref-([\w-]+)" value="(\d+)"', html) == [("beta2021", "1"), ("alpha2020", "2")]
    assert 'href="#ref-alpha2020"' in table and ">2</a>, Table 1]" in table
    assert ">1</a>, Methods]" in table  # a value's own source and locator
    assert "<td></td>" not in table


def test_where_sort_and_caption(tmp_path):
    result = build_fixture(
        tmp_path,
        files=files(
            **{
                "docs/index.md": '{{ data_table("trials", columns=["name"], where={"phase": "2"}, caption="Phase 2 only") }}\n'
                '{{ data_table("trials", columns=["name"], sort="-name", id="sorted") }}\n',
            }
        ),
    )
    assert result.ok, result.warnings
    html = result.html()
    first = re.search(r'id="table-trials">.*?</figure>', html, re.S).group(0)
    assert "Phase 2 only" in first and "Alpha trial" not in first
    second = re.search(r'id="sorted">.*?</figure>', html, re.S).group(0)
    assert "Table 2." in second
    assert second.index("Beta") < second.index("Alpha")


def test_every_dataset_is_published_as_csv_and_json_and_linked(tmp_path):
    result = build_fixture(tmp_path, files=files())
    html = result.html()
    assert (
        '<a href="data/trials.csv" download>CSV</a>' in html
        and '<a href="data/trials.json" download>JSON</a>' in html
    )
    rows = list(csv.DictReader(io.StringIO((result.site_dir / "data" / "trials.csv").read_text())))
    assert (
        rows[0]["name"] == "Alpha trial"
        and rows[0]["patients"] == "12"
        and rows[0]["phase_source"] == "beta2021"
    )
    assert rows[1]["patients"] == "" and rows[1]["patients_missing_reason"] == "not reported in the abstract"
    doc = json.loads((result.site_dir / "data" / "trials.json").read_text())
    assert doc["records"][0]["phase"] == {"value": "1", "source": "beta2021", "locator": "Methods"}
    assert doc["fields"]["patients"] == "Number of patients."


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    broken = TRIALS + "- name: Gamma\n  source: alpha2020\n  phase: [unclosed\n"
    result = build_fixture(tmp_path, files=files(**{"data/trials.yaml": broken}))
    assert result.aborted
    unclosed = broken.splitlines().index("  phase: [unclosed") + 1
    shown = [line for m in result.messages for line in m.splitlines()]
    assert (
        f"data/trials.yaml:{unclosed}: [data.yaml-syntax] expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence) (check indentation and quoting; a value with ': ' needs quotes)"
    ) in shown, shown


def test_schema_violation_names_file_line_and_data_path(tmp_path):
    bad = TRIALS.replace("patients: 12", 'patients: "twelve"').replace(
        '  phase: "2"\n', '  phase: "2"\n  phse: 3\n'
    )
    result = build_fixture(tmp_path, files=files(**{"data/trials.yaml": bad}))
    assert result.aborted
    text = "\n".join(result.messages)
    assert "data/trials.yaml:4: [data.schema] 0/patients:" in text
    assert (
        "data/trials.yaml:10: [data.schema] 1: unknown field(s) not allowed ('phse' was unexpected) (did you mean 'phase'?)"
        in text
    )
    assert "Traceback" not in text


def test_data_citing_an_unknown_key(tmp_path):
    result = build_fixture(
        tmp_path,
        files=files(**{"data/trials.yaml": TRIALS.replace("source: alpha2020", "source: alpha2002")}),
    )
    assert result.aborted
    assert any(
        "data/trials.yaml:2: [data.unknown-source] source 'alpha2002' is not in bib/ (did you mean 'alpha2020'?)"
        in m
        for m in result.messages
    )


def test_unknown_dataset_and_column_name_the_page_line(tmp_path):
    result = build_fixture(
        tmp_path,
        files=files(
            **{
                "docs/index.md": '# T\n\n{{ data_table("trial") }}\n\n{{ data_table("trials", columns=["name", "phsae"]) }}\n'
            }
        ),
    )
    assert result.aborted
    assert (
        "docs/index.md:3: [data.unknown-dataset] no dataset named 'trial' (did you mean 'trials'?)"
        in result.warnings
    )
    assert (
        "docs/index.md:5: [data.unknown-column] dataset 'trials' has no column 'phsae' (did you mean 'phase'?)"
        in result.warnings
    )


def test_dataset_without_schema_is_refused(tmp_path):
    result = build_fixture(tmp_path, files=files(**{"data/extra.yaml": "- a: 1\n"}))
    assert result.aborted
    assert any(
        "data/extra.yaml: [data.no-schema] dataset 'extra' has no schema (add data/schema/extra.schema.json)"
        in m
        for m in result.messages
    )


def test_real_data_files_validate_and_every_schema_property_is_described():
    from mkdocs_explainer.bibliography import load_bibliography
    from mkdocs_explainer.datasets import load_datasets

    bib, _ = load_bibliography(ROOT / "bib", ROOT)
    datasets = load_datasets(ROOT / "data", ROOT, set(bib.entries))
    assert {"studies", "mackensen2022_patients", "products", "steps", "glossary", "b_cell_lineage"} <= set(
        datasets
    )
    for path in (ROOT / "data" / "schema").glob("*.schema.json"):
        schema = json.loads(path.read_text())
        for name, prop in schema.get("items", {}).get("properties", {}).items():
            assert prop.get("description"), f"{path.name}: property '{name}' has no description"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = {Path(p).name for p in settings["yaml.schemas"]}
    assert {f"{n}.schema.json" for n in datasets} <= mapped


def test_figures_are_deterministic_and_accessible(tmp_path):
    def build(where):
        return build_fixture(
            where,
            files={
                "docs/index.md": '{{ figure("sledai_mackensen2022") }}\n\n{{ figure("car_t_timeline") }}\n\n{{ figure("b_cell_lineage") }}\n',
                **{f"data/{p.name}": p.read_text() for p in (ROOT / "data").glob("*.yaml")},
                **{f"data/schema/{p.name}": p.read_text() for p in (ROOT / "data" / "schema").glob("*.json")},
                **{f"bib/{p.name}": p.read_text() for p in (ROOT / "bib").glob("*.bib")},
            },
        )

    one, two = build(tmp_path / "one"), build(tmp_path / "two")
    assert one.ok, one.warnings
    for name in ("sledai_mackensen2022", "car_t_timeline", "b_cell_lineage"):
        a = (one.site_dir / "figures" / f"{name}.svg").read_bytes()
        b = (two.site_dir / "figures" / f"{name}.svg").read_bytes()
        assert a == b, name
        svg = a.decode()
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg and "Source:" in svg
    html = one.html()
    assert html.count('<figure class="data-figure"') == 3
    assert "Figure 3." in html and 'id="figure-b-cell-lineage"' in html
    desc = re.search(r'<desc id="fig-sledai-desc">(.*?)</desc>', html).group(1)
    assert "patient 1 16" in desc and "per-patient values were not reported" in desc
    shutil.rmtree(tmp_path / "two")
