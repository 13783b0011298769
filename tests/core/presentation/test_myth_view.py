"""The "six words" interactive (kiosk.core.presentation.myth): the quoted phrase, the search, and the letter's
real words."""

from __future__ import annotations

import pytest
from problemkit import broken, errors, the_problem

from kiosk.core.presentation.document import document_for
from kiosk.core.presentation.myth import in_quote_marks, myth_view, phrase_found, quoted_phrase
from kiosk.core.presentation.slides import find_slide, text_in


def test_the_quoted_phrase_and_the_search() -> None:
    assert quoted_phrase("occurred: \u201cHis past is not accidental.\u201d At that") == "His past is not accidental"
    assert quoted_phrase("прозвучали слова: \u201eЕго прошлое не случайно\u201c. Тут") == "Его прошлое не случайно"
    assert quoted_phrase("no quotation") == ""
    assert phrase_found("not accidental", "It was Not  accidental, of course.")
    assert not phrase_found("not accidental", "was not, of course, accidental")
    assert not phrase_found("", "anything")
    assert in_quote_marks("слова", "ru") == "\u00abслова\u00bb"
    assert in_quote_marks("words", "en") == "\u201cwords\u201d"


@pytest.mark.parametrize(
    ("language", "phrase", "near"),
    [
        (
            "en",
            "His non-Bolshevik past is not accidental",
            ["was not, of course, accidental", "the non-Bolshevism of Trotsky"],
        ),
        (
            "ru",
            "Его небольшевистское прошлое не случайно",
            ["конечно, не был случайностью", "небольшевизм\u00a0— Троцкому"],
        ),
    ],
)
def test_the_six_words_are_not_in_the_letter_but_the_words_they_garble_are(
    shipped, language, phrase, near, assert_plain
) -> None:
    myth = myth_view(shipped, language)

    assert myth["available"] and myth["phrase"] == phrase
    assert myth["found"] is False  # the search finds nothing: the point of the exhibit
    document = document_for(shipped)
    ids = [p.id for part in document.parts for p in part.paragraphs]
    assert myth["nearIndex"] == ids.index("letter-7")  # the October episode of Zinoviev and Kamenev
    for words in near:
        assert f'<span class="near">{words}</span>' in myth["nearHtml"]
    assert len(myth["paragraphs"]) == len(ids)
    assert [section["link"] for section in myth["account"]] == [
        "chapter/myth-and-document/2", "chapter/myth-and-document/3"
    ]
    assert myth["account"][1]["leftText"] and myth["account"][1]["rightText"]
    assert myth["conclusion"] and myth["chapterLink"] == "chapter/myth-and-document/0"
    assert myth["storyTranslated"] == (language == "ru")
    assert_plain(myth)


def test_without_myth_settings_in_the_exhibit_the_interactive_is_unavailable(small) -> None:
    assert small.exhibit.myth is None
    assert myth_view(small, "en")["available"] is False


def test_the_shipped_myth_retells_the_slides_exhibit_json_names(shipped) -> None:
    myth = shipped.exhibit.myth
    assert myth is not None
    assert myth_view(shipped, "en")["chapterLink"] == f"chapter/{myth.story.chapter}/0"
    assert [section["heading"] for section in myth_view(shipped, "en")["account"]] == [
        text_in(find_slide(shipped, link.chapter, link.slide).heading, "en", shipped) for link in myth.accounts
    ]


def test_the_validator_names_myth_slides_and_words_that_do_not_exist(tmp_path) -> None:
    def point_nowhere(data: dict[str, dict]) -> None:
        data["exhibit.json"]["myth"] = {
            "story": "one/no-such-slide", "accounts": ["one/quote", "gone/quote"], "near_words": ["no_such_string"],
        }

    problems = errors(broken(tmp_path, point_nowhere))

    assert the_problem(problems, "exhibit.json", "myth.story").message.startswith("no slide 'one/no-such-slide'")
    assert the_problem(problems, "exhibit.json", "myth.accounts[1]").message.startswith("no slide 'gone/quote'")
    assert "no_such_string" in the_problem(problems, "exhibit.json", "myth.near_words[0]").message
    assert not [p for p in problems if p.field == "myth.accounts[0]"]
