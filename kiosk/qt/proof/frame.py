"""Grabbed frames as pixels: a QImage as a Pillow image, crops of a frame for the contrast check, and the frame
grabbed again without its texts (what is behind each text)."""

from __future__ import annotations

from PIL import Image as PilImage
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.core.proof.checks import Scene


def to_pil(image: QImage) -> PilImage.Image:
    """A QImage as an RGB Pillow image (one copy, no Qt conversion pass for the formats a window grab gives)."""
    if image.format() not in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32,
                              QImage.Format.Format_ARGB32_Premultiplied):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = bytes(image.constBits())[: stride * height]
    return PilImage.frombuffer("RGB", (width, height), data, "raw", "BGRX", stride, 1)


class QtFrame:
    """A grabbed QImage that hands out Pillow crops (only the pixels the contrast check looks at)."""

    def __init__(self, image: QImage):
        self.image = image
        self.width = image.width()
        self.height = image.height()
        self._last: tuple | None = None

    def _copy(self, box: tuple[int, int, int, int]) -> QImage:
        if self._last is None or self._last[0] != box:
            left, top, right, bottom = box
            self._last = (box, self.image.copy(left, top, right - left, bottom - top))
        return self._last[1]

    def key(self, box: tuple[int, int, int, int]) -> int:
        """A fingerprint of the pixels in ``box``."""
        return hash(bytes(self._copy(box).constBits()))

    def crop(self, box: tuple[int, int, int, int]) -> PilImage.Image:
        return to_pil(self._copy(box))


class LazyBackground:
    """``grab_without_text`` on first call, then the same frame (a QtFrame)."""

    def __init__(self, window: QQuickWindow, scene: Scene):
        self.window, self.scene, self.frame = window, scene, None

    def __call__(self) -> QtFrame:
        if self.frame is None:
            self.frame = QtFrame(grab_without_text(self.window, self.scene))
        return self.frame


def grab_without_text(window: QQuickWindow, scene: Scene) -> QImage:
    """The frame with every text of ``scene`` hidden (opacity 0, which leaves the layout alone): what is behind
    each text, for the contrast check. Every opacity is restored afterwards."""
    hidden = []
    for text in scene.texts:
        if text.item.opacity() == 1.0:
            text.item.setOpacity(0.0)
            hidden.append(text.item)
    try:
        return window.grabWindow()
    finally:
        for item in hidden:
            item.setOpacity(1.0)
