"""What each view says, for the proof and the player: the narration items of every view and their length."""

from __future__ import annotations

from pathlib import Path

from contentkit import write_content

from kiosk.core.content.loader import load_content
from kiosk.core.presentation.narration import views_narration


def test_the_proof_learns_per_view_what_is_spoken_and_for_how_long(tmp_path: Path) -> None:
    content = load_content(write_content(tmp_path / "content"))
    lengths = {"person/stalin": 2.5, "exhibit": 1.0}
    views = {v.view: v for v in views_narration(content, "en", lambda item, _language: lengths.get(item))}
    assert views["07-person-stalin"].items == ["person/stalin"] and views["07-person-stalin"].seconds == 2.5
    assert views["01-attract"].missing == ["ui/touch_to_begin"] and views["01-attract"].seconds == 1.0
    assert views["03-chapter-one-02-quote"].items == ["chapter/one/quote"]
    assert all(v.items for v in views.values()), [name for name, v in views.items() if not v.items]


def test_the_player_speaks_where_the_visitor_is_as_the_proof_shows_it(small) -> None:
    from kiosk.core.presentation.narration import place_items
    from kiosk.core.visit.navigation import Location, Screen

    assert place_items(small, Location(Screen.HOME)) == ["exhibit", "chapter/one", "chapter/two"]
    assert place_items(small, Location(Screen.CHAPTER, "one", 1)) == ["chapter/one/quote"]
    assert place_items(small, Location(Screen.CHAPTER, "one", 1), "more") == ["chapter/one/quote/more"]
    assert place_items(small, Location(Screen.PERSON, "stalin")) == ["person/stalin"]
    assert place_items(small, Location(Screen.TIMELINE, "postscript")) == ["timeline/postscript"]
    assert place_items(small, Location(Screen.TIMELINE)) == ["ui/timeline", "ui/timeline_hint"]
    assert place_items(small, Location(Screen.MYTH, "", 2)) == ["myth/account"]
    assert place_items(small, Location(Screen.DOCUMENT, "testament", 0)) == [
        "document/testament", "document/testament/ps-1"]


def test_a_focused_control_speaks_its_content_else_its_label(small) -> None:
    from kiosk.core.presentation.narration import focus_item

    assert focus_item(small, "en", "chapterCard_two", "2. Two, 1923") == "chapter/two"
    assert focus_item(small, "en", "personCard_stalin", "") == "person/stalin"
    assert focus_item(small, "en", "event_postscript", "") == "timeline/postscript"
    home = small.strings.strings["home"]
    assert focus_item(small, "ru", "homeButton", home.get("ru")) == "ui/home"
    assert focus_item(small, "en", "pageLabel", "Page 3 of 4") is None
    assert focus_item(small, "en", "", "") is None
