"""``kiosk bench``'s bare window: one line of text in a Qt Quick window, started and timed to its first frame
exactly as the kiosk is (:mod:`kiosk.tools.perf.startup`), so the kiosk's start-up and memory can be read against
what any Qt Quick window costs from this Python, with this platform and scene-graph backend, at this size.

    python -m kiosk.tools.perf.baseline 1920x1080        (KIOSK_EXIT_AFTER_FIRST_FRAME=1 prints the marker, quits)

The benchmark runs it as a script (:func:`command`), not with ``-m``: ``-m`` imports the ``kiosk`` package, whose
``__version__`` reads the installed metadata (~40 ms), a cost of the kiosk and not of a bare window. The probe
(kiosk/qt/firstframe.py) is then loaded from its file, so both print the same marker with the same figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QML = HERE / "baseline.qml"
FIRSTFRAME = HERE.parent.parent / "qt" / "firstframe.py"


def command(size: tuple[int, int]) -> list[str]:
    """This interpreter running this file as a script, a window of ``size``."""
    return [sys.executable, str(Path(__file__).resolve()), f"{size[0]}x{size[1]}"]


def _probe():
    if "kiosk.qt.firstframe" in sys.modules:  # run with -m: the package is imported anyway
        return sys.modules["kiosk.qt.firstframe"]
    spec = importlib.util.spec_from_file_location("kiosk_bench_firstframe", FIRSTFRAME)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    width, height = (int(v) for v in (argv[0] if argv else "1280x720").lower().split("x"))
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(QML)))  # from a file, so the QML disk cache works as for the kiosk
    windows = engine.rootObjects()
    if not windows:
        print(f"baseline: {QML} did not load", file=sys.stderr)
        return 1
    window = windows[0]
    window.resize(width, height)
    probe = _probe()
    if probe.wanted():
        probe.exit_after_first_frame(app, window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
