"""The bad-input catalogue: every mistake a contributor can make in a pull request, one test each.

Each broken fixture site must fail the strict build with one compiler-style line that names the
file, the line and the fix (`path:line: [code] message (hint)`), and no Python traceback may
reach the contributor. The messages asserted here are the ones documented in CONTRIBUTING.md.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.sitebuild import BuildResult, build_fixture

BIB = """\
@article{alpha2020,
  author = {Alpha, Ann and Beta, Bo},
  title = {First trial},
  journal = {J One},
  year = {2020},
  doi = {10.1/one}
}
"""

# A two-field dataset and its schema, enough for every data mistake.
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Trials",
    "description": "Trials, one per record.",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "patients"],
        "properties": {
            "name": {"type": "string", "description": "Name of the trial.", "title": "Trial"},
            "patients": {
                "type": "integer",
                "minimum": 1,
                "description": "Number of patients.",
                "title": "Patients",
            },
            "source": {"type": "string", "description": "Bib key of the source."},
        },
    },
}
TRIALS = """\
- name: First
  patients: 5
  source: alpha2020
- name: Second
  patients: 15
  source: alpha2020
"""


def site(extra: dict | None = None) -> dict:
    """A good fixture site; `extra` replaces or adds files."""
    files = {
        "bib/refs.bib": BIB,
        "data/trials.yaml": TRIALS,
        "data/schema/trials.schema.json": json.dumps(SCHEMA, indent=2),
        "docs/index.md": '# Home\n\nA trial {{ cite("alpha2020") }}.\n\n{{ data_table("trials") }}\n',
    }
    files.update(extra or {})
    return files


def assert_fails_with(result: BuildResult, line: str) -> None:
    """The strict build failed, the exact diagnostic line is in the log, and no traceback is."""
    assert result.aborted, result.messages
    shown = [m for msg in result.messages for m in msg.splitlines()]
    assert line in shown, "\n".join(result.messages)
    assert not any("Traceback" in m for m in result.messages), "\n".join(result.messages)


def test_good_fixture_builds_without_warnings(tmp_path):
    result = build_fixture(tmp_path, files=site())
    assert result.ok, result.warnings
    assert "<table>" in result.html()


# -- references -------------------------------------------------------------------------------


def test_unknown_cite_key(tmp_path):
    result = build_fixture(
        tmp_path, files=site({"docs/index.md": '# Home\n\nA trial {{ cite("alpha2021") }}.\n'})
    )
    assert_fails_with(
        result,
        "docs/index.md:3: [cite.unknown-key] 'alpha2021' is not in bib/ " "(did you mean 'alpha2020'?)",
    )


def test_malformed_bibtex(tmp_path):
    broken = BIB + "\n@article{beta2021,\n  title = {No comma after me}\n  year = {2021}\n}\n"
    result = build_fixture(tmp_path, files=site({"bib/refs.bib": broken}))
    assert_fails_with(
        result,
        "bib/refs.bib:11: [bib.syntax] '}' expected (check for a missing comma "
        "between fields or an unbalanced brace in the entry just above)",
    )


def test_duplicate_key_across_files(tmp_path):
    other = (
        "% more references\n@article{alpha2020, author = {A, A}, title = {T}, journal = {J}, year = {2020}}\n"
    )
    result = build_fixture(tmp_path, files=site({"bib/more.bib": other}))
    assert_fails_with(
        result,
        "bib/refs.bib:1: [bib.duplicate-key] 'alpha2020' is defined twice: here and at "
        "bib/more.bib:2 (keep one entry, or give the other a different key)",
    )


def test_missing_required_field(tmp_path):
    bib = BIB + "\n@article{nojournal2021,\n  author = {Nobody, N},\n  title = {T},\n  year = {2021}\n}\n"
    result = build_fixture(
        tmp_path,
        files=site({"bib/refs.bib": bib, "docs/other.md": '# Other\n\nX {{ cite("nojournal2021") }}.\n'}),
    )
    assert_fails_with(
        result,
        "bib/refs.bib:9: [bib.missing-field] entry 'nojournal2021' lacks the field "
        "'journal' that the reference style needs (add the field to the entry)",
    )


def test_empty_bib_file(tmp_path):
    result = build_fixture(
        tmp_path, files={"bib/refs.bib": "% references go here\n", "docs/index.md": "Hi\n"}
    )
    assert_fails_with(
        result,
        "bib/: [bib.empty] no entries in bib/ (found: refs.bib), so no reference can be cited "
        "(add entries such as @article{key, ...} to bib/refs.bib)",
    )


def test_one_empty_file_beside_entries_is_named(tmp_path):
    result = build_fixture(tmp_path, files=site({"bib/more.bib": "% references go here\n"}))
    assert_fails_with(
        result,
        "bib/more.bib:1: [bib.empty] file holds no entry "
        "(add an entry such as @article{key, ...} or delete the file)",
    )


def test_no_bib_file_at_all(tmp_path):
    result = build_fixture(tmp_path, files={"docs/index.md": "Hi\n"})
    assert_fails_with(
        result,
        "bib/: [bib.empty] the folder bib/ does not exist, so no reference can be cited "
        "(create it and add your references to bib/references.bib)",
    )
    assert_fails_with(
        build_fixture(
            tmp_path / "no-files", files={"docs/index.md": "Hi\n", "bib/notes.txt": "not BibTeX\n"}
        ),
        "bib/: [bib.empty] no .bib file in bib/, so no reference can be cited "
        "(add your references to bib/references.bib)",
    )


def test_emptied_bib_gives_its_root_cause_alone(tmp_path):
    """Emptying bib/ makes every citation and every data source unknown: one message says why."""
    cites = 'Claim {{ cite("alpha2020") }}.\n\n' * 30
    files = site({"bib/refs.bib": "% moved elsewhere\n", "docs/index.md": "# Home\n\n" + cites})
    files["docs/other.md"] = '# Other\n\n{{ cite("beta2021") }}\n'
    result = build_fixture(tmp_path, files=files)
    assert result.aborted
    lines = [m for msg in result.messages for m in msg.splitlines() if "[" in m and "] " in m]
    assert lines == [
        "bib/: [bib.empty] no entries in bib/ (found: refs.bib), so no reference can be cited "
        "(add entries such as @article{key, ...} to bib/refs.bib; 2 messages that follow from it are not shown)"
    ], "\n".join(result.messages)
    # and without data/, the citations on pages are the consequences
    del files["data/trials.yaml"], files["data/schema/trials.schema.json"]
    result = build_fixture(tmp_path / "pages", files=files)
    assert result.aborted
    assert [w for w in result.warnings if "[" in w] == [
        "bib/: [bib.empty] no entries in bib/ (found: refs.bib), so no reference can be cited "
        "(add entries such as @article{key, ...} to bib/refs.bib; 31 messages that follow from it are not shown)"
    ]


def test_unknown_key_cited_on_many_pages_is_one_grouped_line(tmp_path):
    files = site()
    for n in range(3):
        files[f"docs/p{n}.md"] = (
            f'# Page {n}\n\nOne {{{{ cite("alpah2020") }}}}.\n\nTwo {{{{ cite("alpah2020") }}}}.\n'
        )
    result = build_fixture(tmp_path, files=files)
    assert result.aborted
    unknown = [w for w in result.warnings if "[cite.unknown-key]" in w]
    assert unknown == [
        "docs/p0.md:3: [cite.unknown-key] 'alpah2020' is not in bib/ (did you mean 'alpha2020'?) "
        "— cited 6 times, first here"
    ]


def test_a_long_log_is_capped(tmp_path):
    files = site()
    files["docs/index.md"] = "# Home\n\n" + "".join(f'{{{{ cite("key{n}x") }}}}\n' for n in range(70))
    result = build_fixture(tmp_path, files=files)
    unknown = [w for w in result.warnings if "[cite.unknown-key]" in w]
    assert len(unknown) == 49 and unknown[0].startswith("docs/index.md:3: [cite.unknown-key] 'key0x'")
    # 21 more unknown keys, and the note (last, being only a note) that alpha2020 is not cited
    assert (
        "… and 22 more (fix the ones above first: the later ones often follow from them)" in result.warnings
    )


# -- data -------------------------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path):
    bad = TRIALS + "- name: Third: the sequel\n  patients: 3\n"
    result = build_fixture(tmp_path, files=site({"data/trials.yaml": bad}))
    assert_fails_with(
        result,
        "data/trials.yaml:7: [data.yaml-syntax] mapping values are not allowed here "
        "(check indentation and quoting; a value with ': ' needs quotes)",
    )


def test_schema_violation(tmp_path):
    bad = TRIALS.replace("patients: 15", "patients: fifteen")
    result = build_fixture(tmp_path, files=site({"data/trials.yaml": bad}))
    assert_fails_with(
        result,
        'data/trials.yaml:5: [data.schema] 1/patients: "fifteen" is not of type '
        "'integer' (Number of patients; see data/schema/trials.schema.json)",
    )


def test_schema_unknown_field_suggests_the_right_one(tmp_path):
    bad = TRIALS.replace("  patients: 15", "  patients: 15\n  patiens: 15")
    result = build_fixture(tmp_path, files=site({"data/trials.yaml": bad}))
    assert_fails_with(
        result,
        "data/trials.yaml:6: [data.schema] 1: unknown field(s) not allowed "
        "('patiens' was unexpected) (did you mean 'patients'?)",
    )


def test_unknown_dataset(tmp_path):
    result = build_fixture(tmp_path, files=site({"docs/index.md": '# Home\n\n{{ data_table("trails") }}\n'}))
    assert_fails_with(
        result,
        "docs/index.md:3: [data.unknown-dataset] no dataset named 'trails' " "(did you mean 'trials'?)",
    )


def test_unknown_column(tmp_path):
    page = '# Home\n\n{{ data_table("trials", columns=["name", "patient"]) }}\n'
    result = build_fixture(tmp_path, files=site({"docs/index.md": page}))
    assert_fails_with(
        result,
        "docs/index.md:3: [data.unknown-column] dataset 'trials' has no column 'patient' "
        "(did you mean 'patients'?)",
    )


def test_data_citing_an_unknown_key(tmp_path):
    bad = TRIALS.replace("  source: alpha2020\n- name: Second", "  source: alpha2021\n- name: Second")
    result = build_fixture(tmp_path, files=site({"data/trials.yaml": bad}))
    assert_fails_with(
        result,
        "data/trials.yaml:3: [data.unknown-source] source 'alpha2021' is not in bib/ "
        "(did you mean 'alpha2020'?)",
    )


def test_schema_that_is_not_valid_json(tmp_path):
    broken = json.dumps(SCHEMA, indent=2) + "\n}\n"
    result = build_fixture(tmp_path, files=site({"data/schema/trials.schema.json": broken}))
    line = broken.count("\n")  # the stray brace
    assert_fails_with(
        result,
        f"data/schema/trials.schema.json:{line}: [data.schema-syntax] not valid JSON: Extra data "
        "(check for a missing or extra comma or brace near that line; JSON allows no comments)",
    )


# -- figures ----------------------------------------------------------------------------------


def test_unknown_figure(tmp_path):
    page = '# Home\n\nSee the chart.\n\n{{ figure("lineage") }}\n'
    result = build_fixture(tmp_path, files=site({"docs/index.md": page}))
    assert_fails_with(
        result,
        "docs/index.md:5: [figure.unknown] no figure named 'lineage' (known: none; declare figures in data/figures.yaml)",
    )
    assert "unknown figure lineage" in result.html()


def test_figure_without_its_data(tmp_path):
    spec = (
        "car_t_timeline:\n  kind: timeline\n  dataset: steps\n  fields: {name: step}\n"
        '  title: Steps\n  caption: The steps\n  alt: "{count} steps."\n'
    )
    page = '# Home\n\nA trial {{ cite("alpha2020") }}.\n\n{{ figure("car_t_timeline") }}\n'
    result = build_fixture(tmp_path, files=site({"docs/index.md": page, "data/figures.yaml": spec}))
    assert_fails_with(
        result,
        "data/figures.yaml:3: [figure.unknown-dataset] figure 'car_t_timeline': no dataset named 'steps'"
        " (known: trials)",
    )


# -- site set-up ------------------------------------------------------------------------------


def test_explainer_without_the_macros_plugin(tmp_path):
    config = "site_name: Fixture\ntheme:\n  name: material\nplugins:\n  - explainer\n"
    result = build_fixture(tmp_path, files=site({"mkdocs.yml": config}))
    assert_fails_with(
        result,
        "mkdocs.yml: [config.macros] the explainer plugin needs the macros plugin "
        "(list '- macros' after '- explainer' under plugins:)",
    )


# -- pages ------------------------------------------------------------------------------------


def test_broken_internal_link(tmp_path):
    page = "# Home\n\nRead [the safety page](safty.md).\n"
    result = build_fixture(tmp_path, files=site({"docs/index.md": page, "docs/safety.md": "# Safety\n"}))
    assert_fails_with(
        result,
        "docs/index.md:3: [link.broken] link 'safty.md': docs/safty.md does not exist "
        "(link to the .md file, with a path relative to this page, e.g. ../safety.md)",
    )


def test_broken_anchor(tmp_path):
    page = "# Home\n\nSee [grade 3](safety.md#grade-3).\n"
    result = build_fixture(
        tmp_path, files=site({"docs/index.md": page, "docs/safety.md": "# Safety\n\n## Grade 2\n"})
    )
    assert_fails_with(
        result,
        "docs/index.md:3: [link.anchor] link 'safety.md#grade-3': docs/safety.md has no "
        "heading or id 'grade-3' (a heading's id is its text in lower case with hyphens "
        "for spaces; or add {#an-id} after a heading)",
    )


def test_missing_image(tmp_path):
    page = "# Home\n\nText.\n\n![A diagram](assets/diagram.png)\n"
    result = build_fixture(tmp_path, files=site({"docs/index.md": page}))
    assert_fails_with(
        result,
        "docs/index.md:5: [image.missing] link 'assets/diagram.png': "
        "docs/assets/diagram.png does not exist "
        "(put the image in docs/assets/ and write its path relative to this page)",
    )


def test_jinja_syntax_error_in_a_page(tmp_path):
    page = '---\ntitle: Home\n---\n\n# Home\n\nA trial {{ cite("alpha2020" }}.\n'
    result = build_fixture(tmp_path, files=site({"docs/index.md": page}))
    assert_fails_with(
        result,
        "docs/index.md:7: [page.template-syntax] macro syntax error: unexpected '}', "
        "expected ')' (close every '{{' with '}}' and every '{%' with '%}'; to show macro "
        "syntax literally, wrap it in {% raw %}...{% endraw %} or set 'render_macros: false' "
        "in the front matter)",
    )


TRIALS_PAGE = '# Trials\n\nA trial {{ cite("alpha2020") }}.\n\n{{ data_table("trials") }}\n'


@pytest.mark.parametrize(
    "page",
    [
        # the documented way: {% raw %} around the example
        '# Home\n\n{% raw %}\n```markdown\nCAR-T {{ cite("mackensen2022") }}.\n```\n{% endraw %}\n',
        # or a page that shows macros and uses none
        '---\nrender_macros: false\n---\n\n# Home\n\n```markdown\nCAR-T {{ cite("mackensen2022") }}.\n```\n',
    ],
)
def test_macro_syntax_shown_in_a_code_block(tmp_path, page):
    result = build_fixture(tmp_path, files=site({"docs/index.md": page, "docs/trials.md": TRIALS_PAGE}))
    assert result.ok, result.warnings
    code = re.search(r"<pre.*?</pre>", result.html(), re.S).group(0)
    assert html.unescape(re.sub(r"<[^>]+>", "", code)).strip() == 'CAR-T {{ cite("mackensen2022") }}.'
    assert 'class="citation"' not in result.html()


def test_macro_syntax_in_a_code_block_without_raw_is_rendered_or_reported(tmp_path):
    """Without {% raw %}, a code block is not protected: the call runs. Documented in CONTRIBUTING.md."""
    page = '# Home\n\n```markdown\nCAR-T {{ cite("mackensen2022") }}.\n```\n'
    result = build_fixture(tmp_path, files=site({"docs/index.md": page}))
    assert_fails_with(
        result,
        "docs/index.md:4: [cite.unknown-key] 'mackensen2022' is not in bib/ "
        "(add the entry to a .bib file in bib/)",
    )


def test_html_in_bib_fields_is_escaped_not_executed(tmp_path):
    evil = BIB.replace("{First trial}", '{<script>alert("bib")</script> First}')
    result = build_fixture(tmp_path, files=site({"bib/refs.bib": evil}))
    assert result.ok, result.warnings
    page = result.html()
    assert '<script>alert("bib")' not in page and "&lt;script&gt;" in page


def test_html_in_data_fields_is_escaped_not_executed(tmp_path):
    evil = TRIALS.replace("name: First", "name: <img src=x onerror=alert(1)>")
    result = build_fixture(tmp_path, files=site({"data/trials.yaml": evil}))
    assert result.ok, result.warnings
    page = result.html()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    csv = (result.site_dir / "data" / "trials.csv").read_text(encoding="utf-8")
    assert "<img src=x onerror=alert(1)>" in csv  # the download keeps the value as written


# -- encodings --------------------------------------------------------------------------------


def test_page_that_is_not_utf8(tmp_path):
    page = "# Caf\xe9\n\nLine two.\n".encode("latin-1")
    result = build_fixture(tmp_path, files=site({"docs/cafe.md": page}))
    assert_fails_with(
        result, "docs/cafe.md:1: [file.encoding] byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"
    )


def test_bib_that_is_not_utf8(tmp_path):
    bib = BIB.replace("Beta, Bo", "M\xfcller, F").encode("latin-1")
    result = build_fixture(tmp_path, files=site({"bib/refs.bib": bib}))
    assert_fails_with(
        result, "bib/refs.bib:2: [file.encoding] byte 0xfc is not valid UTF-8 (save the file as UTF-8)"
    )


def test_data_that_is_not_utf8(tmp_path):
    data = TRIALS.replace("Second", "Z\xfcrich").encode("latin-1")
    result = build_fixture(tmp_path, files=site({"data/trials.yaml": data}))
    assert_fails_with(
        result, "data/trials.yaml:4: [file.encoding] byte 0xfc is not valid UTF-8 " "(save the file as UTF-8)"
    )
