"""Chapter art (3840x2160): one constructivist composition per chapter, its motif on the right.

The left ~45% stays calm paper so the chapter title can sit on it legibly; the drawing is confined to the
right and anything that strays left is faded back into the paper. No words, no numerals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

from kiosk.core.media import elements as el
from kiosk.core.media.canvas import Canvas, Frame
from kiosk.core.media.palette import INK, PAPER, PAPER_DARK, RED, RED_DARK, mix

CALM = 0.45  # fraction of the width kept calm for the title


def _introduction(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_band(c, w * 0.76, h * 0.9, w * 0.46, h * 0.12, -14, INK, 0.1, 0.7, pitch=13 * u)
    sun = c.layer().circle(w * 0.84, h * 0.3, h * 0.27)
    c.ink(sun, RED)
    el.backdrop_bar(c, w * 0.8, h * 0.7, w * 0.42, h * 0.05, -30, INK)
    el.sheet(c, w * 0.63, h * 0.52, h * 0.5, h * 0.7, -7, c.rng, line_pitch=h * 0.018, paragraphs=4)
    el.sheet(c, w * 0.79, h * 0.58, h * 0.5, h * 0.7, 5, c.rng, line_pitch=h * 0.018, paragraphs=2, date_line=True)


def _dictation(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.63, h * 0.36, h * 0.27, RED, pitch=15 * u, inner=0.95, outer=0.4)
    el.backdrop_bar(c, w * 0.76, h * 0.87, w * 0.5, h * 0.08, -10, INK)
    el.typewriter(c, w * 0.63, h * 0.6, h * 0.55, c.rng)
    el.steno_pad(c, w * 0.86, h * 0.47, h * 0.56, 8, c.rng)
    el.pencil(c, w * 0.87, h * 0.84, h * 0.4, -8)


def _the_reading(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    angle = -16
    f = Frame(w * 0.72, h * 0.53, angle)
    length = w * 0.4
    halo = c.layer().circle(*f(length / 2 + h * 0.02, 0), h * 0.2)
    c.ink(halo, RED)
    el.halftone_band(c, *f(-length * 0.05, h * 0.27), length * 1.05, h * 0.16, angle, INK, 0.05, 0.6, pitch=13 * u)
    el.backdrop_bar(c, *f(-length * 0.1, -h * 0.3), length * 0.9, h * 0.035, angle, INK)
    el.table_with_delegates(c, f.cx, f.cy, length, angle, c.rng, per_side=10, table=RED_DARK)


def _suppression(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.84, h * 0.3, h * 0.26, RED, pitch=15 * u, inner=1.0, outer=0.45)
    el.torn_sheet(c, w * 0.86, h * 0.66, h * 0.5, h * 0.62, 8, c.rng, colour=mix(PAPER_DARK, PAPER, 0.3))
    block = c.layer()
    g = Frame(w * 0.86, h * 0.66, 8)
    block.rect(g, -h * 0.19, -h * 0.26, h * 0.19, -h * 0.17)
    block.rect(g, -h * 0.19, -h * 0.14, h * 0.1, -h * 0.05)
    c.ink(block, RED, opacity=0.9)
    el.copies_stack(c, w * 0.64, h * 0.55, h * 0.44, h * 0.6, -5, c.rng, n=6)
    bars = c.layer()
    bars.bar(w * 0.71, h * 0.45, w * 0.4, h * 0.055, -24)
    bars.bar(w * 0.73, h * 0.63, w * 0.4, h * 0.055, -24)
    c.ink(bars, INK)


def _myth_and_document(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.84, h * 0.18, w * 0.4, h * 0.1, -30, INK)
    el.halftone_disc(c, w * 0.9, h * 0.8, h * 0.24, RED, pitch=15 * u, inner=1.0, outer=0.5)
    el.sheet(c, w * 0.7, h * 0.52, h * 0.62, h * 0.84, -3, c.rng, line_pitch=h * 0.024, paragraphs=4)
    el.magnifier(c, w * 0.66, h * 0.42, h * 0.19, 38, c.rng, lines_angle=-3)


COMPOSERS: dict[str, Callable[[Canvas], None]] = {
    "introduction": _introduction,
    "dictation": _dictation,
    "the-reading": _the_reading,
    "suppression": _suppression,
    "myth-and-document": _myth_and_document,
}


def _calm_mask(size: tuple[int, int]) -> Image.Image:
    """255 over the calm title area, fading to 0 just right of it."""
    small = Image.new("L", (200, 8), 0)
    d = ImageDraw.Draw(small)
    edge = round(200 * CALM)
    d.rectangle((0, 0, edge - 4, 8), fill=255)
    small = small.filter(ImageFilter.GaussianBlur(2.2))
    return small.resize(size, Image.Resampling.BILINEAR)


def draw(spec: Any, size_factor: float) -> Image.Image:
    c = Canvas(spec.name, spec.size(size_factor), paper_colour=PAPER, mottle=0.03)
    calm = c.img.copy()
    COMPOSERS[spec.params["id"]](c)
    c.img.paste(calm, (0, 0), _calm_mask(c.size))
    return c.finish(grain=0.0, vignette=0.14)


