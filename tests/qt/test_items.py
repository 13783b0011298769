"""The item toolkit (kiosk/qt/items.py) is part of the installed build, which leaves QtTest out: importing it must
not import QtTest; only touching the window does."""

from __future__ import annotations

import subprocess
import sys


def test_the_toolkit_imports_without_qttest() -> None:
    code = (
        "import sys, kiosk.qt.items, kiosk.qt.proof.viewstates, kiosk.qt.proof.scene; "
        "sys.exit('PySide6.QtTest' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
