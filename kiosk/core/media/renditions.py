"""Where renditions live and which one to show: shared by the builder and the Qt image provider.

Deliberately free of Pillow and Qt, so importing it costs nothing on the kiosk's first-frame path.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# (name, nominal width), narrowest first. A source narrower than a width gets that rendition at its own width.
RENDITIONS: tuple[tuple[str, int], ...] = (("thumb480", 480), ("w1920", 1920), ("w3840", 3840))
RENDITIONS_DIR = "renditions"


def rendition_dir(media_root: Path, src: str) -> Path:
    rel = Path(src)
    return Path(media_root) / RENDITIONS_DIR / rel.parent / rel.stem


def rendition_paths(media_root: Path, src: str) -> list[tuple[int, Path]]:
    """(nominal width, path) of the renditions that exist for ``src``, narrowest first."""
    folder = rendition_dir(media_root, src)
    found = []
    for name, width in RENDITIONS:
        for ext in (".jpg", ".png"):
            candidate = folder / f"{name}{ext}"
            if candidate.is_file():
                found.append((width, candidate))
                break
    return found


def best_rendition(media_root: Path, src: str, wanted_width: int) -> Path:
    """The smallest rendition at least ``wanted_width`` wide; the widest one if none is that wide; the
    original ``media_root/src`` if there are no renditions. ``wanted_width <= 0`` asks for the widest."""
    found = rendition_paths(media_root, src)
    if not found:
        return Path(media_root) / src
    if wanted_width > 0:
        for width, path in found:
            if width >= wanted_width:
                return path
    return found[-1][1]


def resolve(media_roots: Iterable[Path], src: str, wanted_width: int) -> Path | None:
    """Across several media roots: a rendition from any root first, then the original from any root."""
    roots = [Path(r) for r in media_roots]
    for root in roots:
        if rendition_paths(root, src):
            return best_rendition(root, src, wanted_width)
    for root in roots:
        candidate = root / src
        if candidate.is_file():
            return candidate
    return None


