"""The loaded, validated exhibit: what the rest of the app reads. Built only by :mod:`kiosk.core.content.loader`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.content.model import (
    ChapterFile,
    DocumentFile,
    ExhibitFile,
    PeopleFile,
    Person,
    SourcesFile,
    StringsFile,
    TimelineFile,
)
from kiosk.core.content.problems import Problem

# The interface words the QML asks for; strings.json must define each in every language.
UI_STRING_KEYS: frozenset[str] = frozenset(
    {
        "touch_to_begin",
        "choose_language",
        "home",
        "back",
        "next",
        "previous",
        "slide_of",
        "next_chapter",
        "more",
        "less",
        "chapters",
        "read_testament",
        "timeline",
        "people",
        "myth_and_document",
        "still_there",
        "continue",
        "returning_in",
        "translated_note",
        "large_text",
        "high_contrast",
        "listen",
        "listen_stop",
        "audio_guide",
        "low_reach",
        "language",
        "staff_pin",
        "staff_exit",
        "staff_reload",
        "staff_diagnostics",
        "illustration",
        "archival_photograph",
        "placeholder_photo",
        # the document viewer, the timeline, the people and the myth interactive (kiosk.core.presentation)
        "zoom_in",
        "zoom_out",
        "whole_page",
        "page_of",
        "document_hint",
        "note",
        "close",
        "source",
        "source_words_note",
        "read_in_chapter",
        "timeline_hint",
        "in_chapters",
        "in_document",
        "on_timeline",
        "all_people",
        "myth_intro",
        "myth_prompt",
        "myth_search",
        "myth_searching",
        "myth_not_found",
        "myth_near",
        "myth_where",
        "myth_again",
        "myth_account",
        "myth_words_accidental",
        "myth_words_trotsky",
        "read_chapter",
    }
)


@dataclass(frozen=True)
class Content:
    root: Path
    exhibit: ExhibitFile
    chapters: tuple[ChapterFile, ...]
    documents: dict[str, DocumentFile]
    timeline: TimelineFile
    people: PeopleFile
    strings: StringsFile
    sources: SourcesFile
    media_roots: tuple[Path, ...]
    content_hash: str
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def languages(self) -> list[str]:
        return [language.code for language in self.exhibit.languages]

    def chapter(self, chapter_id: str) -> ChapterFile | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people.people if p.id == person_id), None)

    def ui_string(self, key: str, language: str) -> str:
        text = self.strings.strings.get(key)
        return text.get(language, self.exhibit.default_language) if text else key

    def resolve_media(self, src: str, language: str | None = None) -> Path | None:
        """The file an image ``src`` refers to, searching the media roots in order; None when absent."""
        relative = src.replace("{lang}", language or self.exhibit.default_language)
        for root in self.media_roots:
            candidate = root / relative
            if candidate.is_file():
                return candidate
        return None
