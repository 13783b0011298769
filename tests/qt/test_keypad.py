"""The museum keypad on the shipped exhibit: keys only (arrows, select, back), pressed on the window, reach every
function, and each test checks what changed on the screen: the screen, the slide, the zoom, the event, the mode.
A technician's key map from kiosk.toml is used as given."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem
from qtkit import on_screen
from screenkit import item, shipped_app_fixture, start_visit, wait_screen

from kiosk.core.ops.config import CliOverrides, ConfigError, resolve_settings
from kiosk.core.visit.keypad import DEFAULT_KEYS, KEY_NAMES, SYMBOLS, qt_key_name
from kiosk.qt import items
from kiosk.qt.keypad import key_codes

K = Qt.Key


@pytest.fixture(scope="module")
def app(qapp):
    yield from shipped_app_fixture()


@pytest.fixture
def home(qtbot, app):
    start_visit(qtbot, app)
    yield app
    app.keypad.use_keys(DEFAULT_KEYS)
    app.kiosk.modes.reset()
    assert app.warnings == [], "\n".join(app.warnings)


def press(qtbot, app, key: Qt.Key) -> None:
    app.clock.advance(1)  # past the navigation guard, as a visitor's next press is
    items.key(app.window, key)
    qtbot.wait(20)


def focused(app) -> str:
    """The name of what has the focus: the control, or the view whose card has it."""
    found = items.focused(app.window)
    if found is None:
        return ""
    return next((item.objectName() for item in (found, *items.ancestors(found)) if item.objectName()), "")


def wait_focus(qtbot, app, wanted) -> None:
    """Until the focus is on a control ``wanted`` accepts (its name in, or a prefix of it)."""
    def there() -> bool:
        name = focused(app)
        return name.startswith(wanted) if isinstance(wanted, str) else name in wanted

    try:
        qtbot.waitUntil(there)
    except Exception:
        raise AssertionError(f"the focus is on {focused(app)!r}, not {wanted}") from None


def press_until(qtbot, app, key: Qt.Key, name: str, limit: int = 40) -> None:
    """Press ``key`` until the control called ``name`` has the focus (and shows, once what it is in has faded in)."""
    for _ in range(limit):
        if focused(app).startswith(name):
            shows = items.wait_until(lambda: on_screen(app.window, items.focused(app.window)), 2.0)
            assert shows, f"{focused(app)} has the focus off screen"
            return
        press(qtbot, app, key)
    raise AssertionError(f"{key} never reached {name}; the focus is on {focused(app)!r}")


def open_from_home(qtbot, app, entry: str, screen: str) -> None:
    press_until(qtbot, app, K.Key_Down, entry)
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == screen)
    wait_screen(qtbot, app)


def test_any_key_on_attract_begins_and_the_focus_shows(qtbot, home) -> None:
    app = home
    app.kiosk.visit.reset()
    wait_screen(qtbot, app)
    press(qtbot, app, K.Key_Down)
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    assert app.kiosk.modes.keyboard, "a key was pressed: the focus ring shows"
    qtbot.waitUntil(lambda: focused(app) == "chapterGrid")


def test_home_reaches_every_entry_and_the_mode_and_language_switches(qtbot, home) -> None:
    app = home
    for name in ("openDocument", "openTimeline", "openPeople", "openMyth", "language_ru", "largeTextButton"):
        press_until(qtbot, app, K.Key_Down, name)
    press(qtbot, app, K.Key_Return)
    assert app.kiosk.modes.largeText
    press(qtbot, app, K.Key_Return)
    assert not app.kiosk.modes.largeText
    press_until(qtbot, app, K.Key_Down, "contrastButton")
    press(qtbot, app, K.Key_Return)
    assert app.kiosk.modes.highContrast
    press_until(qtbot, app, K.Key_Up, "language_ru")
    press(qtbot, app, K.Key_Return)
    assert app.kiosk.language == "ru"
    press_until(qtbot, app, K.Key_Down, "chapterGrid")  # round to the cards again
    app.kiosk.setLanguage("en")


def test_a_chapter_slides_more_and_the_way_on_by_keys(qtbot, home) -> None:
    app, visit = home, home.kiosk.visit
    press_until(qtbot, app, K.Key_Up, "chapterGrid")
    item(app, "chapterGrid").setProperty("currentIndex", 0)
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.screen == "chapter")
    wait_screen(qtbot, app)
    qtbot.waitUntil(lambda: focused(app) == "nextButton")
    press(qtbot, app, K.Key_Right)
    assert visit.slideIndex == 1
    press(qtbot, app, K.Key_Left)
    assert visit.slideIndex == 0
    count = app.window.findChild(type(app.window.contentItem()), "slideView").property("count")
    more_seen = False
    for index in range(count - 1):
        qtbot.waitUntil(lambda shown=index: visit.slideIndex == shown)
        qtbot.wait(300)  # the slide settles in place
        if not more_seen:
            more_seen = _open_more_if_any(qtbot, app)
            press_until(qtbot, app, K.Key_Down, "nextButton")
        press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.slideIndex == count - 1)
    wait_focus(qtbot, app, ("nextChapterButton", "finishButton"))  # Next hid; the focus went on
    chapter = visit.chapterId
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.chapterId != chapter and visit.slideIndex == 0)
    qtbot.waitUntil(lambda: focused(app) == "nextButton")
    press(qtbot, app, K.Key_Escape)
    qtbot.waitUntil(lambda: visit.chapterId == chapter)
    assert more_seen, "no slide of the first chapter has More"


def _open_more_if_any(qtbot, app) -> bool:
    """Down to the shown slide's More, if it has one, and open it; only the slide shown is reachable."""
    for _ in range(12):
        press(qtbot, app, K.Key_Down)
        if focused(app) == "slideMore":
            more = items.focused(app.window)
            assert on_screen(app.window, more)
            before = more.property("text")
            press(qtbot, app, K.Key_Return)
            assert more.property("text") != before  # More became Less: the rest of the story shows
            return True
        if focused(app) == "nextButton":
            return False
    return False


def test_the_document_zooms_pans_turns_pages_and_steps_paragraphs_by_keys(qtbot, home) -> None:
    app, visit = home, home.kiosk.visit
    open_from_home(qtbot, app, "openDocument", "document")
    viewer = item(app, "facsimile")
    assert focused(app) == "facsimile"

    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: viewer.property("zoom") > 2)
    flick = item(app, "facsimileFlick")
    x = flick.property("contentX")
    press(qtbot, app, K.Key_Right)
    qtbot.waitUntil(lambda: flick.property("contentX") > x)
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: viewer.property("zoom") == 1)

    if viewer.property("pageCount") > 1:
        press(qtbot, app, K.Key_Down)
        qtbot.waitUntil(lambda: viewer.property("pageInViewNow") == 2)
        press(qtbot, app, K.Key_Up)
        qtbot.waitUntil(lambda: viewer.property("pageInViewNow") == 1)

    press_until(qtbot, app, K.Key_Right, "zoomInButton")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: viewer.property("zoom") > 1.4)
    press_until(qtbot, app, K.Key_Right, "resetZoomButton")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: viewer.property("zoom") == 1)

    press_until(qtbot, app, K.Key_Right, "transcript")
    reading = visit.position
    press(qtbot, app, K.Key_Down)
    press(qtbot, app, K.Key_Down)
    assert visit.position == reading + 2
    press(qtbot, app, K.Key_Up)
    assert visit.position == reading + 1

    for _ in range(30):  # down the letter to a paragraph that names someone, then across to the name
        if item(app, "paragraphLinks").height() > 0:
            break
        press(qtbot, app, K.Key_Down)
    press_until(qtbot, app, K.Key_Right, "mentionButton_")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.screen == "person")
    wait_screen(qtbot, app)

    # the person's card: the focus is on its first link, and select follows it
    wait_focus(qtbot, app, "appearance_")
    link = focused(app).removeprefix("appearance_")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.link.startswith(link.rsplit("/", 1)[0]) and visit.screen != "person")
    press(qtbot, app, K.Key_Escape)
    qtbot.waitUntil(lambda: visit.screen == "person")
    press(qtbot, app, K.Key_Escape)
    qtbot.waitUntil(lambda: visit.screen == "document")


def test_the_timeline_events_and_their_links_by_keys(qtbot, home) -> None:
    app, visit = home, home.kiosk.visit
    open_from_home(qtbot, app, "openTimeline", "timeline")
    assert focused(app) == "nextEventButton"
    press(qtbot, app, K.Key_Right)
    first = visit.item
    assert first
    press(qtbot, app, K.Key_Right)
    assert visit.item not in ("", first)
    press(qtbot, app, K.Key_Return)  # Next, the focused button
    third = visit.item
    assert third not in ("", first)
    press_until(qtbot, app, K.Key_Up, "eventSlideLink")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.screen == "chapter")
    press(qtbot, app, K.Key_Escape)
    qtbot.waitUntil(lambda: visit.screen == "timeline" and visit.item == third)


def test_the_people_and_the_myth_by_keys(qtbot, home) -> None:
    app, visit = home, home.kiosk.visit
    open_from_home(qtbot, app, "openPeople", "people")
    assert focused(app) == "peopleGrid"
    press(qtbot, app, K.Key_Right)
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.screen == "person")
    wait_screen(qtbot, app)
    press_until(qtbot, app, K.Key_Down, "allPeopleButton")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.screen == "people")
    wait_screen(qtbot, app)

    press_until(qtbot, app, K.Key_Down, "homeButton")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.screen == "home")
    wait_screen(qtbot, app)
    open_from_home(qtbot, app, "openMyth", "myth")
    qtbot.waitUntil(lambda: focused(app) == "mythSearchButton")
    press(qtbot, app, K.Key_Return)
    qtbot.waitUntil(lambda: visit.position == 1, timeout=10000)  # the search read the letter: not found
    qtbot.waitUntil(lambda: focused(app) == "mythWhereButton")
    press(qtbot, app, K.Key_Return)
    assert visit.position == 2


def test_following_the_focus_keeps_nothing_alive(qtbot, home) -> None:
    """The keypad and the audio guide read the focus at every move; over months of visits what they read must not
    pile up. Through the chapters and back by keys, the slides' controls made and let go on the way, the window
    comes to hold none of the items that had the focus (PySide kept each that ``activeFocusItem()`` returned)."""
    app = home

    def held() -> set[int]:
        gc.collect()
        return {id(r) for r in gc.get_referents(app.window) if isinstance(r, QQuickItem)}

    before = held()
    for _ in range(3):
        press_until(qtbot, app, K.Key_Up, "chapterGrid")
        press(qtbot, app, K.Key_Return)
        qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
        wait_screen(qtbot, app)
        for _ in range(6):
            press(qtbot, app, K.Key_Right)
            press(qtbot, app, K.Key_Down)
        press(qtbot, app, K.Key_Escape)
        qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
        wait_screen(qtbot, app)
        press(qtbot, app, K.Key_Right)
    assert held() <= before, f"the window came to hold {len(held() - before)} items that had the focus"


def test_any_key_is_the_idle_warnings_continue_and_does_nothing_else(qtbot, home) -> None:
    app = home
    press(qtbot, app, K.Key_Down)
    before = focused(app)
    app.kiosk.idle.showWarning()
    qtbot.waitUntil(lambda: focused(app) == "continueButton")
    press(qtbot, app, K.Key_Down)
    assert app.kiosk.idle.state == "active"
    assert app.kiosk.visit.screen == "home"
    qtbot.waitUntil(lambda: focused(app) == before)


def test_a_technicians_key_map_from_kiosk_toml_is_used(qtbot, home, tmp_path: Path) -> None:
    app, visit = home, home.kiosk.visit
    config = tmp_path / "kiosk.toml"
    config.write_text('[keypad]\nright = ["L"]\nselect = ["F5"]\nback = ["Q"]\n', encoding="utf-8")
    app.keypad.use_keys(resolve_settings(CliOverrides(config_file=config), {}).keypad)
    press_until(qtbot, app, K.Key_Up, "chapterGrid")
    grid = item(app, "chapterGrid")
    grid.setProperty("currentIndex", 0)
    press(qtbot, app, K.Key_L)
    assert grid.property("currentIndex") == 1
    press(qtbot, app, K.Key_F5)
    qtbot.waitUntil(lambda: visit.screen == "chapter" and visit.chapterIndex == 1)
    press(qtbot, app, K.Key_Q)
    qtbot.waitUntil(lambda: visit.screen == "home")


def test_a_bad_key_map_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[keypad]\nselect = ["Enter", "Ok"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kiosk.toml:2: keypad\.select: unknown key 'Ok'"):
        resolve_settings(CliOverrides(config_file=config), {})


def test_every_key_name_the_core_accepts_is_a_qt_key() -> None:
    names = [*KEY_NAMES, *SYMBOLS]
    assert len(key_codes({"select": names})) == len({qt_key_name(name) for name in names})
