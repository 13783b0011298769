"""The analytics schema (kiosk.core.analytics.schema): WAL, the version, migrations from older databases, and a
database from a newer app left alone."""

from __future__ import annotations

import sqlite3

from analyticskit import rows

from kiosk.core.analytics.recorder import SqliteRecorder, migrate
from kiosk.core.analytics.schema import MIGRATIONS, SCHEMA_VERSION


def test_wal_and_schema_version(recorder, db) -> None:
    recorder.flush()
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_migrates_a_database_from_an_older_version(db, wall) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1]) == 0
    conn.execute("INSERT INTO sessions (id, started_at, duration_s, end_reason) VALUES (7, '2025-03-11 09:00', 60, "
                 "'timeout')")
    conn.execute("INSERT INTO views VALUES (7, 0, 'home', 'home', '', NULL, 60, 1)")
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()

    rec = SqliteRecorder(db, wall_clock=wall)
    rec.start_session(0.0, "ru")
    rec.view("home", 0.0)
    rec.end_session("staff", 12.0)
    rec.close()

    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    indexes = {name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"sessions_started_at", "views_link", "app_events_at"} <= indexes
    assert rows(db, "SELECT end_reason, duration_s FROM sessions ORDER BY started_at") == [
        ("timeout", 60),
        ("staff", 12),
    ]


def test_a_database_from_a_newer_app_is_left_alone(db, wall, caplog) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    rec = SqliteRecorder(db, wall_clock=wall)
    rec.start_session(0.0, "en")
    rec.view("home", 0.0)
    assert rec.flush(timeout=5)
    rec.close()
    assert rec.failed
    assert "visits will not be recorded" in caplog.text
    assert rows(db, "PRAGMA user_version") == [(99,)]
    assert rows(db, "SELECT name FROM sqlite_master") == []
