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


def check(rel_path: str, text: str, datasets: dict[str, Dataset], src_path: str) -> list[Diagnostic]:
    """Info diagnostics, one per hand-typed number that equals a value of a related record."""
    values = _related_values(text, datasets, src_path)
    if not values:
        return []
    body = FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    body = NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    out = []
    for m in NUMBER.finditer(body):
        places = values.get(m.group(0))
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
