"""The pictorial vocabulary of the generated art, drawn on a :class:`~.canvas.Canvas`.

Flat shapes in the manner of 1920s Soviet print: sheets of typescript, a typewriter, a stenographer's pad,
a drawer and key, a long table with delegates, a magnifier, stacks of copies, a newspaper, the Kremlin wall.
Every element takes a centre, a size ``s`` in pixels and an angle, so chapters and motifs can reuse them at
any scale. Lines of "text" are word-length dashes: the art never carries readable words it doesn't need.
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops

from kiosk.core.media.canvas import Canvas, Frame, Layer
from kiosk.core.media.palette import INK, INK_SOFT, PAPER, PAPER_DARK, RED, RGB, mix

SHEET = mix(PAPER, (255, 253, 246), 0.55)
SHEET_SHADE = mix(PAPER, PAPER_DARK, 0.6)


def backdrop_bar(c: Canvas, cx: float, cy: float, length: float, thickness: float, angle: float,
                 colour: RGB = RED, opacity: float = 1.0) -> None:
    c.ink(c.layer().bar(cx, cy, length, thickness, angle), colour, opacity=opacity)


def halftone_disc(c: Canvas, cx: float, cy: float, r: float, colour: RGB = INK, pitch: float | None = None,
                  inner: float = 0.85, outer: float = 0.15, angle: float = 45.0,
                  light: tuple[float, float] = (-0.4, -0.4)) -> None:
    """A disc printed as a halftone, darker away from a light direction (a sphere-like shading)."""
    lx, ly = cx + light[0] * r, cy + light[1] * r
    field = c.radial(lx, ly, r * 1.9, inner=outer, outer=inner)
    clip = c.layer().circle(cx, cy, r)
    c.halftone(field, colour, pitch or 14 * c.u, angle, clip=c.prepared(clip, density=False))


def halftone_band(c: Canvas, cx: float, cy: float, length: float, thickness: float, angle: float,
                  colour: RGB = INK, lo: float = 0.1, hi: float = 0.7, pitch: float | None = None) -> None:
    """A bar printed as a halftone that darkens along its length."""
    f = Frame(cx, cy, angle)
    x0, y0 = f(-length / 2, 0)
    x1, y1 = f(length / 2, 0)
    field = c.gradient(x0, y0, x1, y1, lo, hi)
    clip = c.layer().bar(cx, cy, length, thickness, angle)
    c.halftone(field, colour, pitch or 12 * c.u, 45.0, clip=c.prepared(clip, density=False))


def sheet(c: Canvas, cx: float, cy: float, w: float, h: float, angle: float, rng: random.Random, *,
          lines: bool = True, line_pitch: float | None = None, colour: RGB = SHEET, text: RGB = INK_SOFT,
          shadow: float = 0.22, margin: float = 0.12, paragraphs: int = 3, text_opacity: float = 0.85,
          date_line: bool = False) -> Frame:
    """A sheet of typescript lying on the paper: shadow, lighter paper, lines of typing."""
    f = Frame(cx, cy, angle)
    shape = c.layer().rect(f, -w / 2, -h / 2, w / 2, h / 2)
    if shadow > 0:
        c.shadow(shape, 0.018 * w, 0.022 * w, 0.02 * w, shadow)
    c.ink(shape, colour, density=False, rough=0.15)
    if lines:
        pitch = line_pitch or h / 30
        layer = c.layer()
        x0, width = -w / 2 + margin * w, w * (1 - 2 * margin)
        y = -h / 2 + margin * h * 0.9
        bottom = h / 2 - margin * h * 0.8
        avail = int((bottom - y) / pitch)
        sizes = _paragraph_sizes(rng, avail, paragraphs)
        for n in sizes:
            layer.typed_lines(f, x0, y, width, pitch, n, rng, thickness=pitch * 0.3)
            y += (n + 1) * pitch
        if date_line and y + pitch < bottom:
            layer.rect(f, x0 + width * 0.68, y, x0 + width, y + pitch * 0.3)
        c.ink(layer, text, opacity=text_opacity, rough=0.25)
    return f


def _paragraph_sizes(rng: random.Random, rows: int, paragraphs: int) -> list[int]:
    rows -= paragraphs - 1
    if rows <= paragraphs:
        return [max(1, rows)]
    cuts = sorted(rng.sample(range(2, rows - 1), k=min(paragraphs - 1, max(0, rows - 3))))
    sizes, prev = [], 0
    for cut in [*cuts, rows]:
        if cut - prev >= 2:
            sizes.append(cut - prev)
        prev = cut
    return sizes or [rows]


def typewriter(c: Canvas, cx: float, cy: float, s: float, rng: random.Random, *, paper_up: bool = True,
               fan: RGB = RED) -> None:
    """A typewriter seen from the front: black body, pale keys, the red fan of type bars, a sheet in it."""
    f = Frame(cx, cy, 0)
    if paper_up:
        sheet(c, cx, cy - 0.42 * s, 0.56 * s, 0.5 * s, 0, rng, line_pitch=0.026 * s, margin=0.1, shadow=0.0,
              paragraphs=2)
    # the type-bar basket: a red half disc with radiating bars cut out of it
    basket = c.layer()
    basket.poly([f(0.26 * s * math.cos(t), -0.07 * s - 0.26 * s * math.sin(t))
                 for t in (i * math.pi / 48 for i in range(49))] + [f(0, -0.07 * s)])
    for i in range(1, 22):
        t = i * math.pi / 22
        x0, y0 = f(0.07 * s * math.cos(t), -0.07 * s - 0.07 * s * math.sin(t))
        x1, y1 = f(0.27 * s * math.cos(t), -0.07 * s - 0.27 * s * math.sin(t))
        basket.line([(x0, y0), (x1, y1)], 0.006 * s, fill=0)
    c.ink(basket, fan)
    body = c.layer()
    body.poly(f.pts([(-0.40 * s, -0.08 * s), (0.40 * s, -0.08 * s), (0.52 * s, 0.34 * s), (-0.52 * s, 0.34 * s)]))
    body.rect(f, -0.46 * s, -0.22 * s, 0.46 * s, -0.13 * s)  # platen
    body.circle(*f(-0.5 * s, -0.175 * s), 0.065 * s)
    body.circle(*f(0.5 * s, -0.175 * s), 0.065 * s)
    body.line([f(-0.46 * s, -0.2 * s), f(-0.62 * s, -0.34 * s), f(-0.66 * s, -0.33 * s)], 0.022 * s)  # lever
    body.rect(f, -0.56 * s, 0.32 * s, 0.56 * s, 0.38 * s)  # base
    c.ink(body, INK)
    keys = c.layer()
    for row in range(4):
        n = 11 - (row % 2)
        y = 0.02 * s + row * 0.072 * s
        pitch = 0.072 * s + row * 0.004 * s
        x0 = -(n - 1) / 2 * pitch
        for i in range(n):
            keys.circle(*f(x0 + i * pitch, y), 0.025 * s)
    keys.rect(f, -0.2 * s, 0.3 * s - 0.012 * s, 0.2 * s, 0.3 * s + 0.012 * s)  # space bar
    c.ink(keys, PAPER_DARK, rough=0.2)
    rims = c.layer()
    for row in range(4):
        n = 11 - (row % 2)
        y = 0.02 * s + row * 0.072 * s
        pitch = 0.072 * s + row * 0.004 * s
        x0 = -(n - 1) / 2 * pitch
        for i in range(n):
            rims.ring(*f(x0 + i * pitch, y), 0.025 * s, 0.005 * s)
    c.ink(rims, INK_SOFT, opacity=0.8)


def shorthand(layer: Layer, f: Frame, x0: float, y: float, width: float, size: float, rng: random.Random,
              stroke: float) -> None:
    """A line of shorthand-like strokes: hooks, loops and ticks, never letters."""
    x = x0
    while x < x0 + width - size * 2:
        kind = rng.random()
        pts: list[tuple[float, float]] = []
        if kind < 0.35:  # a loop
            r = size * rng.uniform(0.25, 0.45)
            cx_ = x + r
            pts = [(cx_ + r * math.cos(t) - r * 0.2 * t, y - r + r * math.sin(t)) for t in
                   (i * math.tau / 18 for i in range(19))]
            x += 2.2 * r
        elif kind < 0.65:  # a hook
            length = size * rng.uniform(0.8, 1.8)
            pts = [(x + length * t, y - size * 0.8 * math.sin(t * math.pi) * rng.choice((-0.4, 1))) for t in
                   (i / 10 for i in range(11))]
            x += length
        elif kind < 0.85:  # a slanted tick
            h = size * rng.uniform(0.7, 1.4)
            pts = [(x, y), (x + h * 0.45, y - h)]
            x += h * 0.5
        else:  # a word gap
            x += size * rng.uniform(0.6, 1.2)
            continue
        layer.line(f.pts(pts), stroke)
        x += size * 0.15


def steno_pad(c: Canvas, cx: float, cy: float, s: float, angle: float, rng: random.Random) -> Frame:
    """A stenographer's pad (spiral-bound, ruled) filled with shorthand; size s = pad height."""
    w, h = 0.68 * s, s
    f = sheet(c, cx, cy, w, h, angle, rng, lines=False, shadow=0.25)
    rules = c.layer()
    pitch = h / 17
    for i in range(2, 16):
        rules.rect(f, -w / 2 + 0.04 * w, -h / 2 + i * pitch, w / 2 - 0.04 * w, -h / 2 + i * pitch + 0.0025 * s)
    rules.rect(f, -0.002 * s, -h / 2 + 1.6 * pitch, 0.002 * s, h / 2 - 0.02 * h)  # the centre margin rule
    c.ink(rules, RED, opacity=0.45, rough=0.1)
    strokes = c.layer()
    for i in range(2, 15):
        if rng.random() < 0.12:
            continue
        base = -h / 2 + (i + 1) * pitch - 0.012 * s
        half = w / 2 - 0.08 * w
        shorthand(strokes, f, -half, base, half - 0.03 * w, pitch * 0.55, rng, 0.0045 * s)
        if i < 13 or rng.random() < 0.5:
            shorthand(strokes, f, 0.03 * w, base, half - 0.03 * w, pitch * 0.55, rng, 0.0045 * s)
    c.ink(strokes, INK, rough=0.2)
    spiral = c.layer()
    n = 13
    for i in range(n):
        x = -w / 2 + w * (i + 0.75) / (n + 0.5)
        spiral.ellipse(f.child(x, -h / 2), 0.018 * s, 0.034 * s)
    holes = c.layer()
    for i in range(n):
        x = -w / 2 + w * (i + 0.75) / (n + 0.5)
        holes.ellipse(f.child(x, -h / 2 + 0.012 * s), 0.009 * s, 0.009 * s)
    c.ink(holes, INK_SOFT, opacity=0.8)
    ring = c.layer()
    for i in range(n):
        x = -w / 2 + w * (i + 0.75) / (n + 0.5)
        ring.line(f.pts([(x - 0.008 * s, -h / 2 + 0.012 * s), (x + 0.002 * s, -h / 2 - 0.03 * s),
                         (x + 0.012 * s, -h / 2 - 0.012 * s)]), 0.008 * s)
    c.ink(ring, INK)
    return f


def pencil(c: Canvas, cx: float, cy: float, length: float, angle: float, colour: RGB = RED) -> None:
    f = Frame(cx, cy, angle)
    t = length * 0.055
    body = c.layer().rect(f, -length / 2, -t / 2, length / 2 - 0.14 * length, t / 2)
    c.shadow(body, 0.01 * length, 0.014 * length, 0.01 * length, 0.25)
    c.ink(body, colour)
    c.ink(c.layer().rect(f, -length / 2, -t / 2, -length / 2 + 0.05 * length, t / 2), INK)
    wood = c.layer().poly(f.pts([(length / 2 - 0.14 * length, -t / 2), (length / 2 - 0.14 * length, t / 2),
                                 (length / 2, 0)]))
    c.ink(wood, PAPER_DARK)
    c.ink(c.layer().poly(f.pts([(length / 2 - 0.045 * length, -t * 0.16), (length / 2 - 0.045 * length, t * 0.16),
                                (length / 2, 0)])), INK)
    c.ink(c.layer().rect(f, -length / 2 + 0.05 * length, -t / 2, length / 2 - 0.14 * length, -t / 6),
          mix(colour, INK, 0.35), opacity=0.8)


def key(c: Canvas, cx: float, cy: float, s: float, angle: float, colour: RGB = RED) -> None:
    """A long cabinet key: ring bow, shaft, toothed bit. s = length."""
    f = Frame(cx, cy, angle)
    layer = c.layer()
    bow_x = -s / 2 + 0.13 * s
    layer.ellipse(f.child(bow_x, 0), 0.13 * s, 0.13 * s)
    layer.ellipse(f.child(bow_x, 0), 0.065 * s, 0.065 * s, fill=0)
    layer.rect(f, bow_x + 0.1 * s, -0.022 * s, s / 2, 0.022 * s)
    layer.rect(f, bow_x + 0.14 * s, -0.04 * s, bow_x + 0.17 * s, 0.04 * s)  # collar
    layer.rect(f, s / 2 - 0.16 * s, 0.0, s / 2 - 0.01 * s, 0.13 * s)  # bit
    layer.rect(f, s / 2 - 0.12 * s, 0.08 * s, s / 2 - 0.09 * s, 0.131 * s, fill=0)  # its wards
    layer.rect(f, s / 2 - 0.06 * s, 0.05 * s, s / 2 - 0.035 * s, 0.131 * s, fill=0)
    c.shadow(layer, 0.012 * s, 0.016 * s, 0.012 * s, 0.22)
    c.ink(layer, colour)


def drawer_front(c: Canvas, cx: float, cy: float, s: float, rng: random.Random, *, ajar: bool = False) -> Frame:
    """A desk front with two drawers; the upper one carries a keyhole. s = width."""
    f = Frame(cx, cy, 0)
    w, h = s, 0.62 * s
    desk = c.layer().rect(f, -w / 2, -h / 2, w / 2, h / 2)
    c.shadow(desk, 0.0, 0.02 * s, 0.03 * s, 0.25)
    c.ink(desk, INK)
    for i, (y0, y1) in enumerate(((-h / 2 + 0.06 * s, -0.02 * s), (0.04 * s, h / 2 - 0.06 * s))):
        front = c.layer().rect(f, -w / 2 + 0.06 * s, y0, w / 2 - 0.06 * s, y1)
        c.ink(front, PAPER_DARK if i == 0 else mix(PAPER_DARK, INK, 0.25), rough=0.2)
        inset = c.layer()
        inset.rect(f, -w / 2 + 0.09 * s, y0 + 0.03 * s, w / 2 - 0.09 * s, y1 - 0.03 * s)
        inset.rect(f, -w / 2 + 0.095 * s, y0 + 0.035 * s, w / 2 - 0.095 * s, y1 - 0.035 * s, fill=0)
        c.ink(inset, INK_SOFT, opacity=0.6)
    mid = (-h / 2 + 0.06 * s - 0.02 * s) / 2
    plate = c.layer().ellipse(f.child(0, mid), 0.07 * s, 0.095 * s)
    c.ink(plate, RED)
    hole = c.layer()
    hole.circle(*f(0, mid - 0.02 * s), 0.022 * s)
    hole.poly(f.pts([(-0.012 * s, mid - 0.01 * s), (0.012 * s, mid - 0.01 * s), (0.02 * s, mid + 0.05 * s),
                     (-0.02 * s, mid + 0.05 * s)]))
    c.ink(hole, INK)
    pulls = c.layer()
    low_mid = (0.04 * s + h / 2 - 0.06 * s) / 2
    for x in (-0.28 * s, 0.28 * s):
        pulls.rect(f, x - 0.07 * s, low_mid - 0.014 * s, x + 0.07 * s, low_mid + 0.014 * s)
    c.ink(pulls, INK)
    return f


def table_with_delegates(c: Canvas, cx: float, cy: float, length: float, angle: float, rng: random.Random, *,
                         per_side: int = 9, table: RGB = RED, people: RGB = INK, reader: bool = True) -> Frame:
    """A long table seen from above, delegates (circles) along both sides, a reader at its head."""
    f = Frame(cx, cy, angle)
    width = length * 0.2
    top = c.layer().rect(f, -length / 2, -width / 2, length / 2, width / 2)
    c.shadow(top, 0.01 * length, 0.014 * length, 0.012 * length, 0.25)
    c.ink(top, table)
    papers = c.layer()
    heads = c.layer()
    step = length / (per_side + 0.4)
    r = min(step * 0.3, width * 0.3)
    for side in (-1, 1):
        for i in range(per_side):
            x = -length / 2 + step * (i + 0.7)
            jitter = rng.uniform(-0.05, 0.05) * step
            heads.ellipse(f.child(x + jitter, side * (width / 2 + r * 1.25)), r, r)
            pw, ph = step * 0.34, width * 0.2
            py = side * (width / 2 - ph * 0.8)
            papers.rect(f.child(x + jitter * 0.5, py, rng.uniform(-8, 8)), -pw / 2, -ph / 2, pw / 2, ph / 2)
    c.ink(papers, mix(SHEET, PAPER_DARK, 0.3), density=False, opacity=0.9)
    c.ink(heads, people)
    if reader:
        rx = length / 2 + r * 2.0
        c.ink(c.layer().ellipse(f.child(rx, 0), r * 1.3, r * 1.3), people)
        sheet_f = f.child(length / 2 - step * 0.45, 0, 90)
        doc = c.layer().rect(sheet_f, -width * 0.3, -width * 0.21, width * 0.3, width * 0.21)
        c.shadow(doc, 0.004 * length, 0.006 * length, 0.004 * length, 0.3)
        c.ink(doc, SHEET, density=False)
    return f


def magnifier(c: Canvas, cx: float, cy: float, r: float, angle: float, rng: random.Random, *,
              magnify_lines: bool = True, handle: RGB = RED, lines_angle: float = 0.0) -> None:
    """A reading glass: thick ring, handle, and magnified typescript in the lens."""
    f = Frame(cx, cy, angle)
    lens = c.layer().circle(cx, cy, r)
    c.ink(lens, mix(SHEET, (255, 255, 255), 0.3), opacity=0.75, density=False, rough=0.0)
    if magnify_lines:
        lines = c.layer()
        g = Frame(cx, cy, lines_angle)
        lines.typed_lines(g, -r * 1.2, -r * 0.93, r * 2.4, r * 0.3, 7, rng, thickness=r * 0.09, indent=3,
                          char=r * 0.075)
        clip = c.layer().circle(cx, cy, r * 0.94).mask
        lines.mask = ImageChops.multiply(lines.mask, clip)
        c.ink(lines, INK, rough=0.3)
    gleam = c.layer().arc(cx, cy, r * 0.78, 200, 250, r * 0.05)
    c.ink(gleam, (255, 255, 255), opacity=0.55)
    body = c.layer()
    body.ring(cx, cy, r + 0.06 * r, 0.14 * r)
    hx = f.child(r * 1.0, 0)
    body.rect(hx, 0, -0.07 * r, 0.32 * r, 0.07 * r)
    c.shadow(body, 0.05 * r, 0.07 * r, 0.06 * r, 0.25)
    c.ink(body, INK)
    handle_l = c.layer().rect(hx, 0.3 * r, -0.13 * r, 1.45 * r, 0.13 * r)
    handle_l.circle(*hx(1.45 * r, 0), 0.13 * r)
    c.shadow(handle_l, 0.05 * r, 0.07 * r, 0.06 * r, 0.25)
    c.ink(handle_l, handle)


def copies_stack(c: Canvas, cx: float, cy: float, w: float, h: float, angle: float, rng: random.Random,
                 n: int = 6, step: tuple[float, float] = (0.035, -0.03)) -> Frame:
    """A stack of carbon copies, fanned slightly: the top one typed."""
    top = Frame(cx, cy, angle)
    for i in range(n - 1, -1, -1):
        dx, dy = step[0] * w * i, step[1] * h * i
        x, y = top(dx, dy)
        rot = angle + rng.uniform(-2.5, 2.5) * (i > 0)
        if i == 0:
            sheet(c, x, y, w, h, rot, rng, shadow=0.2, paragraphs=3)
        else:
            sheet(c, x, y, w, h, rot, rng, lines=False, shadow=0.14,
                  colour=mix(SHEET, SHEET_SHADE, min(1.0, i / n + 0.2)))
    return top


def torn_sheet(c: Canvas, cx: float, cy: float, w: float, h: float, angle: float, rng: random.Random,
               colour: RGB = SHEET) -> tuple[Frame, Image.Image]:
    """A sheet torn across on a diagonal; returns its frame and the mask of what remains."""
    f = Frame(cx, cy, angle)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h * 0.05)]
    steps = 28
    for i in range(1, steps):
        t = i / steps
        x = w / 2 - t * w
        y = h * 0.05 + t * h * 0.4 + rng.uniform(-0.02, 0.02) * h
        pts.append((x, y))
    pts.append((-w / 2, h / 2 * 0.95))
    shape = c.layer().poly(f.pts(pts))
    c.shadow(shape, 0.015 * w, 0.02 * w, 0.02 * w, 0.22)
    c.ink(shape, colour, density=False, rough=0.6)
    return f, shape.mask


def newspaper(c: Canvas, cx: float, cy: float, w: float, angle: float, rng: random.Random, *,
              masthead: str | None = None, masthead_font: str = "serif-bold", big: str | None = None,
              highlight: bool = False, columns: int = 5) -> Frame:
    """A newspaper page: masthead (a real title only), rules, headline bars, columns, a halftone picture."""
    h = w * 1.36
    f = sheet(c, cx, cy, w, h, angle, rng, lines=False, colour=mix(SHEET, PAPER_DARK, 0.35), shadow=0.25)
    m = 0.05 * w
    x0, x1 = -w / 2 + m, w / 2 - m
    y = -h / 2 + m
    rules = c.layer()
    if masthead:
        size = w * 0.16
        mh = c.layer()
        # letters drawn upright in the page frame: rendered into the layer, then rotated with it below
        mh.text(f(0, y + size * 0.78), masthead, masthead_font, size, anchor="ms")
        if abs(angle) > 0.01:
            mh.mask = mh.mask.rotate(-angle, center=f(0, y + size * 0.5), resample=Image.Resampling.BICUBIC)
        c.ink(mh, INK, rough=0.35)
        y += size * 0.95
    else:
        rules.rect(f, x0, y, x1, y + 0.09 * w)
        y += 0.11 * w
    rules.rect(f, x0, y, x1, y + 0.006 * w)
    rules.rect(f, x0, y + 0.012 * w, x1, y + 0.015 * w)
    y += 0.04 * w
    # headline bars
    rules.rect(f, x0, y, x0 + (x1 - x0) * 0.82, y + 0.035 * w)
    y += 0.055 * w
    rules.rect(f, x0, y, x0 + (x1 - x0) * 0.6, y + 0.035 * w)
    y += 0.065 * w
    c.ink(rules, INK)
    col_w = (x1 - x0 - (columns - 1) * 0.025 * w) / columns
    text = c.layer()
    pic = None
    for k in range(columns):
        cx0 = x0 + k * (col_w + 0.025 * w)
        yy = y
        if k in (1, 2) and pic is None:
            pic = (cx0, yy, cx0 + 2 * col_w + 0.025 * w, yy + 0.3 * w)
        if pic and k in (1, 2):
            yy = pic[3] + 0.02 * w
        while yy < h / 2 - m - 0.01 * w:
            n = rng.randint(5, 14)
            n = min(n, int((h / 2 - m - yy) / (0.0165 * w)))
            if n <= 0:
                break
            text.typed_lines(f, cx0, yy, col_w, 0.0165 * w, n, rng, thickness=0.006 * w, indent=2,
                             char=0.006 * w)
            yy += (n + 1) * 0.0165 * w
        if k < columns - 1:
            text.rect(f, cx0 + col_w + 0.011 * w, y, cx0 + col_w + 0.013 * w, h / 2 - m)
    c.ink(text, INK_SOFT, opacity=0.85, rough=0.2)
    if pic:
        px0, py0, px1, py1 = pic
        clip = c.layer().rect(f, px0, py0, px1, py1)
        a, b = f(px0, py0), f(px1, py1)
        field = c.gradient(a[0], a[1], b[0], b[1], 0.2, 0.8)
        c.halftone(field, INK, max(3.0, 0.012 * w), 45, clip=c.prepared(clip, density=False))
    if big:
        bl = c.layer()
        bl.text(f(0, h * 0.18), big, "sans-bold", w * 0.34, anchor="mm")
        if abs(angle) > 0.01:
            bl.mask = bl.mask.rotate(-angle, center=f(0, h * 0.18), resample=Image.Resampling.BICUBIC)
        c.ink(bl, RED, opacity=0.92)
    if highlight:
        hl = c.layer()
        hx0, hy0, hx1, hy1 = x0 + 3 * (col_w + 0.025 * w) - 0.01 * w, y - 0.01 * w, x1 + 0.01 * w, y + 0.5 * w
        hl.rect(f, hx0, hy0, hx1, hy1)
        hl.rect(f, hx0 + 0.012 * w, hy0 + 0.012 * w, hx1 - 0.012 * w, hy1 - 0.012 * w, fill=0)
        c.ink(hl, RED)
    return f


def kremlin_wall(c: Canvas, x0: float, x1: float, ground: float, s: float, rng: random.Random,
                 colour: RGB = INK) -> None:
    """The Kremlin wall with swallow-tail merlons and a tented tower. s = tower height."""
    layer = c.layer()
    wall_h = 0.28 * s
    layer.poly([(x0, ground), (x0, ground - wall_h), (x1, ground - wall_h), (x1, ground)])
    mw = 0.045 * s
    x = x0
    while x < x1 - mw:
        top = ground - wall_h
        layer.poly([(x, top + 1), (x, top - mw * 1.3), (x + mw * 0.5, top - mw * 0.85), (x + mw, top - mw * 1.3),
                    (x + mw, top + 1)])
        x += mw * 1.8
    tx = x0 + (x1 - x0) * 0.62
    tw = 0.2 * s
    # the tower: body, two tiers, a tented roof with a slim spire
    layer.rect(Frame(0, 0), tx - tw / 2, ground - 0.55 * s, tx + tw / 2, ground)
    layer.rect(Frame(0, 0), tx - tw * 0.38, ground - 0.72 * s, tx + tw * 0.38, ground - 0.54 * s)
    layer.rect(Frame(0, 0), tx - tw * 0.28, ground - 0.8 * s, tx + tw * 0.28, ground - 0.71 * s)
    layer.poly([(tx - tw * 0.3, ground - 0.79 * s), (tx + tw * 0.3, ground - 0.79 * s), (tx, ground - 1.02 * s)])
    layer.rect(Frame(0, 0), tx - 0.004 * s, ground - 1.08 * s, tx + 0.004 * s, ground - 1.0 * s)
    # a lower corner tower
    ox = x0 + (x1 - x0) * 0.12
    ow = 0.14 * s
    layer.rect(Frame(0, 0), ox - ow / 2, ground - 0.42 * s, ox + ow / 2, ground)
    layer.poly([(ox - ow * 0.56, ground - 0.41 * s), (ox + ow * 0.56, ground - 0.41 * s), (ox, ground - 0.66 * s)])
    c.ink(layer, colour)
    windows = c.layer()
    windows.rect(Frame(0, 0), tx - tw * 0.12, ground - 0.46 * s, tx + tw * 0.12, ground - 0.34 * s)
    windows.circle(tx, ground - 0.46 * s, tw * 0.12)
    windows.rect(Frame(0, 0), tx - tw * 0.2, ground - 0.14 * s, tx + tw * 0.2, ground)
    windows.circle(tx, ground - 0.14 * s, tw * 0.2)
    windows.circle(tx, ground - 0.64 * s, tw * 0.1)
    c.ink(windows, PAPER_DARK, opacity=0.9)


def rails(c: Canvas, vx: float, vy: float, bottom: float, spread: float, rng: random.Random,
          colour: RGB = INK) -> None:
    """A railway running to a vanishing point (vx, vy), ties closer together with distance."""
    layer = c.layer()
    left, right = vx - spread / 2, vx + spread / 2
    gauge = spread * 0.028
    for base_x, sign in ((left, -1), (right, 1)):
        layer.poly([(vx - 0.2, vy), (vx + 0.2, vy), (base_x + sign * gauge, bottom), (base_x - sign * gauge, bottom)])
    depth = bottom - vy
    n = 26
    for i in range(n):
        t = (i / n) ** 2.2  # 0 near the horizon, 1 at the bottom
        y = vy + depth * t
        half = spread / 2 * t * 1.2
        th = max(1.0, depth * 0.02 * t)
        if y + th > bottom:
            break
        layer.poly([(vx - half, y), (vx + half, y), (vx + half, y + th), (vx - half, y + th)])
    c.ink(layer, colour)


def circles_group(layer: Layer, cx: float, cy: float, rows: int, cols: int, r: float, gap: float,
                  rng: random.Random, drop: float = 0.0) -> None:
    for i in range(rows):
        for j in range(cols):
            if drop and rng.random() < drop:
                continue
            x = cx + (j - (cols - 1) / 2) * (2 * r + gap) + (r + gap / 2) * (i % 2)
            y = cy + (i - (rows - 1) / 2) * (2 * r + gap) * 0.88
            layer.circle(x, y, r)
