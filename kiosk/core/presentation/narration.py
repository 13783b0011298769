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
