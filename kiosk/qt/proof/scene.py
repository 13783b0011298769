"""What a rendered view shows, read from the live Qt Quick item tree, and the proof checks run on it.

Used by ``kiosk proof`` (kiosk.tools.proof) on every view it renders and by the curator overlay on the view in front
of the curator. :func:`collect` walks the visible items once (pruning hidden and faded-out screens, following
clipping) and gathers the texts, touch targets and images; :func:`check_scene` turns them into
:class:`~kiosk.core.proof.findings.Finding` objects, measuring contrast on the grabbed frame and tracing each text
to its content field through a :class:`~kiosk.core.content.sources.TextIndex`. The arithmetic lives in
:mod:`kiosk.core.proof.legibility`; nothing here decides a threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from PIL import Image as PilImage
from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QAccessible, QFontInfo  # QAccessible: registers the Role converter
from PySide6.QtQml import QQmlEngine, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from shiboken6 import getCppPointer

from kiosk.core.content.sources import JsonPath, Match, TextIndex, normalise, parse_field_path
from kiosk.core.media.renditions import resolve
from kiosk.core.presentation.screens import ProofView
from kiosk.core.proof import legibility
from kiosk.core.proof.findings import ERROR, WARNING, Finding
from kiosk.qt.items import IMAGE_ERROR, qml_values, scene_rect

OVERLAY_NAME = "curatorOverlay"  # the curator overlay and everything in it is not part of the exhibit
ROLE_BUTTON = 43  # QAccessible::Button
ROLE_GRAPHIC = 40  # QAccessible::Graphic
# QQuickImage::FillMode
STRETCH, FIT, CROP, TILE, TILE_V, TILE_H, PAD = range(7)
# Qt::Alignment
ALIGN_RIGHT, ALIGN_HCENTER, ALIGN_BOTTOM, ALIGN_VCENTER = 0x2, 0x4, 0x40, 0x80
TOLERANCE_PX = 1.5
SHORT_TEXT = 70


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


@dataclass
class Clip:
    rect: QRectF
    scrollable: bool  # a Flickable whose content is larger than it: what is cut off can be scrolled to
    qml: str
    vertical: bool = False  # it scrolls up and down (reading text continuing below the fold)


@dataclass
class TextItem:
    item: QQuickItem
    text: str
    rect: QRectF  # the item's box, in the scene
    glyphs: QRectF  # where its text is drawn, in the scene
    visible: QRectF  # the part of the box on screen
    clips: list[Clip]
    colour: tuple[int, int, int]
    opacity: float  # colour alpha times the opacity of the item and its ancestors
    pixel_size: float
    truncated: bool
    content_width: float
    content_height: float
    line_count: int
    enabled: bool
    qml: str
    parent_rect: QRectF | None


@dataclass(frozen=True)
class ShownText:
    """What a text said and where, kept after its item may be gone (the languages of a view are compared later)."""

    text: str
    qml: str
    rect: QRectF

    @classmethod
    def of(cls, item: TextItem) -> ShownText:
        return cls(item.text, item.qml, QRectF(item.rect))


@dataclass
class TargetItem:
    item: QQuickItem
    name: str
    rect: QRectF
    visible: QRectF
    clips: list[Clip]
    qml: str


@dataclass
class ImageItem:
    item: QQuickItem
    source: str  # the QML source URL
    rect: QRectF
    visible: QRectF
    status: int
    fill_mode: int
    decorative: bool  # Accessible.ignored: no alternative text expected
    alt: str
    qml: str


@dataclass
class Scene:
    width: int
    height: int
    texts: list[TextItem] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)
    images: list[ImageItem] = field(default_factory=list)


def _visible_part(rect: QRectF, clips: Sequence[Clip]) -> QRectF:
    for clip in clips:
        rect = rect.intersected(clip.rect)
    return rect


def _glyph_rect(item: QQuickItem, content_width: float, content_height: float, alignment: Sequence) -> QRectF:
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
    return item.mapRectToScene(QRectF(x, y, content_width, content_height))


def collect(window: QQuickWindow, skip: Sequence[str] = (OVERLAY_NAME,), cache: ItemCache | None = None) -> Scene:
    """Everything a visitor can see right now: visible, not faded out, at least partly inside the window and
    every clipping ancestor. ``cache``: see :func:`accessible`."""
    scene = Scene(int(window.width()), int(window.height()))
    window_clip = Clip(QRectF(0, 0, window.width(), window.height()), False, "Main.qml")

    def visit(item: QQuickItem, opacity: float, clips: list[Clip]) -> None:
        if not item.isVisible() or item.objectName() in skip:
            return
        opacity *= item.opacity()
        if opacity <= 0.01:
            return
        rect = scene_rect(item)
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


def _covers_window(item: QQuickItem, visible: QRectF, opacity: float, window: QRectF) -> bool:
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


def _classify(scene: Scene, item: QQuickItem, rect: QRectF, visible: QRectF, opacity: float, clips, cache) -> None:
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
        parent = item.parentItem()
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
                parent_rect=scene_rect(parent) if parent is not None and parent.width() > 0 else None,
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
                status=int(status),
                fill_mode=int(fill),
                decorative=info is not None and info[2],
                alt=info[1] if info else "",
                qml=qml_file(item),
            )
        )


# containers that never carry a role of their own here; skipping them saves a children() call each (slow in PySide)
# (inherits(), not qml_type_name(): no meta-object wrapper to make and let go for each item)
_NO_ACCESSIBLE = ("QQuickLayout", "QQuickBasePositioner", "QQuickRepeater", "QQuickLoader")


# --- the checks --------------------------------------------------------------------------------------------------


@dataclass
class Context:
    """What the checks need to know about the view they look at."""

    px_per_mm: float
    language: str
    view: ProofView | None
    index: TextIndex | None
    media_roots: Sequence[Path]
    shape: str = ""
    min_target_mm: float = legibility.MIN_TARGET_MM
    device_pixel_ratio: float = 1.0

    @property
    def prefer(self) -> tuple[str, JsonPath] | None:
        return (self.view.file, parse_field_path(self.view.field)) if self.view else None


def _short(text: str, limit: int = SHORT_TEXT) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rect(rect: QRectF) -> tuple[int, int, int, int]:
    return round(rect.x()), round(rect.y()), round(rect.width()), round(rect.height())


def make_finding(check: str, severity: str, message: str, context: Context, **fields) -> Finding:
    view = context.view
    return Finding(
        check, severity, message, view=view.name if view else "", language=context.language, shape=context.shape,
        **fields,
    )


def _locate(context: Context, text: str) -> Match | None:
    return context.index.locate(text, context.language, context.prefer) if context.index else None


def _source_fields(match: Match | None) -> dict:
    if match is None:
        return {}
    ref = match.ref
    return {"file": ref.file, "field": ref.field, "line": ref.line, "column": ref.column}


def check_scene(scene: Scene, frame, context: Context, background=None) -> list[Finding]:
    """Every check on one rendered view. ``frame`` is the grabbed view, ``background`` the same view grabbed
    without its texts (grab_without_text); without it, contrast is estimated from ``frame`` alone."""
    findings: list[Finding] = []
    shown = {normalise(t.text) for t in scene.texts}
    for text in scene.texts:
        findings += check_text(text, scene, frame, context, background)
    for target in scene.targets:
        findings += check_target(target, context)
    for image in scene.images:
        findings += check_image(image, context, shown)
    return findings


def check_fit(text: TextItem, context: Context, /, **fields) -> list[Finding]:
    """Does the text fit: not elided, not wider or taller than its box, not spilling out of its container
    sideways, not cut off by a clipping container or the window (in a scrolling one, reading text that runs on
    below the fold is a warning). ``fields``: what the findings say of the text (its content field, layout)."""
    found: list[Finding] = []

    def add(check: str, severity: str, message: str) -> None:
        found.append(make_finding(check, severity, message, context, **fields))

    if text.truncated:
        add("text-fit", ERROR, "cut off: the text is elided (…) because it does not fit its box")
    if text.content_width > text.item.width() + TOLERANCE_PX:
        add(
            "text-fit", ERROR,
            f"wider than its box: {text.content_width:.0f} px of text in {text.item.width():.0f} px",
        )
    elif text.parent_rect is not None and (
        text.rect.right() > text.parent_rect.right() + TOLERANCE_PX
        or text.rect.left() < text.parent_rect.left() - TOLERANCE_PX
    ) and text.parent_rect.width() > 0 and not text.item.parentItem().inherits("QQuickFlickable"):
        add("text-fit", ERROR, "spills out of its container sideways")
    natural = float(text.item.implicitHeight())
    if text.item.height() > 0 and text.item.height() < natural - max(TOLERANCE_PX, text.pixel_size * 0.2):
        add("text-fit", ERROR, f"taller than its box: {natural:.0f} px of text in {text.item.height():.0f} px")
    glyphs = text.glyphs.adjusted(TOLERANCE_PX, TOLERANCE_PX, -TOLERANCE_PX, -TOLERANCE_PX)
    cut = [clip for clip in text.clips if not clip.rect.contains(glyphs)]
    if any(clip.scrollable for clip in cut):
        # in a scrolling list or page: the visitor scrolls to what is cut off; worth a word for reading text
        down = [c for c in cut if c.vertical and glyphs.bottom() > c.rect.bottom()]
        if down and legibility.is_body_text(text.text, text.line_count):
            add("text-fit", WARNING, f"continues below the fold: the visitor has to scroll ({down[0].qml})")
    elif cut and cut[0] is text.clips[0]:
        add("text-fit", ERROR, "runs outside the window")
    elif cut:
        add("text-fit", ERROR, f"cut off by its container ({cut[0].qml})")
    return found


def check_text(text: TextItem, scene: Scene, frame, context: Context, background=None) -> list[Finding]:
    found: list[Finding] = []
    match = _locate(context, text.text)
    common = {"qml": text.qml, "text": _short(text.text), "rect": _rect(text.rect), **_source_fields(match)}

    def add(check: str, severity: str, message: str, value: float | None = None) -> None:
        found.append(make_finding(check, severity, message, context, value=value, **common))

    found += check_fit(text, context, **common)

    # --- is it large enough? ---
    cap = legibility.cap_height_mm(text.pixel_size, context.px_per_mm)
    minimum = legibility.minimum_cap_mm(text.text, text.line_count)
    # sizes are whole pixels: half a pixel of rounding is not the layout's fault (it matters on small previews)
    if legibility.cap_height_mm(text.pixel_size + 0.5, context.px_per_mm) < minimum:
        kind = "reading text" if minimum >= legibility.MIN_BODY_CAP_MM else "text"
        add(
            "text-size", ERROR,
            f"too small: cap height {cap:.1f} mm ({text.pixel_size:.0f} px), {kind} needs {minimum:.0f} mm",
            round(cap, 2),
        )

    # --- can it be read against what is behind it? ---
    if frame is not None and text.enabled:
        contrast = measure(text, frame, context, background)
        if contrast is not None and contrast.ratio < legibility.MIN_CONTRAST:
            behind = "a picture" if not contrast.solid else legibility.hex_colour(contrast.background)
            add(
                "contrast", ERROR,
                f"contrast {contrast.ratio:.1f}:1 ({legibility.hex_colour(contrast.text)} on {behind}); "
                f"needs {legibility.MIN_CONTRAST}:1",
                round(contrast.ratio, 2),
            )

    # --- is it in the visitor's language? ---
    if match is not None and match.node is not None and context.language not in match.node.values:
        ref = context.index.ref(match.node.file, match.node.path) if context.index else match.ref
        found.append(
            make_finding(
                "translation", ERROR, f"no {context.language} text: shown in another language instead", context,
                file=ref.file, field=f"{ref.field}.{context.language}", line=ref.line, column=ref.column,
                qml=text.qml, text=_short(text.text), rect=_rect(text.rect),
            )
        )
    return found


_CONTRAST_CACHE: dict[tuple, legibility.Contrast | None] = {}
_CONTRAST_CACHE_SIZE = 8192


def measure(text: TextItem, frame, context: Context, background=None) -> legibility.Contrast | None:
    """Contrast of ``text`` on ``frame`` (a Pillow image, or anything with width, height, crop(box) and
    optionally key(box), such as QtFrame), or on ``background`` (the frame without texts) when given. The same
    pixels in the same colour are measured once: the bottom bar repeats on every view."""
    if background is not None and text.item.opacity() == 1.0:
        if callable(background):
            # grabbed only when needed: a text whose surroundings are not one plain colour
            quick = measure(text, frame, context)
            if quick is None or (quick.solid and quick.ratio >= legibility.MIN_CONTRAST):
                return quick
            background = background()
        frame = background
    else:
        background = None
    box = text.glyphs.intersected(text.visible)
    if box.width() < 2 or box.height() < 2:
        return None
    ratio = context.device_pixel_ratio
    left, top = max(0, int(box.left() * ratio)), max(0, int(box.top() * ratio))
    right = min(frame.width, round(box.right() * ratio))
    bottom = min(frame.height, round(box.bottom() * ratio))
    if right - left < 2 or bottom - top < 2:
        return None
    crop = (left, top, right, bottom)
    key = None
    if hasattr(frame, "key"):
        key = (frame.key(crop), text.colour, round(text.opacity, 3), round(text.pixel_size * ratio), background is None)
        if key in _CONTRAST_CACHE:
            return _CONTRAST_CACHE[key]
    if background is not None:
        result = legibility.contrast_on_background(frame.crop(crop), text.colour, opacity=text.opacity)
    else:
        result = legibility.measure_contrast(
            frame.crop(crop), text.colour, opacity=text.opacity, glyph_px=text.pixel_size * ratio
        )
    if key is not None:
        if len(_CONTRAST_CACHE) > _CONTRAST_CACHE_SIZE:
            _CONTRAST_CACHE.clear()
        _CONTRAST_CACHE[key] = result
    return result


def check_target(target: TargetItem, context: Context) -> list[Finding]:
    found = []
    width = legibility.millimetres(target.rect.width(), context.px_per_mm)
    height = legibility.millimetres(target.rect.height(), context.px_per_mm)
    common = {"qml": target.qml, "text": _short(target.name), "rect": _rect(target.rect)}
    match = _locate(context, target.name) if target.name else None
    common.update(_source_fields(match))
    if min(width, height) < context.min_target_mm - 0.05:
        found.append(
            make_finding(
                "touch-target", ERROR,
                f"touch target {width:.1f} × {height:.1f} mm; needs {context.min_target_mm:.0f} mm each way",
                context, value=round(min(width, height), 2), **common,
            )
        )
    visible = target.visible
    if visible.width() < target.rect.width() - TOLERANCE_PX or visible.height() < target.rect.height() - TOLERANCE_PX:
        cut_by = [c for c in target.clips if not c.rect.contains(target.rect)]
        if not any(c.scrollable for c in cut_by):
            where = "outside the window" if cut_by and cut_by[0] is target.clips[0] else f"cut off ({cut_by[0].qml})"
            found.append(make_finding("touch-target", ERROR, f"button partly {where}", context, **common))
    return found


def media_src(source: str) -> str | None:
    """The media-relative path of an ``image://media/<src>`` URL; None for other images (icons)."""
    parts = urlsplit(source)
    if parts.scheme != "image" or parts.netloc != "media":
        return None
    return unquote(parts.path.lstrip("/")) or None


_SIZE_CACHE: dict[Path, tuple[int, int] | None] = {}


def file_size(path: Path) -> tuple[int, int] | None:
    """An image file's pixel size from its header (Pillow reads no pixels)."""
    if path not in _SIZE_CACHE:
        try:
            with PilImage.open(path) as image:
                _SIZE_CACHE[path] = image.size
        except OSError:
            _SIZE_CACHE[path] = None
    return _SIZE_CACHE[path]


def displayed_size(image: ImageItem, source: tuple[int, int]) -> tuple[float, float]:
    """How many screen pixels the whole picture covers (cropped parts included), on each axis."""
    width, height = image.rect.width(), image.rect.height()
    if image.fill_mode == STRETCH:
        return width, height
    if image.fill_mode in (TILE, TILE_V, TILE_H, PAD):
        painted = float(image.item.property("paintedWidth") or 0), float(image.item.property("paintedHeight") or 0)
        scale = width / image.item.width() if image.item.width() > 0 else 1.0
        return painted[0] * scale, painted[1] * scale
    aspect = source[0] / source[1]
    scale = max if image.fill_mode == CROP else min
    shown_width = scale(width, height * aspect)
    return shown_width, shown_width / aspect


def check_image(image: ImageItem, context: Context, shown_texts: set[str]) -> list[Finding]:
    src = media_src(image.source)
    if src is None:
        return []
    found: list[Finding] = []
    common = {"qml": image.qml, "text": src, "rect": _rect(image.rect)}
    content_image = _content_image(context, src)
    if content_image is not None:
        common.update({k: v for k, v in content_image.items() if k in ("file", "field", "line", "column")})
    path = resolve(context.media_roots, src, 0)
    size = file_size(path) if path is not None else None
    if path is None or size is None or image.status == IMAGE_ERROR:
        reason = "not found in the media folders" if path is None else f"cannot be read ({path.name})"
        message = f"image {reason}: the placeholder shows instead"
        found.append(make_finding("image-missing", ERROR, message, context, **common))
        return found
    factor = legibility.upscale_factor(displayed_size(image, size), size)
    if factor > legibility.BLUR_ERROR or factor > legibility.BLUR_WARNING + 0.02:
        severity = ERROR if factor > legibility.BLUR_ERROR else WARNING
        found.append(
            make_finding(
                "image-blurry", severity,
                f"shown at {factor:.2f}× its resolution ({size[0]}×{size[1]} px file, "
                f"{image.rect.width():.0f}×{image.rect.height():.0f} px on screen): supply a larger file",
                context, value=round(factor, 2), **common,
            )
        )
    if not image.decorative and not image.alt.strip():
        found.append(make_finding("image-alt", ERROR, "no alternative text for screen readers", context, **common))
    if content_image is not None and not image.decorative:
        credit = content_image.get("credit")
        if isinstance(credit, dict):
            value = credit.get(context.language, "")
            if not value.strip():
                found.append(
                    make_finding(
                        "image-credit", ERROR, f"no {context.language} credit line", context,
                        **{**common, "field": f"{content_image['field']}.credit.{context.language}"},
                    )
                )
            elif not any(normalise(value) in text for text in shown_texts):
                message = "the credit line is not shown with the image"
                found.append(make_finding("image-credit", WARNING, message, context, **common))
    return found


def _content_image(context: Context, src: str) -> dict | None:
    """The content's image entry for ``src`` (preferring the view's own content), with where it is."""
    index = context.index
    if index is None:
        return None
    best: tuple[int, dict] | None = None
    prefer = context.prefer
    for file, path, node in index.images:
        stored = str(node.get("src", ""))
        if stored != src and stored.replace("{lang}", context.language) != src:
            continue
        rank = 2
        if prefer is not None and file == prefer[0]:
            rank = 0 if path[: len(prefer[1])] == prefer[1] else 1
        if best is None or rank < best[0]:
            ref = index.ref(file, path)
            best = (rank, {**node, "file": file, "field": ref.field, "line": ref.line, "column": ref.column})
    return best[1] if best else None


_WORDS = re.compile(r"[^\W\d_]{3,}")


def untranslated(
    texts_by_language: dict[str, list[ShownText]], default: str, index: TextIndex | None, view: ProofView | None,
    shape: str,
) -> list[Finding]:
    """Texts a view shows identically in another language as in the default one: content shown in the wrong
    language (the content has a distinct text for it) or interface words written into the QML."""
    found: list[Finding] = []
    base = {normalise(t.text) for t in texts_by_language.get(default, [])}
    for language, texts in texts_by_language.items():
        if language == default:
            continue
        reported: set[str] = set()
        here = {normalise(t.text) for t in texts}
        for text in texts:
            shown = normalise(text.text)
            if shown not in base or shown in reported or not _WORDS.search(shown):
                continue
            context_here = Context(0, language, view, index, (), shape)
            match_default = index.locate(shown, default, context_here.prefer) if index else None
            if index is not None and index.occurs_in(shown, language):
                continue  # the same words in both languages, on purpose (a name, a date)
            if match_default is not None and match_default.node is not None:
                other = match_default.node.values.get(language)
                if other is None or normalise(other) == shown:
                    continue  # missing translations are reported where they are shown; identical ones are meant
                if normalise(other) in here:
                    continue  # shown in both languages on purpose ("Touch to begin" on Attract)
                ref = match_default.ref
                found.append(
                    make_finding(
                        "translation", ERROR,
                        f"shown in {default} in the {language} view, though the content has a {language} text",
                        context_here, file=ref.file, field=ref.field.rsplit(".", 1)[0] + f".{language}",
                        line=ref.line, column=ref.column, qml=text.qml, text=_short(shown), rect=_rect(text.rect),
                    )
                )
            elif match_default is None:
                found.append(
                    make_finding(
                        "translation", WARNING,
                        "the same in every language and not from the content: interface text written into the "
                        "QML (add it to strings.json)",
                        context_here, qml=text.qml, text=_short(shown), rect=_rect(text.rect),
                    )
                )
            reported.add(shown)
    return found


def missing_languages(index: TextIndex, view: ProofView, languages: Sequence[str], shape: str = "") -> list[Finding]:
    """Texts of the view's own content that lack one of the exhibit's languages."""
    found = []
    skip = ("suggested_subject", "suggested_credit", "note")
    for node in index.nodes_under(view.file, parse_field_path(view.field)):
        if any(part in skip for part in node.path if isinstance(part, str)):
            continue
        for language in languages:
            if language not in node.values or not node.values[language].strip():
                ref = index.ref(node.file, node.path)
                found.append(
                    Finding(
                        "translation", ERROR, f"no {language} text", view=view.name, language=language, shape=shape,
                        file=ref.file, field=f"{ref.field}.{language}", line=ref.line, column=ref.column,
                        text=_short(next(iter(node.values.values()), "")),
                    )
                )
    return found
