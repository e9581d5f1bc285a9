"""MkDocs' own link warnings, rewritten into the kit's format with the line of the link.

MkDocs' link validation names the page but not the line. This filter on its logger rewrites each
message into a Diagnostic line. The patterns follow MkDocs 1.6's wording (mkdocs/structure/pages.py);
tests/integration/test_link_messages.py builds a site with every kind of broken link against the
installed MkDocs and fails if any of its messages comes through unrewritten.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .diagnostics import Diagnostic

LOGGER = "mkdocs.structure.pages"


MKDOCS_LINK = re.compile(
    r"Doc file '(?P<page>[^']+)' contains (?:a link '(?P<url>[^']+)', but (?P<problem>.*)"
    r"|an unrecognized relative link '(?P<bare>[^']+)', it was left as is\.(?P<tip>.*))",
    re.DOTALL,
)
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")


class LinkMessages(logging.Filter):
    def __init__(self, docs_dir: Path, project_dir: Path):
        super().__init__()
        self.docs_dir, self.project_dir = docs_dir, project_dir

    def filter(self, record: logging.LogRecord) -> bool:
        m = MKDOCS_LINK.match(record.getMessage())
        if m:
            record.msg, record.args = self.rewrite(m).format(), ()
        return True

    def rewrite(self, m: re.Match) -> Diagnostic:
        page, url, problem = m["page"], m["url"] or m["bare"], m["problem"] or m["tip"]
        path = self.docs_dir / page
        line = None
        try:
            text = path.read_text(encoding="utf-8-sig")
            candidates = (f"]({url})", f"]({url}", f'"{url}"', url)  # the exact link first
            at = next((i for i in map(text.find, candidates) if i >= 0), -1)
            line = text.count("\n", 0, at) + 1 if at >= 0 else None
        except OSError:
            pass
        suggestion = re.search(r"Did you mean '([^']+)'\?", problem)
        target = re.search(r"the target '([^']+)'", problem)
        anchor = re.search(r"anchor '#([^']+)'", problem)
        docs = _rel(self.docs_dir, self.project_dir)
        if m["bare"]:
            hint = "link to the page's .md file, with a path relative to this page, e.g. safety.md"
            return Diagnostic(
                "link.broken",
                f"link '{url}' is not a link to a page (no .md) nor to a file",
                _rel(path, self.project_dir),
                line,
                f"did you mean '{suggestion[1]}'?" if suggestion else hint,
            )
        if "anchor" in problem:
            code = "link.anchor"
            other = re.search(r"the doc '([^']+)'", problem)
            whose = f"{docs}/{other[1]}" if other else "this page"
            what = f"{whose} has no heading or id '{anchor[1] if anchor else url.partition('#')[2]}'"
            hint = "a heading's id is its text in lower case with hyphens for spaces; or add {#an-id} after a heading"
        else:
            code = "image.missing" if url.split("#")[0].lower().endswith(IMAGE_EXTENSIONS) else "link.broken"
            resolved = target[1] if target else url.split("#")[0].lstrip("/")
            what = f"{docs}/{resolved} does not exist"
            hint = (
                "put the image in docs/assets/ and write its path relative to this page"
                if code == "image.missing"
                else "link to the .md file, with a path relative to this page, e.g. ../safety.md"
            )
        if suggestion:
            hint = f"did you mean '{suggestion[1]}'?"
        return Diagnostic(code, f"link '{url}': {what}", _rel(path, self.project_dir), line, hint)


def install(docs_dir: Path, project_dir: Path) -> None:
    """One filter per build: `mkdocs serve` configures the plugin again for each rebuild."""
    uninstall()
    logging.getLogger(LOGGER).addFilter(LinkMessages(docs_dir.resolve(), project_dir))


def uninstall() -> None:
    logger = logging.getLogger(LOGGER)
    for old in [f for f in logger.filters if isinstance(f, LinkMessages)]:
        logger.removeFilter(old)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
