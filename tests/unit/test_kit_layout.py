"""The kit's shape: one adapter talks to MkDocs, the core imports no MkDocs, no import cycles."""

import ast
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2] / "mkdocs_explainer"
ADAPTERS = {"plugin"}  # the only modules that may import MkDocs


def modules() -> dict[str, Path]:
    return {
        p.relative_to(KIT).with_suffix("").as_posix().replace("/", "."): p
        for p in KIT.rglob("*.py")
        if "scaffold" not in p.relative_to(KIT).parts[:-1]  # templates of new sites, not the kit
    }


def imports(path: Path, name: str) -> set[str]:
    """Top-level names imported (absolute) and kit modules imported (relative, as 'kit:<name>')."""
    out = set()
    package = name.rsplit(".", 1)[0] if "." in name else ""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                out.add((node.module or "").split(".")[0])
                continue
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if package else []
            prefix = ".".join([*base, node.module] if node.module else base)
            if node.module:
                out.add("kit:" + prefix)
            else:
                out |= {"kit:" + ".".join([*base, a.name]) for a in node.names}
    return out


@pytest.mark.parametrize("name", sorted(modules()))
def test_only_the_adapter_imports_mkdocs(name):
    found = imports(modules()[name], name)
    if name not in ADAPTERS:
        assert "mkdocs" not in found, f"mkdocs_explainer/{name}.py imports MkDocs: move that to plugin.py"


def test_the_kit_has_no_import_cycle():
    mods = modules()
    graph = {
        n: {i[4:] for i in imports(p, n) if i.startswith("kit:") and i[4:] in mods} for n, p in mods.items()
    }
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_no_module_keeps_build_state_in_globals():
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), f"{name}.py uses 'global'"
