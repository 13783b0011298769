"""The core never imports Qt: checked by importing it for real, and by import-linter's static contract."""

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
