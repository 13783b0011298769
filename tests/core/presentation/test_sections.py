"""What the document viewer, the timeline, the people and the myth interactive show (kiosk.core.presentation.sections):
dates written out per language, paragraphs with their names and notes as links and their boxes on the facsimile,
the paragraph in view at a point, the timeline's scale and lanes, where a person appears, and the "six words"."""

from __future__ import annotations

import copy
import itertools
import json
import shutil

import pytest
from contentkit import files, write_content

from kiosk import paths
from kiosk.core.content.exhibit import Content
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import PartialDate
from kiosk.core.presentation.sections import (
    CARD_GAP,
    EVENT_KEYS,
    PARAGRAPH_KEYS,
    PERSON_KEYS,
    document_for,
    document_paragraphs,
    document_view,
    event_index,
    facsimile_layout,
    format_date,
    in_quote_marks,
    myth_view,
    paragraph_at,
    paragraph_boxes,
    paragraph_index,
    people_cards,
    person_appearances,
    person_view,
    phrase_found,
    place_in_lanes,
    quoted_phrase,
    time_scale,
    timeline_layout,
)
from kiosk.core.visit.navigation import Location, Navigator, Screen

SCALARS = (str, int, float, bool)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Content:
    root = write_content(tmp_path_factory.mktemp("content"))
    return load_content(root, media_roots=[root / "media"])


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content(paths.bundled_content_dir())


def assert_plain(value) -> None:
    if isinstance(value, list):
        for entry in value:
            assert_plain(entry)
    elif isinstance(value, dict):
        for inner in value.values():
            assert_plain(inner)
    else:
        assert isinstance(value, SCALARS), value


# --- dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "en", "ru"),
    [
        ("1922-12-25", "December 25, 1922", "25\u00a0декабря 1922\u00a0г."),
        ("1923-03", "March 1923", "Март 1923\u00a0г."),
        ("1928", "1928", "1928\u00a0г."),
    ],
)
def test_dates_are_written_out_as_precisely_as_known(value, en, ru) -> None:
    date = PartialDate(value)
    assert format_date(date, "en") == en
    assert format_date(date, "ru") == ru
    assert format_date(date, "de") == value  # a language without a table: the date as written


# --- the document ---------------------------------------------------------------------------------------------


def test_paragraphs_mark_names_and_notes_as_links_in_escaped_rich_text(tmp_path) -> None:
    data = copy.deepcopy(files())
    paragraph = data["documents/testament.json"]["parts"][0]["paragraphs"][0]
    paragraph["notes"] = [
        {"anchor": {"en": "this fault", "ru": "этот недостаток"}, "note": {"en": "A <note> & more", "ru": "Заметка"}}
    ]
    root = write_content(tmp_path, data)
    content = load_content(root, media_roots=[root / "media"])
    document = document_for(content)

    rows = document_paragraphs(content, document, "en", {})

    assert [tuple(row) for row in rows] == [PARAGRAPH_KEYS]
    row = rows[0]
    assert row["html"] == (
        'Postscript: <a href="person:stalin">Stalin</a> is too rude, and '
        '<a href="note:0">this fault</a><sup><a href="note:0">1</a></sup>'
    )
    assert row["notes"] == [{"number": 1, "anchor": "this fault", "note": "A <note> & more"}]
    assert row["mentions"] == [{"personId": "stalin", "text": "Stalin", "name": "Joseph Stalin"}]
    assert (row["partStart"], row["partEnd"], row["number"], row["index"]) == (True, True, 1, 0)
    assert row["partDate"] == "January 4, 1923"
    assert row["hasBox"] is False
    assert_plain(row)
    russian = document_paragraphs(content, document, "ru", {})[0]
    assert '<a href="person:stalin">Сталин</a>' in russian["html"]
    assert russian["partDate"] == "4 января 1923 г."


def test_rich_text_escapes_what_the_text_says() -> None:
    from kiosk.core.presentation.sections import marked_html

    assert marked_html("a < b & c", [(4, 5, "x")], lambda tag, words: f"[{words}]") == "a &lt; [b] &amp; c"


def test_paragraphs_are_found_by_id_or_number(small) -> None:
    document = document_for(small)
    assert paragraph_index(document, "ps-1") == 0
    assert paragraph_index(document, "0") == 0
    assert paragraph_index(document, "1") == -1
    assert paragraph_index(document, "nothing") == -1


def write_layout(root, boxes: dict, pages: list[dict]) -> None:
    folder = root / "media" / "generated" / "facsimile"
    folder.mkdir(parents=True, exist_ok=True)
    layout = {"version": 1, "source": "sources/testament.en.txt", "pages": pages, "paragraphs": boxes}
    (folder / "layout.json").write_text(json.dumps(layout), encoding="utf-8")


def test_paragraph_boxes_come_from_the_layout_by_the_source_text(tmp_path) -> None:
    data = copy.deepcopy(files())
    data["documents/testament.json"]["facsimile"][0]["src"] = "generated/facsimile/page-1.png"
    root = write_content(tmp_path, data)
    (root / "media" / "generated" / "facsimile").mkdir(parents=True)
    shutil.copy(root / "media" / "photos" / "paper.png", root / "media" / "generated" / "facsimile" / "page-1.png")
    # block 0 of the source text is the postscript, block 1 its date
    write_layout(root, {"0": {"page": 1, "x": 100, "y": 200, "w": 800, "h": 100},
                        "1": {"page": 1, "x": 700, "y": 400, "w": 200, "h": 20}},
                 [{"page": 1, "width": 1000, "height": 2000}])
    content = load_content(root, media_roots=[root / "media"])
    document = document_for(content)

    layout = facsimile_layout(content, document)
    boxes = paragraph_boxes(content, document, layout)

    box = boxes["ps-1"]
    assert (box.page, box.x, box.y, box.w, box.h) == (1, 0.1, 0.1, 0.8, 0.05)
    view = document_view(content, "en")
    assert view["paragraphs"][0]["hasBox"] is True
    assert view["pages"][0]["aspect"] == 0.5
    assert paragraph_boxes(content, document, None) == {}


def test_the_paragraph_in_view_is_the_box_under_the_point_or_the_nearest_on_that_page() -> None:
    def row(index, page, y):
        return {"index": index, "page": page, "hasBox": True, "boxX": 0.1, "boxY": y, "boxW": 0.8, "boxH": 0.1}

    rows = [row(0, 1, 0.1), row(1, 1, 0.3), row(2, 2, 0.1), {**row(3, 2, 0.5), "hasBox": False}]
    assert paragraph_at(rows, 1, 0.5, 0.35) == 1  # inside
    assert paragraph_at(rows, 1, 0.5, 0.22) == 0  # between: the nearer
    assert paragraph_at(rows, 1, 0.5, 0.9) == 1  # below the last
    assert paragraph_at(rows, 2, 0.5, 0.9) == 2  # a paragraph without a box is never chosen
    assert paragraph_at(rows, 3, 0.5, 0.5) == -1


def test_every_shipped_paragraph_has_its_box_on_its_page(shipped) -> None:
    document = document_for(shipped)
    layout = facsimile_layout(shipped, document)
    if layout is None:
        pytest.skip("the facsimile layout is generated media: run `python -m kiosk media generate` first")
    boxes = paragraph_boxes(shipped, document, layout)
    for part in document.parts:
        for paragraph in part.paragraphs:
            box = boxes[paragraph.id]
            assert box.page == paragraph.page, paragraph.id
            assert 0 <= box.x < box.x + box.w <= 1 and 0 <= box.y < box.y + box.h <= 1
    # boxes follow the reading order down each page
    rows = document_view(shipped, "en")["paragraphs"]
    for first, second in itertools.pairwise(rows):
        if first["page"] == second["page"]:
            assert first["boxY"] + first["boxH"] <= second["boxY"]
            assert paragraph_at(rows, second["page"], 0.5, second["boxY"] + second["boxH"] / 2) == second["index"]


# --- the timeline ---------------------------------------------------------------------------------------------


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
def test_the_shipped_timeline_is_in_date_order_with_links_to_the_slides(shipped, language) -> None:
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


# --- people ---------------------------------------------------------------------------------------------------


def test_people_cards_in_the_order_of_the_people_file(shipped) -> None:
    cards = people_cards(shipped, "ru")
    assert [card["personId"] for card in cards] == [p.id for p in shipped.people.people]
    assert all(tuple(card) == PERSON_KEYS for card in cards)
    assert cards[0]["name"] == "Владимир Ленин"
    assert cards[0]["portrait"] == "generated/portraits/lenin.jpg"


def test_a_person_appears_in_slides_paragraphs_and_events(small) -> None:
    found = person_appearances(small, "stalin", "en")
    assert [(a["group"], a["link"]) for a in found] == [
        ("chapter", "chapter/one/0"),
        ("document", "document/testament/0"),
        ("timeline", "timeline/postscript"),
    ]
    assert found[0]["label"] == "1. Dictation" and found[0]["detail"] == "A letter"
    assert found[1]["label"] == "Postscript, January 4, 1923 \u00b7 \u00b6\u00a01"
    assert "Stalin" in found[1]["detail"]
    assert found[2]["label"] == "January 4, 1923"
    view = person_view(small, "stalin", "ru")
    assert view["name"] == "Иосиф Сталин" and view["appearances"]
    assert person_view(small, "nobody", "en")["appearances"] == []


def test_shipped_people_link_to_every_slide_and_paragraph_that_names_them(shipped) -> None:
    for person in shipped.people.people:
        links = [a["link"] for a in person_appearances(shipped, person.id, "en")]
        slides = [
            f"chapter/{c.id}/{i}" for c in shipped.chapters for i, s in enumerate(c.slides) if person.id in s.people
        ]
        assert [link for link in links if link.startswith("chapter/")] == slides
        document = document_for(shipped)
        mentioned = [
            f"document/{document.id}/{i}"
            for i, p in enumerate(p for part in document.parts for p in part.paragraphs)
            if any(m.person == person.id for m in p.mentions)
        ]
        assert [link for link in links if link.startswith("document/")] == mentioned


# --- myth and document ----------------------------------------------------------------------------------------


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
def test_the_six_words_are_not_in_the_letter_but_the_words_they_garble_are(shipped, language, phrase, near) -> None:
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


# --- navigation -----------------------------------------------------------------------------------------------


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
