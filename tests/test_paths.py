"""Where things are, from a source tree and from a frozen PyInstaller onedir build (sys.frozen, sys._MEIPASS)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import launcher, paths
from kiosk.core.ops.config import CliOverrides, Locations, Source, resolve_settings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch) -> Path:
    """A fake install: <tmp>/testament-kiosk/{testament-kiosk, _internal/}; returns the install folder."""
    install = tmp_path / "testament-kiosk"
    internal = install / "_internal"
    (internal / "content").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(install / "testament-kiosk"))
    return install


def test_source_tree_paths() -> None:
    assert not paths.is_frozen()
    assert paths.bundle_root() == REPO
    assert paths.executable_dir() == REPO
    assert paths.bundled_content_dir() == REPO / "content"
    assert paths.generated_media_dir() == REPO / "media" / "generated"
    assert paths.qml_import_dir() == REPO
    assert (paths.qml_import_dir() / "kiosk" / "qml" / "qmldir").is_file()
    assert not paths.is_debug_build()


def test_frozen_paths(frozen: Path) -> None:
    internal = frozen / "_internal"
    assert paths.is_frozen()
    assert paths.bundle_root() == internal
    assert paths.executable_dir() == frozen
    assert paths.bundled_content_dir() == internal / "content"
    assert paths.content_beside_executable() == frozen / "content"
    assert paths.config_beside_executable() == frozen / "kiosk.toml"
    assert paths.media_dir() == internal / "media"
    assert paths.qml_import_dir() == internal  # kiosk/qml is bundled as data at <_MEIPASS>/kiosk/qml
    assert paths.fonts_dirs()[0] == internal / "media" / "fonts"  # the bundled fonts come first


def test_sys_frozen_without_meipass_is_not_a_pyinstaller_build(monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert not paths.is_frozen()
    assert paths.bundle_root() == REPO


def test_debug_build_is_known_by_its_executable_name(frozen: Path, monkeypatch) -> None:
    assert not paths.is_debug_build()
    monkeypatch.setattr(sys, "executable", str(frozen / "testament-kiosk-debug"))
    assert paths.is_debug_build()
    monkeypatch.setattr(sys, "executable", str(frozen / "testament-kiosk-debug.exe"))
    assert paths.is_debug_build()


def test_writable_places_are_per_user_and_outside_the_bundle(frozen: Path) -> None:
    for place in (paths.user_data_dir(), paths.user_log_dir(), paths.user_config_file(), paths.last_good_content_dir()):
        assert frozen not in place.parents
    assert paths.last_good_content_dir().parent == paths.user_data_dir()


def test_frozen_settings_prefer_content_and_config_beside_the_executable(frozen: Path, tmp_path: Path) -> None:
    locations = Locations.of_this_install()
    environ: dict[str, str] = {}
    # nothing beside the executable: the bundled default
    settings = resolve_settings(CliOverrides(), environ, locations)
    assert settings.content_dir == frozen / "_internal" / "content"
    assert settings.sources["content_dir"] is Source.DEFAULT
    # a content folder and a kiosk.toml put beside the executable by whoever installed the kiosk
    (frozen / "content").mkdir()
    (frozen / "kiosk.toml").write_text('[logging]\nlevel = "DEBUG"\n', encoding="utf-8")
    settings = resolve_settings(CliOverrides(), environ, Locations.of_this_install())
    assert settings.content_dir == frozen / "content"
    assert settings.sources["content_dir"] is Source.BESIDE_EXECUTABLE
    assert settings.config_file == frozen / "kiosk.toml"
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["run"]),
        (["--windowed"], ["run", "--windowed"]),
        (["--windowed", "800x600", "--language", "ru"], ["run", "--windowed", "800x600", "--language", "ru"]),
        (["--self-test"], ["self-test"]),
        (["--self-test", "--offscreen"], ["self-test", "--offscreen"]),
        (["--version"], ["--version"]),
        (["--help"], ["--help"]),
        (["validate", "/srv/content"], ["validate", "/srv/content"]),
        (["self-test"], ["self-test"]),
    ],
)
def test_installed_executable_runs_the_exhibit_by_default(argv, expected) -> None:
    assert launcher.frozen_argv(argv) == expected


def test_a_crash_in_the_installed_executable_is_logged_not_shown(tmp_path: Path, monkeypatch) -> None:
    import logging

    from kiosk import cli

    def boom(_argv):
        raise RuntimeError("the projector caught fire")

    import threading

    root = logging.getLogger()
    handlers = list(root.handlers)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(cli, "main", boom)
    monkeypatch.setattr(sys, "argv", ["testament-kiosk"])
    monkeypatch.setattr(paths, "user_log_dir", lambda: tmp_path / "log")
    monkeypatch.setattr(root, "handlers", [])
    try:
        assert launcher.main() == launcher.EXIT_CRASHED
        for handler in root.handlers:
            handler.flush()
        text = (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
        assert "RuntimeError: the projector caught fire" in text
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers = handlers
