"""A screen change: the screen left fades out on top of the next (which shows at once beneath it), through one
layer; where the processor draws a screen of more than twice full HD, the screens change at once; the screens
most visits never open are built when first opened, as the change begins (Main.qml, ScreenSlot;
docs/performance.md)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtQuick import QQuickItem

from kiosk.qt import items
from kiosk.qt.items import stage_screens


def watch_change(app, seconds: float = 1.5) -> list[tuple[float, bool, float, float]]:
    """Attract → Home; (Attract's opacity, whether it is on top, Home's opacity) as often as the events allow."""
    screens = stage_screens(app.window)
    attract, home = screens["attract"], screens["home"]
    assert attract.isVisible() and attract.opacity() == 1.0
    app.clock.advance(1)
    app.kiosk.visit.begin()
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        seen.append((attract.opacity(), attract.z() > home.z(), home.opacity(), attract.isVisible()))
        time.sleep(0.004)
    return seen


@pytest.mark.parametrize("kiosk_app", [(1280, 720)], indirect=True)
def test_the_screen_left_fades_out_on_top_of_the_next_shown_at_once(kiosk_app) -> None:
    seen = watch_change(kiosk_app)

    assert seen[0][:3] == (1.0, False, 0.0), "the change waits a frame: the touch's own feedback is drawn first"

    fading = [s for s in seen if 0 < s[0] < 1]
    assert fading, "Attract never faded"
    assert all(on_top and home == 1.0 for _, on_top, home, _ in fading)
    last = seen[-1]
    assert last[0] == 0.0 and not last[3] and not last[1]  # gone, and back beneath


@pytest.mark.parametrize("kiosk_app", [(3840, 2160)], indirect=True)
def test_a_screen_over_twice_full_hd_drawn_by_the_processor_changes_at_once(kiosk_app) -> None:
    seen = watch_change(kiosk_app, 0.3)

    assert all(attract in (0.0, 1.0) and home in (0.0, 1.0) for attract, _, home, _ in seen), "something faded"
    assert all(home == 1.0 - attract for attract, _, home, _ in seen), "both or neither shown"
    assert seen[-1][0] == 0.0 and not seen[-1][3] and seen[-1][2] == 1.0


def _built(app, screen: str) -> QQuickItem | None:
    return stage_screens(app.window)[screen].property("item")


def test_the_screens_most_visits_reach_are_built_after_the_first_frame_the_others_when_first_opened(kiosk_app) -> None:
    app = kiosk_app
    early = ("home", "chapter", "document", "myth")
    assert items.wait_until(lambda: all(_built(app, screen) is not None for screen in early), 5.0)
    assert _built(app, "timeline") is None and _built(app, "people") is None and _built(app, "person") is None

    app.clock.advance(1)
    app.kiosk.visit.begin()
    opener = items.find_shown(app.window, "openTimeline", enabled=True)
    assert opener is not None
    frames: list[bool] = []  # at each frame: was the timeline screen built by then?
    app.window.frameSwapped.connect(lambda: frames.append(_built(app, "timeline") is not None))
    app.clock.advance(1)  # past the navigation guard, which takes two navigations this close as one
    items.tap(app.window, items.center(opener))
    assert items.wait_until(lambda: app.kiosk.visit.screen == "timeline" and _built(app, "timeline") is not None, 3.0)
    assert items.wait_until(lambda: stage_screens(app.window)["timeline"].opacity() == 1.0, 1.0)
    assert frames and frames[0] is False, "the frame showing the touch was taken waited for the screen to be built"

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
