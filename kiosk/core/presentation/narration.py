"""What each view says: the narration items (kiosk.core.content.narration) a visitor hears on each view the
proof renders (kiosk.core.presentation.screens), and how long they last, for the proof and the player."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import DocumentFile
from kiosk.core.presentation.document import document_for, first_note_numbers, paragraph_ids
from kiosk.core.presentation.screens import (
    STATE_IDLE,
    STATE_MORE,
    STATE_NOTE_PREFIX,
    STATE_PIN,
    ProofView,
    proof_views,
)
from kiosk.core.visit.navigation import Location, Screen

# (item id, language) -> the narration's length in seconds; None when it has none (a NarrationLibrary's seconds)
Seconds = Callable[[str, str], float | None]


class ViewNarration(NamedTuple):
    view: str  # the view's name (ProofView.name)
    items: list[str]  # the narration items spoken on it, in order
    missing: list[str]  # those without narration in the language
    seconds: float  # the length of those that have it


def view_items(content: Content, view: ProofView) -> list[str]:
    """The narration items spoken on ``view``, in the order a visitor meets them."""
    if view.state == STATE_IDLE:
        return ["ui/still_there", "ui/continue"]
    if view.state == STATE_PIN:
        return ["ui/staff_pin"]
    parts = view.link.split("/")
    screen = parts[0]
    if screen == "attract":
        return ["exhibit", "ui/touch_to_begin"]
    if screen == "home":
        return ["exhibit", *(f"chapter/{chapter.id}" for chapter in content.chapters)]
    if screen == "chapter" and len(parts) == 3:
        chapter = content.chapter(parts[1])
        if chapter is None or not parts[2].isdigit() or int(parts[2]) >= len(chapter.slides):
            return []
        item = f"chapter/{chapter.id}/{chapter.slides[int(parts[2])].id}"
        return [f"{item}/more"] if view.state == STATE_MORE else [item]
    if screen == "document" and len(parts) == 3:
        document = document_for(content, parts[1])
        ids = paragraph_ids(document) if document is not None else []
        if document is None or not parts[2].isdigit() or int(parts[2]) >= len(ids):
            return []
        if view.state.startswith(STATE_NOTE_PREFIX):
            return _note_item(document, int(view.state[len(STATE_NOTE_PREFIX):]))
        paragraph = f"document/{document.id}/{ids[int(parts[2])]}"
        return [f"document/{document.id}", paragraph] if int(parts[2]) == 0 and not view.state else [paragraph]
    if screen == "timeline":
        return [f"timeline/{parts[1]}"] if len(parts) == 2 else ["ui/timeline", "ui/timeline_hint"]
    if screen == "people":
        return ["ui/people"]
    if screen == "person" and len(parts) == 2:
        return [f"person/{parts[1]}"]
    if screen == "myth":
        step = parts[2] if len(parts) == 3 else "0"
        return [{"1": "myth/verdict", "2": "myth/account"}.get(step, "myth/search")]
    return []


def place_items(content: Content, location: Location, state: str = "") -> list[str]:
    """The items spoken where the visitor is (the navigator's location), as on its view in the proof."""
    link = {
        Screen.TIMELINE: f"timeline/{location.item}" if location.item else "timeline",
        Screen.PERSON: f"person/{location.item}",
        Screen.MYTH: f"myth//{location.index}",
    }.get(location.screen, location.link)
    return view_items(content, ProofView("", link, "", "", state))


# A control that shows a piece of content is named after it (its objectName in the QML): focused, it speaks
# that content's item. Any other control speaks the interface string it shows.
FOCUS_ITEMS = {
    "chapterCard_": "chapter/",
    "personCard_": "person/",
    "mentionButton_": "person/",
    "event_": "timeline/",
}


def focus_item(content: Content, language: str, object_name: str, name: str) -> str | None:
    """The item a focused control speaks in the audio guide: the content it shows (by its objectName), else the
    interface string its accessible name is (``ui/<key>``); None for a control that says neither."""
    for prefix, item in FOCUS_ITEMS.items():
        if object_name.startswith(prefix) and len(object_name) > len(prefix):
            return item + object_name[len(prefix):]
    wanted = name.strip()
    if not wanted:
        return None
    return next(
        (f"ui/{key}" for key, text in sorted(content.strings.strings.items()) if text.get(language) == wanted), None
    )


def _note_item(document: DocumentFile, number: int) -> list[str]:
    """The item of the document's note ``number`` (notes are numbered through the whole document)."""
    first = first_note_numbers(document)
    for part in document.parts:
        for paragraph in part.paragraphs:
            if first[paragraph.id] <= number < first[paragraph.id] + len(paragraph.notes):
                return [f"document/{document.id}/{paragraph.id}/note/{number - first[paragraph.id] + 1}"]
    return []


def views_narration(content: Content, language: str, seconds: Seconds) -> list[ViewNarration]:
    """For every view a visitor can reach: what is spoken on it, what has no narration, and for how long."""
    out = []
    for view in proof_views(content):
        items = view_items(content, view)
        lengths = {item: seconds(item, language) for item in items}
        out.append(
            ViewNarration(
                view.name,
                items,
                [item for item, length in lengths.items() if length is None],
                sum(length for length in lengths.values() if length is not None),
            )
        )
    return out
