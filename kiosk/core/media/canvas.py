"""A small drawing kit for the generated art: masks drawn in rotated frames, inked like 1920s print.

Shapes are drawn as hard masks on a :class:`Layer` (full-canvas, mode L), then :meth:`Canvas.ink` roughens
the edge (soft antialiasing plus a little irregularity), varies the ink density and lays the colour on the
paper. Sizes are given in canvas units: ``canvas.u`` is 1/1000 of the short side, so the same composition
renders proportionately at any size (the tests draw tiny versions).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from kiosk.core.media import texture
from kiosk.core.media.fonts import font
from kiosk.core.media.palette import INK, NIGHT, PAPER, RGB, mix

Point = tuple[float, float]


class Frame:
    """Local coordinates, rotated by ``angle`` degrees (clockwise on screen) about (cx, cy)."""

    def __init__(self, cx: float, cy: float, angle: float = 0.0) -> None:
        self.cx, self.cy, self.angle = cx, cy, angle
        self._c = math.cos(math.radians(angle))
        self._s = math.sin(math.radians(angle))

    def __call__(self, x: float, y: float) -> Point:
        return self.cx + x * self._c - y * self._s, self.cy + x * self._s + y * self._c

    def pts(self, points: Sequence[Point]) -> list[Point]:
        return [self(x, y) for x, y in points]

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> list[Point]:
        return self.pts([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    def child(self, x: float, y: float, angle: float = 0.0) -> Frame:
        cx, cy = self(x, y)
        return Frame(cx, cy, self.angle + angle)


IDENTITY = Frame(0, 0, 0)


class Layer:
    """A full-canvas mask to draw shapes on (255 = ink, 0 = none or erase)."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.mask = Image.new("L", size, 0)
        self.d = ImageDraw.Draw(self.mask)

    def poly(self, points: Sequence[Point], fill: int = 255) -> Layer:
        self.d.polygon([(round(x, 2), round(y, 2)) for x, y in points], fill=fill)
        return self

    def rect(self, frame: Frame, x0: float, y0: float, x1: float, y1: float, fill: int = 255) -> Layer:
        return self.poly(frame.rect(x0, y0, x1, y1), fill)

    def bar(self, cx: float, cy: float, length: float, thickness: float, angle: float, fill: int = 255) -> Layer:
        f = Frame(cx, cy, angle)
        return self.poly(f.rect(-length / 2, -thickness / 2, length / 2, thickness / 2), fill)

    def circle(self, cx: float, cy: float, r: float, fill: int = 255) -> Layer:
        self.d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        return self

    def ring(self, cx: float, cy: float, r: float, width: float, fill: int = 255) -> Layer:
        self.d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=fill, width=max(1, round(width)))
        return self

    def ellipse(self, frame: Frame, rx: float, ry: float, fill: int = 255, steps: int = 72) -> Layer:
        pts = [(rx * math.cos(t), ry * math.sin(t)) for t in (i * math.tau / steps for i in range(steps))]
        return self.poly(frame.pts(pts), fill)

    def line(self, points: Sequence[Point], width: float, fill: int = 255) -> Layer:
        self.d.line([(round(x, 2), round(y, 2)) for x, y in points], fill=fill, width=max(1, round(width)),
                    joint="curve")
        return self

    def arc(self, cx: float, cy: float, r: float, start: float, end: float, width: float, fill: int = 255) -> Layer:
        self.d.arc((cx - r, cy - r, cx + r, cy + r), start, end, fill=fill, width=max(1, round(width)))
        return self

    def text(self, xy: Point, text: str, font_key: str, size: float, fill: int = 255, anchor: str = "la") -> Layer:
        self.d.text(xy, text, font=font(font_key, round(size)), fill=fill, anchor=anchor)
        return self

    def typed_lines(self, frame: Frame, x0: float, y0: float, width: float, pitch: float, lines: int,
                    rng: random.Random, *, char: float | None = None, thickness: float | None = None,
                    indent: int = 5, last_fraction: float = 0.55, fill: int = 255) -> Layer:
        """Lines of typescript seen from afar: word-length dashes, first line indented, last line short."""
        cw = char if char is not None else pitch * 0.36
        th = thickness if thickness is not None else pitch * 0.26
        for i in range(lines):
            y = y0 + i * pitch
            x = x0 + (indent * cw if i == 0 else 0)
            end = x0 + width * (min(1.0, last_fraction + rng.uniform(-0.15, 0.2)) if i == lines - 1 else 1.0)
            while True:
                wl = rng.choice((2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 11)) * cw
                if x + wl > end:
                    if end - x > 2.5 * cw and i != lines - 1:
                        self.rect(frame, x, y, end, y + th, fill)
                    break
                self.rect(frame, x, y, x + wl, y + th, fill)
                x += wl + cw
        return self


class Canvas:
    """An RGB picture on paper (or night) with a per-picture random generator and printing textures."""

    def __init__(self, name: str, size: tuple[int, int], ground: str = "paper", *, paper_colour: RGB = PAPER,
                 mottle: float = 0.035, fibre_density: float = 1.0, grain: float = 0.0) -> None:
        self.name = name
        self.w, self.h = size
        self.size = size
        self.u = min(size) / 1000
        self.rng = texture.rng_for(name, "composition")
        self._edge: Image.Image | None = None
        self._density: Image.Image | None = None
        tex_unit = max(0.25, min(size) / 1800)
        self.tex_unit = tex_unit
        self.img = _paper(size, ground, paper_colour, round(tex_unit, 4), mottle, fibre_density, grain).copy()

    # --- textures shared by every inked layer ----------------------------------------------------------------

    @property
    def edge_noise(self) -> Image.Image:
        """Fine noise that makes inked edges irregular (shared by every picture of this size)."""
        if self._edge is None:
            self._edge = _edge_noise(self.size, round(self.u, 4))
        return self._edge

    @property
    def density(self) -> Image.Image:
        """Uneven ink: 255 where the ink is solid, down to ~228 where the press was starved."""
        if self._density is None:
            self._density = _density(self.size, round(self.u, 4))
        return self._density

    def layer(self) -> Layer:
        return Layer(self.size)

    # --- laying down ink ----------------------------------------------------------------------------------
    # Every operation works on the bounding box of the shape (plus a margin), not the whole canvas: most
    # shapes are small, and full-canvas filters on 8-megapixel images are what would make generating slow.

    def _box(self, mask: Image.Image, pad: float) -> tuple[int, int, int, int] | None:
        bb = mask.getbbox()
        if bb is None:
            return None
        p = math.ceil(pad) + 2
        return max(0, bb[0] - p), max(0, bb[1] - p), min(self.w, bb[2] + p), min(self.h, bb[3] + p)

    def prepared_region(self, mask: Image.Image | Layer, *, soften: float | None = None, rough: float = 0.35,
                        density: bool = True, opacity: float = 1.0
                        ) -> tuple[Image.Image, tuple[int, int, int, int]] | None:
        """The inked form of a mask, cropped to where it has ink: (mask, box) or None if empty."""
        m = mask.mask if isinstance(mask, Layer) else mask
        soft = max(0.6, 1.1 * self.u) if soften is None else soften
        box = self._box(m, soft * 3)
        if box is None:
            return None
        region = m.crop(box)
        region = texture.roughen(region, self.edge_noise.crop(box) if rough > 0 else None, soft, rough)
        if density:
            region = ImageChops.multiply(region, self.density.crop(box))
        if opacity < 1:
            region = region.point(lambda v: round(v * opacity))
        return region, box

    def prepared(self, mask: Image.Image | Layer, **kw: Any) -> Image.Image:
        """The inked form of a mask at full canvas size (for clipping other layers)."""
        out = Image.new("L", self.size, 0)
        got = self.prepared_region(mask, **kw)
        if got is not None:
            out.paste(got[0], got[1][:2])
        return out

    def ink(self, mask: Image.Image | Layer, colour: RGB | Image.Image, **kw: Any) -> None:
        """Lay ``colour`` (or an RGB image of the canvas size) through the mask, as printed ink."""
        got = self.prepared_region(mask, **kw)
        if got is None:
            return
        region, box = got
        if isinstance(colour, Image.Image):
            self.img.paste(colour.crop(box), box[:2], region)
        else:
            self.img.paste(colour, box, region)

    def shadow(self, mask: Image.Image | Layer, dx: float, dy: float, blur: float, opacity: float,
               colour: RGB = INK) -> None:
        """A soft cast shadow of a shape (sheets lying on paper)."""
        m = mask.mask if isinstance(mask, Layer) else mask
        blur = max(0.5, blur)
        box = self._box(m, blur * 3 + abs(dx) + abs(dy))
        if box is None:
            return
        region = m.crop(box)
        shifted = Image.new("L", region.size, 0)
        shifted.paste(region, (round(dx), round(dy)))
        shifted = shifted.filter(ImageFilter.GaussianBlur(blur))
        self.img.paste(colour, box, shifted.point(lambda v: round(v * opacity)))

    def halftone(self, darkness: Image.Image, colour: RGB, pitch: float, angle: float = 45.0,
                 clip: Image.Image | Layer | None = None, opacity: float = 1.0) -> None:
        """Print a darkness field (L, 255 = solid) as a halftone dot screen, optionally clipped by a mask."""
        clip_mask = clip.mask if isinstance(clip, Layer) else clip
        box = (0, 0, self.w, self.h) if clip_mask is None else self._box(clip_mask, 0)
        if box is None:
            return
        screen = texture.screen_region(box, max(3.0, pitch), angle)
        diff = ImageChops.subtract(darkness.crop(box), screen)
        gain = max(2.0, 0.59 * max(3.0, pitch))
        dots = diff.point(lambda v: min(255, round(v * gain)))
        if clip_mask is not None:
            dots = ImageChops.multiply(dots, clip_mask.crop(box))
        dots = ImageChops.multiply(dots, self.density.crop(box))
        if opacity < 1:
            dots = dots.point(lambda v: round(v * opacity))
        self.img.paste(colour, box, dots)

    def field(self, fn: Callable[[float, float], float], step: float | None = None) -> Image.Image:
        """A smooth darkness field (mode L) from ``fn(x, y) -> 0..1``, sampled on a coarse grid and upscaled."""
        st = max(1.0, step if step is not None else 8 * self.u)
        sw, sh = math.ceil(self.w / st) + 2, math.ceil(self.h / st) + 2
        small = Image.new("L", (sw, sh))
        small.putdata([max(0, min(255, round(255 * fn(x * st, y * st)))) for y in range(sh) for x in range(sw)])
        return small.resize(self.size, texture.BILINEAR, box=(0, 0, self.w / st, self.h / st))

    def gradient(self, x0: float, y0: float, x1: float, y1: float, lo: float = 0.0, hi: float = 1.0) -> Image.Image:
        """A linear darkness ramp: ``lo`` at (x0, y0) rising to ``hi`` at (x1, y1), constant beyond."""
        dx, dy = x1 - x0, y1 - y0
        n = dx * dx + dy * dy or 1.0

        def fn(x: float, y: float) -> float:
            t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / n))
            return lo + (hi - lo) * t

        return self.field(fn)

    def radial(self, cx: float, cy: float, r: float, inner: float = 1.0, outer: float = 0.0) -> Image.Image:
        """A radial darkness ramp: ``inner`` at the centre to ``outer`` at radius r and beyond."""

        def fn(x: float, y: float) -> float:
            t = min(1.0, math.hypot(x - cx, y - cy) / r)
            return inner + (outer - inner) * t

        return self.field(fn)

    def finish(self, *, grain: float = 0.012, vignette: float = 0.0, vignette_colour: RGB | None = None) -> Image.Image:
        img = self.img
        if grain > 0:
            img = texture.add_grain(img, texture.rng_for(self.name, "final-grain"), grain)
        if vignette > 0:
            img = texture.vignette(img, vignette, vignette_colour or mix(INK, PAPER, 0.35))
        return img.convert("RGB")


# --- textures shared by the pictures of one size ---------------------------------------------------------------
# Seeded from the size and purpose only (never from the picture), so they are as deterministic as the rest and
# each worker process computes them once per size instead of once per picture. Treat them as read-only.


@lru_cache(maxsize=4)
def _paper(size: tuple[int, int], ground: str, colour: RGB, unit: float, mottle: float, fibre_density: float,
           grain: float) -> Image.Image:
    rng = texture.rng_for("paper", ground, size, colour, unit, mottle, fibre_density, grain)
    if ground == "night":
        return texture.paper(size, rng, NIGHT, unit=unit, mottle=0.03, fibre_density=0.0)
    return texture.paper(size, rng, colour, unit=unit, mottle=mottle, grain=grain, fibre_density=fibre_density)


@lru_cache(maxsize=3)
def _edge_noise(size: tuple[int, int], u: float) -> Image.Image:
    return texture.smooth_noise(size, texture.rng_for("edge", size, u), max(1.5, 2.4 * u))


@lru_cache(maxsize=3)
def _density(size: tuple[int, int], u: float) -> Image.Image:
    field = texture.fractal_noise(size, texture.rng_for("density", size, u), [30 * u, 7 * u, 1.6 * u], [1.0, 0.8, 0.7])
    return texture.scaled(field, 228, 255)
