"""The tests' side of driving the real kiosk window as a visitor would: find items, touch, swipe, read what is
shown, waiting with qtbot. The item tree itself is read and touched with the product's toolkit,
:mod:`kiosk.qt.items` (its names are re-exported here, the tests' vocabulary); what is here is only what tests need.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from contentkit import files as contentkit_files
from contentkit import t
from PIL import Image as PilImage
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.visit.clock import ManualClock
from kiosk.qt import items
from kiosk.qt.items import all_items as all_items
from kiosk.qt.items import center as center
from kiosk.qt.items import iter_items as iter_items
from kiosk.qt.items import on_screen as on_screen
from kiosk.qt.items import scene_rect as scene_rect
from kiosk.qt.items import showing_alone, touch
from kiosk.qt.items import shown as shown
from kiosk.qt.items import visible_rect as visible_rect
from kiosk.qt.proof.frame import to_pil

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


def wait_settled(qtbot, app) -> None:
    """Until the kiosk's current screen shows alone and its change is over."""
    qtbot.waitUntil(lambda: showing_alone(app.window, app.kiosk.visit.screen), timeout=2000)


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


def touch_tap(qtbot, window: QQuickWindow, point: QPoint) -> None:
    touch(window, "press", {0: point}, process=True)
    qtbot.wait(30)
    touch(window, "release", {0: point}, process=True)
    qtbot.wait(30)


def touch_swipe(qtbot, window: QQuickWindow, start: QPoint, end: QPoint, steps: int = 12, fingers: int = 1) -> None:
    """A finger (or several side by side) dragged from start to end, one move every ~16 ms, then lifted."""

    def spread(point: QPoint) -> dict[int, QPoint]:
        return {finger: point + QPoint(0, 60 * finger) for finger in range(fingers)}

    touch(window, "press", spread(start), process=True)
    for step in range(1, steps + 1):
        qtbot.wait(16)
        point = start + (end - start) * (step / steps)
        touch(window, "move", spread(point), process=True)
    touch(window, "release", spread(end), process=True)
    qtbot.wait(16)


def touch_hold(qtbot, window: QQuickWindow, point: QPoint, ms: int) -> None:
    touch(window, "press", {0: point}, process=True)
    qtbot.wait(ms)
    touch(window, "release", {0: point}, process=True)
    qtbot.wait(30)


def tap(qtbot, app, target: QQuickItem | str) -> None:
    """A visitor's touch on an item (by objectName or item), a second after the previous action."""
    item = find(qtbot, app.window, target) if isinstance(target, str) else target
    app.clock.advance(STEP_SECONDS)
    touch_tap(qtbot, app.window, center(item))


def key(qtbot, app, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    app.clock.advance(STEP_SECONDS)
    items.key(app.window, key, modifier)
    qtbot.wait(10)


# --- images ---------------------------------------------------------------------------------------------------


def dominant_colour(image: QImage) -> tuple[int, int, int]:
    small = to_pil(image).resize((192, 108), PilImage.Resampling.NEAREST)
    _, colour = max(small.getcolors(192 * 108))
    return colour


def is_colour(found: tuple[int, int, int], hex_colour: str, tolerance: int = 2) -> bool:
    """``found`` is ``hex_colour`` give or take rounding (the software renderer may leave a 0.996 opacity)."""
    wanted = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return all(abs(a - b) <= tolerance for a, b in zip(found, wanted, strict=True))
