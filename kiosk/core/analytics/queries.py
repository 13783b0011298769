"""What the analytics database says: the report's aggregates and the staff panel's figures, computed in SQL.

:func:`build_report` computes every table of ``kiosk report`` (:mod:`kiosk.cli.report`), which
:mod:`kiosk.core.analytics.writers` writes out; :func:`staff_panel_lines` gives the handful of numbers the staff
panel shows (the app adds it to the panel's diagnostics).

The database is opened read-only, so a report can run while the kiosk is recording. Visits still going on
(no end yet) are left out of every aggregate.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.analytics import fleet
from kiosk.core.analytics.recorder import Recorder, SqliteRecorder
from kiosk.core.analytics.schema import SCHEMA_VERSION

LENGTH_BUCKETS = [  # (label, lower bound inclusive, upper bound exclusive) in seconds
    ("under 30 s", 0, 30),
    ("30 s - 1 min", 30, 60),
    ("1-2 min", 60, 120),
    ("2-5 min", 120, 300),
    ("5-10 min", 300, 600),
    ("10-20 min", 600, 1200),
    ("20 min or more", 1200, None),
]
OTHER_SCREENS = ("document", "timeline", "people", "person", "myth")


class ReportError(Exception):
    """The database cannot be reported on (missing, not an analytics database, from a newer app)."""


@dataclass
class Table:
    name: str  # file stem of the CSV
    title: str
    headers: list[str]
    rows: list[tuple[Any, ...]]


@dataclass
class Report:
    db: Path
    since: str | None
    until: str | None
    summary: dict[str, Any]
    tables: dict[str, Table] = field(default_factory=dict)
    seconds: float = 0.0  # how long the queries took
    kiosks: list[str] = field(default_factory=list)  # a fleet's report: the kiosks in it


def open_readonly(db: Path) -> sqlite3.Connection:
    db = Path(db)
    if not db.is_file():
        raise ReportError(f"no analytics database at {db}")
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ReportError(f"{db} is not an analytics database: {exc}") from None
    if not 1 <= version <= SCHEMA_VERSION:
        conn.close()
        raise ReportError(f"{db} has schema version {version}; this app reads 1 to {SCHEMA_VERSION}")
    return conn


# --- aggregates ------------------------------------------------------------------------------------------

# Every query starts from the finished visits in the period.
_S = """WITH s AS (SELECT * FROM sessions
                   WHERE duration_s IS NOT NULL AND started_at >= :since AND started_at < :until)
"""


def _median_sql(value: str, source: str, partition: str = "") -> str:
    """SQL for the median of ``value`` over ``source`` (per ``partition`` columns when given)."""
    over_part = f"PARTITION BY {partition} " if partition else ""
    select_part = f"{partition}, " if partition else ""
    group = f" GROUP BY {partition}" if partition else ""
    return f"""SELECT {select_part}AVG(v) AS median, MAX(n) AS n FROM (
        SELECT {select_part}{value} AS v,
               ROW_NUMBER() OVER ({over_part}ORDER BY {value}) AS rn,
               COUNT(*) OVER ({over_part.strip()}) AS n
        FROM {source})
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2){group}"""


def _percentile(conn: sqlite3.Connection, params: dict[str, str], fraction: float) -> int | None:
    row = conn.execute(
        _S + "SELECT duration_s FROM s ORDER BY duration_s LIMIT 1 "
        "OFFSET (SELECT CAST(ROUND((COUNT(*) - 1) * :fraction) AS INTEGER) FROM s)",
        {**params, "fraction": fraction},
    ).fetchone()
    return row[0] if row else None


def _days_between(first: str, last: str) -> list[str]:
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    days = []
    while day <= end:
        days.append(day.isoformat())
        day += dt.timedelta(days=1)
    return days


def _share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _period(since: dt.date | None, until: dt.date | None) -> dict[str, str]:
    return {
        "since": since.isoformat() if since else "0000",
        "until": (until + dt.timedelta(days=1)).isoformat() if until else "9999",
    }


def build_report(
    db: Path,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    chapter_order: Sequence[str] = (),
) -> Report:
    """Compute every aggregate for visits that started from ``since`` to ``until`` (both days included)."""
    started = time.perf_counter()
    conn = open_readonly(db)
    try:
        report = _build(conn, _period(since, until), chapter_order)
    finally:
        conn.close()
    report.db = Path(db)
    report.since = since.isoformat() if since else None
    report.until = until.isoformat() if until else None
    report.seconds = time.perf_counter() - started
    return report


def build_fleet_report(
    places: Sequence[Path],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    chapter_order: Sequence[str] = (),
) -> Report:
    """The report over many kiosks' databases (files, snapshot folders, folders of them: kiosk.core.analytics.fleet):
    every table over the whole fleet, each visit counted once, and two more: each kiosk's own summary
    (``kiosks``) and visits per day per kiosk (``sessions_per_day_by_kiosk``)."""
    started = time.perf_counter()
    params = _period(since, until)
    try:
        databases = fleet.find_databases(places)
        with tempfile.TemporaryDirectory(prefix="kiosk-report-") as scratch:
            conn = fleet.merge(databases, Path(scratch) / "fleet.sqlite3")
            try:
                with fleet.as_recorded(conn):
                    report = _build(conn, params, chapter_order)
                names = fleet.kiosk_names(conn)
                own: dict[str, Report] = {}
                for name in names:
                    with fleet.as_recorded(conn, name):
                        own[name] = _build(conn, params, chapter_order)
            finally:
                conn.close()
    except fleet.FleetError as exc:
        raise ReportError(str(exc)) from None
    statuses: dict[str, dict[str, Any]] = {}
    for database in sorted(databases, key=lambda d: str((d.status or {}).get("checked_at", ""))):
        statuses[database.kiosk] = database.status or {}  # the newest snapshot's word on version and content
    files = {name: sum(1 for d in databases if d.kiosk == name) for name in names}
    per_kiosk = [
        (name, r.summary["sessions"], r.summary["first_day"], r.summary["last_day"], r.summary["median_length_s"],
         r.summary["percent_completing_a_chapter"], r.summary["percent_ended_by_timeout"],
         statuses[name].get("version", ""), (statuses[name].get("content") or {}).get("hash") or "", files[name])
        for name, r in own.items()
    ]
    kiosks = Table("kiosks", "Kiosks", ["kiosk", "sessions", "first_day", "last_day", "median_length_s",
                                        "percent_completing_a_chapter", "percent_ended_by_timeout", "version",
                                        "content", "databases"],
                   [tuple("" if v is None else v for v in row) for row in per_kiosk])
    counts = {name: {row[0]: row[1] for row in r.tables["sessions_per_day"].rows} for name, r in own.items()}
    by_day = Table("sessions_per_day_by_kiosk", "Visits per day, per kiosk", ["day", *names, "all"],
                   [(day, *(counts[name].get(day, 0) for name in names), total)
                    for day, total, _ in report.tables["sessions_per_day"].rows])
    report.tables = {"kiosks": kiosks, "sessions_per_day_by_kiosk": by_day, **report.tables}
    report.summary = {"kiosks": len(names), **report.summary}
    report.tables["summary"].rows.insert(0, ("kiosks", len(names)))
    report.kiosks = names
    report.db = Path(places[0]) if len(places) == 1 else Path(os.path.commonpath([Path(p).absolute() for p in places]))
    report.since = since.isoformat() if since else None
    report.until = until.isoformat() if until else None
    report.seconds = time.perf_counter() - started
    return report


def _build(conn: sqlite3.Connection, params: dict[str, str], chapter_order: Sequence[str]) -> Report:
    q = conn.execute
    total, first, last, mean = q(
        _S + "SELECT COUNT(*), MIN(started_at), MAX(started_at), AVG(duration_s) FROM s", params
    ).fetchone()
    median = q(_S + _median_sql("duration_s", "s"), params).fetchone()[0]
    tables: dict[str, Table] = {}

    def table(name: str, title: str, headers: list[str], rows: list[tuple[Any, ...]]) -> None:
        tables[name] = Table(name, title, headers, rows)

    # visits per day (days without visits included) and per hour of day
    per_day = {
        day: (n, minutes)
        for day, n, minutes in q(
            _S + "SELECT substr(started_at, 1, 10), COUNT(*), ROUND(SUM(duration_s) / 60.0, 1) FROM s GROUP BY 1",
            params,
        )
    }
    days = _days_between(first[:10], last[:10]) if total else []
    table("sessions_per_day", "Visits per day", ["day", "sessions", "total_minutes"],
          [(day, *per_day.get(day, (0, 0.0))) for day in days])
    per_hour = dict(q(_S + "SELECT CAST(substr(started_at, 12, 2) AS INTEGER), COUNT(*) FROM s GROUP BY 1", params))
    table("sessions_per_hour", "Visits by hour of day (local time)", ["hour", "sessions"],
          [(hour, per_hour.get(hour, 0)) for hour in range(24)])

    # how long visits last
    cases = " ".join(
        f"WHEN duration_s >= {low}" + (f" AND duration_s < {high}" if high is not None else "") + f" THEN {i}"
        for i, (_, low, high) in enumerate(LENGTH_BUCKETS)
    )
    buckets = dict(q(_S + f"SELECT CASE {cases} END, COUNT(*) FROM s GROUP BY 1", params))
    table("session_length", "Length of visits", ["length", "sessions", "percent"],
          [(label, buckets.get(i, 0), _share(buckets.get(i, 0), total)) for i, (label, _, _) in
           enumerate(LENGTH_BUCKETS)])

    # chapter funnel: visits reaching each chapter and each slide, visits completing each chapter
    reached = dict(q(
        _S + "SELECT v.item, COUNT(DISTINCT v.session_id) FROM views v JOIN s ON s.id = v.session_id "
        "WHERE v.screen = 'chapter' GROUP BY v.item", params))
    completed = dict(q(
        _S + "SELECT c.chapter, COUNT(*) FROM session_chapters c JOIN s ON s.id = c.session_id GROUP BY c.chapter",
        params))
    order = {chapter: i for i, chapter in enumerate(chapter_order)}
    chapters = sorted(set(reached) | set(completed),
                      key=lambda c: (order.get(c, len(order)), -reached.get(c, 0), c))
    table("chapter_funnel", "Chapters: visits reaching and completing each",
          ["chapter", "sessions_reached", "percent_of_sessions", "sessions_completed", "percent_completing"],
          [(c, reached.get(c, 0), _share(reached.get(c, 0), total), completed.get(c, 0),
            _share(completed.get(c, 0), reached.get(c, 0))) for c in chapters])
    slide_reach = q(
        _S + "SELECT v.item, v.slide, COUNT(DISTINCT v.session_id) FROM views v JOIN s ON s.id = v.session_id "
        "WHERE v.screen = 'chapter' GROUP BY v.item, v.slide", params).fetchall()
    rank = {c: i for i, c in enumerate(chapters)}
    slide_reach.sort(key=lambda r: (rank.get(r[0], len(rank)), r[1]))
    table("slide_funnel", "Slides: visits reaching each", ["chapter", "slide", "sessions_reached",
                                                           "percent_of_chapter"],
          [(c, slide, n, _share(n, reached.get(c, 0))) for c, slide, n in slide_reach])

    # dwell per view; the view a timed-out visit ended on is left out (it holds the idle wait)
    dwell_source = (
        "(SELECT v.link, v.dwell_s FROM views v JOIN s ON s.id = v.session_id "
        "WHERE NOT (v.last = 1 AND s.end_reason = 'timeout'))"
    )
    dwell = q(_S + _median_sql("dwell_s", dwell_source, "link"), params).fetchall()
    totals = dict(q(_S + "SELECT v.link, COUNT(*) FROM views v JOIN s ON s.id = v.session_id GROUP BY v.link", params))
    slide_rank = {(c, s): i for i, (c, s, _) in enumerate(slide_reach)}

    def dwell_key(row: tuple[Any, ...]) -> tuple[int, Any]:
        parts = row[0].split("/")
        if parts[0] == "chapter" and len(parts) == 3:
            return 0, slide_rank.get((parts[1], int(parts[2])), len(slide_rank))
        return 1, row[0]

    dwell.sort(key=dwell_key)
    table("dwell", "Time on each slide and screen (median seconds)",
          ["view", "views", "views_counted", "median_dwell_s"],
          [(link, totals.get(link, n), n, round(median_dwell, 1)) for link, median_dwell, n in dwell])

    # languages
    started_in = dict(q(
        _S + "SELECT l.language, COUNT(*) FROM session_languages l JOIN s ON s.id = l.session_id "
        "WHERE l.seq = 0 GROUP BY 1", params))
    used = dict(q(
        _S + "SELECT l.language, COUNT(DISTINCT l.session_id) FROM session_languages l "
        "JOIN s ON s.id = l.session_id GROUP BY 1", params))
    switched = q(
        _S + "SELECT COUNT(DISTINCT l.session_id) FROM session_languages l JOIN s ON s.id = l.session_id "
        "WHERE l.seq > 0", params).fetchone()[0]
    table("languages", "Languages", ["language", "sessions_started_in", "percent_started_in", "sessions_used"],
          [(lang, started_in.get(lang, 0), _share(started_in.get(lang, 0), total), used.get(lang, 0))
           for lang in sorted(used, key=lambda c: (-started_in.get(c, 0), c))])

    # how visits ended
    ends = q(
        _S + """, done AS (SELECT DISTINCT c.session_id FROM session_chapters c JOIN s ON s.id = c.session_id)
        SELECT s.end_reason, COUNT(*),
               SUM(s.id IN done),
               SUM(s.returned_home),
               SUM(s.id NOT IN done AND NOT s.returned_home)
        FROM s GROUP BY s.end_reason ORDER BY COUNT(*) DESC""", params).fetchall()
    table("endings", "How visits ended",
          ["end_reason", "sessions", "completed_a_chapter", "returned_home", "neither"], ends)

    # features: other screens, visitor modes, named events
    screens = dict(q(
        _S + "SELECT v.screen, COUNT(DISTINCT v.session_id) FROM views v JOIN s ON s.id = v.session_id "
        "WHERE v.screen NOT IN ('home', 'chapter') GROUP BY 1", params))
    large, contrast = q(_S + "SELECT COALESCE(SUM(large_text), 0), COALESCE(SUM(high_contrast), 0) FROM s",
                        params).fetchone()
    events = q(
        _S + "SELECT e.name, COUNT(*), SUM(e.count) FROM session_events e JOIN s ON s.id = e.session_id "
        "GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall()
    feature_rows = [("screen", name, screens.get(name, 0), _share(screens.get(name, 0), total), "")
                    for name in [*OTHER_SCREENS, *sorted(set(screens) - set(OTHER_SCREENS))]]
    feature_rows += [("mode", "large-text", large, _share(large, total), ""),
                     ("mode", "high-contrast", contrast, _share(contrast, total), "")]
    feature_rows += [("event", name, n, _share(n, total), uses) for name, n, uses in events]
    table("features", "Features used", ["kind", "feature", "sessions", "percent_of_sessions", "uses"],
          feature_rows)

    app_events = q(
        "SELECT substr(at, 1, 10), kind, COUNT(*) FROM app_events WHERE at >= :since AND at < :until "
        "GROUP BY 1, 2 ORDER BY 1, 2", params).fetchall()
    table("app_events", "App events", ["day", "kind", "count"], app_events)

    completed_any = q(
        _S + "SELECT COUNT(DISTINCT c.session_id) FROM session_chapters c JOIN s ON s.id = c.session_id",
        params).fetchone()[0]
    timeouts = sum(row[1] for row in ends if row[0] == "timeout")
    summary = {
        "sessions": total,
        "first_day": first[:10] if first else "",
        "last_day": last[:10] if last else "",
        "median_length_s": median,
        "mean_length_s": round(mean, 1) if mean is not None else None,
        "p25_length_s": _percentile(conn, params, 0.25),
        "p75_length_s": _percentile(conn, params, 0.75),
        "p90_length_s": _percentile(conn, params, 0.90),
        "sessions_completing_a_chapter": completed_any,
        "percent_completing_a_chapter": _share(completed_any, total),
        "sessions_switching_language": switched,
        "percent_ended_by_timeout": _share(timeouts, total),
    }
    table("summary", "Summary", ["measure", "value"], [(k, "" if v is None else v) for k, v in summary.items()])
    return Report(Path(), None, None, summary, tables)


# --- the staff panel ---------------------------------------------------------------------------------------


def today_and_week_figures(db: Path | None, now: float | None = None) -> dict[str, Any]:
    """Visits today and this week (from Monday), the week's median length, top chapter and languages."""
    figures: dict[str, Any] = {
        "sessions_today": 0, "sessions_week": 0, "median_length_s": None, "top_chapter": None, "languages": {},
    }
    if db is None or not Path(db).is_file():
        return figures
    today = dt.date.fromtimestamp(time.time() if now is None else now)
    week = today - dt.timedelta(days=today.weekday())
    params = {"today": today.isoformat(), "since": week.isoformat(), "until": "9999"}
    conn = open_readonly(Path(db))
    try:
        q = conn.execute
        figures["sessions_today"] = q("SELECT COUNT(*) FROM sessions WHERE started_at >= :today", params).fetchone()[0]
        figures["sessions_week"] = q("SELECT COUNT(*) FROM sessions WHERE started_at >= :since", params).fetchone()[0]
        median = q(_S + _median_sql("duration_s", "s"), params).fetchone()[0]
        figures["median_length_s"] = None if median is None else round(median)
        top = q(
            _S + "SELECT v.item FROM views v JOIN s ON s.id = v.session_id WHERE v.screen = 'chapter' "
            "GROUP BY v.item ORDER BY COUNT(DISTINCT v.session_id) DESC, v.item LIMIT 1", params).fetchone()
        figures["top_chapter"] = top[0] if top else None
        languages = q(
            "SELECT l.language, COUNT(*) FROM session_languages l JOIN sessions s ON s.id = l.session_id "
            "WHERE l.seq = 0 AND s.started_at >= :since GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall()
        week_total = sum(n for _, n in languages)
        figures["languages"] = {lang: _share(n, week_total) for lang, n in languages}
    finally:
        conn.close()
    return figures


def _duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def figures_lines(figures: dict[str, Any]) -> dict[str, str]:
    """The figures as diagnostics lines for the staff panel."""
    languages = ", ".join(f"{lang} {share:.0f}%" for lang, share in figures["languages"].items())
    return {
        "visits today": str(figures["sessions_today"]),
        "visits this week": str(figures["sessions_week"]),
        "median visit (week)": _duration_text(figures["median_length_s"]),
        "top chapter (week)": figures["top_chapter"] or "-",
        "languages (week)": languages or "-",
    }


def staff_panel_lines(recorder: Recorder) -> dict[str, str]:
    """The staff panel's analytics lines: this week's figures, or why there are none."""
    if not isinstance(recorder, SqliteRecorder):
        return {"analytics": "off"}
    if recorder.failed:
        return {"analytics": f"not recording (see the log): {recorder.path}"}
    recorder.flush(timeout=1.0)
    try:
        return figures_lines(today_and_week_figures(recorder.path, now=recorder.wall_clock()))
    except sqlite3.Error as exc:
        return {"analytics": f"cannot read {recorder.path}: {exc}"}
