"""sd_notify over a real AF_UNIX datagram socket, as systemd provides it (a path, or the abstract namespace)."""

from __future__ import annotations

import os
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.ops import sdnotify

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no AF_UNIX sockets here")


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    """A bound datagram socket standing in for systemd, and the $NOTIFY_SOCKET value naming it."""
    # AF_UNIX paths are limited to ~107 bytes; pytest's tmp_path can be longer than that.
    path = Path("/tmp") / f"kiosk-notify-{uuid.uuid4().hex[:12]}.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(2)
    yield server, str(path)
    server.close()
    path.unlink(missing_ok=True)


def received(server: socket.socket) -> list[str]:
    return server.recv(4096).decode("utf-8").split("\n")


def test_ready_watchdog_status_and_stopping_reach_the_socket(listener) -> None:
    server, address = listener
    notifier = sdnotify.Notifier.from_environ({"NOTIFY_SOCKET": address})
    assert notifier.enabled
    assert notifier.ready(status="showing the exhibit")
    assert received(server) == ["READY=1", "STATUS=showing the exhibit"]
    assert notifier.watchdog()
    assert received(server) == ["WATCHDOG=1"]
    assert notifier.status("content abc123")
    assert received(server) == ["STATUS=content abc123"]
    assert notifier.stopping()
    assert received(server) == ["STOPPING=1"]
    notifier.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the abstract namespace is Linux-only")
def test_abstract_namespace_address_with_at_sign() -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind("\0" + name)
    server.settimeout(2)
    try:
        notifier = sdnotify.Notifier.from_environ({"NOTIFY_SOCKET": "@" + name})
        assert notifier.address == "\0" + name
        assert notifier.ready()
        assert received(server) == ["READY=1"]
    finally:
        server.close()


def test_without_notify_socket_every_call_is_a_no_op() -> None:
    notifier = sdnotify.Notifier.from_environ({})
    assert not notifier.enabled
    assert notifier.ready() is False
    assert notifier.watchdog() is False
    assert notifier.stopping() is False


def test_a_vanished_supervisor_is_logged_once_and_never_raises(tmp_path: Path, caplog) -> None:
    notifier = sdnotify.Notifier(str(tmp_path / "gone.sock"))
    assert notifier.ready() is False
    assert notifier.watchdog() is False
    warnings = [r for r in caplog.records if "could not notify systemd" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("/run/systemd/notify", "/run/systemd/notify"), ("@x", "\0x"), ("vsock:2:9", None)],
)
def test_socket_address(value, expected) -> None:
    assert sdnotify.socket_address(value) == expected


def test_watchdog_interval_is_half_the_timeout() -> None:
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert sdnotify.watchdog_interval({}) is None
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "0"}) is None
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "soon"}) is None


def test_watchdog_is_only_for_the_process_systemd_named() -> None:
    me = os.getpid()
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "2000000", "WATCHDOG_PID": str(me)}) == 1.0
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "2000000", "WATCHDOG_PID": str(me + 1)}) is None
