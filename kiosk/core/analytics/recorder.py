"""Private visitor analytics: what visitors look at, for how long, in which language, and nothing about who.

A *session* is one visit: it starts when a visitor touches Attract (leaves it) and ends at the idle timeout,
a staff exit, any other return to Attract, or app shutdown. What is kept per session:

* when it started, rounded down to the minute, and how long it lasted, in whole seconds;
* the languages used, in order of first use;
* the screens and slides viewed, in order, each with its dwell in whole seconds (a *view* per location
  link such as ``chapter/dictation/2``; other screens drop the reading position: ``document/testament``);
* the chapters completed (their last slide was reached);
* named feature events (``record_event("document.zoom")``) counted per session;
* whether large text or high contrast was used, whether the visitor was back on Home when the visit ended;
* why it ended: ``timeout``, ``staff``, ``shutdown``, ``reset`` (any other return to Attract) or ``crash``
  (found unfinished when the app next started).

Nothing identifies a person: sessions get random integer ids, nothing names a device, no input coordinates or
free text are stored. The app's own events (start, stop, crash recovered, content reload, errors) go to a
separate table.

Storage is SQLite (stdlib :mod:`sqlite3`) in WAL mode with ``synchronous=NORMAL``. Every write goes through a
queue to one background thread that applies what has queued up in one transaction, so a touch never waits for
the disk and a power cut loses at most the last moments, never the file. The schema is versioned by
``PRAGMA user_version`` and the migrations in :mod:`kiosk.core.analytics.schema`. Sessions older than the
retention period (365 days unless configured) are deleted at start and once a day.

When analytics is turned off, :class:`NullRecorder` takes its place: the same methods, no file, no thread.

Times come in as monotonic seconds from the caller (dwell and duration), and the wall clock (injectable) is
read only to stamp the start minute, so a clock set at boot by NTP cannot produce a visit lasting a year.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.analytics.schema import SchemaTooNewError, configure, migrate

log = logging.getLogger("kiosk.analytics")

DB_NAME = "analytics.sqlite3"
DEFAULT_RETENTION_DAYS = 365
RETENTION_INTERVAL_SECONDS = 24 * 3600
MAX_BATCH = 2000  # operations per transaction
WAKE_SECONDS = 600.0  # the writer wakes at least this often to see whether the daily retention is due
# A language change this close to the end of a visit is the reset to the default language, not a visitor's choice.
RESET_GRACE_SECONDS = 0.5

END_REASONS = ("timeout", "staff", "shutdown", "reset", "crash")
APP_EVENTS = ("start", "stop", "crash-recovered", "content-reload", "staff-exit", "error")
EVENT_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,47}")
MINUTE_FORMAT = "%Y-%m-%d %H:%M"

def minute_stamp(wall: float) -> str:
    """Local time rounded down to the minute."""
    return time.strftime(MINUTE_FORMAT, time.localtime(wall))


def whole_seconds(seconds: float) -> int:
    return max(0, int(seconds + 0.5))


def view_key(link: str) -> tuple[str, str, str, int | None]:
    """(link as stored, screen, item, slide). Chapters keep the slide; other screens drop the reading position."""
    parts = link.strip("/").split("/")
    screen, item = parts[0], parts[1] if len(parts) > 1 else ""
    if screen == "chapter" and item:
        try:
            slide = int(parts[2]) if len(parts) > 2 else 0
        except ValueError:
            slide = 0
        return f"chapter/{item}/{slide}", screen, item, slide
    return (f"{screen}/{item}" if item else screen), screen, item, None


# --- the interface -------------------------------------------------------------------------------------------


class Recorder(Protocol):
    """What the app calls. Every method returns at once; none raises on a storage problem."""

    enabled: bool

    @property
    def path(self) -> Path | None: ...

    @property
    def in_session(self) -> bool: ...

    def start_session(self, now: float, language: str, *, large_text: bool = False,
                      high_contrast: bool = False) -> None: ...
    def view(self, link: str, now: float, *, slide_count: int = 0) -> None: ...
    def language(self, code: str, now: float) -> None: ...
    def modes(self, *, large_text: bool, high_contrast: bool) -> None: ...
    def record_event(self, name: str) -> None: ...
    def end_session(self, reason: str, now: float, *, idle_since: float | None = None) -> None: ...
    def app_event(self, kind: str, detail: str = "") -> None: ...
    def flush(self, timeout: float | None = 10.0) -> bool: ...
    def close(self, now: float | None = None) -> None: ...


class NullRecorder:
    """Analytics turned off: accepts every call and keeps nothing (no file, no thread)."""

    enabled = False
    path: Path | None = None

    @property
    def in_session(self) -> bool:
        return False

    def start_session(self, now: float, language: str, *, large_text: bool = False,
                      high_contrast: bool = False) -> None:
        pass

    def view(self, link: str, now: float, *, slide_count: int = 0) -> None:
        pass

    def language(self, code: str, now: float) -> None:
        pass

    def modes(self, *, large_text: bool, high_contrast: bool) -> None:
        pass

    def record_event(self, name: str) -> None:
        pass

    def end_session(self, reason: str, now: float, *, idle_since: float | None = None) -> None:
        pass

    def app_event(self, kind: str, detail: str = "") -> None:
        pass

    def flush(self, timeout: float | None = 10.0) -> bool:
        return True

    def close(self, now: float | None = None) -> None:
        pass


# --- the SQLite recorder ----------------------------------------------------------------------------------


def _visit_id() -> int:
    """A random id in 1..2**62, unguessable as ``secrets.randbits`` makes them: that module costs every start ~3 ms
    to import."""
    return (int.from_bytes(os.urandom(8), "big") >> 2) + 1


@dataclass
class _Visit:
    """The visit going on, in memory on the caller's thread; the writer thread never sees this."""

    id: int
    started: float  # monotonic
    languages: list[str]
    view_link: str = ""
    view_since: float = 0.0
    view_seq: int = 0
    screens_seen: set[str] = field(default_factory=set)
    completed: set[str] = field(default_factory=set)
    large_text: bool = False
    high_contrast: bool = False
    pending_language: tuple[str, float] | None = None  # (code, when): kept once anything else happens


_Op = tuple[str, tuple[Any, ...]]


class _Marker:
    """Queued after writes; set once everything before it is committed."""

    def __init__(self) -> None:
        self.done = threading.Event()


class _Stop(_Marker):
    pass


class _Retention:
    pass


class SqliteRecorder:
    """Records visits into ``path`` through a background writer thread. See the module docstring."""

    enabled = True

    def __init__(
        self,
        path: Path,
        *,
        retention_days: int = DEFAULT_RETENTION_DAYS,
        wall_clock: Callable[[], float] = time.time,
        retention_interval: float = RETENTION_INTERVAL_SECONDS,
    ):
        self.path = Path(path)
        self.retention_days = retention_days
        self.wall_clock = wall_clock
        self._retention_interval = retention_interval
        self._queue: queue.SimpleQueue[_Op | _Marker | _Retention] = queue.SimpleQueue()
        self._visit: _Visit | None = None
        self._closed = False
        self.failed = False  # the database could not be opened or is too new: writes are dropped
        self._thread = threading.Thread(target=self._run, name="analytics-writer", daemon=True)
        self._thread.start()

    # --- visits (caller's thread) ----------------------------------------------------------------------

    @property
    def in_session(self) -> bool:
        return self._visit is not None

    def start_session(self, now: float, language: str, *, large_text: bool = False,
                      high_contrast: bool = False) -> None:
        if self._closed:
            return
        if self._visit is not None:
            self.end_session("reset", now)
        visit = _Visit(id=_visit_id(), started=now, languages=[language])
        self._visit = visit
        self._put("INSERT INTO sessions (id, started_at) VALUES (?, ?)", visit.id, minute_stamp(self.wall_clock()))
        self._put("INSERT INTO session_languages VALUES (?, 0, ?)", visit.id, language)
        self.modes(large_text=large_text, high_contrast=high_contrast)

    def view(self, link: str, now: float, *, slide_count: int = 0) -> None:
        """The visitor is now at ``link``; for a chapter, ``slide_count`` tells whether this is its last slide."""
        visit = self._visit
        if visit is None:
            return
        key, screen, item, slide = view_key(link)
        self._confirm_language(visit)
        if key == visit.view_link:
            return  # the same view (a reading position moved)
        if visit.view_link:
            self._write_view(visit, now, last=False)
        visit.view_link, visit.view_since = key, now
        visit.screens_seen.add(screen)
        last_slide = screen == "chapter" and slide is not None and 0 < slide_count <= slide + 1
        if last_slide and item not in visit.completed:
            visit.completed.add(item)
            self._put("INSERT OR IGNORE INTO session_chapters VALUES (?, ?)", visit.id, item)

    def language(self, code: str, now: float) -> None:
        """The language changed. Kept once anything else happens in the visit: a change at the very moment the
        visit ends is the reset to the default language (the kiosk resets the language before the screen)."""
        visit = self._visit
        if visit is None:
            return
        self._confirm_language(visit)
        visit.pending_language = (code, now)

    def _confirm_language(self, visit: _Visit, end: float | None = None) -> None:
        pending, visit.pending_language = visit.pending_language, None
        if pending is None:
            return
        code, when = pending
        if code in visit.languages or (end is not None and end - when < RESET_GRACE_SECONDS):
            return
        visit.languages.append(code)
        self._put("INSERT INTO session_languages VALUES (?, ?, ?)", visit.id, len(visit.languages) - 1, code)

    def modes(self, *, large_text: bool, high_contrast: bool) -> None:
        visit = self._visit
        if visit is None:
            return
        self._confirm_language(visit)
        if large_text and not visit.large_text:
            visit.large_text = True
            self._put("UPDATE sessions SET large_text = 1 WHERE id = ?", visit.id)
        if high_contrast and not visit.high_contrast:
            visit.high_contrast = True
            self._put("UPDATE sessions SET high_contrast = 1 WHERE id = ?", visit.id)

    def record_event(self, name: str) -> None:
        """Count a named feature use (``document.zoom``, ``timeline.event``) in the visit going on."""
        visit = self._visit
        if visit is None:
            return
        self._confirm_language(visit)
        if not EVENT_NAME.fullmatch(name):
            log.warning("analytics: ignored event name %r (lower-case letters, digits, . _ -)", name[:60])
            return
        self._put(
            "INSERT INTO session_events VALUES (?, ?, 1) "
            "ON CONFLICT (session_id, name) DO UPDATE SET count = count + 1",
            visit.id,
            name,
        )

    def end_session(self, reason: str, now: float, *, idle_since: float | None = None) -> None:
        """The visit is over. ``idle_since``: when the idle warning appeared (the countdown is not counted)."""
        visit = self._visit
        if visit is None:
            return
        self._visit = None
        self._confirm_language(visit, end=now)
        end = min(now, idle_since) if idle_since is not None else now
        end = max(end, visit.view_since)
        if visit.view_link:
            self._write_view(visit, end, last=True)
        screens = visit.screens_seen
        returned_home = visit.view_link == "home" and bool(screens - {"home"})
        self._put(
            "UPDATE sessions SET duration_s = ?, end_reason = ?, returned_home = ? WHERE id = ?",
            whole_seconds(end - visit.started),
            reason if reason in END_REASONS else "reset",
            int(returned_home),
            visit.id,
        )

    def _write_view(self, visit: _Visit, until: float, *, last: bool) -> None:
        key, screen, item, slide = view_key(visit.view_link)
        self._put(
            "INSERT INTO views VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            visit.id,
            visit.view_seq,
            key,
            screen,
            item,
            slide,
            whole_seconds(until - visit.view_since),
            int(last),
        )
        visit.view_seq += 1

    # --- the app -------------------------------------------------------------------------------------------

    def app_event(self, kind: str, detail: str = "") -> None:
        self._put("INSERT INTO app_events (at, kind, detail) VALUES (?, ?, ?)",
                  minute_stamp(self.wall_clock()), kind, detail[:200])

    def enforce_retention(self) -> None:
        """Delete what is older than the retention period now (the writer also does this daily)."""
        if not self._closed:
            self._queue.put(_Retention())

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything recorded so far is committed. False on timeout or after close."""
        if self._closed or not self._thread.is_alive():
            return True  # close() waited for the writer already; a dead writer has nothing pending
        marker = _Marker()
        self._queue.put(marker)
        return marker.done.wait(timeout)

    def close(self, now: float | None = None) -> None:
        """End a visit going on as "shutdown", record the app's stop, commit and stop the writer."""
        if self._closed:
            return
        if self._visit is not None:
            self.end_session("shutdown", time.monotonic() if now is None else now)
        self.app_event("stop")
        stop = _Stop()
        self._queue.put(stop)
        self._closed = True
        if not stop.done.wait(15.0):
            log.warning("analytics: the writer did not finish in time; recent records may be lost")
        self._thread.join(timeout=5.0)

    def _put(self, sql: str, *params: Any) -> None:
        if not self._closed and not self.failed:
            self._queue.put((sql, params))

    # --- the writer thread ---------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            configure(conn)
            migrate(conn)
            recover(conn, self.wall_clock())
            delete_older_than(conn, self.retention_days, self.wall_clock())
        except BaseException:
            conn.close()
            raise
        return conn

    def _run(self) -> None:
        try:
            conn = self._open()
        except (sqlite3.Error, OSError, SchemaTooNewError) as exc:
            log.error("analytics: cannot use %s (%s); visits will not be recorded", self.path, exc)
            self.failed = True
            self._drain_failed()
            return
        next_retention = time.monotonic() + self._retention_interval
        try:
            while True:
                try:
                    first = self._queue.get(timeout=min(WAKE_SECONDS, self._retention_interval))
                except queue.Empty:
                    first = None
                batch = [] if first is None else [first]
                while len(batch) < MAX_BATCH:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                if time.monotonic() >= next_retention:
                    batch.append(_Retention())
                    next_retention = time.monotonic() + self._retention_interval
                if self._apply(conn, batch):
                    return
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA optimize")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()

    def _apply(self, conn: sqlite3.Connection, batch: list[Any]) -> bool:
        """Run a batch in one transaction, then release its markers. True when a stop marker was in it."""
        markers: list[_Marker] = []
        ops = 0
        try:
            conn.execute("BEGIN")
            for item in batch:
                if isinstance(item, _Marker):
                    markers.append(item)
                elif isinstance(item, _Retention):
                    delete_older_than(conn, self.retention_days, self.wall_clock())
                else:
                    try:
                        conn.execute(*item)
                        ops += 1
                    except sqlite3.IntegrityError as exc:  # a (vanishingly unlikely) id clash: skip that row
                        log.warning("analytics: skipped a record: %s", exc)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            log.error("analytics: could not write %d record(s) to %s: %s", ops, self.path, exc)
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        for marker in markers:
            marker.done.set()
        return any(isinstance(m, _Stop) for m in markers)

    def _drain_failed(self) -> None:
        while True:
            item = self._queue.get()
            if isinstance(item, _Marker):
                item.done.set()
                if isinstance(item, _Stop):
                    return


def recover(conn: sqlite3.Connection, wall: float) -> None:
    """After a crash or power cut: close the visits left open and note that the app recovered."""
    last = conn.execute(
        "SELECT kind FROM app_events WHERE kind IN ('start', 'stop') ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.execute("BEGIN")
    open_visits = conn.execute(
        """UPDATE sessions SET end_reason = 'crash',
               duration_s = (SELECT COALESCE(SUM(dwell_s), 0) FROM views WHERE views.session_id = sessions.id)
           WHERE duration_s IS NULL"""
    ).rowcount
    if (last and last[0] == "start") or open_visits:
        conn.execute(
            "INSERT INTO app_events (at, kind, detail) VALUES (?, 'crash-recovered', ?)",
            (minute_stamp(wall), f"{open_visits} unfinished visit(s) closed"),
        )
    conn.execute("COMMIT")


def delete_older_than(conn: sqlite3.Connection, days: int, wall: float) -> int:
    """Delete visits and app events from before the retention period; returns the visits deleted."""
    cutoff = time.strftime("%Y-%m-%d", time.localtime(wall - days * 86400))
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    deleted = conn.execute("DELETE FROM sessions WHERE started_at < ?", (cutoff,)).rowcount
    conn.execute("DELETE FROM app_events WHERE at < ?", (cutoff,))
    if own:
        conn.execute("COMMIT")
    if deleted:
        log.info("analytics: deleted %d visit(s) from before %s (retention %d days)", deleted, cutoff, days)
    return deleted


def default_path() -> Path:
    from kiosk import paths

    return paths.user_data_dir() / DB_NAME


def recorder_for(enabled: bool, retention_days: int = DEFAULT_RETENTION_DAYS,
                 path: Path | None = None) -> SqliteRecorder | NullRecorder:
    """The recorder the settings ask for: SQLite in the user data folder, or one that keeps nothing."""
    if not enabled:
        return NullRecorder()
    return SqliteRecorder(path or default_path(), retention_days=retention_days)


def start_recording(enabled: bool, retention_days: int, version: str) -> SqliteRecorder | NullRecorder:
    """The recorder of one kiosk run: it notes the start, then every error logged from now on as an app event."""
    recorder = recorder_for(enabled, retention_days)
    recorder.app_event("start", version)
    logging.getLogger().addHandler(ErrorEvents(recorder))
    return recorder


class ErrorEvents(logging.Handler):
    """Notes each logged error as an app event: the logger and the message's first line (the log has the rest)."""

    def __init__(self, recorder: Recorder):
        super().__init__(level=logging.ERROR)
        self._recorder = recorder

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(log.name):  # never about its own trouble: that could loop
            message = record.getMessage().splitlines()
            self._recorder.app_event("error", f"{record.name}: {message[0] if message else ''}"[:200])
