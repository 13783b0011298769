"""The timeline and the people on the shipped exhibit: events in date order on a strip that follows the finger,
an event's detail with its source passage and the chapter slide that tells it; the people's cards, a person's
biography and the places they appear, each a link that Back returns from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from qtkit import center, iter_items, key, on_screen, scene_rect, tap, text_of, touch_swipe
from screenkit import item, items_named, open_link, shipped_app_fixture, start_visit, wait_screen

from kiosk.core.presentation.timeline import sorted_events


@pytest.fixture(scope="module")
def app(qapp):
    yield from shipped_app_fixture()


@pytest.fixture
def visit(qtbot, app):
    start_visit(qtbot, app)
    yield app
    assert app.warnings == [], "\n".join(app.warnings)


def shown(app, name: str):
    found = [i for i in items_named(app, name) if on_screen(app.window, i)]
    assert len(found) == 1, f"{len(found)} of {name} on screen"
    return found[0]


def back(qtbot, app) -> None:
    tap(qtbot, app, shown(app, "backButton"))
    wait_screen(qtbot, app)


def detail_title(app) -> str:
    return text_of(item(app, "eventDetailTitle"))


def test_events_run_in_date_order_and_no_two_cards_overlap(qtbot, visit) -> None:
    open_link(qtbot, visit, "timeline")
    events = visit.kiosk.views.events.rows()
    content_events = sorted_events(visit.kiosk.content)

    assert [e["eventId"] for e in events] == [e.id for e in content_events]
    assert [e.date.sort_key for e in content_events] == sorted(e.date.sort_key for e in content_events)
    axis = [e["axisX"] for e in events]
    assert axis == sorted(axis) and axis[0] == 0
    cards = [scene_rect(item(visit, f"event_{e['eventId']}")) for e in events]
    for i, first in enumerate(cards):
        for second in cards[i + 1 :]:
            assert not first.intersects(second), (first, second)
    # each card starts at its date or after it, never before
    flick = item(visit, "timelineFlick")
    origin = flick.property("contentItem").mapToScene(QPointF(0, 0)).x()
    unit = item(visit, "timelineScreen").property("unit")
    for event, card in zip(events, cards, strict=True):
        assert card.left() - origin >= event["axisX"] * unit - 1


def test_no_era_band_covers_another_eras_title(qtbot, visit) -> None:
    open_link(qtbot, visit, "timeline")
    strip = item(visit, "timelineFlick").property("contentItem")
    painted = list(strip.childItems())  # siblings paint by z, then in this order
    eras = [e["eraId"] for e in visit.kiosk.views.eras.rows()]
    assert len(eras) >= 2

    def stacking(name: str) -> tuple[float, int]:
        wanted = item(visit, name)
        index, child = next((i, c) for i, c in enumerate(painted) if c is wanted or c.isAncestorOf(wanted))
        return child.z(), index

    topmost_band = max(stacking(f"eraBand_{era}") for era in eras)
    lowest_title = min(stacking(f"era_{era}") for era in eras)
    assert topmost_band < lowest_title, "an era's band is painted over an era's title"


def test_the_strip_follows_the_finger_and_an_event_shows_its_detail_and_source(qtbot, visit) -> None:
    open_link(qtbot, visit, "timeline")
    flick = item(visit, "timelineFlick")
    middle = center(flick)
    touch_swipe(qtbot, visit.window, middle + QPoint(300, 0), middle - QPoint(300, 0))
    qtbot.waitUntil(lambda: not flick.property("moving"))
    assert flick.property("contentX") > 200

    open_link(qtbot, visit, "timeline")  # the same place: nothing moves back
    flick.setProperty("contentX", 0)
    tap(qtbot, visit, shown(visit, "event_the-letter"))

    assert visit.kiosk.visit.link == "timeline/the-letter/0"
    detail = item(visit, "eventDetail")
    qtbot.waitUntil(lambda: detail.opacity() == 1)
    assert detail_title(visit) == "Lenin dictates the letter"
    sources = [s for s in items_named(visit, "eventSource") if s.isVisible()]
    assert len(sources) == 2
    quoted = [text_of(t) for s in sources for t in iter_items(s) if t.inherits("QQuickText")]
    assert any(text.startswith("The so-called testament was written at two periods") for text in quoted)


def test_an_event_links_to_the_slide_that_tells_it_and_back(qtbot, visit) -> None:
    open_link(qtbot, visit, "timeline/the-letter")
    qtbot.waitUntil(lambda: item(visit, "eventDetail").opacity() == 1)

    tap(qtbot, visit, shown(visit, "eventSlideLink"))
    wait_screen(qtbot, visit)

    place = visit.kiosk.visit
    assert (place.screen, place.chapterId, place.slideIndex) == ("chapter", "dictation", 3)
    back(qtbot, visit)
    assert visit.kiosk.visit.link == "timeline/the-letter/0"
    assert detail_title(visit) == "Lenin dictates the letter"


def test_a_deep_link_brings_its_event_into_view_and_keys_step_through_events(qtbot, visit) -> None:
    open_link(qtbot, visit, "timeline/prinkipo")
    qtbot.waitUntil(lambda: on_screen(visit.window, item(visit, "event_prinkipo")), timeout=3000)
    assert detail_title(visit) == "Trotsky finishes his reply to Ludwig"
    assert not visit.kiosk.visit.openLink("timeline/no-such-event")

    key(qtbot, visit, Qt.Key.Key_Left)
    assert visit.kiosk.visit.item == "banishment"
    key(qtbot, visit, Qt.Key.Key_Escape)
    assert visit.kiosk.visit.link == "timeline"
    qtbot.waitUntil(lambda: not item(visit, "eventDetail").isVisible())


def test_the_people_are_all_there_and_a_card_opens_the_person(qtbot, visit) -> None:
    open_link(qtbot, visit, "people")
    everyone = [p.id for p in visit.kiosk.content.people.people]
    assert [row["personId"] for row in visit.kiosk.views.people.rows()] == everyone
    assert all(items_named(visit, f"personCard_{person}") for person in everyone)

    tap(qtbot, visit, shown(visit, "personCard_krupskaya"))
    wait_screen(qtbot, visit)

    assert visit.kiosk.visit.link == "person/krupskaya/0"
    assert text_of(shown(visit, "personName")) == "Nadezhda Krupskaya"
    back(qtbot, visit)
    assert visit.kiosk.visit.screen == "people"


def scroll_to(app, name: str):
    """The appearance link called ``name``, scrolled into the person's column."""
    link = item(app, name)
    column = item(app, "personColumn")
    column.setProperty("contentY", 0)
    top = link.mapToItem(column.property("contentItem"), QPointF(0, 0)).y()
    column.setProperty("contentY", max(0.0, min(top - 20, column.property("contentHeight") - column.height())))
    return link


def test_a_person_links_to_their_slides_paragraphs_and_events(qtbot, visit) -> None:
    content = visit.kiosk.content
    open_link(qtbot, visit, "person/stalin")
    links = [a["link"] for a in visit.kiosk.views.person["appearances"]]
    slides = [
        f"chapter/{c.id}/{i}" for c in content.chapters for i, s in enumerate(c.slides) if "stalin" in s.people
    ]
    assert [link for link in links if link.startswith("chapter/")] == slides
    assert [link for link in links if link.startswith("document/")] == [
        "document/testament/3", "document/testament/4", "document/testament/10"
    ]
    assert "timeline/postscript" in links

    tap(qtbot, visit, scroll_to(visit, "appearance_chapter/dictation/3"))
    wait_screen(qtbot, visit)
    assert (visit.kiosk.visit.chapterId, visit.kiosk.visit.slideIndex) == ("dictation", 3)
    back(qtbot, visit)
    assert visit.kiosk.visit.link == "person/stalin/0"

    tap(qtbot, visit, scroll_to(visit, "appearance_document/testament/10"))
    wait_screen(qtbot, visit)
    assert visit.kiosk.visit.link == "document/testament/10"
    back(qtbot, visit)

    tap(qtbot, visit, scroll_to(visit, "appearance_timeline/postscript"))
    wait_screen(qtbot, visit)
    assert visit.kiosk.visit.link == "timeline/postscript/0"
    assert detail_title(visit) == "The postscript: remove Stalin"
