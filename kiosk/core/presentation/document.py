"""What the document viewer shows: the facsimile pages, which paragraph sits where on them and which one
is in view, and the paragraphs with their names and notes marked as links.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    DocumentFile,
)
from kiosk.core.content.quotes import normalise
from kiosk.core.content.scan import read_json
from kiosk.core.presentation.slides import View, text_in

log = logging.getLogger(__name__)


PARAGRAPH_KEYS = (
    "paragraphId",
    "index",
    "number",  # 1-based within its part, as a visitor counts
    "partId",
    "partTitle",
    "partDate",
    "partStart",
    "partEnd",
    "text",
    "html",
    "notes",
    "mentions",
    "page",
    "hasBox",
    "boxX",
    "boxY",
    "boxW",
    "boxH",
)
PAGE_KEYS = ("page", "src", "alt", "caption", "credit", "aspect", "pixelWidth")
DEFAULT_PAGE_ASPECT = 210 / 297  # A4, until the image says otherwise


@dataclass(frozen=True)
class Box:
    """A paragraph's place on its facsimile page, as fractions of the page's width and height."""

    page: int
    x: float
    y: float
    w: float
    h: float


def document_for(content: Content, document_id: str = "") -> DocumentFile | None:
    if document_id:
        return content.documents.get(document_id)
    return next(iter(content.documents.values()), None)


def paragraph_ids(document: DocumentFile) -> list[str]:
    return [paragraph.id for part in document.parts for paragraph in part.paragraphs]


def paragraph_index(document: DocumentFile, key: str) -> int:
    """The index of a paragraph given by id or by number ("letter-7" or "6"); -1 when there is none."""
    ids = paragraph_ids(document)
    if key in ids:
        return ids.index(key)
    if key.isdigit() and int(key) < len(ids):
        return int(key)
    return -1


def _source_language(content: Content, document: DocumentFile) -> str:
    source = next((s for s in content.sources.sources if s.id == document.source), None)
    return source.language if source else content.exhibit.default_language


def facsimile_layout(content: Content, document: DocumentFile, language: str) -> View | None:
    """The layout.json beside the facsimile pages in ``language`` (written by ``kiosk media generate``), or None."""
    if not document.facsimile:
        return None
    folder = PurePosixPath(document.facsimile[0].src.replace("{lang}", language)).parent
    path = content.resolve_media(str(folder / "layout.json"))
    if path is None:
        return None
    layout = read_json(path, lambda problem: log.warning("facsimile layout %s: %s", path, problem))
    return layout if isinstance(layout, dict) else None


def _blocks(text: str) -> list[str]:
    return [normalise(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _layout_source_text(content: Content, document: DocumentFile, layout: View) -> str | None:
    candidates: list[Path] = []
    if isinstance(layout.get("source"), str):
        candidates.append(content.root / layout["source"])
    source = next((s for s in content.sources.sources if s.id == document.source), None)
    if source is not None and source.text_file:
        candidates.append(content.root / "sources" / source.text_file)
    for path in candidates:
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            continue
    return None


def paragraph_boxes(content: Content, document: DocumentFile, layout: View | None) -> dict[str, Box]:
    """Paragraph id -> its box on the facsimile. The layout numbers the blocks of the source text (paragraphs
    and date lines, separated by blank lines); a paragraph is the block that holds its source-language text."""
    if not layout:
        return {}
    # a typescript in another language than the source's carries its own blocks
    typed = layout.get("blocks")
    text = "\n\n".join(typed) if isinstance(typed, list) else _layout_source_text(content, document, layout)
    boxes = layout.get("paragraphs")
    pages = {p.get("page"): p for p in layout.get("pages", []) if isinstance(p, dict)}
    language = layout.get("language") if isinstance(typed, list) else _source_language(content, document)
    if text is None or not isinstance(boxes, dict) or not isinstance(language, str):
        return {}
    blocks = _blocks(text)
    found: dict[str, Box] = {}
    for part in document.parts:
        for paragraph in part.paragraphs:
            wanted = normalise(paragraph.text.root.get(language, ""))
            index = next((i for i, block in enumerate(blocks) if wanted and wanted in block), -1)
            box = boxes.get(str(index))
            if not isinstance(box, dict):
                continue
            page = pages.get(box.get("page"))
            if not page or not page.get("width") or not page.get("height"):
                continue
            width, height = float(page["width"]), float(page["height"])
            found[paragraph.id] = Box(
                int(box["page"]), box["x"] / width, box["y"] / height, box["w"] / width, box["h"] / height
            )
    return found


def facsimile_pages(content: Content, document: DocumentFile, language: str, layout: View | None) -> list[View]:
    sizes = {p.get("page"): p for p in (layout or {}).get("pages", []) if isinstance(p, dict)}
    pages = []
    for number, image in enumerate(document.facsimile, 1):
        size = sizes.get(number, {})
        aspect = size["width"] / size["height"] if size.get("width") and size.get("height") else DEFAULT_PAGE_ASPECT
        pages.append(
            {
                "page": number,
                "src": image.src.replace("{lang}", language),
                "alt": text_in(image.alt, language, content),
                "caption": text_in(image.caption, language, content),
                "credit": text_in(image.credit, language, content),
                "aspect": float(aspect),
                "pixelWidth": int(size.get("width") or 0),  # 0: unknown, so the viewer does not cap its zoom
            }
        )
    return pages


def phrase_spans(text: str, phrases: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, tag) of the first occurrence of each phrase that does not overlap one found before."""
    taken: list[tuple[int, int, str]] = []
    for phrase, tag in phrases:
        start = text.find(phrase) if phrase else -1
        while start >= 0 and any(start < e and start + len(phrase) > s for s, e, _ in taken):
            start = text.find(phrase, start + 1)
        if start >= 0:
            taken.append((start, start + len(phrase), tag))
    return sorted(taken)


def marked_html(text: str, spans: list[tuple[int, int, str]], render: Callable[[str, str], str]) -> str:
    """``text`` escaped for Qt rich text, each span replaced by ``render(tag, escaped words)``."""
    out, at = [], 0
    for start, end, tag in spans:
        out.append(html.escape(text[at:start], quote=False))
        out.append(render(tag, html.escape(text[start:end], quote=False)))
        at = end
    out.append(html.escape(text[at:], quote=False))
    return "".join(out)


def first_note_numbers(document: DocumentFile) -> dict[str, int]:
    """Paragraph id -> the number of its first note: notes are numbered 1, 2, ... through the whole document,
    as the transcript shows them (and as the proof names the views of their panels)."""
    numbers: dict[str, int] = {}
    following = 1
    for part in document.parts:
        for paragraph in part.paragraphs:
            numbers[paragraph.id] = following
            following += len(paragraph.notes)
    return numbers


def document_paragraphs(content: Content, document: DocumentFile, language: str, boxes: dict[str, Box]) -> list[View]:
    """Every paragraph in reading order, with its names and notes marked as links in ``html``:
    ``person:<id>`` opens the person's card, ``note:<n>`` shows note n of the paragraph's ``notes``."""
    rows: list[View] = []
    first_note = first_note_numbers(document)
    for part in document.parts:
        for number, paragraph in enumerate(part.paragraphs, 1):
            text = text_in(paragraph.text, language, content)
            phrases = [(text_in(m.text, language, content), f"person:{m.person}") for m in paragraph.mentions]
            notes: list[View] = []
            for index, note in enumerate(paragraph.notes):
                notes.append(
                    {
                        "number": first_note[paragraph.id] + index,
                        "anchor": text_in(note.anchor, language, content),
                        "note": text_in(note.note, language, content),
                    }
                )
                phrases.append((text_in(note.anchor, language, content), f"note:{index}"))
            numbers = {f"note:{i}": n["number"] for i, n in enumerate(notes)}

            def link(tag: str, words: str, numbers: dict[str, int] = numbers) -> str:
                if tag.startswith("note:"):
                    return f'<a href="{tag}">{words}</a><sup><a href="{tag}">{numbers[tag]}</a></sup>'
                return f'<a href="{tag}">{words}</a>'

            mentions = []
            for mention in paragraph.mentions:
                person = content.person(mention.person)
                mentions.append(
                    {
                        "personId": mention.person,
                        "text": text_in(mention.text, language, content),
                        "name": text_in(person.name, language, content) if person else "",
                    }
                )
            box = boxes.get(paragraph.id)
            rows.append(
                {
                    "paragraphId": paragraph.id,
                    "index": len(rows),
                    "number": number,
                    "partId": part.id,
                    "partTitle": text_in(part.title, language, content),
                    "partDate": text_in(part.date_label, language, content),
                    "partStart": number == 1,
                    "partEnd": number == len(part.paragraphs),
                    "text": text,
                    "html": marked_html(text, phrase_spans(text, phrases), link),
                    "notes": notes,
                    "mentions": mentions,
                    "page": box.page if box else paragraph.page,
                    "hasBox": box is not None,
                    "boxX": box.x if box else 0.0,
                    "boxY": box.y if box else 0.0,
                    "boxW": box.w if box else 0.0,
                    "boxH": box.h if box else 0.0,
                }
            )
    return rows


def paragraph_at(rows: list[View], page: int, fx: float, fy: float) -> int:
    """The paragraph in view at a point of a facsimile page (fractions of the page): the one whose box holds
    the point, else the nearest box on that page; -1 when the page has none."""
    best, best_distance = -1, float("inf")
    for row in rows:
        if not row["hasBox"] or row["page"] != page:
            continue
        dx = max(row["boxX"] - fx, 0.0, fx - (row["boxX"] + row["boxW"]))
        dy = max(row["boxY"] - fy, 0.0, fy - (row["boxY"] + row["boxH"]))
        distance = dx * dx + dy * dy
        if distance < best_distance:
            best, best_distance = row["index"], distance
    return best


def document_view(content: Content, language: str, document_id: str = "") -> View:
    """The document viewer: title, the translation note, the facsimile pages and the paragraphs."""
    document = document_for(content, document_id)
    if document is None:
        return {"documentId": "", "title": "", "description": "", "translated": False, "pages": [], "paragraphs": []}
    layout = facsimile_layout(content, document, language)
    boxes = paragraph_boxes(content, document, layout)
    return {
        "documentId": document.id,
        "title": text_in(document.title, language, content),
        "description": text_in(document.description, language, content),
        "translated": language in document.translations,
        "pages": facsimile_pages(content, document, language, layout),
        "paragraphs": document_paragraphs(content, document, language, boxes),
    }
