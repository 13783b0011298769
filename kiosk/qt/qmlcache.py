"""The kiosk's QML, compiled ahead, handed to Qt's disk cache at a start that finds it empty.

Qt compiles each QML file the first time it is loaded and keeps the result in its disk cache (``QML_DISK_CACHE_PATH``,
else ``<cache location>/qmlcache``), one file per source named by a SHA-1 of the source's absolute path. With the
cache empty, after an install or an update (a new release folder is a new path), the first start compiled Main
and the attract screen itself before its first frame (docs/performance.md).

The build (packaging/kiosk.spec) compiles every QML file of the bundle with :func:`compile_ahead`, in an engine
that knows the kiosk's own QML types as the running kiosk does, and ships the results in the bundle under their
path in the QML module; scripts/setup.sh does the same for a checkout, into build/qmlcache, so that the first start
after a setup finds them too (``python -m kiosk.qt.qmlcache``, both: setup with no arguments, where
:func:`kiosk.paths.shipped_qml_cache` says a checkout's start looks). A file edited since is one
Qt compiles again. At a start, :func:`seed` copies each one to the name Qt will look for at the bundle's
path, unless a file is there already. Qt checks what it finds as it checks its own files: the Qt version, the
source file's time stamp (the install keeps it: ``cp -a``, tar) and the types the file uses; a file that fails
is compiled again and replaced, as an empty cache would be, and a file already there is never replaced by the
shipped one, so whatever Qt wrote itself stands.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QStandardPaths

from kiosk import paths

log = logging.getLogger(__name__)

SUFFIX = ".qmlc"


def cache_dir() -> Path:
    """The folder Qt's disk cache reads and writes (the application's name must be set already)."""
    chosen = os.environ.get("QML_DISK_CACHE_PATH")
    if chosen:
        return Path(chosen)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "qmlcache"


def cached_name(source: Path) -> str:
    """The name of ``source``'s compiled file in Qt's disk cache."""
    digest = QCryptographicHash.hash(str(source).encode("utf-8"), QCryptographicHash.Algorithm.Sha1)
    return bytes(digest.toHex().data()).decode("ascii") + SUFFIX


def sources(import_dir: Path) -> list[Path]:
    """Every QML file of the kiosk's module under ``import_dir``, by its path there."""
    return sorted(path.relative_to(import_dir) for path in (import_dir / "kiosk" / "qml").rglob("*.qml"))


def seed(shipped: Path, import_dir: Path) -> int:
    """Copy the compiled files in ``shipped`` into Qt's disk cache where it has none for the source; the number
    copied. Any trouble is logged and only means Qt compiles that file itself."""
    if not shipped.is_dir():
        return 0
    target = cache_dir()
    copied = 0
    try:
        target.mkdir(parents=True, exist_ok=True)
        for relative in sources(import_dir):
            compiled = shipped / relative.with_suffix(SUFFIX)
            destination = target / cached_name(import_dir / relative)
            if compiled.is_file() and not destination.exists():
                partial = destination.with_name(destination.name + f".{os.getpid()}.partial")
                shutil.copyfile(compiled, partial)
                os.replace(partial, destination)  # Qt may read the cache from its loader thread soon after
                copied += 1
    except OSError as exc:
        log.warning("could not hand the compiled QML to Qt's cache in %s: %s", target, exc)
    return copied


def register_kiosk_types() -> None:
    """The kiosk's own QML types, registered as a running kiosk registers them (by importing the modules that
    declare them): a compiled file records the types it uses, and Qt compiles it again if they differ."""
    import kiosk.qt.kiosk
    import kiosk.qt.narration
    import kiosk.qt.proof.curator
    import kiosk.qt.screens  # noqa: F401


def compile_ahead(import_dir: Path, out: Path) -> list[str]:
    """Compile every QML file under ``import_dir`` into ``out`` (by its path in the module, see :func:`seed`);
    the errors, if any. The build runs it in a process of its own: it points Qt's disk cache at a scratch folder
    for good and makes the application if there is none."""
    import tempfile

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlComponent, QQmlEngine

    register_kiosk_types()
    errors = []
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["QML_DISK_CACHE_PATH"] = scratch
        app = QGuiApplication.instance() or QGuiApplication(["compile-qml", "-platform", "offscreen"])
        engine = QQmlEngine()
        engine.addImportPath(str(import_dir))
        for relative in sources(import_dir):
            component = QQmlComponent(engine, QUrl.fromLocalFile(str(import_dir / relative)))
            compiled = Path(scratch) / cached_name(import_dir / relative)
            if component.isError():
                errors.extend(error.toString() for error in component.errors())
            elif not compiled.is_file():
                errors.append(f"{relative}: compiled, but Qt kept nothing in its disk cache")
            else:
                destination = out / relative.with_suffix(SUFFIX)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(compiled, destination)
        del engine, app
    return errors


def main(arguments: list[str]) -> int:
    """``python -m kiosk.qt.qmlcache [IMPORT_DIR OUT]``: :func:`compile_ahead`, its errors printed; 1 if any.

    Without arguments, this installation's QML into the folder its starts hand to Qt
    (:func:`kiosk.paths.shipped_qml_cache`): what scripts/setup.sh runs for a checkout. The build names the
    bundle's folders, which do not exist yet."""
    if arguments and len(arguments) != 2:
        print("usage: python -m kiosk.qt.qmlcache [IMPORT_DIR OUT]", file=sys.stderr)
        return 2
    given = arguments or (paths.qml_import_dir(), paths.shipped_qml_cache())
    import_dir, out = (Path(folder).resolve() for folder in given)  # Qt names its files by absolute path
    errors = compile_ahead(import_dir, out)
    print(*errors, sep="\n", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
