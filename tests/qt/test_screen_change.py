"""A screen change dips through the paper: a veil thickens over the screen left, the next takes its place beneath
it, and the veil clears, so that one screen is drawn at a time and no picture of a whole screen is kept for the
change; where the processor draws a screen of more than twice full HD, the screens change at once, in the touch's own
frame when the next screen is built; the screens most visits never open are built when first opened, as the change
begins (Main.qml, ScreenSlot; docs/performance.md); and once the changes are over, what the screen left freed goes
back to the system (kiosk.app, kiosk.core.ops.heap)."""

from __future__ import annotations

import time

import pytest
from contentkit import image, write_content
from PIL import Image as PilImage
from PySide6.QtCore import QCoreApplication
from PySide6.QtQuick import QQuickItem
from qtkit import kiosk_files

from kiosk.app import CHANGE_OVER_MS
from kiosk.core.ops import heap
from kiosk.qt import items
from kiosk.qt.items import IMAGE_READY, iter_items, stage_screens


@pytest.fixture
def content_root(tmp_path):
    """The test exhibit with two attract pictures, so that one shows and the next waits for the crossfade."""
    data = kiosk_files()
    data["exhibit.json"]["attract"]["images"] = [image(), image("photos/ink.png")]
    root = write_content(tmp_path / "content", data)
    PilImage.new("RGB", (64, 48), (40, 30, 30)).save(root / "media" / "photos" / "ink.png")
    return root


def watch_change(app, seconds: float = 1.5) -> tuple[list[tuple[bool, bool, float]], list[tuple[float, bool]]]:
    """Attract → Home: (whether Attract is drawn, whether Home is, the veil's opacity) as often as events allow, and
    the veil's opacity and whether Home was ready (visible, its pictures asked for) when the stage changed screens."""
    screens = stage_screens(app.window)
    attract, home = screens["attract"], screens["home"]
    veil = next(item for item in items.stage(app.window).childItems() if item.objectName() == "screenVeil")
    assert attract.opacity() == 1 and home.opacity() == 0 and not home.isVisible() and not veil.isVisible()
    at_swap: list[tuple[float, bool]] = []  # the veil's opacity, whether Home had been made visible before
    made_visible: list[float] = []  # Home's opacity then
    home.visibleChanged.connect(lambda: made_visible.append(home.opacity()))

    def veil_opacity() -> float:
        return veil.opacity() if veil.isVisible() else 0.0

    home.opacityChanged.connect(lambda: at_swap.append((veil_opacity(), made_visible == [0.0])))
    app.clock.advance(1)
    app.kiosk.visit.begin()
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        seen.append((attract.opacity() > 0, home.opacity() > 0, veil_opacity()))
        time.sleep(0.004)
    return seen, at_swap


@pytest.mark.parametrize("kiosk_app", [(1280, 720)], indirect=True)
def test_a_screen_change_dips_through_the_paper_drawing_one_screen_at_a_time(kiosk_app) -> None:
    seen, at_swap = watch_change(kiosk_app)

    assert seen[0] == (True, False, 0.0), "the change waits a frame: the touch's own feedback is drawn first"
    assert all(attract != home for attract, home, _ in seen), "both screens drawn at once, or neither"
    over_attract = [veil for attract, _, veil in seen if attract]
    over_home = [veil for _, home, veil in seen if home]
    assert any(0 < veil < 1 for veil in over_attract), "the veil never thickened over the screen left"
    assert any(0 < veil < 1 for veil in over_home), "the veil never cleared from the next screen"
    assert over_attract == sorted(over_attract) and over_home == sorted(over_home, reverse=True)
    assert at_swap == [(1.0, True)], "the screens changed while the one left still showed through, or unready"
    assert seen[-1] == (False, True, 0.0)


@pytest.mark.parametrize("kiosk_app", [(3840, 2160)], indirect=True)
def test_a_screen_over_twice_full_hd_drawn_by_the_processor_changes_at_once(kiosk_app) -> None:
    seen, at_swap = watch_change(kiosk_app, 0.3)

    assert at_swap == [(0.0, False)]
    assert all(veil == 0.0 for _, _, veil in seen), "something faded"
    assert all(attract != home for attract, home, _ in seen), "both or neither shown"
    assert seen[-1] == (False, True, 0.0)


@pytest.mark.parametrize("kiosk_app", [(3840, 2160)], indirect=True)
def test_where_screens_change_at_once_the_frame_after_the_touch_shows_the_next_screen(kiosk_app) -> None:
    app = kiosk_app
    app.clock.advance(1)
    app.kiosk.visit.begin()
    assert items.wait_until(lambda: items.showing_alone(app.window, "home"), 3.0)
    assert items.wait_until(lambda: _built(app, "chapter") is not None, 5.0)
    card = items.find_shown(app.window, "chapterCard_one", enabled=True)
    assert card is not None
    chapter = stage_screens(app.window)["chapter"]
    frames: list[tuple[float, bool]] = []  # when each frame was shown, and whether it showed the chapter
    app.window.frameSwapped.connect(lambda: frames.append((time.perf_counter(), chapter.opacity() == 1.0)))
    app.clock.advance(1)
    _pressed, released = items.tap(app.window, items.center(card))
    assert items.wait_until(lambda: items.showing_alone(app.window, "chapter"), 3.0)
    after = [shows_chapter for shown, shows_chapter in frames if shown > released]
    assert after and after[0], "a frame showing Home again came between the touch and the chapter, putting it off"


def test_a_visit_begun_lets_go_of_the_attracts_next_picture_at_once_and_of_the_one_showing_when_gone(
    kiosk_app,
) -> None:
    app = kiosk_app
    attract = stage_screens(app.window)["attract"]
    pictures = {bool(layer.property("front")): layer.childItems()[0]
                for layer in iter_items(attract) if layer.property("front") is not None}
    assert set(pictures) == {True, False}

    def loaded(front: bool) -> bool:
        picture = pictures[front]
        return picture.property("source").toString() != "" and items.qml_values(picture, "status") == IMAGE_READY

    assert items.wait_until(lambda: loaded(True) and loaded(False), 5.0), "the next picture was never decoded ahead"
    app.clock.advance(1)
    app.kiosk.visit.begin()
    QCoreApplication.processEvents()
    assert pictures[False].property("source").toString() == "", "the next picture was kept into the visit"
    assert loaded(True) and attract.opacity() == 1.0, "the picture showing went before the veil hid it"
    assert items.wait_until(lambda: items.showing_alone(app.window, "home"), 3.0)
    assert not any(picture.property("source").toString() for picture in pictures.values())


def _built(app, screen: str) -> QQuickItem | None:
    return stage_screens(app.window)[screen].property("item")


@pytest.mark.parametrize("kiosk_app", [(1280, 720), (3840, 2160)], indirect=True)
def test_the_screens_most_visits_reach_are_built_after_the_first_frame_the_others_when_first_opened(kiosk_app) -> None:
    app = kiosk_app
    early = ("home", "chapter", "document", "myth")
    assert items.wait_until(lambda: all(_built(app, screen) is not None for screen in early), 5.0)
    assert _built(app, "timeline") is None and _built(app, "people") is None and _built(app, "person") is None

    app.clock.advance(1)
    app.kiosk.visit.begin()
    opener = items.find_shown(app.window, "openTimeline", enabled=True)
    assert opener is not None
    frames: list[tuple[float, bool]] = []  # when each frame was shown, and whether the timeline was built by then
    app.window.frameSwapped.connect(lambda: frames.append((time.perf_counter(), _built(app, "timeline") is not None)))
    app.clock.advance(1)  # past the navigation guard, which takes two navigations this close as one
    _pressed, released = items.tap(app.window, items.center(opener))
    assert items.wait_until(lambda: app.kiosk.visit.screen == "timeline" and _built(app, "timeline") is not None, 3.0)
    assert items.wait_until(lambda: stage_screens(app.window)["timeline"].opacity() == 1.0, 1.0)
    after = [built for shown, built in frames if shown > released]
    assert after and after[0] is False, "the frame showing the touch was taken waited for the screen to be built"

    timeline = _built(app, "timeline")
    home = items.find_shown(app.window, "homeButton", enabled=True)
    assert home is not None
    app.clock.advance(1)
    items.tap(app.window, items.center(home))
    assert items.wait_until(lambda: app.kiosk.visit.screen == "home" and not timeline.isVisible(), 3.0)
    app.clock.advance(1)
    items.tap(app.window, items.center(items.find_shown(app.window, "openTimeline", enabled=True)))
    assert items.wait_until(lambda: app.kiosk.visit.screen == "timeline" and timeline.isVisible(), 3.0)
    assert _built(app, "timeline") is timeline, "the screen was built again: what the visitor left it at is lost"


def test_a_screen_left_before_it_was_built_is_whole_when_opened_again(kiosk_app) -> None:
    # A far screen is begun at the touch; a visitor who goes back before it is built must find it whole, with its
    # kiosk, the next time (a slot made inactive mid-way once lost the properties its screen is made with)
    app = kiosk_app
    app.clock.advance(1)
    app.kiosk.visit.begin()
    assert items.wait_until(lambda: items.find_shown(app.window, "openTimeline", enabled=True) is not None, 3.0)
    app.clock.advance(1)
    app.kiosk.visit.openLink("timeline")
    # gone again while the screen is being built: its incubation begun, a little of it done, not finished
    for _ in range(3):
        QCoreApplication.processEvents()
    app.kiosk.visit.goHome()
    assert items.wait_until(lambda: app.kiosk.visit.screen == "home", 3.0)
    items.pump(0.3)
    app.clock.advance(1)
    app.kiosk.visit.openLink("timeline")
    assert items.wait_until(lambda: _built(app, "timeline") is not None and _built(app, "timeline").isVisible(), 3.0)
    assert app.warnings == []


@pytest.mark.parametrize("when", ["before the window shows", "as it first shows"])
def test_a_link_to_a_later_slide_opened_as_the_kiosk_starts_shows_that_slide(qapp, content_root, when) -> None:
    # the chapter screen is then built for that link, not in the background first: its slide list, not yet laid
    # out, started at the first slide and took the visit there
    from kioskfixtures import destroy_app, load
    from qtkit import FakeClock

    from kiosk.app import KioskApp
    from kiosk.qt.kiosk import KioskOptions

    app = KioskApp(load(content_root), options=KioskOptions(), size=(1920, 1080), media_roots=[content_root / "media"],
                   clock=FakeClock())
    try:
        link = f"chapter/{app.kiosk.content.chapters[0].id}/1"
        if when == "before the window shows":
            assert app.kiosk.visit.openLink(link)
        app.window.show()
        if when == "as it first shows":
            assert app.kiosk.visit.openLink(link)
        assert items.wait_until(lambda: items.find_shown(app.window, "slideView") is not None, 3.0)
        items.pump(0.5)
        assert app.kiosk.visit.link == link
        assert items.find_shown(app.window, "slideView").property("currentIndex") == 1
    finally:
        destroy_app(app)
    assert app.warnings == []


def test_once_a_run_of_changes_is_over_the_heap_goes_back_to_the_system(make_kiosk_app, monkeypatch, qtbot) -> None:
    # what the screen left freed, glibc would keep for later (kiosk.core.ops.heap): asked once the changes are over
    given_back: list[float] = []
    monkeypatch.setattr(heap, "give_back", lambda: given_back.append(time.monotonic()) or True)
    app = make_kiosk_app()
    qtbot.wait(CHANGE_OVER_MS + 100)
    assert given_back == []  # a kiosk that stays on Attract has nothing to give back

    app.kiosk.visit.begin()
    qtbot.wait(CHANGE_OVER_MS // 2)
    app.kiosk.visit.openLink("chapter/one/0")
    last_change = time.monotonic()
    qtbot.wait(CHANGE_OVER_MS // 2)
    assert given_back == []  # not during a change, nor between two in a row

    qtbot.waitUntil(lambda: given_back != [], timeout=2000)
    qtbot.wait(CHANGE_OVER_MS + 100)
    assert len(given_back) == 1 and given_back[0] - last_change >= CHANGE_OVER_MS / 1000 * 0.9
