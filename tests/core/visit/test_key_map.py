"""The keypad's key map in kiosk.toml: defaults, a technician's keys, and mistakes named by their key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.ops.config import ConfigError, load_config
from kiosk.core.visit.keypad import ACTIONS, DEFAULT_KEYS, qt_key_name


def config_with(tmp_path: Path, section: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text("[keypad]\n" + section, encoding="utf-8")
    return path


def test_every_action_has_default_keys_and_a_kiosk_toml_without_the_section_keeps_them(tmp_path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[idle]\ntimeout_seconds = 60\n", encoding="utf-8")
    keys = load_config(path).keypad.keys()
    assert keys == {action: DEFAULT_KEYS[action] for action in ACTIONS}
    assert keys["select"] == ("Return", "Enter", "Space") and keys["back"] == ("Escape", "Backspace")


def test_a_technicians_keys_replace_an_actions_defaults_and_leave_the_others(tmp_path) -> None:
    path = config_with(tmp_path, 'select = ["F5"]\nvolume_up = ["volumeup", "*"]\nrepeat = []\n')
    keys = load_config(path).keypad.keys()
    assert keys["select"] == ("F5",)
    assert keys["volume_up"] == ("volumeup", "*")
    assert keys["repeat"] == ()
    assert keys["up"] == ("Up",)


def test_an_unknown_key_is_an_error_naming_the_action_the_key_and_the_line(tmp_path) -> None:
    path = config_with(tmp_path, 'up = ["Up"]\nselect = ["Retrun"]\n')
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == f"{path}:3: keypad.select: unknown key 'Retrun'; did you mean 'Return'?"


def test_one_key_for_two_actions_is_an_error_naming_the_key(tmp_path) -> None:
    path = config_with(tmp_path, 'repeat = ["Return"]\n')
    with pytest.raises(ConfigError, match=r"keypad: key 'Return' is given to both select and repeat"):
        load_config(path)


@pytest.mark.parametrize("value", ['"Return"', "[1]", '{ key = "R" }'])
def test_keys_are_a_list_of_names(tmp_path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"keypad\.select"):
        load_config(config_with(tmp_path, f"select = {value}\n"))


def test_an_unknown_action_is_named_with_the_known_ones(tmp_path) -> None:
    with pytest.raises(ConfigError, match=r"keypad\.play: unknown key; expected one of: up, down, .*, repeat"):
        load_config(config_with(tmp_path, 'play = ["P"]\n'))


def test_key_names_are_qts_in_any_case_and_symbols_by_their_qt_name() -> None:
    assert [qt_key_name(name) for name in ("up", "RETURN", "r", "+", "-", "f12", "mediaplay")] == [
        "Up", "Return", "R", "Plus", "Minus", "F12", "MediaPlay"]
    with pytest.raises(ValueError, match="unknown key 'Ctrl'"):
        qt_key_name("Ctrl")
