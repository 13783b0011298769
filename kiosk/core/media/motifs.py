"""Motifs: single strong images (2400x1800) that illustrate one thing each, readable at half a screen.

The only words on them are real names (the title of the newspaper *Pravda*) and years; no slogans.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PIL import Image

from kiosk.core.media import elements as el
from kiosk.core.media.canvas import Canvas, Frame
from kiosk.core.media.palette import INK, INK_SOFT, PAPER_DARK, RED, RED_DARK, mix


def _typewriter(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.7, h * 0.36, h * 0.36, RED, pitch=15 * u, inner=0.9, outer=0.35)
    el.backdrop_bar(c, w * 0.5, h * 0.86, w * 1.3, h * 0.07, -14, INK)
    el.typewriter(c, w * 0.47, h * 0.58, h * 0.8, c.rng)


def _locked_drawer(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.52, h * 0.5, w * 1.4, h * 0.2, -24, RED, opacity=0.95)
    el.halftone_band(c, w * 0.5, h * 0.85, w * 1.2, h * 0.12, -24, INK, 0.05, 0.6, pitch=13 * u)
    el.drawer_front(c, w * 0.45, h * 0.52, h * 0.95, c.rng)
    el.key(c, w * 0.77, h * 0.2, h * 0.55, 32, INK)


def _council(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    cx, cy, r = w * 0.5, h * 0.52, h * 0.23
    el.backdrop_bar(c, w * 0.5, h * 0.52, w * 1.5, h * 0.05, -32, INK)
    table = c.layer().circle(cx, cy, r)
    c.shadow(table, 8 * u, 10 * u, 10 * u, 0.25)
    c.ink(table, RED)
    el.sheet(c, cx, cy, r * 0.55, r * 0.75, -8, c.rng, line_pitch=r * 0.04, shadow=0.25)
    seats = c.layer()
    n = 9
    for i in range(n):
        t = -math.pi / 2 + (i + 0.5) * math.tau / n
        seats.circle(cx + math.cos(t) * r * 1.32, cy + math.sin(t) * r * 1.32, r * 0.17)
    c.ink(seats, INK)
    ring = c.layer().ring(cx, cy, r * 1.72, 4 * u)
    c.ink(ring, INK_SOFT, opacity=0.7)


def _delegations(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_band(c, w * 0.5, h * 0.16, w * 1.3, h * 0.16, -8, RED, 0.15, 0.85, pitch=14 * u)
    seats = c.layer()
    signs = c.layer()
    r = h * 0.018
    for bi in range(2):
        for bj in range(4):
            cx = w * (0.17 + bj * 0.22)
            cy = h * (0.5 + bi * 0.25)
            rows, cols = 3, 5
            el.circles_group(seats, cx, cy, rows, cols, r, r * 0.8, c.rng, drop=0.1)
            top = cy - rows * r * 1.55 - h * 0.03
            signs.rect(Frame(0, 0), cx - w * 0.045, top - h * 0.025, cx + w * 0.045, top)
            signs.rect(Frame(0, 0), cx - 1.5 * u, top, cx + 1.5 * u, top + h * 0.03)
    c.ink(seats, INK)
    c.ink(signs, RED_DARK)
    front = c.layer()
    front.rect(Frame(0, 0), w * 0.06, h * 0.93, w * 0.94, h * 0.945)
    c.ink(front, INK)
    el.sheet(c, w * 0.5, h * 0.19, h * 0.2, h * 0.27, 3, c.rng, line_pitch=h * 0.011)


def _pravda(c: Canvas) -> None:
    w, h, _u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.62, h * 0.5, w * 1.3, h * 0.24, -28, RED)
    el.newspaper(c, w * 0.44, h * 0.53, h * 0.66, -4, c.rng, masthead="ПРАВДА")


def _newspaper_1926(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.72, h * 0.32, h * 0.3, INK, pitch=14 * u, inner=0.75, outer=0.15)
    el.backdrop_bar(c, w * 0.45, h * 0.8, w * 1.4, h * 0.06, 18, RED)
    el.newspaper(c, w * 0.42, h * 0.55, h * 0.62, 5, c.rng, big="1926", highlight=True, columns=4)


def _copies(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.halftone_disc(c, w * 0.7, h * 0.42, h * 0.38, RED, pitch=15 * u, inner=0.95, outer=0.4)
    el.copies_stack(c, w * 0.44, h * 0.58, h * 0.5, h * 0.66, -6, c.rng, n=7)
    bars = c.layer()
    bars.bar(w * 0.47, h * 0.55, w * 0.75, h * 0.06, -22)
    c.ink(bars, INK)


def _six_words(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.55, h * 0.45, w * 1.5, h * 0.3, -18, RED)
    el.halftone_disc(c, w * 0.16, h * 0.8, h * 0.2, INK, pitch=13 * u, inner=0.8, outer=0.25)
    sw, sh = w * 0.56, h * 0.8
    f = el.sheet(c, w * 0.52, h * 0.53, sw, sh, -3, c.rng, lines=False, shadow=0.28)
    layer = c.layer()
    pitch = sh * 0.068
    x0, width = -sw * 0.4, sw * 0.8
    rows, hot = 12, 6
    for i in range(rows):
        if i == hot:
            continue
        y = -sh * 0.4 + i * pitch
        last = 0.45 if i in (3, rows - 1) else 1.0
        layer.typed_lines(f, x0, y, width, pitch, 1, c.rng, thickness=pitch * 0.24, indent=5 if i in (0, 4) else 0,
                          last_fraction=last)
    c.ink(layer, INK_SOFT, opacity=0.5)
    words = c.layer()
    under = c.layer()
    y = -sh * 0.4 + hot * pitch
    lengths = [c.rng.choice((3, 4, 5, 6, 7)) for _ in range(6)]
    unit = width / (sum(lengths) + 5)
    x = x0
    for n in lengths:
        words.rect(f, x, y - pitch * 0.12, x + n * unit, y + pitch * 0.36)
        x += (n + 1) * unit
    under.poly(f.pts([(x0 - unit, y + pitch * 0.52), (x0 + width + unit, y + pitch * 0.47),
                      (x0 + width + unit, y + pitch * 0.6), (x0 - unit, y + pitch * 0.66)]))
    c.ink(words, INK)
    c.ink(under, RED, rough=0.6)


def _kremlin(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    sun = c.layer().circle(w * 0.62, h * 0.4, h * 0.26)
    c.ink(sun, RED)
    el.halftone_band(c, w * 0.5, h * 0.86, w * 1.1, h * 0.14, 0, INK, 0.2, 0.6, pitch=12 * u)
    el.kremlin_wall(c, -w * 0.02, w * 1.02, h * 0.8, h * 0.72, c.rng)
    ground = c.layer().rect(Frame(0, 0), 0, h * 0.79, w, h * 0.81)
    c.ink(ground, INK)


def _exile(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    horizon = h * 0.46
    sun = c.layer().circle(w * 0.7, horizon, h * 0.14)
    sun.rect(Frame(0, 0), 0, horizon, w, h, fill=0)
    c.ink(sun, RED)
    sky = c.gradient(0, 0, 0, horizon, 0.0, 0.35)
    clip = c.layer().rect(Frame(0, 0), 0, 0, w, horizon)
    c.halftone(sky, INK_SOFT, 12 * u, 45, clip=c.prepared(clip, density=False), opacity=0.7)
    line = c.layer().rect(Frame(0, 0), 0, horizon - 2 * u, w, horizon + 2 * u)
    c.ink(line, INK)
    el.rails(c, w * 0.42, horizon, h * 1.02, w * 0.9, c.rng)
    suitcase = c.layer()
    sx, sy = w * 0.8, h * 0.8
    suitcase.rect(Frame(0, 0), sx - h * 0.09, sy - h * 0.06, sx + h * 0.09, sy + h * 0.06)
    suitcase.rect(Frame(0, 0), sx - h * 0.03, sy - h * 0.085, sx + h * 0.03, sy - h * 0.07)
    suitcase.rect(Frame(0, 0), sx - h * 0.03, sy - h * 0.085, sx - h * 0.022, sy - h * 0.06)
    suitcase.rect(Frame(0, 0), sx + h * 0.022, sy - h * 0.085, sx + h * 0.03, sy - h * 0.06)
    c.shadow(suitcase, 6 * u, 6 * u, 6 * u, 0.3)
    c.ink(suitcase, RED_DARK)


def _stenographer(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.backdrop_bar(c, w * 0.5, h * 0.5, w * 1.4, h * 0.16, -30, INK)
    el.halftone_disc(c, w * 0.24, h * 0.26, h * 0.18, RED, pitch=13 * u, inner=1.0, outer=0.5)
    el.steno_pad(c, w * 0.5, h * 0.54, h * 0.8, -7, c.rng)
    el.pencil(c, w * 0.76, h * 0.6, h * 0.7, -62)


def _national_question(c: Canvas) -> None:
    w, h, u = c.w, c.h, c.u
    el.sheet(c, w * 0.36, h * 0.52, h * 0.56, h * 0.78, -4, c.rng, line_pitch=h * 0.022, date_line=True)
    cx, cy, r = w * 0.7, h * 0.48, h * 0.25
    links = c.layer()
    n = 6
    pts = [(cx + r * math.cos(-math.pi / 2 + i * math.tau / n), cy + r * math.sin(-math.pi / 2 + i * math.tau / n))
           for i in range(n)]
    for p in pts:
        links.line([(cx, cy), p], 5 * u)
    links.ring(cx, cy, r, 5 * u)
    c.ink(links, INK)
    discs = c.layer()
    sizes = [0.32, 0.2, 0.24, 0.18, 0.22, 0.2]
    for (x, y), s in zip(pts, sizes, strict=True):
        discs.circle(x, y, r * s)
    c.ink(discs, INK)
    centre = c.layer().circle(cx, cy, r * 0.36)
    c.ink(centre, RED)
    el.backdrop_bar(c, w * 0.5, h * 0.92, w * 1.2, h * 0.04, -3, RED_DARK)


COMPOSERS: dict[str, Callable[[Canvas], None]] = {
    "typewriter": _typewriter,
    "locked-drawer": _locked_drawer,
    "council-of-elders": _council,
    "delegations": _delegations,
    "pravda": _pravda,
    "newspaper-1926": _newspaper_1926,
    "copies": _copies,
    "six-words": _six_words,
    "kremlin": _kremlin,
    "exile": _exile,
    "stenographer": _stenographer,
    "letter-national-question": _national_question,
}


def draw(spec: Any, size_factor: float) -> Image.Image:
    c = Canvas(spec.name, spec.size(size_factor), paper_colour=mix(PAPER_DARK, (239, 230, 210), 0.6))
    COMPOSERS[spec.params["id"]](c)
    return c.finish(grain=0.0, vignette=0.18)


