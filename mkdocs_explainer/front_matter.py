"""Check each page's YAML front matter, which MkDocs would otherwise drop silently.

When the block between the `---` lines is not valid YAML, MkDocs renders it as text and the page
loses its title, description and dates without a word. We stop the build instead. The fields the
kit reads (dates, authors, reviewers) are checked here too, each with the line it is on.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from .diagnostics import INFO, Diagnostic, not_utf8

# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)

DATE_FIELDS = ("updated", "reviewed", "review_due")
PEOPLE_FIELDS = ("authors", "reviewed_by")
PEOPLE_HINT = "write a person as 'Family, Given', e.g. 'Smith, Jane', and an organisation as {name: ...}"


def check_front_matter(path: Path, rel: str) -> list[Diagnostic]:
    """Every problem in the page's front matter: invalid YAML, or a field the kit reads that is malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []  # reported by the encoding check
    m = FRONT_MATTER.match(text)
    if not m:
        return []
    try:
        data = yaml.safe_load(m.group(1))
        lines = _key_lines(m.group(1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2  # +1 for the opening '---', +1 for 1-based lines
        return [
            Diagnostic(
                "page.front-matter",
                f"front matter is not valid YAML: {exc.problem}",
                rel,
                line,
                "quote a value that contains ': ' or '#', e.g. description: \"...\"",
            )
        ]
    except ValueError as exc:  # YAML reads 2026-13-01 as a date and fails: no mark, no line
        key, line = _bad_date_line(m.group(1))
        return [
            Diagnostic("page.date", f"{key}: not a date ({exc})", rel, line, "write the date as YYYY-MM-DD")
        ]
    if data is not None and not isinstance(data, dict):
        return [
            Diagnostic(
                "page.front-matter",
                "front matter must be 'key: value' lines",
                rel,
                2,
                "write e.g. title: My page",
            )
        ]
    return check_fields(data or {}, lines, rel)


def check_fields(data: dict, lines: dict[str, int], rel: str) -> list[Diagnostic]:
    out = []
    for key in DATE_FIELDS:
        if key in data and as_date(data[key]) is None:
            out.append(
                Diagnostic(
                    "page.date",
                    f"{key}: {data[key]!r} is not a date",
                    rel,
                    lines.get(key),
                    "write the date as YYYY-MM-DD, e.g. " + key + ": 2026-12-01",
                )
            )
    reviewed, due = as_date(data.get("reviewed")), as_date(data.get("review_due"))
    if reviewed and due and due <= reviewed:
        out.append(
            Diagnostic(
                "page.date",
                f"review_due: {due} is not after reviewed: {reviewed}",
                rel,
                lines.get("review_due"),
                "set review_due to the date of the next review, e.g. six months after reviewed",
            )
        )
    for key in PEOPLE_FIELDS:
        if key in data:
            _, problems = parse_people(data[key])
            out += [
                Diagnostic("page.people", f"{key}: {p}", rel, lines.get(key), PEOPLE_HINT) for p in problems
            ]
    return out


def as_date(value) -> date | None:
    """A front matter date (YAML reads 2026-12-01 as a date; a quoted one stays a string)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_people(value) -> tuple[list[dict], list[str]]:
    """'Family, Given' strings (or {family, given}) for people, {name} for an organisation.

    Returns the creators as {"family", "given"} or {"name"} dicts, and a problem per bad item.
    """
    items = value if isinstance(value, list) else [value]
    people, problems = [], []
    for item in items:
        if isinstance(item, str) and item.count(",") == 1 and all(p.strip() for p in item.split(",")):
            family, given = (p.strip() for p in item.split(","))
            people.append({"family": family, "given": given})
        elif isinstance(item, dict) and set(item) == {"name"} and str(item["name"]).strip():
            people.append({"name": str(item["name"]).strip()})
        elif (
            isinstance(item, dict)
            and set(item) <= {"family", "given"}
            and str(item.get("family", "")).strip()
        ):
            people.append(
                {"family": str(item["family"]).strip(), "given": str(item.get("given", "")).strip()}
            )
        else:
            problems.append(f"{item!r} is not 'Family, Given' or an organisation")
    return people, problems


def review_overdue(path: Path, rel: str, today: date) -> Diagnostic | None:
    """An info line for a page whose `review_due` date has passed (not a warning: the page is still right)."""
    m = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not m:
        return None
    data = yaml.safe_load(m.group(1)) or {}
    due = as_date(data.get("review_due"))
    if due is None or due >= today:
        return None
    return Diagnostic(
        "page.review-overdue",
        f"review was due on {due} ({(today - due).days} days ago)",
        rel,
        _key_lines(m.group(1)).get("review_due"),
        "check the page against its sources, then set reviewed: and review_due: to new dates",
        severity=INFO,
    )


def _key_lines(block: str) -> dict[str, int]:
    """File line of each top-level key of the front matter (line 1 is the opening '---')."""
    node = yaml.compose(block)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 2 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _bad_date_line(block: str) -> tuple[str, int]:
    """The key and file line of the first value that YAML takes for a date but cannot build."""
    for i, line in enumerate(block.splitlines()):
        key, _, value = line.partition(":")
        try:
            yaml.safe_load(value)
        except ValueError:
            return key.strip(), i + 2
        except yaml.YAMLError:
            continue
    return "a date", 2


def page_encoding(path: Path, rel: str) -> Diagnostic | None:
    """A page that is not UTF-8 (MkDocs would stop on it with a bare traceback)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
        return None
    except UnicodeDecodeError as exc:
        return not_utf8(raw, exc.start, rel)
