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
    assert views["07-person-stalin"].items == ["person/stalin"]
    assert views["07-person-stalin"].seconds == 2.5
    assert views["01-attract"].missing == ["ui/touch_to_begin"] and views["01-attract"].seconds == 1.0
    assert views["03-chapter-one-02-quote"].items == ["chapter/one/quote", "ui/slide_of"]
    assert all(v.items for v in views.values()), [name for name, v in views.items() if not v.items]


def test_the_player_speaks_where_the_visitor_is_as_the_proof_shows_it(small) -> None:
    from kiosk.core.presentation.narration import place_items
    from kiosk.core.visit.navigation import Location, Screen

    assert place_items(small, Location(Screen.HOME)) == ["exhibit", "chapter/one", "chapter/two"]
    # the slide (its picture's caption and credit at its end), and the counter
    assert place_items(small, Location(Screen.CHAPTER, "one", 0)) == ["chapter/one/narrative", "ui/slide_of"]
    assert place_items(small, Location(Screen.CHAPTER, "one", 1), "more") == ["chapter/one/quote/more"]
    assert place_items(small, Location(Screen.PERSON, "stalin")) == ["person/stalin"]
    assert place_items(small, Location(Screen.TIMELINE, "postscript")) == ["timeline/postscript"]
    assert place_items(small, Location(Screen.TIMELINE)) == ["ui/timeline", "ui/timeline_hint", "era/illness"]
    assert place_items(small, Location(Screen.MYTH, "", 2)) == ["myth/account"]
    # the first paragraph of a facsimile page says which page it is, then the page's caption and credit
    assert place_items(small, Location(Screen.DOCUMENT, "testament", 0)) == [
        "document/testament", "document/testament/ps-1", "ui/page_of", "document/testament/page/1"]


def test_strings_with_numbers_are_said_in_pieces_in_the_visitors_language() -> None:
    from kiosk.core.presentation.narration import place_items
    from kiosk.core.visit.navigation import Location, Screen

    bundled = load_content(Path(__file__).resolve().parents[3] / "content")
    chapter = bundled.chapters[1]
    said = place_items(bundled, Location(Screen.CHAPTER, chapter.id, 2), language="ru")
    assert said[-3:] == ["number/3", "ui/slide_of/before-m", f"number/{len(chapter.slides)}"]
    document = place_items(bundled, Location(Screen.DOCUMENT, "testament", 0), language="en")
    assert document[2:] == ["ui/page_of/before-n", "number/1", "ui/page_of/before-m", "number/2",
                            "document/testament/page/1"]


def test_a_focused_control_speaks_its_content_else_its_label(small) -> None:
    from kiosk.core.presentation.narration import focus_items

    assert focus_items(small, "en", "chapterCard_two", "2. Two, 1923") == ["chapter/two"]
    assert focus_items(small, "en", "personCard_stalin", "") == ["person/stalin"]
    assert focus_items(small, "en", "event_postscript", "") == ["timeline/postscript"]
    home = small.strings.strings["home"]
    assert focus_items(small, "ru", "homeButton", home.get("ru")) == ["ui/home"]
    assert focus_items(small, "en", "pageLabel", "Page 3 of 4") == []
    assert focus_items(small, "en", "language_ru", "Русский") == ["language/ru"]
    assert focus_items(small, "en", "attractLanguage_en", "English") == ["language/en"]
    assert focus_items(small, "en", "", "") == []


def test_next_chapter_says_which_chapter_comes(small) -> None:
    from kiosk.core.presentation.narration import focus_items

    next_chapter = small.strings.strings["next_chapter"]
    for language in small.languages:
        title = small.chapter("two").title.get(language)
        said = focus_items(small, language, "nextChapterButton", f"{next_chapter.get(language)}: {title}")
        assert said == ["ui/next_chapter", "chapter/two"], language


def test_the_attract_says_its_title_and_invitation_in_every_language(small) -> None:
    from kiosk.core.presentation.narration import attract_clips, spoken_in

    assert attract_clips(small) == [("exhibit", "en"), ("ui/touch_to_begin", "en"),
                                    ("exhibit", "ru"), ("ui/touch_to_begin", "ru")]
    assert spoken_in("language/ru", "en") == "ru" and spoken_in("ui/home", "en") == "en"
