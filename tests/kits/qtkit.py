"""Helpers for driving the real kiosk window as a visitor would: find items, touch, swipe, read what is shown.

Items are found by objectName in the window's item tree. Every screen exists from the start and the ones not
showing are faded out, so "the" item is the one that is actually on screen: visible, inside the window and
every clipping ancestor, and not inside a faded-out (or still fading) screen.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

from contentkit import files as contentkit_files
from contentkit import t
from PIL import Image as PilImage
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QInputDevice
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.core.visit.clock import ManualClock
from kiosk.qt.proof.scene import qml_type_name

STEP_SECONDS = 1.0  # what a tap advances the fake clock by: well past the navigation guard


FakeClock = ManualClock

# --- content -------------------------------------------------------------------------------------------------


def kiosk_files() -> dict[str, dict]:
    """contentkit's exhibit with a third slide in chapter one (so a swipe walk has a middle) and the interface
    strings that carry placeholders written as real content writes them."""
    data = copy.deepcopy(contentkit_files())
    one = data["chapters/one.json"]
    extra = copy.deepcopy(one["slides"][0])
    extra.update(id="aftermath", heading=t("After the letter"), body=t("The letter is sealed."))
    one["slides"].append(extra)
    strings = data["strings.json"]["strings"]
    strings["slide_of"] = t("{n} of {m}")
    strings["returning_in"] = t("Returning to the start in {seconds} s")
    strings["touch_to_begin"] = t("Touch to begin")
    return data


CHAPTER_SLIDES = {"one": 3, "two": 2}


# --- finding items --------------------------------------------------------------------------------------------


def iter_items(root: QQuickItem) -> Iterator[QQuickItem]:
    yield root
    for child in root.childItems():
        yield from iter_items(child)


def all_items(window: QQuickWindow) -> Iterator[QQuickItem]:
    return iter_items(window.contentItem())


def ancestors(item: QQuickItem) -> Iterator[QQuickItem]:
    parent = item.parentItem()
    while parent is not None:
        yield parent
        parent = parent.parentItem()


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def visible_rect(window: QQuickWindow, item: QQuickItem) -> QRectF:
    """The part of the item on screen: clipped by the window and by every clipping ancestor."""
    rect = scene_rect(item).intersected(QRectF(0, 0, window.width(), window.height()))
    for parent in ancestors(item):
        if parent.clip():
            rect = rect.intersected(scene_rect(parent))
    return rect


def on_screen(window: QQuickWindow, item: QQuickItem, *, settled: bool = True) -> bool:
    """Visible, with some area on screen, and (settled) not inside anything faded or still fading."""
    if not item.isVisible() or item.opacity() <= 0:
        return False
    for parent in ancestors(item):
        if parent.opacity() < (0.999 if settled else 0.001):
            return False
    rect = visible_rect(window, item)
    return rect.width() > 0 and rect.height() > 0


def shown(window: QQuickWindow, name: str) -> list[QQuickItem]:
    return [item for item in all_items(window) if item.objectName() == name and on_screen(window, item)]


def is_shown(window: QQuickWindow, name: str) -> bool:
    return bool(shown(window, name))


def find(qtbot, window: QQuickWindow, name: str, timeout: int = 2000) -> QQuickItem:
    """The one item called ``name`` on screen, waiting for screen transitions to finish."""
    found: list[QQuickItem] = []

    def unique() -> bool:
        found[:] = shown(window, name)
        return len(found) == 1

    qtbot.waitUntil(unique, timeout=timeout)
    return found[0]


def screens(window: QQuickWindow) -> list[QQuickItem]:
    """The screens (Attract, Home, Chapter, ...): the children of the item under the window that holds Home."""
    item = next(i for i in all_items(window) if i.objectName() == "chapterGrid")
    root = window.contentItem()
    while item.parentItem().parentItem() is not root:
        item = item.parentItem()
    return item.parentItem().childItems()


SCREEN_TYPES = {
    "attract": "AttractScreen",
    "home": "HomeScreen",
    "chapter": "ChapterScreen",
    "document": "DocumentScreen",
    "timeline": "TimelineScreen",
    "people": "PeopleScreen",
    "person": "PersonScreen",
    "myth": "MythScreen",
}


def wait_settled(qtbot, app) -> None:
    """Until the kiosk's current screen shows fully and every other screen has faded out completely."""

    def settled() -> bool:
        wanted = SCREEN_TYPES[app.kiosk.screen]
        opacities = [(qml_type_name(s) == wanted, s.opacity()) for s in screens(app.window)]
        shown = [opacity for is_wanted, opacity in opacities if opacity > 0]
        return shown == [1.0] and any(is_wanted and opacity == 1.0 for is_wanted, opacity in opacities)

    qtbot.waitUntil(settled, timeout=2000)


def wait_hidden(qtbot, window: QQuickWindow, name: str) -> None:
    """Until no item called ``name`` is visible at all (faded out completely, not just fading)."""
    items = [item for item in all_items(window) if item.objectName() == name]
    assert items, f"no item called {name}"
    qtbot.waitUntil(lambda: not any(item.isVisible() for item in items), timeout=2000)


def wait_slide_still(qtbot, window: QQuickWindow, index: int | Callable[[], int]) -> None:
    """Until the slide view shows slide ``index`` (or what ``index()`` says) and has stopped moving."""
    view = find(qtbot, window, "slideView")
    wanted = index if callable(index) else lambda: index

    def still() -> bool:
        current = view.property("currentItem")
        return (
            view.property("currentIndex") == wanted()
            and current is not None
            and not view.property("moving")
            and abs(view.property("contentX") - current.x()) < 0.5
        )

    qtbot.waitUntil(still, timeout=3000)


def text_of(item: QQuickItem) -> str:
    return str(item.property("text"))


def is_text(item: QQuickItem) -> bool:
    return item.inherits("QQuickText")


def visible_texts(window: QQuickWindow) -> list[QQuickItem]:
    """Every Text item a visitor can see right now (non-empty, on screen, not in a faded-out screen)."""
    return [
        item
        for item in all_items(window)
        if is_text(item) and text_of(item).strip() and on_screen(window, item, settled=False)
    ]


def visible_strings(window: QQuickWindow) -> list[str]:
    return [text_of(item) for item in visible_texts(window)]


# --- touch, mouse and keys ------------------------------------------------------------------------------------

_touch_device = None


def touch_device():
    global _touch_device
    if _touch_device is None:  # one per process (each xdist worker has its own QApplication)
        _touch_device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen, QInputDevice.Capability.Position)
    return _touch_device


def center(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def _touch(window: QQuickWindow, action: str, points: dict[int, QPoint]) -> None:
    sequence = QTest.touchEvent(window, touch_device(), False)
    for touch_id, point in points.items():
        getattr(sequence, action)(touch_id, point, window)
    sequence.commit()


def touch_tap(qtbot, window: QQuickWindow, point: QPoint) -> None:
    _touch(window, "press", {0: point})
    qtbot.wait(30)
    _touch(window, "release", {0: point})
    qtbot.wait(30)


def touch_swipe(qtbot, window: QQuickWindow, start: QPoint, end: QPoint, steps: int = 12, fingers: int = 1) -> None:
    """A finger (or several side by side) dragged from start to end, one move every ~16 ms, then lifted."""

    def spread(point: QPoint) -> dict[int, QPoint]:
        return {finger: point + QPoint(0, 60 * finger) for finger in range(fingers)}

    _touch(window, "press", spread(start))
    for step in range(1, steps + 1):
        qtbot.wait(16)
        point = start + (end - start) * (step / steps)
        _touch(window, "move", spread(point))
    _touch(window, "release", spread(end))
    qtbot.wait(16)


def touch_hold(qtbot, window: QQuickWindow, point: QPoint, ms: int) -> None:
    _touch(window, "press", {0: point})
    qtbot.wait(ms)
    _touch(window, "release", {0: point})
    qtbot.wait(30)


def tap(qtbot, app, target: QQuickItem | str) -> None:
    """A visitor's touch on an item (by objectName or item), a second after the previous action."""
    item = find(qtbot, app.window, target) if isinstance(target, str) else target
    app.clock.advance(STEP_SECONDS)
    touch_tap(qtbot, app.window, center(item))


def key(qtbot, app, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    app.clock.advance(STEP_SECONDS)
    QTest.keyClick(app.window, key, modifier)
    qtbot.wait(10)


# --- images ---------------------------------------------------------------------------------------------------


def to_pil(image: QImage) -> PilImage.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = bytes(image.constBits())[: stride * height]
    return PilImage.frombuffer("RGB", (width, height), data, "raw", "RGB", stride, 1)


def dominant_colour(image: QImage) -> tuple[int, int, int]:
    small = to_pil(image).resize((192, 108), PilImage.Resampling.NEAREST)
    _, colour = max(small.getcolors(192 * 108))
    return colour


def is_colour(found: tuple[int, int, int], hex_colour: str, tolerance: int = 2) -> bool:
    """``found`` is ``hex_colour`` give or take rounding (the software renderer may leave a 0.996 opacity)."""
    wanted = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return all(abs(a - b) <= tolerance for a, b in zip(found, wanted, strict=True))
