"""fast_style must format every entry exactly as the pybtex templates of styles.py do.

Compared on every entry of bib/, on the benchmark's generated bib and on generated entries whose
fields are missing, empty, braced, nested, punctuated, escaped or in TeX, of every entry type.
"""

import importlib.util
import random
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, Entry, Person
from pybtex.style.template import FieldIsMissing

from mkdocs_explainer import fast_style, styles
from mkdocs_explainer.bibliography import load_bibliography

ROOT = Path(__file__).resolve().parents[2]


def outcome(format_entry, entry):
    try:
        return format_entry(entry)
    except FieldIsMissing as exc:
        return ("missing", exc.field_name)


def assert_same(entries):
    """Every entry the fast path formats comes out as the templates give it; returns how many it took."""
    taken = 0
    for entry in entries:
        fast = outcome(fast_style.format_entry, entry)
        if fast is None:
            continue
        taken += 1
        assert fast == outcome(styles.format_entry, entry), BibliographyData({entry.key: entry}).to_string(
            "bibtex"
        )
    return taken


def test_every_entry_of_bib_is_formatted_as_the_templates_do():
    bib, _ = load_bibliography(ROOT / "bib", ROOT)
    entries = [bib.entries[key] for key in bib.keys()]
    assert len(entries) > 50
    assert assert_same(entries) == len(entries)


def test_the_benchmarks_entries_are_formatted_as_the_templates_do():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    text, keys = generate.make_bib(random.Random(7), 300)
    data = BibliographyData.from_string(text, "bibtex")
    entries = list(data.entries.values())
    assert assert_same(entries) == len(entries) == 300


VALUES = [
    "",
    "Plain words",
    "ends with a period.",
    "A question?",
    "Wow!",
    "{CAR} {T} cells in {SLE}",
    "{ASTCT} Consensus Grading",
    "[Descriptive title, not verified]",
    "{[}Bracket inside braces{]}",
    "Nested {protected {inner} Part} here",
    "{Whole title protected.}",
    "Crime & <Punishment> > 2",
    "1304--1314",
    "a --- b",
    'M{\\"u}ller and Sch{\\"a}fer',
    "CD4$^{+}$ and $\\alpha$ cells",
    "IL-6 {\\&} TNF",
    "\\emph{Italic} word",
    "Set \\{x\\} open",
    "{}",
    "ÄÖÜ ßtraße İstanbul",
    "e000538",
    "  spaced  out  ",
]
NAMES = [
    "Mackensen, Andreas",
    'M{\\"u}ller, Fabian',
    "van Vollenhoven, Ronald F.",
    "{U.S. Food and Drug Administration}",
    "Mei, Henrik E.",
    "Krickau, Tobias",
    "Jean-Paul, Anne-Marie",
    "others",
    "Single",
]
TYPES = [
    "article",
    "inproceedings",
    "misc",
    "book",
    "incollection",
    "inbook",
    "report",
    "online",
    "Article",
    "MISC",
]
FIELDS = ["title", "journal", "shortjournal", "booktitle", "publisher", "howpublished", "organization",
          "institution", "edition", "volume", "number", "pages", "year"]  # fmt: skip
LINKS = {
    "doi": ["10.1038/s41591-022-02017-5", " 10.1/with space ", "10.1/quote\"'<>", "   "],
    "pmid": ["36109639", "not-a-number", " 123 "],
    "url": ["https://example.org/a?b=1&c=2", "javascript:alert(1)", "http://x.test/", "  "],
    "urldate": ["2026-11-25", "<today>"],
}


def generated_entries(n, seed):
    rng = random.Random(seed)
    for i in range(n):
        entry = Entry(rng.choice(TYPES))
        entry.key = f"gen{i}"
        for name in FIELDS:
            if rng.random() < 0.55:
                entry.fields[name] = rng.choice(VALUES)
        for name, values in LINKS.items():
            if rng.random() < 0.4:
                entry.fields[name] = rng.choice(values)
        for role in ("author", "editor"):
            if rng.random() < (0.7 if role == "author" else 0.3):
                for _ in range(rng.randint(1, 9)):
                    entry.add_person(Person(rng.choice(NAMES)), role)
        yield entry


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_entries_are_formatted_as_the_templates_do(seed):
    entries = list(generated_entries(2000, seed))
    assert assert_same(entries) > 0.9 * len(entries), "the fast path should take nearly every entry"


def test_what_it_cannot_read_exactly_is_left_to_the_templates():
    entry = Entry("article", fields={"title": "Set \\{x open", "journal": "J", "year": "2020"})
    assert fast_style.format_entry(entry) is None
