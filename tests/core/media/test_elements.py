"""backdrop_bar prints onto the canvas it is given; it used to promise an image back but returned None."""

from __future__ import annotations

from kiosk.core.media import elements
from kiosk.core.media.canvas import Canvas
from kiosk.core.media.palette import RED


def _distance(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def test_backdrop_bar_prints_on_the_canvas_and_returns_nothing() -> None:
    canvas = Canvas("test-backdrop-bar", (200, 100))
    before = canvas.img.copy()

    returned = elements.backdrop_bar(canvas, 100, 50, 160, 30, 0, RED)

    assert returned is None  # the art is on canvas.img: nothing to hand back
    centre, corner = (100, 50), (2, 2)
    assert _distance(canvas.img.getpixel(centre), RED) < _distance(before.getpixel(centre), RED)
    assert canvas.img.getpixel(corner) == before.getpixel(corner)  # outside the bar: untouched
