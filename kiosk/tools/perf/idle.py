"""``kiosk bench``'s idle part: what the kiosk costs when nobody touches it, on a real display server, fullscreen and
locked down as on the gallery floor.

* ``xvfb``: a private Xvfb at the bench's screen size (24 bit). ``kiosk run`` (no ``--windowed``) runs there with
  scratch user folders and none of the bench's own Qt settings (``QT_QPA_PLATFORM``, ``QT_QUICK_BACKEND``, ...):
  the platform and renderer are whatever ``kiosk run`` picks by itself. Once its first frame is up and it has
  settled, the CPU share of one core it takes on Attract is read from ``/proc/PID/stat`` (utime + stime) over
  ``seconds``; then a tap (xdotool) brings Home, and once the transition has ended the same on the still Home,
  with the frames rendered there, which should be none.
* ``cage``: the kiosk as cage's only client on wlroots' headless backend (software compositing, no input device,
  one 1280x720 output), with ``QT_QPA_PLATFORM=wayland;xcb`` as packaging/linux/testament-kiosk.service sets;
  Attract only (a headless output has no pointer to tap with). cage refuses to run as root: as root it runs in a
  user namespace of its own as an unprivileged user (:data:`UNPRIVILEGED`), whose files are still root's outside,
  so the interpreter and the scratch folders stay reachable wherever they are.

Frames are counted by the kiosk itself (``KIOSK_COUNT_FRAMES=1``, kiosk/qt/firstframe.py), which prints its count,
pid, platform, scene-graph backend and window size once a second; each period runs from one such line to the
first one ``seconds`` later.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.qt import firstframe as probe

DISPLAYS = ("xvfb", "cage", "none")
UP_TIMEOUT = 90.0  # the first start compiles the QML cache
TRANSITION_TIMEOUT = 8.0  # a screen change longer than this is not a transition
CHANGED_SHARE = 0.2  # Home differs from Attract in at least this share of the screen's pixels
# The bench's own settings that would decide how the kiosk renders, or where it reads and writes: never passed on.
NOT_PASSED_ON = ("KIOSK_", "QT_", "QSG_", "QML_", "QML2_", "WAYLAND_", "WLR_", "NOTIFY_", "WATCHDOG_")
NOT_PASSED_ON_NAMES = ("DISPLAY", "XDG_SESSION_TYPE", "XDG_RUNTIME_DIR", "PYTHONDONTWRITEBYTECODE", "XAUTHORITY")
# unshare(1): a user namespace in which this process is an ordinary user (nobody's ids), not root
UNPRIVILEGED = ["unshare", "--user", "--map-user=65534", "--map-group=65534"]


def default_display() -> str:
    return "xvfb" if shutil.which("Xvfb") else "none"


def unavailable(display: str) -> str:
    """Why the idle part cannot run on ``display`` here ("" when it can)."""
    if display == "none":
        return "no display server asked for (--idle-display none)"
    if not sys.platform.startswith("linux"):
        return "the idle part reads /proc: Linux only"
    needed = {"xvfb": ("Xvfb", "xdotool"), "cage": ("cage", "Xwayland")}[display]
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if missing:
        packages = "xvfb xdotool" if display == "xvfb" else "cage xwayland"
        return f"{' and '.join(missing)} not installed (apt-get install {packages})"
    if display == "cage" and os.geteuid() == 0:
        try:
            runs = subprocess.run([*UNPRIVILEGED, "true"], capture_output=True, check=False, timeout=30).returncode
        except OSError:
            runs = 1
        if runs != 0:
            return "cage refuses to run as root, and this machine allows no user namespace to run it in (unshare)"
    return ""


def measure(
    display: str, screen: tuple[int, int], content: Path | None, *, seconds: float = 10.0, settle: float = 3.0
) -> dict:
    """The idle figures on ``display`` ("xvfb" or "cage"); ``{"skipped": why}`` when it cannot run here.
    Failures (the kiosk never came up, the tap did not bring Home) are in ``errors``."""
    why = unavailable(display)
    if why:
        return {"display": display, "skipped": why}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-idle-") as tmp:
        scratch = Path(tmp)
        runner = _XvfbRun(scratch, screen, content) if display == "xvfb" else _CageRun(scratch, content)
        try:
            return runner.measure(seconds, settle)
        finally:
            runner.close()


def floor_environment(scratch: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """The kiosk's environment: ``environ`` without what would choose its platform or renderer, or where it reads
    and writes; scratch user folders; the frame counter on."""
    env = {k: v for k, v in environ.items() if not k.startswith(NOT_PASSED_ON) and k not in NOT_PASSED_ON_NAMES}
    runtime = scratch / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        {
            probe.COUNT_ENV: "1",
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(scratch / "config"),
            "XDG_DATA_HOME": str(scratch / "data"),
            "XDG_STATE_HOME": str(scratch / "state"),
            "XDG_CACHE_HOME": str(scratch / "cache"),
            "KIOSK_LOG_DIR": str(scratch / "logs"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


# --- reading the kiosk and the machine ----------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process (every thread), from /proc/PID/stat; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # fields 14 and 15 of proc(5)


@dataclass
class Marker:
    received: float  # the bench's time.monotonic() when the line arrived
    info: dict


class FrameCounter:
    """The kiosk's ``KIOSK_FRAMES`` lines, read from its output on a thread of their own."""

    def __init__(self, stream):
        self.lines: queue.Queue[Marker] = queue.Queue()
        self.latest: Marker | None = None
        self.other: deque[str] = deque(maxlen=40)
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            if line.startswith(probe.COUNT_MARKER + " "):
                with contextlib.suppress(ValueError):
                    self.lines.put(Marker(time.monotonic(), json.loads(line[len(probe.COUNT_MARKER) + 1 :])))
            elif line.strip():
                self.other.append(line.rstrip())

    def next(self, timeout: float) -> Marker | None:
        try:
            marker = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        self.latest = marker
        return marker

    def fresh(self, timeout: float = 5.0) -> Marker | None:
        """The next line printed from now on (older ones are dropped)."""
        while True:
            try:
                self.latest = self.lines.get_nowait()
            except queue.Empty:
                break
        return self.next(timeout)


class _KioskRun:
    display = ""

    def __init__(self, scratch: Path, content: Path | None):
        self.scratch = scratch
        self.content = content
        self.errors: list[str] = []
        self.kiosk: subprocess.Popen | None = None
        self.counter: FrameCounter | None = None
        self.pid = 0  # the kiosk's, from its own report (under cage it is cage's child)
        self.server_pid = 0

    def environment(self) -> dict[str, str]:
        return floor_environment(self.scratch, os.environ)

    def kiosk_command(self) -> list[str]:
        extra = ["--content", str(self.content)] if self.content is not None else []
        return [sys.executable, "-m", "kiosk", "run", *extra]  # no --windowed: fullscreen, locked down

    def start(self, command: list[str], env: dict[str, str]) -> None:
        self.stderr = (self.scratch / "stderr.txt").open("w", encoding="utf-8")
        self.kiosk = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.stderr, text=True,
            encoding="utf-8", errors="replace", start_new_session=True,
        )
        self.started = time.monotonic()
        self.counter = FrameCounter(self.kiosk.stdout)

    def wait_up(self) -> Marker | None:
        """The first report with a frame swapped."""
        deadline = time.monotonic() + UP_TIMEOUT
        while time.monotonic() < deadline:
            marker = self.counter.next(timeout=1.0)
            if marker is not None and marker.info.get("frames", 0) > 0:
                self.pid = int(marker.info.get("pid") or 0)
                return marker
            if self.kiosk.poll() is not None:
                code = self.kiosk.returncode
                self.errors.append(f"the kiosk exited with {code} before its first frame" + self.tail())
                return None
        self.errors.append(f"no frame within {UP_TIMEOUT:.0f} s" + self.tail())
        return None

    def period(self, seconds: float) -> dict | None:
        """CPU and frames from one report to the first one ``seconds`` later."""
        first = self.counter.fresh()
        cpu_first, server_first = cpu_seconds(self.pid), cpu_seconds(self.server_pid)
        last = first
        while first and last and last.info["monotonic"] - first.info["monotonic"] < seconds - 0.1:
            last = self.counter.next(timeout=5.0)
        cpu_last, server_last = cpu_seconds(self.pid), cpu_seconds(self.server_pid)
        if first is None or last is None or cpu_first is None or cpu_last is None:
            self.errors.append("the kiosk stopped reporting its frames" + self.tail())
            return None
        wall = last.received - first.received
        span = last.info["monotonic"] - first.info["monotonic"]
        frames = last.info["frames"] - first.info["frames"]
        out = {
            "seconds": round(span, 2),
            "cpu_pct": round(100 * (cpu_last - cpu_first) / wall, 1),
            "frames": frames,
            "fps": round(frames / span, 1),
        }
        if server_first is not None and server_last is not None:
            out["display_server_cpu_pct"] = round(100 * (server_last - server_first) / wall, 1)
        return out

    def describe(self, up: Marker) -> dict:
        info = up.info
        return {
            "display": self.display,
            "platform": info.get("platform", ""),
            "scene_graph": info.get("backend", ""),
            "window": "x".join(str(v) for v in info.get("size", [])),
            "up_within_s": round(up.received - self.started, 1),  # to the first report: one second's precision
        }

    def tail(self, lines: int = 8) -> str:
        self.stderr.flush()
        text = (self.scratch / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        kept = [line for line in [*(self.counter.other if self.counter else []), *text.splitlines()] if line.strip()]
        return (": " + " | ".join(kept[-lines:])) if kept else ""

    def stop_kiosk(self) -> None:
        if self.kiosk is None or self.kiosk.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid or self.kiosk.pid, signal.SIGTERM)
        try:
            self.kiosk.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.kiosk.pid, signal.SIGKILL)
            self.kiosk.wait(timeout=10)

    def close(self) -> None:
        self.stop_kiosk()
        if hasattr(self, "stderr"):
            self.stderr.close()


class _XvfbRun(_KioskRun):
    display = "xvfb"

    def __init__(self, scratch: Path, screen: tuple[int, int], content: Path | None):
        super().__init__(scratch, content)
        self.screen = screen
        self.x = PrivateX(scratch / "x", screen)
        self.server_pid = self.x.process.pid

    def measure(self, seconds: float, settle: float) -> dict:
        env = self.environment()
        env["DISPLAY"] = self.x.display
        self.start(self.kiosk_command(), env)
        up = self.wait_up()
        if up is None:
            return {"display": self.display, "errors": self.errors}
        out = self.describe(up)
        out["screen"] = f"{self.screen[0]}x{self.screen[1]}"
        time.sleep(settle)
        out["attract"] = self.period(seconds)
        before = self.x.screen()
        self.x.tap(self.screen[0] // 2, int(self.screen[1] * 0.65))
        out["transition_s"] = self.wait_still()
        changed = differs(before, self.x.screen())
        if changed < CHANGED_SHARE:
            self.errors.append(f"the tap on Attract changed {changed:.0%} of the screen: Home did not come")
        else:
            out["home"] = self.period(seconds)
            out["home"]["changed_from_attract_pct"] = round(100 * changed)
        out["errors"] = self.errors
        return out

    def wait_still(self) -> float | None:
        """Seconds from the tap until a report without a new frame (the screen change is over); None if none."""
        tapped = time.monotonic()
        previous = self.counter.fresh()
        while previous is not None and time.monotonic() - tapped < TRANSITION_TIMEOUT:
            marker = self.counter.next(timeout=5.0)
            if marker is None:
                break
            if marker.info["frames"] == previous.info["frames"]:
                return round(previous.received - tapped, 1)
            previous = marker
        return None

    def close(self) -> None:
        super().close()
        self.x.close()


class _CageRun(_KioskRun):
    display = "cage"

    def measure(self, seconds: float, settle: float) -> dict:
        env = self.environment()
        env.update(
            {
                "WLR_BACKENDS": "headless",
                "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_RENDERER": "pixman",
                "QT_QPA_PLATFORM": "wayland;xcb",  # as packaging/linux/testament-kiosk.service
            }
        )
        user = UNPRIVILEGED if os.geteuid() == 0 else []
        self.start([*user, "cage", "-d", "--", *self.kiosk_command()], env)
        up = self.wait_up()
        if up is None:
            return {"display": self.display, "errors": self.errors}
        self.server_pid = _parent_pid(self.pid)  # cage starts its client itself
        out = self.describe(up)
        time.sleep(settle)
        out["attract"] = self.period(seconds)
        out["home"] = None  # no pointer on a headless output to tap with
        out["errors"] = self.errors
        return out


def _parent_pid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


# --- a private X server ---------------------------------------------------------------------------------------------


class PrivateX:
    """Xvfb on a display number of its own choosing, its framebuffer in a file the bench reads."""

    def __init__(self, folder: Path, screen: tuple[int, int]):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{screen[0]}x{screen[1]}x24", "-nolisten", "tcp",
             "-fbdir", str(folder)],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()  # written once the server accepts clients
        if not number:
            self.close()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def tap(self, x: int, y: int) -> None:
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"],
                       env=dict(os.environ, DISPLAY=self.display), check=True, timeout=30)

    def screen(self):
        """The screen now, from Xvfb's framebuffer file (XWD: a big-endian header, a colour map, BGRX pixels)."""
        from PIL import Image

        data = (self.folder / "Xvfb_screen0").read_bytes()
        header = struct.unpack(">25I", data[:100])
        header_size, width, height, bytes_per_line, colours = header[0], header[4], header[5], header[12], header[19]
        start = header_size + colours * 12
        return Image.frombuffer("RGB", (width, height), data[start : start + bytes_per_line * height], "raw", "BGRX",
                                bytes_per_line, 1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def differs(before, after) -> float:
    """The share of pixels (0..1) that changed visibly between two screens."""
    from PIL import ImageChops, ImageStat

    diff = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > 24 else 0)
    return ImageStat.Stat(diff).mean[0] / 255
