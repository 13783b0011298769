"""The one place that knows whether the app runs from a source tree or a frozen build, and where things live.

Everything else asks this module for locations instead of computing paths from ``__file__``.

Source tree (an editable install or ``python -m kiosk`` from a clone)::

    <repo>/kiosk/        the package (QML module in kiosk/qml)
    <repo>/content/      bundled default content
    <repo>/media/        generated art, icons and renditions (build outputs)

Frozen PyInstaller onedir build: the same names under ``sys._MEIPASS`` (read-only: never write there), and an
optional ``content/`` folder beside the executable that curators may edit::

    <install>/testament-kiosk            the kiosk (windowed)
    <install>/testament-kiosk-debug      the same program with a console, logging at DEBUG level
    <install>/_internal/                 sys._MEIPASS: kiosk/qml, content, media (generated, icons, fonts), Qt, Python
    <install>/content/, kiosk.toml       optional, put there by whoever installs the kiosk

Writable places are per user (platformdirs): the log folder, the user config file and the user data folder
that holds the last good copy of external content.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "testament-kiosk"
PACKAGE_DIR = Path(__file__).resolve().parent


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path:
    """Root of the read-only files shipped with the app (repo root in a source tree)."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return PACKAGE_DIR.parent


def executable_dir() -> Path:
    """Folder of the installed executable; in a source tree, the repo root."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return PACKAGE_DIR.parent


def kiosk_command() -> tuple[list[str], dict[str, str]]:
    """How to start this kiosk's command line afresh, and the environment to start it in: the installed
    executable, with PyInstaller's variable for starting it as a program of its own rather than a part of this
    one's start (what a one-file build needs; this one-folder build starts either way, checked); in a source tree,
    this interpreter's ``-m kiosk``."""
    environment = dict(os.environ)
    if is_frozen():
        environment["PYINSTALLER_RESET_ENVIRONMENT"] = "1"
        return [sys.executable], environment
    return [sys.executable, "-m", "kiosk"], environment


def is_debug_build() -> bool:
    """The frozen build's console twin (``testament-kiosk-debug``): logs to its console, at DEBUG level."""
    return is_frozen() and Path(sys.executable).stem.endswith("-debug")


def pyside_code_cache() -> Path:
    """PySide6's support modules compiled (kiosk/qt/__init__.py)."""
    return _code_cache("shibokensupport", PACKAGE_DIR / "qt")


def dataclass_code_cache() -> Path:
    """The methods :mod:`dataclasses` writes for the kiosk's classes, compiled (kiosk.core.ops.codecache)."""
    return _code_cache("dataclasses", PACKAGE_DIR)


def _code_cache(what: str, package: Path) -> Path:
    """A kiosk.core.ops.codecache file: beside ``package``'s own bytecode in a source tree, made by the build into the
    installed one."""
    name = f"{what}.{sys.implementation.cache_tag}.codecache"
    return bundle_root() / name if is_frozen() else package / "__pycache__" / name


def shipped_qml_cache() -> Path:
    """The QML compiled ahead (kiosk.qt.qmlcache): by the build into the installed one; by scripts/setup.sh into a
    checkout's build folder."""
    return bundle_root() / "qmlcache" if is_frozen() else bundle_root() / "build" / "qmlcache"


def bundled_content_dir() -> Path:
    return bundle_root() / "content"


def content_beside_executable() -> Path:
    return executable_dir() / "content"


def config_beside_executable() -> Path:
    """An optional ``kiosk.toml`` that the person installing a kiosk puts next to the executable."""
    return executable_dir() / "kiosk.toml"


def media_dir() -> Path:
    """Generated art and renditions shipped with (or built for) the app."""
    return bundle_root() / "media"


def content_media_roots(content_root: Path) -> tuple[Path, ...]:
    """Where a content folder's pictures are found: its own media folder first, then the app's."""
    return (Path(content_root) / "media", media_dir())


def generated_media_dir() -> Path:
    return media_dir() / "generated"


def narration_dir() -> Path:
    """The synthetic narration that ``kiosk media narrate`` speaks (kiosk.core.media.narration)."""
    return media_dir() / "narration"


def icons_dir() -> Path:
    """The icons' masks that ``kiosk media generate`` draws beside the generated art (kiosk.qt.icons)."""
    return media_dir() / "icons"


def qml_import_dir() -> Path:
    """The folder that holds the ``kiosk/qml`` module, to add to the QML engine's import path."""
    if is_frozen():
        return bundle_root()
    return PACKAGE_DIR.parent


def fonts_dirs() -> list[Path]:
    """Where the typefaces are looked for: bundled copy first, then the system's fonts-paratype package."""
    dirs = [media_dir() / "fonts"]
    extra = os.environ.get("KIOSK_FONTS_DIR")
    if extra:
        dirs.insert(0, Path(extra))
    dirs.append(Path("/usr/share/fonts/truetype/paratype"))
    return dirs


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def last_good_content_dir() -> Path:
    """Where the last external content that loaded cleanly is kept (see :mod:`kiosk.core.content.lastgood`)."""
    return user_data_dir() / "last-good-content"


def user_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def user_config_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "kiosk.toml"
