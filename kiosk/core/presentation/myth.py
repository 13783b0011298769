"""What the myth interactive (the "six words") shows: Radek's story as Ludwig printed it, the phrase it puts in
Lenin's mouth, the letter's real words, and the accounts of the two meetings.
"""

from __future__ import annotations

import re

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    ComparisonSlide,
    DocumentSlide,
    NarrativeSlide,
    QuoteSlide,
)
from kiosk.core.content.quotes import normalise
from kiosk.core.presentation.document import document_for, document_paragraphs, marked_html, phrase_spans
from kiosk.core.presentation.slides import View, find_slide, slide_label, text_in

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


def phrase_found(phrase: str, text: str) -> bool:
    """Does the text hold the phrase (ignoring case, punctuation and spacing)?"""

    def words(value: str) -> str:
        return " ".join(re.findall(r"\w+(?:[-\u2011]\w+)*", normalise(value).casefold()))

    return bool(phrase.strip()) and words(phrase) in words(text)


def _account_section(content: Content, chapter_id: str, slide_id: str, language: str) -> View | None:
    slide = find_slide(content, chapter_id, slide_id)
    if slide is None:
        return None
    link, _ = slide_label(content, chapter_id, slide_id, language)
    section = {
        "heading": text_in(slide.heading, language, content),
        "body": "",
        "leftLabel": "",
        "leftText": "",
        "rightLabel": "",
        "rightText": "",
        "link": link,
    }
    if isinstance(slide, NarrativeSlide):
        section["body"] = text_in(slide.body, language, content)
    elif isinstance(slide, QuoteSlide):
        section["body"] = text_in(slide.context, language, content)
    elif isinstance(slide, DocumentSlide):
        section["body"] = text_in(slide.commentary, language, content)
    elif isinstance(slide, ComparisonSlide):
        section["body"] = text_in(slide.conclusion, language, content)
        for prefix, side in (("left", slide.left), ("right", slide.right)):
            section[f"{prefix}Label"] = text_in(side.label, language, content)
            section[f"{prefix}Text"] = text_in(side.quote.text if side.quote else side.text, language, content)
    return section


def myth_view(content: Content, language: str) -> View:
    """The "six words": Radek's story as Ludwig printed it, the phrase it puts in Lenin's mouth, the letter's
    paragraphs to search, which of them holds the words the story garbles (``nearIndex``, with ``nearHtml``
    marking them: ``<span class="near">`` is turned into the screen's highlight by the view), the conclusion,
    and the source's account of where the story came from."""
    empty = {
        "available": False, "storyLabel": "", "storyText": "", "storyAttribution": "", "storyTranslated": False,
        "phrase": "", "phraseQuoted": "", "found": False, "paragraphs": [], "nearIndex": -1, "nearHtml": "",
        "conclusion": "", "account": [], "chapterLink": "", "documentTitle": "", "translated": False,
    }
    settings = content.exhibit.myth  # which slides it retells: see MythSettings
    if settings is None:
        return empty
    story = find_slide(content, settings.story.chapter, settings.story.slide)
    document = document_for(content)
    if not isinstance(story, ComparisonSlide) or story.left.quote is None or document is None:
        return empty
    quote = story.left.quote
    story_text = text_in(quote.text, language, content)
    phrase = quoted_phrase(story_text)
    paragraphs = document_paragraphs(content, document, language, {})
    near_words = [content.ui_string(key, language) for key in settings.near_words]
    near_index, near_html = -1, ""
    for row in paragraphs:
        spans = phrase_spans(row["text"], [(w, "near") for w in near_words if w and w in row["text"]])
        if spans:
            near_index = row["index"]
            near_html = marked_html(row["text"], spans, lambda _tag, words: f'<span class="near">{words}</span>')
            break
    account = [
        section
        for section in (_account_section(content, link.chapter, link.slide, language) for link in settings.accounts)
        if section is not None
    ]
    link, _ = slide_label(content, settings.story.chapter, settings.story.slide, language)
    return {
        "available": bool(phrase),
        "storyLabel": text_in(story.left.label, language, content),
        "storyText": story_text,
        "storyAttribution": text_in(quote.attribution, language, content),
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
        "conclusion": text_in(story.conclusion, language, content),
        "account": account,
        "chapterLink": link.rsplit("/", 1)[0] + "/0" if link else "",
        "documentTitle": text_in(document.title, language, content),
        "translated": language in document.translations,
    }
