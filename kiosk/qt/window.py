"""The window's first frame, told once to everything that waits for it.

Three things start at the first frame rather than at start-up: watching input (kiosk.qt.input), telling systemd
the kiosk is ready (kiosk.qt.service) and the status file's screen and content check (kiosk.qt.status).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QWindow


class FirstFrame(QObject):
    """Emits :attr:`shown` once, on the GUI thread, when ``window`` has swapped its first frame to the screen."""

    shown = Signal()

    def __init__(self, window: QWindow, parent: QObject | None = None):
        super().__init__(parent)
        self.seen = False
        # Not single-shot: naming Qt.ConnectionType builds Qt's namespace, which the first frame does without
        # (kiosk/qt). From a render thread the call is queued to this object's thread, the GUI thread. The
        # connection is kept rather than the window: a wrapper of the window kept here outlived the window in the
        # tests and, freed by the garbage collector, took the screen a later window was opened on with it.
        self._connection = window.frameSwapped.connect(self._swapped)

    @Slot()
    def _swapped(self) -> None:
        if self.seen:  # a second frame's call, queued before the first was handled
            return
        self.seen = True
        QObject.disconnect(self._connection)
        self.shown.emit()
