"""Checking that an image file is safe and able to be shown, without decoding it for display.

Results are cached by file, size and modification time: in the process (a reload checks only what changed)
and, once :func:`remember_checks_in` has named a file, across runs, so a kiosk starting on unchanged content
does not open its images again (``kiosk bench``: ~50 ms of start-up for the shipped content; Pillow is then
not even imported). Only sound images are remembered across runs: a problem is always looked at afresh.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from functools import lru_cache
from pathlib import Path

# Decompression-bomb guard: a 20000×20000 scan would need 1.6 GB decoded. 100 MP covers any sensible
# archival scan (a 24 MP camera image, a 600 dpi A3 page) with room to spare.
MAX_PIXELS = 100_000_000
MIN_SIDE = 16
SUPPORTED_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP"}


def check_image(path: Path, max_pixels: int = MAX_PIXELS) -> str | None:
    """None when the file is a sound image of a supported kind and size; otherwise why it is not."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, max_pixels)
    remembered = _remembered
    if remembered is not None and remembered.sound(key):
        return None
    reason = _check(*key)
    if remembered is not None and reason is None:
        remembered.add(key)
    return reason


@lru_cache(maxsize=4096)
def _check(path: str, size: int, mtime_ns: int, max_pixels: int) -> str | None:
    # size and mtime are part of the cache key so an edited file is checked again.
    del mtime_ns
    if size == 0:
        return "the image file is empty (0 bytes)"
    from PIL import Image, UnidentifiedImageError  # ~20 ms: only when an image really has to be opened

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


# --- across runs ----------------------------------------------------------------------------------------------

MAX_REMEMBERED = 4096


class _Remembered:
    """Sound images as {path: [size, mtime_ns, max_pixels]} in a small JSON file, written atomically whenever
    one is added. Any trouble reading or writing it only means images are checked again."""

    def __init__(self, file: Path):
        self.file = file
        self.lock = threading.Lock()
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            self.entries: dict[str, list[int]] = {k: v for k, v in data.items() if isinstance(v, list)}
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def sound(self, key: tuple[str, int, int, int]) -> bool:
        path, *stamp = key
        return self.entries.get(path) == stamp

    def add(self, key: tuple[str, int, int, int]) -> None:
        path, *stamp = key
        with self.lock:
            self.entries.pop(path, None)
            self.entries[path] = stamp
            while len(self.entries) > MAX_REMEMBERED:
                del self.entries[next(iter(self.entries))]
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
                tmp.write_text(json.dumps(self.entries), encoding="utf-8")
                os.replace(tmp, self.file)
            except OSError:
                pass


_remembered: _Remembered | None = None


def remember_checks_in(file: Path | None) -> None:
    """Remember sound images across runs in ``file`` (None: stop). ``kiosk run`` uses the user data folder."""
    global _remembered
    _remembered = _Remembered(file) if file is not None else None
