"""QML compiled ahead of time and handed to Qt's disk cache (kiosk.qt.qmlcache). Whether Qt takes what it is handed
is seen by what it does with a file it refuses: it compiles the source again and writes the file anew."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.qt import qmlcache

OLD = 978_307_200  # 2001-01-01: a time no file Qt writes now has

# Loads each given QML file as the kiosk's engine would, with the kiosk's types registered, Qt's disk cache where
# QML_DISK_CACHE_PATH says.
LOAD = """
import sys
from pathlib import Path
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine
from kiosk.qt import qmlcache
qmlcache.register_kiosk_types()
app = QGuiApplication(["load", "-platform", "offscreen"])
engine = QQmlEngine()
engine.addImportPath(sys.argv[1])
for name in sys.argv[2:]:
    component = QQmlComponent(engine, QUrl.fromLocalFile(str(Path(sys.argv[1]) / name)))
    assert not component.isError(), component.errorString()
"""


def in_python(code: str, *args: str, cache: Path | None = None) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if cache is not None:
        env["QML_DISK_CACHE_PATH"] = str(cache)
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """The kiosk's QML compiled as the build compiles it (packaging/kiosk.spec), in a process of its own."""
    out = tmp_path_factory.mktemp("shipped")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.qt.qmlcache", str(paths.qml_import_dir()), str(out)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_every_qml_file_is_compiled_under_its_path_in_the_module(shipped: Path) -> None:
    import_dir = paths.qml_import_dir()
    sources = qmlcache.sources(import_dir)
    assert Path("kiosk/qml/Main.qml") in sources and Path("kiosk/qml/screens/AttractScreen.qml") in sources
    assert sorted(p.relative_to(shipped) for p in shipped.rglob("*.qmlc")) == [s.with_suffix(".qmlc") for s in sources]


def test_qt_takes_the_files_it_is_handed_and_compiles_again_one_it_cannot_use(
    shipped: Path, tmp_path: Path, monkeypatch
) -> None:
    cache = tmp_path / "qmlcache"
    monkeypatch.setenv("QML_DISK_CACHE_PATH", str(cache))
    import_dir = paths.qml_import_dir()
    assert qmlcache.seed(shipped, import_dir) == len(qmlcache.sources(import_dir))
    handed = sorted(cache.iterdir())
    damaged = cache / qmlcache.cached_name(import_dir / "kiosk/qml/Theme.qml")
    damaged.write_bytes(damaged.read_bytes()[:100])
    for path in handed:
        os.utime(path, (OLD, OLD))

    in_python(LOAD, str(import_dir), "kiosk/qml/Main.qml", "kiosk/qml/screens/AttractScreen.qml", cache=cache)

    assert sorted(cache.iterdir()) == handed  # the names are the ones Qt looks for: it added none of its own
    rewritten = {path.name for path in handed if path.stat().st_mtime != OLD}
    assert rewritten == {damaged.name}


def test_a_file_in_the_cache_is_never_replaced_and_trouble_only_means_compiling(
    shipped: Path, tmp_path: Path, monkeypatch
) -> None:
    import_dir = paths.qml_import_dir()
    cache = tmp_path / "qmlcache"
    monkeypatch.setenv("QML_DISK_CACHE_PATH", str(cache))
    cache.mkdir()
    own = cache / qmlcache.cached_name(import_dir / "kiosk/qml/Main.qml")
    own.write_bytes(b"what Qt wrote itself")
    assert qmlcache.seed(shipped, import_dir) == len(qmlcache.sources(import_dir)) - 1
    assert own.read_bytes() == b"what Qt wrote itself"
    assert qmlcache.seed(shipped, import_dir) == 0
    assert not list(cache.glob("*.partial"))
    # nothing compiled ahead (a checkout before its setup), or a cache that cannot be written
    assert qmlcache.seed(tmp_path / "never-compiled", import_dir) == 0
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("QML_DISK_CACHE_PATH", str(blocked / "qmlcache"))
    assert qmlcache.seed(shipped, import_dir) == 0


def test_a_checkouts_setup_compiles_the_qml_where_its_starts_look() -> None:
    """scripts/setup.sh (which the README's commands run) compiles the QML into the folder a checkout's kiosk hands
    to an empty cache, as the build does for the installed one."""
    shipped = paths.shipped_qml_cache()
    assert shipped == Path(__file__).resolve().parents[2] / "build" / "qmlcache"
    compiled = {path.relative_to(shipped) for path in shipped.rglob("*.qmlc")}
    expected = {source.with_suffix(".qmlc") for source in qmlcache.sources(paths.qml_import_dir())}
    assert expected <= compiled, f"not compiled (run scripts/setup.sh): {sorted(map(str, expected - compiled))}"
