"""The kiosk under systemd: READY=1 at the first frame, WATCHDOG=1 from the event loop, SIGTERM quits cleanly."""

from __future__ import annotations

import os
import signal
import socket
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from kiosk.core.ops.sdnotify import Notifier
from kiosk.qt.service import ServiceHooks, _QuitOnSignals
from kiosk.qt.window import FirstFrame


@pytest.fixture
def systemd():
    path = Path("/tmp") / f"kiosk-service-{uuid.uuid4().hex[:12]}.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.setblocking(False)
    yield server, str(path)
    server.close()
    path.unlink(missing_ok=True)


def drain(server: socket.socket) -> list[str]:
    messages = []
    while True:
        try:
            messages += server.recv(4096).decode().split("\n")
        except BlockingIOError:
            return messages


class FakeApp(QObject):
    aboutToQuit = Signal()  # noqa: N815 (QCoreApplication's name)

    def __init__(self):
        super().__init__()
        self.exit_codes: list[int] = []

    def exit(self, code: int) -> None:
        self.exit_codes.append(code)


def test_ready_after_the_first_frame_then_watchdog_pings(kiosk_app, systemd, qtbot, monkeypatch) -> None:
    server, address = systemd
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # a ping every 0.1 s
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    app = FakeApp()  # stands in for QApplication: the test must not quit pytest-qt's
    # the kiosk's window has shown its first frame already: the hooks wait for the next one, as for a first
    first_frame = FirstFrame(kiosk_app.window)
    hooks = ServiceHooks(app, first_frame, Notifier(address), status="content abc")
    try:
        kiosk_app.window.update()
        qtbot.waitUntil(lambda: hooks.ready_sent, timeout=5000)
        received: list[str] = []
        qtbot.waitUntil(lambda: received.extend(drain(server)) or received.count("WATCHDOG=1") >= 2, timeout=5000)
        assert received[:2] == ["READY=1", "STATUS=content abc"]
        app.aboutToQuit.emit()
        qtbot.waitUntil(lambda: received.extend(drain(server)) or "STOPPING=1" in received, timeout=2000)
        assert not hooks.watchdog_timer.isActive()
    finally:
        hooks.close()


def test_no_watchdog_timer_without_watchdog_usec(kiosk_app, systemd, monkeypatch) -> None:
    _server, address = systemd
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    hooks = ServiceHooks(FakeApp(), None, Notifier(address))
    try:
        assert hooks.watchdog_timer is None
    finally:
        hooks.close()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_quit_the_event_loop_instead_of_killing(qapp, qtbot, number) -> None:
    app = FakeApp()
    original = signal.getsignal(number)
    handler = _QuitOnSignals(app)
    try:
        os.kill(os.getpid(), number)
        qtbot.waitUntil(lambda: app.exit_codes == [0], timeout=3000)
        assert handler.received == signal.Signals(number).name
    finally:
        handler.close()
    assert signal.getsignal(number) == original  # restored to what it was before the hooks


def test_the_status_follows_a_content_reload(kiosk_app, content_root, systemd, monkeypatch) -> None:
    from contentkit import retitle
    from kioskfixtures import load

    from kiosk.qt.service import install_service

    server, address = systemd
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    started_with = kiosk_app.kiosk.content.content_hash
    hooks = install_service(kiosk_app, status=f"content {started_with}")
    try:
        retitle(content_root, "A Letter Kept Under Lock and Key")
        updated = load(content_root)
        kiosk_app.kiosk.set_content(updated)
        assert updated.content_hash != started_with
        assert f"STATUS=content {updated.content_hash}" in drain(server)
    finally:
        hooks.close()
