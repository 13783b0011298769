"""The kiosk's log: a rotated file in the platform's log folder, and every crash written into it.

An installed kiosk runs unattended for months, so the log is bounded (``kiosk.log`` plus five older files
of 2 MB each) and everything that goes wrong ends up in it: log records, uncaught exceptions on any thread
(:func:`install_crash_hooks`) and, through ``faulthandler``, the Python stack of a hard crash inside Qt.
Qt's own warnings are routed here by :mod:`kiosk.qt.qtlog`. Visitors never see a traceback: the windowed
build has no console, and in a console only the log line appears.

Logging must never stop the kiosk: a log folder that cannot be written is reported on stderr (when there is
one) and the kiosk runs on without a file.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

LOG_FILE_NAME = "kiosk.log"
FAULT_FILE_NAME = "crash-native.log"  # faulthandler writes raw text here on a segfault or abort
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

log = logging.getLogger("kiosk")

# Handlers this module installed, so that setting up again (tests, a second run in one process) replaces them.
_OWN = "_kiosk_logs_handler"


@dataclass
class LogSetup:
    file: Path | None  # None when the folder could not be written
    error: str | None = None  # why there is no file
    fault_file: IO[str] | None = None

    def close(self) -> None:
        """Detach and close the handlers and the fault file (tests; the end of a run)."""
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, _OWN, False)]:
            root.removeHandler(handler)
            handler.close()
        if self.fault_file is not None:
            if faulthandler.is_enabled():
                faulthandler.disable()
            self.fault_file.close()
            self.fault_file = None


def setup_logging(
    log_dir: Path | None,
    level: str = "INFO",
    *,
    console: bool | None = None,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    native_crashes: bool = True,
) -> LogSetup:
    """Send the root logger to ``log_dir/kiosk.log`` (rotated) and, if ``console``, to stderr.

    ``console=None`` means: to stderr when there is one (a Windows GUI build has none).
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OWN, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    # Pillow logs every PNG chunk it reads at DEBUG: thousands of lines per start that say nothing.
    logging.getLogger("PIL").setLevel(max(root.level, logging.INFO))
    formatter = logging.Formatter(FORMAT)

    if console is None:
        console = sys.stderr is not None
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        setattr(stream, _OWN, True)
        root.addHandler(stream)

    setup = LogSetup(file=None)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                log_dir / LOG_FILE_NAME, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
            )
        except OSError as exc:
            setup.error = f"cannot write the log in {log_dir}: {exc}"
            log.error("%s; logging to the console only", setup.error)
        else:
            handler.setFormatter(formatter)
            setattr(handler, _OWN, True)
            root.addHandler(handler)
            setup.file = log_dir / LOG_FILE_NAME
            if native_crashes:
                setup.fault_file = _enable_faulthandler(log_dir / FAULT_FILE_NAME)
    install_crash_hooks()
    return setup


def _enable_faulthandler(path: Path) -> IO[str] | None:
    """On a segfault or abort (in Qt, a driver), write every thread's Python stack to ``path``."""
    try:
        # Kept open for the whole run: faulthandler writes to the descriptor from a signal handler.
        stream = path.open("a", encoding="utf-8")
    except OSError as exc:
        log.warning("cannot open %s for native crash reports: %s", path, exc)
        return None
    faulthandler.enable(stream, all_threads=True)
    return stream


def log_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str = "main thread"
) -> None:
    log.critical("uncaught exception in %s", where, exc_info=(exc_type, exc, tb))


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a developer's terminal: not a crash
        sys.__excepthook__(exc_type, exc, tb)
        return
    log_uncaught(exc_type, exc, tb)


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    # exc_value may be None only in theory (threading.ExceptHookArgs); logging then prints the type alone
    log_uncaught(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")  # type: ignore[arg-type]


def install_crash_hooks() -> None:
    """Uncaught exceptions go to the log (with their traceback) instead of only to a console.

    PySide reports an exception raised in a slot or a QML-called method through ``sys.excepthook`` and the
    event loop goes on, so one bad tap does not end the exhibit, and the traceback is in the log.
    """
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook


def uninstall_crash_hooks() -> None:
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
