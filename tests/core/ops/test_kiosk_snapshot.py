"""``kiosk snapshot``: a consistent copy of the live analytics database, the status and recent logs, in one folder
that appears whole."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.analytics.recorder import DB_NAME, SqliteRecorder


@pytest.fixture
def kiosk_home(kiosk_home: Path) -> Path:
    """The kiosk user's folders (conftest.py), its kiosk.toml also naming it."""
    settings = kiosk_home / "kiosk.toml"
    settings.write_text('[kiosk]\nname = "gallery-left"\n' + settings.read_text(encoding="utf-8"), encoding="utf-8")
    return kiosk_home


def live_db(home: Path) -> Path:
    return home / "data" / "testament-kiosk" / DB_NAME


def writer(db: Path) -> sqlite3.Connection:
    """Another connection writing as the kiosk does (WAL), never checkpointing: committed visits stay in the WAL."""
    SqliteRecorder(db).close()  # the schema
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    return conn


def add_visits(conn: sqlite3.Connection, count: int, first_id: int) -> None:
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO sessions (id, started_at, duration_s, end_reason) VALUES (?, ?, 60, 'timeout')",
                     [(first_id + n, "2026-12-06 10:00") for n in range(count)])
    conn.execute("COMMIT")


def visits(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()


def snapshot(home: Path, out: Path, *extra: str) -> int:
    return main(["snapshot", "--config", str(home / "kiosk.toml"), "--out", str(out), *extra])


def test_the_snapshot_holds_what_was_committed_while_another_connection_writes(kiosk_home: Path, capsys) -> None:
    db = live_db(kiosk_home)
    conn = writer(db)
    add_visits(conn, 300, first_id=1)
    raw = kiosk_home / "raw-copy.sqlite3"
    shutil.copy(db, raw)  # what a plain copy of the file gets: the visits in the WAL are not in it
    assert visits(raw) < 300
    conn.execute("BEGIN")  # a visit being written, not committed, while the snapshot is taken
    conn.execute("INSERT INTO sessions (id, started_at) VALUES (9999, '2026-12-06 10:05')")

    assert snapshot(kiosk_home, kiosk_home / "snap") == 0

    copy = kiosk_home / "snap" / DB_NAME
    assert capsys.readouterr().out.strip() == str(kiosk_home / "snap")
    assert visits(copy) == visits(db) == 300
    check = sqlite3.connect(copy)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, readable alone
    check.close()
    conn.execute("COMMIT")
    conn.close()
    assert visits(db) == 301 and visits(copy) == 300
    status = json.loads((kiosk_home / "snap" / "status.json").read_text(encoding="utf-8"))
    assert status["name"] == "gallery-left" and status["running"] is False


def test_a_snapshot_taken_during_a_stream_of_writes_is_consistent(kiosk_home: Path) -> None:
    db = live_db(kiosk_home)
    conn = writer(db)
    add_visits(conn, 100, first_id=1)
    stop = threading.Event()

    def keep_writing() -> None:
        batch = 0
        while not stop.is_set():
            batch += 1
            add_visits(conn, 20, first_id=1000 * batch)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        before = visits(db)
        assert snapshot(kiosk_home, kiosk_home / "snap") == 0
        after = visits(db)
    finally:
        stop.set()
        thread.join()
        conn.close()
    copied = visits(kiosk_home / "snap" / DB_NAME)
    assert before <= copied <= after and copied % 20 == 0  # whole transactions only
    assert after > before  # the writer really was writing meanwhile


def test_recent_logs_only_and_an_older_snapshot_replaced_whole(kiosk_home: Path) -> None:
    SqliteRecorder(live_db(kiosk_home)).close()
    logs = kiosk_home / "logs"
    logs.mkdir()
    for name, age_days in (("kiosk.log", 0), ("kiosk.log.1", 3), ("kiosk.log.2", 12), ("crash-native.log", 1)):
        (logs / name).write_text(name, encoding="utf-8")
        stamp = time.time() - age_days * 86400
        os.utime(logs / name, (stamp, stamp))
    out = kiosk_home / "collect" / "snap"
    out.mkdir(parents=True)
    (out / "stale.txt").write_text("from an older snapshot", encoding="utf-8")

    assert snapshot(kiosk_home, out) == 0
    assert sorted(p.name for p in (out / "logs").iterdir()) == ["crash-native.log", "kiosk.log", "kiosk.log.1"]
    assert not (out / "stale.txt").exists()
    assert snapshot(kiosk_home, out, "--days", "30") == 0
    assert len(list((out / "logs").iterdir())) == 4
    assert [p.name for p in (kiosk_home / "collect").iterdir()] == ["snap"]  # no temporary folder left


def test_no_database_is_one_clear_line(kiosk_home: Path, capsys) -> None:
    assert snapshot(kiosk_home, kiosk_home / "snap") == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kiosk snapshot: no analytics database at ")
    assert not (kiosk_home / "snap").exists()
