"""A visit made through AT-SPI alone, as a blind visitor with Orca or a visitor with a switch makes it (issue 16).

The kiosk runs as the gallery runs it (`kiosk run`: fullscreen, locked down, under Xvfb) on a private D-Bus
session with the AT-SPI bus (tests/kits/atspikit.py). No touch and no key is sent: every step finds the showing
control by its role and name in the accessible tree and invokes its action, and the outcome is read back from
the tree (the screen that shows now) and from Xvfb's framebuffer (the pixels changed). On every screen the texts
a screen reader reads, in the order it reads them, must be there, and nothing of a hidden screen may say it
shows. Before issue 16 was fixed, the attract's "Touch to begin" was a named button whose Press did nothing,
so this visit ended on the first screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

import pytest
from atspikit import AccessibilityBus, Node
from atspikit import missing_tools as missing_atspi
from floorkit import KioskProcess, XServer
from floorkit import missing_tools as missing_x

MISSING = missing_x() + missing_atspi()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)} (scripts/setup.sh)"),
]

# items that hold others and say nothing themselves
CONTAINERS = {"filler", "list"}


def names(screen: list[Node], role: str) -> list[str]:
    return [node.name for node in screen if node.role == role]


def progress(screen: list[Node]) -> str | None:
    return next(iter(names(screen, "progress bar")), None)


def above_in_same_column(later: Node, earlier: Node) -> bool:
    """Whether ``later`` is drawn wholly above ``earlier`` and overlaps it sideways: a reader that reaches it
    after ``earlier`` has gone back up the page."""
    assert later.extents and earlier.extents
    lx, ly, lw, lh = later.extents
    ex, ey, ew, _ = earlier.extents
    return ly + lh <= ey and lx < ex + ew and ex < lx + lw


def assert_readable(screen: list[Node]) -> None:
    """Everything showing says something, and read in the tree's order it goes down the page, column by column."""
    silent = [node.role for node in screen if node.role not in CONTAINERS and not node.name.strip()]
    assert not silent, f"showing items with nothing to read: {silent}"
    placed = [node for node in screen if node.role not in CONTAINERS and node.extents]
    backwards = [f"{later.name!r} after {earlier.name!r}" for earlier, later in pairwise(placed)
                 if above_in_same_column(later, earlier)]
    assert not backwards, f"read out of order: {backwards}"


class AssistedVisitor:
    """Acts only through AT-SPI, and checks each step by what shows afterwards."""

    def __init__(self, bus: AccessibilityBus, kiosk: KioskProcess, x: XServer):
        self.bus, self.kiosk, self.x = bus, kiosk, x
        self.pid = kiosk.process.pid

    def read(self, *, hidden: bool = True, still: bool = True, timeout: float = 10) -> list[Node]:
        """The showing screen once it alone shows (screens cross-fade) and, if ``still``, reads the same twice in a
        row (a slide view can begin to turn a frame after its counter says the new slide), checked as a screen
        reader meets it."""
        deadline = time.monotonic() + timeout
        screen: list[Node] = []
        last: list[Node] | None = None
        while True:
            tree = self.bus.tree(self.pid, hidden=hidden)
            try:
                screen = tree.showing_screen()
                if not still or screen == last:
                    break
                last = screen
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never held still for two reads: {screen}")
            time.sleep(0.2)
        if hidden:
            assert tree.shown_in_hidden_screens() == [], "items of hidden screens say they show"
        assert_readable(screen)
        return screen

    def press(self, name: str, until: Callable[[list[Node]], bool], *, role: str = "push button",
              action: str = "Press", pixels: float = 0.05, timeout: float = 10) -> list[Node]:
        """Invoke the action of the showing item called ``name``; the screen after it, once ``until`` holds."""
        before = self.x.screen()
        self.bus.act(self.pid, name, role=role, action=action)
        deadline = time.monotonic() + timeout
        while True:
            try:
                screen = self.bus.tree(self.pid, hidden=False).showing_screen()
                if until(screen):
                    break
            except AssertionError:
                screen = []
            if time.monotonic() > deadline:
                shown = [f"{node.role} {node.name!r}" for node in screen]
                raise AssertionError(f"{action} on {role} {name!r} did nothing the tree shows; it shows {shown}")
            time.sleep(0.2)
        self.kiosk.wait_screen(changed_from=before, share=pixels)
        return self.read()


def on_slide(number: int, count: int) -> Callable[[list[Node]], bool]:
    """The chapter shows slide ``number`` and has stopped moving: all that shows of its slides is inside them."""
    def settled(screen: list[Node]) -> bool:
        if progress(screen) != f"{number} of {count}":
            return False
        slides = next(index for index, node in enumerate(screen) if node.role == "list")
        sx, _, sw, _ = screen[slides].extents or (0, 0, 0, 0)
        inside = [node for node in screen[slides + 1:] if node.depth > screen[slides].depth]
        return all(node.extents and sx <= node.extents[0] and node.extents[0] + node.extents[2] <= sx + sw
                   for node in inside)
    return settled


def is_home(screen: list[Node]) -> bool:
    return "Chapters" in names(screen, "list") and "Touch to begin" not in names(screen, "push button")


def test_a_visit_by_atspi_actions_alone(tmp_path) -> None:
    started = time.monotonic()
    x = XServer(tmp_path / "x")
    bus = AccessibilityBus(x.display, tmp_path / "bus")
    kiosk = KioskProcess(x, tmp_path, env_extra=bus.kiosk_env)
    try:
        kiosk.wait_ready()
        visitor = AssistedVisitor(bus, kiosk, x)
        bus.wait_tree(visitor.pid, hidden=False)
        # the attract moves all the time and answers one question a frame: its hidden screens are read later
        attract = visitor.read(hidden=False, still=False)
        title = names(attract, "heading")[0]
        assert "Touch to begin" in names(attract, "push button")

        home = visitor.press("Touch to begin", until=is_home, pixels=0.2)
        assert names(home, "heading")[0] == title

        first = next(name for name in names(home, "push button") if name.startswith("1. "))
        slide = visitor.press(first, until=lambda screen: (progress(screen) or "").startswith("1 of "))
        chapter_title = names(slide, "heading")[0]
        assert chapter_title in first
        count = int((progress(slide) or "").split(" of ")[1])
        assert count > 1
        headings = [names(slide, "heading")[1]]  # the chapter's, then the slide's own
        for number in range(2, count + 1):
            slide = visitor.press("Next", until=on_slide(number, count))
            assert names(slide, "heading")[0] == chapter_title
            headings.append(names(slide, "heading")[1])
        assert len(set(headings)) == count, f"a slide's heading repeats: {headings}"
        assert "Next" not in names(slide, "push button"), "Next shows on the last slide"

        if "More" in names(slide, "push button"):
            more = visitor.press("More", until=lambda screen: "Less" in names(screen, "push button"), pixels=0.005)
            assert len(names(more, "label")) > len(names(slide, "label")), "More opened nothing to read"
        # the progress bar offers Decrease and Increase: they turn the page too
        earlier = visitor.press(f"{count} of {count}", role="progress bar", action="Decrease",
                                until=on_slide(count - 1, count))
        assert names(earlier, "heading")[1] == headings[-2]
        visitor.press(f"{count - 1} of {count}", role="progress bar", action="Increase", until=on_slide(count, count))

        visitor.press("Home", until=is_home)
        document = visitor.press("Read the testament", until=lambda screen: screen[0].name == "Read the testament")
        assert names(document, "document frame"), "the transcript is not there to read"
        assert names(document, "paragraph"), "no paragraph of the testament shows"
        visitor.press("Back", until=is_home)
    finally:
        kiosk.close()
        bus.close()
        x.close()
    print(f"\na visit through AT-SPI alone: {time.monotonic() - started:.1f} s")
