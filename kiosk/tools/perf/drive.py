"""Driving the real kiosk window as a visitor would, for the benchmark and the soak: synthetic touches, keys,
waiting on the event loop, and a record of every frame swapped to the screen.

Touches go through ``QTest.touchEvent`` with a touchscreen device, so they take the same path through Qt as a
real touchscreen's events (QWindowSystemInterface, pointer handlers, flickables). Every injection returns the
``time.perf_counter()`` read just before the event was handed to Qt; ``FrameClock.first_after`` then gives the
first frame swapped after it. Qt Quick renders only when something changed, so on a still screen that frame is
the one showing the input's effect.
"""

from __future__ import annotations

import bisect
import contextlib
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QInputDevice
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

_touch_device = None


def touch_device():
    global _touch_device
    if _touch_device is None:  # one per process: Qt keeps registered devices until it exits
        _touch_device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen, QInputDevice.Capability.Position)
    return _touch_device


# --- the event loop -----------------------------------------------------------------------------------------------


def pump(seconds: float) -> None:
    """Run the event loop for ``seconds`` (timers, rendering and animations go on meanwhile)."""
    wait_until(lambda: False, seconds)


def wait_until(condition: Callable[[], bool], timeout: float, *, poll_ms: int = 1) -> bool:
    """Run the event loop until ``condition()`` is true (checked every ``poll_ms``) or ``timeout`` seconds pass."""
    if condition():
        return True
    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    result = [False]

    def check() -> None:
        if condition():
            result[0] = True
            loop.quit()
        elif time.perf_counter() >= deadline:
            loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return result[0]


class FrameClock:
    """Every ``frameSwapped`` of a window, as ``time.perf_counter()`` values (kept for the last ``keep`` frames)."""

    def __init__(self, window: QQuickWindow, keep: int = 4096):
        self.window = window
        self.keep = keep
        self.times: list[float] = []
        self.count = 0
        window.frameSwapped.connect(self._swapped)

    def _swapped(self) -> None:  # may run on the render thread (threaded render loop): only append
        self.times.append(time.perf_counter())
        self.count += 1
        if len(self.times) > 2 * self.keep:
            del self.times[: -self.keep]

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.window.frameSwapped.disconnect(self._swapped)

    def first_after(self, moment: float) -> float | None:
        times = self.times  # in the order swapped, so sorted
        index = bisect.bisect_right(times, moment)
        return times[index] if index < len(times) else None

    def between(self, start: float, end: float) -> list[float]:
        times = self.times
        return times[bisect.bisect_right(times, start) : bisect.bisect_right(times, end)]

    def wait_frame_after(self, moment: float, timeout: float = 1.0) -> float | None:
        """The first frame swapped after ``moment``, waiting up to ``timeout`` s for it; None if none came."""
        wait_until(lambda: bool(self.times) and self.times[-1] > moment, timeout)
        return self.first_after(moment)

    def wait_quiet(self, quiet: float = 0.12, timeout: float = 2.0) -> float:
        """Until no frame has been swapped for ``quiet`` s (animations over) or ``timeout``; returns the time."""
        start = time.perf_counter()

        def still() -> bool:
            now = time.perf_counter()
            last = self.times[-1] if self.times else start
            return now - max(last, start) >= quiet

        wait_until(still, timeout, poll_ms=2)
        return time.perf_counter()


# --- finding items ------------------------------------------------------------------------------------------------


def iter_items(root: QQuickItem) -> Iterator[QQuickItem]:
    yield root
    for child in root.childItems():
        yield from iter_items(child)


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def visible_rect(window: QQuickWindow, item: QQuickItem) -> QRectF:
    rect = scene_rect(item).intersected(QRectF(0, 0, window.width(), window.height()))
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(scene_rect(parent))
        parent = parent.parentItem()
    return rect


def on_screen(window: QQuickWindow, item: QQuickItem) -> bool:
    """Visible, enabled, with some area on screen, and not inside anything faded out or still fading."""
    if not item.isVisible() or not item.isEnabled() or item.opacity() <= 0:
        return False
    parent = item.parentItem()
    while parent is not None:
        if parent.opacity() < 0.999:
            return False
        parent = parent.parentItem()
    rect = visible_rect(window, item)
    return rect.width() > 0 and rect.height() > 0


def shown(window: QQuickWindow, name: str) -> list[QQuickItem]:
    return [i for i in iter_items(window.contentItem()) if i.objectName() == name and on_screen(window, i)]


def find_shown(window: QQuickWindow, name: str, timeout: float = 2.0) -> QQuickItem | None:
    """The first item called ``name`` on screen, waiting up to ``timeout`` for screen fades to end."""
    found: list[QQuickItem] = []

    def look() -> bool:
        found[:] = shown(window, name)
        return bool(found)

    wait_until(look, timeout, poll_ms=10)
    return found[0] if found else None


def flickables(window: QQuickWindow) -> list[QQuickItem]:
    """Flickables on screen that can scroll vertically (more content than fits), outermost first."""
    out = []
    for item in iter_items(window.contentItem()):
        if item.inherits("QQuickFlickable") and on_screen(window, item) and item.property("interactive"):
            content, height = item.property("contentHeight") or 0, item.height()
            if content > height + 8:
                out.append(item)
    return out


def center(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


# --- touches and keys ---------------------------------------------------------------------------------------------


def touch(window: QQuickWindow, action: str, points: dict[int, QPoint]) -> float:
    """One touch event ("press", "move", "release" or "stationary" for each point); returns when it was sent."""
    sequence = QTest.touchEvent(window, touch_device(), False)
    for touch_id, point in points.items():
        getattr(sequence, action)(touch_id, point, window)
    sent = time.perf_counter()
    sequence.commit(False)  # delivered synchronously; the event loop runs in the caller's waits
    return sent


def touch_mixed(window: QQuickWindow, points: dict[int, tuple[str, QPoint | None]]) -> float:
    """One touch event with a state per point: {id: ("press" | "move" | "release", point) or ("stationary",
    None)}; fingers that stay down while others move or lift are reported as stationary, as hardware does."""
    sequence = QTest.touchEvent(window, touch_device(), False)
    for touch_id, (action, point) in points.items():
        if action == "stationary":
            sequence.stationary(touch_id)
        else:
            getattr(sequence, action)(touch_id, point, window)
    sent = time.perf_counter()
    sequence.commit(False)
    return sent


def tap(window: QQuickWindow, point: QPoint, hold: float = 0.03) -> tuple[float, float]:
    """Press, wait ``hold`` s, release; returns (pressed, released) send times."""
    pressed = touch(window, "press", {0: point})
    pump(hold)
    released = touch(window, "release", {0: point})
    return pressed, released


def drag(
    window: QQuickWindow,
    starts: dict[int, QPoint],
    ends: dict[int, QPoint],
    *,
    steps: int = 12,
    interval: float = 0.016,
    on_move: Callable[[float], None] | None = None,
) -> float:
    """Fingers from ``starts`` to ``ends`` (same ids) in ``steps`` moves ``interval`` s apart, then lifted.
    ``on_move(sent)`` is called after each move; returns the release's send time."""
    touch(window, "press", dict(starts))
    for step in range(1, steps + 1):
        pump(interval)
        fraction = step / steps
        points = {i: starts[i] + (ends[i] - starts[i]) * fraction for i in starts}
        sent = touch(window, "move", points)
        if on_move is not None:
            on_move(sent)
    return touch(window, "release", dict(ends))


def swipe(window: QQuickWindow, start: QPoint, end: QPoint, **kwargs) -> float:
    return drag(window, {0: start}, {0: end}, **kwargs)


def key(window: QQuickWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> float:
    sent = time.perf_counter()
    QTest.keyClick(window, key, modifier)
    return sent


def process_posted() -> None:
    QCoreApplication.processEvents()
