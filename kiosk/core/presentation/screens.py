"""Every screen and view a visitor can reach, written once: the screens the interface has (:data:`SCREENS`), a
deep link to each place (:func:`screen_links`, what the self-test renders and the soak jumps to) and every view
(:func:`proof_views`, what ``kiosk proof`` renders and the curator overlay jumps to). All derived from the
content; the QML's ``stage.screens`` (Main.qml) names exactly :data:`SCREENS` (tests/qt/test_screens.py).

A view is a deep link (what :meth:`kiosk.qt.kiosk.Visit.openLink` opens), a stable readable name for its
screenshot (``03-chapter-dictation-04-the-letter``), and the content file and field it shows, so a problem found
on it can be traced back to what a curator edits. Some views are states over a place rather than places
(``state``): the idle warning and the staff PIN pad over Home, the facsimile of each document page shown
whole and zoomed in as far as it goes, and each of the document's notes open over its paragraph.

Screens whose detailed views do not exist yet in the interface (a placeholder screen) are listed once; the
renderer says which screens have details (``detail``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from kiosk.core.content.exhibit import Content
from kiosk.core.presentation.document import first_note_numbers
from kiosk.core.visit.navigation import Screen

# every screen of the interface, in visiting order: the first part of a deep link (the visit's own vocabulary)
SCREENS = tuple(screen.value for screen in Screen)
# screens whose items (paragraphs, events, person cards) are separate views when the interface has them
DETAIL_SCREENS = frozenset({"document", "timeline", "people"})
STATE_IDLE = "idle-warning"
STATE_PIN = "staff-pin"
STATE_WHOLE_PAGE = "whole-page"  # the facsimile page of the link's paragraph, whole ("Whole page")
STATE_ZOOM_MAX = "zoom-max"  # the facsimile zoomed in about the link's paragraph until "Zoom in" gives out
DOCUMENT_STATES = frozenset({STATE_WHOLE_PAGE, STATE_ZOOM_MAX})
STATE_MORE = "more"  # the slide with its More opened: the rest of its story, as a visitor taps it open
STATE_NOTE_PREFIX = "note-"  # "note-3": the panel of the document's note 3, over the paragraph it glosses
MYTH_STEPS = ((1, "verdict"), (2, "account"))  # (position, name): the myth after its search, then explained


class ProofView(NamedTuple):
    name: str  # file name without extension, unique, sorts in story order within a section
    link: str  # deep link
    file: str  # content file (relative to the content folder) the view shows
    field: str  # field path within it ("" for the whole file)
    state: str = ""  # "" for a place; one of the STATE_ names for a state over ``link``


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in text.lower()).strip("-")


def screen_links(content: Content) -> list[str]:
    """A deep link to every place a visitor can reach, once, in visiting order: attract, home, every slide of
    every chapter, each document (at its first paragraph), the timeline, the people, each person, the myth."""
    links = ["attract", "home"]
    links += [f"chapter/{chapter.id}/{index}" for chapter in content.chapters for index in range(len(chapter.slides))]
    links += [f"document/{document_id}/0" for document_id in content.documents]
    links += ["timeline", "people"]
    links += [f"person/{person.id}" for person in content.people.people]
    links.append("myth")
    return links


def proof_views(content: Content, detail: Collection[str] = DETAIL_SCREENS) -> list[ProofView]:
    """Every reachable view of ``content`` in visiting order: attract, home, each slide of each chapter (and it
    with its More opened, when it has more), the
    document (each paragraph with each of its notes, then each facsimile page whole and at its largest), the
    timeline (each event), the people (each person), the myth and its two later steps, the idle warning and the
    staff PIN pad."""
    views = [
        ProofView("01-attract", "attract", "exhibit.json", "attract"),
        ProofView("02-home", "home", "exhibit.json", "chapters"),
    ]
    for chapter in content.chapters:
        for index, slide in enumerate(chapter.slides):
            name = f"03-chapter-{_slug(chapter.id)}-{index + 1:02d}-{_slug(slide.id)}"
            link, file = f"chapter/{chapter.id}/{index}", f"chapters/{chapter.id}.json"
            views.append(ProofView(name, link, file, f"slides[{index}]"))
            if slide.more is not None:
                views.append(ProofView(f"{name}-more", link, file, f"slides[{index}].more", STATE_MORE))
    for document_id, document in content.documents.items():
        file = f"documents/{document_id}.json"
        if "document" not in detail:
            views.append(ProofView(f"04-document-{_slug(document_id)}", f"document/{document_id}", file, ""))
            continue
        number = 0
        first_note = first_note_numbers(document)
        first_on_page: dict[int, int] = {}  # facsimile page (1-based) -> the number of its first paragraph
        for part_index, part in enumerate(document.parts):
            for paragraph_index, paragraph in enumerate(part.paragraphs):
                views.append(
                    ProofView(
                        f"04-document-{_slug(document_id)}-{number + 1:02d}-{_slug(paragraph.id)}",
                        f"document/{document_id}/{number}",
                        file,
                        f"parts[{part_index}].paragraphs[{paragraph_index}]",
                    )
                )
                first_on_page.setdefault(paragraph.page, number)
                for note_index, _ in enumerate(paragraph.notes):
                    note_number = first_note[paragraph.id] + note_index
                    views.append(
                        ProofView(
                            f"04-document-{_slug(document_id)}-{number + 1:02d}-note-{note_number}",
                            f"document/{document_id}/{number}",
                            file,
                            f"parts[{part_index}].paragraphs[{paragraph_index}].notes[{note_index}]",
                            f"{STATE_NOTE_PREFIX}{note_number}",
                        )
                    )
                number += 1
        views += _page_views(document_id, file, len(document.facsimile), first_on_page)
    views.append(ProofView("05-timeline", "timeline", "timeline.json", ""))
    if "timeline" in detail:
        for index, event in enumerate(content.timeline.events):
            views.append(
                ProofView(
                    f"05-timeline-{index + 1:02d}-{_slug(event.id)}",
                    f"timeline/{event.id}",
                    "timeline.json",
                    f"events[{index}]",
                )
            )
    views.append(ProofView("06-people", "people", "people.json", ""))
    if "people" in detail:
        for index, person in enumerate(content.people.people):
            views.append(
                ProofView(f"07-person-{_slug(person.id)}", f"person/{person.id}", "people.json", f"people[{index}]")
            )
    myth = content.exhibit.myth  # the chapter of the story it retells (exhibit.json › myth)
    myth_file = f"chapters/{myth.story.chapter}.json" if myth is not None else "strings.json"
    views.append(ProofView("08-myth", "myth", myth_file, ""))
    # its later steps, which a deep link reaches as the visitor's search does: the verdict, then the account
    views += [ProofView(f"08-myth-{step}-{name}", f"myth//{step}", myth_file, "") for step, name in MYTH_STEPS]
    views.append(ProofView(f"09-{STATE_IDLE}", "home", "strings.json", "strings.still_there", STATE_IDLE))
    views.append(ProofView(f"10-{STATE_PIN}", "home", "strings.json", "strings.staff_pin", STATE_PIN))
    return views


def _page_views(document_id: str, file: str, pages: int, first_on_page: dict[int, int]) -> list[ProofView]:
    """Each facsimile page whole and zoomed in all the way (where a blurry scan shows), reached through its
    first paragraph. The first page is already whole in the first paragraph's view; a page no paragraph is on
    is reached by panning only, and shown in the zoomed views of its neighbours' paragraphs if at all."""
    views = []
    for page in range(1, pages + 1):
        number = first_on_page.get(page)
        if number is None:
            continue
        name = f"04-document-{_slug(document_id)}-page-{page}"
        link, field = f"document/{document_id}/{number}", f"facsimile[{page - 1}]"
        if number != 0:
            views.append(ProofView(name, link, file, field, STATE_WHOLE_PAGE))
        views.append(ProofView(f"{name}-zoom-max", link, file, field, STATE_ZOOM_MAX))
    return views


def view_label(view: ProofView) -> str:
    """A short caption for a contact sheet or a list: the name without its section number."""
    return view.name.split("-", 1)[1] if "-" in view.name else view.name
