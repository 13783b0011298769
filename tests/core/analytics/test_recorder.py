"""The analytics store (kiosk.core.analytics.recorder): what a visit leaves, what it never keeps, analytics
turned off, retention, and a writer killed mid-stream."""

from __future__ import annotations

import json
import logging
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from analyticskit import DAY, WEDNESDAY, rows

from kiosk.core.analytics.queries import staff_panel_lines
from kiosk.core.analytics.recorder import ErrorEvents, NullRecorder, SqliteRecorder, recorder_for, view_key
from kiosk.core.visit.clock import ManualClock


def test_a_visit_is_stored_in_order_with_dwell_languages_chapters_and_features(recorder, db) -> None:
    recorder.start_session(100.0, "en")
    recorder.view("home", 100.0)
    recorder.view("chapter/one/0", 104.4, slide_count=3)
    recorder.view("chapter/one/1", 130.0, slide_count=3)
    recorder.language("ru", 131.0)
    recorder.language("en", 140.0)  # back to a language used already: still two languages
    recorder.view("chapter/one/2", 150.0, slide_count=3)  # the last slide: chapter one completed
    recorder.modes(large_text=True, high_contrast=False)
    recorder.record_event("document.zoom")
    recorder.record_event("document.zoom")
    recorder.record_event("timeline.event")
    recorder.view("document/testament/0", 160.0)
    recorder.view("document/testament/4", 170.0)  # a reading position, not a new view
    recorder.view("home", 200.0)
    recorder.end_session("timeout", 330.0, idle_since=290.0)
    assert recorder.flush()

    [(sid, started, duration, reason, home, large, contrast)] = rows(db, "SELECT * FROM sessions")
    assert sid > 0
    assert started == "2025-03-12 10:17"  # rounded down to the minute
    assert (duration, reason, home, large, contrast) == (190, "timeout", 1, 1, 0)  # ends at the warning
    assert rows(db, "SELECT seq, link, screen, item, slide, dwell_s, last FROM views ORDER BY seq") == [
        (0, "home", "home", "", None, 4, 0),
        (1, "chapter/one/0", "chapter", "one", 0, 26, 0),
        (2, "chapter/one/1", "chapter", "one", 1, 20, 0),
        (3, "chapter/one/2", "chapter", "one", 2, 10, 0),
        (4, "document/testament", "document", "testament", None, 40, 0),
        (5, "home", "home", "", None, 90, 1),
    ]
    assert rows(db, "SELECT language FROM session_languages ORDER BY seq") == [("en",), ("ru",)]
    assert rows(db, "SELECT chapter FROM session_chapters") == [("one",)]
    assert rows(db, "SELECT name, count FROM session_events ORDER BY name") == [
        ("document.zoom", 2),
        ("timeline.event", 1),
    ]


def test_nothing_identifies_a_person(recorder, db) -> None:
    ids = []
    for n in range(20):
        recorder.start_session(n * 10.0, "en")
        recorder.view("home", n * 10.0)
        recorder.end_session("reset", n * 10.0 + 5)
    recorder.flush()
    ids = [sid for (sid,) in rows(db, "SELECT id FROM sessions")]
    assert len(set(ids)) == 20
    assert max(ids) - min(ids) > 1_000_000  # random, not a counter
    columns = {name for table in ("sessions", "views", "session_languages", "session_events")
               for (_, name, *_rest) in rows(db, f"PRAGMA table_info({table})")}
    assert not columns & {"x", "y", "device", "device_id", "ip", "user", "name_of_visitor", "ended_at"}


def test_a_language_change_as_the_visit_ends_is_the_reset_not_a_choice(recorder, db) -> None:
    recorder.start_session(0.0, "ru")
    recorder.view("home", 0.0)
    recorder.language("en", 40.0)  # the kiosk resets the language, then the screen
    recorder.end_session("reset", 40.0)
    recorder.start_session(50.0, "en")
    recorder.view("home", 50.0)
    recorder.language("ru", 60.0)  # chosen, then the visitor read on without touching and walked away
    recorder.end_session("timeout", 200.0, idle_since=150.0)
    recorder.flush()
    assert rows(db, "SELECT s.end_reason, group_concat(l.language, ',') FROM sessions s "
                    "JOIN session_languages l ON l.session_id = s.id GROUP BY s.id ORDER BY s.end_reason") == [
        ("reset", "ru"),
        ("timeout", "en,ru"),
    ]


def test_event_names_must_be_plain_names(recorder, db) -> None:
    recorder.start_session(0.0, "en")
    recorder.record_event("myth.reveal")
    recorder.record_event("Free text typed by someone")
    recorder.record_event("x" * 100)
    recorder.end_session("reset", 1.0)
    recorder.flush()
    assert rows(db, "SELECT name FROM session_events") == [("myth.reveal",)]


def test_calls_outside_a_visit_are_ignored(recorder, db) -> None:
    recorder.view("home", 1.0)
    recorder.language("ru", 1.0)
    recorder.record_event("document.zoom")
    recorder.end_session("timeout", 2.0)
    recorder.flush()
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM views") == [(0,)]


def test_view_keys() -> None:
    assert view_key("chapter/dictation/2") == ("chapter/dictation/2", "chapter", "dictation", 2)
    assert view_key("chapter/dictation") == ("chapter/dictation/0", "chapter", "dictation", 0)
    assert view_key("document/testament/7") == ("document/testament", "document", "testament", None)
    assert view_key("person/stalin/0") == ("person/stalin", "person", "stalin", None)
    assert view_key("timeline") == ("timeline", "timeline", "", None)


def test_close_ends_a_visit_as_shutdown_and_records_the_stop(db, wall) -> None:
    rec = SqliteRecorder(db, wall_clock=wall)
    rec.app_event("start", "1.0")
    rec.start_session(10.0, "en")
    rec.view("home", 10.0)
    rec.close(now=25.0)
    rec.close()  # twice is harmless
    rec.view("home", 30.0)  # and so are calls after it
    assert rows(db, "SELECT duration_s, end_reason FROM sessions") == [(15, "shutdown")]
    assert rows(db, "SELECT kind, detail FROM app_events ORDER BY id") == [("start", "1.0"), ("stop", "")]


def test_writes_never_wait_for_the_disk(recorder, db) -> None:
    recorder.flush()
    blocker = sqlite3.connect(db)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database for a while
    try:
        started = time.perf_counter()
        recorder.start_session(0.0, "en")
        for n in range(200):
            recorder.view(f"chapter/one/{n % 3}", float(n))
        recorder.end_session("reset", 300.0)
        elapsed = time.perf_counter() - started
        time.sleep(0.3)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert elapsed < 0.5, f"recording took {elapsed:.3f} s while the database was locked"
    assert recorder.flush()
    assert rows(db, "SELECT COUNT(*) FROM views") == [(200,)]


def test_logged_errors_become_app_events(recorder, db) -> None:
    logger = logging.getLogger("kiosk.test-analytics")
    handler = ErrorEvents(recorder)
    logger.addHandler(handler)
    try:
        logger.error("content reload rejected:\nline two")
        logger.warning("only a warning")
        logging.getLogger("kiosk.analytics.inner").addHandler(handler)
        logging.getLogger("kiosk.analytics.inner").error("its own trouble is not recorded")
    finally:
        logger.removeHandler(handler)
        logging.getLogger("kiosk.analytics.inner").removeHandler(handler)
    recorder.flush()
    assert rows(db, "SELECT kind, detail FROM app_events") == [
        ("error", "kiosk.test-analytics: content reload rejected:")
    ]


def test_disabled_analytics_creates_no_file_and_no_thread(tmp_path: Path) -> None:
    path = tmp_path / "never" / "analytics.sqlite3"
    threads = threading.active_count()
    rec = recorder_for(False, path=path)
    assert isinstance(rec, NullRecorder)
    rec.app_event("start")
    rec.start_session(0.0, "en")
    rec.view("home", 0.0)
    rec.record_event("document.zoom")
    rec.end_session("timeout", 10.0)
    assert rec.flush()
    assert staff_panel_lines(rec) == {"analytics": "off"}
    rec.close()
    assert not rec.in_session
    assert threading.active_count() == threads
    assert not path.exists() and not path.parent.exists()


def test_enabled_analytics_uses_the_given_path(db) -> None:
    rec = recorder_for(True, 30, path=db)
    try:
        assert isinstance(rec, SqliteRecorder)
        assert rec.retention_days == 30
        assert rec.flush()
        assert db.is_file()
    finally:
        rec.close()


def one_visit(rec: SqliteRecorder, wall: ManualClock, at: float) -> None:
    wall.now = at
    rec.start_session(0.0, "en")
    rec.view("home", 0.0)
    rec.view("chapter/one/0", 5.0)
    rec.end_session("reset", 20.0)
    rec.app_event("content-reload")


def test_retention_deletes_old_visits_at_start(db, wall) -> None:
    rec = SqliteRecorder(db, wall_clock=wall)
    one_visit(rec, wall, WEDNESDAY - 400 * DAY)
    one_visit(rec, wall, WEDNESDAY - 10 * DAY)
    rec.close()
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(2,)]

    wall.now = WEDNESDAY
    rec = SqliteRecorder(db, wall_clock=wall, retention_days=365)
    rec.flush()
    rec.close()
    [(started,)] = rows(db, "SELECT started_at FROM sessions")
    assert started.startswith(time.strftime("%Y-%m-%d", time.localtime(WEDNESDAY - 10 * DAY)))
    assert rows(db, "SELECT COUNT(*) FROM views") == [(2,)]  # the old visit's views went with it
    assert rows(db, "SELECT COUNT(*) FROM session_languages") == [(1,)]
    assert rows(db, "SELECT COUNT(*) FROM app_events WHERE kind = 'content-reload'") == [(1,)]


def test_retention_runs_daily_while_the_app_runs(db, wall) -> None:
    rec = SqliteRecorder(db, wall_clock=wall, retention_days=30, retention_interval=0.05)
    try:
        one_visit(rec, wall, WEDNESDAY)
        rec.flush()
        assert rows(db, "SELECT COUNT(*) FROM sessions") == [(1,)]
        wall.now = WEDNESDAY + 45 * DAY  # weeks go by
        deadline = time.monotonic() + 5
        while rows(db, "SELECT COUNT(*) FROM sessions") != [(0,)] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rows(db, "SELECT COUNT(*) FROM sessions") == [(0,)]
    finally:
        rec.close()


REPO = Path(__file__).resolve().parents[3]


WRITER = """
import json, sys, time
from pathlib import Path
from kiosk.core.analytics.recorder import SqliteRecorder

rec = SqliteRecorder(Path(sys.argv[1]))
rec.app_event("start")
clock = 0.0
n = 0
while True:
    done = []
    for _ in range(25):
        rec.start_session(clock, "en")
        for slide in range(8):
            rec.view(f"chapter/one/{slide}", clock, slide_count=8)
            clock += 3.0
        rec.record_event("document.zoom")
        rec.end_session("timeout", clock)
        done.append(n)
        n += 1
    rec.start_session(clock, "ru")  # a visit going on at every flush
    rec.view("home", clock)
    rec.flush()
    print(json.dumps({"committed": n}), flush=True)
    if n >= 500:
        break
while True:  # until killed: that visit goes on, its views streaming to the writer
    clock += 1.0
    rec.view(f"chapter/two/{int(clock) % 4}", clock, slide_count=4)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_writer_mid_stream_loses_no_committed_visit_and_corrupts_nothing(db) -> None:
    db.parent.mkdir(parents=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    committed = 0
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            committed = json.loads(line)["committed"]
            if committed >= 500:
                break
        time.sleep(0.02)  # the writer is busy with the next batches
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert committed >= 500, proc.stderr.read() if proc.stderr else ""

    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    finished = rows(db, "SELECT COUNT(*) FROM sessions WHERE end_reason = 'timeout' AND duration_s = 24")[0][0]
    assert finished >= committed  # every visit flushed before the kill, and perhaps some after
    complete = rows(db, "SELECT COUNT(*) FROM (SELECT session_id FROM views GROUP BY session_id HAVING COUNT(*) = 8)")
    assert complete[0][0] >= committed
    assert rows(db, "SELECT COUNT(*) FROM session_chapters")[0][0] >= committed

    # the next start closes what the kill left open and notes the recovery
    rec = SqliteRecorder(db)
    rec.flush()
    rec.close()
    assert rows(db, "SELECT COUNT(*) FROM sessions WHERE duration_s IS NULL") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM sessions WHERE end_reason = 'crash'")[0][0] >= 1
    assert rows(db, "SELECT COUNT(*) FROM app_events WHERE kind = 'crash-recovered'") == [(1,)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
