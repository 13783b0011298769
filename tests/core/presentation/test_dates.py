"""Dates written out per language, as precisely as they are known (kiosk.core.presentation.dates)."""

from __future__ import annotations

import pytest

from kiosk.core.content.model import PartialDate
from kiosk.core.presentation.dates import format_date


@pytest.mark.parametrize(
    ("value", "en", "ru"),
    [
        ("1922-12-25", "December 25, 1922", "25\u00a0декабря 1922\u00a0г."),
        ("1923-03", "March 1923", "Март 1923\u00a0г."),
        ("1928", "1928", "1928\u00a0г."),
    ],
)
def test_dates_are_written_out_as_precisely_as_known(value, en, ru) -> None:
    date = PartialDate(value)
    assert format_date(date, "en") == en
    assert format_date(date, "ru") == ru
    assert format_date(date, "de") == value  # a language without a table: the date as written
