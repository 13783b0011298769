"""The reach band: the rows of the screen 380-1220 mm above the floor, from its size and mounting height."""

from __future__ import annotations

import pytest

from kiosk.core.visit.display import metrics_for
from kiosk.core.visit.reach import MIN_BAND_MM, REACH_HIGH_MM, REACH_LOW_MM, reach_band


def test_a_55_inch_portrait_screen_at_700_mm_reaches_its_lower_520_mm() -> None:
    px_per_mm = metrics_for(1080, 1920, diagonal_inches=55).px_per_mm  # 1.577: the screen is 1218 mm tall
    band = reach_band(1920, px_per_mm, 700)
    assert band.bottom == 1920  # the bottom edge, at 700 mm, is above the lowest reach
    assert band.top == pytest.approx(1920 - 520 * px_per_mm, abs=1)
    assert band.floor_mm(band.top, px_per_mm, 700) <= REACH_HIGH_MM
    assert band.floor_mm(band.top - 1, px_per_mm, 700) > REACH_HIGH_MM
    assert band.usable(px_per_mm) and band.known


def test_a_screen_mounted_low_loses_rows_at_the_bottom_too() -> None:
    band = reach_band(2000, 2.0, 100)  # 1000 mm tall, from 100 to 1100 mm above the floor
    assert (band.top, band.bottom) == (0, 2000 - 280 * 2)
    assert band.floor_mm(band.bottom, 2.0, 100) == pytest.approx(REACH_LOW_MM)


def test_whole_or_empty_bands() -> None:
    whole = reach_band(1000, 2.0, 500)  # 500-1000 mm: all of it within reach
    assert whole.whole and not whole.usable(2.0) and whole.size == 1000
    above = reach_band(1000, 2.0, 1300)
    assert above.empty and not above.usable(2.0)
    below = reach_band(1000, 2.0, -600)  # the top edge under the lowest reach
    assert below.empty


def test_a_band_too_short_for_the_interface_is_not_offered() -> None:
    band = reach_band(2000, 2.0, REACH_HIGH_MM - MIN_BAND_MM + 10)
    assert not band.empty and not band.usable(2.0)


def test_without_a_mounting_height_the_lower_half_never_taller_than_the_reach_zone() -> None:
    half = reach_band(1080, 2.7, None)
    assert (half.top, half.bottom, half.known) == (540, 1080, False)
    tall = reach_band(4000, 1.0, None)  # 4 m of screen: the band is the reach zone's 840 mm
    assert tall.size == REACH_HIGH_MM - REACH_LOW_MM


def test_no_pixels_no_band() -> None:
    assert reach_band(0, 2.0, 700).empty
    assert reach_band(1000, 0.0, 700).empty
