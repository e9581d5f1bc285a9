"""Write a new, minimal explainer from the templates in scaffold/ (topic-free, like the kit).

The templates are plain files; `__TITLE__`-style tokens are filled in, nothing else is changed
(the pages keep their `{{ macro() }}` calls for the build).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATES = Path(__file__).parent / "scaffold"
RENAMED = {"gitignore": ".gitignore"}  # dotfiles are stored without their dot, so packaging keeps them


class ScaffoldError(Exception):
    """A one-line reason why the new site was not written."""


def key_prefix(title: str) -> str:
    """'Tea, Explained' -> 'tea_explained_': the prefix of each page's BibTeX key."""
    slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    return (slug or "site") + "_"


def new_site(target: Path, title: str, description: str | None = None) -> list[Path]:
    """Write the templates into `target` (new or empty); returns the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} is not empty; refusing to overwrite it (choose a new or empty folder)")
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty (give one with --title)")
    description = " ".join(
        (description or f"{title}: the evidence, explained, with every source cited.").split()
    )
    tokens = {
        "__TITLE_YAML__": json.dumps(title, ensure_ascii=False),
        "__DESCRIPTION_YAML__": json.dumps(description, ensure_ascii=False),
        "__KEY_PREFIX__": key_prefix(title),
        "__TITLE__": title,
        "__DESCRIPTION__": description,
    }
    written = []
    for src in sorted(p for p in TEMPLATES.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = src.relative_to(TEMPLATES)
        dest = target / rel.parent / RENAMED.get(rel.name, rel.name)
        text = src.read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        written.append(dest)
    return written
