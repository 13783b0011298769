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


def best_rendition(media_root: Path, src: str, wanted_width: int, original: Path | None = None) -> Path:
    """The smallest rendition at least ``wanted_width`` wide (nominally); ``wanted_width <= 0`` asks for the
    widest. When none is that wide (more than the top tier is wanted: the attract's pan on a 4K screen shows
    5184 px), the original, which the top tier never has more pixels than, rather than enlarging the top tier;
    without a top tier the widest rendition already is the original's width. The original (``media_root/src``
    unless found elsewhere) if there are no renditions."""
    found = rendition_paths(media_root, src)
    original = original or Path(media_root) / src
    if not found:
        return original
    if wanted_width > 0:
        for width, path in found:
            if width >= wanted_width:
                return path
    widest_width, widest = found[-1]
    return original if widest_width == RENDITIONS[-1][1] and original.is_file() else widest


def resolve(media_roots: Iterable[Path], src: str, wanted_width: int) -> Path | None:
    """Across several media roots: a rendition from any root first (the original from any root where no
    rendition is wide enough), then the original from any root."""
    roots = [Path(r) for r in media_roots]
    original = next((root / src for root in roots if (root / src).is_file()), None)
    for root in roots:
        if rendition_paths(root, src):
            return best_rendition(root, src, wanted_width, original)
    return original
