"""Reading grade of each page's prose (Flesch-Kincaid, textstat), with macros and markup removed.

.venv/bin/python tools/readability.py          # every page
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent


def prose(markdown: str) -> str:
    t = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.S)
    t = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", t, flags=re.S)
    t = re.sub(r"```.*?```", "", t, flags=re.S)
    t = re.sub(r"^\s*(!!!|\?\?\?).*$", "", t, flags=re.M)  # admonition titles
    t = re.sub(r"^\|.*\|\s*$", "", t, flags=re.M)  # tables
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)  # links -> their text
    t = re.sub(r"^#+\s*(.*)$", r"\1.", t, flags=re.M)  # headings are sentences
    t = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", t, flags=re.M)  # list markers
    return re.sub(r"[*_`<>]", "", t)


def grade(path: Path) -> float:
    return textstat.flesch_kincaid_grade(prose(path.read_text(encoding="utf-8")))


def main() -> int:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = prose(path.read_text(encoding="utf-8"))
        print(
            f"{path.relative_to(ROOT).as_posix():40s} words={textstat.lexicon_count(text):5d} "
            f"grade={textstat.flesch_kincaid_grade(text):5.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
