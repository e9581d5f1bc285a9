"""The kit names no topic: every file of mkdocs_explainer/ is free of the first site's words.

The kit is a generic explainer generator; the site in this repository (CAR-T cells for lupus) is
only its first user. A word of that topic in the kit's code, schemas, templates or docstrings is a
sign that site knowledge leaked into the kit.
"""

from __future__ import annotations

import re
from pathlib import Path

KIT = Path(__file__).resolve().parents[2] / "mkdocs_explainer"

# Case-insensitive words, and short acronyms that count only in capitals (SLE, CAR).
TOPIC = re.compile(
    r"lupus|sledai|car[- ]?t\b|cd19|cd20|bcma|mackensen|erlangen|cartlupus|medicalwebpage"
    r"|mougiakakos|schett|b[- ]cells?\b|lymphoma|leukemia|leukapheresis|kymriah|nephritis"
    r"|rheumat|autoimmun|chimeric antigen|plasma cell|tisagenlecleucel|lisocabtagene|axicabtagene",
    re.IGNORECASE,
)
ACRONYMS = re.compile(r"\b(?:SLE|CAR|CRS|DORIS|LLDAS)\b")


def topic_words(root: Path) -> list[str]:
    """`path:line: word` for every topic word in any file under root (path from root's parent)."""
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or path.suffix in (".pyc", ".png"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for n, line in enumerate(text.splitlines(), start=1):
            end = -1
            for m in sorted([*TOPIC.finditer(line), *ACRONYMS.finditer(line)], key=lambda m: m.start()):
                if m.start() >= end:  # "CAR T" once, not also as "CAR"
                    hits.append(f"{path.relative_to(root.parent).as_posix()}:{n}: {m.group(0)}")
                    end = m.end()
    return hits


def test_the_kit_names_no_topic():
    hits = topic_words(KIT)
    assert not hits, "topic words in the kit:\n" + "\n".join(hits)


def test_the_scan_finds_a_planted_word_with_its_file_and_line(tmp_path):
    kit = tmp_path / "mkdocs_explainer"
    (kit / "scaffold").mkdir(parents=True)
    (kit / "clean.py").write_text('"""Careful: a scarce car part."""\n', encoding="utf-8")
    (kit / "scaffold" / "page.md").write_text("# Title\n\nAnti-CD19 CAR T cells in SLE.\n", encoding="utf-8")
    (kit / "style.css").write_text("/* B-cell */\n", encoding="utf-8")
    assert topic_words(kit) == [
        "mkdocs_explainer/scaffold/page.md:3: CD19",
        "mkdocs_explainer/scaffold/page.md:3: CAR T",
        "mkdocs_explainer/scaffold/page.md:3: SLE",
        "mkdocs_explainer/style.css:1: B-cell",
    ]
