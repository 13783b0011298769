"""Portrait cards (1800x1800, sharp on a 4K slide): a round medallion with the person's initials, their name and
years, in one language. They are illustrations in their own right, credited as made for the exhibit, and stay
until a curator supplies the archival photograph the slot asks for.
"""

from __future__ import annotations

import re
from typing import Any

from PIL import Image

from kiosk.core.media.canvas import Canvas
from kiosk.core.media.fonts import font
from kiosk.core.media.palette import INK, INK_SOFT, PAPER, RED, RED_DARK, mix


def initials(name: str) -> str:
    """'Nadezhda Krupskaya' -> 'NK', 'Надежда Крупская' -> 'НК', 'V. I. Lenin' -> 'VL', 'Stalin' -> 'S'."""
    words = [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w and w[0].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


def _fit(text: str, key: str, size: float, width: float) -> int:
    f = font(key, round(size))
    length = f.getlength(text)
    return max(6, round(size * min(1.0, width / length))) if length else round(size)


def draw(spec: Any, size_factor: float) -> Image.Image:
    c = Canvas(spec.name, spec.size(size_factor), paper_colour=PAPER, mottle=0.03)
    w, h, u = c.w, c.h, c.u
    name = spec.params["name"]
    years = spec.params.get("years") or ""
    cx, cy, r = w * 0.5, h * 0.36, h * 0.27
    bar = c.layer().bar(cx, cy + r * 0.1, w * 1.2, h * 0.05, -28)
    c.ink(bar, INK, opacity=0.9)
    disc = c.layer().circle(cx, cy, r * 1.08)
    c.shadow(disc, 4 * u, 6 * u, 8 * u, 0.25)
    c.ink(disc, PAPER, density=False)
    c.ink(c.layer().circle(cx, cy, r), RED)
    field = c.radial(cx - r * 0.35, cy - r * 0.4, r * 1.8, 0.0, 0.75)
    c.halftone(field, RED_DARK, 9 * u, 45, clip=c.prepared(c.layer().circle(cx, cy, r * 0.985), density=False))
    ring = c.layer().ring(cx, cy, r * 1.08, 7 * u)
    ring.ring(cx, cy, r * 0.9, 2 * u)
    c.ink(ring, INK)
    mono = initials(name)
    mono_size = r * (1.05 if len(mono) <= 2 else 0.8)
    letters = c.layer().text((cx, cy + mono_size * 0.02), mono, "serif-bold", mono_size, anchor="mm")
    c.ink(letters, mix(PAPER, (255, 255, 255), 0.2), rough=0.25)
    text = c.layer()
    name_size = _fit(name, "sans-bold", h * 0.062, w * 0.88)
    text.text((cx, h * 0.765), name, "sans-bold", name_size, anchor="ms")
    c.ink(text, INK, rough=0.1, density=False)
    if years:
        yl = c.layer().text((cx, h * 0.835), years, "sans", h * 0.042, anchor="ms")
        c.ink(yl, INK_SOFT, rough=0.1, density=False)
    rule = c.layer().rect(_frame(), w * 0.3, h * 0.885, w * 0.7, h * 0.885 + max(1.0, 3 * u))
    c.ink(rule, RED, rough=0.0, density=False)
    return c.finish(grain=0.0, vignette=0.12)


def _frame() -> Any:
    from kiosk.core.media.canvas import Frame

    return Frame(0, 0)
