"""Narration items: readable ids from the content's own ids, what each says, and the validator's check of the
curators' recordings (content/narration/<language>/<item id>.<ext>)."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import files, write_content, write_wav

from kiosk.core.content.loader import load_content
from kiosk.core.content.narration import narration_items, recording_path, template_items
from kiosk.core.content.problems import ContentError
from kiosk.core.presentation.dates import format_date

ROOT = Path(__file__).resolve().parents[3]


def problems_of(root: Path) -> list[str]:
    try:
        content = load_content(root)
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return [p.format() for p in content.warnings]


def test_every_text_has_an_item_with_a_readable_id(tmp_path: Path) -> None:
    items = {item.id: item for item in narration_items(load_content(write_content(tmp_path / "c")), format_date)}
    assert {"exhibit", "chapter/one", "chapter/one/narrative", "chapter/one/quote", "chapter/two/excerpt",
            "chapter/two/compare", "document/testament", "document/testament/ps-1", "person/stalin",
            "timeline/postscript", "ui/touch_to_begin"} <= set(items)
    assert items["chapter/one/narrative"].texts == {
        "en": "A letter. Lenin dictates a letter. A typed sheet. Illustration made for the exhibit.",
        "ru": "A letter (ru). Lenin dictates a letter. (ru). A typed sheet (ru). Illustration made for the exhibit (ru)."}
    # a quotation is spoken with its attribution first, as such
    assert items["chapter/one/quote"].texts["en"] == (
        "The postscript. V. I. Lenin, January 4, 1923: Stalin is too rude, and this fault.")
    assert items["chapter/one/quote"].file == "chapters/one.json"
    # the first paragraph of a part carries the part's title and date
    assert items["document/testament/ps-1"].texts["ru"].startswith("Postscript (ru). 4 января 1923 г. Добавление")


def test_more_notes_the_myth_and_the_pieces_of_templates_have_items(tmp_path: Path) -> None:
    data = files()
    data["chapters/one.json"]["slides"][0]["more"] = {"en": "The rest.", "ru": "Остальное."}
    paragraph = data["documents/testament.json"]["parts"][0]["paragraphs"][0]
    paragraph["notes"] = [{"anchor": {"en": "too rude", "ru": "слишком груб"}, "note": {"en": "Rude.", "ru": "Груб."}}]
    data["strings.json"]["strings"]["slide_of"] = {"en": "{n} of {m}", "ru": "{n} из {m}"}
    items = {item.id: item for item in narration_items(load_content(write_content(tmp_path / "c", data)), format_date)}
    assert items["chapter/one/narrative/more"].texts == {"en": "The rest.", "ru": "Остальное."}
    assert items["document/testament/ps-1/note/1"].texts["en"] == "too rude: Rude."
    # "{n} of {m}" is said from its fixed pieces and the numbers' items, in each language's order
    assert "ui/slide_of" not in items
    assert items["ui/slide_of/before-m"].texts == {"en": "of", "ru": "из"}
    assert template_items("{n} of {m}", "slide_of", {"n": 2, "m": 3}) == ["number/2", "ui/slide_of/before-m",
                                                                           "number/3"]
    assert items["number/2"].texts == {"en": "2", "ru": "2"}
    bundled = {item.id for item in narration_items(load_content(ROOT / "content"), format_date)}
    assert {"myth/search", "myth/verdict", "myth/account", "chapter/dictation/the-letter"} <= bundled


def test_captions_credits_dates_eras_and_language_names_are_spoken(tmp_path: Path) -> None:
    items = {item.id: item for item in narration_items(load_content(ROOT / "content"), format_date)}
    # an image's caption, then its credit line, end the item of the slide or person that shows it
    assert items["chapter/dictation/the-letter"].texts["en"].endswith(
        ". Lenin dictated the letter to a stenographer. Illustration made for the exhibit.")
    assert items["document/testament/page/2"].texts["en"].startswith("The testament, page 2 of 2")
    assert items["person/stalin"].texts["ru"].endswith(". Иллюстрация, созданная для выставки.")
    # an event's date as the timeline writes it
    assert items["timeline/council-of-elders"].texts["en"].startswith("May 22, 1924. The reading")
    assert items["timeline/council-of-elders"].texts["ru"].startswith("22\u00a0мая 1924\u00a0г. ")
    assert items["era/exile"].texts == {"en": "Exile.", "ru": "Изгнание."}
    # a language's button says its name in that language, and only there
    assert items["language/ru"].texts == {"ru": "Русский"}
    assert items["number/30"].texts["ru"] == "30"  # the idle warning's seconds
    assert "number/29" not in items  # only the numbers something says


def test_a_recording_replaces_nothing_until_it_is_named_after_an_item(tmp_path: Path) -> None:
    root = write_content(tmp_path / "c")
    good = write_wav(root / "narration" / "ru" / "person" / "stalin.wav")
    assert recording_path(root, "person/stalin", "ru") == good
    assert recording_path(root, "person/stalin", "en") is None
    assert problems_of(root) == []


def test_the_validator_names_recordings_that_would_never_play(tmp_path: Path) -> None:
    root = write_content(tmp_path / "c")
    write_wav(root / "narration" / "en" / "person" / "stalln.wav")  # a typo
    write_wav(root / "narration" / "de" / "person" / "stalin.wav")  # not an exhibit language
    (root / "narration" / "en" / "exhibit.ogg").write_bytes(b"OggS but not really" * 20)
    (root / "narration" / "en" / "notes.txt").write_text("to do", encoding="utf-8")
    # a mistake elsewhere in the content is reported in the same run
    data = files()
    data["people.json"]["people"][0]["role"] = {"en": "General Secretary"}
    write_content(root, data)
    found = problems_of(root)
    assert any(p.startswith("narration/en/person/stalln.wav:1:1: this recording matches no narration item")
               and "narration/en/person/stalin.wav?" in p for p in found), found
    assert any(p.startswith("narration/de/person/stalin.wav:1:1: 'de' is not one of the exhibit's languages")
               for p in found), found
    assert any(p.startswith("narration/en/exhibit.ogg:1:1: not a sound file the player can decode") for p in found)
    assert any(p.startswith("narration/en/notes.txt:1:1: not a narration recording") for p in found)
    assert any("people.json" in p and "'ru' text is missing" in p for p in found), found


@pytest.mark.parametrize("broken", ["people.json", "chapters/one.json"])
def test_recordings_are_not_called_orphans_where_the_content_could_not_be_read(tmp_path: Path, broken: str) -> None:
    root = write_content(tmp_path / "c")
    write_wav(root / "narration" / "en" / "person" / "stalin.wav")
    write_wav(root / "narration" / "en" / "chapter" / "one" / "narrative.wav")
    data = files()
    key = "people" if broken == "people.json" else "slides"
    data[broken][key][0]["id"] = "Not An Id"
    write_content(root, data)
    found = problems_of(root)
    assert found and not any("matches no narration item" in p for p in found), found
