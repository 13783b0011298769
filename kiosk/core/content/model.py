"""The content model: what curators write in the JSON files under ``content/``.

Each ``*File`` class is the top level of one kind of file. The JSON Schemas in ``content/schema/`` are
generated from these classes (``kiosk schema``), so the descriptions below are what a curator sees as
hover help in an editor such as VS Code. Keep them short, concrete and written for curators.

The classes are frozen dataclasses, and this module imports nothing of pydantic: a kiosk that restores its
content from the snapshot (:mod:`kiosk.core.content.snapshot`) never imports it, which saves every start ~110 ms
and ~19 MB (docs/performance.md). pydantic checks the files against these classes when content is loaded
(:func:`adapter`, whose schema :mod:`kiosk.core.content.validators` keeps across runs), reading each field's rules
from the :class:`Rules` in its annotation and each class's ``__post_init__`` checks; the dataclasses themselves
check nothing else when built in code.

Rules that span files (languages declared by the exhibit, cross-references, media files, quotes proven
against their sources) are checked in :mod:`kiosk.core.content.validation`, not here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema


class Rules:
    """What pydantic checks of a value and the JSON Schema says of it: the arguments of ``pydantic.Field``
    (pattern, lengths, bounds, discriminator, description), handed to pydantic only when it reads the model.

    The description goes into the schema last, so a field's own (``Annotated[Id, Rules(description=...)]``)
    says more than the one its type carries (``Id``'s).
    """

    def __init__(self, **field_arguments: Any) -> None:
        self.field_arguments = field_arguments

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic import Field

        checks = {name: value for name, value in self.field_arguments.items() if name != "description"}
        return handler(Annotated[source, Field(**checks)] if checks else source)

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler(core_schema)
        if "description" in self.field_arguments:
            schema["description"] = self.field_arguments["description"]
        return schema


_ADAPTERS: dict[object, TypeAdapter[Any]] = {}


def adapter(annotation: Any) -> TypeAdapter[Any]:
    """pydantic's validator and schema for a class or type of this model (built once, on first use)."""
    # Any: an annotation taken apart at run time (get_args) is a type form no static type describes
    if annotation not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[annotation] = TypeAdapter(annotation)
    return _ADAPTERS[annotation]


M = TypeVar("M")


def unchecked(model: type[M], **values: object) -> M:
    """A ``model`` built from ``values`` without any check (not even ``__post_init__``): for the parts of a file
    the schema refused, where the checks' problems are already reported."""
    built = object.__new__(model)
    for name, value in values.items():
        object.__setattr__(built, name, value)
    return built


class Strict:
    # Unknown keys are errors: a typo such as "titel" must not be silently ignored.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


class ContentFile(Strict):
    """The top level of a content file, which may name its JSON Schema in "$schema" (the loader reads it)."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema["properties"] = {"$schema": {"title": "$Schema", "type": "string"}, **schema["properties"]}
        return schema


ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[
    str, Rules(pattern=ID_PATTERN, min_length=1, max_length=64, description="Lowercase letters, digits, hyphens.")
]
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
LanguageCode = Annotated[str, Rules(pattern=LANGUAGE_PATTERN, description="ISO 639 code, e.g. en, ru.")]

# A date as precise as the source allows: "1924", "1924-05" or "1924-05-22".
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SLIDE_LINK_PATTERN = r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$"


def _wrapping(model: type, inner: CoreSchema) -> CoreSchema:
    """A schema that checks ``inner`` and then builds ``model`` from the value (running its ``__post_init__``); one
    definition in a JSON Schema, which every field of the type refers to."""
    from pydantic_core import core_schema

    return core_schema.no_info_after_validator_function(model, inner, ref=model.__name__)


@dataclass(frozen=True)
class Text:
    """Visitor-facing text in every exhibit language, e.g. {"en": "…", "ru": "…"}."""

    root: dict[str, str]

    def get(self, language: str, fallback: str | None = None) -> str:
        if language in self.root:
            return self.root[language]
        if fallback is not None and fallback in self.root:
            return self.root[fallback]
        return next(iter(self.root.values()), "")

    def languages(self) -> set[str]:
        return set(self.root)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _wrapping(cls, handler(dict[str, str]))

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["minProperties"] = 1
        schema.setdefault("description", cls.__doc__)
        return schema


@dataclass(frozen=True)
class Patterned:
    """A string of the content files that has a form of its own, kept as ``root``, with its own methods."""

    root: str
    PATTERN: ClassVar[str]
    FORM: ClassVar[str]  # what the error says a value should look like

    def __post_init__(self) -> None:
        if not re.fullmatch(self.PATTERN, self.root):
            raise ValueError(f"{self.root!r} is not {self.FORM}")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _wrapping(cls, handler(Annotated[str, Rules(pattern=cls.PATTERN)]))

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler(core_schema)
        schema.setdefault("description", cls.__doc__)
        return schema


@dataclass(frozen=True)
class PartialDate(Patterned):
    """A date as precise as the source gives it: "1924", "1924-05" or "1924-05-22"."""

    PATTERN = PARTIAL_DATE_PATTERN
    FORM = "a date such as 1924, 1924-05 or 1924-05-22"

    def __post_init__(self) -> None:
        super().__post_init__()
        year, month, day = [*[int(p) for p in self.root.split("-")], 1, 1][:3]
        try:
            date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"{self.root!r} is not a real date ({exc})") from None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        parts = [int(p) for p in self.root.split("-")]
        year, month, day = [*parts, 0, 0][:3]
        return year, month, day

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return ("year", "month", "day")[self.root.count("-")]


# --- images -------------------------------------------------------------------------------------------------


class ImageKind(str, Enum):
    ILLUSTRATION = "illustration"  # drawn or generated for the exhibit
    ARCHIVAL_PHOTOGRAPH = "archival-photograph"  # a real historical photograph or scan
    PLACEHOLDER = "placeholder"  # a slot waiting for an archival photograph; shows a marked stand-in


class TreatmentStyle(str, Enum):
    NONE = "none"
    SEPIA = "sepia"
    DUOTONE = "duotone"


Fraction = Annotated[float, Rules(ge=0, le=1)]


@dataclass(frozen=True, kw_only=True)
class Treatment(Strict):
    """Period treatment applied to a curator photograph when renditions are built."""

    style: TreatmentStyle = TreatmentStyle.SEPIA
    strength: Annotated[float, Rules(ge=0, le=1, description="0 = untouched, 1 = full effect.")] = 1.0
    grain: Fraction = 0.15
    vignette: Fraction = 0.25


@dataclass(frozen=True, kw_only=True)
class Image(Strict):
    """An image shown to visitors, with what a screen reader says and the credit line museums require."""

    src: Annotated[
        str,
        Rules(
            description=(
                "Path relative to a media folder (the content folder's media/ or the app's media/), "
                'e.g. "generated/chapters/dictation.jpg" or "photos/kremlin-1923.jpg". No \'..\', no URLs.'
            ),
            min_length=1,
        ),
    ]
    kind: Annotated[ImageKind, Rules(description="illustration, archival-photograph, or placeholder.")]
    alt: Annotated[Text, Rules(description="What the image shows, for screen readers.")]
    caption: Text
    credit: Annotated[Text, Rules(description="Credit line shown under the image.")]
    suggested_subject: Annotated[
        Text | None, Rules(description="For placeholders: the archival photograph a curator should find for this slot.")
    ] = None
    suggested_credit: Annotated[Text | None, Rules(description="For placeholders: the credit line to use.")] = None
    treatment: Treatment | None = None
    focus: Annotated[
        tuple[float, float] | None,
        Rules(description="Point of interest as fractions of width and height (0..1), kept in view when cropped."),
    ] = None

    def __post_init__(self) -> None:
        if self.kind is ImageKind.PLACEHOLDER and self.suggested_subject is None:
            raise ValueError("a placeholder image needs a suggested_subject (what archival photograph goes here)")


# --- sources and quotations ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SourcePassage(Strict):
    """The passage of a registered source that a slide, event or biography rests on."""

    source: Annotated[Id, Rules(description="Id of a source registered in sources/sources.json.")]
    locator: Annotated[
        str, Rules(min_length=1, description="Where in the source, e.g. a section title or paragraph.")
    ]
    excerpt: Annotated[
        str,
        Rules(
            min_length=1,
            description="A short verbatim excerpt of the passage; the validator proves it appears in the source.",
        ),
    ]


@dataclass(frozen=True, kw_only=True)
class QuoteTranslation(Strict):
    from_language: Annotated[LanguageCode, Rules(description="The language of the text this is translated from.")]
    note: Annotated[Text | None, Rules(description="Override of the standard 'translated from …' note.")] = None


@dataclass(frozen=True, kw_only=True)
class Quote(Strict):
    """A quotation, verbatim in the source's language and marked as a translation in the others."""

    text: Annotated[
        Text, Rules(description="The quotation. The source-language text must appear verbatim in the source.")
    ]
    source: Annotated[Id, Rules(description="Id of a registered source.")]
    locator: Annotated[
        str, Rules(min_length=1, description='Where in the source, e.g. "Postscript" or a section title.')
    ]
    attribution: Annotated[
        Text, Rules(description='Who said or wrote it, and when, e.g. "V. I. Lenin, January 4, 1923".')
    ]
    translations: Annotated[
        dict[LanguageCode, QuoteTranslation],
        Rules(description='Languages whose text is a translation, e.g. {"ru": {"from_language": "en"}}.'),
    ] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Source(Strict):
    """A text that quotations can cite and be proven against."""

    id: Id
    title: Text
    author: Text
    date: PartialDate | None = None
    language: Annotated[LanguageCode, Rules(description="Language of the text quotations are proven against.")]
    citation: Annotated[Text, Rules(description="Full bibliographic citation shown to visitors.")]
    text_file: Annotated[
        str | None, Rules(description="A plain-text (UTF-8) file in content/sources/ holding the source's full text.")
    ] = None
    external_file: Annotated[
        str | None,
        Rules(
            description=(
                "For texts not copied into the content: the file name to look for in the folders given to "
                "'kiosk validate --sources DIR'. Quotes are proven when it is found, otherwise a warning says so."
            )
        ),
    ] = None

    def __post_init__(self) -> None:
        if (self.text_file is None) == (self.external_file is None):
            raise ValueError("a source needs exactly one of text_file or external_file")


@dataclass(frozen=True, kw_only=True)
class SourcesFile(ContentFile):
    sources: Annotated[list[Source], Rules(min_length=1)]


# --- slides and chapters ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SlideBase(Strict):
    id: Annotated[Id, Rules(description="Unique within its chapter; deep links use chapter-id/slide-id.")]
    heading: Text
    based_on: Annotated[
        list[SourcePassage],
        Rules(min_length=1, description="The source passages this slide rests on, so a curator can check it."),
    ]
    people: Annotated[list[Id], Rules(description="Ids of people (people.json) this slide is about.")] = field(
        default_factory=list
    )
    more: Annotated[
        Text | None,
        Rules(
            description=(
                "The rest of the story of this slide, shown when the visitor taps More: the slide itself shows only "
                "what a short visit needs (see exhibit.json › limits)."
            )
        ),
    ] = None
    idle_timeout_seconds: Annotated[int, Rules(ge=20, le=3600)] | None = None


@dataclass(frozen=True, kw_only=True)
class NarrativeSlide(SlideBase):
    """Narrative text beside an image."""

    kind: Literal["narrative"]
    body: Text
    image: Image


@dataclass(frozen=True, kw_only=True)
class QuoteSlide(SlideBase):
    """A primary-source quotation, set apart typographically, with its citation."""

    kind: Literal["quote"]
    quote: Quote
    context: Annotated[Text | None, Rules(description="A sentence or two of the exhibit's own narration.")] = None
    image: Image | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentSlide(SlideBase):
    """An excerpt of a document in content/documents/, shown as typed text with commentary."""

    kind: Literal["document"]
    document: Annotated[Id, Rules(description="Id of a document in content/documents/.")]
    paragraphs: Annotated[list[Id], Rules(min_length=1, description="Ids of the paragraphs to show, in order.")]
    commentary: Text
    image: Image | None = None


@dataclass(frozen=True, kw_only=True)
class ComparisonSide(Strict):
    label: Annotated[Text, Rules(description='What this side is, e.g. "The story, as Ludwig printed it".')]
    text: Annotated[Text | None, Rules(description="Exhibit narration for this side (or give a quote).")] = None
    quote: Quote | None = None
    image: Image | None = None

    def __post_init__(self) -> None:
        if (self.text is None) == (self.quote is None):
            raise ValueError("a comparison side needs exactly one of text or quote")


@dataclass(frozen=True, kw_only=True)
class ComparisonSlide(SlideBase):
    """Two things side by side: a claim and the document, two versions, before and after."""

    kind: Literal["comparison"]
    left: ComparisonSide
    right: ComparisonSide
    conclusion: Text | None = None


Slide = Annotated[NarrativeSlide | QuoteSlide | DocumentSlide | ComparisonSlide, Rules(discriminator="kind")]


@dataclass(frozen=True, kw_only=True)
class ChapterFile(ContentFile):
    """One chapter of the story: content/chapters/<id>.json, listed in order in exhibit.json."""

    id: Annotated[Id, Rules(description="Must match the file name (without .json).")]
    title: Text
    dates: Annotated[Text, Rules(description="The period the chapter covers, as shown on its card.")]
    summary: Annotated[Text, Rules(description="One or two sentences for the chapter card.")]
    image: Annotated[Image, Rules(description="The chapter's card and title art.")]
    slides: Annotated[list[Slide], Rules(min_length=1)]


# --- documents ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Mention(Strict):
    """A name in a paragraph that links to a person card."""

    person: Id
    text: Annotated[Text, Rules(description="The name as it appears in the paragraph, in each language.")]


@dataclass(frozen=True, kw_only=True)
class Note(Strict):
    """An annotation on a word or phrase in a paragraph."""

    anchor: Annotated[
        Text, Rules(description="The words annotated, as they appear in the paragraph, in each language.")
    ]
    note: Text


@dataclass(frozen=True, kw_only=True)
class Paragraph(Strict):
    id: Id
    text: Annotated[
        Text, Rules(description="The paragraph. Source-language text must appear verbatim in the source.")
    ]
    page: Annotated[int, Rules(ge=1, description="Facsimile page the paragraph is on.")]
    mentions: list[Mention] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class DocumentPart(Strict):
    id: Id
    title: Text
    date: PartialDate
    date_label: Annotated[Text, Rules(description="The date as written on the document.")]
    paragraphs: Annotated[list[Paragraph], Rules(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class DocumentFile(ContentFile):
    """A primary document shown in full: content/documents/<id>.json."""

    id: Id
    title: Text
    description: Text
    source: Annotated[Id, Rules(description="The registered source the paragraphs are proven against.")]
    translations: dict[LanguageCode, QuoteTranslation] = field(default_factory=dict)
    facsimile: Annotated[list[Image], Rules(description="Facsimile pages, in order.")] = field(default_factory=list)
    parts: Annotated[list[DocumentPart], Rules(min_length=1)]
    idle_timeout_seconds: Annotated[int, Rules(ge=20, le=3600)] | None = None


# --- timeline and people ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideLink(Patterned):
    """A deep link to a slide: "chapter-id/slide-id"."""

    PATTERN = SLIDE_LINK_PATTERN
    FORM = "a link such as chapter-id/slide-id"

    @property
    def chapter(self) -> str:
        return self.root.split("/", 1)[0]

    @property
    def slide(self) -> str:
        return self.root.split("/", 1)[1]


@dataclass(frozen=True, kw_only=True)
class Era(Strict):
    id: Id
    title: Text
    start: PartialDate
    end: PartialDate

    def __post_init__(self) -> None:
        if self.end.sort_key < self.start.sort_key:
            raise ValueError("an era must end after it starts")


@dataclass(frozen=True, kw_only=True)
class Event(Strict):
    id: Id
    date: PartialDate
    title: Text
    body: Text
    based_on: Annotated[list[SourcePassage], Rules(min_length=1)]
    slide: Annotated[SlideLink | None, Rules(description="The chapter slide that tells this event.")] = None
    people: list[Id] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class TimelineFile(ContentFile):
    start: PartialDate
    end: PartialDate
    eras: list[Era] = field(default_factory=list)
    events: Annotated[list[Event], Rules(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Person(Strict):
    id: Id
    name: Annotated[Text, Rules(description='Name as shown on the card, e.g. "Nadezhda Krupskaya".')]
    sort_name: Annotated[str | None, Rules(description='Sorting key if not the name, e.g. "Krupskaya".')] = None
    years: Annotated[str | None, Rules(description='Life dates as the exhibit shows them, e.g. "1870–1924".')] = None
    role: Annotated[Text, Rules(description="One line: who they were in this story.")]
    bio: Annotated[Text, Rules(description="A short paragraph limited to what the exhibit needs.")]
    portrait: Image
    based_on: Annotated[list[SourcePassage], Rules(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class PeopleFile(ContentFile):
    people: Annotated[list[Person], Rules(min_length=1)]


# --- the exhibit --------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Language(Strict):
    code: LanguageCode
    name: Annotated[str, Rules(min_length=1, description='The language named in itself, e.g. "Русский".')]


@dataclass(frozen=True, kw_only=True)
class IdleSettings(Strict):
    timeout_seconds: Annotated[
        int, Rules(ge=20, le=3600, description="Idle time before the 'Still there?' warning.")
    ] = 90
    document_timeout_seconds: Annotated[
        int, Rules(ge=20, le=3600, description="The same on reading screens.")
    ] = 180
    warning_seconds: Annotated[
        int, Rules(ge=20, le=300, description="Countdown shown before returning to Attract.")
    ] = 30


@dataclass(frozen=True, kw_only=True)
class AttractSettings(Strict):
    images: Annotated[list[Image], Rules(min_length=1)]
    pan_seconds: Annotated[float, Rules(ge=20, le=600, description="One slow pan across an image.")] = 30
    crossfade_seconds: Annotated[float, Rules(ge=1.5, le=10)] = 2.5


@dataclass(frozen=True, kw_only=True)
class Limits(Strict):
    """Museum label limits; over-long text is an error so that labels stay readable."""

    slide_body_words: Annotated[int, Rules(ge=10, le=400, description="Narration per slide, in words.")] = 80
    quote_words: Annotated[int, Rules(ge=10, le=400, description="A quotation on a slide, in words.")] = 90
    document_excerpt_words: Annotated[
        int,
        Rules(ge=10, le=600, description="Paragraphs of a document shown on one slide, in words (any language)."),
    ] = 125
    caption_words: Annotated[int, Rules(ge=5, le=200)] = 30
    heading_chars: Annotated[int, Rules(ge=10, le=300)] = 70
    summary_words: Annotated[int, Rules(ge=5, le=200)] = 40
    bio_words: Annotated[int, Rules(ge=10, le=400)] = 90
    event_body_words: Annotated[int, Rules(ge=10, le=400)] = 70
    slide_default_words: Annotated[
        int,
        Rules(
            ge=10,
            le=400,
            description="What a slide shows before More (narration and quotations, not headings or document pages).",
        ),
    ] = 50
    chapters_default_words: Annotated[
        int,
        Rules(
            ge=100,
            le=20000,
            description=(
                "All chapters' slides before More together, in the default language: a visit of about five minutes."
            ),
        ),
    ] = 1000


@dataclass(frozen=True, kw_only=True)
class Credit(Strict):
    role: Text
    text: Text


# The key of an interface string in strings.json.
StringKey = Annotated[str, Rules(pattern=r"^[a-z][a-z0-9_]*$")]


@dataclass(frozen=True, kw_only=True)
class MythSettings(Strict):
    """The "six words" interactive. It retells slides of the story rather than keeping texts of its own: the
    comparison of the story with the letter, then the source's account of where the story came from."""

    story: Annotated[
        SlideLink,
        Rules(
            description=(
                "The comparison slide (chapter-id/slide-id) whose left side quotes the story; the phrase the story "
                "quotes is what visitors search the letter for, and its conclusion is the verdict."
            )
        ),
    ]
    accounts: Annotated[
        list[SlideLink],
        Rules(min_length=1, description="The slides that tell where the story came from, shown after the verdict."),
    ]
    near_words: Annotated[
        list[StringKey],
        Rules(
            min_length=1,
            description=(
                "Interface strings (strings.json) giving the letter's words that the story garbles, in every "
                "language: the paragraph that holds them is shown with them marked."
            ),
        ),
    ]


@dataclass(frozen=True, kw_only=True)
class ExhibitFile(ContentFile):
    """content/exhibit.json: the exhibit as a whole."""

    id: Id
    title: Text
    subtitle: Text
    languages: Annotated[list[Language], Rules(min_length=1)]
    # that it is one of the languages is checked with the other rules across fields (validation), at this value
    default_language: LanguageCode
    chapters: Annotated[list[Id], Rules(min_length=1, description="Chapter ids in story order (files in chapters/).")]
    attract: AttractSettings
    idle: IdleSettings = field(default_factory=IdleSettings)
    limits: Limits = field(default_factory=Limits)
    credits: list[Credit] = field(default_factory=list)
    myth: Annotated[
        MythSettings | None, Rules(description="The six-words interactive; without it the screen is off.")
    ] = None


@dataclass(frozen=True, kw_only=True)
class StringsFile(ContentFile):
    """content/strings.json: the words of the interface (buttons, prompts), per language."""

    strings: dict[StringKey, Text]


# The files of an exhibit, each with the model of its top level; the schema names match.
FILE_MODELS: dict[str, type[ContentFile]] = {
    "exhibit": ExhibitFile,
    "chapter": ChapterFile,
    "document": DocumentFile,
    "timeline": TimelineFile,
    "people": PeopleFile,
    "strings": StringsFile,
    "sources": SourcesFile,
}


def fields_of(model: type) -> dict[str, dataclasses.Field[Any]]:
    """A model's fields by name, in the order a file lists them."""
    return {f.name: f for f in dataclasses.fields(model)}


WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    return len(WORD.findall(text))
