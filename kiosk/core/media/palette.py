"""The exhibit's colours and typefaces: the ONE place Python defines them (generated art, the proof's sheets).

The QML ``Theme`` singleton repeats the colours for the interface (see the style guide);
tests/core/media/test_palette.py fails when the two disagree.
"""

from __future__ import annotations

# name -> hex, as in /work/shared/design/style-guide.md
PALETTE: dict[str, str] = {
    "paper": "#EFE6D2",
    "paper-dark": "#E2D5B8",
    "ink": "#1F1B16",
    "ink-soft": "#4A4036",
    "red": "#A3242A",
    "red-dark": "#7E1A1F",
    "night": "#16130F",
    "gold": "#C8A45A",
}

RGB = tuple[int, int, int]


def rgb(name_or_hex: str) -> RGB:
    """``rgb("red")`` or ``rgb("#A3242A")`` -> (163, 36, 42)."""
    value = PALETTE.get(name_or_hex, name_or_hex)
    value = value.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a palette name or #RRGGBB colour: {name_or_hex!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(a: RGB | str, b: RGB | str, t: float) -> RGB:
    """Linear mix: t=0 gives a, t=1 gives b."""
    ca = rgb(a) if isinstance(a, str) else a
    cb = rgb(b) if isinstance(b, str) else b
    red, green, blue = (round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))
    return red, green, blue


PAPER = rgb("paper")
PAPER_DARK = rgb("paper-dark")
INK = rgb("ink")
INK_SOFT = rgb("ink-soft")
RED = rgb("red")
RED_DARK = rgb("red-dark")
NIGHT = rgb("night")
GOLD = rgb("gold")

# The typefaces the interface is set in (Debian fonts-paratype file names): the kiosk registers them with Qt
# and the installed build bundles them (packaging/kiosk.spec).
INTERFACE_FONT_FILES = ("PTS55F.ttf", "PTS75F.ttf", "PTF55F.ttf", "PTF56F.ttf", "PTF75F.ttf", "PTF76F.ttf", "PTM55F.ttf")

# The generated art's typefaces by role, with a DejaVu fallback of the same role.
FONTS: dict[str, tuple[str, str]] = {
    "sans": ("PTS55F.ttf", "DejaVuSans.ttf"),
    "sans-bold": ("PTS75F.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("PTF55F.ttf", "DejaVuSerif.ttf"),
    "serif-italic": ("PTF56F.ttf", "DejaVuSerif-Italic.ttf"),
    "serif-bold": ("PTF75F.ttf", "DejaVuSerif-Bold.ttf"),
    "mono": ("PTM55F.ttf", "DejaVuSansMono.ttf"),
    "narrow-bold": ("PTN77F.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "caption-bold": ("PTC75F.ttf", "DejaVuSans-Bold.ttf"),
}
