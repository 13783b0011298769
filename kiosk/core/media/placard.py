"""The 1927 demonstration placard (2400x3200): the one slogan the story has, in English and Russian.

On November 7, 1927 the Opposition carried a placard reading "Fulfill the Testament of Lenin" (the source's
words); in Russian it is lettered as the slogan is usually cited, «Выполним завещание Ленина!». Painted by hand
in pale letters on red cloth stretched between two poles, above the heads of a crowd. No date is painted on it.
"""

from __future__ import annotations

import math
import random
from typing import Any

from PIL import Image, ImageChops, ImageDraw

from kiosk.core.media import texture
from kiosk.core.media.canvas import Canvas, Frame
from kiosk.core.media.fonts import font
from kiosk.core.media.palette import INK, INK_SOFT, PAPER, PAPER_DARK, RED, RED_DARK, mix

LINES: dict[str, list[str]] = {
    "en": ["FULFILL", "THE TESTAMENT", "OF LENIN"],
    "ru": ["ВЫПОЛНИМ", "ЗАВЕЩАНИЕ", "ЛЕНИНА!"],
}
FONT_KEY = "narrow-bold"


def _painted_line(text: str, width: float, rng: random.Random, max_height: float) -> tuple[Image.Image, float]:
    """One line of hand-lettered capitals fitted to ``width``: each letter a little off, like a brush."""
    probe = font(FONT_KEY, 200)
    advance = probe.getlength(text)
    cap = probe.getbbox("H", anchor="ls")
    cap_h = cap[3] - cap[1]
    size = min(width / advance * 200, max_height / cap_h * 200)
    f = font(FONT_KEY, max(6, round(size)))
    cap_px = cap_h * size / 200
    pad = round(size * 0.3)
    total = f.getlength(text)
    img = Image.new("L", (round(total) + 2 * pad, round(cap_px) + 2 * pad), 0)
    x = float(pad)
    for ch in text:
        adv = f.getlength(ch)
        if ch != " ":
            gl = Image.new("L", (round(adv + size * 0.4), round(size * 1.3)), 0)
            ImageDraw.Draw(gl).text((size * 0.2, size * 1.0), ch, font=f, fill=255, anchor="ls")
            angle = rng.gauss(0, 1.3)
            sx = 1 + rng.gauss(0, 0.025)
            sy = 1 + rng.gauss(0, 0.03)
            gl = gl.resize((max(1, round(gl.width * sx)), max(1, round(gl.height * sy))), Image.Resampling.BICUBIC)
            gl = gl.rotate(angle, resample=Image.Resampling.BICUBIC, center=(gl.width / 2, gl.height * 0.75))
            dy = rng.gauss(0, 0.02) * size
            px, py = round(x - size * 0.2), round(pad + cap_px - size * 1.0 * sy + dy)
            box = (px, py, px + gl.width, py + gl.height)
            img.paste(ImageChops.lighter(img.crop(box), gl), box)
        x += adv * (1 + rng.uniform(-0.01, 0.015))
    return img, size


def _brush(mask: Image.Image, rng: random.Random, scale: float) -> Image.Image:
    """Brush edges (soft, slightly uneven) and dry-brush streaks on a lettering mask."""
    w, h = mask.size
    edge = texture.fractal_noise((w, h), rng, [max(2.0, 14 * scale), max(1.5, 4 * scale)], [1.0, 0.4])
    m = texture.roughen(mask, edge, max(0.8, 2.6 * scale), 0.3)
    # paint density: long streaks along the strokes' main direction, thinner where the brush ran dry
    streaks = texture.streak_noise((w, h), rng, max(4.0, 160 * scale), max(1.0, 4.0 * scale))
    dry = streaks.point(lambda v: 255 if v > 22 else round(175 + v * 3.6))
    body = texture.scaled(texture.smooth_noise((w, h), rng, max(2.0, 40 * scale)), 220, 255)
    return ImageChops.multiply(ImageChops.multiply(m, dry), body)


def draw(spec: Any, size_factor: float) -> Image.Image:
    lang = spec.params["lang"]
    c = Canvas(spec.name, spec.size(size_factor), paper_colour=mix(PAPER, PAPER_DARK, 0.5), mottle=0.03)
    w, h, u = c.w, c.h, c.u
    rng = texture.rng_for(spec.name, "lettering")
    # sky: a soft halftone wash behind everything
    sky = c.gradient(0, 0, 0, h * 0.7, 0.35, 0.0)
    c.halftone(sky, INK_SOFT, 11 * u, 45, opacity=0.55)
    # poles and crossbar
    x0, x1 = w * 0.09, w * 0.91
    top, bottom = h * 0.1, h * 0.66
    wood = c.layer()
    for x in (x0, x1):
        wood.rect(Frame(0, 0), x - 10 * u, h * 0.05, x + 10 * u, h * 1.0)
        wood.circle(x, h * 0.05, 13 * u)
    wood.rect(Frame(0, 0), x0, top - 6 * u, x1, top + 6 * u)
    c.shadow(wood, 6 * u, 8 * u, 8 * u, 0.25)
    c.ink(wood, mix(INK, (90, 60, 30), 0.3))
    # the cloth: straight along the crossbar, sagging a little at the hem
    cloth = c.layer()
    hem = []
    for i in range(41):
        t = i / 40
        x = x0 + 12 * u + t * (x1 - x0 - 24 * u)
        hem.append((x, bottom + math.sin(t * math.pi) * h * 0.015 + rng.uniform(-2, 2) * u))
    cloth.poly([(x0 + 12 * u, top), (x1 - 12 * u, top), *reversed(hem)])
    c.shadow(cloth, 10 * u, 14 * u, 16 * u, 0.3)
    c.ink(cloth, RED, rough=0.25, density=False)
    # lettering
    lines = LINES[lang]
    inner_w = (x1 - x0) * 0.84
    area_h = (bottom - top) * 0.8
    rendered = [_painted_line(t, inner_w, rng, area_h / len(lines) * 0.9) for t in lines]
    heights = [img.height - 2 * round(size * 0.3) for img, size in rendered]
    gap = (area_h - sum(heights)) / max(1, len(lines) - 1)
    gap = min(gap, h * 0.04)
    block = sum(heights) + gap * (len(lines) - 1)
    y = top + (bottom - top - block) / 2
    letters = Image.new("L", c.size, 0)
    for (img, size), hh in zip(rendered, heights, strict=True):
        pad = round(size * 0.3)
        cx = (x0 + x1) / 2 + rng.uniform(-0.01, 0.01) * w
        px, py = round(cx - img.width / 2), round(y - pad)
        box = (px, py, px + img.width, py + img.height)
        letters.paste(ImageChops.lighter(letters.crop(box), img), box)
        y += hh + gap
    letters = letters.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, center=(w / 2, h * 0.38))
    bbox = letters.getbbox()
    if bbox is not None:
        pad = round(12 * u) + 4
        box = (max(0, bbox[0] - pad), max(0, bbox[1] - pad), min(w, bbox[2] + pad), min(h, bbox[3] + pad))
        painted = _brush(letters.crop(box), rng, u)
        c.img.paste(mix(PAPER, (255, 255, 255), 0.25), box, painted)
    # folds in the cloth: long vertical bands of light and shade over cloth and letters alike
    folds = texture.streak_noise((h, w), rng, h / 1.5, w / 9).transpose(Image.Transpose.ROTATE_90)
    folds = folds.resize(c.size)
    clip = c.prepared(cloth, density=False, rough=0.0)
    shade = ImageChops.multiply(folds.point(lambda v: round(max(0, 128 - v) * 0.9)), clip)
    light = ImageChops.multiply(folds.point(lambda v: round(max(0, v - 128) * 0.5)), clip)
    c.img.paste(mix(RED_DARK, INK, 0.5), (0, 0, w, h), shade)
    c.img.paste((255, 230, 220), (0, 0, w, h), light)
    # the crowd: heads and shoulders below, the nearer rows darker
    crowd_rng = texture.rng_for(spec.name, "crowd")
    for row, colour in enumerate((mix(INK_SOFT, PAPER_DARK, 0.35), INK_SOFT, INK)):
        crowd = c.layer()
        base = h * (0.78 + row * 0.065)
        r = h * (0.02 + row * 0.005)
        x = -r + crowd_rng.uniform(0, 2 * r)
        while x < w + r:
            cy = base + crowd_rng.uniform(-0.4, 0.4) * r
            crowd.circle(x, cy, r)
            crowd.d.rounded_rectangle((x - r * 1.8, cy + r * 1.05, x + r * 1.8, h + r * 4), radius=round(r * 1.1),
                                      fill=255)
            x += r * crowd_rng.uniform(3.7, 4.5)
        c.ink(crowd, colour)
    return c.finish(grain=0.0, vignette=0.2)

