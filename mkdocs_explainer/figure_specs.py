"""Load the figures file (data/figures.yaml), validate it against the kit's own schema
(schema/figures.schema.json), and check every dataset, field and source it names.

Problems are reported like data errors, with the file and line of the spec, and stop the build.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from . import charts
from .datasets import Dataset, _index_lines, _Loader, yaml_syntax
from .diagnostics import Diagnostic, DiagnosticError, did_you_mean

SCHEMA_PATH = Path(__file__).parent / "schema" / "figures.schema.json"


@dataclass
class FigureSpec:
    name: str
    spec: dict  # the entry as written
    path: str  # of the figures file, project-relative
    lines: dict[tuple, int] = field(default_factory=dict)  # JSON path from the file's root -> line

    def line(self, *path) -> int | None:
        """Line of a path inside this figure's entry (its nearest written ancestor)."""
        path = (self.name, *path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def load_figure_specs(
    path: Path, project_dir: Path, datasets: dict[str, Dataset], bib_keys
) -> dict[str, FigureSpec]:
    """Every figure of the figures file, by name; raises DiagnosticError listing every problem."""
    if not path.is_file():
        return {}
    rel = path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else str(path)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        doc = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise DiagnosticError([yaml_syntax(exc, "figure.spec-syntax", rel)]) from None
    doc = {} if doc is None else doc
    lines = _index_lines(node) if node is not None else {}
    specs = {
        name: FigureSpec(name, entry, rel, lines)
        for name, entry in (doc.items() if isinstance(doc, dict) else [])
    }
    errors = _schema_errors(doc, rel, lines)
    if not errors:
        for spec in specs.values():
            errors += _reference_errors(spec, datasets, bib_keys)
    if errors:
        raise DiagnosticError(errors)
    return specs


def _line(lines, path) -> int | None:
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _schema_errors(doc, rel: str, lines) -> list[Diagnostic]:
    """One message per mistake: a misspelt field is reported as unknown, not also as missing."""
    validator = Draft202012Validator(schema())
    found = []  # (object path, missing or misspelt-for property, Diagnostic)
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        where = list(err.absolute_path)
        pointer = "/".join(map(str, where)) or "(top level)"
        message, hint = err.message, _with_schema((err.schema.get("description") or "").rstrip(".") or None)
        meant = None
        if err.validator in ("unevaluatedProperties", "additionalProperties") and isinstance(
            err.instance, dict
        ):
            allowed = set(_properties(err))
            extra = [k for k in err.instance if k not in allowed]
            if not extra:
                continue  # a field of the kind, unevaluated only because another rule failed: reported there
            where.append(extra[0])
            message = f"unknown field '{extra[0]}'"
            close = difflib.get_close_matches(extra[0], sorted(allowed), n=1, cutoff=0.6)
            meant = close[0] if close else None
            hint = (
                f"did you mean '{meant}'?"
                if meant
                else _with_schema("allowed: " + ", ".join(sorted(allowed)))
            )
        elif err.validator == "propertyNames":
            where.append(err.instance)
            message = f"'{err.instance}' is not a valid figure name"
        elif err.validator == "required":
            meant = next((k for k in err.validator_value if k not in err.instance), None)
            hint = _with_schema(_property_description(err, meant))
        elif err.validator == "enum":
            message = f"{err.instance!r} is not one of " + ", ".join(map(repr, err.validator_value))
        diagnostic = Diagnostic("figure.spec", f"{pointer}: {message}", rel, _line(lines, where), hint)
        found.append((tuple(err.absolute_path), meant, err.validator, diagnostic))
    misspelt = {(path, meant) for path, meant, validator, _ in found if validator != "required" and meant}
    return [
        d for path, meant, validator, d in found if validator != "required" or (path, meant) not in misspelt
    ]


def _properties(err) -> dict:
    """The properties an object may have: the common ones and those of its kind's branch."""
    props = dict(err.schema.get("properties", {}))
    kind = err.instance.get("kind") if isinstance(err.instance, dict) else None
    for branch in err.schema.get("allOf", []):
        if branch.get("if", {}).get("properties", {}).get("kind", {}).get("const") == kind:
            props |= schema()["$defs"][branch["then"]["$ref"].rsplit("/", 1)[-1]].get("properties", {})
    return props


def _property_description(err, name) -> str:
    desc = _properties(err).get(name, {}).get("description")
    return f"add {name}: {desc.rstrip('.')}" if desc else f"add {name}"


def _with_schema(hint: str | None) -> str:
    where = "the kit's schema, mkdocs_explainer/schema/figures.schema.json"
    return f"{hint}; see {where}" if hint else f"see {where}"


def _reference_errors(spec: FigureSpec, datasets: dict[str, Dataset], bib_keys) -> list[Diagnostic]:
    out, entry = [], spec.spec

    def problem(code, message, hint, *path):
        out.append(Diagnostic(code, f"figure '{spec.name}': {message}", spec.path, spec.line(*path), hint))

    names = [(("dataset",), entry["dataset"])] if "dataset" in entry else []
    kind = charts.KINDS.get(entry["kind"])
    if kind is not None and "after_summary" in entry:
        names.append((("after_summary", "dataset"), entry["after_summary"]["dataset"]))
    for path, name in names:
        if name not in datasets:
            hint = did_you_mean(name, datasets) or "known: " + ", ".join(sorted(datasets))
            problem("figure.unknown-dataset", f"no dataset named '{name}'", hint, *path)
    if kind is not None and not out:
        for path, dataset, name in kind.fields(entry):
            known = datasets[dataset].fields
            if name not in known:
                hint = did_you_mean(name, known) or "fields: " + ", ".join(known)
                problem("figure.unknown-field", f"dataset '{dataset}' has no field '{name}'", hint, *path)
    sort = entry.get("sort", "").lstrip("-")
    if (
        sort
        and "dataset" in entry
        and entry["dataset"] in datasets
        and sort not in datasets[entry["dataset"]].fields
    ):
        known = datasets[entry["dataset"]].fields
        problem("figure.unknown-field", f"cannot sort on '{sort}'", did_you_mean(sort, known), "sort")
    for i, source in enumerate(entry.get("sources", [])):
        if source["key"] not in bib_keys:
            hint = did_you_mean(source["key"], bib_keys) or "add the reference to bib/ first"
            problem(
                "figure.unknown-source", f"source '{source['key']}' is not in bib/", hint, "sources", i, "key"
            )
    return out
