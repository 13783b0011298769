"""Attract-loop panoramas (4800x2160, panned slowly): night-toned paper fragments, typed lines, a red bar.

Nothing on them has to be read; they set the mood while the kiosk waits.
"""

from __future__ import annotations

from typing import Any

from PIL import Image

from kiosk.core.media import elements as el
from kiosk.core.media.canvas import Canvas, Frame
from kiosk.core.media.palette import GOLD, INK_SOFT, NIGHT, PAPER, RED, RED_DARK, mix

FRAGMENT = mix(PAPER, NIGHT, 0.52)
FRAGMENT_TEXT = mix(INK_SOFT, NIGHT, 0.5)


def _fragment(c: Canvas, x: float, y: float, w: float, h: float, angle: float, torn: bool = False) -> None:
    if torn:
        el.torn_sheet(c, x, y, w, h, angle, c.rng, colour=FRAGMENT)
    else:
        el.sheet(c, x, y, w, h, angle, c.rng, colour=FRAGMENT, text=FRAGMENT_TEXT, shadow=0.5,
                 line_pitch=h / 26, text_opacity=0.8)


def _one(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.5, h * 0.62, w * 1.2, h * 0.07, -4, RED_DARK)
    _fragment(c, w * 0.16, h * 0.45, h * 0.42, h * 0.58, -8)
    _fragment(c, w * 0.5, h * 0.5, h * 0.46, h * 0.64, 4)
    _fragment(c, w * 0.82, h * 0.42, h * 0.4, h * 0.55, -3, torn=True)
    ring = c.layer().ring(w * 0.66, h * 0.34, h * 0.36, 2.5 * u)
    c.ink(ring, GOLD, opacity=0.45)


def _two(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.3, h * 0.5, h * 0.4, mix(INK_SOFT, NIGHT, 0.2), pitch=16 * u, inner=0.9, outer=0.3)
    el.backdrop_bar(c, w * 0.55, h * 0.5, w * 0.9, h * 0.05, -24, RED)
    _fragment(c, w * 0.22, h * 0.56, h * 0.44, h * 0.6, 6)
    _fragment(c, w * 0.63, h * 0.48, h * 0.44, h * 0.6, -5)
    _fragment(c, w * 0.88, h * 0.56, h * 0.36, h * 0.5, 9, torn=True)


def _three(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.72, h * 0.5, h * 1.3, h * 0.09, 72, RED_DARK)
    rule = c.layer().rect(Frame(0, 0), w * 0.04, h * 0.86, w * 0.96, h * 0.86 + 2.5 * u)
    c.ink(rule, GOLD, opacity=0.4)
    for i in range(5):
        x = w * (0.12 + i * 0.19)
        _fragment(c, x, h * (0.46 + 0.05 * (-1) ** i), h * 0.38, h * 0.52, (-1) ** i * (3 + i), torn=(i == 2))


COMPOSERS = {1: _one, 2: _two, 3: _three}


def draw(spec: Any, size_factor: float) -> Image.Image:
    c = Canvas(spec.name, spec.size(size_factor), ground="night")
    COMPOSERS[int(spec.params["n"])](c)
    return c.finish(grain=0.0, vignette=0.35, vignette_colour=(8, 6, 5))
