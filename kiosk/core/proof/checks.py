"""The proof's rules on rendered pixels, without Qt: whether a frame is blank.

Used by ``kiosk proof`` (each view's thumbnail) and by ``kiosk self-test`` (each screen), so both call the same
frame blank.
"""

from __future__ import annotations

from PIL import Image

BLANK_SHARE = 0.996  # a frame is blank when this share of its pixels (of a reduced copy) is one colour


def blank_reason(picture: Image.Image) -> str | None:
    """Why a rendered frame (best a reduced copy: the colours are counted) looks blank, or None when something
    is drawn on it."""
    total = picture.width * picture.height
    if total == 0:
        return "nothing was rendered (empty frame)"
    count, colour = max(picture.convert("RGB").getcolors(total))
    if count >= BLANK_SHARE * total:
        red, green, blue = colour
        return f"blank: {100 * count / total:.1f}% of the frame is #{red:02x}{green:02x}{blue:02x}"
    return None
