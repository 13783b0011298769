"""Rules that span files or need the world outside the JSON: languages, ids and links, media, quotations.

Runs after every file has passed its schema (see :mod:`kiosk.core.content.loader`), so it can rely on the models
and report every problem at the JSON position of the value that caused it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, RootModel

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
    NarrativeSlide,
    PeopleFile,
    Quote,
    QuoteSlide,
    Source,
    SourcePassage,
    SourcesFile,
    StringsFile,
    Text,
    TimelineFile,
    word_count,
)
from kiosk.core.content.parsed import ParsedFile
from kiosk.core.content.problems import Problem, Severity
from kiosk.core.content.quotes import find_mismatch

JsonPath = tuple[str | int, ...]
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
GENERATED_PREFIX = "generated/"


def walk(node: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, object]]:
    """Every model, Text and list item under ``node``, with its path as keys appear in the JSON."""
    if isinstance(node, RootModel):
        yield path, node
        return
    if isinstance(node, BaseModel):
        yield path, node
        for name, info in type(node).model_fields.items():
            value = getattr(node, name)
            if value is not None:
                yield from walk(value, (*path, info.alias or name))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from walk(item, (*path, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from walk(item, (*path, key))


@dataclass
class _Checker:
    root: Path
    exhibit: ExhibitFile
    languages: list[str]
    media_roots: list[Path]
    sources_dirs: list[Path]
    problems: list[Problem] = field(default_factory=list)
    source_texts: dict[str, str | None] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    sources_known: bool = True  # False when sources.json itself is broken: don't flag every citation

    def error(self, file: ParsedFile, path: JsonPath, message: str) -> None:
        self.problems.append(file.problem(path, message))

    def warn(self, file: ParsedFile, path: JsonPath, message: str) -> None:
        self.problems.append(file.problem(path, message, Severity.WARNING))

    # --- per-file sweeps ------------------------------------------------------------------------------

    def sweep(self, file: ParsedFile, people_ids: set[str]) -> None:
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
            if person_id not in people_ids:
                self.error(file, path, f"no person with id '{person_id}' in people.json")

    def check_text(self, file: ParsedFile, path: JsonPath, text: Text) -> None:
        for language in self.languages:
            if language not in text.root:
                self.error(file, path, f"the '{language}' text is missing")
            elif not text.root[language].strip():
                self.error(file, (*path, language), f"the '{language}' text is empty")
        for language in text.root:
            if language not in self.languages:
                self.error(
                    file,
                    (*path, language),
                    f"'{language}' is not one of the exhibit's languages ({', '.join(self.languages)})",
                )

    def check_image(self, file: ParsedFile, path: JsonPath, image: Image) -> None:
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
        limit = self.exhibit.limits.caption_words
        for language, caption in image.caption.root.items():
            if word_count(caption) > limit:
                self.error(
                    file,
                    (*path, "caption", language),
                    f"caption has {word_count(caption)} words; the limit is {limit}",
                )

    def source_text(self, source_id: str) -> str | None:
        if source_id not in self.source_texts:
            source = self.sources[source_id]
            candidates: list[Path] = []
            if source.text_file:
                candidates.append(self.root / "sources" / source.text_file)
            if source.external_file:
                candidates += [d / source.external_file for d in [*self.sources_dirs, self.root / "sources"]]
            path = next((c for c in candidates if _is_file(c)), None)
            try:
                self.source_texts[source_id] = path.read_text(encoding="utf-8") if path else None
            except (OSError, UnicodeDecodeError):
                self.source_texts[source_id] = None
        return self.source_texts[source_id]

    def prove(self, file: ParsedFile, path: JsonPath, source_id: str, quoted: str, what: str) -> None:
        if source_id not in self.sources:
            return  # reported once by the reference check
        text = self.source_text(source_id)
        if text is None and self.sources[source_id].text_file:
            return  # the missing or unreadable text_file is reported once, on sources.json
        if text is None:
            source = self.sources[source_id]
            self.warn(
                file,
                path,
                f"could not prove this {what}: the text of source '{source_id}' "
                f"({source.external_file}) was not found; pass --sources DIR",
            )
            return
        mismatch = find_mismatch(quoted, text)
        if mismatch:
            self.error(file, path, f"{what} is not verbatim in source '{source_id}': {mismatch.describe()}")

    def check_source_id(self, file: ParsedFile, path: JsonPath, source_id: str) -> bool:
        if source_id in self.sources:
            return True
        if self.sources_known:
            self.error(file, path, f"no source with id '{source_id}' in sources/sources.json")
        return False

    def check_translations(
        self, file: ParsedFile, path: JsonPath, source_language: str, translations: dict, what: str
    ) -> None:
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
            elif translation.from_language != source_language:
                self.error(
                    file,
                    (*path, "translations", language, "from_language"),
                    f"translate from the source's language '{source_language}'",
                )

    def check_quote(self, file: ParsedFile, path: JsonPath, quote: Quote) -> None:
        if not self.check_source_id(file, (*path, "source"), quote.source):
            return
        source_language = self.sources[quote.source].language
        self.check_translations(file, path, source_language, quote.translations, "quote")
        if source_language in quote.text.root:
            self.prove(file, (*path, "text", source_language), quote.source, quote.text.root[source_language], "quote")
        limit = self.exhibit.limits.quote_words
        for language, words in quote.text.root.items():
            if word_count(words) > limit:
                self.error(file, (*path, "text", language), f"quote has {word_count(words)} words; limit {limit}")

    def check_passage(self, file: ParsedFile, path: JsonPath, passage: SourcePassage) -> None:
        if self.check_source_id(file, (*path, "source"), passage.source):
            self.prove(file, (*path, "excerpt"), passage.source, passage.excerpt, "excerpt")

    def check_length(self, file: ParsedFile, path: JsonPath, text: Text | None, limit: int, unit: str) -> None:
        if text is None:
            return
        for language, value in text.root.items():
            size = len(value) if unit == "characters" else word_count(value)
            if size > limit:
                self.error(file, (*path, language), f"{size} {unit}; the limit is {limit}")


def _person_references(model: BaseModel) -> Iterator[tuple[JsonPath, str]]:
    for path, node in walk(model):
        if isinstance(node, BaseModel) and not isinstance(node, RootModel):
            people = getattr(node, "people", None)
            if isinstance(people, list) and all(isinstance(p, str) for p in people):
                for index, person_id in enumerate(people):
                    yield (*path, "people", index), person_id
            person = getattr(node, "person", None)
            if isinstance(person, str):
                yield (*path, "person"), person


def _duplicates(file: ParsedFile, items: Sequence[tuple[JsonPath, str]], what: str, out: list[Problem]) -> set[str]:
    seen: set[str] = set()
    for path, item_id in items:
        if item_id in seen:
            out.append(file.problem(path, f"duplicate {what} id '{item_id}'"))
        seen.add(item_id)
    return seen


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
    unparsed_chapters = {Path(c.relpath).stem for c in chapters if c.model is None}
    unparsed_documents = {Path(d.relpath).stem for d in documents if d.model is None}
    documents = [d for d in documents if d.model is not None]
    chapters = [c for c in chapters if c.model is not None]
    exhibit_model: ExhibitFile = exhibit.model  # type: ignore[assignment]
    languages = [language.code for language in exhibit_model.languages]
    checker = _Checker(root, exhibit_model, languages, media_roots, sources_dirs)
    out = checker.problems
    limits = exhibit_model.limits

    _duplicates(exhibit, [(("languages", i, "code"), lang) for i, lang in enumerate(languages)], "language", out)
    _duplicates(exhibit, [(("chapters", i), c) for i, c in enumerate(exhibit_model.chapters)], "chapter", out)

    sources_model = sources.model or SourcesFile.model_construct(sources=[])
    checker.sources_known = sources.model is not None
    _duplicates(sources, [(("sources", i, "id"), s.id) for i, s in enumerate(sources_model.sources)], "source", out)
    for source in sources_model.sources:
        checker.sources.setdefault(source.id, source)  # a duplicate is reported; citations use the first
    for index, source in enumerate(sources_model.sources):
        if source.text_file and not _is_plain_name(source.text_file):
            checker.error(sources, ("sources", index, "text_file"), "give a file name inside content/sources/")
        elif source.text_file and not _is_file(root / "sources" / source.text_file):
            checker.error(sources, ("sources", index, "text_file"), f"sources/{source.text_file} does not exist")
        elif source.text_file and checker.source_text(source.id) is None:
            checker.error(sources, ("sources", index, "text_file"), f"sources/{source.text_file} is not UTF-8 text")
        if source.external_file and not _is_plain_name(source.external_file):
            checker.error(sources, ("sources", index, "external_file"), "give a plain file name, not a path")

    people_model = people.model or PeopleFile.model_construct(people=[])
    people_ids = _duplicates(
        people, [(("people", i, "id"), p.id) for i, p in enumerate(people_model.people)], "person", out
    )
    for index, person in enumerate(people_model.people):
        checker.check_length(people, ("people", index, "bio"), person.bio, limits.bio_words, "words")

    strings_model = strings.model or StringsFile.model_construct(strings={key: None for key in UI_STRING_KEYS})
    for key in sorted(UI_STRING_KEYS - set(strings_model.strings)):
        checker.error(strings, ("strings",), f"the interface string '{key}' is missing")
    for key in sorted(set(strings_model.strings) - UI_STRING_KEYS):
        checker.warn(strings, ("strings", key), f"'{key}' is not used by the interface")

    document_models: dict[str, DocumentFile] = {}
    for file in documents:
        document: DocumentFile = file.model  # type: ignore[assignment]
        if document.id != Path(file.relpath).stem:
            checker.error(file, ("id",), f"the id '{document.id}' must match the file name '{Path(file.relpath).stem}'")
        if document.id in document_models:
            checker.error(file, ("id",), f"duplicate document id '{document.id}'")
        document_models[document.id] = document
        _check_document(checker, file, document)

    slide_ids: dict[str, set[str]] = {}
    for file in chapters:
        chapter: ChapterFile = file.model  # type: ignore[assignment]
        if chapter.id != Path(file.relpath).stem:
            checker.error(file, ("id",), f"the id '{chapter.id}' must match the file name '{Path(file.relpath).stem}'")
        slide_ids[chapter.id] = _duplicates(
            file, [(("slides", i, "id"), s.id) for i, s in enumerate(chapter.slides)], "slide", out
        )
        checker.check_length(file, ("title",), chapter.title, limits.heading_chars, "characters")
        checker.check_length(file, ("summary",), chapter.summary, limits.summary_words, "words")
        for index, slide in enumerate(chapter.slides):
            _check_slide(checker, file, ("slides", index), slide, document_models, unparsed_documents)

    timeline_model = timeline.model or TimelineFile.model_construct(eras=[], events=[])
    _duplicates(timeline, [(("eras", i, "id"), e.id) for i, e in enumerate(timeline_model.eras)], "era", out)
    _duplicates(timeline, [(("events", i, "id"), e.id) for i, e in enumerate(timeline_model.events)], "event", out)
    previous = None
    for index, event in enumerate(timeline_model.events):
        path = ("events", index)
        checker.check_length(timeline, (*path, "body"), event.body, limits.event_body_words, "words")
        if not timeline_model.start.sort_key <= event.date.sort_key <= _end_key(timeline_model.end.sort_key):
            checker.error(timeline, (*path, "date"), "the event lies outside the timeline's start and end")
        if previous and event.date.sort_key < previous:
            checker.warn(timeline, (*path, "date"), "events are easier to edit in date order")
        previous = event.date.sort_key
        linked_chapter = event.slide.chapter if event.slide else None
        if (
            event.slide
            and linked_chapter not in unparsed_chapters
            and event.slide.slide not in slide_ids.get(linked_chapter, set())
        ):
            checker.error(timeline, (*path, "slide"), f"no slide '{event.slide.root}' (chapter-id/slide-id)")

    for file in [exhibit, strings, timeline, people, sources, *documents, *chapters]:
        if file.model is not None:
            checker.sweep(file, people_ids if people.model is not None else _AnyId())
    return out


def _is_file(path: Path) -> bool:
    """Path.is_file() that answers False, instead of raising, for names the OS refuses (too long, …)."""
    try:
        return path.is_file()
    except OSError:
        return False


class _AnyId(set):
    """Stands in for the people ids when people.json itself is broken, so references are not all flagged."""

    def __contains__(self, item: object) -> bool:
        return True


def _end_key(key: tuple[int, int, int]) -> tuple[int, int, int]:
    # "1932-12" as an end means the whole of December 1932.
    year, month, day = key
    return (year, month or 12, day or 31)


def _is_plain_name(name: str) -> bool:
    return bool(name) and PurePosixPath(name).name == name and "\\" not in name and not _URL.match(name)


def _check_document(checker: _Checker, file: ParsedFile, document: DocumentFile) -> None:
    if not checker.check_source_id(file, ("source",), document.source):
        return
    source_language = checker.sources[document.source].language
    checker.check_translations(file, (), source_language, document.translations, "document")
    paragraph_ids: list[tuple[JsonPath, str]] = []
    for part_index, part in enumerate(document.parts):
        for index, paragraph in enumerate(part.paragraphs):
            path = ("parts", part_index, "paragraphs", index)
            paragraph_ids.append(((*path, "id"), paragraph.id))
            if source_language in paragraph.text.root:
                checker.prove(
                    file,
                    (*path, "text", source_language),
                    document.source,
                    paragraph.text.root[source_language],
                    "paragraph",
                )
            for kind, items in (("mentions", paragraph.mentions), ("notes", paragraph.notes)):
                for item_index, item in enumerate(items):
                    words = item.text if kind == "mentions" else item.anchor  # type: ignore[union-attr]
                    for language, phrase in words.root.items():
                        if phrase not in paragraph.text.root.get(language, ""):
                            checker.error(
                                file,
                                (*path, kind, item_index, "text" if kind == "mentions" else "anchor", language),
                                f"\u201c{phrase}\u201d does not appear in the paragraph's '{language}' text",
                            )
    _duplicates(file, paragraph_ids, "paragraph", checker.problems)


def _check_slide(
    checker: _Checker,
    file: ParsedFile,
    path: JsonPath,
    slide: object,
    documents: dict[str, DocumentFile],
    unparsed_documents: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    limits = checker.exhibit.limits
    checker.check_length(file, (*path, "heading"), slide.heading, limits.heading_chars, "characters")  # type: ignore[attr-defined]
    narration: list[tuple[JsonPath, Text | None]] = []
    if isinstance(slide, NarrativeSlide):
        narration = [((*path, "body"), slide.body)]
    elif isinstance(slide, QuoteSlide):
        narration = [((*path, "context"), slide.context)]
    elif isinstance(slide, DocumentSlide):
        narration = [((*path, "commentary"), slide.commentary)]
        document = documents.get(slide.document)
        if document is None and slide.document in unparsed_documents:
            pass  # its own errors are reported in its file
        elif document is None:
            checker.error(file, (*path, "document"), f"no document '{slide.document}' in documents/")
        else:
            paragraphs = {p.id: p for part in document.parts for p in part.paragraphs}
            known = set(paragraphs)
            for language in checker.languages:
                words = sum(word_count(paragraphs[p].text.get(language)) for p in slide.paragraphs if p in paragraphs)
                if words > limits.document_excerpt_words:
                    checker.error(
                        file,
                        (*path, "paragraphs"),
                        f"{words} words of the document on this slide in '{language}'; the limit is "
                        f"{limits.document_excerpt_words}: show fewer paragraphs (visitors read it all in the viewer)",
                    )
            for index, paragraph_id in enumerate(slide.paragraphs):
                if paragraph_id not in known:
                    checker.error(
                        file, (*path, "paragraphs", index), f"no paragraph '{paragraph_id}' in '{document.id}'"
                    )
    elif isinstance(slide, ComparisonSlide):
        narration = [
            ((*path, "left", "text"), slide.left.text),
            ((*path, "right", "text"), slide.right.text),
            ((*path, "conclusion"), slide.conclusion),
        ]
    for language in checker.languages:
        total = sum(word_count(text.root.get(language, "")) for _, text in narration if text is not None)
        if total > limits.slide_body_words:
            first = next(p for p, t in narration if t is not None)
            checker.error(
                file,
                (*first, language),
                f"{total} words of narration on this slide in '{language}'; the limit is {limits.slide_body_words}",
            )
