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
the file, the key and, where it can be found, the line.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk import paths
from kiosk.core.content.model import LANGUAGE_PATTERN
from kiosk.core.visit import keypad
from kiosk.core.visit.pin import parse_pin_hash
from kiosk.core.visit.reach import REACH_HIGH_MM

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


class _Section(BaseModel):
    # A misspelt key must be an error, not a setting silently ignored; and TOML values carry their type, so
    # "90" where a number belongs is a mistake, not something to coerce.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# TOML has no path type: paths are strings.
ConfigPath = Annotated[Path, Field(strict=False)]
PositiveFloat = Annotated[float, Field(gt=0)]
PositiveInt = Annotated[int, Field(gt=0)]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
Renderer = Literal["auto", "opengl", "software"]


def _language_code(code: str) -> str:
    # The same codes as the content uses, with a message a technician understands (not the pattern).
    if not re.fullmatch(LANGUAGE_PATTERN, code):
        raise ValueError(f"expected a language code such as en or ru, not {code!r}")
    return code


LanguageCode = Annotated[str, AfterValidator(_language_code)]


def _kiosk_name(name: str) -> str:
    # One line in a fleet's table and a column header in a report: short, printable, no surrounding spaces.
    if not name or name != name.strip() or len(name) > 64 or not name.isprintable():
        raise ValueError(f"expected a short name on one line (1 to 64 characters), not {name!r}")
    return name


class KioskSection(_Section):
    name: Annotated[str, AfterValidator(_kiosk_name)] | None = None


class ContentSection(_Section):
    dir: ConfigPath | None = None


class DisplaySection(_Section):
    default_language: LanguageCode = "en"
    diagonal_inches: PositiveFloat | None = None
    dpi: PositiveFloat | None = None
    min_touch_target_mm: PositiveFloat = 15.0
    renderer: Renderer = "auto"
    # Low reach (kiosk.core.visit.reach): without a mounting height it uses the lower half of the screen.
    mounting_height_mm: Annotated[float, Field(ge=0, le=3000)] | None = None
    low_reach: bool = False

    @field_validator("low_reach")
    @classmethod
    def _reachable(cls, low_reach: bool, info: ValidationInfo) -> bool:
        mounting = info.data.get("mounting_height_mm")
        if low_reach and mounting is not None and mounting >= REACH_HIGH_MM:
            raise ValueError(
                f"the screen's bottom edge ({mounting:g} mm) is above a seated visitor's reach "
                f"({REACH_HIGH_MM:g} mm): low reach has nothing to show; mount it lower or leave low_reach out"
            )
        return low_reach

    @field_validator("dpi")
    @classmethod
    def _not_with_diagonal(cls, dpi: float | None, info: ValidationInfo) -> float | None:
        if dpi is not None and info.data.get("diagonal_inches") is not None:
            raise ValueError("give diagonal_inches or dpi, not both")
        return dpi


class IdleSection(_Section):
    timeout_seconds: PositiveInt = 90
    document_timeout_seconds: PositiveInt = 180
    # Less is too short for a visitor to notice the countdown and touch the screen.
    warning_seconds: Annotated[int, Field(ge=20)] = 30


class StaffSection(_Section):
    pin_hash: str | None = None

    @field_validator("pin_hash")
    @classmethod
    def _well_formed(cls, pin_hash: str | None) -> str | None:
        if pin_hash is not None:
            parse_pin_hash(pin_hash)
        return pin_hash


class LoggingSection(_Section):
    dir: ConfigPath | None = None
    level: LogLevel = "INFO"


class AnalyticsSection(_Section):
    enabled: bool = True
    retention_days: PositiveInt = 365


def _key_names(names: list[str]) -> list[str]:
    for name in names:
        keypad.qt_key_name(name)
    return names


KeyNames = Annotated[list[str], AfterValidator(_key_names)]


class KeypadSection(_Section):
    """Which keys of the keypad do what; an action not given keeps its default keys."""

    up: KeyNames = list(keypad.DEFAULT_KEYS["up"])
    down: KeyNames = list(keypad.DEFAULT_KEYS["down"])
    left: KeyNames = list(keypad.DEFAULT_KEYS["left"])
    right: KeyNames = list(keypad.DEFAULT_KEYS["right"])
    select: KeyNames = list(keypad.DEFAULT_KEYS["select"])
    back: KeyNames = list(keypad.DEFAULT_KEYS["back"])
    play_pause: KeyNames = list(keypad.DEFAULT_KEYS["play_pause"])
    volume_up: KeyNames = list(keypad.DEFAULT_KEYS["volume_up"])
    volume_down: KeyNames = list(keypad.DEFAULT_KEYS["volume_down"])
    repeat: KeyNames = list(keypad.DEFAULT_KEYS["repeat"])

    @model_validator(mode="after")
    def _one_action_a_key(self) -> KeypadSection:
        keypad.check_key_map(self.keys())
        return self

    def keys(self) -> dict[str, tuple[str, ...]]:
        return {action: tuple(getattr(self, action)) for action in keypad.ACTIONS}


class KioskConfig(_Section):
    """The contents of ``kiosk.toml``."""

    kiosk: KioskSection = Field(default_factory=KioskSection)
    content: ContentSection = Field(default_factory=ContentSection)
    display: DisplaySection = Field(default_factory=DisplaySection)
    idle: IdleSection = Field(default_factory=IdleSection)
    staff: StaffSection = Field(default_factory=StaffSection)
    logging: LoggingSection = Field(default_factory=LoggingSection)
    analytics: AnalyticsSection = Field(default_factory=AnalyticsSection)
    keypad: KeypadSection = Field(default_factory=KeypadSection)


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


def _model_at(loc: tuple[str, ...]) -> type[BaseModel]:
    model: type[BaseModel] = KioskConfig
    for part in loc:
        section = model.model_fields[part].annotation
        if not (isinstance(section, type) and issubclass(section, BaseModel)):
            raise TypeError(f"{part!r} of {'.'.join(loc)} is a key, not a section of kiosk.toml")
        model = section
    return model


def _issue(error: Any, file: str, text: str) -> ConfigIssue:
    loc = tuple(str(part) for part in error["loc"])
    key = ".".join(loc)
    if error["type"] == "extra_forbidden":
        known = list(_model_at(loc[:-1]).model_fields)
        close = difflib.get_close_matches(loc[-1], known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(known)}"
        message = f"unknown {'section' if len(loc) == 1 else 'key'}; {hint}"
    elif error["type"] == "model_type":
        message = f"must be a table ([{key}]), not {error['input']!r}"
    else:
        # Our own checks (value_error) word their message fully; pydantic's built-in ones do not show the value.
        message = (
            error["msg"].removeprefix("Value error, ")
            if error["type"] == "value_error"
            else f"{error['msg']} (got {error['input']!r})"
        )
    # A key given inline (display = { dpi = 1 }) has no line of its own: fall back to its section's line.
    line = _line_of(text, key) or _line_of(text, loc[0])
    return ConfigIssue(file, key, message, line)


def load_config(path: Path) -> KioskConfig:
    """Read and check one ``kiosk.toml``. Relative paths in it are made relative to its folder."""
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
    try:
        config = KioskConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError([_issue(error, file, text) for error in exc.errors()]) from None

    base = path.parent
    return config.model_copy(
        update={
            "content": _with_dir(config.content, base),
            "logging": _with_dir(config.logging, base),
        }
    )


def _with_dir(section: ContentSection | LoggingSection, base: Path) -> Any:
    if section.dir is None:
        return section
    # model_copy keeps model_fields_set, which tells later whether the file gave the key.
    return section.model_copy(update={"dir": base / section.dir.expanduser()})


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
    config = load_config(config_file) if config_file else KioskConfig()
    sources: dict[str, Source] = {"config_file": config_source}

    def pick(name: str, default: Any, *candidates: tuple[Source, Any]) -> Any:
        for source, value in candidates:
            if value is not None:
                sources[name] = source
                return value
        sources[name] = Source.DEFAULT
        return default

    def from_file(section: str, key: str) -> tuple[Source, Any]:
        model = getattr(config, section)
        return Source.CONFIG_FILE, getattr(model, key) if key in model.model_fields_set else None

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
    sources["keypad"] = Source.CONFIG_FILE if "keypad" in config.model_fields_set else Source.DEFAULT
    return Settings(config_file=config_file, sources=sources, **values)
