"""Scenes for the slots still waiting for an archival photograph (2400x1800): each drawn for its slot in the
exhibit's print style, without words, so a visitor takes it for an illustration (which it is, and is credited
as). The slots stay listed for curators (kind "placeholder" in the content) until the photograph arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image

from kiosk.core.media import elements as el
from kiosk.core.media.canvas import Canvas, Frame
from kiosk.core.media.palette import INK, PAPER, PAPER_DARK, RED, RED_DARK, mix

F = Frame(0, 0)


def _kremlin_study(c: Canvas) -> None:
    """Lenin back at work, autumn 1922: a desk and an empty chair under a tall window, a red sun beyond."""
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.64, h * 0.3, h * 0.2, RED, pitch=14 * u, inner=0.95, outer=0.4)
    window = c.layer()
    for x0 in (0.48, 0.645):
        window.rect(F, w * x0, h * 0.1, w * (x0 + 0.15), h * 0.55)
    c.ink(window, mix(PAPER, (255, 255, 255), 0.35), opacity=0.55)
    frame = c.layer().rect(F, w * 0.47, h * 0.09, w * 0.805, h * 0.105)
    frame.rect(F, w * 0.47, h * 0.55, w * 0.805, h * 0.565)
    frame.rect(F, w * 0.63, h * 0.09, w * 0.645, h * 0.565)
    c.ink(frame, INK)
    el.backdrop_bar(c, w * 0.5, h * 0.8, w * 1.3, h * 0.05, -6, INK)
    desk = c.layer().rect(F, w * 0.2, h * 0.6, w * 0.72, h * 0.66)
    desk.rect(F, w * 0.23, h * 0.66, w * 0.26, h * 0.9)
    desk.rect(F, w * 0.66, h * 0.66, w * 0.69, h * 0.9)
    c.shadow(desk, 6 * u, 8 * u, 10 * u, 0.25)
    c.ink(desk, INK)
    lamp = c.layer().rect(F, w * 0.3, h * 0.5, w * 0.31, h * 0.6)
    lamp.poly([(w * 0.27, h * 0.5), (w * 0.34, h * 0.5), (w * 0.32, h * 0.45), (w * 0.29, h * 0.45)])
    c.ink(lamp, RED_DARK)
    el.sheet(c, w * 0.5, h * 0.585, h * 0.14, h * 0.05, -4, c.rng, line_pitch=h * 0.008, shadow=0.2)
    chair = c.layer().rect(F, w * 0.76, h * 0.46, w * 0.79, h * 0.9)
    chair.rect(F, w * 0.7, h * 0.66, w * 0.79, h * 0.69)
    chair.rect(F, w * 0.7, h * 0.69, w * 0.715, h * 0.9)
    c.ink(chair, mix(INK, RED_DARK, 0.35))


def _congress_hall(c: Canvas) -> None:
    """The Thirteenth Congress, May 1924: rows of delegates before a red-draped platform."""
    w, h = c.w, c.h
    drape = c.layer().rect(F, w * 0.18, h * 0.08, w * 0.82, h * 0.36)
    c.ink(drape, RED)
    folds = c.layer()
    for i in range(8):
        x = w * (0.2 + i * 0.08)
        folds.rect(F, x, h * 0.08, x + w * 0.018, h * 0.36)
    c.ink(folds, RED_DARK, opacity=0.7)
    platform = c.layer().rect(F, w * 0.12, h * 0.36, w * 0.88, h * 0.42)
    platform.rect(F, w * 0.46, h * 0.27, w * 0.54, h * 0.36)
    c.ink(platform, INK)
    seats = c.layer()
    for row in range(5):
        y = h * (0.52 + row * 0.085)
        r = h * (0.016 + row * 0.004)
        n = 11 + row * 2
        for i in range(n):
            x = w * 0.5 + (i - (n - 1) / 2) * r * 3.1
            if c.rng.random() > 0.06:
                seats.circle(x + c.rng.uniform(-r * 0.2, r * 0.2), y, r)
    c.ink(seats, INK)
    el.backdrop_bar(c, w * 0.5, h * 0.97, w * 1.3, h * 0.04, -2, RED_DARK)


def _plenum_table(c: Canvas) -> None:
    """A Central Committee plenum, 1926: the long table seen from above, the reader at its head."""
    w, h, u = c.w, c.h, c.u
    el.halftone_band(c, w * 0.5, h * 0.2, w * 1.3, h * 0.16, -10, RED, 0.15, 0.85, pitch=14 * u)
    el.backdrop_bar(c, w * 0.5, h * 0.86, w * 1.4, h * 0.05, -10, INK)
    el.table_with_delegates(c, w * 0.47, h * 0.55, w * 0.72, -10, c.rng, per_side=10)


SCENES: dict[str, Callable[[Canvas], None]] = {
    "kremlin-study": _kremlin_study,
    "congress-hall": _congress_hall,
    "plenum-1926": _plenum_table,
}


def draw(spec: Any, size_factor: float) -> Image.Image:
    c = Canvas(spec.name, spec.size(size_factor), paper_colour=mix(PAPER_DARK, PAPER, 0.6), mottle=0.035)
    SCENES[spec.params["scene"]](c)
    return c.finish(grain=0.0, vignette=0.16)
