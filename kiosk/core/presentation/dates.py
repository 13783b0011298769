"""Dates as the exhibit writes them: as precise as they are known, in each language's own form."""

from __future__ import annotations

from kiosk.core.content.model import (
    PartialDate,
)

_MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "ru": [
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ],
}
_MONTHS_GENITIVE_RU = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]
_MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "ru": ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."],
}
NBSP = "\u00a0"


def format_date(value: PartialDate, language: str) -> str:
    """A date as precise as it is known, written out in full: "December 25, 1922" / «25 декабря 1922 г.»."""
    year, month, day = value.sort_key
    if language == "ru":
        if value.precision == "day":
            return f"{day}{NBSP}{_MONTHS_GENITIVE_RU[month - 1]} {year}{NBSP}г."
        if value.precision == "month":
            return f"{_MONTHS['ru'][month - 1].capitalize()} {year}{NBSP}г."
        return f"{year}{NBSP}г."
    if language != "en":
        return value.root
    if value.precision == "day":
        return f"{_MONTHS['en'][month - 1]} {day}, {year}"
    if value.precision == "month":
        return f"{_MONTHS['en'][month - 1]} {year}"
    return str(year)


def month_label(month: int, language: str) -> str:
    return _MONTHS_SHORT.get(language, _MONTHS_SHORT["en"])[month - 1]
