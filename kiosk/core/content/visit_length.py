"""How much a visitor reads without tapping More, held to the limits of a short visit.

A slide shows its narration and its quotations by default; its ``more`` waits behind More. Headings are not
counted (they are read at a glance) and neither are document excerpts (they are the document itself, limited
by ``document_excerpt_words``). ``slide_default_words`` holds each slide in every language;
``chapters_default_words`` holds all chapters together in the exhibit's default language, the language a
visit is timed in.
"""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.core.content.model import (
    ChapterFile,
    ComparisonSlide,
    DocumentSlide,
    Limits,
    NarrativeSlide,
    QuoteSlide,
    Text,
    word_count,
)
from kiosk.core.content.parsed import ParsedFile
from kiosk.core.content.problems import Problem

JsonPath = tuple[str | int, ...]


def shown_by_default(slide: object) -> Iterator[tuple[JsonPath, Text]]:
    """(path within the slide, text) of everything the slide shows before More."""
    candidates: list[tuple[JsonPath, object]] = []
    if isinstance(slide, NarrativeSlide):
        candidates = [(("body",), slide.body)]
    elif isinstance(slide, QuoteSlide):
        candidates = [(("quote", "text"), slide.quote and slide.quote.text), (("context",), slide.context)]
    elif isinstance(slide, DocumentSlide):
        candidates = [(("commentary",), slide.commentary)]
    elif isinstance(slide, ComparisonSlide):
        for side_name in ("left", "right"):
            side = getattr(slide, side_name)
            if side is not None:
                text = side.quote.text if side.quote is not None else side.text
                where = (side_name, "quote", "text") if side.quote is not None else (side_name, "text")
                candidates.append((where, text))
        candidates.append((("conclusion",), slide.conclusion))
    for path, text in candidates:
        if isinstance(text, Text):
            yield path, text


def default_words(slide: object, language: str) -> int:
    return sum(word_count(text.root.get(language, "")) for _, text in shown_by_default(slide))


def check_visit_length(
    exhibit: ParsedFile, chapters: list[ParsedFile], limits: Limits, languages: list[str], default_language: str | None
) -> list[Problem]:
    """A problem for each slide over ``slide_default_words``, and one on exhibit.json's limit when all chapters
    together exceed ``chapters_default_words``; slides the schema refused are left to their own errors."""
    problems: list[Problem] = []
    per_slide, total_limit = limits.slide_default_words, limits.chapters_default_words
    total = 0
    for file in chapters:
        chapter = file.model
        if not isinstance(chapter, ChapterFile):
            continue
        for index, slide in enumerate(chapter.slides or []):
            if slide is None:
                continue
            for language in languages:
                words = default_words(slide, language)
                if language == default_language:
                    total += words
                if per_slide is not None and words > per_slide:
                    problems.append(
                        file.problem(
                            ("slides", index),
                            f"{words} words shown on this slide before More in '{language}'; the limit is "
                            f"{per_slide} (exhibit.json › limits.slide_default_words): move the rest to 'more'",
                        )
                    )
    if total_limit is not None and total > total_limit:
        problems.append(
            exhibit.problem(
                ("limits", "chapters_default_words"),
                f"{total} words shown by the chapters' slides before More in '{default_language}'; the limit for "
                f"a visit is {total_limit}: shorten slides or move text to their 'more'",
            )
        )
    return problems
