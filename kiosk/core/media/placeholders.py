"""The marked stand-in for an archival photograph that a curator has yet to find (2400x1800)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from kiosk.core.media.canvas import Canvas, Frame
from kiosk.core.media.palette import INK, INK_SOFT, PAPER, PAPER_DARK, RED, mix

TEXT_EN = "archival photograph to come"
TEXT_RU = "здесь будет архивная фотография"


def draw(spec: Any, size_factor: float) -> Image.Image:
    c = Canvas(spec.name, spec.size(size_factor), paper_colour=PAPER_DARK, mottle=0.035)
    w, h, u = c.w, c.h, c.u
    f = Frame(0, 0)
    # the empty print: a grey halftone field in a white border, held by four photo corners
    border = c.layer().rect(f, w * 0.08, h * 0.08, w * 0.92, h * 0.92)
    c.shadow(border, 6 * u, 9 * u, 12 * u, 0.25)
    c.ink(border, mix(PAPER, (255, 255, 255), 0.4), density=False, rough=0.1)
    x0, y0, x1, y1 = w * 0.12, h * 0.13, w * 0.88, h * 0.87
    area = c.layer().rect(f, x0, y0, x1, y1)
    c.ink(area, mix(PAPER_DARK, INK_SOFT, 0.22), density=False, rough=0.0)
    field = c.gradient(x0, y0, x1, y1, 0.18, 0.42)
    c.halftone(field, INK_SOFT, 11 * u, 45, clip=area, opacity=0.7)
    corners = c.layer()
    s = h * 0.09
    for cx, cy, sx, sy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x0, y1, 1, -1), (x1, y1, -1, -1)):
        corners.poly([(cx - sx * s * 0.25, cy - sy * s * 0.25), (cx + sx * s, cy - sy * s * 0.25),
                      (cx - sx * s * 0.25, cy + sy * s)])
    c.ink(corners, INK)
    # a camera, drawn in a few shapes
    cam = c.layer()
    cx, cy = w * 0.5, h * 0.38
    cam.rect(f, cx - h * 0.14, cy - h * 0.08, cx + h * 0.14, cy + h * 0.1)
    cam.rect(f, cx - h * 0.05, cy - h * 0.12, cx + h * 0.05, cy - h * 0.07)
    cam.circle(cx, cy + h * 0.01, h * 0.065, fill=0)
    cam.circle(cx, cy + h * 0.01, h * 0.042)
    c.ink(cam, mix(PAPER, PAPER_DARK, 0.3))
    # the label
    label = c.layer().rect(f, w * 0.2, h * 0.58, w * 0.8, h * 0.78)
    c.shadow(label, 4 * u, 6 * u, 8 * u, 0.2)
    c.ink(label, mix(PAPER, (255, 255, 255), 0.3), density=False, rough=0.1)
    rule = c.layer().rect(f, w * 0.2, h * 0.58, w * 0.8, h * 0.58 + 5 * u)
    c.ink(rule, RED, density=False, rough=0.1)
    text = c.layer()
    text.text((w * 0.5, h * 0.665), TEXT_EN, "sans-bold", h * 0.048, anchor="ms")
    text.text((w * 0.5, h * 0.735), TEXT_RU, "sans", h * 0.04, anchor="ms")
    c.ink(text, INK, density=False, rough=0.0)
    return c.finish(grain=0.0, vignette=0.1)
