"""The kiosk as a supervised service: systemd's readiness and watchdog, and a clean stop on SIGTERM.

* ``READY=1`` goes out when the first frame has been swapped to the screen, so ``systemctl start`` (and
  anything ordered after the unit) waits for pixels, not for the process.
* ``WATCHDOG=1`` goes out from a timer on the GUI thread's event loop, at half of ``$WATCHDOG_USEC``: if the
  event loop hangs (a QML binding loop, a deadlock), the pings stop and systemd restarts the kiosk.
* ``STOPPING=1`` goes out when the application is about to quit.
* SIGTERM and SIGINT end the event loop instead of killing the process mid-frame, so the log and the
  analytics database are closed properly. Python only runs signal handlers when it gets control, which a Qt
  event loop sitting in C++ never gives it; ``signal.set_wakeup_fd`` wakes the loop through a socket.

Without ``$NOTIFY_SOCKET`` (not under systemd) the notifications are no-ops; the signal handling stays.
"""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from kiosk.core.ops.sdnotify import Notifier, watchdog_interval
from kiosk.qt import firstframe
from kiosk.qt.window import FirstFrame

log = logging.getLogger(__name__)


def install_service(kiosk_app, *, status: str) -> ServiceHooks:
    """The running kiosk as a service: systemd's notifications, SIGTERM/SIGINT and the staff Exit end the event
    loop with 0, and ``kiosk bench``'s first-frame probe and frame counter when it asks for them
    (kiosk.qt.firstframe)."""
    app = kiosk_app.app
    # exit(), not quit(): Qt 6's quit() first asks every window to close, and a locked-down window refuses.
    kiosk_app.kiosk.staff.exitRequested.connect(lambda: app.exit(0))
    if firstframe.wanted():
        firstframe.exit_after_first_frame(app, kiosk_app.window)
    if firstframe.counting_wanted():
        firstframe.count_frames(app, kiosk_app.window)
    hooks = ServiceHooks(app, kiosk_app.first_frame, status=status)
    kiosk = kiosk_app.kiosk
    # systemctl status shows the content shown now, not the one the kiosk started with
    kiosk.contentChanged.connect(lambda: hooks.notifier.status(f"content {kiosk.content.content_hash}"))
    return hooks


class ServiceHooks(QObject):
    """Attach to the running application and its window once, in ``app.run``."""

    def __init__(self, app, first_frame: FirstFrame | None, notifier: Notifier | None = None, *, status: str = ""):
        super().__init__()
        self.notifier = notifier or Notifier.from_environ()
        self._status = status
        self.ready_sent = False
        self.watchdog_timer: QTimer | None = None
        if first_frame is not None:
            first_frame.shown.connect(self._first_frame)
        app.aboutToQuit.connect(self._stopping)
        interval = watchdog_interval()
        if interval and self.notifier.enabled:
            self.watchdog_timer = QTimer(self)
            self.watchdog_timer.setInterval(max(100, int(interval * 1000)))
            self.watchdog_timer.timeout.connect(self.notifier.watchdog)
            self.watchdog_timer.start()
            log.info("systemd watchdog: pinging every %.1f s", interval)
        self._signals = _QuitOnSignals(app)

    def _first_frame(self) -> None:
        self.ready_sent = True
        if self.notifier.ready(self._status or None):
            log.info("told systemd the kiosk is ready (first frame shown)")

    def _stopping(self) -> None:
        if self.watchdog_timer is not None:
            self.watchdog_timer.stop()
        if self._signals.received:
            log.info("received %s: stopping", self._signals.received)
        self.notifier.stopping()

    def close(self) -> None:
        self._signals.close()
        self.notifier.close()


class _QuitOnSignals:
    """SIGTERM/SIGINT end ``app.exec()`` normally (exit code 0) instead of killing the process."""

    def __init__(self, app):
        self._app = app
        self.received: str | None = None  # the name of the signal that stopped the kiosk, if one did
        self._previous: dict[int, object] = {}
        self._notifier: QSocketNotifier | None = None
        self._old_wakeup_fd = -1
        self._reader, self._writer = socket.socketpair()
        for sock in (self._reader, self._writer):
            sock.setblocking(False)
        try:
            self._old_wakeup_fd = signal.set_wakeup_fd(self._writer.fileno())
        except ValueError:  # not the main thread (a test harness): leave signals alone
            self._reader.close()
            self._writer.close()
            self._reader = self._writer = None  # type: ignore[assignment]
            return
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        for number in (signal.SIGTERM, signal.SIGINT):
            self._previous[number] = signal.signal(number, self._quit)

    def _drain(self) -> None:
        # The bytes only wake the loop; the Python-level handler (_quit) runs as soon as Python has control.
        try:
            while self._reader.recv(64):
                pass
        except OSError:
            pass

    def _quit(self, number: int, _frame) -> None:
        # No logging here: the handler runs between two bytecodes of whatever the main thread was doing, which
        # may be a log call writing to the same stream ("reentrant call inside BufferedWriter"). Ask the event
        # loop to quit and let aboutToQuit say why.
        self.received = signal.Signals(number).name
        # exit(), not quit(): Qt 6's quit() asks every window to close first, and a locked-down kiosk's window
        # refuses (Main.qml onClosing), which cancels the quit. Queued: also right before the loop has started.
        QTimer.singleShot(0, lambda: self._app.exit(0))

    def close(self) -> None:
        if self._reader is None:
            return
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._old_wakeup_fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
        self._reader = self._writer = None  # type: ignore[assignment]
