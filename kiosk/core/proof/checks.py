"""The proof's rules, without Qt: what a rendered view shows (:class:`Scene`, read from the item tree by
:func:`kiosk.qt.proof.scene.collect`) turned into :class:`~kiosk.core.proof.findings.Finding` objects.

Text that does not fit its box or is cut off, too small, or too faint against what is behind it; touch targets
too small or cut off; images missing, blurry, without alternative text or credit; texts in the wrong language;
a blank frame; in low reach, controls and texts outside 380-1220 mm above the floor.
Each text is traced to its content field through a
:class:`~kiosk.core.content.sources.TextIndex`. The arithmetic lives in :mod:`kiosk.core.proof.legibility`.
Used by ``kiosk proof``, the curator overlay, ``kiosk self-test`` (blank frames) and the tests (text fit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast
from urllib.parse import unquote, urlsplit

from PIL import Image

from kiosk.core.content.sources import JsonPath, Match, TextIndex, normalise, parse_field_path
from kiosk.core.media.renditions import resolve
from kiosk.core.presentation.screens import ProofView
from kiosk.core.proof import legibility
from kiosk.core.proof.findings import ERROR, WARNING, Finding
from kiosk.core.visit.reach import REACH_HIGH_MM, REACH_LOW_MM, reach_band

# QQuickImage::FillMode
STRETCH, FIT, CROP, TILE, TILE_V, TILE_H, PAD = range(7)
TOLERANCE_PX = 1.5
SHORT_TEXT = 70
Box = tuple[int, int, int, int]  # left, top, right, bottom, in frame pixels


class Frame(Protocol):
    """A rendered view's pixels: a Pillow image, or a grab that hands out Pillow crops (kiosk.qt.proof.frame)."""

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...

    def crop(self, box: Box) -> Image.Image: ...


# the view grabbed without its texts, or what grabs it when first needed
Background = Frame | Callable[[], Frame] | None


class Rect:
    """A rectangle in scene pixels, with the arithmetic of Qt's Rect that the rules use: an empty rectangle
    intersects nothing and contains nothing."""

    __slots__ = ("_height", "_width", "_x", "_y")

    def __init__(self, x: float = 0.0, y: float = 0.0, width: float = 0.0, height: float = 0.0):
        self._x, self._y, self._width, self._height = float(x), float(y), float(width), float(height)

    def x(self) -> float:
        return self._x

    def y(self) -> float:
        return self._y

    def width(self) -> float:
        return self._width

    def height(self) -> float:
        return self._height

    def left(self) -> float:
        return self._x

    def top(self) -> float:
        return self._y

    def right(self) -> float:
        return self._x + self._width

    def bottom(self) -> float:
        return self._y + self._height

    def is_empty(self) -> bool:
        return self._width <= 0 or self._height <= 0

    def intersected(self, other: Rect) -> Rect:
        if self.is_empty() or other.is_empty():
            return Rect()
        left, right = max(self.left(), other.left()), min(self.right(), other.right())
        top, bottom = max(self.top(), other.top()), min(self.bottom(), other.bottom())
        if left >= right or top >= bottom:
            return Rect()
        return Rect(left, top, right - left, bottom - top)

    def contains(self, other: Rect) -> bool:
        if self.is_empty() or other.is_empty():
            return False
        return (
            other.left() >= self.left() and other.right() <= self.right()
            and other.top() >= self.top() and other.bottom() <= self.bottom()
        )

    def adjusted(self, left: float, top: float, right: float, bottom: float) -> Rect:
        return Rect(self._x + left, self._y + top, self._width + right - left, self._height + bottom - top)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rect) and (self._x, self._y, self._width, self._height) == (
            other._x, other._y, other._width, other._height
        )

    def __hash__(self) -> int:
        return hash((self._x, self._y, self._width, self._height))

    def __repr__(self) -> str:
        return f"Rect({self._x:g}, {self._y:g}, {self._width:g}, {self._height:g})"


# --- what a view shows ----------------------------------------------------------------------------------------


@dataclass
class Clip:
    rect: Rect
    scrollable: bool  # a Flickable whose content is larger than it: what is cut off can be scrolled to
    qml: str
    vertical: bool = False  # it scrolls up and down (reading text continuing below the fold)


@dataclass
class TextItem:
    item: object  # the Qt item it was read from, for the adapters (the rules read only the fields below)
    text: str
    rect: Rect  # the item's box, in the scene
    glyphs: Rect  # where its text is drawn, in the scene
    visible: Rect  # the part of the box on screen
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
    parent_rect: Rect | None
    width: float  # the item's own size, before any scaling
    height: float
    implicit_height: float  # what its text needs
    in_flickable: bool  # the item's parent is a Flickable: it moves with what is scrolled
    item_opacity: float  # the item's own opacity


@dataclass(frozen=True)
class ShownText:
    """What a text said and where, kept after its item may be gone (the languages of a view are compared later)."""

    text: str
    qml: str
    rect: Rect

    @classmethod
    def of(cls, item: TextItem) -> ShownText:
        return cls(item.text, item.qml, item.rect)


@dataclass
class TargetItem:
    item: object
    name: str
    rect: Rect
    visible: Rect
    clips: list[Clip]
    qml: str


@dataclass
class ImageItem:
    item: object
    source: str  # the QML source URL
    rect: Rect
    visible: Rect
    failed: bool  # the image could not be loaded (Image.Error)
    fill_mode: int
    width: float  # the item's own width, before any scaling
    painted: tuple[float, float]  # paintedWidth, paintedHeight
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
    # the view is shown in low reach on a screen whose bottom edge is this high above the floor: every control and
    # text must be within reach (check_reach)
    mounting_height_mm: float | None = None

    @property
    def prefer(self) -> tuple[str, JsonPath] | None:
        return (self.view.file, parse_field_path(self.view.field)) if self.view else None


def _short(text: str, limit: int = SHORT_TEXT) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rect(rect: Rect) -> tuple[int, int, int, int]:
    return round(rect.x()), round(rect.y()), round(rect.width()), round(rect.height())


def make_finding(check: str, severity: str, message: str, context: Context, **fields: Any) -> Finding:
    view = context.view
    return Finding(
        check, severity, message, view=view.name if view else "", language=context.language, shape=context.shape,
        **fields,
    )


def _locate(context: Context, text: str) -> Match | None:
    return context.index.locate(text, context.language, context.prefer) if context.index else None


def _source_fields(match: Match | None) -> dict[str, Any]:
    if match is None:
        return {}
    ref = match.ref
    return {"file": ref.file, "field": ref.field, "line": ref.line, "column": ref.column}


def check_scene(scene: Scene, frame: Frame | None, context: Context, background: Background = None) -> list[Finding]:
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
    if context.mounting_height_mm is not None:
        findings += check_reach(scene, context)
    return findings


ABOVE_REACH_QML = "AboveReach.qml"  # the calm title over the stage in low reach: seen from afar, never needed


def check_reach(scene: Scene, context: Context) -> list[Finding]:
    """In low reach: every control, and every text outside the backdrop above the stage, lies between
    380 and 1220 mm above the floor (the part of it on screen: what a list scrolls away is reached by scrolling)."""
    mounting = context.mounting_height_mm
    if mounting is None:
        return []
    band = reach_band(scene.height, context.px_per_mm, mounting)
    found = []
    items: list[tuple[str, TextItem | TargetItem]] = [("control", t) for t in scene.targets]
    items += [("text", t) for t in scene.texts if t.qml != ABOVE_REACH_QML]
    for kind, item in items:
        shown = item.visible
        within = band.top - TOLERANCE_PX <= shown.top() and shown.bottom() <= band.bottom + TOLERANCE_PX
        if shown.is_empty() or within:
            continue
        low = band.floor_mm(shown.bottom(), context.px_per_mm, mounting)
        high = band.floor_mm(shown.top(), context.px_per_mm, mounting)
        label = item.name if isinstance(item, TargetItem) else item.text
        found.append(
            make_finding(
                "reach", ERROR,
                f"{kind} {low:.0f}-{high:.0f} mm above the floor, outside {REACH_LOW_MM:.0f}-{REACH_HIGH_MM:.0f} mm "
                f"(screen mounted at {mounting:g} mm)",
                context, qml=item.qml, text=_short(label), rect=_rect(item.rect),
                value=round(high if high > REACH_HIGH_MM else low),
            )
        )
    return found


def check_fit(text: TextItem, context: Context, /, **fields: Any) -> list[Finding]:
    """Does the text fit: not elided, not wider or taller than its box, not spilling out of its container
    sideways, not cut off by a clipping container or the window (in a scrolling one, reading text that runs on
    below the fold is a warning). ``fields``: what the findings say of the text (its content field, layout)."""
    found: list[Finding] = []

    def add(check: str, severity: str, message: str) -> None:
        found.append(make_finding(check, severity, message, context, **fields))

    if text.truncated:
        add("text-fit", ERROR, "cut off: the text is elided (…) because it does not fit its box")
    if text.content_width > text.width + TOLERANCE_PX:
        add(
            "text-fit", ERROR,
            f"wider than its box: {text.content_width:.0f} px of text in {text.width:.0f} px",
        )
    elif text.parent_rect is not None and (
        text.rect.right() > text.parent_rect.right() + TOLERANCE_PX
        or text.rect.left() < text.parent_rect.left() - TOLERANCE_PX
    ) and text.parent_rect.width() > 0 and not text.in_flickable:
        add("text-fit", ERROR, "spills out of its container sideways")
    natural = text.implicit_height
    if text.height > 0 and text.height < natural - max(TOLERANCE_PX, text.pixel_size * 0.2):
        add("text-fit", ERROR, f"taller than its box: {natural:.0f} px of text in {text.height:.0f} px")
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


def check_text(
    text: TextItem, scene: Scene, frame: Frame | None, context: Context, background: Background = None
) -> list[Finding]:
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


_CONTRAST_CACHE: dict[tuple[object, ...], legibility.Contrast | None] = {}
_CONTRAST_CACHE_SIZE = 8192


def measure(
    text: TextItem, frame: Frame, context: Context, background: Background = None
) -> legibility.Contrast | None:
    """Contrast of ``text`` on ``frame`` (a Pillow image, or anything with width, height, crop(box) and
    optionally key(box), such as QtFrame), or on ``background`` (the frame without texts) when given. The same
    pixels in the same colour are measured once: the bottom bar repeats on every view."""
    if background is not None and text.item_opacity == 1.0:
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
            with Image.open(path) as image:
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
        painted = image.painted
        zoom = width / image.width if image.width > 0 else 1.0
        return painted[0] * zoom, painted[1] * zoom
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
    if path is None or size is None or image.failed:
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


def _content_image(context: Context, src: str) -> dict[str, Any] | None:
    """The content's image entry for ``src`` (preferring the view's own content), with where it is."""
    index = context.index
    if index is None:
        return None
    best: tuple[int, dict[str, Any]] | None = None
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


# --- frames ---------------------------------------------------------------------------------------------------


BLANK_SHARE = 0.996  # a frame is blank when this share of its pixels (of a reduced copy) is one colour


def blank_reason(picture: Image.Image) -> str | None:
    """Why a rendered frame (best a reduced copy: the colours are counted) looks blank, or None when something
    is drawn on it."""
    total = picture.width * picture.height
    if total == 0:
        return "nothing was rendered (empty frame)"
    # never None: an image has at most as many colours as pixels
    colours = cast("list[tuple[int, tuple[int, int, int]]]", picture.convert("RGB").getcolors(total))
    count, colour = max(colours)
    if count >= BLANK_SHARE * total:
        red, green, blue = colour
        return f"blank: {100 * count / total:.1f}% of the frame is #{red:02x}{green:02x}{blue:02x}"
    return None
