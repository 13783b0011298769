"""The image slots still waiting for an archival photograph, listed for curators.

A slot of kind "placeholder" shows an illustration made for it, credited as one, so visitors never see a gap;
what a curator needs is the list of those slots, the photograph each asks for and the credit to give it. It
appears in ``kiosk validate --json``, in the proof report and, by hand, in docs/curator-guide.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import Image, ImageKind
from kiosk.core.content.parsed import field_path


def _images(content: Content) -> Iterator[tuple[str, tuple[str | int, ...], Image]]:
    for chapter in content.chapters:
        file = f"chapters/{chapter.id}.json"
        yield file, ("image",), chapter.image
        for index, slide in enumerate(chapter.slides):
            image = getattr(slide, "image", None)
            if image is not None:
                yield file, ("slides", index, "image"), image
    for index, person in enumerate(content.people.people):
        yield "people.json", ("people", index, "portrait"), person.portrait
    for document in content.documents.values():
        for index, page in enumerate(document.facsimile):
            yield f"documents/{document.id}.json", ("facsimile", index), page
    for index, image in enumerate(content.exhibit.attract.images):
        yield "exhibit.json", ("attract", "images", index), image


def waiting_slots(content: Content) -> list[dict[str, str]]:
    """One entry per slot still waiting for its photograph: where it is, what it shows now, what belongs there
    and the credit to use, in the exhibit's default language."""
    language = content.exhibit.default_language
    slots = []
    for file, path, image in _images(content):
        if image.kind is not ImageKind.PLACEHOLDER:
            continue
        slots.append(
            {
                "file": file,
                "field": field_path(path),
                "shows": image.src,
                "wanted": image.suggested_subject.get(language) if image.suggested_subject else "",
                "credit": image.suggested_credit.get(language) if image.suggested_credit else "",
            }
        )
    return slots
