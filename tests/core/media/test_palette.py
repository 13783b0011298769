"""The palette is written once for Python (kiosk/core/media/palette.py) and once for QML (Theme.qml)."""

from __future__ import annotations

import re
from pathlib import Path

import kiosk
from kiosk.core.media.palette import PALETTE

KIOSK = Path(kiosk.__file__).parent
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
# readonly property color paperDark: highContrast ? "#FFFFFF" : "#E2D5B8"
THEME_COLOUR = re.compile(r'property\s+color\s+(\w+)\s*:\s*highContrast\s*\?\s*"(#\w+)"\s*:\s*"(#\w+)"')


def test_no_other_python_module_repeats_a_palette_colour() -> None:
    hexes = {value.upper() for value in PALETTE.values()}
    for path in KIOSK.rglob("*.py"):
        if path.name == "palette.py":
            continue
        found = {h.upper() for h in HEX.findall(path.read_text(encoding="utf-8"))}
        assert not (found & hexes), f"{path.relative_to(KIOSK)} repeats palette colours {found & hexes}"


def test_the_qml_theme_gives_each_palette_colour_the_same_value() -> None:
    theme = {name: normal.upper() for name, _high, normal in
             THEME_COLOUR.findall((KIOSK / "qml" / "Theme.qml").read_text(encoding="utf-8"))}
    in_qml = {name: theme.get(re.sub(r"-(\w)", lambda m: m.group(1).upper(), name)) for name in PALETTE}

    assert in_qml == {name: value.upper() for name, value in PALETTE.items()}
