"""What the people screens show (kiosk.core.presentation.people): the cards, and where each person appears."""

from __future__ import annotations

from kiosk.core.presentation.document import document_for
from kiosk.core.presentation.people import PERSON_KEYS, people_cards, person_appearances, person_view


def test_people_cards_in_the_order_of_the_people_file(shipped) -> None:
    cards = people_cards(shipped, "ru")
    assert [card["personId"] for card in cards] == [p.id for p in shipped.people.people]
    assert all(tuple(card) == PERSON_KEYS for card in cards)
    assert cards[0]["name"] == "Владимир Ленин"
    assert cards[0]["portrait"] == "generated/portraits/lenin-ru.jpg"  # the name on the card in Russian


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
