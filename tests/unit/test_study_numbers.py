"""The numeric fields of data/studies.yaml agree with the text columns the studies table shows.

Prose reads numbers from the numeric fields ({{ value(...) }}); the table shows the text fields
(follow_up, outcomes, safety). Both live in one record, so a change to one must reach the other.
"""

import re

import pytest
import yaml

from mkdocs_explainer.datasets import plain
from mkdocs_explainer.values import format_value
from tools.readability import ROOT

# Each numeric field, and the text field of the same record that states the same number.
TEXT_FIELD = {
    "follow_up_days": "follow_up",
    "follow_up_median_months": "follow_up",
    "follow_up_min_months": "follow_up",
    "follow_up_max_months": "follow_up",
    "remission_count": "outcomes",
    "b_cell_return_mean_days": "outcomes",
    "b_cell_return_sd_days": "outcomes",
    "crs_grade1_count": "safety",
    "crs_grade2_count": "safety",
    "crs_grade1_percent": "safety",
}

RECORDS = yaml.safe_load((ROOT / "data" / "studies.yaml").read_text(encoding="utf-8"))
CASES = [(r["id"], f) for r in RECORDS for f in TEXT_FIELD if f in r]


def test_every_numeric_field_of_the_schema_is_checked_here():
    schema = (ROOT / "data" / "schema" / "studies.schema.json").read_text(encoding="utf-8")
    numeric = set(
        re.findall(r'"(\w+)": \{\s*"\$ref": "common.schema.json#/\$defs/sourced(?:Integer|Number)"', schema)
    )
    assert numeric - {"patients_total"} == set(TEXT_FIELD)


@pytest.mark.parametrize(("record_id", "field"), CASES)
def test_numeric_field_agrees_with_the_text_shown_in_the_table(record_id, field):
    record = next(r for r in RECORDS if r["id"] == record_id)
    number = format_value(plain(record[field]))
    text = str(plain(record[TEXT_FIELD[field]]))
    assert re.search(
        rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text
    ), f"{record_id}: {field} is {number}, but its {TEXT_FIELD[field]} reads {text!r}"
