"""Many kiosks' databases as one: the visits of a fleet, each counted once, for ``kiosk report``.

A collector fetches ``kiosk snapshot`` folders (kiosk.core.ops.snapshot) from every kiosk, again and again: this
month's and last week's overlap, and the same snapshot may be fetched twice. The databases are merged into one
scratch database where a visit is keyed by (kiosk, session id) — a session id is random per visit, so two
kiosks may in theory share one, and one kiosk never has two — and an app event by (kiosk, its id, time, kind).
Where two copies of one visit differ, the finished one wins (a snapshot taken during the visit has it
unfinished).

The report's queries (kiosk.core.analytics.queries) run unchanged over temporary views named like the
recorder's tables (``sessions``, ``views``, ...), made over all kiosks or over one: SQLite looks a name up in
the temporary schema first.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.analytics.recorder import DB_NAME
from kiosk.core.analytics.schema import SCHEMA_VERSION

STATUS_FILE = "status.json"  # beside the database in a snapshot (kiosk.core.ops.snapshot)

_SCHEMA = (
    "CREATE TABLE kiosks (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    """CREATE TABLE all_sessions (key INTEGER PRIMARY KEY, kiosk INTEGER NOT NULL, source_id INTEGER NOT NULL,
        started_at TEXT NOT NULL, duration_s INTEGER, end_reason TEXT, returned_home INTEGER NOT NULL,
        large_text INTEGER NOT NULL, high_contrast INTEGER NOT NULL, UNIQUE (kiosk, source_id))""",
    "CREATE INDEX all_sessions_started_at ON all_sessions(started_at)",
    """CREATE TABLE all_views (session_key INTEGER NOT NULL, seq INTEGER NOT NULL, link TEXT NOT NULL,
        screen TEXT NOT NULL, item TEXT NOT NULL, slide INTEGER, dwell_s INTEGER NOT NULL, last INTEGER NOT NULL,
        PRIMARY KEY (session_key, seq)) WITHOUT ROWID""",
    "CREATE INDEX all_views_link ON all_views(link, dwell_s)",
    """CREATE TABLE all_languages (session_key INTEGER NOT NULL, seq INTEGER NOT NULL, language TEXT NOT NULL,
        PRIMARY KEY (session_key, seq)) WITHOUT ROWID""",
    """CREATE TABLE all_chapters (session_key INTEGER NOT NULL, chapter TEXT NOT NULL,
        PRIMARY KEY (session_key, chapter)) WITHOUT ROWID""",
    """CREATE TABLE all_events (session_key INTEGER NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (session_key, name)) WITHOUT ROWID""",
    """CREATE TABLE all_app_events (kiosk INTEGER NOT NULL, source_id INTEGER NOT NULL, at TEXT NOT NULL,
        kind TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (kiosk, source_id, at, kind)) WITHOUT ROWID""",
    "CREATE INDEX all_app_events_at ON all_app_events(at)",
)
# the tables that hang off a session: (merged table, the recorder's table, its columns after the session's id)
_CHILDREN = (
    ("all_views", "views", "seq, link, screen, item, slide, dwell_s, last"),
    ("all_languages", "session_languages", "seq, language"),
    ("all_chapters", "session_chapters", "chapter"),
    ("all_events", "session_events", "name, count"),
)
_SESSION_COLUMNS = "started_at, duration_s, end_reason, returned_home, large_text, high_contrast"


class FleetError(Exception):
    """A database of the fleet cannot be read; says which, in one line."""


@dataclass(frozen=True)
class KioskDatabase:
    kiosk: str
    db: Path
    status: dict[str, Any] | None  # the snapshot's status.json, when there is one


def _read_status(folder: Path) -> dict[str, Any] | None:
    try:
        status = json.loads((folder / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return status if isinstance(status, dict) else None


def _named(db: Path) -> KioskDatabase:
    """A database named by its kiosk: the snapshot's status.json, else its folder (a snapshot's database is
    always analytics.sqlite3), else the file's name."""
    status = _read_status(db.parent)
    name = status.get("name") if status else None
    if not isinstance(name, str) or not name:
        name = db.parent.name if db.name == DB_NAME else db.stem
    return KioskDatabase(name, db, status)


def find_databases(places: Sequence[Path]) -> list[KioskDatabase]:
    """Every database the places name: files as they are; in folders, every ``*.sqlite3`` at any depth (hidden
    folders, such as a snapshot still being written, are skipped)."""
    found: list[KioskDatabase] = []
    for place in places:
        place = Path(place)
        if place.is_file():
            found.append(_named(place))
        elif place.is_dir():
            databases = sorted(
                p for p in place.rglob("*.sqlite3")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(place).parts)
            )
            if not databases:
                raise FleetError(f"no analytics databases (*.sqlite3) in {place}")
            found += [_named(db) for db in databases]
        else:
            raise FleetError(f"no analytics database at {place}")
    return found


def merge(databases: Sequence[KioskDatabase], scratch: Path) -> sqlite3.Connection:
    """The scratch database holding every kiosk's visits once; the caller closes it."""
    conn = sqlite3.connect(scratch, isolation_level=None, uri=True)
    conn.execute("PRAGMA journal_mode=OFF")  # a scratch file: nothing to recover after a crash
    conn.execute("PRAGMA synchronous=OFF")
    for statement in _SCHEMA:
        conn.execute(statement)
    for database in databases:
        _merge_one(conn, database)
    return conn


def _merge_one(conn: sqlite3.Connection, database: KioskDatabase) -> None:
    uri = f"{database.db.resolve().as_uri()}?mode=ro"
    try:
        conn.execute("ATTACH DATABASE ? AS src", (uri,))
    except sqlite3.Error as exc:
        raise FleetError(f"cannot open {database.db}: {exc}") from None
    try:
        try:
            version = conn.execute("PRAGMA src.user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise FleetError(f"{database.db} is not an analytics database: {exc}") from None
        if not 1 <= version <= SCHEMA_VERSION:
            raise FleetError(f"{database.db} has schema version {version}; this app reads 1 to {SCHEMA_VERSION}")
        conn.execute("BEGIN")
        conn.execute("INSERT OR IGNORE INTO kiosks (name) VALUES (?)", (database.kiosk,))
        (kiosk,) = conn.execute("SELECT id FROM kiosks WHERE name = ?", (database.kiosk,)).fetchone()
        # the visits this database adds: new ones, and ones it has finished that were merged unfinished
        conn.execute("CREATE TEMP TABLE take (source_id INTEGER PRIMARY KEY)")  # keyed: every insert joins it
        conn.execute(
            """INSERT INTO take SELECT s.id FROM src.sessions s
               LEFT JOIN all_sessions a ON a.kiosk = :kiosk AND a.source_id = s.id
               WHERE a.key IS NULL OR (a.duration_s IS NULL AND s.duration_s IS NOT NULL)""",
            {"kiosk": kiosk},
        )
        replaced = "SELECT a.key FROM all_sessions a JOIN take t ON a.kiosk = :kiosk AND a.source_id = t.source_id"
        for table, _, _ in _CHILDREN:
            conn.execute(f"DELETE FROM {table} WHERE session_key IN ({replaced})", {"kiosk": kiosk})
        conn.execute(f"DELETE FROM all_sessions WHERE key IN ({replaced})", {"kiosk": kiosk})
        conn.execute(
            f"""INSERT INTO all_sessions (kiosk, source_id, {_SESSION_COLUMNS})
                SELECT :kiosk, s.id, {', '.join('s.' + c.strip() for c in _SESSION_COLUMNS.split(','))}
                FROM src.sessions s JOIN take t ON t.source_id = s.id""",
            {"kiosk": kiosk},
        )
        for table, source, columns in _CHILDREN:
            conn.execute(
                f"""INSERT INTO {table} (session_key, {columns})
                    SELECT a.key, {', '.join('c.' + c.strip() for c in columns.split(','))}
                    FROM src.{source} c JOIN take t ON t.source_id = c.session_id
                    JOIN all_sessions a ON a.kiosk = :kiosk AND a.source_id = c.session_id""",
                {"kiosk": kiosk},
            )
        conn.execute(
            "INSERT OR IGNORE INTO all_app_events SELECT :kiosk, id, at, kind, detail FROM src.app_events",
            {"kiosk": kiosk},
        )
        conn.execute("DROP TABLE take")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE src")


def kiosk_names(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM kiosks ORDER BY name")]


@contextmanager
def as_recorded(conn: sqlite3.Connection, kiosk: str | None = None) -> Iterator[sqlite3.Connection]:
    """Views named like the recorder's tables, over every kiosk (``None``) or one, while the block runs."""
    where = ""
    if kiosk is not None:  # views take no parameters: the kiosk's id (an integer) is written into them
        (kiosk_id,) = conn.execute("SELECT id FROM kiosks WHERE name = ?", (kiosk,)).fetchone()
        where = f"WHERE kiosk = {int(kiosk_id)}"
    of_kiosk = f"WHERE session_key IN (SELECT key FROM all_sessions {where})" if where else ""
    views = {
        "sessions": f"SELECT key AS id, {_SESSION_COLUMNS} FROM all_sessions {where}",
        "app_events": f"SELECT source_id AS id, at, kind, detail FROM all_app_events {where}",
    }
    views.update({source: f"SELECT session_key AS session_id, {columns} FROM {table} {of_kiosk}"
                  for table, source, columns in _CHILDREN})
    for name, select in views.items():
        conn.execute(f"CREATE TEMP VIEW {name} AS {select}")
    try:
        yield conn
    finally:
        for name in views:
            conn.execute(f"DROP VIEW temp.{name}")
