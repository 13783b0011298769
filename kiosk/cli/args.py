"""Argument types shared by the ``kiosk`` subcommands: a screen size (``WxH``), a list of them, a date, a list of
languages. Each raises ``argparse.ArgumentTypeError``, so argparse names the option and exits with usage (2).
"""

from __future__ import annotations

import argparse
import datetime as dt

MIN_SIZE = (320, 240)  # below this no screen of the exhibit lays out


def screen_size(text: str) -> tuple[int, int]:
    """``1920x1080`` → (1920, 1080)."""
    try:
        width, height = (int(v) for v in text.strip().lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {text!r}") from None
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        raise argparse.ArgumentTypeError(f"{text.strip()}: a screen is at least {MIN_SIZE[0]}x{MIN_SIZE[1]}")
    return width, height


def screen_sizes(text: str) -> list[tuple[int, int]]:
    """``1920x1080,1080x1920`` → [(1920, 1080), (1080, 1920)]; at least one."""
    sizes = [screen_size(part) for part in text.split(",") if part.strip()]
    if not sizes:
        raise argparse.ArgumentTypeError("no screen sizes given")
    return sizes


def date(text: str) -> dt.date:
    """``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def language_list(text: str) -> list[str] | None:
    """``en,ru`` → ["en", "ru"]; ``all`` (or nothing) → None, every language the exhibit has."""
    if text.strip().lower() in ("", "all"):
        return None
    return [code.strip() for code in text.split(",") if code.strip()]
