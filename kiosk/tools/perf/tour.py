"""The benchmark's scripted visit: every screen, by touch, timing each input to the frame that shows it.

Attract → Home → every chapter (card tap, then a swipe to each further slide) → Home, and so on → the document,
timeline, people and myth screens when Home offers them (flicking whatever scrolls there) → Home.

Per input it records the time from the event's injection to the first frame swapped after it (``latency``)
and, while the transition, swipe or flick it started is animating, the intervals between frames
(``frames``). A step that did not have the effect a visitor expects (the screen did not change) is recorded
in ``misses`` and the tour goes on by deep link, so one broken button does not hide the other numbers.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.visit.clock import ManualClock
from kiosk.qt import items
from kiosk.qt.items import all_items, on_screen
from kiosk.tools.perf import stats
from kiosk.tools.perf.frames import FrameClock

QUIET_SECONDS = 0.25  # no frame for this long: the animation is over
SETTLE_TIMEOUT = 3.0
FRAME_TIMEOUT = 1.0  # an input with no frame within this time shows nothing



@dataclass
class TourResult:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    frames: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    no_frame: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)
    steps: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        every_latency = [v for values in self.latency.values() for v in values]
        every_frame = [v for values in self.frames.values() for v in values]
        return {
            "steps": self.steps,
            "seconds": round(self.seconds, 1),
            "screens_visited": len(self.screens),
            "latency": {
                "all": stats.summary_ms(every_latency),
                **{kind: stats.summary_ms(values) for kind, values in sorted(self.latency.items())},
            },
            "frames": {
                "all": stats.frame_summary(every_frame),
                **{kind: stats.frame_summary(values) for kind, values in sorted(self.frames.items())},
            },
            "inputs_without_frame": self.no_frame,
            "misses": self.misses,
        }


class Tour:
    def __init__(self, app, clock: ManualClock):
        self.app = app
        self.kiosk = app.kiosk
        self.window = app.window
        self.clock = clock
        self.frames = FrameClock(self.window)
        self.result = TourResult()

    # --- recording ----------------------------------------------------------------------------------------------

    def _latency(self, kind: str, where: str, sent: float) -> None:
        frame = self.frames.wait_frame_after(sent, FRAME_TIMEOUT)
        if frame is None:
            self.result.no_frame.append(f"{kind} at {where}")
        else:
            self.result.latency[kind].append(frame - sent)

    def _animation(self, kind: str, since: float) -> None:
        """Wait for the animation started at ``since`` to end; keep its frame intervals."""
        end = self.frames.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
        times = self.frames.between(since, end)
        self.result.frames[kind] += [b - a for a, b in itertools.pairwise(times)]

    def _arrived(self, expected) -> bool:
        return items.wait_until(expected, SETTLE_TIMEOUT, poll_ms=5)

    def _visited(self) -> None:
        self.result.screens.append(self.kiosk.visit.link)

    # --- inputs -----------------------------------------------------------------------------------------------------

    def tap(self, where: str, point: QPoint, expected, *, fallback: str = "") -> None:
        """A tap whose release should bring ``expected()`` about (within the settle time)."""
        self.clock.advance(1.0)
        self.result.steps += 1
        _pressed, released = items.tap(self.window, point)
        self._latency("tap", where, released)
        arrived = self._arrived(expected)
        self._animation("screen change", released)
        if not arrived:
            self.result.misses.append(f"tap on {where} had no effect (at {self.kiosk.visit.link})")
            if fallback:
                self.kiosk.visit.openLink(fallback)
                self.frames.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
        self._visited()

    def tap_item(self, name: str, expected, *, fallback: str = "") -> None:
        item = items.find_shown(self.window, name, enabled=True)
        if item is None:
            self.result.misses.append(f"{name} is not on screen (at {self.kiosk.visit.link})")
            if fallback:
                self.kiosk.visit.openLink(fallback)
                self.frames.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
                self._visited()
            return
        self.tap(name, items.center(item), expected, fallback=fallback)

    def swipe(self, where: str, start: QPoint, end: QPoint, expected, kind: str, *, steps: int = 10) -> bool:
        self.clock.advance(1.0)
        self.result.steps += 1
        first = time.perf_counter()
        moves: list[float] = []
        released = items.swipe(self.window, start, end, steps=steps, on_move=moves.append)
        for sent in moves:  # the frames were already swapped while the finger moved
            frame = self.frames.first_after(sent)
            if frame is not None and frame - sent <= FRAME_TIMEOUT:
                self.result.latency["drag move"].append(frame - sent)
        self._latency(f"{kind} release", where, released)
        arrived = self._arrived(expected) if expected else True
        self._animation(kind, first)
        return arrived

    # --- the visit --------------------------------------------------------------------------------------------------

    def run(self) -> TourResult:
        started = time.perf_counter()
        kiosk, window = self.kiosk, self.window
        content = kiosk.content
        if kiosk.visit.screen != "attract":
            kiosk.visit.reset()
            self.frames.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
        items.pump(0.5)  # Attract's pictures arrive and its pan runs
        self._visited()
        middle = QPoint(window.width() // 2, window.height() // 2)
        self.tap("Attract", middle, lambda: kiosk.visit.screen == "home", fallback="home")

        for chapter in content.chapters:
            self.tap_item(
                f"chapterCard_{chapter.id}",
                lambda cid=chapter.id: kiosk.visit.screen == "chapter" and kiosk.visit.chapterId == cid,
                fallback=f"chapter/{chapter.id}/0",
            )
            for index in range(1, len(chapter.slides)):
                self._next_slide(chapter.id, index)
            self.tap_item("homeButton", lambda: kiosk.visit.screen == "home", fallback="home")

        for name, screen in (
            ("openDocument", "document"),
            ("openTimeline", "timeline"),
            ("openPeople", "people"),
            ("openMyth", "myth"),
        ):
            if not items.shown(window, name, enabled=True):
                continue  # this content has no such screen
            self.tap_item(name, lambda s=screen: kiosk.visit.screen == s)
            self._flick_whatever_scrolls(screen)
            self.tap_item("homeButton", lambda: kiosk.visit.screen == "home", fallback="home")

        self.result.seconds = time.perf_counter() - started
        self.frames.close()
        return self.result

    def _next_slide(self, chapter_id: str, index: int) -> None:
        kiosk = self.kiosk
        view = items.find_shown(self.window, "slideView", enabled=True)
        if view is None:
            self.result.misses.append(f"no slide view in chapter {chapter_id}")
            kiosk.visit.openLink(f"chapter/{chapter_id}/{index}")
            return
        rect = items.visible_rect(self.window, view)
        y = int(rect.center().y())
        start = QPoint(int(rect.left() + rect.width() * 0.8), y)
        end = QPoint(int(rect.left() + rect.width() * 0.2), y)
        turned = self.swipe(
            f"slide {index} of {chapter_id}", start, end, lambda: kiosk.visit.slideIndex == index, "slide swipe"
        )
        if not turned:
            self.result.misses.append(f"swipe to slide {index} of {chapter_id} did not turn the page")
            kiosk.visit.openLink(f"chapter/{chapter_id}/{index}")
            self.frames.wait_quiet(QUIET_SECONDS, SETTLE_TIMEOUT)
        self._visited()

    def _flick_whatever_scrolls(self, screen: str) -> None:
        for flickable in flickables(self.window)[:2]:
            rect = items.visible_rect(self.window, flickable)
            x = int(rect.center().x())
            start = QPoint(x, int(rect.top() + rect.height() * 0.8))
            end = QPoint(x, int(rect.top() + rect.height() * 0.25))
            self.swipe(f"{screen} flick", start, end, None, "flick", steps=6)
            self.swipe(f"{screen} flick back", end, start, None, "flick", steps=6)


def flickables(window: QQuickWindow) -> list[QQuickItem]:
    """Flickables on screen that can scroll vertically (more content than fits), outermost first."""
    out = []
    for item in all_items(window):
        if item.inherits("QQuickFlickable") and on_screen(window, item, enabled=True) and item.property("interactive"):
            content, height = item.property("contentHeight") or 0, item.height()
            if content > height + 8:
                out.append(item)
    return out
