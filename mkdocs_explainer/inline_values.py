"""`{{ value("dataset", "record", "field") }}`: one value from data, in prose, with its source.

A number typed in prose and again in data can drift apart; a value inserted from data cannot. It
reads as the tables print it (values.format_value) and its own source is cited into the page's
numbering, so the prose, the table and the figure always say the same thing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .datasets import Dataset, cell
from .diagnostics import WARNING, Diagnostic, did_you_mean
from .values import format_value, in_words

VALUE_CALL = re.compile(r"\bvalue\s*\(([^)]*)\)")


@dataclass
class Rendered:
    html: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dataset: str | None = None  # the dataset the value came from, when found


def render_value(ctx, datasets: dict[str, Dataset], name, selector, field_name, words=False, cite=True):
    """The value's text (HTML-escaped) and its citation, or a visible marker and one diagnostic."""
    name, selector, field_name = str(name), str(selector), str(field_name)
    dataset = datasets.get(name)
    if dataset is None:
        return _problem(
            ctx,
            "data.unknown-dataset",
            f"no dataset named '{name}'",
            name,
            did_you_mean(name, datasets) or "known: " + ", ".join(sorted(datasets)),
            f"unknown dataset {name}",
        )
    found = dataset.find(selector)
    if found is None:
        keys = dataset.keys()
        return _problem(
            ctx,
            "value.unknown-record",
            f"dataset '{name}' ({dataset.path}) has no record whose {dataset.key_field} is '{selector}'",
            selector,
            did_you_mean(selector, keys) or "known: " + ", ".join(keys[:12]),
            f"unknown record {selector}",
        )
    index, record = found
    if field_name not in dataset.fields:
        return _problem(
            ctx,
            "value.unknown-field",
            f"dataset '{name}' has no field '{field_name}'",
            field_name,
            did_you_mean(field_name, dataset.fields) or "fields: " + ", ".join(dataset.fields),
            f"unknown field {field_name}",
        )
    c = cell(record, field_name)
    if c.missing is not None:
        return _problem(
            ctx,
            "value.missing",
            f"'{field_name}' of '{selector}' is not known in {dataset.path}:"
            f"{dataset.line(index, field_name)} ({c.missing})",
            field_name,
            "fill it in the data with its source, or write the sentence without the number",
            f"no value for {field_name}",
        )
    text = html.escape(in_words(c.value) if words else format_value(c.value))
    out = Rendered(text, dataset=name)
    if cite and c.source:
        result = ctx.citer.cite(ctx.src_path, [c.source], ctx.where, c.locator)
        out.html += " " + result.html
        out.diagnostics += result.diagnostics
    return out


def _problem(ctx, code, message, needle, hint, marker) -> Rendered:
    d = Diagnostic(code, message, *ctx.where(needle, VALUE_CALL), hint, severity=WARNING)
    return Rendered(f'<strong class="build-error">[{html.escape(marker)}]</strong>', [d])
