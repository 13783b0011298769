"""The start-up probe: with ``KIOSK_EXIT_AFTER_FIRST_FRAME=1``, ``kiosk run`` prints one line when its first
frame has been swapped to the screen, then quits.

``kiosk bench`` starts a fresh process with that variable set and reads the line::

    KIOSK_FIRST_FRAME {"monotonic": 12345.678, "cpu": 0.61, "vm_hwm_kb": 140000, "backend": "software"}

``monotonic`` is ``time.monotonic()`` at the first ``frameSwapped``; on Linux, macOS and Windows it is one
system-wide clock, so the parent subtracts the ``time.monotonic()`` it read just before starting the process.

The first frame shows the attract screen whole but for its picture, which is decoded beside it and appears a few
frames later. When the window holds the attract screen (an item named ``attract`` with a ``firstPictureShown``
property), the probe waits for the frame that first shows the picture, prints a second line with the same fields,
and only then quits (after at most :data:`PICTURE_TIMEOUT_S`)::

    KIOSK_PICTURE_SHOWN {"monotonic": 12345.7, "cpu": 0.68, "vm_hwm_kb": 151000, "backend": "software"}

The frame counter: with ``KIOSK_COUNT_FRAMES=1`` the kiosk keeps running and prints, once a second, how many
frames its window has swapped so far (``kiosk bench``'s idle part counts the frames a still screen renders)::

    KIOSK_FRAMES {"monotonic": 12346.0, "frames": 61, "cpu": 1.52, "pid": 4242, "backend": "opengl", ...}
"""

from __future__ import annotations

import json
import os
import sys
import time

ENV = "KIOSK_EXIT_AFTER_FIRST_FRAME"
MARKER = "KIOSK_FIRST_FRAME"
PICTURE_MARKER = "KIOSK_PICTURE_SHOWN"
PICTURE_TIMEOUT_S = 10.0
COUNT_ENV = "KIOSK_COUNT_FRAMES"
COUNT_MARKER = "KIOSK_FRAMES"
COUNT_INTERVAL_MS = 1000


def wanted() -> bool:
    return os.environ.get(ENV) == "1"


def counting_wanted() -> bool:
    return os.environ.get(COUNT_ENV) == "1"


def exit_after_first_frame(app, window) -> None:
    """Print the marker line at the window's first ``frameSwapped`` and, where there is an attract picture, at the
    first frame that shows it; then quit the event loop.

    The handlers are connected without a connection type: naming one (``Qt.ConnectionType.DirectConnection``)
    builds Qt's namespace, ~15 ms that a start without the probe does not spend (kiosk/qt), and the probe would
    count them in the start it measures. ``kiosk bench`` runs it offscreen with the software scene graph, which
    draws on the GUI thread, so they run as the frame is swapped; with a render thread they would run when the GUI
    thread got to them."""
    from PySide6.QtCore import QObject, QTimer

    def report(marker: str) -> None:
        info = {
            "monotonic": time.monotonic(),
            "cpu": time.process_time(),  # every thread of the process: less swayed by other work on the machine
            "vm_hwm_kb": peak_rss_kb(),
            "backend": scene_graph_backend(window),
        }
        print(f"{marker} {json.dumps(info)}", flush=True)

    def leave() -> None:
        # exit, not quit: a locked-down kiosk's window refuses the close that quit asks for first
        app.exit(0)

    attract = window.findChild(QObject, "attract")
    picture = {"synced": False}

    def synchronizing() -> None:
        if attract is not None and attract.property("firstPictureShown"):
            picture["synced"] = True

    def swapped() -> None:
        if "first" not in picture:
            picture["first"] = True
            report(MARKER)
            if attract is None:
                leave()
        elif picture["synced"] and "shown" not in picture:
            picture["shown"] = True
            report(PICTURE_MARKER)
            leave()

    window.frameSwapped.connect(swapped)
    if attract is not None:
        window.afterSynchronizing.connect(synchronizing)
        QTimer.singleShot(int(PICTURE_TIMEOUT_S * 1000), leave)


def count_frames(app, window, interval_ms: int = COUNT_INTERVAL_MS) -> None:
    """Count the window's ``frameSwapped`` and print the count every ``interval_ms`` (a marker line, flushed).

    The timer wakes the GUI thread once a second and prints a line: a few microseconds of CPU, no frame (Qt
    Quick renders only when the scene changed)."""
    from PySide6.QtCore import QTimer

    swapped = [0]

    def frame() -> None:  # may run on the render thread: only count (one bytecode under the GIL)
        swapped[0] += 1

    def report() -> None:
        info = {
            "monotonic": time.monotonic(),
            "frames": swapped[0],
            "cpu": time.process_time(),
            "pid": os.getpid(),
            "backend": scene_graph_backend(window),
            "platform": app.platformName(),
            "size": [window.width(), window.height()],
        }
        print(f"{COUNT_MARKER} {json.dumps(info)}", flush=True)

    window.frameSwapped.connect(frame)
    timer = QTimer(app)  # the application owns it: it lives as long as the event loop
    timer.setInterval(interval_ms)
    timer.timeout.connect(report)
    timer.start()


def peak_rss_kb() -> int:
    """The process's peak resident set (VmHWM) in kB; ru_maxrss where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak
    except ImportError:  # Windows
        return 0


def scene_graph_backend(window) -> str:
    """What draws the window: "software", "opengl", "vulkan", "metal", "d3d11", ... (Qt's names)."""
    try:
        return window.rendererInterface().graphicsApi().name.lower()
    except Exception:  # reporting, not running: never fail the probe over a name
        from PySide6.QtQuick import QQuickWindow

        return QQuickWindow.sceneGraphBackend() or "default"
