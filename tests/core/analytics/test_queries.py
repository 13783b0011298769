"""The report's aggregates and the staff panel's figures (kiosk.core.analytics.queries), checked against the raw
rows of 10,000 generated visits."""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from analyticskit import CHAPTERS, DAY, WEDNESDAY, rows

from kiosk.core.analytics.queries import (
    LENGTH_BUCKETS,
    ReportError,
    build_report,
    figures_lines,
    staff_panel_lines,
    today_and_week_figures,
)
from kiosk.core.analytics.recorder import SqliteRecorder
from kiosk.core.analytics.writers import write_report


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
