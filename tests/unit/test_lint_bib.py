"""The bib linter (`python -m mkdocs_explainer lint-bib`), on small folders and on the project's bib/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs_explainer import lint_bib

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
% A comment is fine.
@article{alpha2020,
  author = {Alpha, Ann},
  title = {First},
  journal = {J One},
  year = {2020},
  doi = {10.1/one}
}
@misc{who2023fact, organization = {WHO}, title = {Fact sheet}, year = {2023}, url = {https://who.int/x}}
"""


def lint(tmp_path: Path, text: str = GOOD, **more: str) -> list[str]:
    (tmp_path / "bib").mkdir(exist_ok=True)
    (tmp_path / "bib" / "refs.bib").write_text(text, encoding="utf-8")
    for name, other in more.items():
        (tmp_path / "bib" / name).write_text(other, encoding="utf-8")
    return [d.format() for d in lint_bib.lint(tmp_path / "bib", tmp_path)]


def test_good_bib_has_no_problem(tmp_path):
    assert lint(tmp_path) == []


def test_the_project_bib_passes(capsys):
    assert lint_bib.main([str(ROOT / "bib")]) == 0, capsys.readouterr().out


def test_command_line_and_the_tools_wrapper(tmp_path):
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(GOOD.replace("  doi = {10.1/one}\n", ""), encoding="utf-8")
    for command in (
        [sys.executable, "-m", "mkdocs_explainer", "lint-bib", "bib"],
        [sys.executable, str(ROOT / "tools" / "bib_lint.py")],
    ):
        run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 1, run.stderr
        assert run.stdout.startswith(
            "bib/refs.bib:2: [bib.missing-doi] @article 'alpha2020' has no doi"
        ), run.stdout


def test_article_without_authors_passes_as_the_style_allows(tmp_path):
    """The old linter required an article author; the style lists such an article by its title."""
    assert lint(tmp_path, GOOD.replace("  author = {Alpha, Ann},\n", "")) == []


def test_edited_book_passes_and_a_book_with_neither_is_the_builds_message(tmp_path):
    book = "@book{tsokos2020, editor = {Tsokos, G}, title = {SLE}, year = {2020}, url = {https://x.org}}\n"
    assert lint(tmp_path, GOOD + book) == []
    assert lint(tmp_path, GOOD + book.replace("editor = {Tsokos, G}, ", "")) == [
        "bib/refs.bib:10: [bib.missing-field] entry 'tsokos2020' lacks the field 'author' or 'editor' "
        "that the reference style needs (add the field to the entry)"
    ]


def test_missing_required_field_is_the_builds_own_message(tmp_path):
    assert lint(tmp_path, GOOD.replace("  journal = {J One},\n", "")) == [
        "bib/refs.bib:2: [bib.missing-field] entry 'alpha2020' lacks the field 'journal' that the reference "
        "style needs (add the field to the entry)"
    ]


def test_duplicate_key_differing_in_case_across_files(tmp_path):
    other = "\n\n@article{Alpha2020, author = {A}, title = {T}, journal = {J}, year = {2020}, doi = {1}}\n"
    assert lint(tmp_path, GOOD, **{"z.bib": other}) == [
        "bib/z.bib:3: [bib.duplicate-key] 'Alpha2020' is defined twice: here and at bib/refs.bib:2 "
        "(keep one entry, or give the other a different key)"
    ]


def test_missing_doi_and_the_documented_exemption(tmp_path):
    no_doi = GOOD.replace("  doi = {10.1/one}\n", "")
    assert lint(tmp_path, no_doi) == [
        "bib/refs.bib:2: [bib.missing-doi] @article 'alpha2020' has no doi (add doi = {10.xxxx/...} from the "
        "journal page or search.crossref.org; if it has none, write '% no-doi: <why>' on the line above the entry)"
    ]
    excused = no_doi.replace("% A comment is fine.\n", "% no-doi: a 2002 letter, none was assigned\n")
    assert lint(tmp_path, excused) == []


def test_web_source_needs_doi_or_url(tmp_path):
    assert lint(tmp_path, GOOD.replace(", url = {https://who.int/x}", "")) == [
        "bib/refs.bib:9: [bib.missing-doi] @misc 'who2023fact' has neither doi nor url "
        "(add doi = {...} or url = {...} so readers can find the source)"
    ]


def test_doi_written_as_link(tmp_path):
    assert lint(tmp_path, GOOD.replace("{10.1/one}", "{https://doi.org/10.1/one}")) == [
        "bib/refs.bib:2: [bib.doi-format] doi of 'alpha2020' is written as a link (write the bare DOI: doi = {10.1/one})"
    ]


def test_syntax_error_and_empty_folder(tmp_path):
    assert lint(tmp_path, "@article{x2020,\n  title = {T}\n  year = {2020}\n}\n")[0].startswith(
        "bib/refs.bib:3: [bib.syntax] '}' expected"
    )
    assert lint(tmp_path, "% nothing yet\n") == [
        "bib/: [bib.empty] no entries in bib/ (found: refs.bib), so no reference can be cited "
        "(add entries such as @article{key, ...} to bib/refs.bib)"
    ]


def test_unrenderable_tex_is_the_builds_message(tmp_path):
    assert lint(tmp_path, GOOD.replace("title = {First}", r"title = {First $\sqrt{2}$}")) == [
        "bib/refs.bib:2: [bib.unrenderable-tex] entry 'alpha2020' has TeX the reference style cannot render: "
        "'\\sqrt' (write it in Unicode (CD4⁺, ≥ 6), or in the TeX the kit reads: "
        "$^{+}$, $_{2}$, $\\alpha$, $\\geq$, $\\leq$, $\\pm$, $\\times$)"
    ]


def test_key_style_is_a_note_that_does_not_fail(tmp_path, capsys):
    lint(tmp_path, GOOD.replace("who2023fact", "WHOfacts"))
    assert lint_bib.main([str(tmp_path / "bib")]) == 0
    assert capsys.readouterr().out == (
        f"{(tmp_path / 'bib' / 'refs.bib').as_posix()}:9: [bib.key-style] note: key 'WHOfacts' does not follow "
        "firstauthorYYYY[word] (e.g. smith2020 or lee2021food; existing keys may stay)\n"
    )
    assert lint_bib.main([str(tmp_path / "bib"), "--strict-keys"]) == 1


def test_not_utf8(tmp_path):
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "x.bib").write_bytes(GOOD.replace("Alpha, Ann", "M\xfcller, A").encode("latin-1"))
    assert [d.code for d in lint_bib.lint(tmp_path / "bib", tmp_path)] == ["file.encoding"]
