"""What the exhibit says aloud: every text a visitor can read, as narration items with stable ids.

An item is one thing the player can speak: a chapter card, a slide (and its More), the document's paragraphs
and notes, a person's card, a timeline event, a step of the myth interactive, an interface string. Its id is
readable and made of the content's own ids, never of positions, so that a curator's recording stays with its
text when slides are reordered:

==================================================  =========================================================
``exhibit``                                         the exhibit's title and subtitle (attract, home)
``chapter/<chapter>``                               a chapter card: title, dates, summary
``chapter/<chapter>/<slide>``                       a slide: heading, then what it shows (quotes with their
                                                    attribution first, as "V. I. Lenin, …: <the words>"), then
                                                    its image's caption and credit line
``chapter/<chapter>/<slide>/more``                  the slide's More
``document/<document>``                             a document's title and description
``document/<document>/<paragraph>``                 a paragraph (the first of a part with the part's title)
``document/<document>/<paragraph>/note/<n>``        the paragraph's n-th note (from 1): its words, then the note
``document/<document>/page/<n>``                    facsimile page n (from 1): its caption, then its credit line
``person/<person>``                                 a person's card: name, years, role, biography, the
                                                    credit line under the portrait
``timeline/<event>``                                an event: its date as the timeline writes it, title, body
``era/<era>``                                       the name of a timeline era
``myth/search``, ``myth/verdict``, ``myth/account``  the steps of the six-words interactive
``ui/<string-key>``                                 an interface string without ``{placeholders}``
``ui/<string-key>/before-<name>``, ``…/end``         a string with placeholders, in its fixed pieces: the words
                                                    before ``{name}``, the words after the last placeholder
``number/<n>``                                      a number a spoken string's placeholder takes (1 up to the
                                                    most slides or pages, and the idle warning's seconds)
``language/<code>``                                 a language's name in itself (its button), in that language only
==================================================  =========================================================

An image's caption and credit end the item of the slide or person that shows it: every file costs the player's
format a header of about 4 KB (a second 4 KiB block on disk), and items of their own would have taken the
narration past its 15 MiB in the bundle. Facsimile pages, shown apart from the paragraphs, have items of their
own. A string with
placeholders ("{n} of {m}") is spoken from pieces: :func:`template_items` turns it, with its values, into the
pieces' and numbers' ids in the order the language writes them ("3", "of", "12").

Dates are written by the presentation (kiosk.core.presentation.dates), which sits above the content: whoever
wants the words of the timeline's events passes its formatter in (``date_text``); the ids never depend on it.

A recording made by a person replaces the synthetic voice for one item in one language: the file
``narration/<language>/<item id>.<ext>`` in the content folder (:data:`RECORDING_EXTENSIONS`). The validator
names every such file that matches no item (:func:`recording_problems`).

This lives with the content, not the presentation, because the ids are a contract with the curators' files,
which the validator checks (and the validator sits below the presentation).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kiosk.core.content.audiocheck import check_audio
from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    ChapterFile,
    ComparisonSide,
    ComparisonSlide,
    DocumentFile,
    DocumentSlide,
    ExhibitFile,
    NarrativeSlide,
    PartialDate,
    PeopleFile,
    Quote,
    QuoteSlide,
    Slide,
    StringsFile,
    Text,
    TimelineFile,
)
from kiosk.core.content.problems import Problem

RECORDINGS_FOLDER = "narration"  # in the content folder: narration/<language>/<item id>.<extension>
# What the player (miniaudio) decodes: Ogg Vorbis, FLAC, MP3 and WAV. Not Opus.
RECORDING_EXTENSIONS = (".ogg", ".flac", ".mp3", ".wav")
MYTH_STEPS = ("search", "verdict", "account")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class _Joined:
    """Two texts spoken as one sentence, e.g. a quotation's attribution and its words."""

    first: Text | None
    second: Text | None
    separator: str


DateText = Callable[[PartialDate, str], str]  # a date as the exhibit writes it in a language


@dataclass(frozen=True)
class _DateSaid:
    """A date, written in each language by the formatter given."""

    date: PartialDate
    date_text: DateText


Part = Text | _Joined | _DateSaid | str | None  # one sentence of an item (None and "" are left out)
Add = Callable[[str, Iterable[Part], str, str], None]


@dataclass(frozen=True)
class NarrationItem:
    """One thing the player can speak, in every language the content gives it."""

    id: str
    texts: dict[str, str]  # language -> the words to speak
    file: str  # the content file the words come from (relative to the content folder)
    field: str = ""  # where in it


@dataclass
class NarrationIndex:
    items: list[NarrationItem] = field(default_factory=list)
    # id prefixes under which some ids could not be read (content with errors): a file there may be right
    unsure: set[str] = field(default_factory=set)

    def knows(self, item_id: str) -> bool:
        return any(item.id == item_id for item in self.items) or any(item_id.startswith(p) for p in self.unsure)


def narration_items(content: Content, date_text: DateText) -> list[NarrationItem]:
    """Every narration item of loaded content, in visiting order, its dates written by ``date_text``."""
    return narration_index(
        content.exhibit, content.chapters, list(content.documents.values()), content.timeline, content.people,
        content.strings, languages=content.languages, default_language=content.exhibit.default_language,
        date_text=date_text,
    ).items


def narration_index(
    exhibit: ExhibitFile | None,
    chapters: Sequence[ChapterFile | None],
    documents: Sequence[DocumentFile | None],
    timeline: TimelineFile | None,
    people: PeopleFile | None,
    strings: StringsFile | None,
    *,
    languages: Sequence[str],
    default_language: str | None,
    date_text: DateText | None = None,
) -> NarrationIndex:
    """The items of the content's models. Tolerates the half-read models of content with errors (None for each
    part its schema refused): what cannot be read is left out and its id prefix marked unsure. Without
    ``date_text`` the events' texts lack their dates (the ids, all the validator needs, are the same)."""
    index = NarrationIndex()
    speak = _Speaker(list(languages), default_language)
    counted = [1]  # how far slides and pages are counted
    warning: list[int] = []  # the idle warning's seconds, said once as it appears

    def add(item_id: str, parts: Iterable[Part], file: str, where: str = "") -> None:
        texts = speak(parts)
        if texts:
            index.items.append(NarrationItem(item_id, texts, file, where))

    if exhibit is None:
        index.unsure.update({"exhibit", "myth/"})
    else:
        add("exhibit", [exhibit.title, exhibit.subtitle], "exhibit.json")
        for offered in exhibit.languages or []:
            if offered is not None and offered.code in languages:
                index.items.append(NarrationItem(f"language/{offered.code}", {offered.code: offered.name},
                                                 "exhibit.json", "languages"))
        if exhibit.idle is not None:
            warning.append(exhibit.idle.warning_seconds)
    slides: dict[str, Slide] = {}  # "chapter/slide" -> slide, for the myth
    for chapter in chapters:
        if chapter is None or chapter.id is None:
            index.unsure.add("chapter/")
            continue
        file = f"chapters/{chapter.id}.json"
        add(f"chapter/{chapter.id}", [chapter.title, chapter.dates, chapter.summary], file)
        counted.append(len(chapter.slides or []))
        for number, slide in enumerate(chapter.slides or []):
            if slide is None or slide.id is None:
                index.unsure.add(f"chapter/{chapter.id}/")
                continue
            slides[f"{chapter.id}/{slide.id}"] = slide
            item_id = f"chapter/{chapter.id}/{slide.id}"
            image = getattr(slide, "image", None)
            pictured = [image.caption, image.credit] if image is not None else []
            add(item_id, [slide.heading, *_slide_parts(slide, documents), *pictured], file, f"slides[{number}]")
            add(f"{item_id}/more", [slide.more], file, f"slides[{number}].more")
    for document in documents:
        if document is None or document.id is None:
            index.unsure.add("document/")
            continue
        file = f"documents/{document.id}.json"
        add(f"document/{document.id}", [document.title, document.description], file)
        for page, image in enumerate(document.facsimile or [], 1):
            if image is not None:
                add(f"document/{document.id}/page/{page}", [image.caption, image.credit], file,
                    f"facsimile[{page - 1}]")
        counted.append(len(document.facsimile or []))
        for part_number, part in enumerate(document.parts or []):
            for number, paragraph in enumerate((part.paragraphs or []) if part is not None else [None]):
                if paragraph is None or paragraph.id is None or part is None:
                    index.unsure.add(f"document/{document.id}/")
                    continue
                where = f"parts[{part_number}].paragraphs[{number}]"
                heading = [part.title, part.date_label] if number == 0 else []
                item_id = f"document/{document.id}/{paragraph.id}"
                add(item_id, [*heading, paragraph.text], file, where)
                for note_number, note in enumerate(paragraph.notes or [], 1):
                    if note is not None:
                        add(f"{item_id}/note/{note_number}", [_Joined(note.anchor, note.note, ": ")],
                            file, f"{where}.notes[{note_number - 1}]")
    if people is None:
        index.unsure.add("person/")
    for number, person in enumerate(people.people or [] if people is not None else []):
        if person is None or person.id is None:
            index.unsure.add("person/")
            continue
        credit = person.portrait.credit if person.portrait is not None else None
        add(f"person/{person.id}", [person.name, person.years, person.role, person.bio, credit], "people.json",
            f"people[{number}]")
    if timeline is None:
        index.unsure.add("timeline/")
    for number, event in enumerate(timeline.events or [] if timeline is not None else []):
        if event is None or event.id is None:
            index.unsure.add("timeline/")
            continue
        date = _DateSaid(event.date, date_text) if date_text is not None and event.date is not None else None
        add(f"timeline/{event.id}", [date, event.title, event.body], "timeline.json", f"events[{number}]")
    for number, era in enumerate(timeline.eras or [] if timeline is not None else []):
        if era is not None and era.id is not None:
            add(f"era/{era.id}", [era.title], "timeline.json", f"eras[{number}]")
    ui = strings.strings if strings is not None and strings.strings is not None else None
    if ui is None:
        index.unsure.add("ui/")
    if exhibit is not None and exhibit.myth is not None:
        _add_myth(add, exhibit, slides, ui or {})
    for key, text in sorted((ui or {}).items()):
        if text is None:
            continue
        if not any(PLACEHOLDER.search(value) for value in text.root.values()):
            add(f"ui/{key}", [text], "strings.json", f"strings.{key}")
            continue
        # a template ("{n} of {m}") is spoken in pieces, its values from the number items
        pieces: dict[str, dict[str, str]] = {}
        for language, value in text.root.items():
            if language in languages:
                found = template_pieces(value) if PLACEHOLDER.search(value) else [("", _words(value))]
                for piece, words in found:
                    if words:
                        pieces.setdefault(piece, {})[language] = words
        for piece, texts in pieces.items():
            item_id = f"ui/{key}/{piece}" if piece else f"ui/{key}"
            index.items.append(NarrationItem(item_id, texts, "strings.json", f"strings.{key}"))
    for number in sorted({*range(1, max(counted) + 1), *warning}):
        index.items.append(NarrationItem(f"number/{number}", dict.fromkeys(languages, str(number)), "", ""))
    return index


def template_pieces(template: str) -> list[tuple[str, str]]:
    """A string's fixed pieces, each named after the placeholder it comes before (``before-<name>``) or ``end``,
    with its words ("" where there are none): "Page {n} of {m}" -> before-n "Page", before-m "of", end ""."""
    pieces, start = [], 0
    for match in PLACEHOLDER.finditer(template):
        pieces.append((f"before-{match.group(1)}", _words(template[start:match.start()])))
        start = match.end()
    pieces.append(("end", _words(template[start:])))
    return pieces


def template_items(template: str, key: str, values: dict[str, int]) -> list[str]:
    """The items that say ``template`` (the string ``key`` in one language) with ``values``, in its order."""
    if not PLACEHOLDER.search(template):
        return [f"ui/{key}"]  # a language that writes it without a number has an item of its own
    said = []
    for (piece, words), match in zip(template_pieces(template), [*PLACEHOLDER.finditer(template), None]):
        if words:
            said.append(f"ui/{key}/{piece}")
        if match is not None and match.group(1) in values:
            said.append(f"number/{values[match.group(1)]}")
    return said


def _words(piece: str) -> str:
    return piece.replace("\u00a0", " ").strip(" \u2026.").strip()



def _add_myth(add: Add, exhibit: ExhibitFile, slides: dict[str, Slide], ui: dict[str, Text]) -> None:
    myth = exhibit.myth
    if myth is None or myth.story is None:
        return
    story = slides.get(myth.story.root)
    file = f"chapters/{myth.story.chapter}.json"
    if isinstance(story, ComparisonSlide):
        add("myth/search", [ui.get("myth_intro"), *_side_parts(story.left), ui.get("myth_prompt")], file, "")
        add("myth/verdict", [ui.get("myth_not_found"), story.conclusion], file, "")
    account: list[Part] = [ui.get("myth_where")]
    for link in myth.accounts or []:
        slide = slides.get(link.root) if link is not None else None
        if slide is not None:
            account += [slide.heading, *_slide_parts(slide, [])]
    add("myth/account", account, file, "")


def _slide_parts(slide: Slide, documents: Sequence[DocumentFile | None]) -> list[Part]:
    """What a slide shows after its heading, in reading order."""
    if isinstance(slide, NarrativeSlide):
        return [slide.body]
    if isinstance(slide, QuoteSlide):
        return [*_quote_parts(slide.quote), slide.context]
    if isinstance(slide, DocumentSlide):
        document = next((d for d in documents if d is not None and d.id == slide.document), None)
        wanted = set(slide.paragraphs or [])
        shown: list[Part] = [
            paragraph.text
            for part in (document.parts or [] if document is not None else [])
            for paragraph in (part.paragraphs or [] if part is not None else [])
            if paragraph is not None and paragraph.id in wanted
        ]
        return [*shown, slide.commentary]
    if isinstance(slide, ComparisonSlide):
        return [*_side_parts(slide.left), *_side_parts(slide.right), slide.conclusion]
    return []


def _side_parts(side: ComparisonSide | None) -> list[Part]:
    if side is None:
        return []
    return [side.label, *(_quote_parts(side.quote) if side.quote is not None else [side.text])]


def _quote_parts(quote: Quote | None) -> list[Part]:
    """A quotation spoken as such: who said it, then the words ("V. I. Lenin, January 4, 1923: Stalin is …")."""
    if quote is None:
        return []
    return [_Joined(quote.attribution, quote.text, ": ")]


class _Speaker:
    """Turns the parts of an item into the words to speak per language: each part a sentence of its own."""

    def __init__(self, languages: list[str], default_language: str | None) -> None:
        self.languages = languages
        self.default_language = default_language

    def text(self, part: Part, language: str) -> str:
        if part is None:
            return ""
        if isinstance(part, str):
            return part.strip()
        if isinstance(part, _DateSaid):
            return part.date_text(part.date, language)
        if isinstance(part, _Joined):
            first, second = self.text(part.first, language), self.text(part.second, language)
            return f"{first}{part.separator}{second}" if first and second else first or second
        if not part.root:
            return ""
        return part.get(language, self.default_language).strip()

    def __call__(self, parts: Iterable[Part]) -> dict[str, str]:
        parts = list(parts)
        texts = {}
        for language in self.languages:
            sentences = [_sentence(t) for t in (self.text(p, language) for p in parts) if t]
            if sentences:
                texts[language] = " ".join(sentences)
        return texts


def _sentence(text: str) -> str:
    """A heading or label ends with a full stop, so the voice pauses after it as a reader does (a heading in
    quotation marks, “Stalin is too rude”, too)."""
    return text if text.rstrip("»”\"’")[-1:] in (".", "!", "?", "…", ":", ";") else f"{text}."


# --- curators' recordings -------------------------------------------------------------------------------------


def recording_path(content_root: Path, item_id: str, language: str) -> Path | None:
    """The recording a curator dropped for an item in a language, if there is one."""
    folder = Path(content_root) / RECORDINGS_FOLDER / language
    for extension in RECORDING_EXTENSIONS:
        candidate = folder / f"{item_id}{extension}"
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Recording:
    path: Path  # the file
    relpath: str  # relative to the content folder, as the validator reports it
    language: str  # the first folder under narration/
    item_id: str  # the rest of the path, without the extension


def recordings(content_root: Path) -> Iterator[Recording]:
    """Every file under the content's narration folder, sorted, whatever its name."""
    root = Path(content_root)
    folder = root / RECORDINGS_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        language = relative.parts[0] if len(relative.parts) > 1 else ""
        item_id = str(PurePosixPath(*relative.parts[1:]).with_suffix("")) if language else ""
        yield Recording(path, path.relative_to(root).as_posix(), language, item_id)


def recording_problems(content_root: Path, index: NarrationIndex, languages: Sequence[str],
                       *, all_languages_known: bool = True) -> list[Problem]:
    """A problem for each file in the content's narration folder that the player would never play: one in no
    exhibit language, one whose name matches no item, one of a kind the player cannot decode or that is broken."""
    problems = []
    known = {item.id for item in index.items}
    for recording in recordings(content_root):
        def problem(message: str, relpath: str = recording.relpath) -> None:
            problems.append(Problem(relpath, 1, 1, "", message))

        if recording.path.suffix.lower() not in RECORDING_EXTENSIONS:
            problem(f"not a narration recording: the player plays {', '.join(RECORDING_EXTENSIONS)} files")
        elif not recording.language:
            problem(f"put recordings in a folder per language: {RECORDINGS_FOLDER}/<language>/<item id>"
                    f"{recording.path.suffix}")
        elif recording.language not in languages:
            if all_languages_known:
                problem(f"'{recording.language}' is not one of the exhibit's languages ({', '.join(languages)})")
        elif not index.knows(recording.item_id):
            close = difflib.get_close_matches(recording.item_id, sorted(known), n=1)
            hint = f" (did you mean {RECORDINGS_FOLDER}/{recording.language}/{close[0]}{recording.path.suffix}?)" \
                if close else ""
            problem(f"this recording matches no narration item: '{recording.item_id}' is not an item id{hint}")
        else:
            reason = check_audio(recording.path)
            if reason is not None:
                problem(reason)
    return problems
