"""Atomic file writes: a temporary file in the destination folder, then ``os.replace``.

A reader (the kiosk, a second build) never sees a half-written PNG, and a writer that fails half-way leaves
the previous file (or nothing) behind, never a truncated one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations: the kiosk writes files atomically without Pillow
    from PIL import Image


@contextlib.contextmanager
def atomic_open(path: Path, *, durable: bool = False) -> Iterator[IO[bytes]]:
    """A binary file to write that appears at ``path`` only once the block ends without an exception; ``durable``:
    on disk before it is renamed into place, so that a power cut leaves the old file or the new, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
    """Call ``writer(fh)`` on a temporary binary file and move it into place only if it returns."""
    with atomic_open(path) as fh:
        writer(fh)


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    with atomic_open(path, durable=durable) as fh:
        fh.write(data)


def write_text_atomic(path: Path, text: str, *, durable: bool = False) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable)


def save_image_atomic(image: Image.Image, path: Path, format: str, **params: Any) -> None:
    """``image.save`` into a temporary file beside ``path``, then rename over it."""
    write_atomic(path, lambda fh: image.save(fh, format=format, **params))
