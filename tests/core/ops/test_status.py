"""``kiosk status`` from what is on disk: a status file whose pid is gone or reused is not a running kiosk; the
last error is the newest one in the log files or the analytics database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from kiosk.cli import main
from kiosk.core.analytics.recorder import DB_NAME, SqliteRecorder
from kiosk.core.ops import status


def kiosk_status(home: Path, capsys) -> tuple[int, dict]:
    code = main(["status", "--json", "--config", str(home / "kiosk.toml")])
    return code, json.loads(capsys.readouterr().out)


def publish(home: Path, pid: int, process_start: int | None) -> None:
    document = status.runtime_status(pid, 1_700_000_000, "0.1.0", content={"hash": "abc", "date": None,
                                                                           "source": "bundled"})
    document["process_start"] = process_start
    status.write_atomically(status.status_path(home / "logs"), document)


def test_a_gone_or_reused_pid_is_not_a_running_kiosk(kiosk_home: Path, capsys) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    publish(kiosk_home, int(ended.stdout), status.process_start_ticks(os.getpid()))
    code, document = kiosk_status(kiosk_home, capsys)
    assert code == 3 and document["running"] is False and document["content"]["hash"] == "abc"

    # this pid is alive, but it is not the process that wrote the file (it started at another moment)
    publish(kiosk_home, os.getpid(), (status.process_start_ticks(os.getpid()) or 0) + 1)
    assert kiosk_status(kiosk_home, capsys)[0] == 3
    # a live process that did write it, and is a kiosk: running

    stand_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "kiosk"])
    try:
        publish(kiosk_home, stand_in.pid, status.process_start_ticks(stand_in.pid))
        code, document = kiosk_status(kiosk_home, capsys)
        assert code == 0 and document["running"] is True and document["pid"] == stand_in.pid
    finally:
        stand_in.kill()
        stand_in.wait()


def test_the_last_error_is_the_newest_of_the_logs_and_the_database(kiosk_home: Path, capsys) -> None:
    logs = kiosk_home / "logs"
    logs.mkdir()
    (logs / "kiosk.log.1").write_text(
        "2026-12-01 09:00:00,001 ERROR kiosk.qt.content [MainThread]: content reload rejected:\n  detail\n",
        encoding="utf-8")
    (logs / "kiosk.log").write_text(
        "2026-12-02 09:00:00,001 INFO kiosk [MainThread]: starting\n"
        "2026-12-02 09:30:00,001 WARNING kiosk [MainThread]: a warning is not an error\n", encoding="utf-8")
    assert kiosk_status(kiosk_home, capsys)[1]["last_error"]["message"] == "kiosk.qt.content: content reload rejected:"

    db = kiosk_home / "data" / "testament-kiosk" / DB_NAME
    recorder = SqliteRecorder(db)
    recorder.app_event("error", "kiosk.qt.media: cannot decode photo.jpg")
    recorder.close()
    document = kiosk_status(kiosk_home, capsys)[1]
    assert document["last_error"]["message"] == "kiosk.qt.media: cannot decode photo.jpg"
    assert document["visits_today"] == 0
    assert document["name"] == socket.gethostname()  # no [kiosk] name in this kiosk.toml
