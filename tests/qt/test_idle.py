"""The idle warning on the real window: "Still there?" after the timeout, a countdown, Continue any number of
times, and the end of the visit (Attract, default language and modes, no history)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from qtkit import find, is_shown, key, tap, text_of, touch_tap, wait_hidden, wait_settled

from kiosk.qt.kiosk import KioskOptions

# a Qt warning (a binding that fails, focus that goes astray) fails the test like a QML warning does
pytestmark = pytest.mark.qt_log_level_fail("WARNING")

TIMEOUT, WARNING, DOCUMENT = 30, 20, 120
OPTIONS = KioskOptions(idle_timeout_seconds=TIMEOUT, idle_warning_seconds=WARNING, document_timeout_seconds=DOCUMENT)


@pytest.fixture
def app(make_kiosk_app):
    return make_kiosk_app(OPTIONS)


def begin(qtbot, app) -> None:
    tap(qtbot, app, "exhibitTitle")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    wait_settled(qtbot, app)


def idle_for(app, seconds: float) -> None:
    app.clock.advance(seconds)
    app.kiosk.idle.poll()


def wait_warning(qtbot, app, seconds_left: int) -> None:
    qtbot.waitUntil(lambda: is_shown(app.window, "idlePanel"))
    countdown = find(qtbot, app.window, "idleCountdown")
    qtbot.waitUntil(lambda: text_of(countdown).startswith(f"Returning to the start in {seconds_left} s"))
    assert app.kiosk.idle.state == "warning"


def wait_active(qtbot, app) -> None:
    """Until the visit is active again and the warning has faded out completely."""
    qtbot.waitUntil(lambda: app.kiosk.idle.state == "active")
    wait_hidden(qtbot, app.window, "idlePanel")


def test_warning_appears_after_the_timeout_and_counts_down(qtbot, app) -> None:
    begin(qtbot, app)

    idle_for(app, TIMEOUT - 1)
    assert app.kiosk.idle.state == "active"
    assert not is_shown(app.window, "idlePanel")

    idle_for(app, 1.5)
    wait_warning(qtbot, app, WARNING)

    idle_for(app, 5)
    wait_warning(qtbot, app, WARNING - 5)

    idle_for(app, 10)
    wait_warning(qtbot, app, WARNING - 15)


def test_the_idle_timer_polls_by_itself(qtbot, app) -> None:
    begin(qtbot, app)

    app.clock.advance(TIMEOUT + 1)  # no explicit poll: the backend's own timer notices

    wait_warning(qtbot, app, WARNING)


def test_continue_works_any_number_of_times(qtbot, app) -> None:
    begin(qtbot, app)
    tap(qtbot, app, "chapterCard_one")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")

    for _ in range(4):
        idle_for(app, TIMEOUT + 1)
        wait_warning(qtbot, app, WARNING)
        idle_for(app, WARNING - 2)
        tap(qtbot, app, "continueButton")
        wait_active(qtbot, app)
        assert (app.kiosk.visit.screen, app.kiosk.visit.chapterId) == ("chapter", "one")


def test_any_touch_anywhere_continues(qtbot, app) -> None:
    begin(qtbot, app)
    window = app.window

    for point in (QPoint(window.width() // 2, window.height() // 4), QPoint(window.width() - 40, window.height() - 40)):
        idle_for(app, TIMEOUT + 1)
        wait_warning(qtbot, app, WARNING)
        touch_tap(qtbot, window, point)
        wait_active(qtbot, app)
    assert app.kiosk.visit.screen == "home"


def test_a_key_continues_and_keys_still_work_afterwards(qtbot, app) -> None:
    begin(qtbot, app)
    key(qtbot, app, Qt.Key.Key_Return)  # the grid has the focus: chapter one
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
    wait_settled(qtbot, app)

    idle_for(app, TIMEOUT + 1)
    wait_warning(qtbot, app, WARNING)
    key(qtbot, app, Qt.Key.Key_Return)  # Continue has the focus while the warning shows
    wait_active(qtbot, app)

    key(qtbot, app, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: app.kiosk.visit.slideIndex == 1)


def test_expiry_ends_the_visit_and_resets_language_modes_and_history(qtbot, app) -> None:
    kiosk = app.kiosk
    begin(qtbot, app)
    tap(qtbot, app, "language_ru")
    tap(qtbot, app, "largeTextButton")
    tap(qtbot, app, "contrastButton")
    tap(qtbot, app, "chapterCard_one")
    qtbot.waitUntil(lambda: kiosk.visit.screen == "chapter")
    modes = kiosk.modes
    assert (kiosk.language, modes.largeText, modes.highContrast, kiosk.visit.canGoBack) == ("ru", True, True, True)

    idle_for(app, TIMEOUT + 1)
    wait_warning(qtbot, app, WARNING)
    idle_for(app, WARNING)

    qtbot.waitUntil(lambda: kiosk.visit.screen == "attract")
    assert (kiosk.language, kiosk.modes.largeText, kiosk.modes.highContrast) == ("en", False, False)
    assert not kiosk.navigator.can_go_back
    assert kiosk.idle.state == "off"
    wait_hidden(qtbot, app.window, "idlePanel")
    assert text_of(find(qtbot, app.window, "exhibitTitle")) == "The Testament"

    # Attract waits for the next visitor for as long as it takes
    idle_for(app, 10 * TIMEOUT)
    assert kiosk.visit.screen == "attract" and not is_shown(app.window, "idlePanel")

    begin(qtbot, app)
    assert not find(qtbot, app.window, "backButton").isEnabled()  # the new visit starts without history
    assert find(qtbot, app.window, "language_ru").isVisible()


def test_document_screen_gets_the_longer_timeout(qtbot, app) -> None:
    begin(qtbot, app)
    tap(qtbot, app, "openDocument")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "document")

    idle_for(app, TIMEOUT + 1)
    assert app.kiosk.idle.state == "active"
    idle_for(app, DOCUMENT - TIMEOUT - 2)
    assert app.kiosk.idle.state == "active"
    idle_for(app, 2)
    wait_warning(qtbot, app, WARNING)

    # back on a chapter, the ordinary timeout applies again
    tap(qtbot, app, "continueButton")
    wait_active(qtbot, app)
    tap(qtbot, app, "backButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    idle_for(app, TIMEOUT + 1)
    wait_warning(qtbot, app, WARNING)
