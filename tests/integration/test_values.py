"""`{{ value(...) }}`: numbers in prose come from data, with their sources, and cannot drift."""

import re

import pytest

from tests.integration.test_data import files
from tests.sitebuild import build_fixture


def page(body: str) -> dict:
    return files(**{"docs/index.md": body})


def test_a_value_reads_as_the_table_prints_it_and_cites_its_own_source(tmp_path):
    body = (
        'The alpha trial treated {{ value("trials", "Alpha trial", "patients") }} people.\n\n'
        'Its phase was {{ value("trials", "Alpha trial", "phase") }}.\n\n'
        '{{ data_table("trials", columns=["name", "patients", "phase"]) }}\n'
    )
    result = build_fixture(tmp_path, files=page(body))
    assert result.ok, result.warnings
    html = result.html()
    prose = re.search(r"<p>The alpha trial treated (.*?) people\.</p>", html).group(1)
    # 12, then a citation of the record's source (alpha2020, Table 1), numbered in this page's order
    assert prose.startswith("12 <")
    assert 'href="#ref-alpha2020"' in prose and ">1</a>" in prose
    phase = re.search(r"<p>Its phase was (.*?)\.</p>", html).group(1)
    assert phase.startswith("1 <") and 'href="#ref-beta2021"' in phase and ">2</a>" in phase
    assert '<td class="num">12</td>' in html


def test_words_and_no_citation_on_request(tmp_path):
    body = (
        'Twelve is {{ value("trials", "Alpha trial", "patients", cite=False) }}; '
        'phase {{ value("trials", "Alpha trial", "phase", words=True, cite=False) }}.\n'
    )
    result = build_fixture(tmp_path, files=page(body))
    assert result.ok, result.warnings
    assert "<p>Twelve is 12; phase 1.</p>" in result.html()  # "1" is text in data, not a number

    body = 'We counted {{ value("counts", "a", "n", words=True) }}.\n'
    extra = files(
        **{
            "docs/index.md": body,
            "data/counts.yaml": "- id: a\n  n: 5\n  source: alpha2020\n",
            "data/schema/counts.schema.json": (
                '{"type": "array", "items": {"type": "object", "properties": {'
                '"id": {"type": "string", "description": "ID."}, "n": {"type": "integer", "description": "N."},'
                '"source": {"type": "string", "description": "Source."}}}}'
            ),
        }
    )
    result = build_fixture(tmp_path / "words", files=extra)
    assert result.ok, result.warnings
    assert re.search(r"<p>We counted five <", result.html())


def test_changing_one_value_in_data_changes_the_prose_and_the_table_together(tmp_path):
    body = (
        'It enrolled {{ value("trials", "Alpha trial", "patients", cite=False) }} people.\n\n'
        '{{ data_table("trials", columns=["name", "patients"]) }}\n'
    )
    first = build_fixture(tmp_path / "a", files=page(body))
    changed = page(body)
    changed["data/trials.yaml"] = changed["data/trials.yaml"].replace("patients: 12", "patients: 14")
    second = build_fixture(tmp_path / "b", files=changed)
    assert first.ok and second.ok, (first.warnings, second.warnings)
    for result, n in ((first, "12"), (second, "14")):
        html = result.html()
        assert f"<p>It enrolled {n} people.</p>" in html
        assert f'<td class="num">{n}</td>' in html


@pytest.mark.parametrize(
    "call, expected",
    [
        (
            '{{ value("trail", "Alpha trial", "patients") }}',
            "docs/index.md:3: [data.unknown-dataset] no dataset named 'trail' (did you mean 'trials'?)",
        ),
        (
            '{{ value("trials", "Alpha trail", "patients") }}',
            "docs/index.md:3: [value.unknown-record] dataset 'trials' (data/trials.yaml) has no record "
            "whose name is 'Alpha trail' (did you mean 'Alpha trial'?)",
        ),
        (
            '{{ value("trials", "Alpha trial", "patient") }}',
            "docs/index.md:3: [value.unknown-field] dataset 'trials' has no field 'patient' "
            "(did you mean 'patients'?)",
        ),
        (
            '{{ value("trials", "Beta <b>trial</b>", "patients") }}',
            "docs/index.md:3: [value.missing] 'patients' of 'Beta <b>trial</b>' is not known in "
            "data/trials.yaml:8 (not reported in the abstract) (fill it in the data with its source, "
            "or write the sentence without the number)",
        ),
    ],
)
def test_a_wrong_value_call_names_the_line_and_the_fix(tmp_path, call, expected):
    result = build_fixture(tmp_path, files=page(f"# Home\n\nIt had {call} people.\n"), strict=False)
    assert expected in result.warnings, result.warnings
    assert 'class="build-error"' in result.html()


def test_one_value_edited_in_data_moves_prose_table_and_figure_together_on_the_second_site(tmp_path):
    """The coffee fixture: sample B's caffeine after decaffeination, in prose, a table and a chart."""
    from tests.sitebuild import build_site, make_fixture

    project = make_fixture(tmp_path, "coffee")
    page = project / "docs" / "brewing" / "index.md"  # it already draws figure("decaf")
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\nSample B kept {{ value("decaf", "B", "after_mg") }} mg per g.\n\n{{ data_table("decaf") }}\n',
        encoding="utf-8",
    )
    data = project / "data" / "decaf.yaml"
    seen, svgs = [], []
    for n, after in enumerate(("0.3", "0.7")):
        data.write_text(
            data.read_text().replace(f"after_mg: {seen[-1] if seen else '0.3'}", f"after_mg: {after}")
        )
        seen.append(after)
        result = build_site(project, tmp_path / f"site{n}")
        assert result.ok, result.warnings
        html = result.html("brewing/index.html")
        assert re.search(rf"<p>Sample B kept {after} <", html), after
        assert f'<td class="num">{after}</td>' in html
        svgs.append((tmp_path / f"site{n}" / "figures" / "decaf.svg").read_text())
    # the chart drew sample B at 0.3 (its only 0.3), and after the edit no 0.3 is left in it
    assert svgs[0].count("0.3") == 1 and "0.3" not in svgs[1]
    assert svgs[1].count("0.7") == svgs[0].count("0.7") + 1
