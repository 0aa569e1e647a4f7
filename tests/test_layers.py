"""The layers of DESIGN.md, checked on the source (ast, no imports run, no extra dependency).

- `mix/` is pure Python: it imports neither Django nor any other part of participatiemix.
- `documents/` renders data handed to it: it imports no app (only `mix/` and the pure `site.text`).
- No app package imports itself in a circle (module-level and function-level imports both count: an
  import moved into a function hides a cycle at import time but keeps the modules tangled).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "participatiemix"
APPS = ("catalogue", "organisations", "plans", "scan", "site", "workshop")
# Known cycles that are being removed; strict xfail turns red the day one is fixed so the marker goes too.
KNOWN_CYCLES: dict[str, str] = {}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module (a known module when the name resolves to one), dotted
    line: int
    in_function: bool

    def __str__(self) -> str:
        where = " (in een functie)" if self.in_function else ""
        return f"{self.source}:{self.line} -> {self.target}{where}"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}


MODULES = source_files()


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(module: str, node: ast.AST, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = _absolute(module, node, is_package)
        # `from pkg import name` imports the submodule pkg.name when there is one.
        return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    # importlib.import_module("participatiemix.x") with a literal name
    is_call = isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
    if is_call and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return [node.args[0].value]
    return []


def imports_of(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            for target in _targets(module, child, is_package):
                found.append(Import(module, target, getattr(child, "lineno", 0), in_function))
            visit(child, nested)

    visit(tree, False)
    return found


ALL_IMPORTS = [imp for name, path in MODULES.items() for imp in imports_of(name, path)]


def _within(target: str, prefix: str) -> bool:
    return target == prefix or target.startswith(prefix + ".")


# --------------------------------------------------------------------------- the graph helper itself


def test_the_import_graph_sees_module_level_function_level_and_relative_imports():
    assert len(MODULES) > 50
    found = {(i.source, i.target, i.in_function) for i in ALL_IMPORTS}
    assert ("participatiemix.mix.case", "participatiemix.mix.errors", False) in found
    assert ("participatiemix.cli_advise", "participatiemix.documents.plan", True) in found  # import_module("…")
    assert any(i.in_function for i in ALL_IMPORTS if i.source.startswith("participatiemix.documents"))


def test_cycle_finder_finds_a_cycle_through_a_function_level_import():
    edges = {"a.forms": {"a.selectors"}, "a.selectors": {"a.models"}, "a.models": {"a.intake"}, "a.intake": {"a.forms"}}
    assert cycles(edges) == [["a.forms", "a.selectors", "a.models", "a.intake"]]
    assert cycles({"a.x": {"a.y"}, "a.y": set()}) == []


# --------------------------------------------------------------------------- layer rules


def test_mix_imports_neither_django_nor_the_rest_of_participatiemix():
    bad = [
        str(i)
        for i in ALL_IMPORTS
        if _within(i.source, "participatiemix.mix")
        and (
            _within(i.target, "django")
            or (_within(i.target, "participatiemix") and not _within(i.target, "participatiemix.mix"))
        )
    ]
    assert bad == [], "mix/ moet pure Python blijven (geen Django, geen app):\n" + "\n".join(bad)


def test_documents_import_no_app():
    allowed = ("participatiemix.site.text",)
    bad = [
        str(i)
        for i in ALL_IMPORTS
        if _within(i.source, "participatiemix.documents")
        and any(_within(i.target, f"participatiemix.{app}") for app in APPS)
        and i.target not in allowed
    ]
    assert bad == [], "documents/ krijgt de gegevens aangereikt en importeert geen app:\n" + "\n".join(bad)


# --------------------------------------------------------------------------- cycles inside a package


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each as a sorted-rotation path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                strongconnect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(_as_path(component, edges))

    for node in sorted(edges):
        if node not in index:
            strongconnect(node)
    return found


def _as_path(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """One readable cycle through the component, starting at its first module by name."""
    members = set(component)
    start = min(component)
    path, node = [start], start
    while True:
        nxt = next((n for n in sorted(edges.get(node, ())) if n in members and n not in path), None)
        if nxt is None:
            return path
        path.append(nxt)
        node = nxt


def package_edges(package: str) -> tuple[dict[str, set[str]], dict[tuple[str, str], Import]]:
    edges: dict[str, set[str]] = {}
    how: dict[tuple[str, str], Import] = {}
    for imp in ALL_IMPORTS:
        inside = _within(imp.source, package) and _within(imp.target, package) and imp.target in MODULES
        # The package __init__ is always loaded first, so an import of it closes no circle.
        if inside and imp.source != imp.target and imp.target != package:
            edges.setdefault(imp.source, set()).add(imp.target)
            how.setdefault((imp.source, imp.target), imp)
    return edges, how


def _packages() -> list:
    names = ["mix", "documents", *APPS]
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason=KNOWN_CYCLES[name]) if name in KNOWN_CYCLES else (),
        )
        for name in names
    ]


@pytest.mark.parametrize("package", _packages())
def test_no_import_cycle_inside_a_package(package):
    edges, how = package_edges(f"participatiemix.{package}")
    found = cycles(edges)
    report = []
    for path in found:
        steps = [str(how[(a, b)]) for a, b in zip(path, path[1:] + path[:1], strict=True) if (a, b) in how]
        report.append(" -> ".join(m.rsplit(".", 1)[-1] for m in [*path, path[0]]) + "\n    " + "\n    ".join(steps))
    assert found == [], f"importcirkel in participatiemix/{package}/:\n" + "\n".join(report)
