"""The one toolkit for reading and driving a window's Qt Quick item tree: walking it, where an item is, whether a
visitor can see it, finding it by objectName, waiting on the event loop, and touching it.

Used by the proof (:mod:`kiosk.qt.proof`, :mod:`kiosk.tools.proof`), the self-test, ``kiosk bench`` and ``kiosk
soak`` (:mod:`kiosk.tools.perf`) and the tests' kits. A screen once made stays made, hidden while another shows
(Main.qml), so the same objectName can be on several screens at once; "the" item is the one actually on screen:
visible, inside the window and every clipping ancestor, and not inside a hidden screen or one still changing.

Touches and keys go through Qt's window-system interface (:mod:`kiosk.qt.synthetic_input`), so they take the same
path through Qt as a real touchscreen's and keyboard's. The exhibit never touches itself: that module is imported
by the touch and key functions only, when a tool or a test calls them.

An item's parent, the item with the focus and the next one in the focus chain are read here through Qt's
properties and invokable methods, never through the C++ getters PySide wraps (``parentItem()``,
``QQuickWindow.activeFocusItem()``, ``nextItemInFocusChain()``): PySide makes whatever such a getter returns a
"child" of the object it was asked of. The window kept every item ever focused that way, deleted ones too, a leak
on a kiosk that runs for months; and a chain of such children that Python's garbage collector frees has PySide
delete the C++ item at its end: the document's facsimile went that way under the keypad.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    QCoreApplication,
    QEventLoop,
    QMetaObject,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    QTimer,
)
from PySide6.QtQml import QQmlEngine, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from shiboken6 import invalidate

if TYPE_CHECKING:  # used inside the functions that need it: the keypad imports this module for its first frame,
    # which does without Qt's namespace (kiosk/qt)
    from PySide6.QtCore import Qt

# QQuickImageBase::Status
IMAGE_NULL, IMAGE_READY, IMAGE_LOADING, IMAGE_ERROR = 0, 1, 2, 3


# --- walking the tree ---------------------------------------------------------------------------------------------


def iter_items(root: QQuickItem, *, prune: Callable[[QQuickItem], bool] | None = None) -> Iterator[QQuickItem]:
    """``root`` and every item under it, each before the items in it (the last child first); an item ``prune``
    says yes to is left out with everything under it. An item's children are the ones it had when it was
    reached, whatever the caller then does to it (the proof completes animations that build and drop items)."""
    stack = [root]
    while stack:
        item = stack.pop()
        if prune is not None and prune(item):
            continue
        # seen once under load (tests, CI): a child being destroyed came back as a bare QMetaObject; it is not drawn
        stack.extend(child for child in item.childItems() if isinstance(child, QQuickItem))
        yield item


def all_items(window: QQuickWindow) -> Iterator[QQuickItem]:
    return iter_items(window.contentItem())


def hidden(item: QQuickItem) -> bool:
    """Not drawn, and nothing in it is: invisible or faded out completely (a screen that is not showing)."""
    return not item.isVisible() or item.opacity() <= 0


def visible_items(root: QQuickItem) -> Iterator[QQuickItem]:
    """The items under ``root`` that are not :func:`hidden` themselves or inside something hidden."""
    return iter_items(root, prune=hidden)


def focused(window: QQuickWindow) -> QQuickItem | None:
    """The item that has the window's active focus."""
    return window.property("activeFocusItem")


def parent_of(item: QQuickItem) -> QQuickItem | None:
    return item.property("parent")


def next_in_focus_chain(item: QQuickItem, forward: bool) -> QQuickItem | None:
    return QMetaObject.invokeMethod(item, "nextItemInFocusChain", Q_RETURN_ARG("QQuickItem*"), Q_ARG(bool, forward))


def ancestors(item: QQuickItem) -> Iterator[QQuickItem]:
    parent = parent_of(item)
    while parent is not None:
        yield parent
        parent = parent_of(parent)


def top_level(window: QQuickWindow, name: str = "", type_name: str = "") -> QQuickItem | None:
    """The child of the window's root called ``name`` or made from the QML type ``type_name``."""
    for child in window.contentItem().childItems():
        if (name and child.objectName() == name) or (type_name and qml_type_name(child) == type_name):
            return child
    return None


def stage(window: QQuickWindow) -> QQuickItem | None:
    """The stage under the window's root (Main.qml): the screens' slots, and where they change."""
    return next((c for c in window.contentItem().childItems() if c.objectName() == "stage"), None)


def stage_screens(window: QQuickWindow) -> dict[str, QQuickItem]:
    """Screen name → the item that shows it: the ``screens`` map of the stage (Main.qml), which names every screen
    of :data:`kiosk.core.presentation.screens.SCREENS`."""
    stage_item = stage(window)
    if stage_item is None:
        return {}
    screens = stage_item.property("screens")
    mapping = screens.toVariant() if hasattr(screens, "toVariant") else dict(screens or {})
    return {name: item for name, item in mapping.items() if item}


def showing_alone(window: QQuickWindow, screen: str) -> bool:
    """The stage draws ``screen`` and no other, and its change to it is over (Main.qml)."""
    stage_item = stage(window)
    screens = stage_screens(window)
    if stage_item is None or screen not in screens or stage_item.property("changing"):
        return False
    return all(slot.isVisible() == (name == screen) for name, slot in screens.items())


def find_item(root: QQuickItem, name: str) -> QQuickItem | None:
    """The first visible item called ``name`` under ``root``."""
    return next((item for item in visible_items(root) if item.objectName() == name), None)


# --- what QML knows of an item ------------------------------------------------------------------------------------


def qml_values(item: QObject, expression: str) -> object:
    """Evaluate a QML expression on ``item`` (PySide cannot convert QML enum properties; JS gives numbers)."""
    context = QQmlEngine.contextForObject(item)
    if context is None:
        engine = qmlEngine(item)
        if engine is None:
            return None
        context = engine.rootContext()
    value, _undefined = QQmlExpression(context, item, expression).evaluate()
    if hasattr(value, "toVariant"):  # a JS array or object
        value = value.toVariant()
    return value


@contextmanager
def meta_object(item: QObject) -> Iterator[QMetaObject]:
    """``item``'s meta-object, for the block's length.

    A QML type's meta-object is made per engine; shiboken's wrapper of it would outlive the engine and be
    handed out again for an unrelated object built later at the same address, whose calls then fail
    ("'QMetaObject' object has no attribute ...", "QMetaObject.inherits called with wrong argument types"). So
    the wrapper is let go when the block ends; a C++ class's meta-object, never freed and shared by every
    wrapper of its class, is kept.
    """
    meta = item.metaObject()
    try:
        yield meta
    finally:
        if "_QML" in meta.className():
            invalidate(meta)


def qml_type_name(item: QObject) -> str:
    """The type ``item`` was made from: "HomeScreen" for a HomeScreen.qml object, else its C++ class name."""
    with meta_object(item) as meta:
        return meta.className().split("_QML")[0]


# --- where items are, and whether a visitor sees them --------------------------------------------------------------


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def visible_rect(window: QQuickWindow, item: QQuickItem) -> QRectF:
    """The part of the item on screen: clipped by the window and by every clipping ancestor."""
    rect = scene_rect(item).intersected(QRectF(0, 0, window.width(), window.height()))
    for parent in ancestors(item):
        if parent.clip():
            rect = rect.intersected(scene_rect(parent))
    return rect


def on_screen(window: QQuickWindow, item: QQuickItem, *, settled: bool = True, enabled: bool = False) -> bool:
    """Visible, with some area on screen, and (``settled``) not inside anything faded or still fading, nor on a
    stage whose screen change is still under way (Main.qml); with ``enabled``, also taking touches."""
    if not item.isVisible() or item.opacity() <= 0 or (enabled and not item.isEnabled()):
        return False
    for parent in ancestors(item):
        if parent.opacity() < (0.999 if settled else 0.001):
            return False
        if settled and parent.objectName() == "stage" and parent.property("changing"):
            return False
    rect = visible_rect(window, item)
    return rect.width() > 0 and rect.height() > 0


def shown(window: QQuickWindow, name: str, *, enabled: bool = False) -> list[QQuickItem]:
    """Every item called ``name`` on screen (see :func:`on_screen`)."""
    return [i for i in all_items(window) if i.objectName() == name and on_screen(window, i, enabled=enabled)]


def find_shown(window: QQuickWindow, name: str, timeout: float = 2.0, *, enabled: bool = False) -> QQuickItem | None:
    """The first item called ``name`` on screen, waiting up to ``timeout`` s for screen fades to end."""
    found: list[QQuickItem] = []

    def look() -> bool:
        found[:] = shown(window, name, enabled=enabled)
        return bool(found)

    wait_until(look, timeout, poll_ms=10)
    return found[0] if found else None


def center(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


# --- waiting on the event loop --------------------------------------------------------------------------------------


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

    from PySide6.QtCore import Qt

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return result[0]


def pump(seconds: float) -> None:
    """Run the event loop for ``seconds`` (timers, rendering and animations go on meanwhile)."""
    wait_until(lambda: False, seconds)


class ImageStatus:
    """The status of the visible images of a window: found once, then polled cheaply (an asynchronous image is not
    drawn until Ready, so a frame grabbed before then shows an empty frame where a picture belongs)."""

    def __init__(self, window: QQuickWindow, skip: tuple[str, ...] = ()):
        self.expressions: list[tuple[str, QQmlExpression]] = []
        # an image inside something drawn at 1 % or less is not waited for: nobody can see it yet
        unseen = lambda i: not i.isVisible() or i.opacity() <= 0.01 or i.objectName() in skip  # noqa: E731
        for item in iter_items(window.contentItem(), prune=unseen):
            if item.inherits("QQuickImageBase"):
                source = item.property("source").toString()
                if source:
                    context = QQmlEngine.contextForObject(item) or qmlEngine(item).rootContext()
                    self.expressions.append((source, QQmlExpression(context, item, "status")))

    def sources(self, *statuses: int) -> list[str]:
        """The sources of the images whose status is one of ``statuses`` (IMAGE_LOADING, IMAGE_ERROR...)."""
        found = []
        for source, expression in self.expressions:
            value, _undefined = expression.evaluate()
            if int(value or 0) in statuses:
                found.append(source)
        return found

    def loading(self) -> list[str]:
        return self.sources(IMAGE_LOADING)

    def wait(self, timeout: float) -> bool:
        """Until no image is loading, up to ``timeout`` s; True if there was anything to wait for."""
        if not self.loading():
            return False
        wait_until(lambda: not self.loading(), timeout, poll_ms=2)
        return True


# --- touches and keys -------------------------------------------------------------------------------------------


_touchscreen = None


def touchscreen():
    global _touchscreen
    if _touchscreen is None:  # one per process: Qt keeps registered devices until it exits
        from kiosk.qt.synthetic_input import Touchscreen  # tools and tests touch the window; the exhibit never does

        _touchscreen = Touchscreen()
    return _touchscreen


def touch(window: QQuickWindow, action: str, points: dict[int, QPoint], *, process: bool = False) -> float:
    """One touch event ("press", "move" or "release" for each point); returns ``time.perf_counter()`` read just
    before it was handed to Qt. It is delivered at once; ``process`` also runs the events it posted."""
    return touch_mixed(window, {touch_id: (action, point) for touch_id, point in points.items()}, process=process)


def touch_mixed(
    window: QQuickWindow, points: dict[int, tuple[str, QPoint | None]], *, process: bool = False
) -> float:
    """One touch event with a state per point: {id: ("press" | "move" | "release", point) or ("stationary",
    None)}; fingers that stay down while others move or lift are reported as stationary, as hardware does."""
    sent = touchscreen().send(window, points)
    if process:
        QCoreApplication.processEvents()
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


def key(window: QQuickWindow, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> float:
    """A key pressed and released (with no modifier unless one is given); returns when it was sent."""
    from PySide6.QtCore import Qt

    from kiosk.qt.synthetic_input import click_key

    return click_key(window, key, Qt.KeyboardModifier.NoModifier if modifier is None else modifier)

