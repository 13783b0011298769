"""The presentation dictionaries QML shows: every key present, texts in the visitor's language (or the default
language when a text lacks it), and each slide kind filled in its own way."""

from __future__ import annotations

import dataclasses

import pytest
from contentkit import write_content

from kiosk.core.content.exhibit import Content
from kiosk.core.content.loader import load_content
from kiosk.core.presentation.slides import (
    CHAPTER_KEYS,
    SLIDE_KEYS,
    chapter_card,
    image_view,
    is_placeholder,
    slide_view,
)

SCALARS = (str, int, bool)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Content:
    root = write_content(tmp_path_factory.mktemp("content"))
    return load_content(root, media_roots=[root / "media"])


def slide(content: Content, chapter: str, slide_id: str):
    return next(s for s in content.chapter(chapter).slides if s.id == slide_id)


def assert_plain(value) -> None:
    """Only what QML takes without conversion surprises: str, int, bool and lists of such dicts."""
    if isinstance(value, list):
        for entry in value:
            if isinstance(entry, dict):
                for inner in entry.values():
                    assert_plain(inner)
            else:
                assert isinstance(entry, SCALARS), entry
    else:
        assert isinstance(value, SCALARS), value


@pytest.mark.parametrize("language", ["en", "ru"])
def test_chapter_cards_have_every_key_in_the_language(content, language) -> None:
    cards = [chapter_card(c, n, language, content) for n, c in enumerate(content.chapters, 1)]

    assert [tuple(card) for card in cards] == [CHAPTER_KEYS] * 2
    assert [card["number"] for card in cards] == [1, 2]
    assert [card["chapterId"] for card in cards] == ["one", "two"]
    first = cards[0]
    suffix = " (ru)" if language == "ru" else ""
    assert first["title"] == "Dictation" + suffix
    assert first["dates"] == "December 1922" + suffix
    assert first["summary"] == "Lenin dictates a letter." + suffix
    assert first["image"] == "photos/paper.png"
    assert first["imageAlt"] == "A typed sheet of paper" + suffix
    assert first["imageKind"] == "illustration"
    for value in first.values():
        assert_plain(value)


@pytest.mark.parametrize(
    ("chapter", "slide_id"), [("one", "narrative"), ("one", "quote"), ("two", "excerpt"), ("two", "compare")]
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_slide_view_has_every_key_and_only_plain_values(content, chapter, slide_id, language) -> None:
    view = slide_view(slide(content, chapter, slide_id), language, content)

    assert tuple(view) == SLIDE_KEYS
    assert view["slideId"] == slide_id
    for value in view.values():
        assert_plain(value)


def test_narrative_slide(content) -> None:
    view = slide_view(slide(content, "one", "narrative"), "en", content)

    assert view["kind"] == "narrative"
    assert view["heading"] == "A letter"
    assert view["body"] == "Lenin dictates a letter."
    assert view["image"] == "photos/paper.png"
    assert view["imageCaption"] == "A typed sheet"
    assert view["imageCredit"] == "Illustration made for the exhibit"
    assert view["people"] == ["stalin"]
    # keys of other kinds are empty
    assert (view["quoteText"], view["paragraphs"], view["leftText"], view["quoteTranslated"]) == ("", [], "", False)


@pytest.mark.parametrize(("language", "translated"), [("en", False), ("ru", True)])
def test_quote_slide_says_when_the_visitor_reads_a_translation(content, language, translated) -> None:
    view = slide_view(slide(content, "one", "quote"), language, content)

    assert view["kind"] == "quote"
    expected = "Stalin is too rude, and this fault" if language == "en" else "Сталин слишком груб, и этот недостаток"
    assert view["quoteText"] == expected
    assert view["quoteAttribution"].startswith("V. I. Lenin, January 4, 1923")
    assert view["quoteTranslated"] is translated
    assert view["image"] == ""  # no image: every image key empty
    assert view["imageAlt"] == view["imageKind"] == ""


@pytest.mark.parametrize("language", ["en", "ru"])
def test_document_slide_quotes_the_chosen_paragraphs(content, language) -> None:
    view = slide_view(slide(content, "two", "excerpt"), language, content)

    assert view["kind"] == "document"
    assert view["documentTitle"] == "The Testament" + (" (ru)" if language == "ru" else "")
    assert view["body"] == "The words." + (" (ru)" if language == "ru" else "")
    assert view["quoteTranslated"] is (language == "ru")
    [paragraph] = view["paragraphs"]
    assert paragraph["paragraphId"] == "ps-1"
    if language == "en":
        assert paragraph["text"] == "Postscript: Stalin is too rude, and this fault"
        assert paragraph["dateLabel"] == "January 4, 1923"
    else:
        assert paragraph["text"].startswith("Добавление")
        assert paragraph["dateLabel"] == "4 января 1923 г."
    assert paragraph["partTitle"].startswith("Postscript")


def test_comparison_slide_fills_both_sides(content) -> None:
    view = slide_view(slide(content, "two", "compare"), "en", content)

    assert view["kind"] == "comparison"
    assert (view["leftLabel"], view["leftText"], view["leftIsQuote"], view["leftAttribution"]) == (
        "Story",
        "A story.",
        False,
        "",
    )
    assert view["rightLabel"] == "Document"
    assert view["rightText"] == "Stalin is too rude, and this fault"
    assert view["rightIsQuote"] is True
    assert view["rightAttribution"].startswith("V. I. Lenin")
    assert view["quoteTranslated"] is False
    assert slide_view(slide(content, "two", "compare"), "ru", content)["quoteTranslated"] is True


def test_a_text_missing_in_the_language_falls_back_to_the_default(content) -> None:
    # a language the texts lack (the validator normally insists on complete translations)
    view = slide_view(slide(content, "one", "narrative"), "de", content)
    card = chapter_card(content.chapter("two"), 2, "de", content)

    assert view["heading"] == "A letter"  # English, the default language
    assert view["imageAlt"] == "A typed sheet of paper"
    assert card["title"] == "Reading"


def test_image_view_puts_the_language_into_the_path(content) -> None:
    image = slide(content, "one", "narrative").image
    localized = dataclasses.replace(image, src="maps/europe.{lang}.png")

    assert image_view(localized, "ru", content)["image"] == "maps/europe.ru.png"
    assert image_view(localized, "en", content, prefix="portrait") == {
        "portrait": "maps/europe.en.png",
        "portraitAlt": "A typed sheet of paper",
        "portraitCaption": "A typed sheet",
        "portraitCredit": "Illustration made for the exhibit",
        "portraitKind": "illustration",
    }
    assert image_view(None, "en", content, prefix="portrait") == dict.fromkeys(
        ["portrait", "portraitAlt", "portraitCaption", "portraitCredit", "portraitKind"], ""
    )


def test_is_placeholder() -> None:
    assert is_placeholder("placeholder")
    assert not is_placeholder("illustration")
    assert not is_placeholder("")
