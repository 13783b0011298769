"""What the document viewer, the timeline, the people and the myth interactive show: presentation dictionaries
in one language, without Qt (the companion of :mod:`kiosk.core.presentation.slides`).

Everything a screen decides is decided here and unit-tested: which paragraph sits where on the facsimile and
which one is in view, where each event goes on the timeline, where a person appears, what the "six words"
search finds. QML only draws the result. Values are str, int, float, bool or lists of such dictionaries.
"""

from __future__ import annotations

import calendar
import html
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    ComparisonSlide,
    DocumentFile,
    DocumentSlide,
    Event,
    NarrativeSlide,
    PartialDate,
    Person,
    QuoteSlide,
    SourcePassage,
    Text,
)
from kiosk.core.content.quotes import normalise

log = logging.getLogger(__name__)


def _text(value: Text | None, language: str, content: Content) -> str:
    return value.get(language, content.exhibit.default_language) if value is not None else ""


# --- dates ----------------------------------------------------------------------------------------------------

_MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "ru": [
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ],
}
_MONTHS_GENITIVE_RU = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]
_MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "ru": ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."],
}
NBSP = "\u00a0"


def format_date(value: PartialDate, language: str) -> str:
    """A date as precise as it is known, written out in full: "December 25, 1922" / «25 декабря 1922 г.»."""
    year, month, day = value.sort_key
    if language == "ru":
        if value.precision == "day":
            return f"{day}{NBSP}{_MONTHS_GENITIVE_RU[month - 1]} {year}{NBSP}г."
        if value.precision == "month":
            return f"{_MONTHS['ru'][month - 1].capitalize()} {year}{NBSP}г."
        return f"{year}{NBSP}г."
    if language != "en":
        return value.root
    if value.precision == "day":
        return f"{_MONTHS['en'][month - 1]} {day}, {year}"
    if value.precision == "month":
        return f"{_MONTHS['en'][month - 1]} {year}"
    return str(year)


def month_label(month: int, language: str) -> str:
    return _MONTHS_SHORT.get(language, _MONTHS_SHORT["en"])[month - 1]


# --- the document ---------------------------------------------------------------------------------------------

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


def _read_json(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("facsimile layout %s unreadable: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def facsimile_layout(content: Content, document: DocumentFile) -> dict | None:
    """The layout.json beside the facsimile pages (written by ``kiosk media generate``), or None."""
    if not document.facsimile:
        return None
    folder = PurePosixPath(document.facsimile[0].src).parent
    return _read_json(content.resolve_media(str(folder / "layout.json")))


def _blocks(text: str) -> list[str]:
    return [normalise(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _layout_source_text(content: Content, document: DocumentFile, layout: dict) -> str | None:
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


def paragraph_boxes(content: Content, document: DocumentFile, layout: dict | None) -> dict[str, Box]:
    """Paragraph id -> its box on the facsimile. The layout numbers the blocks of the source text (paragraphs
    and date lines, separated by blank lines); a paragraph is the block that holds its source-language text."""
    if not layout:
        return {}
    text = _layout_source_text(content, document, layout)
    boxes = layout.get("paragraphs")
    pages = {p.get("page"): p for p in layout.get("pages", []) if isinstance(p, dict)}
    if text is None or not isinstance(boxes, dict):
        return {}
    blocks = _blocks(text)
    language = _source_language(content, document)
    found: dict[str, Box] = {}
    for part in document.parts:
        for paragraph in part.paragraphs:
            wanted = normalise(paragraph.text.root.get(language, ""))
            index = next((i for i, block in enumerate(blocks) if wanted and wanted in block), -1)
            box = boxes.get(str(index))
            page = pages.get(box.get("page")) if isinstance(box, dict) else None
            if not page or not page.get("width") or not page.get("height"):
                continue
            width, height = float(page["width"]), float(page["height"])
            found[paragraph.id] = Box(
                int(box["page"]), box["x"] / width, box["y"] / height, box["w"] / width, box["h"] / height
            )
    return found


def facsimile_pages(content: Content, document: DocumentFile, language: str, layout: dict | None) -> list[dict]:
    sizes = {p.get("page"): p for p in (layout or {}).get("pages", []) if isinstance(p, dict)}
    pages = []
    for number, image in enumerate(document.facsimile, 1):
        size = sizes.get(number, {})
        aspect = size["width"] / size["height"] if size.get("width") and size.get("height") else DEFAULT_PAGE_ASPECT
        pages.append(
            {
                "page": number,
                "src": image.src.replace("{lang}", language),
                "alt": _text(image.alt, language, content),
                "caption": _text(image.caption, language, content),
                "credit": _text(image.credit, language, content),
                "aspect": float(aspect),
                "pixelWidth": int(size.get("width") or 0),  # 0: unknown, so the viewer does not cap its zoom
            }
        )
    return pages


def _spans(text: str, phrases: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, tag) of the first occurrence of each phrase that does not overlap one found before."""
    taken: list[tuple[int, int, str]] = []
    for phrase, tag in phrases:
        start = text.find(phrase) if phrase else -1
        while start >= 0 and any(start < e and start + len(phrase) > s for s, e, _ in taken):
            start = text.find(phrase, start + 1)
        if start >= 0:
            taken.append((start, start + len(phrase), tag))
    return sorted(taken)


def marked_html(text: str, spans: list[tuple[int, int, str]], render) -> str:
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


def document_paragraphs(content: Content, document: DocumentFile, language: str, boxes: dict[str, Box]) -> list[dict]:
    """Every paragraph in reading order, with its names and notes marked as links in ``html``:
    ``person:<id>`` opens the person's card, ``note:<n>`` shows note n of the paragraph's ``notes``."""
    rows: list[dict] = []
    first_note = first_note_numbers(document)
    for part in document.parts:
        for number, paragraph in enumerate(part.paragraphs, 1):
            text = _text(paragraph.text, language, content)
            phrases = [(_text(m.text, language, content), f"person:{m.person}") for m in paragraph.mentions]
            notes = []
            for index, note in enumerate(paragraph.notes):
                notes.append(
                    {
                        "number": first_note[paragraph.id] + index,
                        "anchor": _text(note.anchor, language, content),
                        "note": _text(note.note, language, content),
                    }
                )
                phrases.append((_text(note.anchor, language, content), f"note:{index}"))
            numbers = {f"note:{i}": n["number"] for i, n in enumerate(notes)}

            def link(tag: str, words: str, numbers=numbers) -> str:
                if tag.startswith("note:"):
                    return f'<a href="{tag}">{words}</a><sup><a href="{tag}">{numbers[tag]}</a></sup>'
                return f'<a href="{tag}">{words}</a>'

            mentions = []
            for mention in paragraph.mentions:
                person = content.person(mention.person)
                mentions.append(
                    {
                        "personId": mention.person,
                        "text": _text(mention.text, language, content),
                        "name": _text(person.name, language, content) if person else "",
                    }
                )
            box = boxes.get(paragraph.id)
            rows.append(
                {
                    "paragraphId": paragraph.id,
                    "index": len(rows),
                    "number": number,
                    "partId": part.id,
                    "partTitle": _text(part.title, language, content),
                    "partDate": _text(part.date_label, language, content),
                    "partStart": number == 1,
                    "partEnd": number == len(part.paragraphs),
                    "text": text,
                    "html": marked_html(text, _spans(text, phrases), link),
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


def paragraph_at(rows: list[dict], page: int, fx: float, fy: float) -> int:
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


def document_view(content: Content, language: str, document_id: str = "") -> dict:
    """The document viewer: title, the translation note, the facsimile pages and the paragraphs."""
    document = document_for(content, document_id)
    if document is None:
        return {"documentId": "", "title": "", "description": "", "translated": False, "pages": [], "paragraphs": []}
    layout = facsimile_layout(content, document)
    boxes = paragraph_boxes(content, document, layout)
    return {
        "documentId": document.id,
        "title": _text(document.title, language, content),
        "description": _text(document.description, language, content),
        "translated": language in document.translations,
        "pages": facsimile_pages(content, document, language, layout),
        "paragraphs": document_paragraphs(content, document, language, boxes),
    }


# --- the timeline ---------------------------------------------------------------------------------------------

EVENT_KEYS = (
    "eventId",
    "index",
    "dateLabel",
    "title",
    "body",
    "cardX",  # left edge of the card, in card widths from the timeline's start
    "axisX",  # where the date is on the axis, same units
    "lane",
    "sources",
    "slideLink",
    "slideLabel",
    "people",
)
ERA_KEYS = ("eraId", "title", "begin", "span", "row")  # begin and span in card widths
TICK_KEYS = ("at", "label", "year", "major", "room")  # room: to the next tick (or the end), in card widths

LANES = 2
CARD_GAP = 0.12  # between cards in one lane, in card widths
MIN_MONTH = 0.14  # an empty month, in card widths: a year without events is under two cards wide


def _month_number(date: PartialDate) -> int:
    year, month, _ = date.sort_key
    return year * 12 + max(month, 1) - 1


def _month_of(number: int) -> tuple[int, int]:
    return number // 12, number % 12 + 1


@dataclass(frozen=True)
class TimeScale:
    """Time to position: every month has its own width (in card widths), wide where events crowd and narrow
    where nothing happens; within a month, days are spaced evenly. Months are the bands of the scale."""

    first: int  # month number of the first month
    starts: tuple[float, ...]  # x of each month's start; one more entry for the end

    @property
    def width(self) -> float:
        return self.starts[-1]

    def x(self, date: PartialDate) -> float:
        month = min(max(_month_number(date) - self.first, 0), len(self.starts) - 2)
        year, number = _month_of(month + self.first)
        day = date.sort_key[2]
        fraction = (day - 1) / calendar.monthrange(year, number)[1] if day else 0.0
        return self.starts[month] + fraction * (self.starts[month + 1] - self.starts[month])

    def month_start(self, month_number: int) -> float:
        return self.starts[min(max(month_number - self.first, 0), len(self.starts) - 1)]


def time_scale(start: PartialDate, end: PartialDate, dates: list[PartialDate]) -> TimeScale:
    first, last = _month_number(start), _month_number(end)
    counts = [0] * (last - first + 1)
    for date in dates:
        counts[min(max(_month_number(date) - first, 0), len(counts) - 1)] += 1
    need = [n * (1 + CARD_GAP) / LANES for n in counts]
    widths = []
    for i, own in enumerate(need):
        # half the width of a busy neighbour, so the scale steps rather than jumps between busy and empty months
        neighbours = max(need[i - 1] if i > 0 else 0.0, need[i + 1] if i + 1 < len(need) else 0.0)
        widths.append(max(MIN_MONTH, own, neighbours / 2))
    starts = [0.0]
    for width in widths:
        starts.append(starts[-1] + width)
    return TimeScale(first, tuple(starts))


def place_in_lanes(axis: list[float], lanes: int = LANES) -> list[tuple[float, int]]:
    """(x, lane) for cards one card wide whose dates are at ``axis`` (sorted): each goes in the lane where it
    can sit closest to its date without overlapping the card before it in that lane; ties go to the lane
    used longest ago, so neighbours alternate."""
    free = [float("-inf")] * lanes
    used = [-1] * lanes
    placed = []
    for i, x in enumerate(axis):
        lane = min(range(lanes), key=lambda k: (max(x, free[k]), used[k]))
        left = max(x, free[lane])
        free[lane] = left + 1 + CARD_GAP
        used[lane] = i
        placed.append((left, lane))
    return placed


def _passages(content: Content, passages: list[SourcePassage], language: str) -> list[dict]:
    sources = {s.id: s for s in content.sources.sources}
    rows = []
    for passage in passages:
        source = sources.get(passage.source)
        rows.append(
            {
                "excerpt": passage.excerpt,
                "locator": passage.locator,
                "source": _text(source.title, language, content) if source else passage.source,
                "author": _text(source.author, language, content) if source else "",
                "citation": _text(source.citation, language, content) if source else "",
                "otherLanguage": source is not None and source.language != language,
            }
        )
    return rows


def _slide_label(content: Content, chapter_id: str, slide_id: str, language: str) -> tuple[str, str]:
    chapter = content.chapter(chapter_id)
    if chapter is None:
        return "", ""
    index = next((i for i, s in enumerate(chapter.slides) if s.id == slide_id), -1)
    if index < 0:
        return "", ""
    title = _text(chapter.title, language, content)
    heading = _text(chapter.slides[index].heading, language, content)
    return f"chapter/{chapter.id}/{index}", f"{title} \u2014 {heading}"


def _people_names(content: Content, ids: list[str], language: str) -> list[dict]:
    people = []
    for person_id in ids:
        person = content.person(person_id)
        if person is not None:
            people.append({"personId": person_id, "name": _text(person.name, language, content)})
    return people


def sorted_events(content: Content) -> list[Event]:
    order = {id(e): i for i, e in enumerate(content.timeline.events)}
    return sorted(content.timeline.events, key=lambda e: (e.date.sort_key, order[id(e)]))


def timeline_layout(content: Content, language: str) -> dict:
    """The timeline laid out: events (in date order, on ``LANES`` lanes), era bands, ticks, total width."""
    timeline = content.timeline
    events = sorted_events(content)
    scale = time_scale(timeline.start, timeline.end, [e.date for e in events])
    axis = [scale.x(e.date) for e in events]
    placed = place_in_lanes(axis)
    rows = []
    for index, (event, at, (left, lane)) in enumerate(zip(events, axis, placed, strict=True)):
        link, label = ("", "")
        if event.slide is not None:
            link, label = _slide_label(content, event.slide.chapter, event.slide.slide, language)
        rows.append(
            {
                "eventId": event.id,
                "index": index,
                "dateLabel": format_date(event.date, language),
                "title": _text(event.title, language, content),
                "body": _text(event.body, language, content),
                "cardX": left,
                "axisX": at,
                "lane": lane,
                "sources": _passages(content, event.based_on, language),
                "slideLink": link,
                "slideLabel": label,
                "people": _people_names(content, event.people, language),
            }
        )
    eras = []
    for era in timeline.eras:
        x0 = scale.month_start(_month_number(era.start))
        x1 = scale.month_start(_month_number(era.end) + (12 if era.end.precision == "year" else 1))
        eras.append({"eraId": era.id, "title": _text(era.title, language, content), "begin": x0, "span": x1 - x0})
    # eras that overlap (one ends in the month the next begins) take turns between two rows
    for i, era in enumerate(eras):
        overlaps = i > 0 and eras[i - 1]["begin"] + eras[i - 1]["span"] > era["begin"] + 1e-9
        era["row"] = 1 - eras[i - 1]["row"] if overlaps else 0
    ticks = []
    first, last = _month_number(timeline.start), _month_number(timeline.end)
    for number in range(first, last + 1):
        year, month = _month_of(number)
        wide = scale.month_start(number + 1) - scale.month_start(number) >= 0.3
        if month == 1 or number == first:
            ticks.append({"at": scale.month_start(number), "label": str(year), "year": year, "major": True})
        elif wide:
            ticks.append({"at": scale.month_start(number), "label": month_label(month, language), "year": year,
                          "major": False})
    width = scale.width + 1 + CARD_GAP
    # how far a tick's label may run: the screen leaves off a month's name where it would reach the next tick
    for tick, end in zip(ticks, [t["at"] for t in ticks[1:]] + [width], strict=True):
        tick["room"] = end - tick["at"]
    return {"events": rows, "eras": eras, "ticks": ticks, "width": width}


def event_index(content: Content, event_id: str) -> int:
    return next((i for i, e in enumerate(sorted_events(content)) if e.id == event_id), -1)


# --- people ---------------------------------------------------------------------------------------------------

PERSON_KEYS = ("personId", "name", "role", "years", "portrait", "portraitAlt")


def person_card(content: Content, person: Person, language: str) -> dict:
    return {
        "personId": person.id,
        "name": _text(person.name, language, content),
        "role": _text(person.role, language, content),
        "years": person.years or "",
        "portrait": person.portrait.src.replace("{lang}", language),
        "portraitAlt": _text(person.portrait.alt, language, content),
    }


def people_cards(content: Content, language: str) -> list[dict]:
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


def person_appearances(content: Content, person_id: str, language: str) -> list[dict]:
    """Where a person appears, each with a deep link: chapter slides (their ``people``), paragraphs of the
    documents that name them (mentions), and timeline events. Groups in that order, story order within."""
    found: list[dict] = []
    for number, chapter in enumerate(content.chapters, 1):
        for index, slide in enumerate(chapter.slides):
            if person_id in slide.people:
                found.append(
                    {
                        "group": "chapter",
                        "link": f"chapter/{chapter.id}/{index}",
                        "label": f"{number}. {_text(chapter.title, language, content)}",
                        "detail": _text(slide.heading, language, content),
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
                        "label": f"{_text(part.title, language, content)}, {_text(part.date_label, language, content)}"
                        f" \u00b7 \u00b6{NBSP}{number}",
                        "detail": _snippet(_text(paragraph.text, language, content), _text(mention.text, language,
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
                    "detail": _text(event.title, language, content),
                }
            )
    return found


def person_view(content: Content, person_id: str, language: str) -> dict:
    person = content.person(person_id)
    if person is None:
        return {**dict.fromkeys(PERSON_KEYS, ""), "bio": "", "portraitCredit": "", "appearances": []}
    return {
        **person_card(content, person, language),
        "bio": _text(person.bio, language, content),
        "portraitCredit": _text(person.portrait.credit, language, content),
        "appearances": person_appearances(content, person_id, language),
    }


# --- myth and document: the "six words" -----------------------------------------------------------------------

# The interactive retells slides of the chapter "Myth and Document" rather than keeping texts of its own:
# the comparison of the story with the letter, then the source's account of where the story came from.
MYTH_STORY_SLIDE = ("myth-and-document", "story-and-text")
MYTH_ACCOUNT_SLIDES = (("myth-and-document", "two-meetings"), ("myth-and-document", "the-signature"))
# Interface strings naming the words of the letter the story garbles (strings.json, in every language)
MYTH_NEAR_WORDS = ("myth_words_accidental", "myth_words_trotsky")
_INNER_QUOTE = re.compile(r"[\u201c\u201e\u00ab\"]([^\u201c\u201d\u201e\u00ab\u00bb\"]+)[\u201d\u201c\u00bb\"]")


QUOTE_MARKS = {"ru": ("\u00ab", "\u00bb"), "de": ("\u201e", "\u201c")}
DEFAULT_QUOTE_MARKS = ("\u201c", "\u201d")


def in_quote_marks(text: str, language: str) -> str:
    opening, closing = QUOTE_MARKS.get(language, DEFAULT_QUOTE_MARKS)
    return f"{opening}{text}{closing}" if text else ""


def quoted_phrase(text: str) -> str:
    """The words a story quotes, e.g. 'the words occurred: “His non-Bolshevik past is not accidental.”' gives
    'His non-Bolshevik past is not accidental' (the first quotation inside the text, without end punctuation)."""
    match = _INNER_QUOTE.search(text)
    return match.group(1).strip().rstrip(".,;:!") if match else ""


def _slide(content: Content, chapter_id: str, slide_id: str):
    chapter = content.chapter(chapter_id)
    slide = next((s for s in chapter.slides if s.id == slide_id), None) if chapter else None
    return slide


def phrase_found(phrase: str, text: str) -> bool:
    """Does the text hold the phrase (ignoring case, punctuation and spacing)?"""

    def words(value: str) -> str:
        return " ".join(re.findall(r"\w+(?:[-\u2011]\w+)*", normalise(value).casefold()))

    return bool(phrase.strip()) and words(phrase) in words(text)


def _account_section(content: Content, chapter_id: str, slide_id: str, language: str) -> dict | None:
    slide = _slide(content, chapter_id, slide_id)
    if slide is None:
        return None
    link, _ = _slide_label(content, chapter_id, slide_id, language)
    section = {
        "heading": _text(slide.heading, language, content),
        "body": "",
        "leftLabel": "",
        "leftText": "",
        "rightLabel": "",
        "rightText": "",
        "link": link,
    }
    if isinstance(slide, NarrativeSlide):
        section["body"] = _text(slide.body, language, content)
    elif isinstance(slide, QuoteSlide):
        section["body"] = _text(slide.context, language, content)
    elif isinstance(slide, DocumentSlide):
        section["body"] = _text(slide.commentary, language, content)
    elif isinstance(slide, ComparisonSlide):
        section["body"] = _text(slide.conclusion, language, content)
        for prefix, side in (("left", slide.left), ("right", slide.right)):
            section[f"{prefix}Label"] = _text(side.label, language, content)
            section[f"{prefix}Text"] = _text(side.quote.text if side.quote else side.text, language, content)
    return section


def myth_view(content: Content, language: str) -> dict:
    """The "six words": Radek's story as Ludwig printed it, the phrase it puts in Lenin's mouth, the letter's
    paragraphs to search, which of them holds the words the story garbles (``nearIndex``, with ``nearHtml``
    marking them: ``<span class="near">`` is turned into the screen's highlight by the view), the conclusion,
    and the source's account of where the story came from."""
    empty = {
        "available": False, "storyLabel": "", "storyText": "", "storyAttribution": "", "storyTranslated": False,
        "phrase": "", "phraseQuoted": "", "found": False, "paragraphs": [], "nearIndex": -1, "nearHtml": "",
        "conclusion": "", "account": [], "chapterLink": "", "documentTitle": "", "translated": False,
    }
    story = _slide(content, *MYTH_STORY_SLIDE)
    document = document_for(content)
    if not isinstance(story, ComparisonSlide) or story.left.quote is None or document is None:
        return empty
    quote = story.left.quote
    story_text = _text(quote.text, language, content)
    phrase = quoted_phrase(story_text)
    paragraphs = document_paragraphs(content, document, language, {})
    near_words = [content.ui_string(key, language) for key in MYTH_NEAR_WORDS]
    near_index, near_html = -1, ""
    for row in paragraphs:
        spans = _spans(row["text"], [(w, "near") for w in near_words if w and w in row["text"]])
        if spans:
            near_index = row["index"]
            near_html = marked_html(row["text"], spans, lambda _tag, words: f'<span class="near">{words}</span>')
            break
    account = [
        section
        for section in (_account_section(content, c, s, language) for c, s in MYTH_ACCOUNT_SLIDES)
        if section is not None
    ]
    link, _ = _slide_label(content, *MYTH_STORY_SLIDE, language)
    return {
        "available": bool(phrase),
        "storyLabel": _text(story.left.label, language, content),
        "storyText": story_text,
        "storyAttribution": _text(quote.attribution, language, content),
        "storyTranslated": language in quote.translations,
        "phrase": phrase,
        "phraseQuoted": in_quote_marks(phrase, language),
        "found": any(phrase_found(phrase, row["text"]) for row in paragraphs),
        "paragraphs": [
            {k: row[k] for k in ("index", "paragraphId", "text", "partTitle", "partDate", "partStart", "number")}
            for row in paragraphs
        ],
        "nearIndex": near_index,
        "nearHtml": near_html,
        "conclusion": _text(story.conclusion, language, content),
        "account": account,
        "chapterLink": link.rsplit("/", 1)[0] + "/0" if link else "",
        "documentTitle": _text(document.title, language, content),
        "translated": language in document.translations,
    }
