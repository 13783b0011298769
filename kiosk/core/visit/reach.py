"""Low reach: the part of the screen a visitor in a wheelchair (or a child) can reach and read, between
380 mm and 1220 mm above the floor, worked out from the screen's physical size and how high it is mounted.

The band is given in window pixels from the top, so the interface can lay the whole visitor stage inside it.
A screen whose mounting height is not configured cannot know where the floor is: its band is then the lower
half of the screen (:data:`UNKNOWN_MOUNTING_SHARE`), never taller than the reach zone itself. A band shorter
than :data:`MIN_BAND_MM` cannot hold the interface (the bottom bar and a few lines of reading text): the mode is
then not offered, nor is it where the whole screen is already within reach.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

REACH_LOW_MM = 380.0  # lowest a seated visitor reaches forward (the ADA standards, 308.2: 15 in)
REACH_HIGH_MM = 1220.0  # highest (48 in)
UNKNOWN_MOUNTING_SHARE = 0.5
MIN_BAND_MM = 200.0


@dataclass(frozen=True)
class ReachBand:
    """Rows ``top`` (inclusive) to ``bottom`` (exclusive) of a window ``height`` pixels tall."""

    top: int
    bottom: int
    height: int
    known: bool  # computed from the mounting height (else the lower part of the screen, by assumption)

    @property
    def size(self) -> int:
        return max(0, self.bottom - self.top)

    @property
    def empty(self) -> bool:
        return self.size == 0

    @property
    def whole(self) -> bool:
        return self.top <= 0 and self.bottom >= self.height

    def usable(self, px_per_mm: float) -> bool:
        """Worth offering the mode: the band holds the interface and leaves out part of the screen."""
        return not self.whole and self.size >= MIN_BAND_MM * px_per_mm

    def floor_mm(self, row: float, px_per_mm: float, mounting_height_mm: float) -> float:
        """Height above the floor of window row ``row`` (0 is the top edge)."""
        return mounting_height_mm + (self.height - row) / px_per_mm


def reach_band(height_px: int, px_per_mm: float, mounting_height_mm: float | None) -> ReachBand:
    """The rows of a window ``height_px`` tall, filling the screen from its bottom edge (mounted
    ``mounting_height_mm`` above the floor), that lie between :data:`REACH_LOW_MM` and :data:`REACH_HIGH_MM`."""
    if height_px <= 0 or px_per_mm <= 0:
        return ReachBand(0, 0, max(0, height_px), mounting_height_mm is not None)
    if mounting_height_mm is None:
        rows = min(height_px * UNKNOWN_MOUNTING_SHARE, (REACH_HIGH_MM - REACH_LOW_MM) * px_per_mm)
        return ReachBand(height_px - round(rows), height_px, height_px, known=False)
    # a row's height above the floor falls by one millimetre every px_per_mm rows, down to the bottom edge
    top = height_px - (REACH_HIGH_MM - mounting_height_mm) * px_per_mm
    bottom = height_px - (REACH_LOW_MM - mounting_height_mm) * px_per_mm
    # whole pixels inward, so every row of the band is within reach
    first = min(height_px, max(0, math.ceil(top)))
    last = max(first, min(height_px, math.floor(bottom)))
    return ReachBand(first, last, height_px, known=True)


def outside_reach(top: float, bottom: float, band: ReachBand, tolerance_px: float = 1.0) -> bool:
    """True when a box from row ``top`` to row ``bottom`` is not wholly inside ``band``."""
    return band.empty or top < band.top - tolerance_px or bottom > band.bottom + tolerance_px
