"""kiosk.toml's low reach settings: [display] mounting_height_mm and low_reach, resolved and checked."""

from __future__ import annotations

import pytest

from kiosk.core.ops.config import ConfigError, load_config


def config(tmp_path, body: str):
    path = tmp_path / "kiosk.toml"
    path.write_text("[display]\n" + body, encoding="utf-8")
    return load_config(path).display


def test_mounting_height_and_default_mode(tmp_path) -> None:
    display = config(tmp_path, "mounting_height_mm = 700\nlow_reach = true\n")
    assert (display.mounting_height_mm, display.low_reach) == (700.0, True)
    assert (config(tmp_path, "").mounting_height_mm, config(tmp_path, "").low_reach) == (None, False)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("mounting_height_mm = -1\n", "display.mounting_height_mm: must be from 0 to 3000, not -1"),
        (
            'mounting_height_mm = "700"\n',
            "display.mounting_height_mm: expected a number, not the text '700'; leave out the quotes",
        ),
        ("mounting_height_mm = 3000.5\n", "display.mounting_height_mm: must be from 0 to 3000, not 3000.5"),
        ("low_reach = 1\n", "display.low_reach: expected true or false, not 1"),
        ("mounting_height_mm = 1300\nlow_reach = true\n", "is above a seated visitor's reach (1220 mm)"),
    ],
)
def test_mistakes_name_the_key_and_the_line(tmp_path, body: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config(tmp_path, body)
    assert message in str(raised.value)
    assert f"kiosk.toml:{body.count(chr(10)) + 1}:" in str(raised.value)
