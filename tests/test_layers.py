"""The layers the README promises, checked on the source: who may import whom, and no import cycles.

The import graph is read from the AST of every module under src/plan_desktop,
counting every ``import`` statement wherever it stands (inside functions and
``if TYPE_CHECKING:`` blocks too: a lazy import is still a dependency).
``from package import name`` counts as an import of the submodule when
*name* is one. Importing a submodule does not count as importing its
package's ``__init__``.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "plan_desktop"

# Which parts of the package each part may import (besides itself). "base" is
# plan_desktop/__init__ (names, version) and paths.py (where files live).
BASE = {"plan_desktop", "paths"}
# fileops.py: replacing/renaming files the way Windows allows; every part that writes files uses it.
FILES = {"fileops"}
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "storage": {"domain", "paths"} | FILES,  # paths: where the bundled seed lives (storage/bundled.py)
    "reports": {"domain"} | BASE | FILES,
    "exchange": {"domain", "storage"} | FILES,
    "document": {"domain", "storage", "qt_compat", "collector"} | FILES,
    "ui": {"document", "domain", "reports", "exchange", "qt_compat"} | BASE | FILES,
    # qt_compat: the window's start loads Qt's libraries early (qt_compat imports PySide6 only in functions)
    "cli": {"domain", "storage", "reports", "exchange", "app", "selftest", "collector", "qt_compat",
            "startup_code", "qt_enums"} | BASE | FILES,
    "app": {"document", "ui", "collector", "startup_code"} | BASE | FILES,
    "selftest": {"domain", "storage", "reports"} | BASE,
    "__main__": {"cli"},
    "paths": {"plan_desktop"} | FILES,
    "fileops": set(),
    "qt_compat": {"qt_enums"},
    # qt_enums.py: PySide6's enum classes made faster (installed by cli and qt_compat); the standard library only.
    "qt_enums": set(),
    # collector.py: the garbage collector paused while the window starts (cli), resumed (app), thawed (document).
    "collector": set(),
    # startup_code.py: what start-up compiles at run time, kept between starts (installed by cli, saved by app);
    # BASE: the packaged app's folder (paths) and the package whose classes the build compiles ahead.
    "startup_code": FILES | BASE,
    "plan_desktop": set(),
}
# Third-party modules only some parts may use.
QT_FREE = {"domain", "storage", "reports", "exchange", "cli", "selftest", "paths", "fileops", "collector",
           "startup_code", "qt_enums"}
SQL_MODULES = {"sqlite3", "sqlite_utils"}  # only storage/ talks to SQLite


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


@cache
def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        name, is_package = _module_name(path)
        out[name] = (path, is_package)
    return out


def _imported_names(name: str) -> list[tuple[str, int]]:
    """(absolute module name, line) of every import in module *name*, ours and third-party."""
    path, is_package = _modules()[name]
    package = name if is_package else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                out.append((sub if sub in _modules() else module, node.lineno))
    return out


def _own(target: str) -> str | None:
    """The module of ours that importing *target* loads (its longest known prefix)."""
    while target:
        if target in _modules():
            return target
        target = target.rpartition(".")[0]
    return None


@cache
def import_graph() -> dict[str, frozenset[str]]:
    graph = {}
    for name in _modules():
        targets = {_own(t) for t, _ in _imported_names(name) if t.split(".")[0] == ROOT}
        graph[name] = frozenset(t for t in targets if t and t != name)
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def import_cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def layer_breaches(graph: dict[str, frozenset[str]]) -> set[tuple[str, str]]:
    out = set()
    for module, targets in graph.items():
        part = _part(module)
        for target in targets:
            other = _part(target)
            if other != part and other not in ALLOWED[part]:
                out.add((module, target))
    return out


def test_every_part_of_the_package_has_a_layer_rule():
    assert {_part(m) for m in _modules()} <= set(ALLOWED)


def test_no_import_cycles():
    assert import_cycles(import_graph()) == []


def test_layers_import_only_downwards():
    """ui -> document -> storage -> domain; reports -> domain; exchange -> storage; only app wires the ui."""
    assert layer_breaches(import_graph()) == set()


def test_qt_stays_out_of_the_headless_parts():
    offenders = [f"{name}:{line} {target}" for name in _modules() if _part(name) in QT_FREE
                 for target, line in _imported_names(name) if target.split(".")[0] == "PySide6"]
    assert offenders == []


def test_only_storage_talks_to_sqlite():
    offenders = {name for name in _modules() if _part(name) != "storage"
                 for target, _ in _imported_names(name) if target.split(".")[0] in SQL_MODULES}
    assert offenders == set()


def test_the_cycle_finder_sees_a_lazy_import_both_ways():
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset({"a"})}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_the_layer_rule_sees_the_ui_reaching_storage():
    graph = {"plan_desktop.ui.x": frozenset({"plan_desktop.storage.database", "plan_desktop.document.plan_document"}),
             "plan_desktop.reports.y": frozenset({"plan_desktop.storage.repository"})}
    assert layer_breaches(graph) == {("plan_desktop.ui.x", "plan_desktop.storage.database"),
                                     ("plan_desktop.reports.y", "plan_desktop.storage.repository")}
