"""Finding the typefaces named in :mod:`.palette` and fingerprinting them for the generate manifest."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from kiosk.core.ops.digest import sha256
from kiosk import paths
from kiosk.core.media.palette import FONTS

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


class FontMissingError(RuntimeError):
    pass


@cache
def font_path(key: str) -> Path:
    """The file for a font role ("sans-bold", "mono", …): PT family first, DejaVu as a fallback."""
    try:
        primary, fallback = FONTS[key]
    except KeyError:
        raise FontMissingError(f"unknown font role {key!r}; known: {', '.join(sorted(FONTS))}") from None
    for folder in paths.fonts_dirs():
        candidate = folder / primary
        if candidate.is_file():
            return candidate
    for folder in [*paths.fonts_dirs(), DEJAVU_DIR]:
        candidate = folder / fallback
        if candidate.is_file():
            return candidate
    raise FontMissingError(
        f"font {primary} ({key}) not found in {', '.join(str(d) for d in paths.fonts_dirs())}; "
        "install fonts-paratype (apt-get install fonts-paratype) or set KIOSK_FONTS_DIR"
    )


@cache
def font_hash(key: str) -> str:
    """sha256 of the font file's bytes: a changed font makes the outputs that use it stale."""
    return sha256(font_path(key).read_bytes()).hexdigest()


@lru_cache(maxsize=256)
def font(key: str, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: no dependency on libraqm being present, and the same glyph positions everywhere.
    return ImageFont.truetype(str(font_path(key)), max(1, int(size)), layout_engine=ImageFont.Layout.BASIC)
