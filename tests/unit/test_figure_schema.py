"""The kit's schema of figure specs describes every property, and the real site's specs follow it."""

import json
from pathlib import Path

from mkdocs_explainer.figure_specs import SCHEMA_PATH

ROOT = Path(__file__).resolve().parents[2]


def undescribed(node, path="#"):
    """JSON pointers of properties without a description, anywhere in the schema (but in the
    conditions of `if`, which only test a value)."""
    out = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            if not prop.get("description"):
                out.append(f"{path}/properties/{name}")
        for key, value in node.items():
            if key != "if":
                out += undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += undescribed(value, f"{path}/{i}")
    return out


def test_every_property_of_the_figure_schema_is_described():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert SCHEMA_PATH.is_relative_to(ROOT / "mkdocs_explainer")  # the kit owns it, not the site
    assert undescribed(schema) == []


def test_the_check_finds_an_undescribed_property():
    assert undescribed({"$defs": {"x": {"properties": {"a": {"type": "string"}}}}}) == [
        "#/$defs/x/properties/a"
    ]
