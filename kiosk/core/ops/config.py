"""Deployment settings: where the content is, the screen, idle timeouts, the staff PIN, logs and analytics.

A kiosk may have a ``kiosk.toml``; every key is optional::

    [kiosk]
    name = "gallery-2-left"         # what ``kiosk status`` and a fleet report call it (default: the hostname)
    [content]
    dir = "/srv/kiosk/content"      # relative paths are relative to the folder of kiosk.toml
    [display]
    default_language = "en"
    diagonal_inches = 32.0          # or dpi = 68.8, not both: overrides what the screen reports
    min_touch_target_mm = 15.0
    renderer = "auto"               # or "opengl" / "software"; auto: software where OpenGL itself is software
    mounting_height_mm = 700        # the screen's bottom edge above the floor: where low reach lays the interface
    low_reach = false               # true: every visit starts in low reach (a visitor can still switch it off)
    [idle]
    timeout_seconds = 90            # back to the start screen after this long untouched
    document_timeout_seconds = 180  # the same while a document is open
    warning_seconds = 30            # the "still there?" countdown before going back (at least 20)
    [staff]
    pin_hash = "pbkdf2_sha256$200000$<salt hex>$<hash hex>"   # see kiosk.core.visit.pin
    [logging]
    dir = "/var/log/kiosk"
    level = "INFO"
    [analytics]
    enabled = true
    retention_days = 365
    [keypad]                        # the museum keypad (kiosk.core.visit.keypad); each action takes a list of keys
    up = ["Up"]                     # likewise down, left, right
    select = ["Return", "Enter", "Space"]
    back = ["Escape", "Backspace"]
    play_pause = ["P", "MediaPlay", "MediaPause", "MediaTogglePlayPause"]
    volume_up = ["+", "VolumeUp"]
    volume_down = ["-", "VolumeDown"]
    repeat = ["R"]

Which file is read: the ``--config`` flag, else ``KIOSK_CONFIG``, else ``kiosk.toml`` beside the executable,
else the user config file (``~/.config/testament-kiosk/kiosk.toml`` on Linux). Only the first is read; files
are not merged. A file named by the flag or the variable must exist; without any file every key has its
default.

Each setting is taken from the first of these that gives it:

1. a command-line flag (:class:`CliOverrides`, filled in by ``kiosk.cli``);
2. an environment variable: ``KIOSK_CONTENT_DIR``, ``KIOSK_LANGUAGE``, ``KIOSK_LOG_DIR``,
   ``KIOSK_ANALYTICS`` (``0`` or ``1``); an empty variable counts as unset;
3. the config file;
4. for the content only: a ``content/`` folder beside the executable, when there is one;
5. the default (for the content, the content bundled with the app; for logs, the user log folder).

:attr:`Settings.sources` records which of these gave each setting, for the log and for diagnostics.
Mistakes (unknown keys, wrong types, values out of range, TOML syntax) raise :class:`ConfigError`, which names
every mistake in the file at once, in the file's order, each with the key and, where it can be found, the
line::

    /etc/kiosk.toml:4: display.renderer: expected 'auto', 'opengl' or 'software', not the text 'gl'
    /etc/kiosk.toml:9: idle.timeout_seconds: expected a whole number, not the text '90'; leave out the quotes
    /etc/kiosk.toml:10: idle.warning_seconds: must be at least 20, not 10
    /etc/kiosk.toml:12: analytics.retnetion_days: unknown key; did you mean 'retention_days'?

Types are TOML's and strict: ``"90"`` is text, not a number, and ``1`` is not ``true``; a whole number is
taken where a fraction may be (``32`` for ``32.0``). The file is checked by the plain dataclasses below, not
pydantic: importing pydantic would cost the kiosk ~110 ms of CPU and ~19 MB at every start (issue 18).
"""

from __future__ import annotations

import difflib
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from kiosk import paths
from kiosk.core.content.model import LANGUAGE_PATTERN
from kiosk.core.visit import keypad
from kiosk.core.visit.pin import parse_pin_hash
from kiosk.core.visit.reach import REACH_HIGH_MM

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

# The sections below are plain frozen dataclasses: each field's annotation is the TOML type it takes, and its
# metadata (_rule) what else the value must be. _check_section reads both, so a new key is one line here.
# Types are strict: TOML values carry their type, so "90" where a number belongs is a mistake, not something
# to convert; only a whole number is taken where a number with a fraction may be (32 for 32.0).

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
Renderer = Literal["auto", "opengl", "software"]


@dataclass(frozen=True)
class _Rule:
    """What a key's value must be besides its type; ``check`` and ``each`` raise ValueError worded for a
    technician (``each`` checks every item of a list, and each wrong item is a mistake of its own)."""

    gt: float | None = None
    ge: float | None = None
    le: float | None = None
    check: Callable[[Any], object] | None = None
    each: Callable[[Any], object] | None = None


def _rule(
    *,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
    check: Callable[[Any], object] | None = None,
    each: Callable[[Any], object] | None = None,
) -> Mapping[str, _Rule]:
    return {"rule": _Rule(gt, ge, le, check, each)}


_POSITIVE = _rule(gt=0)
_KEY_NAMES = _rule(each=keypad.qt_key_name)


def _language_code(code: str) -> str:
    # The same codes as the content uses, with a message a technician understands (not the pattern).
    if not re.fullmatch(LANGUAGE_PATTERN, code):
        raise ValueError(f"expected a language code such as en or ru, not {code!r}")
    return code


def _kiosk_name(name: str) -> str:
    # One line in a fleet's table and a column header in a report: short, printable, no surrounding spaces.
    if not name or name != name.strip() or len(name) > 64 or not name.isprintable():
        raise ValueError(f"expected a short name on one line (1 to 64 characters), not {name!r}")
    return name


@dataclass(frozen=True)
class KioskSection:
    name: str | None = field(default=None, metadata=_rule(check=_kiosk_name))


@dataclass(frozen=True)
class ContentSection:
    dir: Path | None = None  # TOML has no path type: a string, relative to the folder of kiosk.toml


@dataclass(frozen=True)
class DisplaySection:
    default_language: str = field(default="en", metadata=_rule(check=_language_code))
    diagonal_inches: float | None = field(default=None, metadata=_POSITIVE)
    dpi: float | None = field(default=None, metadata=_POSITIVE)
    min_touch_target_mm: float = field(default=15.0, metadata=_POSITIVE)
    renderer: Renderer = "auto"
    # Low reach (kiosk.core.visit.reach): without a mounting height it uses the lower half of the screen.
    mounting_height_mm: float | None = field(default=None, metadata=_rule(ge=0, le=3000))
    low_reach: bool = False


@dataclass(frozen=True)
class IdleSection:
    timeout_seconds: int = field(default=90, metadata=_POSITIVE)
    document_timeout_seconds: int = field(default=180, metadata=_POSITIVE)
    # Less is too short for a visitor to notice the countdown and touch the screen.
    warning_seconds: int = field(default=30, metadata=_rule(ge=20))


@dataclass(frozen=True)
class StaffSection:
    pin_hash: str | None = field(default=None, metadata=_rule(check=parse_pin_hash))


@dataclass(frozen=True)
class LoggingSection:
    dir: Path | None = None  # as [content] dir
    level: LogLevel = "INFO"


@dataclass(frozen=True)
class AnalyticsSection:
    enabled: bool = True
    retention_days: int = field(default=365, metadata=_POSITIVE)


@dataclass(frozen=True)
class KeypadSection:
    """Which keys of the keypad do what; an action not given keeps its default keys."""

    up: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["up"]), metadata=_KEY_NAMES)
    down: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["down"]), metadata=_KEY_NAMES)
    left: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["left"]), metadata=_KEY_NAMES)
    right: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["right"]), metadata=_KEY_NAMES)
    select: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["select"]), metadata=_KEY_NAMES)
    back: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["back"]), metadata=_KEY_NAMES)
    play_pause: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["play_pause"]), metadata=_KEY_NAMES)
    volume_up: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["volume_up"]), metadata=_KEY_NAMES)
    volume_down: list[str] = field(
        default_factory=lambda: list(keypad.DEFAULT_KEYS["volume_down"]), metadata=_KEY_NAMES
    )
    repeat: list[str] = field(default_factory=lambda: list(keypad.DEFAULT_KEYS["repeat"]), metadata=_KEY_NAMES)

    def keys(self) -> dict[str, tuple[str, ...]]:
        return {action: tuple(getattr(self, action)) for action in keypad.ACTIONS}


@dataclass(frozen=True)
class KioskConfig:
    """The contents of ``kiosk.toml``."""

    kiosk: KioskSection = field(default_factory=KioskSection)
    content: ContentSection = field(default_factory=ContentSection)
    display: DisplaySection = field(default_factory=DisplaySection)
    idle: IdleSection = field(default_factory=IdleSection)
    staff: StaffSection = field(default_factory=StaffSection)
    logging: LoggingSection = field(default_factory=LoggingSection)
    analytics: AnalyticsSection = field(default_factory=AnalyticsSection)
    keypad: KeypadSection = field(default_factory=KeypadSection)


def _not_with_diagonal(diagonal_inches: float | None, dpi: float | None) -> None:
    if dpi is not None and diagonal_inches is not None:
        raise ValueError("give diagonal_inches or dpi, not both")


def _reachable(mounting_height_mm: float | None, low_reach: bool) -> None:
    if low_reach and mounting_height_mm is not None and mounting_height_mm >= REACH_HIGH_MM:
        raise ValueError(
            f"the screen's bottom edge ({mounting_height_mm:g} mm) is above a seated visitor's reach "
            f"({REACH_HIGH_MM:g} mm): low reach has nothing to show; mount it lower or leave low_reach out"
        )


def _one_action_a_key(**keys: Sequence[str]) -> None:
    keypad.check_key_map(keys)


@dataclass(frozen=True)
class _Together:
    """A check of keys of one section against each other, run when each of them is valid (or not given). A
    mistake is blamed on ``key``, or on the whole section when it is ""."""

    key: str
    reads: tuple[str, ...]
    check: Callable[..., None]


_TOGETHER: Mapping[type, tuple[_Together, ...]] = {
    DisplaySection: (
        _Together("dpi", ("diagonal_inches", "dpi"), _not_with_diagonal),
        _Together("low_reach", ("mounting_height_mm", "low_reach"), _reachable),
    ),
    KeypadSection: (_Together("", keypad.ACTIONS, _one_action_a_key),),
}


@dataclass(frozen=True)
class ConfigIssue:
    where: str  # the config file, "environment" or "command line"
    key: str  # "idle.warning_seconds", "KIOSK_ANALYTICS", "" for the whole file
    message: str
    line: int | None = None

    def format(self) -> str:
        place = self.where if self.line is None else f"{self.where}:{self.line}"
        return f"{place}: {self.key}: {self.message}" if self.key else f"{place}: {self.message}"


class ConfigError(Exception):
    """The settings cannot be used. Carries every mistake found, one per line in ``str()``."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        super().__init__("\n".join(issue.format() for issue in issues))
        self.issues = issues


_TOML_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^([A-Za-z0-9_.-]+)\s*=")


def _line_of(text: str, dotted_key: str) -> int | None:
    """The line where ``dotted_key`` is written: ``key =`` under its ``[section]``, or a dotted key, or for a
    section its header."""
    section = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if header := _HEADER.match(line):
            section = header.group(1)
            if section == dotted_key:
                return number
        elif key := _KEY.match(line):
            name = re.sub(r"\s*\.\s*", ".", key.group(1))
            if (f"{section}.{name}" if section else name) == dotted_key:
                return number
    return None


class _WrongValueError(Exception):
    """A value that a key cannot take: one message per mistake in it."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


def _shown(value: object) -> str:
    """What the technician wrote, in TOML's words."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"the list {value!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan (not a number)" if math.isnan(value) else f"{value} (infinity)"
    if isinstance(value, (int, float)):
        return repr(value)
    return f"the date or time {value}"


_EXPECTED = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text in quotes",
    Path: "a folder in quotes",
    list: 'a list of names in quotes, such as ["Return", "Space"]',
}


def _value_type(hint: Any) -> Any:
    """The type a key's annotation asks for, without the ``| None`` of a key whose default is ``None`` (TOML
    has no null, so a file cannot give None)."""
    if isinstance(hint, types.UnionType):
        [hint] = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return typing.get_origin(hint) or hint


def _typed(hint: Any, value: object, folder: Path) -> object:
    """``value`` as the key's annotation asks (a path made relative to ``folder``), or _WrongValueError."""
    kind = _value_type(hint)
    if kind is Literal:
        choices = typing.get_args(hint)
        if isinstance(value, str) and value in choices:
            return value
        same = [choice for choice in choices if isinstance(value, str) and choice.lower() == value.lower()]
        suggestion = f" (did you mean {same[0]!r}?)" if same else ""
        listed = f"{', '.join(map(repr, choices[:-1]))} or {choices[-1]!r}"
        raise _WrongValueError([f"expected {listed}, not {_shown(value)}{suggestion}"])
    # bool is a subclass of int in Python, but true is not a number in TOML
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if (kind is bool and isinstance(value, bool)) or (kind is str and isinstance(value, str)):
        return value
    if kind is int and number and isinstance(value, int):
        return value
    if kind is float and number and isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    if kind is Path and isinstance(value, str):
        return folder / Path(value).expanduser()
    if kind is list and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    unquote = "; leave out the quotes" if kind in (int, float) and isinstance(value, str) and _is_number(value) else ""
    raise _WrongValueError([f"expected {_EXPECTED[kind]}, not {_shown(value)}{unquote}"])


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _bounds(rule: _Rule) -> str:
    if rule.ge is not None and rule.le is not None:
        return f"from {rule.ge:g} to {rule.le:g}"
    limits = [(rule.gt, "greater than"), (rule.ge, "at least"), (rule.le, "at most")]
    return " and ".join(f"{words} {limit:g}" for limit, words in limits if limit is not None)


def _in_bounds(rule: _Rule, value: float) -> bool:
    # Each as "value <op> limit" so that a NaN, which compares false with everything, is out of bounds.
    return (
        (rule.gt is None or value > rule.gt)
        and (rule.ge is None or value >= rule.ge)
        and (rule.le is None or value <= rule.le)
    )


def _checked(hint: Any, rule: _Rule, value: object, folder: Path) -> object:
    """``value`` typed and checked as the key's annotation and rule say; _WrongValueError names every mistake."""
    typed = _typed(hint, value, folder)
    if isinstance(typed, (int, float)) and not isinstance(typed, bool) and not _in_bounds(rule, typed):
        raise _WrongValueError([f"must be {_bounds(rule)}, not {_shown(value)}"])
    checks = [(rule.check, typed)] if rule.check else []
    if rule.each:
        checks += [(rule.each, item) for item in typing.cast(list[object], typed)]
    messages = []
    for check, item in checks:
        try:
            check(item)
        except ValueError as exc:
            messages.append(str(exc))
    if messages:
        raise _WrongValueError(messages)
    return typed


def _unknown(name: str, known: Sequence[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"unknown {what}; " + (f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(known)}")


_Complaint = tuple[str, str]  # dotted key, message


def _check_section(cls: type, name: str, table: Mapping[str, object], folder: Path) -> tuple[Any, list[_Complaint]]:
    """The section ``cls`` built from its TOML table, and every mistake in the table; a wrong key keeps its
    default, so that the checks of keys together see only valid values."""
    hints = typing.get_type_hints(cls)
    known = [f.name for f in fields(cls)]
    values: dict[str, object] = {}
    wrong: set[str] = set()
    complaints: list[_Complaint] = []
    for f in fields(cls):
        if f.name in table:
            try:
                values[f.name] = _checked(hints[f.name], f.metadata.get("rule", _Rule()), table[f.name], folder)
            except _WrongValueError as exc:
                wrong.add(f.name)
                complaints += [(f"{name}.{f.name}", message) for message in exc.messages]
    complaints += [(f"{name}.{key}", _unknown(key, known, "key")) for key in table if key not in known]
    section = cls(**values)
    for together in _TOGETHER.get(cls, ()):
        if wrong.isdisjoint(together.reads):
            try:
                together.check(**{key: getattr(section, key) for key in together.reads})
            except ValueError as exc:
                complaints.append((f"{name}.{together.key}" if together.key else name, str(exc)))
    return section, complaints


def _check_config(data: Mapping[str, object], folder: Path) -> tuple[KioskConfig, list[_Complaint]]:
    hints = typing.get_type_hints(KioskConfig)
    known = [f.name for f in fields(KioskConfig)]
    sections: dict[str, Any] = {}
    complaints: list[_Complaint] = []
    for name in known:
        if name not in data:
            continue
        table = data[name]
        if isinstance(table, dict):
            sections[name], found = _check_section(hints[name], name, table, folder)
            complaints += found
        else:
            complaints.append((name, f"must be a table ([{name}]), not {_shown(table)}"))
    complaints += [(key, _unknown(key, known, "section")) for key in data if key not in known]
    return KioskConfig(**sections), complaints


def _given(data: Mapping[str, object]) -> frozenset[str]:
    """The sections and dotted keys the file gives, whatever their values."""
    return frozenset(data) | {
        f"{section}.{key}" for section, table in data.items() if isinstance(table, dict) for key in table
    }


def _read_config(path: Path) -> tuple[KioskConfig, frozenset[str]]:
    """:func:`load_config`, and which sections and keys the file gives (for :attr:`Settings.sources`)."""
    file = str(path)
    try:
        # utf-8-sig: Windows editors often start the file with a byte-order mark, which TOML does not allow.
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigIssue(file, "", f"cannot read the config file: {exc}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise ConfigError([ConfigIssue(file, "", f"not valid TOML: {exc}", line)]) from None
    config, complaints = _check_config(data, path.parent)
    if complaints:
        # A key given inline (display = { dpi = 1 }) has no line of its own: fall back to its section's line.
        issues = [
            ConfigIssue(file, key, message, _line_of(text, key) or _line_of(text, key.split(".")[0]))
            for key, message in complaints
        ]
        # in the order of the file, as a technician reads it
        issues.sort(key=lambda issue: (issue.line is None, issue.line or 0))
        raise ConfigError(issues)
    return config, _given(data)


def load_config(path: Path) -> KioskConfig:
    """Read and check one ``kiosk.toml``. Relative paths in it are made relative to its folder."""
    return _read_config(path)[0]


class Source(str, Enum):
    CLI = "command line"
    ENVIRONMENT = "environment"
    CONFIG_FILE = "config file"
    BESIDE_EXECUTABLE = "beside executable"
    USER_CONFIG = "user config"
    DEFAULT = "default"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class CliOverrides:
    """What the command line said; ``None`` where it said nothing."""

    config_file: Path | None = None
    content_dir: Path | None = None
    language: str | None = None
    log_dir: Path | None = None
    analytics: bool | None = None


@dataclass(frozen=True)
class Locations:
    """Where the resolver looks: :meth:`of_this_install` asks :mod:`kiosk.paths`; tests pass temp folders."""

    content_beside_executable: Path
    config_beside_executable: Path
    bundled_content_dir: Path
    user_config_file: Path
    default_log_dir: Path

    @classmethod
    def of_this_install(cls) -> Locations:
        return cls(
            content_beside_executable=paths.content_beside_executable(),
            config_beside_executable=paths.config_beside_executable(),
            bundled_content_dir=paths.bundled_content_dir(),
            user_config_file=paths.user_config_file(),
            default_log_dir=paths.user_log_dir(),
        )


@dataclass(frozen=True)
class Settings:
    """Every deployment setting, resolved. ``sources`` maps each field name to the :class:`Source` of it."""

    config_file: Path | None
    name: str | None  # [kiosk] name; kiosk.core.ops.status falls back to the hostname
    content_dir: Path
    language: str
    diagonal_inches: float | None
    dpi: float | None
    min_touch_target_mm: float
    renderer: str
    mounting_height_mm: float | None
    low_reach: bool
    idle_timeout_seconds: int
    document_timeout_seconds: int
    idle_warning_seconds: int
    pin_hash: str | None
    log_dir: Path
    log_level: str
    analytics_enabled: bool
    analytics_retention_days: int
    keypad: Mapping[str, tuple[str, ...]]  # action -> key names (kiosk.core.visit.keypad)
    sources: Mapping[str, Source]


# Settings that only the file sets: field name -> (section, key).
_FILE_ONLY = {
    "name": ("kiosk", "name"),
    "diagonal_inches": ("display", "diagonal_inches"),
    "dpi": ("display", "dpi"),
    "min_touch_target_mm": ("display", "min_touch_target_mm"),
    "renderer": ("display", "renderer"),
    "mounting_height_mm": ("display", "mounting_height_mm"),
    "low_reach": ("display", "low_reach"),
    "idle_timeout_seconds": ("idle", "timeout_seconds"),
    "document_timeout_seconds": ("idle", "document_timeout_seconds"),
    "idle_warning_seconds": ("idle", "warning_seconds"),
    "pin_hash": ("staff", "pin_hash"),
    "log_level": ("logging", "level"),
    "analytics_retention_days": ("analytics", "retention_days"),
}


def _env(environ: Mapping[str, str], name: str) -> str | None:
    return environ.get(name) or None


def _env_path(environ: Mapping[str, str], name: str) -> Path | None:
    value = _env(environ, name)
    return None if value is None else Path(value)


def _find_config_file(
    cli: CliOverrides, environ: Mapping[str, str], locations: Locations
) -> tuple[Path | None, Source]:
    candidates = [  # source, key that named it, path, must exist
        (Source.CLI, "--config", cli.config_file, True),
        (Source.ENVIRONMENT, "KIOSK_CONFIG", _env_path(environ, "KIOSK_CONFIG"), True),
        (Source.BESIDE_EXECUTABLE, "", locations.config_beside_executable, False),
        (Source.USER_CONFIG, "", locations.user_config_file, False),
    ]
    for source, key, path, required in candidates:
        if path is None:
            continue
        if path.is_file():
            return path, source
        if required:
            raise ConfigError([ConfigIssue(str(source), key, f"no such config file: {path}")])
    return None, Source.DEFAULT


def _check_overrides(cli: CliOverrides, environ: Mapping[str, str]) -> list[ConfigIssue]:
    issues = []
    for source, key, language in [
        (Source.CLI, "--language", cli.language),
        (Source.ENVIRONMENT, "KIOSK_LANGUAGE", _env(environ, "KIOSK_LANGUAGE")),
    ]:
        try:
            if language is not None:
                _language_code(language)
        except ValueError as exc:
            issues.append(ConfigIssue(str(source), key, str(exc)))
    analytics = _env(environ, "KIOSK_ANALYTICS")
    if analytics not in (None, "0", "1"):
        issues.append(ConfigIssue(str(Source.ENVIRONMENT), "KIOSK_ANALYTICS", f"expected 0 or 1, not {analytics!r}"))
    return issues


def resolve_settings(cli: CliOverrides, environ: Mapping[str, str], locations: Locations | None = None) -> Settings:
    """Combine command line, environment, config file and defaults as the module docstring describes."""
    locations = locations or Locations.of_this_install()
    if issues := _check_overrides(cli, environ):
        raise ConfigError(issues)
    config_file, config_source = _find_config_file(cli, environ, locations)
    config, given = _read_config(config_file) if config_file else (KioskConfig(), frozenset[str]())
    sources: dict[str, Source] = {"config_file": config_source}

    def pick(name: str, default: Any, *candidates: tuple[Source, Any]) -> Any:
        for source, value in candidates:
            if value is not None:
                sources[name] = source
                return value
        sources[name] = Source.DEFAULT
        return default

    def from_file(section: str, key: str) -> tuple[Source, Any]:
        given_here = f"{section}.{key}" in given
        return Source.CONFIG_FILE, getattr(getattr(config, section), key) if given_here else None

    beside = locations.content_beside_executable
    # In a source tree the folder "beside the executable" is the bundled content itself: call it the default.
    beside_is_distinct = beside.is_dir() and beside.resolve() != locations.bundled_content_dir.resolve()
    env_analytics = _env(environ, "KIOSK_ANALYTICS")
    values = {
        "content_dir": pick(
            "content_dir",
            locations.bundled_content_dir,
            (Source.CLI, cli.content_dir),
            (Source.ENVIRONMENT, _env_path(environ, "KIOSK_CONTENT_DIR")),
            from_file("content", "dir"),
            (Source.BESIDE_EXECUTABLE, beside if beside_is_distinct else None),
        ),
        "language": pick(
            "language",
            config.display.default_language,
            (Source.CLI, cli.language),
            (Source.ENVIRONMENT, _env(environ, "KIOSK_LANGUAGE")),
            from_file("display", "default_language"),
        ),
        "log_dir": pick(
            "log_dir",
            locations.default_log_dir,
            (Source.CLI, cli.log_dir),
            (Source.ENVIRONMENT, _env_path(environ, "KIOSK_LOG_DIR")),
            from_file("logging", "dir"),
        ),
        "analytics_enabled": pick(
            "analytics_enabled",
            config.analytics.enabled,
            (Source.CLI, cli.analytics),
            (Source.ENVIRONMENT, None if env_analytics is None else env_analytics == "1"),
            from_file("analytics", "enabled"),
        ),
    }
    for name, (section, key) in _FILE_ONLY.items():
        values[name] = pick(name, getattr(getattr(config, section), key), from_file(section, key))
    values["keypad"] = config.keypad.keys()
    sources["keypad"] = Source.CONFIG_FILE if "keypad" in given else Source.DEFAULT
    return Settings(config_file=config_file, sources=sources, **values)
