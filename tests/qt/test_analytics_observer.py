"""Visitor analytics on the real kiosk: a scripted visit through the window becomes one session in SQLite, with
its views in order and their dwell, its languages, its completed chapter and why it ended."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QThreadPool
from qtkit import FakeClock, find, tap, touch_tap, wait_settled

from kiosk.app import KioskApp
from kiosk.core.analytics.recorder import NullRecorder, SqliteRecorder
from kiosk.core.content.loader import load_content
from kiosk.qt import items
from kiosk.qt.analytics import AnalyticsObserver
from kiosk.qt.items import wait_until
from kiosk.qt.kiosk import KioskOptions

TIMEOUT, WARNING = 30, 20
OPTIONS = KioskOptions(idle_timeout_seconds=TIMEOUT, idle_warning_seconds=WARNING, document_timeout_seconds=120)
NOON = time.mktime((2025, 3, 12, 12, 0, 30, 0, 0, -1))


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def make_app(qapp, content_root: Path, tmp_path: Path):
    """``make_app(recorder)``: the real kiosk (backend, QML, window) on the test exhibit, with a fake clock."""
    apps: list[KioskApp] = []

    def make(recorder) -> KioskApp:
        content = load_content(content_root, media_roots=[content_root / "media"])
        clock = FakeClock()
        app = KioskApp(content, options=OPTIONS, size=(1920, 1080), media_roots=[content_root / "media"],
                       clock=clock, recorder=recorder)
        app.clock = clock  # type: ignore[attr-defined]
        apps.append(app)
        assert app.window is not None, app.warnings
        app.window.show()
        assert wait_until(app.window.isExposed, 5.0)
        assert wait_until(lambda: app.input_watcher.listening, 5.0)
        return app

    yield make
    for app in apps:
        QThreadPool.globalInstance().waitForDone(5000)
        warnings = list(app.warnings)
        app.window.hide()
        app.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        assert warnings == [], "\n".join(warnings)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "analytics.sqlite3"


@pytest.fixture
def recorder(db: Path):
    rec = SqliteRecorder(db, wall_clock=lambda: NOON)
    yield rec
    rec.close()


def at(app, screen: str, qtbot) -> None:
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == screen)
    wait_settled(qtbot, app)


def idle_for(app, seconds: float) -> None:
    app.clock.advance(seconds)
    app.kiosk.idle.poll()


def test_a_visit_through_the_window_is_recorded_as_one_session(qtbot, make_app, recorder, db) -> None:
    app = make_app(recorder)
    assert isinstance(app.analytics, AnalyticsObserver)
    window = app.window
    marks = {}

    find(qtbot, window, "exhibitTitle")
    app.clock.advance(1)
    touch_tap(qtbot, window, QPoint(window.width() // 2, window.height() // 3))  # touch to begin
    at(app, "home", qtbot)
    marks["begin"] = app.clock.now

    app.clock.advance(6)
    tap(qtbot, app, "chapterCard_one")  # +1 s
    at(app, "chapter", qtbot)
    marks["slide0"] = app.clock.now
    app.clock.advance(10)
    tap(qtbot, app, "nextButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.slideIndex == 1)
    marks["slide1"] = app.clock.now
    app.clock.advance(20)
    tap(qtbot, app, "language_ru")  # reads on in Russian
    qtbot.waitUntil(lambda: app.kiosk.language == "ru")
    tap(qtbot, app, "nextButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.slideIndex == 2)  # the last slide: chapter one completed
    marks["slide2"] = app.clock.now
    app.clock.advance(4)
    tap(qtbot, app, "homeButton")
    at(app, "home", qtbot)
    marks["home"] = app.clock.now

    idle_for(app, TIMEOUT + 1)  # the visitor has walked away: "Still there?"
    qtbot.waitUntil(lambda: app.kiosk.idle.state == "warning")
    marks["warning"] = app.clock.now
    idle_for(app, WARNING)  # nobody answers
    at(app, "attract", qtbot)
    assert app.kiosk.language == "en"  # the reset to the default language is not a language the visitor used
    assert recorder.flush()

    [(duration, reason, returned_home, large, contrast)] = rows(
        db, "SELECT duration_s, end_reason, returned_home, large_text, high_contrast FROM sessions")
    assert reason == "timeout"
    assert duration == round(marks["warning"] - marks["begin"])  # the countdown is not part of the visit
    assert (returned_home, large, contrast) == (1, 0, 0)
    assert rows(db, "SELECT link, dwell_s, last FROM views ORDER BY seq") == [
        ("home", round(marks["slide0"] - marks["begin"]), 0),
        ("chapter/one/0", round(marks["slide1"] - marks["slide0"]), 0),
        ("chapter/one/1", round(marks["slide2"] - marks["slide1"]), 0),
        ("chapter/one/2", round(marks["home"] - marks["slide2"]), 0),
        ("home", TIMEOUT + 1, 1),
    ]
    assert rows(db, "SELECT language FROM session_languages ORDER BY seq") == [("en",), ("ru",)]
    assert rows(db, "SELECT chapter FROM session_chapters") == [("one",)]
    assert rows(db, "SELECT started_at FROM sessions") == [("2025-03-12 12:00",)]

    text = app.kiosk.staff.diagnostics()  # what the staff panel shows
    assert "visits today: 1" in text
    assert "top chapter (week): one" in text


def test_a_language_chosen_on_attract_is_where_the_visit_starts(qtbot, make_app, recorder, db) -> None:
    app = make_app(recorder)
    tap(qtbot, app, "attractLanguage_ru")  # chooses the language and begins
    at(app, "home", qtbot)
    app.clock.advance(5)
    app.kiosk.visit.reset()  # any other return to Attract (a deep link, a tool)
    recorder.flush()
    assert rows(db, "SELECT language FROM session_languages") == [("ru",)]
    assert rows(db, "SELECT end_reason, duration_s FROM sessions") == [("reset", 5)]


def test_staff_exit_modes_and_shutdown_end_reasons(qtbot, make_app, recorder, db) -> None:
    app = make_app(recorder)
    kiosk, clock = app.kiosk, app.clock

    clock.advance(1)
    kiosk.visit.begin()
    clock.advance(1)
    kiosk.visit.openScreen("timeline")
    kiosk.modes.setLargeText(True)
    app.analytics.recordEvent("timeline.event")
    clock.advance(9)
    kiosk.staff.exit()  # the app would quit now; here it stays
    recorder.flush()
    assert rows(db, "SELECT end_reason, duration_s, large_text FROM sessions") == [("staff", 10, 1)]
    assert rows(db, "SELECT name, count FROM session_events") == [("timeline.event", 1)]
    assert rows(db, "SELECT kind FROM app_events") == [("staff-exit",)]

    kiosk.visit.reset()
    clock.advance(1)
    kiosk.visit.begin()
    clock.advance(7)
    app.analytics.shutdown()  # what the application's aboutToQuit does
    recorder.flush()
    assert rows(db, "SELECT end_reason, duration_s FROM sessions WHERE end_reason != 'staff'") == [("shutdown", 7)]


def test_a_touch_in_the_warning_keeps_the_visit_going(qtbot, make_app, recorder, db) -> None:
    app = make_app(recorder)
    kiosk, clock = app.kiosk, app.clock
    clock.advance(1)
    kiosk.visit.begin()
    idle_for(app, TIMEOUT + 1)
    assert kiosk.idle.state == "warning"
    clock.advance(3)
    kiosk.idle.activity()
    clock.advance(2)
    kiosk.visit.reset()
    recorder.flush()
    assert rows(db, "SELECT end_reason, duration_s FROM sessions") == [("reset", TIMEOUT + 6)]


def test_with_analytics_off_the_kiosk_runs_the_same(qtbot, make_app, tmp_path: Path) -> None:
    app = make_app(NullRecorder())
    app.clock.advance(1)
    app.kiosk.visit.begin()
    app.clock.advance(1)
    app.kiosk.visit.openChapter(0)
    assert "analytics: off" in app.kiosk.staff.diagnostics()
    assert list(tmp_path.glob("*.sqlite3")) == []


def test_what_a_visitor_does_on_a_screen_is_counted_for_the_session(qtbot, make_app, recorder, db) -> None:
    app = make_app(recorder)
    app.clock.advance(1)
    app.kiosk.visit.begin()
    at(app, "home", qtbot)
    app.kiosk.recordFeature("timeline.event")  # what the screens call when a visitor opens an event
    app.kiosk.recordFeature("timeline.event")
    app.kiosk.recordFeature("myth.reveal")
    assert recorder.flush()
    assert sorted(rows(db, "SELECT name, count FROM session_events")) == [("myth.reveal", 1), ("timeline.event", 2)]


def test_the_ways_in_for_every_visitor_are_counted(qtbot, make_app, recorder, db) -> None:
    """The museum sees how many visits used the keypad, the audio guide, a Listen button and low reach."""
    from PySide6.QtCore import Qt

    app = make_app(recorder)
    kiosk, clock = app.kiosk, app.clock
    clock.advance(1)
    items.key(app.window, Qt.Key.Key_P)  # the keypad's play, on Attract: begins, with the audio guide
    qtbot.waitUntil(lambda: kiosk.visit.screen == "home" and kiosk.audio.guide)
    items.key(app.window, Qt.Key.Key_Down)
    kiosk.audio.setGuide(False)
    qtbot.waitUntil(lambda: not kiosk.audio.playing)  # else the Listen button stops it
    tap(qtbot, app, "listenButton")
    kiosk.modes.setLowReach(True)  # after the tap: the stage moves
    clock.advance(5)
    kiosk.visit.reset()
    recorder.flush()
    events = dict(rows(db, "SELECT name, count FROM session_events"))
    assert events == {"keypad.play_pause": 1, "keypad.down": 1, "audio.guide": 1, "mode.low_reach": 1,
                      "audio.listen": 1}, events
