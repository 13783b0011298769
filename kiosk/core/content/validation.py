"""Rules that span files or need the world outside the JSON: languages, ids and links, media, quotations.

Runs on every file the loader could read, including one that failed its schema: its model is then salvaged (see
:mod:`kiosk.core.content.loader`), with None for each part the schema refused. Every check skips None, whose
problem is already reported, and a reference into ids that could not all be read is not called dangling (it may
name the unreadable one), so one mistake is reported once, not again wherever it is used. Problems are reported
at the JSON position of the value that caused them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kiosk.core.content.exhibit import UI_STRING_KEYS
from kiosk.core.content.imagecheck import check_image
from kiosk.core.content.model import (
    ChapterFile,
    ComparisonSlide,
    DocumentFile,
    DocumentSlide,
    ExhibitFile,
    Image,
    ImageKind,
    Limits,
    MythSettings,
    NarrativeSlide,
    Paragraph,
    PartialDate,
    PeopleFile,
    Quote,
    QuoteSlide,
    QuoteTranslation,
    SlideBase,
    SlideLink,
    Source,
    SourcePassage,
    Strict,
    StringsFile,
    Text,
    TimelineFile,
    fields_of,
    unchecked,
    word_count,
)
from kiosk.core.content.narration import narration_index, recording_problems
from kiosk.core.content.parsed import ParsedFile
from kiosk.core.content.problems import Problem, Severity
from kiosk.core.content.quotes import find_mismatch
from kiosk.core.content.visit_length import check_visit_length

JsonPath = tuple[str | int, ...]
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
GENERATED_PREFIX = "generated/"
# The limits when exhibit.json cannot be read: none, so that limits a curator raised there do not turn into errors.
# Each is None against the model's int on purpose: the checks skip a None limit (Checker.limits).
_NO_LIMITS = unchecked(Limits, **dict.fromkeys(fields_of(Limits)))


def walk(node: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, object]]:
    """Every model, Text and list item under ``node``, with its path as keys appear in the JSON."""
    if isinstance(node, Strict):
        yield path, node
        for name in fields_of(type(node)):
            value = getattr(node, name)
            if value is not None:
                yield from walk(value, (*path, name))
    elif isinstance(node, Text | PartialDate | SlideLink):
        yield path, node
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from walk(item, (*path, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from walk(item, (*path, key))


@dataclass
class Ids:
    """The ids of one kind of thing the content defines, for checking the references to them."""

    found: set[str] = field(default_factory=set)
    unreadable: bool = False  # some ids could not be read (their problems are reported)

    def dangling(self, item_id: str) -> bool:
        """Whether a reference to ``item_id`` certainly leads nowhere: not when it may name an unreadable one."""
        return not self.unreadable and item_id not in self.found


@dataclass
class _Checker:
    root: Path
    languages: list[str]  # the exhibit's languages that could be read
    all_languages_known: bool  # else a text in another language may be in an unreadable one: not flagged
    limits: Limits  # a limit is None when it could not be read, and then not checked
    media_roots: list[Path]
    sources_dirs: list[Path]
    problems: list[Problem] = field(default_factory=list)
    texts: dict[Path, str | None] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    source_index: dict[str, int] = field(default_factory=dict)  # where in sources.json each source is
    source_ids: Ids = field(default_factory=Ids)
    unproven: dict[str, Counter[str]] = field(default_factory=dict)  # source id -> what was not proven, counted

    def error(self, file: ParsedFile, path: JsonPath, message: str) -> None:
        self.problems.append(file.problem(path, message))

    def warn(self, file: ParsedFile, path: JsonPath, message: str) -> None:
        self.problems.append(file.problem(path, message, Severity.WARNING))

    # --- per-file sweeps ------------------------------------------------------------------------------

    def sweep(self, file: ParsedFile, people_ids: Ids) -> None:
        """Checks that apply wherever the value appears: texts, images, quotes, passages, people."""
        for path, node in walk(file.model):
            if isinstance(node, Text):
                self.check_text(file, path, node)
            elif isinstance(node, Image):
                self.check_image(file, path, node)
            elif isinstance(node, Quote):
                self.check_quote(file, path, node)
            elif isinstance(node, SourcePassage):
                self.check_passage(file, path, node)
        for path, person_id in _person_references(file.model):
            if people_ids.dangling(person_id):
                self.error(file, path, f"no person with id '{person_id}' in people.json")

    def check_text(self, file: ParsedFile, path: JsonPath, text: Text) -> None:
        for language in self.languages:
            if language not in text.root:
                self.error(file, path, f"the '{language}' text is missing")
        for language, value in text.root.items():
            if self.all_languages_known and language not in self.languages:
                self.error(
                    file,
                    (*path, language),
                    f"'{language}' is not one of the exhibit's languages ({', '.join(self.languages)})",
                )
            elif not value.strip():
                self.error(file, (*path, language), f"the '{language}' text is empty")

    def check_image(self, file: ParsedFile, path: JsonPath, image: Image) -> None:
        if image.src is not None:
            self.check_image_file(file, path, image)
        limit = self.limits.caption_words
        for language, caption in image.caption.root.items() if image.caption is not None else ():
            if limit is not None and word_count(caption) > limit:
                self.error(
                    file,
                    (*path, "caption", language),
                    f"caption has {word_count(caption)} words; the limit is {limit}",
                )

    def check_image_file(self, file: ParsedFile, path: JsonPath, image: Image) -> None:
        src = image.src
        src_path = (*path, "src")
        posix = PurePosixPath(src)
        if _URL.match(src) or src.startswith("//"):
            self.error(file, src_path, "images must be files in the media folder, not web addresses")
            return
        if "\\" in src or posix.is_absolute():
            self.error(file, src_path, "use a relative path with forward slashes, e.g. photos/kremlin.jpg")
            return
        if ".." in posix.parts:
            self.error(file, src_path, "the path leaves the media folder ('..' is not allowed)")
            return
        if src.startswith(GENERATED_PREFIX) and image.kind is ImageKind.ARCHIVAL_PHOTOGRAPH:
            self.error(file, (*path, "kind"), "generated art is an illustration, never an archival photograph")
        for language in self.languages if "{lang}" in src else [None]:
            relative = src.replace("{lang}", language) if language else src
            found = next((r / relative for r in self.media_roots if _is_file(r / relative)), None)
            if found is None:
                hint = " (run 'kiosk media generate')" if src.startswith(GENERATED_PREFIX) else ""
                self.error(file, src_path, f"image file not found: {relative}{hint}")
                continue
            reason = check_image(found)
            if reason:
                self.error(file, src_path, f"{relative}: {reason}")

    def read_text(self, path: Path) -> str | None:
        """The text of a UTF-8 file, read once; None when it is missing or unreadable."""
        if path not in self.texts:
            try:
                self.texts[path] = path.read_text(encoding="utf-8") if _is_file(path) else None
            except (OSError, UnicodeDecodeError):
                self.texts[path] = None
        return self.texts[path]

    def source_text(self, source: Source) -> str | None:
        candidates: list[Path] = []
        if source.text_file:
            candidates.append(self.root / "sources" / source.text_file)
        if source.external_file:
            candidates += [d / source.external_file for d in [*self.sources_dirs, self.root / "sources"]]
        return next((text for text in map(self.read_text, candidates) if text is not None), None)

    def prove(self, file: ParsedFile, path: JsonPath, source_id: str, quoted: str, what: str) -> None:
        source = self.sources[source_id]
        text = self.source_text(source)
        if text is None and not source.text_file:
            # Said once for the source, with the count, by report_unproven: one line per excerpt buried the rest.
            self.unproven.setdefault(source_id, Counter())[what] += 1
        if text is None:
            return  # a missing or unreadable text_file is reported once, on sources.json
        mismatch = find_mismatch(quoted, text)
        if mismatch:
            self.error(file, path, f"{what} is not verbatim in source '{source_id}': {mismatch.describe()}")

    def report_unproven(self, sources_file: ParsedFile) -> None:
        for source_id, counts in self.unproven.items():
            self.warn(
                sources_file,
                ("sources", self.source_index[source_id], "external_file"),
                f"the text of source '{source_id}' ({self.sources[source_id].external_file}) is not here "
                f"(pass --sources DIR): {_tally(counts)} not proven",
            )

    def check_source_id(self, file: ParsedFile, path: JsonPath, source_id: str | None) -> bool:
        """Whether ``source_id`` names a source that can be read, saying so when it names none."""
        if source_id is not None and self.source_ids.dangling(source_id):
            self.error(file, path, f"no source with id '{source_id}' in sources/sources.json")
        return source_id in self.sources

    def check_translations(
        self,
        file: ParsedFile,
        path: JsonPath,
        source_language: str,
        translations: Mapping[str, QuoteTranslation | None] | None,
        what: str,
    ) -> None:
        if translations is None:
            return
        for language in self.languages:
            if language != source_language and language not in translations:
                self.error(
                    file,
                    (*path, "translations"),
                    f"the '{language}' text of this {what} cannot be verbatim (the source is in "
                    f"'{source_language}'): mark it as a translation, e.g. "
                    f'"translations": {{"{language}": {{"from_language": "{source_language}"}}}}',
                )
        for language, translation in translations.items():
            if language == source_language:
                self.error(file, (*path, "translations", language), "the source's own language is not a translation")
            elif translation is not None and translation.from_language not in (None, source_language):
                self.error(
                    file,
                    (*path, "translations", language, "from_language"),
                    f"translate from the source's language '{source_language}'",
                )

    def check_quote(self, file: ParsedFile, path: JsonPath, quote: Quote) -> None:
        texts = quote.text.root if quote.text is not None else {}
        limit = self.limits.quote_words
        for language, words in texts.items():
            if limit is not None and word_count(words) > limit:
                self.error(file, (*path, "text", language), f"quote has {word_count(words)} words; limit {limit}")
        if not self.check_source_id(file, (*path, "source"), quote.source):
            return
        source_language = self.sources[quote.source].language
        if source_language is None:
            return
        self.check_translations(file, path, source_language, quote.translations, "quote")
        if source_language in texts:
            self.prove(file, (*path, "text", source_language), quote.source, texts[source_language], "quote")

    def check_passage(self, file: ParsedFile, path: JsonPath, passage: SourcePassage) -> None:
        if self.check_source_id(file, (*path, "source"), passage.source) and passage.excerpt is not None:
            self.prove(file, (*path, "excerpt"), passage.source, passage.excerpt, "excerpt")

    def check_length(self, file: ParsedFile, path: JsonPath, text: Text | None, limit: int | None, unit: str) -> None:
        if text is None or limit is None:
            return
        for language, value in text.root.items():
            size = len(value) if unit == "characters" else word_count(value)
            if size > limit:
                self.error(file, (*path, language), f"{size} {unit}; the limit is {limit}")


def _person_references(model: Strict | None) -> Iterator[tuple[JsonPath, str]]:
    for path, node in walk(model):
        if isinstance(node, Strict):
            people = getattr(node, "people", None)
            for index, person_id in enumerate(people if isinstance(people, list) else []):
                if isinstance(person_id, str):
                    yield (*path, "people", index), person_id
            person = getattr(node, "person", None)
            if isinstance(person, str):
                yield (*path, "person"), person


def _listed(
    items: Sequence[object] | None, path: JsonPath, attribute: str | None = "id"
) -> list[tuple[JsonPath, str | None]]:
    """(path, id) of each item of the list at ``path``: the item's ``attribute``, or the item itself when
    ``attribute`` is None. An id is None where the schema refused it, its item or the whole list."""
    if items is None:
        return [(path, None)]
    if attribute is None:
        return [((*path, index), item if isinstance(item, str) else None) for index, item in enumerate(items)]
    return [((*path, index, attribute), getattr(item, attribute, None)) for index, item in enumerate(items)]


def _duplicates(file: ParsedFile, items: Iterable[tuple[JsonPath, str | None]], what: str, out: list[Problem]) -> Ids:
    """The ids of ``items``, each one given twice reported where it appears again."""
    ids = Ids()
    for path, item_id in items:
        if item_id is None:
            ids.unreadable = True
        elif item_id in ids.found:
            out.append(file.problem(path, f"duplicate {what} id '{item_id}'"))
        else:
            ids.found.add(item_id)
    return ids


def validate(
    *,
    root: Path,
    exhibit: ParsedFile,
    strings: ParsedFile,
    timeline: ParsedFile,
    people: ParsedFile,
    sources: ParsedFile,
    documents: list[ParsedFile],
    chapters: list[ParsedFile],
    media_roots: list[Path],
    sources_dirs: list[Path],
) -> list[Problem]:
    """Every problem of the files the loader read (``model`` None where a file could not be read at all)."""
    out: list[Problem] = []
    exhibit_model = exhibit.model
    declared = _listed(getattr(exhibit_model, "languages", None), ("languages",), "code")
    language_ids = _duplicates(exhibit, declared, "language", out)
    _duplicates(exhibit, _listed(getattr(exhibit_model, "chapters", None), ("chapters",), None), "chapter", out)
    checker = _Checker(
        root,
        languages=list(dict.fromkeys(code for _, code in declared if code is not None)),
        all_languages_known=not language_ids.unreadable,
        limits=getattr(exhibit_model, "limits", None) or _NO_LIMITS,
        media_roots=media_roots,
        sources_dirs=sources_dirs,
        problems=out,
    )
    limits = checker.limits
    default_language = getattr(exhibit_model, "default_language", None)
    if checker.all_languages_known and default_language is not None and default_language not in checker.languages:
        message = f"default_language {default_language!r} is not one of the languages {checker.languages}"
        checker.error(exhibit, ("default_language",), message)

    source_list = getattr(sources.model, "sources", None)
    checker.source_ids = _duplicates(sources, _listed(source_list, ("sources",)), "source", out)
    for index, source in enumerate(source_list or []):
        if source is None:
            continue
        if source.id is not None and source.id not in checker.sources:  # a duplicate: citations use the first
            checker.sources[source.id] = source
            checker.source_index[source.id] = index
        _check_source_files(checker, sources, ("sources", index), source)

    people_list = getattr(people.model, "people", None)
    people_ids = _duplicates(people, _listed(people_list, ("people",)), "person", out)
    for index, person in enumerate(people_list or []):
        if person is not None:
            checker.check_length(people, ("people", index, "bio"), person.bio, limits.bio_words, "words")

    interface_strings = getattr(strings.model, "strings", None)
    if interface_strings is not None:
        for key in sorted(UI_STRING_KEYS - set(interface_strings)):
            checker.error(strings, ("strings",), f"the interface string '{key}' is missing")
        for key in sorted(set(interface_strings) - UI_STRING_KEYS):
            checker.warn(strings, ("strings", key), f"'{key}' is not used by the interface")

    document_models: dict[str, DocumentFile] = {}
    unreadable_documents: set[str] = set()  # references to these are not dangling: their files have errors
    for file in documents:
        stem = Path(file.relpath).stem
        document = file.model if isinstance(file.model, DocumentFile) else None
        if document is None:
            unreadable_documents.add(stem)
            continue
        if document.id is not None and document.id != stem:
            checker.error(file, ("id",), f"the id '{document.id}' must match the file name '{stem}'")
        if document.id is not None and document.id in document_models:
            checker.error(file, ("id",), f"duplicate document id '{document.id}'")
        document_models[document.id or stem] = document
        _check_document(checker, file, document)

    slide_ids: dict[str, Ids] = {}
    for file in chapters:
        stem = Path(file.relpath).stem
        chapter = file.model if isinstance(file.model, ChapterFile) else None
        if chapter is None:
            slide_ids[stem] = Ids(unreadable=True)
            continue
        if chapter.id is not None and chapter.id != stem:
            checker.error(file, ("id",), f"the id '{chapter.id}' must match the file name '{stem}'")
        slide_ids[chapter.id or stem] = _duplicates(file, _listed(chapter.slides, ("slides",)), "slide", out)
        checker.check_length(file, ("title",), chapter.title, limits.heading_chars, "characters")
        checker.check_length(file, ("summary",), chapter.summary, limits.summary_words, "words")
        for index, slide in enumerate(chapter.slides or []):
            if slide is not None:
                _check_slide(checker, file, ("slides", index), slide, document_models, unreadable_documents)

    out.extend(check_visit_length(exhibit, chapters, limits, checker.languages, default_language))

    if isinstance(timeline.model, TimelineFile):
        _check_timeline(checker, timeline, timeline.model, slide_ids)
    myth = getattr(exhibit.model, "myth", None)
    if myth is not None:
        _check_myth(checker, exhibit, myth, slide_ids, interface_strings)

    for file in [exhibit, strings, timeline, people, sources, *documents, *chapters]:
        if file.model is not None:
            checker.sweep(file, people_ids)
    checker.report_unproven(sources)
    _check_recordings(checker, exhibit, strings, timeline, people, documents, chapters)
    return out


def _check_recordings(checker: _Checker, exhibit: ParsedFile, strings: ParsedFile, timeline: ParsedFile,
                      people: ParsedFile, documents: list[ParsedFile], chapters: list[ParsedFile]) -> None:
    """Curators' narration recordings that the player would never play (kiosk.core.content.narration)."""
    exhibit_model = exhibit.model if isinstance(exhibit.model, ExhibitFile) else None
    index = narration_index(
        exhibit_model,
        [file.model if isinstance(file.model, ChapterFile) else None for file in chapters],
        [file.model if isinstance(file.model, DocumentFile) else None for file in documents],
        timeline.model if isinstance(timeline.model, TimelineFile) else None,
        people.model if isinstance(people.model, PeopleFile) else None,
        strings.model if isinstance(strings.model, StringsFile) else None,
        languages=checker.languages,
        default_language=exhibit_model.default_language if exhibit_model is not None else None,
    )
    checker.problems.extend(
        recording_problems(checker.root, index, checker.languages, all_languages_known=checker.all_languages_known)
    )


def _check_source_files(checker: _Checker, sources: ParsedFile, path: JsonPath, source: Source) -> None:
    text_file = source.text_file
    if text_file and not _is_plain_name(text_file):
        checker.error(sources, (*path, "text_file"), "give a file name inside content/sources/")
    elif text_file and not _is_file(checker.root / "sources" / text_file):
        checker.error(sources, (*path, "text_file"), f"sources/{text_file} does not exist")
    elif text_file and checker.read_text(checker.root / "sources" / text_file) is None:
        checker.error(sources, (*path, "text_file"), f"sources/{text_file} is not UTF-8 text")
    if source.external_file and not _is_plain_name(source.external_file):
        checker.error(sources, (*path, "external_file"), "give a plain file name, not a path")


def _check_timeline(checker: _Checker, file: ParsedFile, timeline: TimelineFile, slide_ids: dict[str, Ids]) -> None:
    _duplicates(file, _listed(timeline.eras, ("eras",)), "era", checker.problems)
    _duplicates(file, _listed(timeline.events, ("events",)), "event", checker.problems)
    span = (timeline.start.sort_key, _end_key(timeline.end.sort_key)) if timeline.start and timeline.end else None
    previous = None
    for index, event in enumerate(timeline.events or []):
        if event is None:
            continue
        path = ("events", index)
        checker.check_length(file, (*path, "body"), event.body, checker.limits.event_body_words, "words")
        if event.date is not None:
            if span and not span[0] <= event.date.sort_key <= span[1]:
                checker.error(file, (*path, "date"), "the event lies outside the timeline's start and end")
            if previous and event.date.sort_key < previous:
                checker.warn(file, (*path, "date"), "events are easier to edit in date order")
            previous = event.date.sort_key
        link = event.slide
        if link is not None and slide_ids.get(link.chapter, Ids()).dangling(link.slide):
            checker.error(file, (*path, "slide"), f"no slide '{link.root}' (chapter-id/slide-id)")


def _check_myth(checker: _Checker, file: ParsedFile, myth: MythSettings, slide_ids: dict[str, Ids],
                interface_strings: dict[str, Text] | None) -> None:
    links: dict[JsonPath, SlideLink | None] = {("myth", "story"): myth.story}
    links.update({("myth", "accounts", index): link for index, link in enumerate(myth.accounts or [])})
    for path, link in links.items():
        if link is not None and slide_ids.get(link.chapter, Ids()).dangling(link.slide):
            checker.error(file, path, f"no slide '{link.root}' (chapter-id/slide-id)")
    for index, key in enumerate(myth.near_words or []):
        if key is not None and interface_strings is not None and key not in interface_strings:
            checker.error(file, ("myth", "near_words", index), f"no interface string '{key}' in strings.json")


def _is_file(path: Path) -> bool:
    """Path.is_file() that answers False, instead of raising, for names the OS refuses (too long, …)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _tally(counts: Counter[str]) -> str:
    """{"quote": 2, "excerpt": 1} -> "1 excerpt and 2 quotes"."""
    parts = [f"{count} {what}{'' if count == 1 else 's'}" for what, count in sorted(counts.items())]
    return f"{', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else parts[0]


def _end_key(key: tuple[int, int, int]) -> tuple[int, int, int]:
    # "1932-12" as an end means the whole of December 1932.
    year, month, day = key
    return (year, month or 12, day or 31)


def _is_plain_name(name: str) -> bool:
    return bool(name) and PurePosixPath(name).name == name and "\\" not in name and not _URL.match(name)


def _paragraphs(document: DocumentFile) -> Iterator[tuple[JsonPath, Paragraph | None]]:
    """Each paragraph of the document with its path; None for a part or paragraph the schema refused."""
    if document.parts is None:
        yield ("parts",), None
        return
    for part_index, part in enumerate(document.parts):
        if part is None or part.paragraphs is None:
            yield ("parts", part_index), None
            continue
        for index, paragraph in enumerate(part.paragraphs):
            yield ("parts", part_index, "paragraphs", index), paragraph


def _check_document(checker: _Checker, file: ParsedFile, document: DocumentFile) -> None:
    source_language = None
    if checker.check_source_id(file, ("source",), document.source):
        source_language = checker.sources[document.source].language
    if source_language is not None:
        checker.check_translations(file, (), source_language, document.translations, "document")
    paragraphs = list(_paragraphs(document))
    _duplicates(
        file, [((*path, "id"), getattr(p, "id", None)) for path, p in paragraphs], "paragraph", checker.problems
    )
    for path, paragraph in paragraphs:
        if paragraph is None or paragraph.text is None:
            continue  # its mentions and notes cannot be found in a text the schema refused
        texts = paragraph.text.root
        if source_language in texts:
            checker.prove(file, (*path, "text", source_language), document.source, texts[source_language], "paragraph")
        for kind, items, words_field in (
            ("mentions", paragraph.mentions, "text"),
            ("notes", paragraph.notes, "anchor"),
        ):
            for item_index, item in enumerate(items or []):
                words: Text | None = getattr(item, words_field, None)
                for language, phrase in words.root.items() if words is not None else ():
                    if phrase not in texts.get(language, ""):
                        checker.error(
                            file,
                            (*path, kind, item_index, words_field, language),
                            f"\u201c{phrase}\u201d does not appear in the paragraph's '{language}' text",
                        )


def _check_slide(
    checker: _Checker,
    file: ParsedFile,
    path: JsonPath,
    slide: SlideBase,
    documents: dict[str, DocumentFile],
    unreadable_documents: set[str],
) -> None:
    limits = checker.limits
    checker.check_length(file, (*path, "heading"), slide.heading, limits.heading_chars, "characters")
    narration: list[tuple[JsonPath, Text | None]] = []
    if isinstance(slide, NarrativeSlide):
        narration = [((*path, "body"), slide.body)]
    elif isinstance(slide, QuoteSlide):
        narration = [((*path, "context"), slide.context)]
    elif isinstance(slide, DocumentSlide):
        narration = [((*path, "commentary"), slide.commentary)]
        _check_excerpt(checker, file, path, slide, documents, unreadable_documents)
    elif isinstance(slide, ComparisonSlide):
        sides = (("left", slide.left), ("right", slide.right))
        narration = [((*path, name, "text"), side.text) for name, side in sides if side is not None]
        narration.append(((*path, "conclusion"), slide.conclusion))
    for language in checker.languages:
        total = sum(word_count(text.root.get(language, "")) for _, text in narration if text is not None)
        if limits.slide_body_words is not None and total > limits.slide_body_words:
            first = next(p for p, t in narration if t is not None)
            checker.error(
                file,
                (*first, language),
                f"{total} words of narration on this slide in '{language}'; the limit is {limits.slide_body_words}",
            )


def _check_excerpt(
    checker: _Checker,
    file: ParsedFile,
    path: JsonPath,
    slide: DocumentSlide,
    documents: dict[str, DocumentFile],
    unreadable_documents: set[str],
) -> None:
    """The paragraphs a document slide shows exist in its document, and are not too long for a slide."""
    if slide.document is None:
        return
    document = documents.get(slide.document)
    if document is None:
        if slide.document not in unreadable_documents:  # else its own errors are reported in its file
            checker.error(file, (*path, "document"), f"no document '{slide.document}' in documents/")
        return
    listed = [paragraph for _, paragraph in _paragraphs(document)]
    paragraphs = {p.id: p for p in listed if p is not None and p.id is not None}
    paragraph_ids = Ids(set(paragraphs), unreadable=len(paragraphs) < len(listed))
    shown = [paragraphs[p] for p in slide.paragraphs or [] if p in paragraphs]
    limit = checker.limits.document_excerpt_words
    for language in checker.languages:
        words = sum(word_count(p.text.get(language)) for p in shown if p.text is not None)
        if limit is not None and words > limit:
            checker.error(
                file,
                (*path, "paragraphs"),
                f"{words} words of the document on this slide in '{language}'; the limit is "
                f"{limit}: show fewer paragraphs (visitors read it all in the viewer)",
            )
    for index, paragraph_id in enumerate(slide.paragraphs or []):
        if paragraph_id is not None and paragraph_ids.dangling(paragraph_id):
            checker.error(file, (*path, "paragraphs", index), f"no paragraph '{paragraph_id}' in '{slide.document}'")
