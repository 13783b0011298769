"""What the document viewer shows (kiosk.core.presentation.document): paragraphs with their names and notes as
links in escaped rich text, their boxes on the facsimile, and the paragraph in view at a point."""

from __future__ import annotations

import copy
import itertools
import json
import shutil

import pytest
from contentkit import files, write_content

from kiosk.core.content.loader import load_content
from kiosk.core.presentation.document import (
    PARAGRAPH_KEYS,
    document_for,
    document_paragraphs,
    document_view,
    facsimile_layout,
    marked_html,
    paragraph_at,
    paragraph_boxes,
    paragraph_index,
)


def test_paragraphs_mark_names_and_notes_as_links_in_escaped_rich_text(tmp_path, assert_plain) -> None:
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

    layout = facsimile_layout(content, document, "en")
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


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_shipped_paragraph_has_its_box_on_its_page(shipped, language: str) -> None:
    """Each language's typescript has its own layout: the boxes are where that language's text is typed."""
    document = document_for(shipped)
    layout = facsimile_layout(shipped, document, language)
    if layout is None:
        pytest.skip("the facsimile layout is generated media: run `python -m kiosk media generate` first")
    boxes = paragraph_boxes(shipped, document, layout)
    for part in document.parts:
        for paragraph in part.paragraphs:
            box = boxes[paragraph.id]
            assert box.page == paragraph.page, paragraph.id
            assert 0 <= box.x < box.x + box.w <= 1 and 0 <= box.y < box.y + box.h <= 1
    # boxes follow the reading order down each page
    rows = document_view(shipped, language)["paragraphs"]
    for first, second in itertools.pairwise(rows):
        if first["page"] == second["page"]:
            assert first["boxY"] + first["boxH"] <= second["boxY"]
            assert paragraph_at(rows, second["page"], 0.5, second["boxY"] + second["boxH"] / 2) == second["index"]
