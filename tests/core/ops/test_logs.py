"""The kiosk log: rotated files, crash tracebacks from any thread, and no crash when it cannot be written."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.ops import logs


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_the_log_rotates_and_keeps_a_bounded_number_of_files(tmp_path: Path, restore_logging) -> None:
    setup = logs.setup_logging(tmp_path, "INFO", console=False, max_bytes=2000, backup_count=3)
    assert setup.file == tmp_path / logs.LOG_FILE_NAME
    for n in range(200):
        logging.getLogger("kiosk.test").info("line %03d %s", n, "x" * 40)
    flush()
    names = sorted(p.name for p in tmp_path.glob("kiosk.log*"))
    assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.glob("kiosk.log*"))
    assert "line 199" in (tmp_path / "kiosk.log").read_text(encoding="utf-8")  # the newest is in kiosk.log
    setup.close()


def test_setting_up_twice_replaces_the_handlers(tmp_path: Path, restore_logging) -> None:
    before = len(logging.getLogger().handlers)
    logs.setup_logging(tmp_path / "a", console=True, native_crashes=False)
    setup = logs.setup_logging(tmp_path / "b", console=True, native_crashes=False)
    assert len(logging.getLogger().handlers) == before + 2  # one file, one stderr: not four
    setup.close()
    assert len(logging.getLogger().handlers) == before


def test_an_uncaught_exception_is_logged_with_its_traceback(tmp_path: Path, restore_logging) -> None:
    setup = logs.setup_logging(tmp_path, console=False, native_crashes=False)
    try:
        raise RuntimeError("the projector caught fire")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what Python (and PySide, for a slot) does with an uncaught one
    flush()
    text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "CRITICAL kiosk [MainThread]: uncaught exception in main thread" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: the projector caught fire" in text
    setup.close()


def test_an_uncaught_exception_in_a_thread_is_logged(tmp_path: Path, restore_logging) -> None:
    setup = logs.setup_logging(tmp_path, console=False, native_crashes=False)

    def work() -> None:
        raise ValueError("bad frame")

    thread = threading.Thread(target=work, name="renderer")
    thread.start()
    thread.join()
    flush()
    text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "uncaught exception in thread renderer" in text
    assert "ValueError: bad frame" in text
    setup.close()


def test_native_crash_reports_go_to_a_file_in_the_log_folder(tmp_path: Path, restore_logging) -> None:
    import faulthandler

    was_enabled = faulthandler.is_enabled()
    setup = logs.setup_logging(tmp_path, console=False)
    try:
        assert faulthandler.is_enabled()
        assert (tmp_path / logs.FAULT_FILE_NAME).exists()
    finally:
        setup.close()
        if was_enabled:  # pytest enables it for its own timeout reports
            faulthandler.enable()


def test_an_unwritable_log_folder_does_not_stop_the_kiosk(tmp_path: Path, restore_logging) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    setup = logs.setup_logging(blocker / "logs", console=False)
    assert setup.file is None
    assert "cannot write the log" in (setup.error or "")
    logging.getLogger("kiosk").error("still works")  # no exception
    setup.close()
