"""typed_numbers.check: hand-typed numbers that equal a value of a record tied to the page."""

from mkdocs_explainer.datasets import Dataset
from mkdocs_explainer.typed_numbers import check

SCHEMA = {"items": {"properties": {"id": {}, "patients": {}, "year": {}, "page": {}, "source": {}}}}


def trials(**extra):
    records = [
        {"id": "alpha", "patients": 12, "year": 2020, "page": "alpha.md", "source": "a2020"},
        {"id": "beta", "patients": {"value": 7, "source": "b2021"}, "year": 2021, "source": "b2021"},
    ]
    return {"trials": Dataset("trials", "data/trials.yaml", records, SCHEMA)}


def test_a_number_of_the_page_s_own_record_is_listed_with_its_line_and_the_call():
    text = "---\ntitle: Alpha\n---\n\n# Alpha\n\nIn 2020 the trial treated 12 people.\n"
    (d,) = check("docs/alpha.md", text, trials(), "alpha.md")
    assert d.format() == (
        "docs/alpha.md:7: [value.typed] 12 is typed by hand; data has it as trials › alpha › patients "
        '(if it is that value, write {{ value("trials", "alpha", "patients") }})'
    )
    assert d.severity == "info"


def test_records_named_by_value_calls_are_tied_and_macro_text_code_and_links_are_not_prose():
    text = (
        'Beta had {{ value("trials", "beta", "patients") }} people, that is 7.\n'
        '`7` in code, [a link](page-7.md), {#id-7} and <span data-n="7"> are not prose.\n'
        "```\n7\n```\n"
    )
    found = check("docs/x.md", text, trials(), "x.md")
    assert [(d.line, d.message.split(" ")[0]) for d in found] == [(1, "7")]


def test_a_page_tied_to_no_record_and_years_are_never_listed():
    assert check("docs/x.md", "We saw 12 people and 7 more.\n", trials(), "x.md") == []
    assert check("docs/alpha.md", "It started in 2020.\n", trials(), "alpha.md") == []


def test_labels_list_markers_powers_of_ten_and_other_units_are_not_counts():
    data = trials()
    data["trials"].records[0]["follow_up_months"] = 7
    data["trials"].schema["items"]["properties"]["follow_up_months"] = {}
    text = (
        "1. Grade 12 was rare; week 12 too.\n"
        "12 × 10 cells, a 12-year-old, 12 mg, 12 days.\n"
        "It treated 12 people, followed for 7 months, and 7 people more.\n"
    )
    found = check("docs/alpha.md", text, data, "alpha.md")
    assert [(d.line, d.message.split(";")[1].strip()) for d in found] == [
        (3, "data has it as trials › alpha › patients"),
        (3, "data has it as trials › alpha › follow_up_months"),
    ]
