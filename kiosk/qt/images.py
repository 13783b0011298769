"""Image providers for QML.

``image://media/<src>``: :class:`MediaImageProvider` finds ``src`` (e.g. ``generated/chapters/dictation.png``
or ``photos/kremlin-1923.jpg``) in the media roots, prefers the smallest rendition built by ``kiosk media
build`` that is at least as wide as the requested size, and decodes it on a worker thread, already scaled
down by ``QImageReader.setScaledSize`` (a 6000 px original never sits decoded at full size). A missing or
undecodable file gives a calm placeholder (paper with a thin frame) and a logged warning -- never an error
state on screen, never an exception.

``image://icon/<fa6s.name>?color=%23RRGGBB``: :class:`IconImageProvider` draws a Font Awesome icon with
qtawesome, imported only when the first icon is requested (its import costs ~0.25 s, kept off the first
frame).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter, QPen
from PySide6.QtQuick import QQuickAsyncImageProvider, QQuickImageProvider, QQuickImageResponse, QQuickTextureFactory

from kiosk.core.media.build import resolve
from kiosk.core.media.palette import PALETTE

log = logging.getLogger(__name__)

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
    if not original.isValid() or requested.width() <= 0 and requested.height() <= 0:
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
    """Find, pick the rendition for, and decode one image (any thread). Never raises."""
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


class _Done(QObject):
    done = Signal(QImage)


class _Decode(QRunnable):
    def __init__(self, work: Callable[[], QImage], signals: _Done) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        self._signals.done.emit(self._work())


class MediaImageResponse(QQuickImageResponse):
    """One pending image; its decoding runs on the thread pool and reports back to the GUI thread."""

    def __init__(self, provider: MediaImageProvider, work: Callable[[], QImage]) -> None:
        super().__init__()
        self._provider = provider
        self._image = QImage()
        self._signals = _Done()
        self._signals.done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        provider._pending.add(self)
        provider.pool.start(_Decode(work, self._signals))

    @Slot(QImage)
    def _finish(self, image: QImage) -> None:
        self._image = image
        self.finished.emit()
        self._provider._pending.discard(self)

    def textureFactory(self) -> QQuickTextureFactory:
        return QQuickTextureFactory.textureFactoryForImage(self._image)


class MediaImageProvider(QQuickAsyncImageProvider):
    """``image://media/<src>`` against the given media folders (content media first, then the app's)."""

    def __init__(self, roots: Sequence[Path], pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.roots = [Path(r) for r in roots]
        self.pool = pool or QThreadPool.globalInstance()
        self._pending: set[MediaImageResponse] = set()  # kept alive until their image is delivered

    def requestImageResponse(self, image_id: str, requested: QSize) -> QQuickImageResponse:
        roots, size = list(self.roots), QSize(requested)
        return MediaImageResponse(self, lambda: load_image(roots, image_id, size))


class IconImageProvider(QQuickImageProvider):
    """``image://icon/fa6s.house?color=%231F1B16``: a Font Awesome 6 solid icon in one colour."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._cache: dict[tuple[str, str, int], QImage] = {}

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        parts = urlsplit(image_id)
        name = unquote(parts.path)
        color = parse_qs(parts.query).get("color", [PALETTE["ink"]])[0]
        side = max(requested.width(), requested.height())
        side = side if side > 0 else 64
        key = (name, color, side)
        image = self._cache.get(key)
        if image is None:
            image = self._draw(name, color, side)
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[key] = image
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

    @staticmethod
    def _draw(name: str, color: str, side: int) -> QImage:
        import qtawesome  # ~0.25 s: only when the first icon is asked for, never on the first-frame path

        try:
            icon = qtawesome.icon(name, color=QColor(color) if QColor.isValidColorName(color) else PALETTE["ink"])
            image = icon.pixmap(QSize(side, side)).toImage()
            if image.isNull():
                raise ValueError("empty pixmap")
            return image
        except Exception:  # an unknown icon name must not take the screen down
            log.warning("unknown icon %r", name)
            image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            return image
