"""Deterministic textures: noise fields, paper, grain, halftone screens and roughened ("printed") masks.

Every random value comes from a ``random.Random`` seeded from the output's name (:func:`rng_for`), and noise
images are built from ``Random.randbytes`` -- never ``Image.effect_noise`` or unseeded randomness -- so the
same inputs always give byte-identical images.
"""

from __future__ import annotations

import hashlib
import math
import random
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from kiosk.core.media.palette import RGB, mix

Size = tuple[int, int]
BICUBIC = Image.Resampling.BICUBIC
BILINEAR = Image.Resampling.BILINEAR


def seed_of(*parts: object) -> int:
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def rng_for(*parts: object) -> random.Random:
    """A random generator seeded from the parts (typically the output name and a purpose)."""
    return random.Random(seed_of(*parts))


def noise(size: Size, rng: random.Random) -> Image.Image:
    """Uniform white noise, mode L."""
    w, h = size
    return Image.frombytes("L", (w, h), rng.randbytes(w * h))


def smooth_noise(size: Size, rng: random.Random, cell: float) -> Image.Image:
    """Value noise with features about ``cell`` pixels across, stretched to the full 0..255 range.

    Interpolated in two steps (bicubic to 4 px per cell, a light blur there, then bicubic to full size) so
    that large fields cost about as much as one resize.
    """
    w, h = size
    cell = max(1.0, cell)
    sw, sh = math.ceil(w / cell) + 3, math.ceil(h / cell) + 3
    small = noise((sw, sh), rng)
    if cell >= 8:
        small = small.resize((sw * 4, sh * 4), BICUBIC).filter(ImageFilter.GaussianBlur(1.3))
        k = 4.0
    else:
        k = 1.0
    big = small.resize((w, h), BICUBIC, box=(k, k, k + k * w / cell, k + k * h / cell))
    return ImageOps.autocontrast(big, cutoff=0.5)


def streak_noise(size: Size, rng: random.Random, along: float, across: float) -> Image.Image:
    """Anisotropic noise: long streaks in x (``along`` px) and narrow in y (``across`` px) -- brush, cloth."""
    w, h = size
    sw, sh = math.ceil(w / along) + 3, math.ceil(h / across) + 3
    small = noise((sw, sh), rng)
    big = small.resize((w, h), BICUBIC, box=(1.0, 1.0, 1.0 + w / along, 1.0 + h / across))
    return ImageOps.autocontrast(big, cutoff=0.5)


def fractal_noise(size: Size, rng: random.Random, cells: list[float], weights: list[float]) -> Image.Image:
    """Several octaves of :func:`smooth_noise`, computed at a resolution that still resolves the finest."""
    w, h = size
    r = max(1.0, min(cells) / 3)
    lw, lh = max(2, round(w / r)), max(2, round(h / r))
    acc = smooth_noise((lw, lh), rng, cells[0] / r)
    total = weights[0]
    for cell, weight in zip(cells[1:], weights[1:], strict=True):
        total += weight
        acc = Image.blend(acc, smooth_noise((lw, lh), rng, cell / r), weight / total)
    acc = ImageOps.autocontrast(acc, cutoff=0.5)
    return acc if (lw, lh) == (w, h) else acc.resize((w, h), BICUBIC)


def scaled(field: Image.Image, lo: int, hi: int) -> Image.Image:
    """Map a 0..255 field linearly onto lo..hi."""
    return field.point(lambda v: round(lo + (hi - lo) * v / 255))


def toned(colour: RGB, field: Image.Image, amount: float) -> Image.Image:
    """An RGB image of ``colour`` whose brightness follows ``field`` by +-``amount`` (0..1)."""
    light = Image.new("RGB", field.size, mix(colour, (255, 255, 255), amount))
    dark = Image.new("RGB", field.size, mix(colour, (0, 0, 0), amount))
    return Image.composite(light, dark, field)


def paper(size: Size, rng: random.Random, colour: RGB, *, unit: float = 1.0, mottle: float = 0.035,
          grain: float = 0.0, fibre_density: float = 1.0) -> Image.Image:
    """Paper: large soft mottling, a finer cloudiness and pulp fibres, around ``colour`` on average.

    ``unit`` scales the texture (about 0.1 mm of paper per unit at the exhibit's usual sizes), so that small
    test renders stay proportionate. ``grain`` adds per-pixel noise (costly to compress: keep it small).
    """
    w, h = size
    cloud = fractal_noise(size, rng, [220 * unit, 55 * unit, 9 * unit], [1.0, 0.6, 0.35])
    img = toned(colour, cloud, mottle)
    if fibre_density > 0:
        area_units = (w / unit) * (h / unit)
        count = int(area_units / 9000 * fibre_density)
        width = max(1, round(unit * 0.9))
        mask = Image.new("L", size, 0)
        fibres_into(mask, rng, count, 34 * unit, width, (90, 200))
        light = Image.new("L", size, 0)
        fibres_into(light, rng, count // 2, 28 * unit, width, (90, 230))
        soft = ImageFilter.BoxBlur(max(0.5, 0.45 * unit))
        img.paste(mix(colour, (60, 45, 25), 0.3), (0, 0, w, h), mask.filter(soft).point(_lut(0, 0.3)))
        img.paste(mix(colour, (255, 255, 250), 0.5), (0, 0, w, h), light.filter(soft).point(_lut(0, 0.35)))
    if grain > 0:
        img = add_grain(img, rng, grain)
    return img


def _lut(lo: float, hi: float) -> list[int]:
    """A point() table mapping 0..255 linearly onto lo*255..hi*255."""
    return [round((lo + (hi - lo) * v / 255) * 255) for v in range(256)]


def fibres_into(mask: Image.Image, rng: random.Random, count: int, length: float, width: int,
                values: tuple[int, int]) -> None:
    """Draw ``count`` short, gently curved fibres (paper pulp) onto a mask."""
    w, h = mask.size
    draw = ImageDraw.Draw(mask)
    for _ in range(count):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        angle = rng.uniform(0, math.tau)
        seg = length * rng.uniform(0.25, 0.5)
        points = [(x, y)]
        for _ in range(rng.randint(2, 4)):
            angle += rng.uniform(-0.6, 0.6)
            x += math.cos(angle) * seg
            y += math.sin(angle) * seg
            points.append((x, y))
        draw.line(points, fill=rng.randint(*values), width=width, joint="curve")


def add_grain(img: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Add monochrome per-pixel grain of +-``amount`` (fraction of full scale)."""
    spread = amount * 255
    n = noise(img.size, rng).point([round(128 + (v - 128) / 128 * spread) for v in range(256)])
    bands = img.getbands()
    if len(bands) == 1:
        return ImageChops.add(img, n, 1.0, -128)
    layer = Image.merge("RGB", (n, n, n))
    rgb_part = ImageChops.add(img.convert("RGB"), layer, 1.0, -128)
    if "A" in bands:
        rgb_part.putalpha(img.getchannel("A"))
    return rgb_part


def vignette(img: Image.Image, strength: float, colour: RGB = (0, 0, 0), power: float = 2.2) -> Image.Image:
    """Darken the edges towards ``colour``; ``strength`` 0..1 is the opacity reached in the corners."""
    if strength <= 0:
        return img
    grad = Image.radial_gradient("L")  # 256x256, 0 in the centre, 255 at the rim of the inscribed circle
    curve = [round(min(1.0, (v / 255) / 1.42) ** power * 255 * strength) for v in range(256)]
    mask = grad.point(curve).resize(img.size, BICUBIC)
    out = img.copy()
    out.paste(colour, (0, 0, *img.size), mask)
    return out


@lru_cache(maxsize=16)
def _screen_tile(pitch: float, angle: float) -> Image.Image:
    """One period of an axis-aligned dot screen (angle 0) or of a 45-degree screen.

    A 45-degree square lattice of pitch p is an axis-aligned lattice of period q = p*sqrt(2) with dots at the
    corners and in the centre, so it tiles without any rotation. Values: 0 at a dot centre, 255 at the
    point farthest from every dot.
    """
    if angle % 90 == 0:
        q = max(3, round(pitch))
        centres: list[tuple[float, float]] = [(0, 0), (q, 0), (0, q), (q, q)]
        far = math.hypot(q / 2, q / 2)
    else:
        q = max(4, round(pitch * math.sqrt(2)))
        centres = [(0, 0), (q, 0), (0, q), (q, q), (q / 2, q / 2)]
        far = q / 2
    tile = Image.new("L", (q, q))
    tile.putdata([min(255, round(min(math.hypot(x + 0.5 - cx, y + 0.5 - cy) for cx, cy in centres) / far * 255))
                  for y in range(q) for x in range(q)])
    return tile


def screen_region(box: tuple[int, int, int, int], pitch: float, angle: float = 45.0) -> Image.Image:
    """The dot screen over ``box`` of a canvas, aligned to the canvas origin (so regions join seamlessly).

    Only 0 and 45 degrees are tiled directly; other angles rotate a larger field (slower).
    """
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if angle % 45 != 0:
        d = math.ceil(math.hypot(x1, y1)) + 4 * round(pitch)
        tile = _screen_tile(pitch, 0)
        field = _tiled(tile, d, d).rotate(angle, resample=BILINEAR, center=(0, 0))
        return field.crop(box)
    tile = _screen_tile(pitch, angle)
    q = tile.width
    ox, oy = x0 % q, y0 % q
    return _tiled(tile, w + ox, h + oy).crop((ox, oy, ox + w, oy + h))


def _tiled(tile: Image.Image, w: int, h: int) -> Image.Image:
    q = tile.width
    row = Image.new("L", (w + q, q))
    for x in range(0, w + q, q):
        row.paste(tile, (x, 0))
    field = Image.new("L", (w + q, h + q))
    for y in range(0, h + q, q):
        field.paste(row, (0, y))
    return field.crop((0, 0, w, h))


def halftone(darkness: Image.Image, pitch: float, angle: float = 45.0) -> Image.Image:
    """Turn a darkness field (mode L, 255 = solid) into a dot mask with antialiased dot edges."""
    screen = screen_region((0, 0, *darkness.size), pitch, angle)
    diff = ImageChops.subtract(darkness, screen)
    gain = max(2.0, 0.59 * pitch)  # the screen rises 255/(0.707*pitch) per pixel: a ~1.2 px edge
    return diff.point(lambda v: min(255, round(v * gain)))


def roughen(mask: Image.Image, edge_noise: Image.Image | None, soften: float, amount: float) -> Image.Image:
    """Give a hard mask the edge of printed ink: softened, then pushed in and out by ``edge_noise``.

    ``soften`` is a blur radius in pixels (it also rounds corners a little, like ink spreading into paper);
    ``amount`` (0..1) is how far the noise moves the edge. The result has a ~1 px antialiased edge.
    """
    if soften <= 0 and (edge_noise is None or amount <= 0):
        return mask
    m = mask.filter(ImageFilter.GaussianBlur(soften)) if soften > 0 else mask
    if edge_noise is not None and amount > 0:
        spread = amount * 127
        n = edge_noise.point(lambda v: round(128 + (v - 128) / 128 * spread))
        m = ImageChops.add(m, n, 1.0, -128)
    k = max(1.0, 2.0 * soften)
    return m.point(lambda v: max(0, min(255, round((v - 128) * k + 128))))
