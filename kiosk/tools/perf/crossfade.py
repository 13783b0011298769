"""``kiosk bench``'s bare crossfade: two full-screen pictures in a Qt Quick window, faded one into the other for as
long as the kiosk's screen change lasts, with the same platform and scene-graph backend, at the same size. The
kiosk's screen changes are read against it: what a full-screen change costs on this machine when it draws two
pictures at every frame (the kiosk's dip through the paper draws one screen and a veil), and what no screen change
of two whole screens could beat (with the software renderer at 3840x2160 on two cores, even this misses 60 Hz).

    python kiosk/tools/perf/crossfade.py 3840x2160     (prints one KIOSK_BENCH_CROSSFADE line of JSON)

Run as a script, like :mod:`kiosk.tools.perf.baseline`, so that nothing of the kiosk is in the process but the frame
clock and the statistics (:mod:`kiosk.tools.perf.frames`, :mod:`kiosk.tools.perf.stats`).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the kiosk's checkout (or site-packages) on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

MARKER = "KIOSK_BENCH_CROSSFADE"
QML = Path(__file__).resolve().with_name("crossfade.qml")
SCREEN_CHANGE_MS = 240  # the kiosk's screen change (Theme.normal, the stage's dip in kiosk/qml/Main.qml)
FADES = 12
QUIET_SECONDS = 0.25  # as the tour (kiosk.tools.perf.tour): no frame for this long, the fade is over
SETTLE_TIMEOUT = 3.0
TIMEOUT_SECONDS = 120


def command(size: tuple[int, int]) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), f"{size[0]}x{size[1]}"]


def measure(size: tuple[int, int]) -> dict:
    """A fresh process: its crossfades' frame intervals, as ``frames`` (:func:`kiosk.tools.perf.stats.frame_summary`)
    and every one in ``intervals_ms``; or ``error``."""
    from kiosk.tools.perf.startup import _tail

    done = subprocess.run(
        command(size), capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT_SECONDS,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(MARKER + " "):
            return json.loads(line[len(MARKER) + 1 :])
    return {"error": f"exit code {done.returncode} without a result" + _tail(done.stderr)}


def _pictures(folder: Path, size: tuple[int, int]) -> list[Path]:
    """Two photograph-like pictures at the screen's size (gradients and shapes, so nothing is a flat fill)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    width, height = size
    out = []
    for index, (top, bottom) in enumerate((("#3b2f25", "#c9b28f"), ("#1d2b33", "#8fa9b8"))):
        image = QImage(width, height, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        gradient = QLinearGradient(QPointF(0, 0), QPointF(width, height))
        gradient.setColorAt(0, QColor(top))
        gradient.setColorAt(1, QColor(bottom))
        painter.fillRect(image.rect(), gradient)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for n in range(40):
            painter.setBrush(QColor.fromHsv((n * 37 + index * 90) % 360, 60, 200, 90))
            radius = height * (0.05 + (n % 7) * 0.02)
            painter.drawEllipse(QRectF((n * 0.137 % 1) * width, (n * 0.311 % 1) * height, radius, radius))
        painter.end()
        path = folder / f"picture-{index}.jpg"
        image.save(str(path), "JPEG", 90)
        out.append(path)
    return out


def main(argv: list[str]) -> int:
    width, height = (int(v) for v in (argv[0] if argv else "1920x1080").lower().split("x"))
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    from kiosk.qt import items
    from kiosk.qt.firstframe import scene_graph_backend
    from kiosk.tools.perf import stats
    from kiosk.tools.perf.frames import FrameClock

    app = QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="kiosk-crossfade-") as tmp:
        first, second = _pictures(Path(tmp), (width, height))
        engine = QQmlApplicationEngine()
        engine.setInitialProperties(
            {
                "first": QUrl.fromLocalFile(str(first)),
                "second": QUrl.fromLocalFile(str(second)),
                "duration": SCREEN_CHANGE_MS,
            }
        )
        engine.load(QUrl.fromLocalFile(str(QML)))
        window = engine.rootObjects()[0]
        window.resize(width, height)
        clock = FrameClock(window)
        window.show()
        if not items.wait_until(lambda: window.property("ready"), 10.0):
            print("crossfade: the pictures did not load", file=sys.stderr)
            return 1
        clock.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
        intervals: list[float] = []
        for fade in range(FADES):
            since = time.perf_counter()
            window.setProperty("showSecond", fade % 2 == 0)
            end = clock.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
            times = clock.between(since, end)
            intervals += [b - a for a, b in itertools.pairwise(times)]
        result = {
            "screen": f"{width}x{height}",
            "fades": FADES,
            "duration_ms": SCREEN_CHANGE_MS,
            "scene_graph": scene_graph_backend(window),
            "frames": stats.frame_summary(intervals),
            "intervals_ms": [round(1000 * v, 2) for v in intervals],
        }
        clock.close()
        window.hide()
    print(f"{MARKER} {json.dumps(result)}", flush=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
