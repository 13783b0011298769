"""What a rendered view shows, read from the live Qt Quick item tree for the proof's rules
(:mod:`kiosk.core.proof.checks`).

Used by ``kiosk proof`` (kiosk.tools.proof) on every view it renders, by the curator overlay on the view in front
of the curator and by the tests' text-fit check. :func:`collect` walks the visible items once (pruning hidden and
faded-out screens, following clipping) and gathers the texts, touch targets and images as plain records; nothing
here decides a threshold. :class:`ItemCache` keeps what is worked out once per item across views.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QAccessible, QFontInfo  # QAccessible: registers the Role converter
from PySide6.QtQml import QQmlEngine, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from shiboken6 import getCppPointer

from kiosk.core.proof.checks import Clip, ImageItem, Rect, Scene, TargetItem, TextItem
from kiosk.qt.items import IMAGE_ERROR, parent_of, qml_values, scene_rect

OVERLAY_NAME = "curatorOverlay"  # the curator overlay and everything in it is not part of the exhibit
ROLE_BUTTON = 43  # QAccessible::Button
ROLE_GRAPHIC = 40  # QAccessible::Graphic
# Qt::Alignment
ALIGN_RIGHT, ALIGN_HCENTER, ALIGN_BOTTOM, ALIGN_VCENTER = 0x2, 0x4, 0x40, 0x80


# --- reading the item tree -----------------------------------------------------------------------------------


def qml_file(item: QObject) -> str:
    """The QML file that declares ``item`` (its context's base URL), e.g. "ChapterScreen.qml"."""
    context = QQmlEngine.contextForObject(item)
    while context is not None:
        url = context.baseUrl()
        if url.isValid() and url.path():
            return PurePosixPath(url.path()).name
        context = context.parentContext()
    return ""


class ItemCache:
    """Something worked out once per item (children() is slow in PySide), forgotten when the item goes. Keyed by
    address and checked by identity: a new item may be built where a deleted one was."""

    def __init__(self, limit: int = 100_000):
        self._entries: dict[tuple[int, str], tuple[QQuickItem, object]] = {}
        self._limit = limit

    def get(self, item: QQuickItem, default=None, kind: str = ""):
        """What was put for ``item`` under ``kind`` (one cache serves several questions about an item)."""
        entry = self._entries.get((getCppPointer(item)[0], kind))
        return entry[1] if entry is not None and entry[0] is item else default

    def put(self, item: QQuickItem, value, kind: str = "") -> None:
        if len(self._entries) > self._limit:
            self._entries.clear()
        self._entries[(getCppPointer(item)[0], kind)] = (item, value)


_MISSING = object()


def _attached(item: QQuickItem, cache: ItemCache | None) -> QObject | None:
    found = cache.get(item, _MISSING) if cache is not None else _MISSING
    if found is _MISSING:
        found = next((c for c in item.children() if c.inherits("QQuickAccessibleAttached")), False)
        if cache is not None:
            cache.put(item, found)
    return found or None


def accessible(item: QQuickItem, cache: ItemCache | None = None) -> tuple[int, str, bool] | None:
    """(role, name, ignored) of the item's Accessible attached object, or None when it has none. ``cache``
    (an ItemCache living no longer than the items it saw) saves looking through the item's children again."""
    child = _attached(item, cache)
    if child is None:
        return None
    try:
        value = child.property("role")
        role = int(value.value if isinstance(value, QAccessible.Role) else value)
    except (AttributeError, TypeError, ValueError):
        role = 0
    return role, str(child.property("name") or ""), bool(child.property("ignored"))


def _rect(rect: QRectF) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())


def _visible_part(rect: Rect, clips: Sequence[Clip]) -> Rect:
    for clip in clips:
        rect = rect.intersected(clip.rect)
    return rect


def _glyph_rect(item: QQuickItem, content_width: float, content_height: float, alignment: Sequence) -> Rect:
    halign, valign = (int(v) if v is not None else 0 for v in alignment)
    left = float(item.property("leftPadding") or 0)
    top = float(item.property("topPadding") or 0)
    right = float(item.property("rightPadding") or 0)
    bottom = float(item.property("bottomPadding") or 0)
    inner_w = max(0.0, item.width() - left - right)
    inner_h = max(0.0, item.height() - top - bottom)
    x = left
    if halign & ALIGN_RIGHT:
        x = left + inner_w - content_width
    elif halign & ALIGN_HCENTER:
        x = left + (inner_w - content_width) / 2
    y = top
    if valign & ALIGN_BOTTOM:
        y = top + inner_h - content_height
    elif valign & ALIGN_VCENTER:
        y = top + (inner_h - content_height) / 2
    return _rect(item.mapRectToScene(QRectF(x, y, content_width, content_height)))


def collect(window: QQuickWindow, skip: Sequence[str] = (OVERLAY_NAME,), cache: ItemCache | None = None) -> Scene:
    """Everything a visitor can see right now: visible, not faded out, at least partly inside the window and
    every clipping ancestor. ``cache``: see :func:`accessible`."""
    scene = Scene(int(window.width()), int(window.height()))
    window_clip = Clip(Rect(0, 0, window.width(), window.height()), False, "Main.qml")

    def visit(item: QQuickItem, opacity: float, clips: list[Clip]) -> None:
        if not item.isVisible() or item.objectName() in skip:
            return
        opacity *= item.opacity()
        if opacity <= 0.01:
            return
        rect = _rect(scene_rect(item))
        visible = _visible_part(rect, clips)
        on_screen = visible.width() > 0.5 and visible.height() > 0.5
        if on_screen and _covers_window(item, visible, opacity, window_clip.rect):
            # a screen's background or a modal scrim: what was drawn before it is hidden or not meant to be read
            scene.texts.clear()
            scene.targets.clear()
        if on_screen:
            _classify(scene, item, rect, visible, opacity, clips, cache)
        if item.clip():
            if not on_screen:
                return  # clipped away entirely, and everything in it
            flickable = item.inherits("QQuickFlickable")
            vertical = flickable and float(item.property("contentHeight") or 0) > item.height() + 1
            sideways = flickable and float(item.property("contentWidth") or 0) > item.width() + 1
            clips = [*clips, Clip(rect, vertical or sideways, qml_file(item), vertical)]
        for child in item.childItems():
            visit(child, opacity, clips)

    visit(window.contentItem(), 1.0, [window_clip])
    return scene


def _alignment(item: QQuickItem, cache: ItemCache | None):
    """A Text's [horizontal, vertical] alignment. The expression is compiled once per item when there is a
    cache: compiling costs more than evaluating, and the renderer looks at the same texts in every view."""
    source = "[effectiveHorizontalAlignment, verticalAlignment]"
    if cache is None:
        return qml_values(item, source)
    expression = cache.get(item, kind="alignment")
    if expression is None:
        context = QQmlEngine.contextForObject(item) or qmlEngine(item).rootContext()
        expression = QQmlExpression(context, item, source)
        cache.put(item, expression, kind="alignment")
    value, _undefined = expression.evaluate()
    return value.toVariant() if hasattr(value, "toVariant") else value


def _covers_window(item: QQuickItem, visible: Rect, opacity: float, window: Rect) -> bool:
    if not item.inherits("QQuickRectangle"):
        return False
    gradient = item.property("gradient")
    undefined = hasattr(gradient, "isUndefined") and (gradient.isUndefined() or gradient.isNull())
    if gradient is not None and not undefined:
        return False  # a gradient over a picture is a backdrop for the text drawn over it
    if visible.width() < window.width() - 1 or visible.height() < window.height() - 1:
        return False
    colour = item.property("color")
    return colour is not None and colour.alphaF() * opacity >= 0.5


def _classify(scene: Scene, item: QQuickItem, rect: Rect, visible: Rect, opacity: float, clips, cache) -> None:
    if item.inherits("QQuickText"):
        text = str(item.property("text") or "")
        if not text.strip():
            return
        colour = item.property("color")
        font = item.property("font")
        pixel_size = font.pixelSize() if font.pixelSize() > 0 else QFontInfo(font).pixelSize()
        content_width = float(item.property("contentWidth") or 0)
        content_height = float(item.property("contentHeight") or 0)
        alignment = _alignment(item, cache) or (0, 0)
        parent = parent_of(item)
        scene.texts.append(
            TextItem(
                item=item,
                text=text,
                rect=rect,
                glyphs=_glyph_rect(item, content_width, content_height, alignment),  # type: ignore[arg-type]
                visible=visible,
                clips=list(clips),
                colour=(colour.red(), colour.green(), colour.blue()),
                opacity=opacity * colour.alphaF(),
                pixel_size=float(pixel_size),
                truncated=bool(item.property("truncated")),
                content_width=content_width,
                content_height=content_height,
                line_count=int(item.property("lineCount") or 1),
                enabled=item.isEnabled(),
                qml=qml_file(item),
                parent_rect=_rect(scene_rect(parent)) if parent is not None and parent.width() > 0 else None,
                width=item.width(),
                height=item.height(),
                implicit_height=float(item.implicitHeight()),
                in_flickable=parent is not None and parent.inherits("QQuickFlickable"),
                item_opacity=item.opacity(),
            )
        )
        return
    if any(item.inherits(name) for name in _NO_ACCESSIBLE):
        return
    info = accessible(item, cache)
    if info is not None and info[0] == ROLE_BUTTON and not info[2]:  # KButton says it is a button
        scene.targets.append(TargetItem(item, info[1] if info else "", rect, visible, list(clips), qml_file(item)))
    if item.inherits("QQuickImage"):
        source = item.property("source").toString()
        if not source:
            return
        status, fill = qml_values(item, "[status, fillMode]") or (0, 0)  # type: ignore[misc]
        scene.images.append(
            ImageItem(
                item=item,
                source=source,
                rect=rect,
                visible=visible,
                failed=int(status) == IMAGE_ERROR,
                fill_mode=int(fill),
                width=item.width(),
                painted=(float(item.property("paintedWidth") or 0), float(item.property("paintedHeight") or 0)),
                decorative=info is not None and info[2],
                alt=info[1] if info else "",
                qml=qml_file(item),
            )
        )


# containers that never carry a role of their own here; skipping them saves a children() call each (slow in PySide)
# (inherits(), not qml_type_name(): no meta-object wrapper to make and let go for each item)
_NO_ACCESSIBLE = ("QQuickLayout", "QQuickBasePositioner", "QQuickRepeater", "QQuickLoader")
