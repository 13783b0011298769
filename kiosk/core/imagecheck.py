"""Checking that an image file is safe and able to be shown, without decoding it for display."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# Decompression-bomb guard: a 20000×20000 scan would need 1.6 GB decoded. 100 MP covers any sensible
# archival scan (a 24 MP camera image, a 600 dpi A3 page) with room to spare.
MAX_PIXELS = 100_000_000
MIN_SIDE = 16
SUPPORTED_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP"}


def check_image(path: Path, max_pixels: int = MAX_PIXELS) -> str | None:
    """None when the file is a sound image of a supported kind and size; otherwise why it is not."""
    stat = path.stat()
    return _check(str(path), stat.st_size, stat.st_mtime_ns, max_pixels)


@lru_cache(maxsize=4096)
def _check(path: str, size: int, mtime_ns: int, max_pixels: int) -> str | None:
    # size and mtime are part of the cache key so an edited file is checked again.
    del mtime_ns
    if size == 0:
        return "the image file is empty (0 bytes)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if image.format not in SUPPORTED_FORMATS:
                    return f"unsupported image format {image.format}: use JPEG, PNG, TIFF or WebP"
                if width * height > max_pixels:
                    return (
                        f"the image is {width}×{height} ({width * height / 1e6:.0f} MP), over the limit of "
                        f"{max_pixels / 1e6:.0f} MP: scale it down before adding it"
                    )
                if min(width, height) < MIN_SIDE:
                    return f"the image is only {width}×{height} pixels"
                image.verify()
            if image.format == "JPEG":
                # verify() checks nothing for JPEG: decode at 1/8 scale (cheap) to find a cut-off file.
                with Image.open(path) as again:
                    again.draft(again.mode, (max(1, width // 8), max(1, height // 8)))
                    again.load()
    except UnidentifiedImageError:
        return "not an image Pillow can read (corrupt, or not really an image)"
    except Image.DecompressionBombError as exc:
        return f"refused as a decompression bomb: {exc}"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"the image is damaged or truncated: {exc}"
    return None
