"""The Navigator: where the visitor is, the history Back walks, deep links, and content that changes under it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.visit.navigation import (
    ATTRACT,
    HOME,
    MAX_HISTORY,
    READING_SCREENS,
    Location,
    Navigator,
    Screen,
)

CHAPTERS = [("one", 3), ("two", 2), ("three", 1)]


def chapter(item: str, index: int = 0) -> Location:
    return Location(Screen.CHAPTER, item, index)


@pytest.fixture
def changes() -> list[Location]:
    return []


@pytest.fixture
def nav(changes) -> Navigator:
    return Navigator(CHAPTERS, on_change=changes.append)


def test_a_new_navigator_is_on_attract_with_no_history(nav) -> None:
    assert nav.location == ATTRACT
    assert not nav.can_go_back
    assert nav.next_chapter is None


def test_begin_opens_home_and_starts_a_fresh_history(nav, changes) -> None:
    nav.begin()

    assert nav.location == HOME
    assert not nav.can_go_back  # Attract is never a place to go back to
    assert changes == [HOME]


def test_back_walks_the_history_in_reverse(nav) -> None:
    nav.begin()
    nav.go(chapter("one"))
    nav.go(Location(Screen.TIMELINE))
    nav.go(Location(Screen.PERSON, "stalin"))

    assert nav.back() and nav.location == Location(Screen.TIMELINE)
    assert nav.back() and nav.location == chapter("one")
    assert nav.back() and nav.location == HOME
    assert not nav.back()
    assert nav.location == HOME


def test_back_without_history_goes_home_from_a_deep_link(nav) -> None:
    assert nav.open_link("person/stalin")  # straight from Attract, e.g. a staff tool

    assert not nav.can_go_back
    assert nav.back()
    assert nav.location == HOME


def test_opening_the_current_location_again_adds_no_history(nav, changes) -> None:
    nav.begin()
    nav.go(chapter("one"))
    changes.clear()

    assert nav.go(chapter("one"))

    assert changes == []
    nav.back()
    assert nav.location == HOME
    assert not nav.can_go_back


@pytest.mark.parametrize(
    "location",
    [chapter("missing"), Location(Screen.PERSON), Location(Screen.DOCUMENT)],
    ids=["unknown-chapter", "person-without-id", "document-without-id"],
)
def test_a_location_that_does_not_exist_is_refused(nav, changes, location) -> None:
    nav.begin()
    changes.clear()

    assert not nav.go(location)

    assert nav.location == HOME
    assert changes == []


def test_a_chapter_without_slides_cannot_be_opened() -> None:
    nav = Navigator([("empty", 0)])

    assert not nav.go(chapter("empty"))
    assert nav.location == ATTRACT


@pytest.mark.parametrize(("asked", "shown"), [(-4, 0), (0, 0), (2, 2), (3, 2), (99, 2)])
def test_a_slide_index_is_clamped_to_the_chapter(nav, asked, shown) -> None:
    nav.go(chapter("one", asked))

    assert nav.location == chapter("one", shown)


def test_moving_between_slides_is_not_a_history_step(nav) -> None:
    nav.begin()
    nav.go(chapter("one"))

    assert nav.next_slide() and nav.location.index == 1
    assert nav.next_slide() and nav.location.index == 2
    assert not nav.next_slide()  # the last slide
    assert nav.location.index == 2
    assert nav.previous_slide() and nav.location.index == 1

    nav.back()  # leaves the chapter, not the slide
    assert nav.location == HOME


def test_show_slide_refuses_indexes_outside_the_chapter_and_other_screens(nav) -> None:
    nav.go(chapter("two"))

    assert not nav.show_slide(2)
    assert not nav.show_slide(-1)
    assert nav.show_slide(1)
    assert nav.location == chapter("two", 1)

    nav.home()
    assert not nav.show_slide(0)
    assert nav.location == HOME


def test_previous_on_the_first_slide_stays(nav, changes) -> None:
    nav.go(chapter("one"))
    changes.clear()

    assert not nav.previous_slide()

    assert changes == []


def test_next_chapter_follows_story_order_and_ends_at_the_last(nav) -> None:
    nav.begin()
    nav.go(chapter("one", 2))

    assert nav.next_chapter == "two"
    assert nav.open_next_chapter()
    assert nav.location == chapter("two", 0)
    assert nav.open_next_chapter()
    assert nav.location == chapter("three", 0)
    assert nav.next_chapter is None
    assert not nav.open_next_chapter()

    assert nav.back() and nav.location == chapter("two", 0)
    assert nav.back() and nav.location == chapter("one", 2)  # where the visitor left it


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("chapter/two/1", chapter("two", 1)),
        ("/chapter/one/", chapter("one", 0)),
        ("timeline", Location(Screen.TIMELINE)),
        ("person/krupskaya", Location(Screen.PERSON, "krupskaya")),
        ("document/testament/4", Location(Screen.DOCUMENT, "testament", 4)),
    ],
)
def test_deep_links_open_their_location(nav, link, expected) -> None:
    assert nav.open_link(link)

    assert nav.location == expected


@pytest.mark.parametrize("link", ["", "nowhere", "chapter/one/first", "chapter/missing/0", "person"])
def test_bad_deep_links_are_refused(nav, link) -> None:
    nav.begin()

    assert not nav.open_link(link)

    assert nav.location == HOME


def test_history_is_bounded(nav) -> None:
    nav.begin()
    for n in range(MAX_HISTORY + 30):
        nav.go(Location(Screen.PERSON, f"p{n}"))

    for _ in range(MAX_HISTORY):
        assert nav.back()
    assert nav.location == Location(Screen.PERSON, "p29")  # the oldest place remembered
    assert not nav.can_go_back
    assert nav.back() and nav.location == HOME  # and from there, Home as always


def test_reset_ends_the_visit(nav, changes) -> None:
    nav.begin()
    nav.go(chapter("two", 1))

    nav.reset()

    assert nav.location == ATTRACT
    assert not nav.can_go_back
    assert changes[-1] == ATTRACT


def test_set_position_remembers_a_reading_position_without_history(nav) -> None:
    nav.begin()
    nav.go(Location(Screen.DOCUMENT, "testament"))

    nav.set_position(7)
    nav.set_position(-1)  # ignored

    assert nav.location == Location(Screen.DOCUMENT, "testament", 7)
    nav.back()
    assert nav.location == HOME


def test_new_content_keeps_the_visitor_where_that_still_exists(nav) -> None:
    nav.begin()
    nav.go(chapter("two"))
    nav.go(chapter("one", 2))

    nav.replace_chapters([("one", 2), ("two", 2)])  # chapter one lost a slide

    assert nav.location == chapter("one", 1)
    assert nav.back() and nav.location == chapter("two", 0)


def test_new_content_without_the_current_chapter_goes_home_and_prunes_history(nav) -> None:
    nav.begin()
    nav.go(chapter("three"))
    nav.go(chapter("one"))

    nav.replace_chapters([("two", 2)])

    assert nav.location == HOME
    assert nav.back() and nav.location == HOME  # chapter three is gone from the history too
    assert not nav.can_go_back


def test_chapter_queries(nav) -> None:
    assert nav.chapter_index("two") == 1
    assert nav.chapter_index("missing") == -1
    assert nav.slide_count("one") == 3
    assert nav.slide_count("missing") == 0


def test_only_the_document_is_a_reading_screen() -> None:
    assert {Screen.DOCUMENT} == READING_SCREENS


def test_location_links() -> None:
    assert ATTRACT.link == "attract"
    assert chapter("one", 2).link == "chapter/one/2"
    assert Location(Screen.PERSON, "stalin").link == "person/stalin/0"


# --- whatever a visitor does, the navigator stays in a valid place ---------------------------------------------

ACTIONS = st.lists(
    st.one_of(
        st.just(("begin",)),
        st.just(("home",)),
        st.just(("back",)),
        st.just(("next_slide",)),
        st.just(("previous_slide",)),
        st.just(("open_next_chapter",)),
        st.just(("reset",)),
        st.tuples(st.just("show_slide"), st.integers(-2, 5)),
        st.tuples(st.just("go_chapter"), st.sampled_from(["one", "two", "three", "gone"]), st.integers(-2, 5)),
        st.tuples(st.just("open_link"), st.sampled_from(["timeline", "people", "person/x", "myth", "bad/1"])),
    ),
    max_size=60,
)


@given(ACTIONS)
def test_any_sequence_of_actions_leaves_a_valid_location(actions) -> None:
    nav = Navigator(CHAPTERS)
    counts = dict(CHAPTERS)
    for action, *args in actions:
        if action == "go_chapter":
            nav.go(chapter(*args))
        else:
            getattr(nav, action)(*args)
        assert_valid(nav.location, counts)
    # every place Back leads to is valid too, and Back never leads to Attract
    steps = 0
    while nav.back():
        steps += 1
        assert nav.location.screen is not Screen.ATTRACT
        assert_valid(nav.location, counts)
    assert steps <= MAX_HISTORY + 1


def assert_valid(location: Location, counts: dict[str, int]) -> None:
    if location.screen is Screen.CHAPTER:
        assert 0 <= location.index < counts[location.item]
