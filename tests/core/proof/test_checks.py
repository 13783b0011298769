"""The proof's rules on rendered pixels (kiosk.core.proof.checks), shared by kiosk proof and kiosk self-test."""

from __future__ import annotations

from PIL import Image, ImageDraw

from kiosk.core.proof.checks import blank_reason


def test_a_frame_of_one_colour_is_blank_and_says_which() -> None:
    assert blank_reason(Image.new("RGB", (240, 135), (0x1B, 0x1A, 0x17))) == "blank: 100.0% of the frame is #1b1a17"
    assert blank_reason(Image.new("RGB", (0, 0))) == "nothing was rendered (empty frame)"


def test_a_frame_with_something_drawn_is_not_blank() -> None:
    frame = Image.new("RGB", (240, 135), (0x1B, 0x1A, 0x17))
    ImageDraw.Draw(frame).rectangle((20, 100, 220, 110), fill=(0x7E, 0x1A, 0x1F))
    assert blank_reason(frame) is None
