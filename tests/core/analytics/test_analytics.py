"""Visitor analytics: the SQLite store, its migrations and retention, crash safety, the staff report and the
staff panel's figures."""

from __future__ import annotations

import json
import logging
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kiosk.core.analytics import recorder as analytics
from kiosk.core.analytics.queries import (
    LENGTH_BUCKETS,
    ReportError,
    build_report,
    figures_lines,
    staff_panel_lines,
    today_and_week_figures,
)
from kiosk.core.analytics.recorder import (
    ErrorEvents,
    NullRecorder,
    SqliteRecorder,
    migrate,
    recorder_for,
    view_key,
)
from kiosk.core.analytics.schema import MIGRATIONS, SCHEMA_VERSION
from kiosk.core.analytics.writers import write_report
from kiosk.core.visit.clock import ManualClock

REPO = Path(__file__).resolve().parents[3]
DAY = 86400
# a Wednesday, 10:17:42 local time
WEDNESDAY = time.mktime((2025, 3, 12, 10, 17, 42, 0, 0, -1))


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def rows(path: Path, sql: str, *params) -> list[tuple]:
    conn = connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "analytics.sqlite3"


@pytest.fixture
def wall() -> ManualClock:
    return ManualClock(WEDNESDAY)


@pytest.fixture
def recorder(db: Path, wall: ManualClock):
    rec = SqliteRecorder(db, wall_clock=wall)
    yield rec
    rec.close()


# --- the store -------------------------------------------------------------------------------------------


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


def test_wal_and_schema_version(recorder, db) -> None:
    recorder.flush()
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


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
    blocker = connect(db)
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


# --- turned off ----------------------------------------------------------------------------------------------


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


# --- schema versions -----------------------------------------------------------------------------------------


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


# --- retention -------------------------------------------------------------------------------------------------


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


# --- crash safety ---------------------------------------------------------------------------------------------

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


# --- the report -----------------------------------------------------------------------------------------------

CHAPTERS = [("dictation", 5), ("postscript", 4), ("congress", 6), ("suppression", 3), ("publication", 4)]
OTHER = ["timeline", "people", "person/stalin", "person/krupskaya", "myth", "document/testament"]
EVENTS = ["document.zoom", "document.transcript", "timeline.event", "myth.reveal"]


def generate_visits(rec: SqliteRecorder, wall: ManualClock, count: int, *, seed: int = 1922, days: int = 60) -> None:
    """``count`` plausible visits over ``days`` days ending on WEDNESDAY, through the recorder's own API."""
    rng = random.Random(seed)
    first_day = WEDNESDAY - days * DAY
    clock = 0.0
    for _ in range(count):
        wall.now = first_day + rng.randrange(days + 1) * DAY + rng.randrange(-2 * 3600, 8 * 3600)
        clock += 1000.0
        start = clock
        rec.start_session(clock, rng.choice(["en", "en", "en", "ru", "de"]))
        rec.view("home", clock)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            clock += rng.randint(2, 40)
            if rng.random() < 0.25:
                rec.view(rng.choice(OTHER), clock)
                continue
            chapter, slides = rng.choice(CHAPTERS)
            for slide in range(rng.randint(1, slides)):
                rec.view(f"chapter/{chapter}/{slide}", clock, slide_count=slides)
                clock += rng.randint(3, 90)
            if rng.random() < 0.1:
                rec.language(rng.choice(["en", "ru", "de"]), clock)
            if rng.random() < 0.2:
                rec.record_event(rng.choice(EVENTS))
            if rng.random() < 0.5:
                rec.view("home", clock)
        if rng.random() < 0.05:
            rec.modes(large_text=True, high_contrast=rng.random() < 0.3)
        reason = rng.choices(["timeout", "reset", "staff", "shutdown"], [80, 10, 5, 5])[0]
        clock += rng.randint(1, 60)
        if reason == "timeout":
            rec.end_session("timeout", clock + 120, idle_since=clock + 90)
        else:
            rec.end_session(reason, clock)
        assert clock >= start


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "analytics.sqlite3"
    wall = ManualClock(WEDNESDAY)
    rec = SqliteRecorder(path, wall_clock=wall, retention_days=3650)
    started = time.perf_counter()
    generate_visits(rec, wall, 10_000)
    rec.app_event("content-reload")
    rec.close()
    print(f"\n10,000 visits recorded in {time.perf_counter() - started:.2f} s")
    return path


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def expected_aggregates(db: Path) -> dict:
    """The same aggregates as the report, computed in Python from the raw rows."""
    sessions = rows(db, "SELECT id, started_at, duration_s, end_reason, returned_home, large_text, high_contrast "
                        "FROM sessions WHERE duration_s IS NOT NULL")
    ids = {s[0] for s in sessions}
    reason = {s[0]: s[3] for s in sessions}
    views = [v for v in rows(db, "SELECT session_id, link, screen, item, slide, dwell_s, last FROM views")
             if v[0] in ids]
    completed = [c for c in rows(db, "SELECT session_id, chapter FROM session_chapters") if c[0] in ids]
    languages = [lang for lang in rows(db, "SELECT session_id, seq, language FROM session_languages") if lang[0] in ids]
    events = [e for e in rows(db, "SELECT session_id, name, count FROM session_events") if e[0] in ids]
    dwell = defaultdict(list)
    for sid, link, _, _, _, seconds, last in views:
        if not (last and reason[sid] == "timeout"):
            dwell[link].append(seconds)
    done = {sid for sid, _ in completed}
    ends = defaultdict(lambda: [0, 0, 0, 0])
    for sid, _, _, end, home, _, _ in sessions:
        row = ends[end]
        row[0] += 1
        row[1] += sid in done
        row[2] += home
        row[3] += sid not in done and not home
    return {
        "total": len(sessions),
        "per_day": Counter(s[1][:10] for s in sessions),
        "per_hour": Counter(int(s[1][11:13]) for s in sessions),
        "median": median([s[2] for s in sessions]),
        "buckets": Counter(
            next(label for label, low, high in LENGTH_BUCKETS if s[2] >= low and (high is None or s[2] < high))
            for s in sessions
        ),
        "reached": Counter(item for _, item in {(v[0], v[3]) for v in views if v[2] == "chapter"}),
        "slides": Counter((item, slide) for (_, item, slide) in {(v[0], v[3], v[4]) for v in views
                                                                 if v[2] == "chapter"}),
        "completed": Counter(chapter for _, chapter in completed),
        "dwell": {link: median(values) for link, values in dwell.items()},
        "started_in": Counter(lang for _, seq, lang in languages if seq == 0),
        "used": Counter(lang for _, lang in {(sid, lang) for sid, _, lang in languages}),
        "ends": {k: tuple(v) for k, v in ends.items()},
        "screens": Counter(screen for _, screen in {(v[0], v[2]) for v in views
                                                    if v[2] not in ("home", "chapter")}),
        "large": sum(s[5] for s in sessions),
        "events": Counter(name for _, name, _ in events),
        "event_uses": sum((Counter({name: count}) for _, name, count in events), Counter()),
    }


def table(report, name: str) -> list[tuple]:
    return report.tables[name].rows


def test_report_aggregates_on_10000_visits_match_the_raw_rows(big_db: Path) -> None:
    started = time.perf_counter()
    report = build_report(big_db, chapter_order=[c for c, _ in CHAPTERS])
    elapsed = time.perf_counter() - started
    print(f"\nreport aggregates over 10,000 visits: {elapsed:.2f} s")
    want = expected_aggregates(big_db)

    assert report.summary["sessions"] == want["total"] == 10_000
    assert report.summary["median_length_s"] == want["median"]
    per_day = {day: n for day, n, _ in table(report, "sessions_per_day")}
    assert {d: n for d, n in per_day.items() if n} == dict(want["per_day"])
    assert len(per_day) == 61  # every day of the period, including days without visits
    assert dict(table(report, "sessions_per_hour")) == {h: want["per_hour"].get(h, 0) for h in range(24)}
    assert {label: n for label, n, _ in table(report, "session_length")} == {
        label: want["buckets"].get(label, 0) for label, _, _ in LENGTH_BUCKETS
    }
    funnel = table(report, "chapter_funnel")
    assert [row[0] for row in funnel] == [c for c, _ in CHAPTERS]  # story order
    assert {c: n for c, n, _, _, _ in funnel} == dict(want["reached"])
    assert {c: done for c, _, _, done, _ in funnel} == dict(want["completed"])
    assert {(c, s): n for c, s, n, _ in table(report, "slide_funnel")} == dict(want["slides"])
    assert {link: m for link, _, _, m in table(report, "dwell")} == pytest.approx(want["dwell"])
    assert {lang: n for lang, n, _, _ in table(report, "languages")} == dict(want["started_in"])
    assert {lang: n for lang, _, _, n in table(report, "languages")} == dict(want["used"])
    assert {row[0]: tuple(row[1:]) for row in table(report, "endings")} == want["ends"]
    features = {(kind, name): (n, uses) for kind, name, n, _, uses in table(report, "features")}
    for screen, n in want["screens"].items():
        assert features[("screen", screen)][0] == n
    assert features[("mode", "large-text")][0] == want["large"]
    for name, n in want["events"].items():
        assert features[("event", name)] == (n, want["event_uses"][name])


def test_report_period_filters_by_day(big_db: Path) -> None:
    since, until = time.localtime(WEDNESDAY - 20 * DAY), time.localtime(WEDNESDAY - 10 * DAY)
    import datetime as dt

    since_day, until_day = dt.date(*since[:3]), dt.date(*until[:3])
    report = build_report(big_db, since=since_day, until=until_day)
    want = rows(big_db, "SELECT COUNT(*) FROM sessions WHERE substr(started_at, 1, 10) BETWEEN ? AND ?",
                since_day.isoformat(), until_day.isoformat())[0][0]
    assert report.summary["sessions"] == want > 0
    days = [day for day, _, _ in table(report, "sessions_per_day")]
    assert days[0] >= since_day.isoformat() and days[-1] <= until_day.isoformat()


def test_report_writes_csvs_and_a_page(big_db: Path, tmp_path: Path) -> None:
    report = build_report(big_db)
    started = time.perf_counter()
    index, charts = write_report(report, tmp_path / "out")
    print(f"\nreport files (charts: {charts}) written in {time.perf_counter() - started:.2f} s")
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {f"{name}.csv" for name in report.tables} <= names
    page = index.read_text(encoding="utf-8")
    assert "Chapter funnel" in page or "Chapters" in page
    for name in report.tables:
        assert f"{name}.csv" in page
    if charts:
        assert "sessions_per_day.png" in names and "chapter_funnel.png" in names
        assert "<img src='sessions_per_day.png'" in page
    header = (tmp_path / "out" / "chapter_funnel.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "chapter,sessions_reached,percent_of_sessions,sessions_completed,percent_completing"


def test_report_without_matplotlib_writes_tables_and_a_hint(big_db: Path, tmp_path: Path, monkeypatch,
                                                            capsys) -> None:
    from kiosk.cli import main

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    code = main(["report", "--db", str(big_db), "--out", str(tmp_path / "out"), "--since", "2025-03-01"])
    captured = capsys.readouterr()
    assert code == 0
    assert "pip install '.[report]'" in captured.err
    assert not list((tmp_path / "out").glob("*.png"))
    assert "pip install" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "sessions_per_day.csv").is_file()


def test_report_command_problems(tmp_path: Path, capsys) -> None:
    from kiosk.cli import main

    assert main(["report", "--db", str(tmp_path / "missing.sqlite3"), "--out", str(tmp_path / "out")]) == 1
    assert "no analytics database" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "--since", "March", "--out", str(tmp_path / "out")])
    (tmp_path / "junk.sqlite3").write_text("not a database")
    with pytest.raises(ReportError):
        build_report(tmp_path / "junk.sqlite3")


def test_report_on_an_empty_database(db, wall, tmp_path: Path) -> None:
    SqliteRecorder(db, wall_clock=wall).close()
    report = build_report(db)
    assert report.summary["sessions"] == 0
    assert report.tables["sessions_per_day"].rows == []
    index, _ = write_report(report, tmp_path / "out")
    assert index.is_file()


# --- the staff panel's figures -----------------------------------------------------------------------------


def test_today_and_week_figures(db, wall) -> None:
    rec = SqliteRecorder(db, wall_clock=wall)
    monday = WEDNESDAY - 2 * DAY
    for at, language, chapter, seconds in [
        (WEDNESDAY - 8 * DAY, "de", "congress", 999),  # last week: not counted
        (monday, "ru", "dictation", 60),
        (WEDNESDAY - 3600, "en", "dictation", 120),
        (WEDNESDAY, "en", "postscript", 300),
    ]:
        wall.now = at
        rec.start_session(0.0, language)
        rec.view(f"chapter/{chapter}/0", 0.0)
        rec.end_session("timeout", float(seconds))
    wall.now = WEDNESDAY
    rec.start_session(0.0, "en")  # a visit going on counts as a visit today, not in the median
    rec.flush()

    figures = today_and_week_figures(db, now=WEDNESDAY)
    assert figures == {
        "sessions_today": 3,
        "sessions_week": 4,
        "median_length_s": 120,
        "top_chapter": "dictation",
        "languages": {"en": 75.0, "ru": 25.0},
    }
    lines = staff_panel_lines(rec)
    assert lines == figures_lines(figures)
    assert lines["median visit (week)"] == "2 min 00 s"
    assert lines["languages (week)"] == "en 75%, ru 25%"
    rec.close()
    assert today_and_week_figures(db.parent / "none.sqlite3")["sessions_today"] == 0


def test_module_imports_no_plotting_or_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c",
         "import sys, kiosk.core.analytics.queries, kiosk.core.analytics.writers, kiosk.cli.report; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PySide6')))"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=True,
    )
    assert result.stdout.strip() == "[]"
    assert analytics.DB_NAME == "analytics.sqlite3"
