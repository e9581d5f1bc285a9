"""report.group() and report.capped(): what the contributor reads, from what the build found."""

from __future__ import annotations

from mkdocs_explainer.diagnostics import INFO, WARNING, Diagnostic
from mkdocs_explainer.report import capped, group, more


def unknown(path: str, line: int, key: str) -> Diagnostic:
    return Diagnostic(
        "cite.unknown-key", f"'{key}' is not in bib/", path, line, "add it", WARNING, subject=key
    )


def test_repeats_are_one_line_at_the_first_place_with_their_count():
    found = [unknown("docs/a.md", 3, "foo"), unknown("docs/b.md", 9, "bar"), unknown("docs/b.md", 12, "foo")]
    assert [d.format() for d in group(found)] == [
        "docs/a.md:3: [cite.unknown-key] 'foo' is not in bib/ (add it) — cited 2 times, first here",
        "docs/b.md:9: [cite.unknown-key] 'bar' is not in bib/ (add it)",
    ]


def test_a_root_cause_hides_its_consequences_and_comes_first():
    note = Diagnostic("bib.unused", "'x' is not cited", "bib/a.bib", 1, None, INFO)
    root = Diagnostic(
        "bib.empty",
        "no entries in bib/",
        "bib/",
        None,
        "add some",
        WARNING,
        consequences=("cite.unknown-key",),
    )
    found = [note, unknown("docs/a.md", 3, "foo"), root, unknown("docs/a.md", 4, "bar")]
    assert [d.format() for d in group(found)] == [
        "bib/: [bib.empty] no entries in bib/ (add some; 2 messages that follow from it are not shown)",
        "bib/a.bib:1: [bib.unused] 'x' is not cited",
    ]


def test_errors_then_warnings_then_notes():
    note = Diagnostic("bib.unused", "n", "bib/a.bib", 1, None, INFO)
    error = Diagnostic("data.schema", "e", "data/x.yaml", 2)
    assert group([note, unknown("docs/a.md", 3, "foo"), error]) == [
        error,
        unknown("docs/a.md", 3, "foo"),
        note,
    ]


def test_capped_keeps_the_first_and_counts_the_rest():
    found = [unknown("docs/a.md", n, f"k{n}") for n in range(1, 8)]
    shown, hidden = capped(found, limit=5)
    assert shown == found[:4] and hidden == found[4:]
    assert more(hidden) == "… and 3 more (fix the ones above first: the later ones often follow from them)"
    assert capped(found, limit=7) == (found, [])
