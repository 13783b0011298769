"""Physical sizes on the real screen: millimetres to pixels, so touch targets and type are sized for people.

Kiosk screens often report a wrong physical size (or none), so kiosk.toml can override it with the diagonal
in inches or the DPI. Everything the interface sizes in millimetres goes through :class:`DisplayMetrics`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4
FALLBACK_DIAGONAL_INCHES = 27.0  # used when the screen reports nonsense and no override is configured
PLAUSIBLE_DIAGONAL_INCHES = (7.0, 110.0)


@dataclass(frozen=True)
class DisplayMetrics:
    width_px: int
    height_px: int
    px_per_mm: float
    origin: str  # where the size came from: "config-diagonal", "config-dpi", "screen", "fallback"

    @property
    def diagonal_inches(self) -> float:
        return math.hypot(self.width_px, self.height_px) / self.px_per_mm / MM_PER_INCH

    def mm(self, millimetres: float) -> float:
        return millimetres * self.px_per_mm


def metrics_for(
    width_px: int,
    height_px: int,
    *,
    reported_mm: tuple[float, float] | None = None,
    diagonal_inches: float | None = None,
    dpi: float | None = None,
) -> DisplayMetrics:
    """Pixels per millimetre from the configured override, else the screen's report, else a safe fallback."""
    diagonal_px = math.hypot(width_px, height_px)
    if diagonal_inches:
        return DisplayMetrics(width_px, height_px, diagonal_px / (diagonal_inches * MM_PER_INCH), "config-diagonal")
    if dpi:
        return DisplayMetrics(width_px, height_px, dpi / MM_PER_INCH, "config-dpi")
    if reported_mm and reported_mm[0] > 0 and reported_mm[1] > 0:
        reported_diagonal = math.hypot(*reported_mm) / MM_PER_INCH
        low, high = PLAUSIBLE_DIAGONAL_INCHES
        if low <= reported_diagonal <= high:
            return DisplayMetrics(width_px, height_px, diagonal_px / (reported_diagonal * MM_PER_INCH), "screen")
    fallback = diagonal_px / (FALLBACK_DIAGONAL_INCHES * MM_PER_INCH)
    return DisplayMetrics(width_px, height_px, fallback, "fallback")
