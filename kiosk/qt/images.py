"""Image providers for QML (interim version; the media pipeline replaces it with rendition-aware loading)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen
from PySide6.QtQuick import QQuickImageProvider

log = logging.getLogger(__name__)
PAPER = QColor("#E2D5B8")
INK_SOFT = QColor("#4A4036")


def placeholder(size: QSize) -> QImage:
    width = size.width() if size.width() > 0 else 320
    height = size.height() if size.height() > 0 else 240
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    painter.setPen(QPen(INK_SOFT, max(1, width // 200)))
    painter.drawRect(image.rect().adjusted(4, 4, -5, -5))
    painter.end()
    return image


class MediaImageProvider(QQuickImageProvider):
    def __init__(self, roots: list[Path]):
        super().__init__(QQuickImageProvider.ImageType.Image, QQuickImageProvider.Flag.ForceAsynchronousImageLoading)
        self._roots = [Path(r) for r in roots]

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        path = next((r / image_id for r in self._roots if (r / image_id).is_file()), None)
        if path is None:
            log.warning("image not found: %s", image_id)
            return placeholder(requested)
        reader = QImageReader(str(path))
        original = reader.size()
        if requested.isValid() and original.isValid():
            target = original.scaled(
                requested.width() or original.width(),
                requested.height() or original.height(),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
            if target.width() < original.width():
                reader.setScaledSize(target)
        image = reader.read()
        if image.isNull():
            log.warning("image could not be decoded: %s (%s)", path, reader.errorString())
            return placeholder(requested)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image


class IconImageProvider(QQuickImageProvider):
    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        import qtawesome  # its import costs ~0.25 s: only when the first icon is asked for

        parts = urlsplit(image_id)
        color = parse_qs(parts.query).get("color", ["#1F1B16"])[0]
        side = max(requested.width(), requested.height(), 16)
        try:
            icon = qtawesome.icon(parts.path, color=color)
        except Exception:  # an unknown icon name must not take the screen down
            log.warning("unknown icon %s", parts.path)
            image = QImage(side, side, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            return image
        image = icon.pixmap(side, side).toImage()
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
