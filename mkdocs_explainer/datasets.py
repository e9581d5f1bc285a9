"""Load data/*.yaml, remember where every value sits, and validate against data/schema/.

Every dataset `data/<name>.yaml` has a JSON Schema `data/schema/<name>.schema.json`; shared
definitions (sourced values, bib keys) live in `data/schema/common.schema.json`.
A value is a plain scalar (its source is the record's `source`), or its long form
`{value, source, locator, note}`, or `{missing: reason}` when it is unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .diagnostics import Diagnostic, DiagnosticError, did_you_mean, not_utf8

COMMON_SCHEMA = "common.schema.json"


@dataclass
class Dataset:
    name: str
    path: str  # project-relative
    records: list[dict]
    schema: dict
    lines: dict[tuple, int] = field(default_factory=dict)  # JSON path -> 1-based line

    @property
    def fields(self) -> list[str]:
        items = self.schema.get("items", {})
        return list(items.get("properties", {}))

    def title(self, name: str) -> str:
        prop = self.schema.get("items", {}).get("properties", {}).get(name, {})
        return prop.get("title") or name.replace("_", " ").capitalize()

    @property
    def key_field(self) -> str | None:
        """The field that names a record: `id` when the schema has one, else its first field."""
        fields = self.fields
        return "id" if "id" in fields else (fields[0] if fields else None)

    def find(self, selector) -> tuple[int, dict] | None:
        """(index, record) whose key field equals selector (compared as text), or None."""
        key = self.key_field
        for i, record in enumerate(self.records):
            if key is not None and str(plain(record.get(key))) == str(selector):
                return i, record
        return None

    def keys(self) -> list[str]:
        key = self.key_field
        return [str(plain(r.get(key))) for r in self.records] if key else []

    def line(self, *path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


@dataclass(frozen=True)
class Cell:
    """One value with where it came from."""

    value: Any = None
    source: str | None = None
    locator: str | None = None
    note: str | None = None
    missing: str | None = None  # the reason, when the value is unknown


def cell(record: dict, name: str) -> Cell:
    raw = record.get(name)
    default_source, default_loc = record.get("source"), record.get("locator")
    if isinstance(raw, dict) and "missing" in raw:
        return Cell(missing=str(raw["missing"]), source=raw.get("source"), locator=raw.get("locator"))
    if isinstance(raw, dict) and "value" in raw:
        src = raw.get("source", default_source)
        loc = raw.get("locator", default_loc if src == default_source else None)
        return Cell(raw["value"], src, loc, raw.get("note"))
    if raw is None:
        return Cell(missing="not recorded")
    return Cell(raw, default_source, default_loc)


def plain(value: Any) -> Any:
    """The bare value of a possibly long-form value (for downloads and figures)."""
    if isinstance(value, dict):
        if "missing" in value:
            return None
        if "value" in value:
            return plain(value["value"])
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def yaml_syntax(exc: yaml.MarkedYAMLError, code: str, rel: str) -> Diagnostic:
    """A YAML syntax error at the line the contributor has to look at."""
    # "while parsing a flow sequence" errors point at the end of the file; the opening bracket
    # (the context mark) is where the contributor has to look.
    mark = exc.context_mark or exc.problem_mark
    return Diagnostic(
        code,
        f"{exc.problem or exc}" + (f" ({exc.context})" if exc.context else ""),
        rel,
        mark.line + 1 if mark else None,
        "check indentation and quoting; a value with ': ' needs quotes",
    )


def _index_lines(node, path=(), out=None) -> dict:
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            out[path + (key_node.value,)] = key_node.start_mark.line + 1
            _index_lines(value_node, path + (key_node.value,), out)
            out[path + (key_node.value,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, path + (i,), out)
    return out


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: a date is shown as written, and JSON can hold it."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema_registry(schema_dir: Path, project_dir: Path) -> Registry:
    resources, errors = [], []
    for path in sorted(schema_dir.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            rel = path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else str(path)
            hint = "check for a missing or extra comma or brace near that line; JSON allows no comments"
            errors.append(
                Diagnostic("data.schema-syntax", f"not valid JSON: {exc.msg}", rel, exc.lineno, hint)
            )
            continue
        resources.append((path.name, Resource.from_contents(doc, default_specification=_DRAFT)))
    if errors:
        raise DiagnosticError(errors)
    return Registry().with_resources(resources)


from referencing.jsonschema import DRAFT202012 as _DRAFT  # noqa: E402


def load_datasets(data_dir: Path, project_dir: Path, bib_keys, skip=("figures.yaml",)) -> dict[str, Dataset]:
    """Load and validate every dataset; raise DiagnosticError listing every problem.

    Files named in `skip` (the figures file) are not datasets."""
    errors: list[Diagnostic] = []
    datasets: dict[str, Dataset] = {}
    schema_dir = data_dir / "schema"
    if not data_dir.is_dir():
        return datasets
    registry = _schema_registry(schema_dir, project_dir) if schema_dir.is_dir() else Registry()
    for path in sorted(p for p in data_dir.glob("*.y*ml") if p.name not in skip):
        name = path.stem
        rel = path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else str(path)
        schema_path = schema_dir / f"{name}.schema.json"
        if not schema_path.exists():
            errors.append(
                Diagnostic(
                    "data.no-schema",
                    f"dataset '{name}' has no schema",
                    rel,
                    None,
                    f"add data/schema/{name}.schema.json",
                )
            )
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            errors.append(not_utf8(exc.object, exc.start, rel))
            continue
        try:
            node = yaml.compose(text, Loader=_Loader)
            records = yaml.load(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            errors.append(yaml_syntax(exc, "data.yaml-syntax", rel))
            continue
        lines = _index_lines(node) if node is not None else {}
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        dataset = Dataset(name, rel, records if isinstance(records, list) else [], schema, lines)
        validator = Draft202012Validator(schema, registry=registry)
        for err in sorted(validator.iter_errors(records), key=lambda e: list(map(str, e.absolute_path))):
            where = tuple(err.absolute_path)
            pointer = "/".join(str(p) for p in where) or "(top level)"
            line = dataset.line(*where)
            if err.validator == "additionalProperties" and isinstance(err.instance, dict):
                extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
                if extra:
                    line = dataset.line(*where, extra[0])
            errors.append(
                Diagnostic(
                    "data.schema",
                    f"{pointer}: {_schema_message(err)}",
                    rel,
                    line,
                    _schema_hint(err, schema_path, project_dir),
                )
            )
        if isinstance(records, list):
            errors.extend(_check_sources(dataset, bib_keys))
        datasets[name] = dataset
    if errors:
        raise DiagnosticError(errors)
    return datasets


def _schema_message(err) -> str:
    if err.validator == "additionalProperties":
        return err.message.replace("Additional properties are not allowed", "unknown field(s) not allowed")
    if err.validator in ("anyOf", "oneOf"):
        return f"{_short(err.instance)} is not a valid value here ({err.schema.get('description', 'see the schema')})"
    if err.validator == "type":
        return f"{_short(err.instance)} is not of type {err.validator_value!r}"
    if err.validator == "enum":
        return f"{_short(err.instance)} is not one of " + ", ".join(map(repr, err.validator_value))
    return err.message


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _schema_hint(err, schema_path: Path, project_dir: Path) -> str:
    if err.validator == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed] if isinstance(err.instance, dict) else []
        if extra:
            close = did_you_mean(extra[0], allowed)
            if close:
                return close
        return "allowed fields: " + ", ".join(allowed)
    desc = (err.schema.get("description") or "").rstrip(".")
    rel = (
        schema_path.relative_to(project_dir).as_posix()
        if schema_path.is_relative_to(project_dir)
        else schema_path
    )
    return f"{desc}; see {rel}" if desc else f"see {rel}"


def _check_sources(dataset: Dataset, bib_keys) -> list[Diagnostic]:
    problems = []

    def visit(value, path):
        if isinstance(value, dict):
            src = value.get("source")
            if isinstance(src, str) and src not in bib_keys:
                problems.append(
                    Diagnostic(
                        "data.unknown-source",
                        f"source '{src}' is not in bib/",
                        dataset.path,
                        dataset.line(*path, "source"),
                        did_you_mean(src, bib_keys) or "add the reference to bib/ first",
                        subject=src,
                    )
                )
            for k, v in value.items():
                if k != "source":
                    visit(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, path + (i,))

    visit(dataset.records, ())
    return problems
