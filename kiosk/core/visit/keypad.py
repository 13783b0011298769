"""The museum keypad: about eight keys (arrows, select, back, play/pause, volume up and down, repeat) that
reach every function of the exhibit. A USB keypad is a keyboard, so its keys arrive as ordinary key events;
this module says which keys do what, and checks the names a technician writes in ``kiosk.toml``'s
``[keypad]`` section.

Key names are Qt's (``Qt.Key_<name>`` without the prefix, any case): ``Up``, ``Return``, ``Escape``,
``MediaTogglePlayPause``, ``VolumeUp``, a letter or digit (``R``, ``5``), ``F1`` to ``F35``, and the symbols
in :data:`SYMBOLS` (``+``, ``-`` ...). kiosk.qt.keypad turns them into key codes.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

# in the order the README and the section list them
ACTIONS = (
    "up", "down", "left", "right", "select", "back", "play_pause", "volume_up", "volume_down", "repeat",
)

DEFAULT_KEYS: Mapping[str, tuple[str, ...]] = {
    "up": ("Up",),
    "down": ("Down",),
    "left": ("Left",),
    "right": ("Right",),
    "select": ("Return", "Enter", "Space"),
    "back": ("Escape", "Backspace"),
    "play_pause": ("P", "MediaPlay", "MediaPause", "MediaTogglePlayPause"),
    "volume_up": ("+", "VolumeUp"),
    "volume_down": ("-", "VolumeDown"),
    "repeat": ("R",),
}

# symbols a keypad sends, by the name Qt gives their key
SYMBOLS: Mapping[str, str] = {
    "+": "Plus", "-": "Minus", "*": "Asterisk", "/": "Slash", "=": "Equal", ".": "Period", ",": "Comma",
    "#": "NumberSign",
}

_NAMED = (
    "Up", "Down", "Left", "Right", "Return", "Enter", "Space", "Escape", "Backspace", "Tab", "Delete", "Insert",
    "Home", "End", "PageUp", "PageDown", "Select", "Back", "Forward", "Play", "Stop",
    "MediaPlay", "MediaPause", "MediaTogglePlayPause", "MediaStop", "MediaNext", "MediaPrevious",
    "VolumeUp", "VolumeDown", "VolumeMute", "Plus", "Minus", "Asterisk", "Slash", "Equal", "Period", "Comma",
    "NumberSign",
)
_CANONICAL = {
    name.lower(): name
    for name in (
        *_NAMED,
        *(chr(c) for c in range(ord("A"), ord("Z") + 1)),
        *(str(d) for d in range(10)),
        *(f"F{n}" for n in range(1, 36)),
    )
}

KEY_NAMES = tuple(_CANONICAL.values())


def qt_key_name(name: str) -> str:
    """The Qt name of a key as written in kiosk.toml (``"+"`` -> ``"Plus"``, ``"return"`` -> ``"Return"``);
    ValueError with a suggestion when there is no such key."""
    if name in SYMBOLS:
        return SYMBOLS[name]
    canonical = _CANONICAL.get(name.lower())
    if canonical is None:
        close = difflib.get_close_matches(name.lower(), list(_CANONICAL), n=1)
        hint = f"; did you mean {_CANONICAL[close[0]]!r}?" if close else " (names are Qt's: Up, Return, R, +)"
        raise ValueError(f"unknown key {name!r}{hint}")
    return canonical


def check_key_map(keys: Mapping[str, Sequence[str]]) -> None:
    """ValueError naming the key when one key is given to two actions."""
    owner: dict[str, str] = {}
    for action in ACTIONS:
        for name in keys.get(action, ()):
            key = qt_key_name(name)
            if key in owner and owner[key] != action:
                raise ValueError(f"key {name!r} is given to both {owner[key]} and {action}")
            owner[key] = action
