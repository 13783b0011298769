from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.core.ops.config import (
    CliOverrides,
    ConfigError,
    KioskConfig,
    Locations,
    Source,
    load_config,
    resolve_settings,
)
from kiosk.core.visit.pin import hash_pin

FULL_EXAMPLE = """\
[kiosk]
name = "gallery-2-left"
[content]
dir = "/srv/kiosk/content"
[display]
default_language = "ru"
diagonal_inches = 32.0
min_touch_target_mm = 12.5
renderer = "software"
mounting_height_mm = 700
low_reach = true
[idle]
timeout_seconds = 60
document_timeout_seconds = 240
warning_seconds = 20
[staff]
pin_hash = "{pin_hash}"
[logging]
dir = "/var/log/kiosk"
level = "DEBUG"
[analytics]
enabled = false
retention_days = 30
[keypad]
select = ["F5"]
"""


@pytest.fixture
def where(tmp_path: Path) -> Locations:
    bundled = tmp_path / "bundle" / "content"
    bundled.mkdir(parents=True)
    install = tmp_path / "install"
    install.mkdir()
    return Locations(
        content_beside_executable=install / "content",
        config_beside_executable=install / "kiosk.toml",
        bundled_content_dir=bundled,
        user_config_file=tmp_path / "user" / "kiosk.toml",
        default_log_dir=tmp_path / "logs",
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_without_any_config_every_setting_is_its_default(where: Locations) -> None:
    settings = resolve_settings(CliOverrides(), {}, where)

    assert settings.config_file is None
    assert settings.content_dir == where.bundled_content_dir
    assert settings.log_dir == where.default_log_dir
    assert (settings.language, settings.log_level, settings.analytics_enabled) == ("en", "INFO", True)
    assert (settings.idle_timeout_seconds, settings.document_timeout_seconds) == (90, 180)
    assert settings.idle_warning_seconds == 30
    assert settings.diagonal_inches is settings.dpi is settings.pin_hash is None
    assert settings.min_touch_target_mm == 15.0
    assert settings.analytics_retention_days == 365
    assert set(settings.sources.values()) == {Source.DEFAULT}


def test_every_setting_comes_from_the_file_when_it_gives_it(where: Locations) -> None:
    pin_hash = hash_pin("2468", iterations=1000)
    write(where.config_beside_executable, FULL_EXAMPLE.format(pin_hash=pin_hash))

    settings = resolve_settings(CliOverrides(), {}, where)

    assert settings.config_file == where.config_beside_executable
    assert settings.sources["config_file"] == "beside executable"
    assert settings.name == "gallery-2-left"
    assert settings.content_dir == Path("/srv/kiosk/content")
    assert settings.log_dir == Path("/var/log/kiosk")
    assert settings.language == "ru"
    assert (settings.diagonal_inches, settings.dpi, settings.min_touch_target_mm) == (32.0, None, 12.5)
    assert settings.renderer == "software"
    assert (settings.mounting_height_mm, settings.low_reach) == (700.0, True)
    assert (settings.idle_timeout_seconds, settings.document_timeout_seconds) == (60, 240)
    assert settings.idle_warning_seconds == 20
    assert settings.pin_hash == pin_hash
    assert (settings.log_level, settings.analytics_enabled, settings.analytics_retention_days) == ("DEBUG", False, 30)
    assert settings.keypad["select"] == ("F5",) and settings.keypad["back"] == ("Escape", "Backspace")
    file_given = {name for name, source in settings.sources.items() if source == Source.CONFIG_FILE}
    assert file_given == set(settings.sources) - {"config_file", "dpi"}
    assert settings.sources["dpi"] == Source.DEFAULT


def test_relative_paths_in_the_file_are_relative_to_the_file(where: Locations) -> None:
    write(where.config_beside_executable, '[content]\ndir = "exhibit"\n[logging]\ndir = "../logs"\n')

    settings = resolve_settings(CliOverrides(), {}, where)

    folder = where.config_beside_executable.parent
    assert settings.content_dir == folder / "exhibit"
    assert settings.log_dir == folder / "../logs"


def test_content_dir_resolution_order(where: Locations, tmp_path: Path) -> None:
    def resolved(cli: CliOverrides, environ: dict[str, str]) -> tuple[Path, str]:
        settings = resolve_settings(cli, environ, where)
        return settings.content_dir, settings.sources["content_dir"]

    assert resolved(CliOverrides(), {}) == (where.bundled_content_dir, "default")
    where.content_beside_executable.mkdir()
    assert resolved(CliOverrides(), {}) == (where.content_beside_executable, "beside executable")
    write(where.config_beside_executable, f'[content]\ndir = "{tmp_path / "from-file"}"\n')
    assert resolved(CliOverrides(), {}) == (tmp_path / "from-file", "config file")
    environ = {"KIOSK_CONTENT_DIR": str(tmp_path / "from-env")}
    assert resolved(CliOverrides(), environ) == (tmp_path / "from-env", "environment")
    cli = CliOverrides(content_dir=tmp_path / "from-cli")
    assert resolved(cli, environ) == (tmp_path / "from-cli", "command line")


def test_in_a_source_tree_the_content_beside_the_executable_is_the_bundled_default(where: Locations) -> None:
    source_tree = Locations(
        content_beside_executable=where.bundled_content_dir,
        config_beside_executable=where.config_beside_executable,
        bundled_content_dir=where.bundled_content_dir,
        user_config_file=where.user_config_file,
        default_log_dir=where.default_log_dir,
    )

    settings = resolve_settings(CliOverrides(), {}, source_tree)

    assert (settings.content_dir, settings.sources["content_dir"]) == (where.bundled_content_dir, "default")


LAYERED_ENVIRON = {"KIOSK_LANGUAGE": "de", "KIOSK_LOG_DIR": "/env", "KIOSK_ANALYTICS": "0"}


@pytest.mark.parametrize(
    ("cli", "environ", "expected", "sources"),
    [
        (CliOverrides(), {}, ("ru", Path("/file"), True), (Source.CONFIG_FILE, Source.CONFIG_FILE, Source.DEFAULT)),
        (CliOverrides(), LAYERED_ENVIRON, ("de", Path("/env"), False), (Source.ENVIRONMENT,) * 3),
        (CliOverrides(language="fr", log_dir=Path("/cli"), analytics=True), LAYERED_ENVIRON,
         ("fr", Path("/cli"), True), (Source.CLI,) * 3),
    ],
    ids=["file", "environment over file", "command line over environment"],
)
def test_language_log_dir_and_analytics_resolution_order(
    where: Locations, cli: CliOverrides, environ: dict[str, str], expected: tuple, sources: tuple
) -> None:
    write(where.user_config_file, '[display]\ndefault_language = "ru"\n[logging]\ndir = "/file"\n')

    settings = resolve_settings(cli, environ, where)

    assert settings.sources["config_file"] == "user config"
    assert (settings.language, settings.log_dir, settings.analytics_enabled) == expected
    assert tuple(settings.sources[k] for k in ("language", "log_dir", "analytics_enabled")) == sources


def test_empty_environment_variables_count_as_unset(where: Locations) -> None:
    environ = dict.fromkeys(["KIOSK_CONTENT_DIR", "KIOSK_LANGUAGE", "KIOSK_CONFIG", "KIOSK_ANALYTICS"], "")

    settings = resolve_settings(CliOverrides(), environ, where)

    assert set(settings.sources.values()) == {Source.DEFAULT}


def test_config_file_lookup_order(where: Locations, tmp_path: Path) -> None:
    flag_file = write(tmp_path / "flag.toml", "")
    env_file = write(tmp_path / "env.toml", "")
    write(where.config_beside_executable, "")
    write(where.user_config_file, "")

    def found(cli: CliOverrides, environ: dict[str, str]) -> tuple[Path | None, str]:
        settings = resolve_settings(cli, environ, where)
        return settings.config_file, settings.sources["config_file"]

    environ = {"KIOSK_CONFIG": str(env_file)}
    assert found(CliOverrides(config_file=flag_file), environ) == (flag_file, "command line")
    assert found(CliOverrides(), environ) == (env_file, "environment")
    assert found(CliOverrides(), {}) == (where.config_beside_executable, "beside executable")
    where.config_beside_executable.unlink()
    assert found(CliOverrides(), {}) == (where.user_config_file, "user config")


@pytest.mark.parametrize(
    ("named_by_flag", "expected"),
    [
        (True, r"command line: --config: no such config file: .*nowhere\.toml"),
        (False, r"environment: KIOSK_CONFIG: no such config file: .*nowhere\.toml"),
    ],
    ids=["flag", "environment"],
)
def test_a_config_file_named_explicitly_must_exist(
    where: Locations, tmp_path: Path, named_by_flag: bool, expected: str
) -> None:
    missing = tmp_path / "nowhere.toml"
    cli = CliOverrides(config_file=missing) if named_by_flag else CliOverrides()
    environ = {} if named_by_flag else {"KIOSK_CONFIG": str(missing)}

    with pytest.raises(ConfigError, match=expected):
        resolve_settings(cli, environ, where)


@pytest.mark.parametrize(
    ("text", "key", "line", "message"),
    [
        ("[display]\n[screen]\nx = 1\n", "screen", 2, "unknown section"),
        ("[kiosk]\nnaem = 'a'\n", "kiosk.naem", 2, "did you mean 'name'?"),
        ('[kiosk]\nname = " left"\n', "kiosk.name", 2, "expected a short name on one line"),
        ("[idle]\ntimout_seconds = 5\n", "idle.timout_seconds", 2, "did you mean 'timeout_seconds'?"),
        ("[idle]\nzzz = 5\n", "idle.zzz", 2, "expected one of: timeout_seconds, document_timeout_seconds"),
        (
            '[idle]\ntimeout_seconds = "90"\n',
            "idle.timeout_seconds",
            2,
            "expected a whole number, not the text '90'; leave out the quotes",
        ),
        ("[idle]\ntimeout_seconds = 90.5\n", "idle.timeout_seconds", 2, "expected a whole number, not 90.5"),
        ("[idle]\ntimeout_seconds = true\n", "idle.timeout_seconds", 2, "expected a whole number, not true"),
        ("[analytics]\nenabled = 1\n", "analytics.enabled", 2, "expected true or false, not 1"),
        (
            "\n[idle]\n# note\ndocument_timeout_seconds = -5\n",
            "idle.document_timeout_seconds",
            4,
            "must be greater than 0, not -5",
        ),
        ("[idle]\nwarning_seconds = 10\n", "idle.warning_seconds", 2, "must be at least 20, not 10"),
        ("[display]\ndiagonal_inches = 32\ndpi = 68.8\n", "display.dpi", 3, "give diagonal_inches or dpi, not both"),
        (
            '[display]\ndefault_language = "English"\n',
            "display.default_language",
            2,
            "expected a language code such as en or ru",
        ),
        ('[staff]\npin_hash = "1234"\n', "staff.pin_hash", 2, "pbkdf2_sha256$<iterations>"),
        ('[staff]\npin_hash = "pbkdf2_sha256$200000$00ff$abcd"\n', "staff.pin_hash", 2, "must be 32 bytes"),
        ('[logging]\nlevel = "LOUD"\n', "logging.level", 2, "'DEBUG', 'INFO'"),
        ("content = 3\n", "content", 1, "must be a table ([content])"),
        ("display.dpi = -1\n", "display.dpi", 1, "greater than 0"),
        ("display = { dpi = -1 }\n", "display.dpi", 1, "greater than 0"),
        ("[displya]\n", "displya", 1, "unknown section; did you mean 'display'?"),
        ("[idle.timeout_seconds]\n", "idle.timeout_seconds", 1, "expected a whole number, not a table"),
        ("[kiosk]\nname = 5\n", "kiosk.name", 2, "expected text in quotes, not 5"),
        ("[content]\ndir = 3\n", "content.dir", 2, "expected a folder in quotes, not 3"),
        ("[display]\ndpi = true\n", "display.dpi", 2, "expected a number, not true"),
        ("[display]\ndiagonal_inches = inf\n", "display.diagonal_inches", 2, "expected a number, not inf (infinity)"),
        ("[display]\nmin_touch_target_mm = nan\n", "display.min_touch_target_mm", 2, "not nan (not a number)"),
        (
            '[display]\nrenderer = "gl"\n',
            "display.renderer",
            2,
            "expected 'auto', 'opengl' or 'software', not the text 'gl'",
        ),
        ('[logging]\nlevel = "info"\n', "logging.level", 2, "not the text 'info' (did you mean 'INFO'?)"),
    ],
)
def test_mistakes_in_the_file_name_file_line_and_key(
    where: Locations, text: str, key: str, line: int, message: str
) -> None:
    path = write(where.config_beside_executable, text)

    with pytest.raises(ConfigError) as caught:
        resolve_settings(CliOverrides(), {}, where)

    [issue] = caught.value.issues
    assert (issue.where, issue.key, issue.line) == (str(path), key, line)
    assert message in issue.message
    assert str(caught.value).startswith(f"{path}:{line}: {key}: ")


def test_every_mistake_in_the_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", "[idle]\ntimeout_seconds = 0\nwarning_seconds = 5\n[extra]\n")

    with pytest.raises(ConfigError) as caught:
        load_config(path)

    assert [(i.key, i.line) for i in caught.value.issues] == [
        ("idle.timeout_seconds", 2),
        ("idle.warning_seconds", 3),
        ("extra", 4),
    ]
    assert len(str(caught.value).splitlines()) == 3


def test_every_mistake_is_reported_once_in_the_order_of_the_file(tmp_path: Path) -> None:
    text = (
        "[display]\n"
        "diagonal_inches = 32\n"
        "dpi = 68.8\n"  # 3: not with diagonal_inches
        'renderer = "gl"\n'  # 4
        "mounting_height_mm = 5000\n"  # 5: out of range, so low_reach is not checked against it
        "low_reach = true\n"
        "[keypad]\n"
        'select = ["Retrun", "Foo"]\n'  # 8: two unknown keys, so no check of one key for two actions
        'repeat = ["Return"]\n'
        "[idle]\n"
        'warning_seconds = "20"\n'  # 11
        "[analytics]\n"
        "retnetion_days = 5\n"  # 13
        "[screen]\n"  # 14
    )
    path = write(tmp_path / "kiosk.toml", text)

    with pytest.raises(ConfigError) as caught:
        load_config(path)

    assert [(i.key, i.line, i.message) for i in caught.value.issues] == [
        ("display.dpi", 3, "give diagonal_inches or dpi, not both"),
        ("display.renderer", 4, "expected 'auto', 'opengl' or 'software', not the text 'gl'"),
        ("display.mounting_height_mm", 5, "must be from 0 to 3000, not 5000"),
        ("keypad.select", 8, "unknown key 'Retrun'; did you mean 'Return'?"),
        ("keypad.select", 8, "unknown key 'Foo' (names are Qt's: Up, Return, R, +)"),
        ("idle.warning_seconds", 11, "expected a whole number, not the text '20'; leave out the quotes"),
        ("analytics.retnetion_days", 13, "unknown key; did you mean 'retention_days'?"),
        ("screen", 14, "unknown section; expected one of: kiosk, content, display, idle, staff, logging, analytics, "
                       "keypad"),
    ]


def test_a_whole_number_is_taken_where_a_number_with_a_fraction_may_be(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", "[display]\ndiagonal_inches = 32\nmounting_height_mm = 700\n")

    display = load_config(path).display

    assert (display.diagonal_inches, display.mounting_height_mm) == (32.0, 700.0)
    assert isinstance(display.diagonal_inches, float) and isinstance(display.mounting_height_mm, float)


def test_a_key_the_file_gives_comes_from_the_file_even_with_its_default_value(where: Locations) -> None:
    write(where.config_beside_executable, "[analytics]\nenabled = true\n[idle]\ntimeout_seconds = 90\n")

    settings = resolve_settings(CliOverrides(), {}, where)

    assert (settings.analytics_enabled, settings.idle_timeout_seconds) == (True, 90)
    assert settings.sources["analytics_enabled"] == settings.sources["idle_timeout_seconds"] == Source.CONFIG_FILE
    assert settings.sources["document_timeout_seconds"] == settings.sources["keypad"] == Source.DEFAULT


def test_the_settings_read_from_the_file_cannot_be_changed(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "kiosk.toml", "[idle]\ntimeout_seconds = 45\n"))

    with pytest.raises(dataclasses.FrozenInstanceError):
        config.idle.timeout_seconds = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.idle = KioskConfig().idle  # type: ignore[misc]


def test_reading_kiosk_toml_does_not_import_pydantic(tmp_path: Path) -> None:
    """Importing pydantic costs ~110 ms of CPU and ~19 MB at every start (docs/performance.md)."""
    path = write(tmp_path / "kiosk.toml", FULL_EXAMPLE.format(pin_hash=hash_pin("2468", iterations=1000)))
    script = (
        "import sys; from pathlib import Path; from kiosk.core.ops.config import load_config; "
        "config = load_config(Path(sys.argv[1])); "
        "print(config.kiosk.name, config.keypad.select, sorted(m for m in sys.modules if 'pydantic' in m))"
    )

    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60, check=False
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "gallery-2-left ['F5'] []"


def test_toml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", "[idle]\ntimeout_seconds = \n")

    with pytest.raises(ConfigError, match=r"kiosk\.toml:2: not valid TOML: .*line 2") as caught:
        load_config(path)

    assert caught.value.issues[0].line == 2


def test_an_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"[idle]\n\xff\xfe = 1\n")

    with pytest.raises(ConfigError, match=r"kiosk\.toml: cannot read the config file"):
        load_config(path)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes("[idle]\ntimeout_seconds = 45\n".encode("utf-8-sig"))

    assert load_config(path).idle.timeout_seconds == 45


def test_an_empty_file_is_all_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path / "kiosk.toml", "")) == KioskConfig()


@pytest.mark.parametrize(
    ("cli", "environ", "expected"),
    [
        (CliOverrides(), {"KIOSK_ANALYTICS": "yes"}, "environment: KIOSK_ANALYTICS: expected 0 or 1, not 'yes'"),
        (CliOverrides(), {"KIOSK_LANGUAGE": "EN"}, "environment: KIOSK_LANGUAGE: expected a language code"),
        (CliOverrides(language="english"), {}, "command line: --language: expected a language code"),
    ],
)
def test_bad_overrides_are_config_errors(
    where: Locations, cli: CliOverrides, environ: dict[str, str], expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_settings(cli, environ, where)

    assert str(caught.value).startswith(expected)


def test_the_real_locations_come_from_kiosk_paths() -> None:
    here = Locations.of_this_install()

    assert here.bundled_content_dir == paths.bundled_content_dir()
    assert here.config_beside_executable == paths.executable_dir() / "kiosk.toml"
    assert here.user_config_file == paths.user_config_file()
