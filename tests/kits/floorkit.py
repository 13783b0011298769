"""The kiosk as the gallery floor runs it: a real X server (Xvfb), the kiosk fullscreen and locked down in its
own process, input sent with xdotool, the screen read back from Xvfb's framebuffer file.

Nothing here reaches into the kiosk's objects: what a test knows, it learns as a visitor, a technician or a
service manager would — from the screen, the process's exit, the log and the analytics database.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageStat

from kiosk.core.visit.pin import hash_pin
from kiosk.tools.perf.idle import PrivateX, differs

REPO = Path(__file__).resolve().parents[2]
STAFF_PIN = "2468"


def missing_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


class FakeSystemd:
    """A datagram socket standing in for systemd's notification socket ($NOTIFY_SOCKET)."""

    def __init__(self):
        self.path = Path("/tmp") / f"kiosk-notify-{uuid.uuid4().hex[:12]}.sock"
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(str(self.path))
        self.messages: list[str] = []

    def wait_for(self, field: str, timeout: float, process: subprocess.Popen | None = None) -> float:
        """Seconds until a datagram holding ``field`` arrived."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if process is not None and process.poll() is not None:
                raise AssertionError(f"the kiosk exited with {process.returncode} before {field}")
            self.socket.settimeout(0.5)
            try:
                message = self.socket.recv(4096).decode()
            except TimeoutError:
                continue
            self.messages.append(message)
            if field in message.split("\n"):
                return time.monotonic() - started
        raise AssertionError(f"no {field} within {timeout} s; got {self.messages}")

    def close(self) -> None:
        self.socket.close()
        self.path.unlink(missing_ok=True)


class XServer(PrivateX):
    """Xvfb on a display number of its own choosing, its framebuffer in a file (kiosk bench's, with what the
    tests do to it besides tapping: keys, and asking windows to close)."""

    def __init__(self, folder: Path, width: int = 1920, height: int = 1080):
        super().__init__(folder, (width, height))

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=self.display), check=True, timeout=30)

    def ask_windows_to_close(self) -> int:
        """Send WM_DELETE_WINDOW to every top-level window, as a window manager does for Alt+F4 or its close
        button; returns how many windows were asked."""
        x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XInternAtom.restype = ctypes.c_ulong
        for name in ("XDefaultRootWindow", "XInternAtom", "XQueryTree", "XSendEvent", "XFlush", "XCloseDisplay"):
            getattr(x11, name).argtypes = None
        display = ctypes.c_void_p(x11.XOpenDisplay(self.display.encode()))
        try:
            root = ctypes.c_ulong(x11.XDefaultRootWindow(display))
            protocols = x11.XInternAtom(display, b"WM_PROTOCOLS", False)
            delete = x11.XInternAtom(display, b"WM_DELETE_WINDOW", False)
            root_out, parent_out = ctypes.c_ulong(), ctypes.c_ulong()
            children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
            x11.XQueryTree(display, root, ctypes.byref(root_out), ctypes.byref(parent_out), ctypes.byref(children),
                           ctypes.byref(count))
            for index in range(count.value):
                event = _ClientMessage(type=33, send_event=True, display=display, window=children[index],
                                       message_type=protocols, format=32)
                event.data[0], event.data[1] = delete, 0  # the atom, CurrentTime
                x11.XSendEvent(display, ctypes.c_ulong(children[index]), False, 0, ctypes.byref(event))
            x11.XFlush(display)
            return count.value
        finally:
            x11.XCloseDisplay(display)


class _ClientMessage(ctypes.Structure):
    """Xlib's XClientMessageEvent, padded to the size of an XEvent."""

    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 12)]


def is_blank(frame: Image.Image) -> bool:
    return max(ImageStat.Stat(frame.convert("L")).stddev) < 2


@dataclass
class Visit:
    end_reason: str | None


class KioskProcess:
    """`kiosk run` as the installed service starts it: no --windowed, so fullscreen and locked down."""

    def __init__(self, x: XServer, home: Path, *, command: list[str] | None = None, args: tuple[str, ...] = (),
                 env_extra: dict[str, str] | None = None):
        self.x = x
        self.home = home
        config = home / "kiosk.toml"
        config.write_text(f'[staff]\npin_hash = "{hash_pin(STAFF_PIN)}"\n', encoding="utf-8")
        self.systemd = FakeSystemd()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_", "NOTIFY_", "WATCHDOG_"))}
        env.update(
            DISPLAY=x.display, QT_QPA_PLATFORM="xcb", NOTIFY_SOCKET=str(self.systemd.path),
            XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
            XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
        )
        env.update(env_extra or {})
        self.output = home / "output.txt"
        with self.output.open("ab") as sink:
            self.process = subprocess.Popen(
                [*(command or [sys.executable, "-m", "kiosk", "run"]), "--config", str(config), *args],
                env=env, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 60) -> float:
        return self.systemd.wait_for("READY=1", timeout, self.process)

    def wait_screen(self, changed_from: Image.Image, timeout: float = 10, share: float = 0.05) -> Image.Image:
        """The screen once at least ``share`` of its pixels differ from ``changed_from``."""
        deadline = time.monotonic() + timeout
        frame = self.x.screen()
        while differs(changed_from, frame) < share:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen did not change within {timeout} s\n{self.log_tail()}")
            time.sleep(0.2)
            frame = self.x.screen()
        return frame

    def settle(self, quiet: float = 1.0, timeout: float = 15) -> Image.Image:
        """The screen once it stopped changing (the attract's slow pan moves little in a second)."""
        deadline = time.monotonic() + timeout
        frame = self.x.screen()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            later = self.x.screen()
            if differs(frame, later) < 0.02:
                return later
            frame = later
        return frame

    def wait_exit(self, timeout: float) -> tuple[int, float]:
        """The exit code and the seconds it took, or an assertion if the kiosk is still running."""
        started = time.monotonic()
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the kiosk was still running {timeout} s later\n{self.log_tail()}") from None
        return code, time.monotonic() - started

    def open_staff_panel(self, before: Image.Image) -> Image.Image:
        """Hold the top-left corner for 3 s (the staff gesture), type the PIN: the panel, focus on its Back."""
        self.x.xdotool("mousemove", "4", "4", "mousedown", "1")
        time.sleep(3.4)
        self.x.xdotool("mouseup", "1")
        pin_pad = self.wait_screen(changed_from=before)
        self.x.xdotool("type", "--delay", "80", STAFF_PIN)
        self.x.xdotool("key", "Return")
        return self.wait_screen(changed_from=pin_pad, share=0.01)

    def choose_in_staff_panel(self, steps_back_from_back: int) -> None:
        """The panel's buttons are Exit, Reload, Diagnostics, Back; the focus starts on Back."""
        self.x.xdotool("key", "--delay", "120", *["shift+Tab"] * steps_back_from_back, "Return")

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    def spoken(self) -> list[str]:
        """What the narration player started, as "<item id> <language>", in order (needs KIOSK_AUDIO_PROBE=1)."""
        text = self.output.read_text(encoding="utf-8", errors="replace")
        return [" ".join(line.split()[2:4]) for line in text.splitlines() if line.startswith("narration: play ")]

    def visits(self) -> list[Visit]:
        database = self.home / "data" / "testament-kiosk" / "analytics.sqlite3"
        with sqlite3.connect(database) as connection:
            rows = connection.execute("SELECT end_reason FROM sessions ORDER BY id").fetchall()
        return [Visit(reason) for (reason,) in rows]

    def maps(self, name: str) -> bool:
        """Whether the kiosk's process has a file whose path holds ``name`` mapped (a library it loaded)."""
        return name in Path(f"/proc/{self.process.pid}/maps").read_text(encoding="utf-8", errors="replace")

    def log_text(self) -> str:
        logs = sorted(self.home.rglob("kiosk.log"))
        return "".join(path.read_text(encoding="utf-8", errors="replace") for path in logs)

    def log_tail(self, lines: int = 30) -> str:
        output = self.output.read_text(encoding="utf-8", errors="replace") if self.output.exists() else ""
        return "\n".join((output + self.log_text()).splitlines()[-lines:])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.systemd.close()
