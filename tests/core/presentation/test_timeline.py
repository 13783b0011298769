"""What the timeline shows (kiosk.core.presentation.timeline): the time scale, the lanes, the shipped events in
date order with links to their slides, the ticks and the era titles; and the event it remembers."""

from __future__ import annotations

import itertools

import pytest

from kiosk.core.content.model import PartialDate
from kiosk.core.presentation.timeline import (
    CARD_GAP,
    EVENT_KEYS,
    event_index,
    place_in_lanes,
    time_scale,
    timeline_layout,
)
from kiosk.core.visit.navigation import Location, Navigator, Screen


def test_busy_months_are_wide_empty_ones_narrow_and_days_are_proportional() -> None:
    dates = [PartialDate(d) for d in ("1922-12-13", "1922-12-21", "1922-12-25", "1922-12-30", "1925-06")]
    scale = time_scale(PartialDate("1922-09"), PartialDate("1932-12"), dates)
    december = scale.month_start(1922 * 12 + 11 + 1) - scale.month_start(1922 * 12 + 11)
    march_1924 = scale.month_start(1924 * 12 + 3) - scale.month_start(1924 * 12 + 2)
    assert december == pytest.approx(4 * (1 + CARD_GAP) / 2)
    assert december > 10 * march_1924
    x = [scale.x(d) for d in dates]
    assert x == sorted(x)
    start = scale.month_start(1922 * 12 + 11)
    assert (x[1] - x[0]) / december == pytest.approx(8 / 31)
    assert x[0] - start == pytest.approx(12 / 31 * december)
    assert scale.x(PartialDate("1925")) == scale.month_start(1925 * 12)  # a year: its start


def test_cards_in_a_lane_never_overlap_and_never_stand_before_their_date() -> None:
    axis = [0.0, 0.1, 0.2, 0.3, 3.0, 3.05, 9.0]
    placed = place_in_lanes(axis, lanes=2)
    assert [lane for _, lane in placed[:4]] == [0, 1, 0, 1]  # crowded: the lanes take turns
    for lane in (0, 1):
        lefts = [x for x, k in placed if k == lane]
        assert all(b - a >= 1 + CARD_GAP - 1e-9 for a, b in itertools.pairwise(lefts))
    assert all(x >= at for (x, _), at in zip(placed, axis, strict=True))
    assert placed[-1][0] == 9.0  # room again: exactly at its date


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_shipped_timeline_is_in_date_order_with_links_to_the_slides(shipped, language, assert_plain) -> None:
    layout = timeline_layout(shipped, language)
    events = layout["events"]

    assert all(tuple(event) == EVENT_KEYS for event in events)
    assert len(events) == len(shipped.timeline.events)
    keys = [next(e for e in shipped.timeline.events if e.id == row["eventId"]).date.sort_key for row in events]
    assert keys == sorted(keys)
    assert [row["index"] for row in events] == list(range(len(events)))
    assert layout["width"] > max(row["cardX"] for row in events) + 1
    for row in events:
        event = next(e for e in shipped.timeline.events if e.id == row["eventId"])
        if event.slide is None:
            assert row["slideLink"] == ""
            continue
        _, chapter_id, index = row["slideLink"].split("/")
        chapter = shipped.chapter(chapter_id)
        assert chapter.slides[int(index)].id == event.slide.slide
        assert row["slideLabel"].endswith(chapter.slides[int(index)].heading.get(language))
        assert row["sources"] and all(s["excerpt"] and s["locator"] for s in row["sources"])
        assert all(s["otherLanguage"] == (language != "en") for s in row["sources"])
    assert [era["eraId"] for era in layout["eras"]] == [e.id for e in shipped.timeline.eras]
    assert layout["ticks"][0]["label"] == "1922" and layout["ticks"][0]["at"] == 0
    assert event_index(shipped, "prinkipo") == len(events) - 1
    assert_plain(layout["events"])


def test_each_tick_knows_its_room_up_to_the_next_tick(shipped) -> None:
    layout = timeline_layout(shipped, "ru")
    ticks = layout["ticks"]
    for tick, following in itertools.pairwise(ticks):
        assert tick["room"] == pytest.approx(following["at"] - tick["at"])
        assert tick["room"] > 0
    assert ticks[-1]["at"] + ticks[-1]["room"] == pytest.approx(layout["width"])


def test_era_titles_take_turns_between_rows_where_eras_overlap(shipped) -> None:
    eras = timeline_layout(shipped, "en")["eras"]
    assert eras[0]["row"] == 0 and eras[1]["row"] == 1  # Lenin's last months end the month his illness begins
    for era in eras:
        assert era["span"] > 0


def test_the_timeline_remembers_its_event_without_a_history_step() -> None:
    nav = Navigator([("one", 2)])
    nav.begin()
    nav.go(Location(Screen.TIMELINE))
    nav.select("the-letter")
    assert nav.location == Location(Screen.TIMELINE, "the-letter")
    nav.go(Location(Screen.CHAPTER, "one", 1))
    nav.back()
    assert nav.location == Location(Screen.TIMELINE, "the-letter")
    nav.back()
    assert nav.location.screen is Screen.HOME
    nav.select("anything")  # only the timeline selects
    assert nav.location.screen is Screen.HOME
