"""The architecture holds: the core never imports Qt (checked by importing it for real), import-linter's
contracts (pyproject.toml: the core's purity, the layers cli > tools > app > qt > core, independent core
features), no import cycles, not even through imports inside functions, and one place that knows whether the
kiosk is frozen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter: this test process has Qt loaded already (pytest-qt imports it).
IMPORT_EVERY_CORE_MODULE = """
import importlib, json, pkgutil, sys
import kiosk.core

def qt_loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "qtawesome", "qtpy"))

names = [m.name for m in pkgutil.walk_packages(kiosk.core.__path__, "kiosk.core.")]
first_offender = None
for name in names:
    importlib.import_module(name)
    if first_offender is None and qt_loaded():
        first_offender = name
print(json.dumps({"modules": names, "qt": qt_loaded(), "first_offender": first_offender}))
"""


def test_importing_the_core_loads_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_CORE_MODULE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert "kiosk.core.ops.config" in report["modules"]
    assert report["qt"] == [], f"{report['first_offender']} loads {report['qt']}"


def test_import_linter_contracts_hold() -> None:
    beside_python = Path(sys.executable).with_name("lint-imports")
    executable = str(beside_python) if beside_python.exists() else shutil.which("lint-imports")
    if executable is None:
        pytest.skip("lint-imports is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [executable, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def import_cycles(graph) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's strongly connected
    components of size > 1, or a module importing itself)."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowlink[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                lowlink[module] = min(lowlink[module], lowlink[imported])
            elif imported in on_stack:
                lowlink[module] = min(lowlink[module], index[imported])
        if lowlink[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycles_not_even_through_imports_inside_functions() -> None:
    """An import inside a function hides a cycle from import-linter's layers and from Python until it runs;
    grimp reads every import statement, wherever it sits."""
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (pip install -e '.[test]')")
    graph = grimp.build_graph("kiosk", cache_dir=None)
    assert import_cycles(graph) == []


def test_only_kiosk_paths_asks_whether_the_kiosk_is_frozen() -> None:
    """One place knows whether the kiosk runs from an installed build (kiosk.paths.is_frozen): a second way of
    asking drifts from it, as a check of sys.frozen alone, which is True in other freezers too, would."""
    package = REPO / "kiosk"
    questions = ('sys, "frozen"', "sys.frozen", "_MEIPASS")
    askers = sorted(
        str(source.relative_to(REPO))
        for source in package.rglob("*.py")
        if source != package / "paths.py"
        and any(question in source.read_text(encoding="utf-8") for question in questions)
    )
    assert askers == []
