"""Image providers for QML.

``image://media/<src>``: :class:`MediaImageProvider` finds ``src`` (e.g. ``generated/chapters/dictation.jpg``
or ``photos/kremlin-1923.jpg``) in the media roots, prefers the smallest rendition built by ``kiosk media
build`` that is at least as wide as the requested size, and decodes it already scaled down by
``QImageReader.setScaledSize`` (a 6000 px original never sits decoded at full size). Decoding runs on Qt
Quick's image-reader thread, never the GUI thread. A missing or undecodable file gives a calm placeholder
(paper with a thin frame) and a logged warning -- never an error state on screen, never an exception.

``image://icon/<fa6s.name>?color=%23RRGGBB``: :class:`IconImageProvider` colours and scales the white mask
of a Font Awesome icon that ``kiosk media generate`` drew with qtawesome (:mod:`kiosk.qt.icons`); the kiosk
itself never imports qtawesome.

Why not ``QQuickAsyncImageProvider`` with Python ``QQuickImageResponse`` objects: measured with PySide6 6.12,
it deadlocks and crashes. Qt's pixmap reader calls ``provider.imageType()`` and ``response.cancel()`` while
holding its mutex; for a Python subclass the first such call takes the GIL, while the GUI thread -- holding
the GIL inside ``QQmlComponent.create()`` / ``loadFromModule()`` -- waits for that mutex (a deadlock in every
run of a test creating 20 images at once), and responses deleted by Qt on the reader thread crashed in
shiboken. A synchronous provider flagged ``ForceAsynchronousImageLoading`` is called on the reader thread
*without* that mutex, has no response objects, and :class:`_FirstCallGuard` makes sure the one remaining
mutex-held Python lookup (the first ``imageType()``) happens while the GUI thread has released the GIL.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter, QPen
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickImageProvider

from kiosk.core.media.palette import PALETTE
from kiosk.core.media.renditions import resolve

log = logging.getLogger(__name__)

# A qtawesome name as the QML writes it: a Font Awesome 6 prefix (solid, regular, brands) and the icon.
ICON_NAME = re.compile(r"\bfa6[srb]\.[a-z0-9]+(?:-[a-z0-9]+)*\b")


def mask_path(icons_dir: Path, name: str) -> Path | None:
    """Where the mask of ``name`` lives; None for anything that is not an icon name (never a path)."""
    return Path(icons_dir) / f"{name}.png" if ICON_NAME.fullmatch(name) else None


PAPER = QColor(PALETTE["paper-dark"])
FRAME = QColor(PALETTE["ink-soft"])
DEFAULT_WIDTH = 1920  # what to pick when QML gives no size: a full-HD screen's width
PLACEHOLDER_SIZE = QSize(640, 360)


def placeholder(requested: QSize | None = None) -> QImage:
    """Paper colour with a thin frame, at the requested size (or 16:9 when there is none)."""
    width, height = PLACEHOLDER_SIZE.width(), PLACEHOLDER_SIZE.height()
    if requested is not None:
        if requested.width() > 0 and requested.height() > 0:
            width, height = requested.width(), requested.height()
        elif requested.width() > 0:
            width, height = requested.width(), max(1, requested.width() * 9 // 16)
        elif requested.height() > 0:
            width, height = max(1, requested.height() * 16 // 9), requested.height()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    line = max(1, min(width, height) // 160)
    painter.setPen(QPen(FRAME, line))
    inset = max(2, min(width, height) // 40)
    painter.drawRect(image.rect().adjusted(inset, inset, -inset - 1, -inset - 1))
    painter.end()
    return image


def safe_src(image_id: str) -> str | None:
    """The media-relative path of an image id, or None if it tries to leave the media roots."""
    path = unquote(urlsplit(image_id).path)
    parts = PurePosixPath(path).parts
    if not path or path.startswith("/") or "\\" in path or any(p in ("..", "") for p in parts) or ":" in path:
        return None
    return path


def _fit(original: QSize, requested: QSize, swapped: bool) -> QSize | None:
    """The size to decode at: within the requested box (0 = unconstrained), aspect kept, never enlarged."""
    if not original.isValid() or (requested.width() <= 0 and requested.height() <= 0):
        return None
    width, height = original.width(), original.height()
    if swapped:  # EXIF says the picture is turned: fit the displayed shape, decode in the stored one
        width, height = height, width
    scale = 1.0
    if requested.width() > 0:
        scale = min(scale, requested.width() / width)
    if requested.height() > 0:
        scale = min(scale, requested.height() / height)
    if scale >= 1.0:
        return None
    target = QSize(max(1, round(width * scale)), max(1, round(height * scale)))
    return target.transposed() if swapped else target


def load_image(roots: Sequence[Path], image_id: str, requested: QSize) -> QImage:
    """Find, pick the rendition for, and decode one image (any thread, no Qt objects shared). Never raises."""
    try:
        src = safe_src(image_id)
        if src is None:
            log.warning("image id refused (outside the media folders): %r", image_id)
            return placeholder(requested)
        if requested.width() > 0:
            wanted = requested.width()
        elif requested.height() > 0:
            wanted = requested.height() * 16 // 9
        else:
            wanted = DEFAULT_WIDTH
        path = resolve(roots, src, wanted)
        if path is None:
            log.warning("image not found in %s: %s", ", ".join(str(r) for r in roots), src)
            return placeholder(requested)
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        swapped = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
        target = _fit(reader.size(), requested, swapped)
        if target is not None:
            reader.setScaledSize(target)
        image = reader.read()
        if image.isNull():
            log.warning("image could not be decoded: %s (%s)", path, reader.errorString())
            return placeholder(requested)
        return image
    except Exception:  # a provider must never take the screen down
        log.exception("loading image %r failed", image_id)
        return placeholder(requested)


class _FirstCallGuard:
    """Keeps the first ``imageType()`` lookup of a Python provider from deadlocking the GUI thread.

    Qt's pixmap reader calls ``provider->imageType()`` with its mutex held. For a Python subclass, shiboken
    takes the GIL for the *first* call of each virtual (later calls are cached and stay in C++). If the GUI
    thread holds the GIL while it queues another image (as it does inside ``QQmlComponent.create()``,
    ``loadFromModule()`` or while screens are incubated), it blocks on that mutex and the reader blocks on the
    GIL: a deadlock.

    ``flags()`` is called on the GUI thread before every load. The reader and its mutex are shared by every
    provider, so from then on, until the reader has reached ``requestImage`` once for each provider whose first
    image is queued (so its ``imageType()`` has been looked up), a load of *any* provider waits here with the GIL
    released.
    """

    FIRST_CALL_TIMEOUT = 2.0
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _first_loads_queued: ClassVar[set[_FirstCallGuard]] = set()  # their first request is with the reader, not yet seen

    def _guard_init(self) -> None:
        self._queued = False
        self._reached = threading.Event()

    def _guard_flags(self) -> None:
        with _FirstCallGuard._lock:
            waiting_for = [p for p in _FirstCallGuard._first_loads_queued if p is not self]
            first = not self._queued
            if first:
                self._queued = True
                _FirstCallGuard._first_loads_queued.add(self)
        if not first:
            waiting_for.append(self)
        for provider in waiting_for:
            provider._wait_reached()

    def _wait_reached(self) -> None:
        if not self._reached.wait(self.FIRST_CALL_TIMEOUT):  # the GIL is released while waiting
            log.debug("image provider: first request not seen within %.1f s", self.FIRST_CALL_TIMEOUT)
            self._guard_reached()

    def _guard_reached(self) -> None:
        self._reached.set()
        with _FirstCallGuard._lock:
            _FirstCallGuard._first_loads_queued.discard(self)


# the image both providers answer with a transparent pixel, quietly: what warm_up() asks them for
WARM_UP = "warm-up"
_WARM_UP_QML = b"""import QtQuick
Item {
    Image { asynchronous: true; source: "image://media/warm-up" }
    Image { asynchronous: true; source: "image://icon/warm-up" }
}
"""


def warm_up(engine: QQmlEngine, providers: Sequence[_FirstCallGuard]) -> Callable[[], None]:
    """Has the reader look up each provider's first ``imageType()`` before any screen exists. The guard in
    ``flags()`` covers a second load; this also covers the first load being cancelled, which takes the reader's
    mutex too (an Image whose size changes right after it is made, as a screen's do when its Loader sizes it: seen
    as a deadlock in tests). Returns the wait for it, with the GIL released, to be called before the first screen
    is made: the reader gets there while the start goes on (the GIL changes hands every few milliseconds)."""
    component = QQmlComponent(engine)
    component.setData(_WARM_UP_QML, QUrl())
    item = component.create()

    def wait() -> None:
        for provider in providers:
            provider._wait_reached()
        if item is not None:
            item.deleteLater()
        component.deleteLater()  # kept until now: the item goes with it

    return wait


def _transparent_pixel() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.setPixel(0, 0, 0)  # not fill(): choosing among its overloads builds Qt's namespace (kiosk/qt), at warm_up
    return image


class MediaImageProvider(_FirstCallGuard, QQuickImageProvider):
    """``image://media/<src>`` against the given media folders (content media first, then the app's)."""

    def __init__(self, roots: Sequence[Path]) -> None:
        QQuickImageProvider.__init__(
            self, QQuickImageProvider.ImageType.Image, QQuickImageProvider.Flag.ForceAsynchronousImageLoading
        )
        self._guard_init()
        self.roots = [Path(r) for r in roots]

    def flags(self) -> QQuickImageProvider.Flag:  # called on the GUI thread only
        self._guard_flags()
        return QQuickImageProvider.Flag.ForceAsynchronousImageLoading

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        """Runs on Qt Quick's reader thread (``ForceAsynchronousImageLoading``)."""
        self._guard_reached()
        image = _transparent_pixel() if image_id == WARM_UP else load_image(self.roots, image_id, QSize(requested))
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image


class IconImageProvider(_FirstCallGuard, QQuickImageProvider):
    """``image://icon/fa6s.house?color=%231F1B16``: a Font Awesome 6 solid icon in one colour.

    Synchronous (a small PNG, scaled and tinted); an Image with ``asynchronous: true`` still works, on the
    reader thread, guarded like the media provider. An icon without a mask (``kiosk media generate`` not run,
    or a name that is not an icon) is transparent, with a warning in the log.
    """

    def __init__(self, icons_dir: Path) -> None:
        QQuickImageProvider.__init__(self, QQuickImageProvider.ImageType.Image)
        self._guard_init()
        self.icons_dir = Path(icons_dir)
        # Each mask read from disk once, whatever colours and sizes it is then asked for (alpha only: 64 KB). The
        # icons drawn from them are not kept here: Qt's own image cache holds those in use and a few let go, and
        # one is drawn again in 0.1-0.3 ms; a cache of every colour and size ever asked for grew with each mode
        # and language a visitor chose (128 icons after 3,000 soak actions, docs/performance.md).
        self._masks: dict[str, QImage] = {}
        self._lock = threading.Lock()

    def flags(self) -> QQuickImageProvider.Flag:
        self._guard_flags()
        return QQuickImageProvider.Flag(0)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        self._guard_reached()
        if image_id == WARM_UP:
            return _transparent_pixel()
        parts = urlsplit(image_id)
        name = unquote(parts.path)
        color = parse_qs(parts.query).get("color", [PALETTE["ink"]])[0]
        side = max(requested.width(), requested.height())
        side = side if side > 0 else 64
        image = self._draw(name, color, side)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

    def _mask(self, name: str) -> QImage:
        with self._lock:  # the GUI thread and Qt's image reader both ask for icons
            mask = self._masks.get(name)
            if mask is None:
                path = mask_path(self.icons_dir, name)
                mask = QImage(str(path)) if path is not None else QImage()
                if not mask.isNull():
                    mask = mask.convertToFormat(QImage.Format.Format_Alpha8)
                self._masks[name] = mask
        return mask

    def _draw(self, name: str, color: str, side: int) -> QImage:
        from PySide6.QtCore import Qt

        mask = self._mask(name)
        if mask.isNull():  # a missing icon must not take the screen down
            log.warning("no icon %r in %s (run 'kiosk media generate')", name, self.icons_dir)
            image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            return image
        image = mask.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)  # the mask's shape
        painter.fillRect(image.rect(), QColor(color) if QColor.isValidColorName(color) else QColor(PALETTE["ink"]))
        painter.end()
        return image
