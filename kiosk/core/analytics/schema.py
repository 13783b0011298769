"""The analytics database's schema: the migrations that build it, one version at a time.

The version is SQLite's ``PRAGMA user_version``: a database at version n has had ``MIGRATIONS[:n]`` applied.
The recorder migrates when it opens the database; the report reads any version up to :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

# MIGRATIONS[n] takes a database from user_version n to n + 1. Append, never edit: kiosks in the field hold
# databases at every version that was ever shipped.
MIGRATIONS: list[Sequence[str]] = [
    (  # 1: visits, what they viewed, their languages and features, and the app's own events
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,              -- random, never sequential
            started_at TEXT NOT NULL,            -- local time, rounded down to the minute: 'YYYY-MM-DD HH:MM'
            duration_s INTEGER,                  -- NULL while the visit is going on
            end_reason TEXT,                     -- timeout | staff | shutdown | reset | crash
            returned_home INTEGER NOT NULL DEFAULT 0,
            large_text INTEGER NOT NULL DEFAULT 0,
            high_contrast INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE views (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,                -- order within the visit, from 0
            link TEXT NOT NULL,                  -- 'chapter/dictation/2', 'home', 'document/testament'
            screen TEXT NOT NULL,
            item TEXT NOT NULL DEFAULT '',
            slide INTEGER,                       -- slide index for chapter views, else NULL
            dwell_s INTEGER NOT NULL,
            last INTEGER NOT NULL DEFAULT 0,     -- 1 for the view the visit ended on
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE session_languages (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,                -- 0: the language the visit started in
            language TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE session_chapters (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            chapter TEXT NOT NULL,               -- completed: its last slide was reached
            PRIMARY KEY (session_id, chapter)
        ) WITHOUT ROWID""",
        """CREATE TABLE session_events (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            name TEXT NOT NULL,                  -- 'document.zoom', 'timeline.event', ...
            count INTEGER NOT NULL,
            PRIMARY KEY (session_id, name)
        ) WITHOUT ROWID""",
        """CREATE TABLE app_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,                    -- local time, minute
            kind TEXT NOT NULL,                  -- start | stop | crash-recovered | content-reload | staff-exit | error
            detail TEXT NOT NULL DEFAULT ''
        )""",
    ),
    (  # 2: indexes for the report and for retention
        "CREATE INDEX sessions_started_at ON sessions(started_at)",
        "CREATE INDEX views_link ON views(link, dwell_s)",
        "CREATE INDEX app_events_at ON app_events(at)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer app; this one must not touch it."""


def configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")


def migrate(conn: sqlite3.Connection, migrations: Sequence[Sequence[str]] = MIGRATIONS) -> int:
    """Bring the schema up to date, one version per transaction. Returns the version found."""
    found: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > len(migrations):
        raise SchemaTooNewError(f"analytics database is at schema {found}, this app knows up to {len(migrations)}")
    for version in range(found, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migrations[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return found
