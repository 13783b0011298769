"""What each screen shows, as plain dictionaries in one language: the presentation model, without Qt.

The Qt list models expose these keys as roles one-to-one, so what QML can show is decided (and tested)
here. Every value is a str, int, bool or a list of such dictionaries; an absent thing is "" or [].
"""

from __future__ import annotations

from typing import Any

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    ChapterFile,
    ComparisonSide,
    ComparisonSlide,
    DocumentSlide,
    Image,
    ImageKind,
    NarrativeSlide,
    Quote,
    QuoteSlide,
    Slide,
    Text,
)

CHAPTER_KEYS = ("chapterId", "number", "title", "dates", "summary", *(f"image{k}" for k in ("", "Alt", "Kind")))
IMAGE_KEYS = ("image", "imageAlt", "imageCaption", "imageCredit", "imageKind")
SLIDE_KEYS = (
    "slideId",
    "kind",
    "heading",
    "body",
    "more",
    *IMAGE_KEYS,
    "quoteText",
    "quoteAttribution",
    "quoteTranslated",
    "paragraphs",
    "documentTitle",
    "leftLabel",
    "leftText",
    "leftIsQuote",
    "leftAttribution",
    "rightLabel",
    "rightText",
    "rightIsQuote",
    "rightAttribution",
    "people",
)


# What a screen shows, as QML receives it: str, int, float or bool values, or lists of such dictionaries.
View = dict[str, Any]


def _text(value: Text | None, language: str, default_language: str) -> str:
    return value.get(language, default_language) if value is not None else ""


def text_in(value: Text | None, language: str, content: Content) -> str:
    """The text in ``language``, else in the exhibit's default language; "" when there is none."""
    return _text(value, language, content.exhibit.default_language)


def find_slide(content: Content, chapter_id: str, slide_id: str) -> Slide | None:
    chapter = content.chapter(chapter_id)
    return next((s for s in chapter.slides if s.id == slide_id), None) if chapter else None


def slide_label(content: Content, chapter_id: str, slide_id: str, language: str) -> tuple[str, str]:
    """(deep link, "Chapter title — slide heading") of a slide; ("", "") when there is no such slide."""
    chapter = content.chapter(chapter_id)
    if chapter is None:
        return "", ""
    index = next((i for i, s in enumerate(chapter.slides) if s.id == slide_id), -1)
    if index < 0:
        return "", ""
    title = text_in(chapter.title, language, content)
    heading = text_in(chapter.slides[index].heading, language, content)
    return f"chapter/{chapter.id}/{index}", f"{title} \u2014 {heading}"


def image_view(image: Image | None, language: str, content: Content, prefix: str = "image") -> dict[str, str]:
    if image is None:
        return {prefix: "", f"{prefix}Alt": "", f"{prefix}Caption": "", f"{prefix}Credit": "", f"{prefix}Kind": ""}
    fallback = content.exhibit.default_language
    return {
        prefix: image.src.replace("{lang}", language),
        f"{prefix}Alt": _text(image.alt, language, fallback),
        f"{prefix}Caption": _text(image.caption, language, fallback),
        f"{prefix}Credit": _text(image.credit, language, fallback),
        f"{prefix}Kind": image.kind.value,
    }


def chapter_card(chapter: ChapterFile, number: int, language: str, content: Content) -> View:
    fallback = content.exhibit.default_language
    view = {
        "chapterId": chapter.id,
        "number": number,
        "title": _text(chapter.title, language, fallback),
        "dates": _text(chapter.dates, language, fallback),
        "summary": _text(chapter.summary, language, fallback),
    }
    image = image_view(chapter.image, language, content)
    view.update({"image": image["image"], "imageAlt": image["imageAlt"], "imageKind": image["imageKind"]})
    return view


def _is_translated(quote: Quote, language: str) -> bool:
    return language in quote.translations


def _side(side: ComparisonSide, language: str, fallback: str, prefix: str) -> View:
    if side.quote is not None:
        return {
            f"{prefix}Label": _text(side.label, language, fallback),
            f"{prefix}Text": _text(side.quote.text, language, fallback),
            f"{prefix}IsQuote": True,
            f"{prefix}Attribution": _text(side.quote.attribution, language, fallback),
        }
    return {
        f"{prefix}Label": _text(side.label, language, fallback),
        f"{prefix}Text": _text(side.text, language, fallback),
        f"{prefix}IsQuote": False,
        f"{prefix}Attribution": "",
    }


def slide_view(slide: Slide, language: str, content: Content) -> View:
    """Every key of SLIDE_KEYS for one slide; keys a kind does not use are empty."""
    fallback = content.exhibit.default_language
    view: View = dict.fromkeys(SLIDE_KEYS, "")
    view.update(
        slideId=slide.id,
        kind=slide.kind,
        heading=_text(slide.heading, language, fallback),
        quoteTranslated=False,
        leftIsQuote=False,
        rightIsQuote=False,
        paragraphs=[],
        people=list(slide.people),
        more=_text(slide.more, language, fallback),
    )
    view.update(image_view(getattr(slide, "image", None), language, content))
    if isinstance(slide, NarrativeSlide):
        view["body"] = _text(slide.body, language, fallback)
    elif isinstance(slide, QuoteSlide):
        view["body"] = _text(slide.context, language, fallback)
        view["quoteText"] = _text(slide.quote.text, language, fallback)
        view["quoteAttribution"] = _text(slide.quote.attribution, language, fallback)
        view["quoteTranslated"] = _is_translated(slide.quote, language)
    elif isinstance(slide, DocumentSlide):
        view["body"] = _text(slide.commentary, language, fallback)
        document = content.documents.get(slide.document)
        if document is not None:
            view["documentTitle"] = _text(document.title, language, fallback)
            view["quoteTranslated"] = language in document.translations
            wanted = set(slide.paragraphs)
            for part in document.parts:
                shown = [paragraph for paragraph in part.paragraphs if paragraph.id in wanted]
                for position, paragraph in enumerate(shown):
                    view["paragraphs"].append(
                        {
                            "paragraphId": paragraph.id,
                            "text": _text(paragraph.text, language, fallback),
                            "dateLabel": _text(part.date_label, language, fallback),
                            "partTitle": _text(part.title, language, fallback),
                            # the part's title and date head its first paragraph in the excerpt
                            "startsPart": position == 0,
                        }
                    )
    elif isinstance(slide, ComparisonSlide):
        view["body"] = _text(slide.conclusion, language, fallback)
        view.update(_side(slide.left, language, fallback, "left"))
        view.update(_side(slide.right, language, fallback, "right"))
        view["quoteTranslated"] = any(
            side.quote is not None and _is_translated(side.quote, language) for side in (slide.left, slide.right)
        )
    return view


def is_placeholder(kind: str) -> bool:
    return kind == ImageKind.PLACEHOLDER.value
