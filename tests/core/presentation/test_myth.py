"""The "six words" interactive (kiosk.core.presentation.myth): the quoted phrase, the search, and the letter's
real words."""

from __future__ import annotations

import pytest

from kiosk.core.presentation.document import (
    document_for,
)
from kiosk.core.presentation.myth import in_quote_marks, myth_view, phrase_found, quoted_phrase


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
        "chapter/myth-and-document/3", "chapter/myth-and-document/4"
    ]
    assert myth["account"][1]["leftText"] and myth["account"][1]["rightText"]
    assert myth["conclusion"] and myth["chapterLink"] == "chapter/myth-and-document/0"
    assert myth["storyTranslated"] == (language == "ru")
    assert_plain(myth)


def test_without_the_myth_chapter_the_interactive_is_unavailable(small) -> None:
    assert myth_view(small, "en")["available"] is False
