"""The kiosk as a screen reader or a switch-access tool meets it: through AT-SPI, on a private D-Bus session.

A desktop session gives assistive technologies a session bus with the AT-SPI bus launcher on it; here the test
starts both itself (dbus-daemon, at-spi-bus-launcher from at-spi2-core), so nothing of the machine's own session
is touched. The kiosk joins with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, as it would with Orca running.

pyatspi is a Debian package for the system Python and cannot be installed into the virtualenv (it needs
PyGObject built against the system's GLib), so the reading and pressing is done by tests/kits/atspi_driver.py
under /usr/bin/python3, a subprocess this kit talks to in JSON lines; the test itself decides what is right.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("atspi_driver.py")
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")


def bus_launcher() -> str | None:
    return next((path for path in BUS_LAUNCHERS if os.access(path, os.X_OK)), None)


def missing_tools() -> list[str]:
    """What scripts/setup.sh installs for these tests and this machine lacks."""
    missing = [tool for tool in ("dbus-daemon",) if shutil.which(tool) is None]
    if bus_launcher() is None:
        missing.append("at-spi2-core")
    has_pyatspi = os.access(SYSTEM_PYTHON, os.X_OK) and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False, timeout=30).returncode == 0
    if not has_pyatspi:
        missing.append("python3-pyatspi")
    return missing


@dataclass(frozen=True)
class Node:
    """One item of the accessible tree as the driver saw it."""

    depth: int
    showing: bool
    role: str = ""
    name: str = ""
    extents: tuple[int, int, int, int] | None = None


class Tree:
    """The kiosk's accessible tree in reading order (depth first), as a screen reader walks it."""

    def __init__(self, nodes: list[Node]):
        self.nodes = nodes

    def children(self, index: int) -> list[int]:
        """Indices of the items below nodes[index], at any depth."""
        depth = self.nodes[index].depth
        below = []
        for later in range(index + 1, len(self.nodes)):
            if self.nodes[later].depth <= depth:
                break
            below.append(later)
        return below

    def screens(self) -> list[int]:
        """The window's screens and overlays: the top-level items in the kiosk's frame."""
        frame = next(index for index, node in enumerate(self.nodes) if node.role == "frame")
        return [index for index in self.children(frame) if self.nodes[index].depth == self.nodes[frame].depth + 1]

    def showing_screen(self) -> list[Node]:
        """The one screen showing, itself and what it holds that shows, in reading order."""
        showing = [index for index in self.screens() if self.nodes[index].showing]
        assert len(showing) == 1, f"{len(showing)} screens show: {[self.nodes[index].name for index in showing]}"
        return [self.nodes[showing[0]], *(self.nodes[i] for i in self.children(showing[0]) if self.nodes[i].showing)]

    def shown_in_hidden_screens(self) -> list[str]:
        """'screen / role name' for every item that says it is showing inside a screen that is not."""
        found = []
        for screen in self.screens():
            if not self.nodes[screen].showing:
                found += [f"{self.nodes[screen].name!r} / {self.nodes[i].role} {self.nodes[i].name!r}"
                          for i in self.children(screen) if self.nodes[i].showing]
        return found


class AccessibilityBus:
    """A private session bus with the AT-SPI bus launcher on it, and the driver connected to them."""

    def __init__(self, display: str, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.driver_errors = folder / "atspi-driver.txt"
        self.session = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
        )
        assert self.session.stdout is not None
        self.address = self.session.stdout.readline().strip()
        assert self.address, "dbus-daemon did not start"
        self.env = dict(os.environ, DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=self.address)
        self.env.pop("AT_SPI_BUS_ADDRESS", None)
        # its own process group: the accessibility bus and registry it starts end with it
        self.launcher = subprocess.Popen(
            [bus_launcher() or "at-spi-bus-launcher", "--launch-immediately", "--a11y=1"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        with self.driver_errors.open("wb") as errors:
            self.driver = subprocess.Popen(
                [SYSTEM_PYTHON, str(DRIVER)], env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=errors, text=True, encoding="utf-8",
            )
        assert self._reply() == {"ready": True}

    @property
    def kiosk_env(self) -> dict[str, str]:
        """What the kiosk needs to join: the session bus, and Qt's accessibility on without asking the bus."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}

    def _reply(self) -> dict:
        assert self.driver.stdout is not None
        line = self.driver.stdout.readline()
        if not line:
            raise AssertionError(f"the AT-SPI driver ended: {self.driver_errors.read_text(errors='replace')}")
        return json.loads(line)

    def _ask(self, **request) -> dict:
        assert self.driver.stdin is not None
        self.driver.stdin.write(json.dumps(request) + "\n")
        self.driver.stdin.flush()
        reply = self._reply()
        if "error" in reply:
            raise AssertionError(f"AT-SPI: {reply['error']}")
        return reply

    def tree(self, pid: int, *, hidden: bool = True) -> Tree:
        """The kiosk's tree; with ``hidden``, also what is inside the items that do not show (slow while the
        kiosk animates: every item is a question it answers between two frames)."""
        nodes = self._ask(op="tree", pid=pid, hidden=hidden)["nodes"]
        return Tree([Node(node["depth"], node["showing"], node.get("role", ""), node.get("name", ""),
                          tuple(node["extents"]) if node.get("extents") else None) for node in nodes])

    def wait_tree(self, pid: int, *, hidden: bool = True, timeout: float = 30) -> Tree:
        """The tree once the kiosk has joined the bus and shows a screen."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                tree = self.tree(pid, hidden=hidden)
                tree.showing_screen()
                return tree
            except (AssertionError, StopIteration):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def act(self, pid: int, name: str, role: str = "push button", action: str = "Press") -> None:
        """Invoke the action of the one showing item of that role and name, as Orca or a switch does."""
        assert self._ask(op="act", pid=pid, role=role, name=name, action=action)["done"], f"{name}: not done"

    def close(self) -> None:
        if self.driver.stdin is not None:
            self.driver.stdin.close()
        for process in (self.driver, self.launcher, self.session):
            if process.poll() is None:
                if process is self.driver:
                    process.terminate()
                else:
                    os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
