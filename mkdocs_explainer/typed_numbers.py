"""Numbers typed by hand in prose that data already holds: candidates for `{{ value(...) }}`.

A page's prose is compared with the numeric values of the records it is tied to: the records
whose fields point at the page (e.g. `page: studies/x.md`) and those its value() calls name. A
table of a whole dataset ties nothing: a count on an overview page that equals some other row's
value is a coincidence. Each match is reported as info, where a number could drift from its data.
"""

from __future__ import annotations

import re

from .datasets import Dataset, plain
from .diagnostics import INFO, Diagnostic
from .values import format_value, is_number

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)
# What is not prose: code, macro calls, HTML tags, link targets, heading ids and attribute lists.
NOT_PROSE = re.compile(
    r"```.*?```|~~~.*?~~~|`[^`\n]*`|\{\{.*?\}\}|\{%.*?%\}|<[^>\n]*>|\]\([^)\n]*\)|\{[#:.][^}\n]*\}",
    re.S,
)
NUMBER = re.compile(r"(?<![\w.,/#-])\d+(?:\.\d+)?(?![\w/]|[.,]\d)")
VALUE_CALL = re.compile(r"""\bvalue\s*\(\s*["']([^"']+)["']\s*,\s*["']?([^"',)]+)["']?""")
SKIP_FIELDS = {"year", "order"}  # dates and ordinal positions are not findings
LIST_MARKER = re.compile(r"^([ \t]*)\d+\.(?=\s)", re.M)
# A number right after one of these words names a thing ("grade 1", "week 12"), it is no count.
LABEL_BEFORE = re.compile(
    r"\b(?:grade|phase|stage|class|type|week|day|month|year|patient|table|figure|step|part|level|"
    r"version|no\.|number)\s*$",
    re.I,
)
SCIENTIFIC = re.compile(r"\s*[×x]\s*10")
# The unit written after a number, and the field-name suffix that stores the same unit.
UNIT_AFTER = re.compile(r"[\s-]*(days?|weeks?|months?|years?|hours?|%|percent|mg|g|kg|ml|mm)\b", re.I)
UNIT_SUFFIX = {
    "day": "_days",
    "week": "_weeks",
    "month": "_months",
    "year": "_years",
    "hour": "_hours",
    "%": "_percent",
    "percent": "_percent",
}


def check(rel_path: str, text: str, datasets: dict[str, Dataset], src_path: str) -> list[Diagnostic]:
    """Info diagnostics, one per hand-typed number that equals a value of a related record."""
    values = _related_values(text, datasets, src_path)
    if not values:
        return []
    body = FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    body = NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    body = LIST_MARKER.sub(lambda m: m.group(1) + "  ", body)
    out = []
    for m in NUMBER.finditer(body):
        places = _plausible(body, m, values.get(m.group(0)) or [])
        if not places:
            continue
        name, key, field = places[0]
        also = f" (and {len(places) - 1} more)" if len(places) > 1 else ""
        out.append(
            Diagnostic(
                "value.typed",
                f"{m.group(0)} is typed by hand; data has it as {name} › {key} › {field}{also}",
                rel_path,
                body.count("\n", 0, m.start()) + 1,
                f'if it is that value, write {{{{ value("{name}", "{key}", "{field}") }}}}',
                severity=INFO,
            )
        )
    return out


def _plausible(body: str, m: re.Match, places: list[tuple]) -> list[tuple]:
    """The places whose value this number could be: not a label, not a power of ten, same unit."""
    if not places or LABEL_BEFORE.search(body[max(0, m.start() - 12) : m.start()]):
        return []
    if SCIENTIFIC.match(body, m.end()):
        return []
    unit = UNIT_AFTER.match(body, m.end())
    word = unit.group(1).lower().rstrip("s") if unit else None
    suffix = UNIT_SUFFIX.get(word) if word else None
    keep = []
    for place in places:
        field_unit = next((u for u in set(UNIT_SUFFIX.values()) if place[2].endswith(u)), None)
        if (word is None and field_unit is None) or (suffix is not None and field_unit == suffix):
            keep.append(place)
    return keep


def _related_values(text: str, datasets: dict[str, Dataset], src_path: str) -> dict[str, list[tuple]]:
    named = {(name, key.strip()) for name, key in VALUE_CALL.findall(text)}
    out: dict[str, list[tuple]] = {}
    for name, dataset in sorted(datasets.items()):
        key_field = dataset.key_field
        for record in dataset.records:
            bare = {k: plain(v) for k, v in record.items()}
            key = str(bare.get(key_field))
            tied = (name, key) in named or src_path in {str(v) for v in bare.values() if isinstance(v, str)}
            if not tied:
                continue
            for field, value in bare.items():
                if field == key_field or field in SKIP_FIELDS or not is_number(value):
                    continue
                out.setdefault(format_value(value), []).append((name, key, field))
    return out
