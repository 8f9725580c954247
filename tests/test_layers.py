"""The project's own modules import each other one way: no circles, and every app only from the layers below.

The graph is read from the source (ast), not by importing it, so an import inside a function counts as
much as one at the top: hiding an import in a function leaves the circle in place, only later.
The layer order is written here and in docs/architecture.md; change both together.
"""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lowest first. A package may import itself and any package of a lower layer; two packages in one layer
# are independent of each other.
LAYERS = (
    ("common",),
    ("sources",),
    ("geography",),
    ("chronology",),
    ("lessons", "interchange"),
    ("live",),
    ("frontend",),
    ("config",),
)
PACKAGES = tuple(name for layer in LAYERS for name in layer)
LAYER_OF = {name: level for level, layer in enumerate(LAYERS) for name in layer}


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the project's packages under `root`, by dotted name."""
    modules = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path) -> list[tuple[str, int]]:
    """(dotted name, line) of every import in the file, at any depth, relative imports made absolute.

    `from a import b` names `a.b` (b may be a module) and `a`, which Python imports first."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            else:
                base = node.module
            names += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return names


def import_graph(root: Path = ROOT) -> dict[str, dict[str, int]]:
    """module → {project module it imports: the first line importing it}."""
    modules = module_files(root)
    graph = {}
    for module, path in modules.items():
        targets: dict[str, int] = {}
        for name, line in imported_names(module, path):
            # `from a import b`: the module a.b when there is one, else a (b is a name defined in a).
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.setdefault(name, line)
        graph[module] = targets
    return graph


def import_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Each circle as the modules it passes through, back to the first; one circle per tangle (Tarjan's)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    tangles = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            tangle = []
            while not tangle or tangle[-1] != module:
                tangle.append(stack.pop())
            if len(tangle) > 1:
                tangles.append(set(tangle))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [_circle_through(graph, tangle) for tangle in tangles]


def _circle_through(graph: dict[str, dict[str, int]], tangle: set[str]) -> list[str]:
    """One circle inside a tangle of modules that all reach each other: the shortest back to its first module."""
    start = min(tangle)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for target in sorted(graph[module]):
                if target == start:
                    return [*paths[module], start]
                if target in tangle and target not in paths:
                    paths[target] = [*paths[module], target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"{sorted(tangle)} is not a tangle")


def described(graph: dict[str, dict[str, int]], circle: list[str]) -> str:
    steps = [f"{module} (line {graph[module][target]})" for module, target in pairwise(circle)]
    return " → ".join([*steps, circle[-1]])


def layer_violations(graph: dict[str, dict[str, int]]) -> list[str]:
    problems = []
    for module, targets in sorted(graph.items()):
        app = module.split(".")[0]
        for target, line in sorted(targets.items()):
            other = target.split(".")[0]
            if other != app and LAYER_OF[other] >= LAYER_OF[app]:
                problems.append(f"{module} (line {line}) imports {target}: {app} may not import {other}")
    return problems


def test_no_module_of_the_project_imports_itself_in_a_circle():
    graph = import_graph()
    circles = [described(graph, circle) for circle in import_cycles(graph)]
    assert not circles, "import circles (move what both sides need into a module both import):\n" + "\n".join(circles)


def test_every_app_imports_only_from_the_layers_below_it():
    problems = layer_violations(import_graph())
    lowest_first = " < ".join(" | ".join(layer) for layer in LAYERS)
    assert not problems, f"layers are {lowest_first} (docs/architecture.md):\n" + "\n".join(problems)


def test_every_package_of_the_project_has_a_layer():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks"}
    assert packages == set(PACKAGES), "give each package a place in LAYERS (and in docs/architecture.md)"


@pytest.fixture
def project(tmp_path):
    """A small project of the same packages, to show the checks find what they are for."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")

    def write(module: str, text: str) -> None:
        (tmp_path / (module.replace(".", "/") + ".py")).write_text(text)

    return tmp_path, write


def test_a_circle_through_an_import_inside_a_function_is_named(project):
    root, write = project
    write("frontend.views", "from frontend.pages import steps\n")
    write("frontend.pages", "def steps():\n    from .views import helper\n")
    write("frontend.exports", "from frontend import views\n")
    graph = import_graph(root)
    assert [described(graph, circle) for circle in import_cycles(graph)] == [
        "frontend.pages (line 2) → frontend.views (line 1) → frontend.pages"
    ]


def test_an_app_importing_a_higher_layer_is_named(project):
    root, write = project
    write("chronology.models", "from sources.models import Source\n\n\ndef lessons():\n    import lessons.models\n")
    write("sources.models", "")
    write("lessons.models", "from chronology.models import Event\n")
    write("interchange.views", "from lessons import models\n")
    assert layer_violations(import_graph(root)) == [
        "chronology.models (line 5) imports lessons.models: chronology may not import lessons",
        "interchange.views (line 1) imports lessons.models: interchange may not import lessons",
    ]
