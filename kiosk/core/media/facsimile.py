"""The Testament typed on aged paper: two A4 pages and the paragraph layout the document viewer zooms to.

The text comes from ``content/sources/testament.en.txt`` (paragraphs separated by blank lines). The letter
starts on page 1 and ends on page 2 with its date; the postscript and its date follow on page 2. Lines sit
on a typewriter grid (PT Mono, fixed pitch) so the layout is computed once, at full size, and only scaled
for smaller renders: the paragraph boxes always match the pixels.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from kiosk.core.media import texture
from kiosk.core.media.fonts import font
from kiosk.core.media.palette import INK, PAPER, PAPER_DARK, mix

PAGE_SIZE = (2480, 3508)  # A4 at 300 dpi
PX_PER_MM = PAGE_SIZE[0] / 210
MARGIN_LEFT = 28 * PX_PER_MM
MARGIN_RIGHT = 20 * PX_PER_MM
MARGIN_TOP = 27 * PX_PER_MM
MARGIN_BOTTOM = 24 * PX_PER_MM
ADVANCE_EM = 0.6  # PT Mono: every glyph is 0.6 em wide
LINE_SPACING = 1.32  # line pitch / font size
INDENT = 5  # typed paragraph indent, in characters
FONT_KEY = "mono"

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
MONTHS_RU = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
# "December 25, 1922" in the English text, «25 декабря 1922 г.» in the Russian
DATE_LINE = re.compile(rf"^(?:(?:{MONTHS}) \d{{1,2}}, \d{{4}}|\d{{1,2}}[ \u00a0](?:{MONTHS_RU}) \d{{4}}[ \u00a0]г\.)$")


def paragraphs_of(text: str) -> list[str]:
    """Blank-line-separated blocks, each joined into one line of text."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


def is_date_line(paragraph: str) -> bool:
    return bool(DATE_LINE.match(paragraph.strip()))


@dataclass(frozen=True)
class TypedLine:
    page: int  # 1-based
    paragraph: int  # 0-based index of the block in the text file, or -1 for a page number
    text: str
    column: int  # first character's column on the typewriter grid
    row: int  # line on the page, 0-based


@dataclass
class Layout:
    """Where every line of the typescript sits, in full-size page pixels."""

    font_size: float
    pitch: float  # line pitch
    columns: int
    pages: int
    lines: list[TypedLine] = field(default_factory=list)

    @property
    def advance(self) -> float:
        return self.font_size * ADVANCE_EM

    def x_of(self, column: float) -> float:
        return MARGIN_LEFT + column * self.advance

    def baseline_of(self, row: int) -> float:
        return MARGIN_TOP + self.font_size * 0.9 + row * self.pitch

    def paragraph_boxes(self, scale: float = 1.0) -> list[dict[str, Any]]:
        """One box per paragraph and page: {index, page, x, y, w, h} in (scaled) page pixels."""
        ascent, descent = 0.78 * self.font_size, 0.24 * self.font_size
        boxes: dict[tuple[int, int], list[float]] = {}
        for line in self.lines:
            if line.paragraph < 0:
                continue
            x0 = self.x_of(line.column)
            x1 = self.x_of(line.column + len(line.text))
            base = self.baseline_of(line.row)
            key = (line.paragraph, line.page)
            if key in boxes:
                b = boxes[key]
                b[:] = [min(b[0], x0), min(b[1], base - ascent), max(b[2], x1), max(b[3], base + descent)]
            else:
                boxes[key] = [x0, base - ascent, x1, base + descent]
        out = []
        for (index, page), (x0, y0, x1, y1) in sorted(boxes.items()):
            out.append({
                "index": index, "page": page,
                "x": round(x0 * scale), "y": round(y0 * scale),
                "w": round((x1 - x0) * scale), "h": round((y1 - y0) * scale),
            })
        return out


def _wrap(paragraph: str, columns: int) -> list[tuple[str, int]]:
    """(text, column) per line; dates right-aligned like a typed date line, other paragraphs indented."""
    if is_date_line(paragraph):
        return [(paragraph, max(0, columns - len(paragraph)))]
    lines = textwrap.wrap(paragraph, width=columns, initial_indent=" " * INDENT, break_long_words=True,
                          break_on_hyphens=False)
    out = []
    for i, line in enumerate(lines):
        if i == 0:
            out.append((line[INDENT:], INDENT))
        else:
            out.append((line, 0))
    return out


def _letter_end(paragraphs: list[str]) -> int:
    """Index of the letter's closing date (the first date line), or the last paragraph."""
    for i, p in enumerate(paragraphs):
        if is_date_line(p):
            return i
    return len(paragraphs) - 1


def compute_layout(paragraphs: list[str], pages: int = 2) -> Layout:
    """Fit the text onto ``pages`` pages with the largest type that fits.

    Paragraphs are never split across pages (the content model gives each paragraph one page). The first
    page holds the letter from its start; the letter's last paragraph and its date always go on the next
    page, then the postscript and its date.
    """
    width = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
    height = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
    letter_end = _letter_end(paragraphs)
    for columns in range(56, 110):
        size = width / (columns * ADVANCE_EM)
        pitch = size * LINE_SPACING
        rows = int((height - size) // pitch) + 1
        wrapped = [_wrap(p, columns) for p in paragraphs]
        layout = _paginate(wrapped, rows, pages, letter_end)
        if layout is not None:
            result = Layout(font_size=size, pitch=pitch, columns=columns, pages=pages)
            result.lines = layout
            return result
    raise ValueError("the text does not fit on the facsimile pages even in small type")


def _paginate(wrapped: list[list[tuple[str, int]]], rows: int, pages: int, letter_end: int) -> list[TypedLine] | None:
    # Page 1: as many whole paragraphs as fit, but never the letter's last paragraph and date.
    lines: list[TypedLine] = []
    page, row = 1, 0
    last_on_first = max(0, letter_end - 2)
    for index, block in enumerate(wrapped):
        if page == 1 and index > 0 and (index > last_on_first or row + len(block) > rows):
            page, row = 2, 2  # page 2 starts with its typed page number and a blank line
            lines.append(TypedLine(page=2, paragraph=-1, text="- 2 -", column=0, row=0))
        elif page > 1 and row + len(block) > rows:
            if page == pages:
                return None
            page, row = page + 1, 2
            lines.append(TypedLine(page=page, paragraph=-1, text=f"- {page} -", column=0, row=0))
        for text, column in block:
            lines.append(TypedLine(page=page, paragraph=index, text=text, column=column, row=row))
            row += 1
        row += 1  # blank line between paragraphs
    if page != pages:
        return None
    return lines


def center_page_numbers(layout: Layout) -> None:
    for i, line in enumerate(layout.lines):
        if line.paragraph == -1:
            col = (layout.columns - len(line.text)) // 2
            layout.lines[i] = TypedLine(line.page, -1, line.text, col, line.row)


def layout_for_text(text: str) -> Layout:
    layout = compute_layout(paragraphs_of(text))
    center_page_numbers(layout)
    return layout


def layout_document(layout: Layout, size: tuple[int, int], srcs: list[str], source: str,
                    typed: tuple[str, list[str]] | None = None) -> dict[str, Any]:
    """The layout.json the document viewer reads (boxes in the pixels of the generated pages). A typescript in
    another language than the source's carries its blocks, ``typed`` = (language, blocks), for the viewer to
    find each paragraph's box by that language's text."""
    scale = size[0] / PAGE_SIZE[0]
    boxes = layout.paragraph_boxes(scale)
    typed_blocks = {"language": typed[0], "blocks": typed[1]} if typed else {}
    return {
        "version": 1,
        "source": source,
        **typed_blocks,
        "units": "page pixels, origin top-left",
        "pages": [
            {
                "page": p,
                "src": srcs[p - 1],
                "width": size[0],
                "height": size[1],
                "paragraphs": [b for b in boxes if b["page"] == p],
            }
            for p in range(1, layout.pages + 1)
        ],
        "paragraphs": {str(b["index"]): {k: b[k] for k in ("page", "x", "y", "w", "h")} for b in boxes},
    }


# --- drawing ---------------------------------------------------------------------------------------------


def _soft_spot(radius: int) -> Image.Image:
    spot = Image.radial_gradient("L").resize((2 * radius + 1, 2 * radius + 1), Image.Resampling.BILINEAR)
    return spot.point(lambda v: round(255 * max(0.0, 1 - v / 255 * 1.42) ** 1.5))


def _aged_paper(size: tuple[int, int], name: str) -> Image.Image:
    w, h = size
    scale = w / PAGE_SIZE[0]
    rng = texture.rng_for(name, "paper")
    base = mix(PAPER, PAPER_DARK, 0.35)
    img = texture.paper(size, rng, base, unit=max(0.25, 1.6 * scale), mottle=0.03, fibre_density=1.2)
    # Yellowed, slightly browned edges (light and handling age the border first): drawn small, blurred
    # small, then enlarged -- a soft frame costs one resize.
    sw, sh = 124, 175
    edge = Image.new("L", (sw, sh), 0)
    d = ImageDraw.Draw(edge)
    for i in range(10):
        d.rectangle((i, i, sw - 1 - i, sh - 1 - i), outline=round(230 * (1 - i / 10) ** 2.2))
    edge = edge.filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BICUBIC)
    blotch = texture.smooth_noise(size, rng, w / 9)
    edge = ImageChops.multiply(edge, texture.scaled(blotch, 110, 255))
    img.paste(mix(PAPER_DARK, (150, 110, 60), 0.45), (0, 0, w, h), edge.point(lambda v: round(v * 0.55)))
    # Two horizontal folds (the letter was folded in three): a faint shadow line and a lighter ridge.
    for frac in (1 / 3, 2 / 3):
        y = round(h * frac + rng.uniform(-0.004, 0.004) * h)
        band = max(6, round(h / 200))
        strip = Image.new("L", (w, 2 * band), 0)
        sd = ImageDraw.Draw(strip)
        lw = max(1, round(scale * 3))
        slope = rng.uniform(-0.25, 0.25) * band
        sd.line([(0, band), (w, band + slope)], fill=255, width=lw)
        shade = strip.filter(ImageFilter.GaussianBlur(max(0.5, 3.5 * scale)))
        img.paste(mix(base, (90, 70, 45), 0.55), (0, y - band, w, y + band), shade.point(lambda v: round(v * 0.3)))
        ridge = Image.new("L", (w, 2 * band), 0)
        ImageDraw.Draw(ridge).line([(0, band + 2 * lw), (w, band + 2 * lw + slope)], fill=255, width=2 * lw)
        ridge = ridge.filter(ImageFilter.GaussianBlur(max(0.5, 5 * scale)))
        img.paste((252, 248, 238), (0, y - band, w, y + band), ridge.point(lambda v: round(v * 0.35)))
    # Foxing: soft rusty spots, mostly towards the edges, a few faint ones elsewhere.
    spots = Image.new("L", size, 0)
    for _ in range(90):
        near_edge = rng.random() < 0.75
        if near_edge:
            spot_x = (rng.uniform(0, 0.09) if rng.random() < 0.5 else rng.uniform(0.91, 1.0)) * w
            spot_y = rng.uniform(0, 1) * h
            strength = rng.uniform(0.25, 0.75)
        else:
            spot_x, spot_y = rng.uniform(0, 1) * w, rng.uniform(0, 1) * h
            strength = rng.uniform(0.08, 0.22)
        r = max(1, round(rng.uniform(2.0, 9.0) * scale * (1 if near_edge else 2.5)))
        for _ in range(rng.randint(1, 3)):
            rr = max(1, round(r * rng.uniform(0.5, 1.0)))
            sprite = _soft_spot(rr).point(lambda v, s=strength: round(v * s))
            px, py = round(spot_x + rng.uniform(-r, r)) - rr, round(spot_y + rng.uniform(-r, r)) - rr
            box = (px, py, px + sprite.width, py + sprite.height)
            spots.paste(ImageChops.lighter(spots.crop(box), sprite), box)
    img.paste((140, 92, 50), (0, 0, w, h), spots)
    return img


class _Typewriter:
    """Strikes glyphs onto a line strip with a typewriter's small imperfections."""

    def __init__(self, size: float, name: str) -> None:
        self.font = font(FONT_KEY, max(4, round(size)))
        self.size = size
        self.rng = texture.rng_for(name, "strikes")
        self.slug = texture.rng_for("facsimile-typewriter-slugs")  # the same machine on every page
        self.glyphs: dict[str, tuple[Image.Image, int, int]] = {}
        self.slug_offset: dict[str, tuple[float, float, float]] = {}
        self.luts = [[round(v * k / 32) for v in range(256)] for k in range(33)]

    def glyph(self, ch: str) -> tuple[Image.Image, int, int]:
        if ch not in self.glyphs:
            pad = max(2, round(self.size * 0.25))
            asc = round(self.size * 1.0)
            w = round(self.size * ADVANCE_EM) + 2 * pad
            h = asc + round(self.size * 0.35) + 2 * pad
            img = Image.new("L", (w, h), 0)
            ImageDraw.Draw(img).text((pad, pad + asc), ch, font=self.font, fill=255, anchor="ls")
            self.glyphs[ch] = (img, pad, pad + asc)
            # Each type slug sits a little off on this machine: always the same for a letter.
            self.slug_offset[ch] = (self.slug.gauss(0, 0.015), self.slug.gauss(0, 0.025), self.slug.gauss(0, 0.6))
        return self.glyphs[ch]

    def strike(self, strip: Image.Image, ch: str, x: float, baseline: float, density: float) -> None:
        img, ox, oy = self.glyph(ch)
        sx, sy, srot = self.slug_offset[ch]
        angle = srot + self.rng.gauss(0, 0.4)
        if abs(angle) > 0.05:
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, center=(ox + self.size * 0.3, oy))
        dx = x + (sx + self.rng.gauss(0, 0.01)) * self.size - ox
        dy = baseline + (sy + self.rng.gauss(0, 0.015)) * self.size - oy
        self._lay(strip, img, dx, dy, density)
        if self.rng.random() < 1 / 240:  # a faint double strike, slightly offset
            off = max(1.0, self.size * self.rng.uniform(0.03, 0.06))
            self._lay(strip, img, dx + off * self.rng.choice((-1, 1)), dy - off * 0.4, density * 0.35)

    def _lay(self, strip: Image.Image, img: Image.Image, x: float, y: float, density: float) -> None:
        ix, iy = round(x), round(y)
        box = (ix, iy, ix + img.width, iy + img.height)
        level = max(0, min(32, round(density * 32)))
        inked = img.point(self.luts[level]) if level < 32 else img
        strip.paste(ImageChops.lighter(strip.crop(box), inked), box)


def render_page(layout: Layout, page: int, size: tuple[int, int], name: str) -> Image.Image:
    scale = size[0] / PAGE_SIZE[0]
    img = _aged_paper(size, name)
    mask = Image.new("L", size, 0)
    tw = _Typewriter(layout.font_size * scale, name)
    rng = texture.rng_for(name, "lines")
    heavy = set(".,;:'’-–")
    above, below = round(layout.font_size * scale * 1.3), round(layout.font_size * scale * 0.6)
    for line in layout.lines:
        if line.page != page:
            continue
        drift = rng.gauss(0, 0.06) * layout.advance  # the carriage return is never quite exact
        tilt = rng.gauss(0, 0.0004)
        base = layout.baseline_of(line.row) * scale
        top = round(base) - above
        strip = Image.new("L", (size[0], above + below), 0)
        for i, ch in enumerate(line.text):
            if ch == " ":
                continue
            x = layout.x_of(line.column + i) + drift
            y = base + tilt * (x - MARGIN_LEFT) * scale - top
            density = min(1.0, max(0.5, rng.gauss(0.9, 0.07) + (0.08 if ch in heavy else 0)))
            tw.strike(strip, ch, x * scale, y, density)
        box = (0, top, size[0], top + strip.height)
        mask.paste(ImageChops.lighter(mask.crop(box), strip), box)
    # Ribbon texture: the fabric leaves a fine speckle, the ribbon runs drier in places, and the ink
    # spreads a little into the fibres (blur, then a curve that thickens and darkens the strokes).
    trng = texture.rng_for(name, "ribbon")
    fine = texture.noise(size, trng).point(lambda v: round(150 + v * 105 / 255))
    broad = texture.scaled(texture.smooth_noise(size, trng, size[0] / 14), 190, 255)
    mask = ImageChops.multiply(ImageChops.multiply(mask, fine), broad)
    mask = mask.filter(ImageFilter.GaussianBlur(max(0.3, 0.8 * scale)))
    mask = mask.point(lambda v: min(255, round(v * 1.5)))
    img.paste(mix(INK, (40, 34, 52), 0.2), (0, 0, *size), mask)
    return img


def page_size(size_factor: float) -> tuple[int, int]:
    return max(8, round(PAGE_SIZE[0] * size_factor)), max(8, round(PAGE_SIZE[1] * size_factor))


def draw_page(text: str, page: int, size_factor: float, name: str) -> Image.Image:
    layout = layout_for_text(text)
    return render_page(layout, page, page_size(size_factor), name)

