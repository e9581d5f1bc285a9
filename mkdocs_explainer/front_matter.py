"""Check each page's YAML front matter, which MkDocs would otherwise drop silently.

When the block between the `---` lines is not valid YAML, MkDocs renders it as text and the page
loses its title, description and dates without a word. We stop the build instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .diagnostics import Diagnostic

# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def check_front_matter(path: Path, rel: str) -> Diagnostic | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # reported by the encoding check
    m = FRONT_MATTER.match(text)
    if not m:
        return None
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2  # +1 for the opening '---', +1 for 1-based lines
        return Diagnostic(
            "page.front-matter",
            f"front matter is not valid YAML: {exc.problem}",
            rel,
            line,
            "quote a value that contains ': ' or '#', e.g. description: \"...\"",
        )
    if data is not None and not isinstance(data, dict):
        return Diagnostic(
            "page.front-matter",
            "front matter must be 'key: value' lines",
            rel,
            2,
            "write e.g. title: My page",
        )
    return None


def page_encoding(path: Path, rel: str) -> Diagnostic | None:
    """A page that is not UTF-8 (MkDocs would stop on it with a bare traceback)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
        return None
    except UnicodeDecodeError as exc:
        return Diagnostic(
            "file.encoding",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            rel,
            raw[: exc.start].count(b"\n") + 1,
            "save the file as UTF-8",
        )
