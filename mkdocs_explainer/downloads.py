"""Publish every dataset with the site as CSV and JSON, and link them under tables."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

from .datasets import Dataset, cell, plain
from .urls import root_prefix
from .values import format_value

DATA_URL_DIR = "data"


def links_html(ctx, name: str) -> str:
    base = f"{root_prefix(ctx.page_rel_url)}{DATA_URL_DIR}/{name}"
    return (
        f'Download the data: <a href="{base}.csv" download>CSV</a> · '
        f'<a href="{base}.json" download>JSON</a>'
    )


def to_csv(dataset: Dataset) -> str:
    """One row per record: each field's value, then its source and locator where they differ."""
    fields = dataset.fields
    extra = []
    for f in fields:
        if f in ("source", "locator"):
            continue
        if any(
            isinstance(r.get(f), dict) and ("source" in r[f] or "missing" in r[f]) for r in dataset.records
        ):
            extra.append(f)
    header = list(fields) + [f"{f}_source" for f in extra] + [f"{f}_missing_reason" for f in extra]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for r in dataset.records:
        row = []
        for f in fields:
            c = cell(r, f) if f not in ("source", "locator") else None
            row.append(r.get(f, "") if c is None else ("" if c.missing else format_value(c.value)))
        for f in extra:
            c = cell(r, f)
            row.append(c.source or "")
        for f in extra:
            row.append(cell(r, f).missing or "")
        writer.writerow(row)
    return buf.getvalue()


def to_json(dataset: Dataset) -> str:
    doc = {
        "dataset": dataset.name,
        "title": dataset.schema.get("title", dataset.name),
        "description": dataset.schema.get("description", ""),
        "fields": {
            f: dataset.schema["items"]["properties"][f].get("description", "") for f in dataset.fields
        },
        "records": dataset.records,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_datasets(ctx, site_dir: Path) -> None:
    out = site_dir / DATA_URL_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, dataset in sorted(ctx.datasets.items()):
        (out / f"{name}.csv").write_text(to_csv(dataset), encoding="utf-8")
        (out / f"{name}.json").write_text(to_json(dataset), encoding="utf-8")


__all__ = ["links_html", "to_csv", "to_json", "write_datasets", "plain", "html"]
