"""What the people screens show: a card per person, and where each person appears in the exhibit."""

from __future__ import annotations

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    Person,
)
from kiosk.core.presentation.dates import NBSP, format_date
from kiosk.core.presentation.slides import View, text_in
from kiosk.core.presentation.timeline import sorted_events

PERSON_KEYS = ("personId", "name", "role", "years", "portrait", "portraitAlt")


def person_card(content: Content, person: Person, language: str) -> View:
    return {
        "personId": person.id,
        "name": text_in(person.name, language, content),
        "role": text_in(person.role, language, content),
        "years": person.years or "",
        "portrait": person.portrait.src.replace("{lang}", language),
        "portraitAlt": text_in(person.portrait.alt, language, content),
    }


def people_cards(content: Content, language: str) -> list[View]:
    return [person_card(content, person, language) for person in content.people.people]


def _snippet(text: str, words: str, reach: int = 48) -> str:
    """A few words either side of ``words`` in ``text``, cut at word boundaries, with ellipses."""
    at = text.find(words)
    if at < 0:
        return text[: reach * 2].rsplit(" ", 1)[0] + "\u2026"
    start, end = max(0, at - reach), min(len(text), at + len(words) + reach)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        cut = text.rfind(" ", at + len(words), end)
        end = cut if cut > 0 else end
    snippet = text[start:end].strip(" ,;:\u2013\u2014")
    return ("\u2026" if start > 0 else "") + snippet + ("\u2026" if end < len(text) else "")


def person_appearances(content: Content, person_id: str, language: str) -> list[View]:
    """Where a person appears, each with a deep link: chapter slides (their ``people``), paragraphs of the
    documents that name them (mentions), and timeline events. Groups in that order, story order within."""
    found: list[View] = []
    for number, chapter in enumerate(content.chapters, 1):
        for index, slide in enumerate(chapter.slides):
            if person_id in slide.people:
                found.append(
                    {
                        "group": "chapter",
                        "link": f"chapter/{chapter.id}/{index}",
                        "label": f"{number}. {text_in(chapter.title, language, content)}",
                        "detail": text_in(slide.heading, language, content),
                    }
                )
    for document in content.documents.values():
        index = -1
        for part in document.parts:
            for number, paragraph in enumerate(part.paragraphs, 1):
                index += 1
                mention = next((m for m in paragraph.mentions if m.person == person_id), None)
                if mention is None:
                    continue
                found.append(
                    {
                        "group": "document",
                        "link": f"document/{document.id}/{index}",
                        "label": f"{text_in(part.title, language, content)}, "
                        f"{text_in(part.date_label, language, content)} \u00b7 \u00b6{NBSP}{number}",
                        "detail": _snippet(text_in(paragraph.text, language, content), text_in(mention.text, language,
                                                                                            content)),
                    }
                )
    for event in sorted_events(content):
        if person_id in event.people:
            found.append(
                {
                    "group": "timeline",
                    "link": f"timeline/{event.id}",
                    "label": format_date(event.date, language),
                    "detail": text_in(event.title, language, content),
                }
            )
    return found


def person_view(content: Content, person_id: str, language: str) -> View:
    person = content.person(person_id)
    if person is None:
        return {**dict.fromkeys(PERSON_KEYS, ""), "bio": "", "portraitCredit": "", "appearances": []}
    return {
        **person_card(content, person, language),
        "bio": text_in(person.bio, language, content),
        "portraitCredit": text_in(person.portrait.credit, language, content),
        "appearances": person_appearances(content, person_id, language),
    }
