"""What each view says: the narration items (kiosk.core.content.narration) a visitor hears on each view the
proof renders (kiosk.core.presentation.screens), and how long they last, for the proof and the player."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import DocumentFile
from kiosk.core.content.narration import template_items
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


def view_items(content: Content, view: ProofView, language: str = "") -> list[str]:
    """The narration items spoken on ``view`` in ``language`` (the default language's when none), in the order a
    visitor meets them. A string with placeholders ("3 of 12") is said in pieces, in the language's order."""
    language = language or content.exhibit.default_language

    def counted(key: str, **values: int) -> list[str]:
        return template_items(content.strings.strings[key].get(language, content.exhibit.default_language), key,
                              values)

    if view.state == STATE_IDLE:
        warning = counted("returning_in", seconds=content.exhibit.idle.warning_seconds)
        return ["ui/still_there", *warning, "ui/continue"]
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
        slide = chapter.slides[int(parts[2])]
        item = f"chapter/{chapter.id}/{slide.id}"
        if view.state == STATE_MORE:
            return [f"{item}/more"]
        return [item, *counted("slide_of", n=int(parts[2]) + 1, m=len(chapter.slides))]
    if screen == "document" and len(parts) == 3:
        document = document_for(content, parts[1])
        ids = paragraph_ids(document) if document is not None else []
        if document is None or not parts[2].isdigit() or int(parts[2]) >= len(ids):
            return []
        if view.state.startswith(STATE_NOTE_PREFIX):
            return _note_item(document, int(view.state[len(STATE_NOTE_PREFIX):]))
        paragraph = f"document/{document.id}/{ids[int(parts[2])]}"
        said = [f"document/{document.id}", paragraph] if int(parts[2]) == 0 and not view.state else [paragraph]
        return [*said, *_page_items(document, int(parts[2]), counted)] if not view.state else said
    if screen == "timeline":
        if len(parts) == 2:
            return [f"timeline/{parts[1]}"]
        return ["ui/timeline", "ui/timeline_hint", *(f"era/{era.id}" for era in content.timeline.eras)]
    if screen == "people":
        return ["ui/people"]
    if screen == "person" and len(parts) == 2:
        return [f"person/{parts[1]}"]
    if screen == "myth":
        step = parts[2] if len(parts) == 3 else "0"
        return [{"1": "myth/verdict", "2": "myth/account"}.get(step, "myth/search")]
    return []


def place_items(content: Content, location: Location, state: str = "", language: str = "") -> list[str]:
    """The items spoken where the visitor is (the navigator's location), as on its view in the proof."""
    link = {
        Screen.TIMELINE: f"timeline/{location.item}" if location.item else "timeline",
        Screen.PERSON: f"person/{location.item}",
        Screen.MYTH: f"myth//{location.index}",
    }.get(location.screen, location.link)
    return view_items(content, ProofView("", link, "", "", state), language)


def attract_clips(content: Content) -> list[tuple[str, str]]:
    """What the Attract's Listen says: the exhibit's title and "touch to begin" in every language, each in its
    own voice, as the screen shows them, as (item id, language)."""
    return [(item, language) for language in content.languages for item in ("exhibit", "ui/touch_to_begin")]


def spoken_in(item_id: str, language: str) -> str:
    """The language an item is spoken in for a visitor reading ``language``: a language's button says its name
    in that language (``language/<code>`` has no other), everything else in the visitor's."""
    return item_id.split("/", 1)[1] if item_id.startswith("language/") else language


# A control that shows a piece of content is named after it (its objectName in the QML): focused, it speaks
# that content's item. Any other control speaks the interface string it shows.
FOCUS_ITEMS = {
    "chapterCard_": "chapter/",
    "personCard_": "person/",
    "mentionButton_": "person/",
    "event_": "timeline/",
    "language_": "language/",
    "attractLanguage_": "language/",
}


def focus_items(content: Content, language: str, object_name: str, name: str) -> list[str]:
    """What a focused control says in the audio guide: the content it shows (by its objectName), else the
    interface string its accessible name is (``ui/<key>``), followed by the chapter it names ("Next chapter: The
    reading"); nothing for a control that says neither."""
    for prefix, item in FOCUS_ITEMS.items():
        if object_name.startswith(prefix) and len(object_name) > len(prefix):
            return [item + object_name[len(prefix):]]
    if object_name.startswith("appearance_"):  # a person's appearance, named after the link it opens
        found = _link_item(content, object_name[len("appearance_"):])
        return [found] if found else []
    wanted, _, named = name.strip().partition(": ")
    if not wanted:
        return []
    documents = (f"document/{d.id}" for d in content.documents.values() if d.title.get(language) == wanted)
    said = next(
        (f"ui/{key}" for key, text in sorted(content.strings.strings.items()) if text.get(language) == wanted),
        next(documents, None),
    )
    if said is None:
        return []
    chapters = (f"chapter/{c.id}" for c in content.chapters if named and c.title.get(language) == named)
    return [said, *chapters]


def _link_item(content: Content, link: str) -> str | None:
    """The item of what a deep link opens: the slide, the paragraph or the event itself."""
    said = [item for item in view_items(content, ProofView("", link, "", "", "")) if not item.startswith("ui/")]
    return said[1] if link.startswith("document/") and link.endswith("/0") and len(said) > 1 else next(
        iter(said), None)


def _page_items(document: DocumentFile, index: int, counted: Callable[..., list[str]]) -> list[str]:
    """On the first paragraph of a facsimile page: which page it is, and its caption and credit line."""
    paragraphs = [paragraph for part in document.parts for paragraph in part.paragraphs]
    page = paragraphs[index].page
    if (index > 0 and paragraphs[index - 1].page == page) or page > len(document.facsimile):
        return []
    return [*counted("page_of", n=page, m=len(document.facsimile)), f"document/{document.id}/page/{page}"]


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
        items = view_items(content, view, language)
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
