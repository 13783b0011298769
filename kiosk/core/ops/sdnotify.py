"""Tell systemd how the kiosk is doing (``sd_notify(3)``), with the standard library only.

A unit with ``Type=notify`` hands the service a datagram socket in ``$NOTIFY_SOCKET``: a filesystem path, or
an abstract-namespace name written with a leading ``@``. The service sends newline-separated ``KEY=value``
lines to it: ``READY=1`` once it is really up (for the kiosk: the first frame is on screen), ``WATCHDOG=1``
at least every ``$WATCHDOG_USEC`` microseconds when the unit has ``WatchdogSec=`` (systemd kills and restarts
a service that stops sending it), ``STOPPING=1`` when it shuts down, and ``STATUS=...`` for ``systemctl
status``.

Outside systemd (a developer's shell, Windows, the tests without the variable) every call is a cheap no-op.
Sending never raises: a kiosk must not stop because its supervisor went away.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def socket_address(value: str | None) -> str | None:
    """The address to send to, from ``$NOTIFY_SOCKET``; ``@name`` is ``\\0name`` in the abstract namespace."""
    if not value:
        return None
    if value.startswith("@"):
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None  # vsock:... and other forms systemd may grow; not for a desktop kiosk


def watchdog_interval(environ: Mapping[str, str] | None = None, pid: int | None = None) -> float | None:
    """Seconds between ``WATCHDOG=1`` pings: half of ``$WATCHDOG_USEC`` as systemd recommends; None if off.

    ``$WATCHDOG_PID``, when set, names the process systemd expects the pings from; any other process (a
    child that inherited the environment) must not ping.
    """
    environ = os.environ if environ is None else environ
    usec = environ.get("WATCHDOG_USEC", "")
    watched_pid = environ.get("WATCHDOG_PID", "")
    if watched_pid and watched_pid != str(pid if pid is not None else os.getpid()):
        return None
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 2 / 1_000_000 if value > 0 else None


class Notifier:
    """Sends notifications to one ``$NOTIFY_SOCKET``; does nothing when there is none."""

    def __init__(self, address: str | None):
        self.address = address
        self._socket: socket.socket | None = None
        self._warned = False

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Notifier:
        environ = os.environ if environ is None else environ
        return cls(socket_address(environ.get("NOTIFY_SOCKET")))

    @property
    def enabled(self) -> bool:
        return self.address is not None and hasattr(socket, "AF_UNIX")

    def notify(self, *fields: str) -> bool:
        """Send ``KEY=value`` fields in one datagram. True if it was sent."""
        address = self.address
        if address is None or not self.enabled or not fields:
            return False
        message = "\n".join(fields).encode("utf-8")
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._socket.sendto(message, address)
        except OSError as exc:
            if not self._warned:  # once: a gone supervisor would otherwise fill the log every 15 s
                log.warning("could not notify systemd at %r: %s", self.address, exc)
                self._warned = True
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self, status: str | None = None) -> bool:
        return self.notify("STOPPING=1", *([f"STATUS={status}"] if status else []))

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
