"""The one list of places a visitor can reach (kiosk.core.presentation.screens.screen_links): what the self-test
renders and the soak jumps to, derived from the content."""

from __future__ import annotations

import pytest
from contentkit import files, write_content

from kiosk.core.content.exhibit import Content
from kiosk.core.content.loader import load_content
from kiosk.core.presentation.screens import SCREENS, proof_views, screen_links
from kiosk.core.visit.navigation import parse_link


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Content:
    root = write_content(tmp_path_factory.mktemp("content"), files())
    return load_content(root, media_roots=[root / "media"])


def test_every_screen_and_every_slide_once_in_visiting_order(content) -> None:
    links = screen_links(content)
    slides = [f"chapter/{c.id}/{i}" for c in content.chapters for i in range(len(c.slides))]
    people = [f"person/{p.id}" for p in content.people.people]
    documents = [f"document/{d}/0" for d in content.documents]
    assert links == ["attract", "home", *slides, *documents, "timeline", "people", *people, "myth"]
    assert len(set(links)) == len(links)


def test_every_link_opens_a_screen_and_every_screen_has_a_link(content) -> None:
    parsed = [parse_link(link) for link in screen_links(content)]
    assert None not in parsed
    assert [screen for screen in SCREENS if screen not in {link.screen.value for link in parsed}] == []


def test_the_proof_reaches_every_place_the_self_test_does(content) -> None:
    places = {view.link for view in proof_views(content) if not view.state}
    # the proof opens the myth's later steps and each event too; the places themselves are the same
    assert set(screen_links(content)) <= places
