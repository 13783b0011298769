"""A visitor's journey through the real window: touch, swipes, keys only, Back, double taps and two fingers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QSignalSpy
from qtkit import (
    CHAPTER_SLIDES,
    center,
    find,
    is_shown,
    key,
    scene_rect,
    tap,
    text_of,
    touch_swipe,
    touch_tap,
    wait_settled,
    wait_slide_still,
)

from kiosk.qt import items

# a Qt warning (a binding that fails, focus that goes astray) fails the test like a QML warning does
pytestmark = pytest.mark.qt_log_level_fail("WARNING")


Key = Qt.Key


def swipe_slides(qtbot, app, direction: int, fingers: int = 1) -> None:
    """Drag across the slide view: direction +1 is right to left (the next slide), -1 left to right."""
    view = find(qtbot, app.window, "slideView")
    rect = scene_rect(view)
    y = int(rect.center().y()) - 60
    right, left = QPoint(int(rect.right() - rect.width() * 0.15), y), QPoint(int(rect.left() + rect.width() * 0.15), y)
    start, end = (right, left) if direction > 0 else (left, right)
    app.clock.advance(1)
    touch_swipe(qtbot, app.window, start, end, fingers=fingers)


def wait_view_still(qtbot, app) -> None:
    wait_slide_still(qtbot, app.window, lambda: app.kiosk.visit.slideIndex)


def assert_on_slide(qtbot, app, chapter: str, index: int) -> None:
    visit = app.kiosk.visit
    qtbot.waitUntil(lambda: (visit.screen, visit.chapterId, visit.slideIndex) == ("chapter", chapter, index))
    wait_view_still(qtbot, app)
    assert text_of(find(qtbot, app.window, "slideProgress")) == f"{index + 1} of {CHAPTER_SLIDES[chapter]}"


def begin_by_touch(qtbot, app) -> None:
    window = app.window
    find(qtbot, window, "exhibitTitle")
    touch_tap(qtbot, window, QPoint(window.width() // 2, window.height() // 3))
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    wait_settled(qtbot, app)


def open_chapter_one(qtbot, app) -> None:
    begin_by_touch(qtbot, app)
    tap(qtbot, app, "chapterCard_one")
    assert_on_slide(qtbot, app, "one", 0)
    wait_settled(qtbot, app)


# --- touch ----------------------------------------------------------------------------------------------------


def test_touch_on_attract_opens_home(qtbot, kiosk_app) -> None:
    window = kiosk_app.window
    assert kiosk_app.kiosk.visit.screen == "attract"

    begin_by_touch(qtbot, kiosk_app)

    assert is_shown(window, "chapterGrid")
    assert not is_shown(window, "exhibitTitle")
    assert not find(qtbot, window, "backButton").isEnabled()  # nowhere to go back to at the start of a visit


@pytest.mark.parametrize("kiosk_app", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"], indirect=True)
def test_touch_journey_swipes_through_every_slide_and_on_to_the_next_chapter(qtbot, kiosk_app) -> None:
    app, window = kiosk_app, kiosk_app.window
    begin_by_touch(qtbot, app)

    tap(qtbot, app, "chapterCard_one")

    assert_on_slide(qtbot, app, "one", 0)
    assert text_of(find(qtbot, window, "chapterTitle")) == "Dictation"
    assert is_shown(window, "nextButton")
    assert not is_shown(window, "nextChapterButton")
    for index in range(1, CHAPTER_SLIDES["one"]):
        swipe_slides(qtbot, app, +1)
        assert_on_slide(qtbot, app, "one", index)
    # the end of the chapter: the way on replaces Next, and a further swipe stays put
    find(qtbot, window, "nextChapterButton")
    assert not is_shown(window, "nextButton")
    swipe_slides(qtbot, app, +1)
    assert_on_slide(qtbot, app, "one", CHAPTER_SLIDES["one"] - 1)

    tap(qtbot, app, "nextChapterButton")

    assert_on_slide(qtbot, app, "two", 0)
    qtbot.waitUntil(lambda: text_of(find(qtbot, window, "chapterTitle")) == "Reading")
    assert not find(qtbot, window, "previousButton").isEnabled()


def test_previous_and_next_buttons_by_touch(qtbot, kiosk_app) -> None:
    app, window = kiosk_app, kiosk_app.window
    open_chapter_one(qtbot, app)

    tap(qtbot, app, "previousButton")  # disabled on the first slide
    assert_on_slide(qtbot, app, "one", 0)
    tap(qtbot, app, "nextButton")
    assert_on_slide(qtbot, app, "one", 1)
    assert find(qtbot, window, "previousButton").isEnabled()
    tap(qtbot, app, "nextButton")
    assert_on_slide(qtbot, app, "one", 2)
    tap(qtbot, app, "previousButton")
    assert_on_slide(qtbot, app, "one", 1)
    swipe_slides(qtbot, app, -1)  # left to right: back a slide
    assert_on_slide(qtbot, app, "one", 0)

    # the last chapter ends with the way back to the chapters instead of a next chapter
    app.clock.advance(1)
    app.kiosk.visit.openChapter(1)
    assert_on_slide(qtbot, app, "two", 0)
    tap(qtbot, app, "nextButton")
    assert_on_slide(qtbot, app, "two", 1)
    assert not is_shown(window, "nextChapterButton")
    tap(qtbot, app, "finishButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")


def test_back_returns_through_history(qtbot, kiosk_app) -> None:
    app, window = kiosk_app, kiosk_app.window
    open_chapter_one(qtbot, app)
    swipe_slides(qtbot, app, +1)
    assert_on_slide(qtbot, app, "one", 1)
    tap(qtbot, app, "nextButton")
    assert_on_slide(qtbot, app, "one", 2)
    tap(qtbot, app, "nextChapterButton")
    assert_on_slide(qtbot, app, "two", 0)

    tap(qtbot, app, "backButton")
    assert_on_slide(qtbot, app, "one", 2)  # where the visitor left chapter one (slides are not history steps)

    tap(qtbot, app, "backButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    wait_settled(qtbot, app)
    assert not find(qtbot, window, "backButton").isEnabled()

    tap(qtbot, app, "chapterCard_two")
    assert_on_slide(qtbot, app, "two", 0)
    tap(qtbot, app, "homeButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")


# --- keys only --------------------------------------------------------------------------------------------------


def focus_by_tab(qtbot, app, name: str, limit: int = 30) -> None:
    """Press Tab until the item called ``name`` has the keyboard focus."""
    window = app.window
    for _ in range(limit):
        focused = items.focused(window)
        if focused is not None and focused.objectName() == name:
            return
        key(qtbot, app, Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; focus is on {items.focused(window)}")


def test_keyboard_only_journey(qtbot, kiosk_app) -> None:
    app, kiosk = kiosk_app, kiosk_app.kiosk
    find(qtbot, app.window, "exhibitTitle")

    key(qtbot, app, Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.visit.screen == "home")
    wait_settled(qtbot, app)
    grid = find(qtbot, app.window, "chapterGrid")
    assert grid.hasActiveFocus()

    key(qtbot, app, Key.Key_Right)
    assert grid.property("currentIndex") == 1
    key(qtbot, app, Key.Key_Enter)
    assert_on_slide(qtbot, app, "two", 0)

    key(qtbot, app, Key.Key_Escape)
    qtbot.waitUntil(lambda: kiosk.visit.screen == "home")
    key(qtbot, app, Key.Key_Left)
    assert grid.property("currentIndex") == 0
    key(qtbot, app, Key.Key_Return)
    assert_on_slide(qtbot, app, "one", 0)

    key(qtbot, app, Key.Key_Right)
    assert_on_slide(qtbot, app, "one", 1)
    key(qtbot, app, Key.Key_Left)
    assert_on_slide(qtbot, app, "one", 0)

    focus_by_tab(qtbot, app, "nextButton")
    key(qtbot, app, Key.Key_Return)
    assert_on_slide(qtbot, app, "one", 1)
    key(qtbot, app, Key.Key_Space)
    assert_on_slide(qtbot, app, "one", 2)

    focus_by_tab(qtbot, app, "nextChapterButton")  # Next is gone at the end; its replacement is reachable
    key(qtbot, app, Key.Key_Space)
    assert_on_slide(qtbot, app, "two", 0)

    key(qtbot, app, Key.Key_Right)  # arrows work again on the new chapter, wherever the focus was left
    assert_on_slide(qtbot, app, "two", 1)

    key(qtbot, app, Key.Key_Escape)
    assert_on_slide(qtbot, app, "one", 2)
    key(qtbot, app, Key.Key_Escape)
    qtbot.waitUntil(lambda: kiosk.visit.screen == "home")


# --- taps that must not count twice ---------------------------------------------------------------------------------


def double_tap(qtbot, app, name: str) -> None:
    """Two taps on the same spot in quick succession: the second lands on whatever the first one opened."""
    point = center(find(qtbot, app.window, name))
    app.clock.advance(1)
    touch_tap(qtbot, app.window, point)
    app.clock.advance(0.1)
    touch_tap(qtbot, app.window, point)


def test_fast_double_tap_on_a_chapter_card_navigates_once(qtbot, kiosk_app) -> None:
    app = kiosk_app
    begin_by_touch(qtbot, app)
    moves = QSignalSpy(app.kiosk.visit.locationChanged)

    double_tap(qtbot, app, "chapterCard_one")

    assert_on_slide(qtbot, app, "one", 0)
    assert moves.count() == 1
    tap(qtbot, app, "backButton")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")


def test_fast_double_tap_on_next_moves_one_slide(qtbot, kiosk_app) -> None:
    app = kiosk_app
    open_chapter_one(qtbot, app)

    double_tap(qtbot, app, "nextButton")

    assert_on_slide(qtbot, app, "one", 1)


def test_fast_double_tap_on_next_chapter_does_not_also_press_next(qtbot, kiosk_app) -> None:
    # Next of the new chapter appears right under the finger that pressed "Next chapter"
    app = kiosk_app
    open_chapter_one(qtbot, app)
    app.kiosk.visit.showSlide(CHAPTER_SLIDES["one"] - 1)
    assert_on_slide(qtbot, app, "one", 2)

    double_tap(qtbot, app, "nextChapterButton")

    assert_on_slide(qtbot, app, "two", 0)


# --- two fingers ------------------------------------------------------------------------------------------------------


def test_two_fingers_on_the_slide_view_never_break_the_screen(qtbot, kiosk_app) -> None:
    app = kiosk_app
    open_chapter_one(qtbot, app)

    for direction in (+1, +1, -1, +1, +1):
        swipe_slides(qtbot, app, direction, fingers=2)
        wait_view_still(qtbot, app)
        index = app.kiosk.visit.slideIndex
        assert 0 <= index < CHAPTER_SLIDES["one"]
        assert_on_slide(qtbot, app, "one", index)

    # and one finger still works afterwards
    start = app.kiosk.visit.slideIndex
    swipe_slides(qtbot, app, -1 if start > 0 else +1)
    assert_on_slide(qtbot, app, "one", start - 1 if start > 0 else 1)
