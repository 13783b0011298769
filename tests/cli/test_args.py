"""The argument types every subcommand shares (kiosk/cli/args.py), and the commands that use them."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from kiosk.cli import build_parser
from kiosk.cli.args import date, language_list, screen_size, screen_sizes


def test_a_screen_size_is_width_x_height_and_at_least_320x240() -> None:
    assert screen_size("1920x1080") == (1920, 1080)
    assert screen_size(" 1080X1920 ") == (1080, 1920)
    for text in ("big", "1920", "1920x", "100x100"):
        with pytest.raises(argparse.ArgumentTypeError):
            screen_size(text)


def test_screen_sizes_are_comma_separated() -> None:
    assert screen_sizes("1920x1080, 1080x1920,") == [(1920, 1080), (1080, 1920)]
    for text in ("", " , ", "1920x1080,big"):
        with pytest.raises(argparse.ArgumentTypeError):
            screen_sizes(text)


def test_dates_and_languages() -> None:
    assert date("2026-12-06") == dt.date(2026, 12, 6)
    with pytest.raises(argparse.ArgumentTypeError):
        date("6 December")
    assert language_list("all") is None
    assert language_list("") is None
    assert language_list("en, ru") == ["en", "ru"]


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--windowed", "10x10"],
        ["self-test", "--size", "big"],
        ["bench", "--screen", "1920"],
        ["soak", "--screen", "x"],
        ["proof", "--out", "out", "--screens", "1920x1080,big"],
        ["report", "--out", "out", "--since", "yesterday"],
    ],
)
def test_every_command_rejects_a_bad_value_with_usage(argv, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(argv)
    assert exit_info.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_the_proof_takes_its_screens_and_languages_as_lists() -> None:
    args = build_parser().parse_args(["proof", "--out", "out", "--lang", "ru", "--screens", "1920x1080"])
    assert args.screens == [(1920, 1080)] and args.lang == ["ru"]
    args = build_parser().parse_args(["proof", "--out", "out"])
    assert args.screens == [(1920, 1080), (3840, 2160), (1080, 1920)] and args.lang is None
