"""The item toolkit (kiosk/qt/items.py) is part of the installed build: importing it must not import what touches
the window. Touches and keys reach a window's QML through Qt's window-system interface (kiosk/qt/synthetic_input.py)
as a touchscreen's and a keyboard's do, without QtTest, whose QtWidgets no kiosk maps (checked in a process of its
own: what the test process imported would hide it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DRIVEN = """
import json, os, sys
import kiosk.qt
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickView
from kiosk.qt import items

app = QGuiApplication(sys.argv)
view = QQuickView(QUrl.fromLocalFile(sys.argv[1]))
view.show()
view.requestActivate()
items.pump(0.1)
items.touch(view, "press", {0: QPoint(10, 10), 1: QPoint(300, 200)})
items.touch_mixed(view, {0: ("move", QPoint(20, 30)), 1: ("stationary", None)})
items.touch_mixed(view, {0: ("release", QPoint(20, 30)), 1: ("stationary", None)})
items.touch(view, "release", {1: QPoint(300, 200)})
items.key(view, Qt.Key.Key_A)
items.key(view, Qt.Key.Key_Return)
items.key(view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
items.pump(0.1)
with open(f"/proc/{os.getpid()}/maps") as maps:
    mapped = maps.read()
print(json.dumps({
    "heard": view.rootObject().property("heard").toVariant(),
    "widgets_mapped": "libQt6Widgets" in mapped,
    "modules": sorted(name for name in sys.modules if name.startswith(("PySide6.QtTest", "PySide6.QtWidgets"))),
}))
"""

RECORDER = """
import QtQuick
Rectangle {
    width: 400; height: 300
    focus: true
    property var heard: []
    function points(touches) { return touches.map(p => Math.round(p.x) + "," + Math.round(p.y)).join(" ") }
    MultiPointTouchArea {
        anchors.fill: parent
        mouseEnabled: false
        onPressed: (touches) => heard.push("pressed " + points(touches))
        onUpdated: (touches) => heard.push("moved " + points(touches))
        onReleased: (touches) => heard.push("released " + points(touches))
    }
    Keys.onPressed: (event) => heard.push("key " + event.key + " " + event.modifiers + " " + JSON.stringify(event.text))
    Shortcut { sequence: "Ctrl+Q"; onActivated: heard.push("shortcut") }
}
"""


def test_the_toolkit_imports_nothing_that_touches() -> None:
    code = (
        "import sys, kiosk.qt.items, kiosk.qt.proof.viewstates, kiosk.qt.proof.scene; "
        "sys.exit(bool({'PySide6.QtTest', 'kiosk.qt.synthetic_input'} & set(sys.modules)))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_touches_and_keys_reach_the_window_as_a_touchscreens_and_a_keyboards_without_qtwidgets(tmp_path: Path) -> None:
    recorder = tmp_path / "Recorder.qml"
    recorder.write_text(RECORDER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", DRIVEN, str(recorder)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["heard"] == [
        "pressed 10,10 300,200",
        "moved 20,30 300,200",  # the finger that stays down is where it was (QtTest's was at -2,-2)
        "released 20,30",
        "moved 300,200",
        "released 300,200",
        "key 65 0 \"a\"",
        "key 16777220 0 \"\\r\"",
        "key 16777249 67108864 \"\"",  # Ctrl, pressed before the chord's key
        "shortcut",  # Ctrl+Q, tried as a shortcut before it was delivered: as a keyboard's
    ]
    assert found["widgets_mapped"] is False and found["modules"] == []
