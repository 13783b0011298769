"""The slots still waiting for an archival photograph are listed for curators, with what belongs there."""

from pathlib import Path

from contentkit import files, image, t, write_content

from kiosk.core.content.loader import load_content
from kiosk.core.content.waiting import waiting_slots


def test_a_placeholder_slot_is_listed_with_its_place_the_picture_it_shows_and_what_belongs_there(
    tmp_path: Path,
) -> None:
    data = files()
    slot = image(kind="placeholder")
    slot.update(suggested_subject=t("The Kremlin, 1922"), suggested_credit=t("Photograph: [archive, reference]"))
    data["chapters/one.json"]["slides"][0]["image"] = slot
    content = load_content(write_content(tmp_path / "content", data), media_roots=[tmp_path / "content" / "media"])

    assert waiting_slots(content) == [
        {
            "file": "chapters/one.json",
            "field": "slides[0].image",
            "shows": "photos/paper.png",
            "wanted": "The Kremlin, 1922",
            "credit": "Photograph: [archive, reference]",
        }
    ]


def test_illustrations_and_photographs_are_not_waiting(tmp_path: Path) -> None:
    content = load_content(write_content(tmp_path / "content"), media_roots=[tmp_path / "content" / "media"])
    assert waiting_slots(content) == []
