"""The content model: what curators write in the JSON files under ``content/``.

Each ``*File`` class is the top level of one kind of file. The JSON Schemas in ``content/schema/`` are
generated from these classes (``kiosk schema``), so the descriptions below are what a curator sees as
hover help in an editor such as VS Code. Keep them short, concrete and written for curators.

Rules that span files (languages declared by the exhibit, cross-references, media files, quotes proven
against their sources) are checked in :mod:`kiosk.core.content.validation`, not here.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationInfo, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, min_length=1, max_length=64, description="Lowercase letters, digits, hyphens."),
]
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_PATTERN, description="ISO 639 code, e.g. en, ru.")]

# A date as precise as the source allows: "1924", "1924-05" or "1924-05-22".
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Strict(BaseModel):
    # Unknown keys are errors: a typo such as "titel" must not be silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(RootModel[dict[str, str]]):
    """Visitor-facing text in every exhibit language, e.g. {"en": "…", "ru": "…"}."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"minProperties": 1}, defer_build=True)

    def get(self, language: str, fallback: str | None = None) -> str:
        if language in self.root:
            return self.root[language]
        if fallback is not None and fallback in self.root:
            return self.root[fallback]
        return next(iter(self.root.values()), "")

    def languages(self) -> set[str]:
        return set(self.root)


class PartialDate(RootModel[str]):
    """A date as precise as the source gives it: "1924", "1924-05" or "1924-05-22"."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    root: Annotated[str, Field(pattern=PARTIAL_DATE_PATTERN)]

    @field_validator("root")
    @classmethod
    def _real_date(cls, value: str) -> str:
        parts = [int(p) for p in value.split("-")]
        year, month, day = ([*parts, 1, 1])[:3]
        try:
            date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date ({exc})") from None
        return value

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


class Treatment(Strict):
    """Period treatment applied to a curator photograph when renditions are built."""

    style: TreatmentStyle = TreatmentStyle.SEPIA
    strength: float = Field(1.0, ge=0, le=1, description="0 = untouched, 1 = full effect.")
    grain: float = Field(0.15, ge=0, le=1)
    vignette: float = Field(0.25, ge=0, le=1)


class Image(Strict):
    """An image shown to visitors, with what a screen reader says and the credit line museums require."""

    src: str = Field(
        description=(
            "Path relative to a media folder (the content folder's media/ or the app's media/), "
            'e.g. "generated/chapters/dictation.jpg" or "photos/kremlin-1923.jpg". No \'..\', no URLs.'
        ),
        min_length=1,
    )
    kind: ImageKind = Field(description="illustration, archival-photograph, or placeholder.")
    alt: Text = Field(description="What the image shows, for screen readers.")
    caption: Text
    credit: Text = Field(description="Credit line shown under the image.")
    suggested_subject: Text | None = Field(
        None, description="For placeholders: the archival photograph a curator should find for this slot."
    )
    suggested_credit: Text | None = Field(None, description="For placeholders: the credit line to use.")
    treatment: Treatment | None = None
    focus: tuple[float, float] | None = Field(
        None, description="Point of interest as fractions of width and height (0..1), kept in view when cropped."
    )

    @model_validator(mode="after")
    def _placeholder_says_what_belongs_there(self) -> Image:
        if self.kind is ImageKind.PLACEHOLDER and self.suggested_subject is None:
            raise ValueError("a placeholder image needs a suggested_subject (what archival photograph goes here)")
        return self


# --- sources and quotations ---------------------------------------------------------------------------------


class SourcePassage(Strict):
    """The passage of a registered source that a slide, event or biography rests on."""

    source: Id = Field(description="Id of a source registered in sources/sources.json.")
    locator: str = Field(min_length=1, description="Where in the source, e.g. a section title or paragraph.")
    excerpt: str = Field(
        min_length=1,
        description="A short verbatim excerpt of the passage; the validator proves it appears in the source.",
    )


class QuoteTranslation(Strict):
    from_language: LanguageCode = Field(description="The language of the text this is translated from.")
    note: Text | None = Field(None, description="Override of the standard 'translated from …' note.")


class Quote(Strict):
    """A quotation, verbatim in the source's language and marked as a translation in the others."""

    text: Text = Field(description="The quotation. The source-language text must appear verbatim in the source.")
    source: Id = Field(description="Id of a registered source.")
    locator: str = Field(min_length=1, description='Where in the source, e.g. "Postscript" or a section title.')
    attribution: Text = Field(description='Who said or wrote it, and when, e.g. "V. I. Lenin, January 4, 1923".')
    translations: dict[LanguageCode, QuoteTranslation] = Field(
        default_factory=dict,
        description='Languages whose text is a translation, e.g. {"ru": {"from_language": "en"}}.',
    )


class Source(Strict):
    """A text that quotations can cite and be proven against."""

    id: Id
    title: Text
    author: Text
    date: PartialDate | None = None
    language: LanguageCode = Field(description="Language of the text quotations are proven against.")
    citation: Text = Field(description="Full bibliographic citation shown to visitors.")
    text_file: str | None = Field(
        None, description="A plain-text (UTF-8) file in content/sources/ holding the source's full text."
    )
    external_file: str | None = Field(
        None,
        description=(
            "For texts not copied into the content: the file name to look for in the folders given to "
            "'kiosk validate --sources DIR'. Quotes are proven when it is found, otherwise a warning says so."
        ),
    )

    @model_validator(mode="after")
    def _one_text(self) -> Source:
        if (self.text_file is None) == (self.external_file is None):
            raise ValueError("a source needs exactly one of text_file or external_file")
        return self


class SourcesFile(Strict):
    schema_: str | None = Field(None, alias="$schema")
    sources: list[Source] = Field(min_length=1)


# --- slides and chapters ------------------------------------------------------------------------------------


class SlideBase(Strict):
    id: Id = Field(description="Unique within its chapter; deep links use chapter-id/slide-id.")
    heading: Text
    based_on: list[SourcePassage] = Field(
        min_length=1, description="The source passages this slide rests on, so a curator can check it."
    )
    people: list[Id] = Field(default_factory=list, description="Ids of people (people.json) this slide is about.")
    more: Text | None = Field(
        None,
        description=(
            "The rest of the story of this slide, shown when the visitor taps More: the slide itself shows only "
            "what a short visit needs (see exhibit.json › limits)."
        ),
    )
    idle_timeout_seconds: int | None = Field(None, ge=20, le=3600)


class NarrativeSlide(SlideBase):
    """Narrative text beside an image."""

    kind: Literal["narrative"]
    body: Text
    image: Image


class QuoteSlide(SlideBase):
    """A primary-source quotation, set apart typographically, with its citation."""

    kind: Literal["quote"]
    quote: Quote
    context: Text | None = Field(None, description="A sentence or two of the exhibit's own narration.")
    image: Image | None = None


class DocumentSlide(SlideBase):
    """An excerpt of a document in content/documents/, shown as typed text with commentary."""

    kind: Literal["document"]
    document: Id = Field(description="Id of a document in content/documents/.")
    paragraphs: list[Id] = Field(min_length=1, description="Ids of the paragraphs to show, in order.")
    commentary: Text
    image: Image | None = None


class ComparisonSide(Strict):
    label: Text = Field(description='What this side is, e.g. "The story, as Ludwig printed it".')
    text: Text | None = Field(None, description="Exhibit narration for this side (or give a quote).")
    quote: Quote | None = None
    image: Image | None = None

    @model_validator(mode="after")
    def _text_or_quote(self) -> ComparisonSide:
        if (self.text is None) == (self.quote is None):
            raise ValueError("a comparison side needs exactly one of text or quote")
        return self


class ComparisonSlide(SlideBase):
    """Two things side by side: a claim and the document, two versions, before and after."""

    kind: Literal["comparison"]
    left: ComparisonSide
    right: ComparisonSide
    conclusion: Text | None = None


Slide = Annotated[
    NarrativeSlide | QuoteSlide | DocumentSlide | ComparisonSlide,
    Field(discriminator="kind"),
]


class ChapterFile(Strict):
    """One chapter of the story: content/chapters/<id>.json, listed in order in exhibit.json."""

    schema_: str | None = Field(None, alias="$schema")
    id: Id = Field(description="Must match the file name (without .json).")
    title: Text
    dates: Text = Field(description="The period the chapter covers, as shown on its card.")
    summary: Text = Field(description="One or two sentences for the chapter card.")
    image: Image = Field(description="The chapter's card and title art.")
    slides: list[Slide] = Field(min_length=1)


# --- documents ----------------------------------------------------------------------------------------------


class Mention(Strict):
    """A name in a paragraph that links to a person card."""

    person: Id
    text: Text = Field(description="The name as it appears in the paragraph, in each language.")


class Note(Strict):
    """An annotation on a word or phrase in a paragraph."""

    anchor: Text = Field(description="The words annotated, as they appear in the paragraph, in each language.")
    note: Text


class Paragraph(Strict):
    id: Id
    text: Text = Field(description="The paragraph. Source-language text must appear verbatim in the source.")
    page: int = Field(ge=1, description="Facsimile page the paragraph is on.")
    mentions: list[Mention] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


class DocumentPart(Strict):
    id: Id
    title: Text
    date: PartialDate
    date_label: Text = Field(description="The date as written on the document.")
    paragraphs: list[Paragraph] = Field(min_length=1)


class DocumentFile(Strict):
    """A primary document shown in full: content/documents/<id>.json."""

    schema_: str | None = Field(None, alias="$schema")
    id: Id
    title: Text
    description: Text
    source: Id = Field(description="The registered source the paragraphs are proven against.")
    translations: dict[LanguageCode, QuoteTranslation] = Field(default_factory=dict)
    facsimile: list[Image] = Field(default_factory=list, description="Facsimile pages, in order.")
    parts: list[DocumentPart] = Field(min_length=1)
    idle_timeout_seconds: int | None = Field(None, ge=20, le=3600)


# --- timeline and people ------------------------------------------------------------------------------------


class SlideLink(RootModel[str]):
    """A deep link to a slide: "chapter-id/slide-id"."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    root: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")]

    @property
    def chapter(self) -> str:
        return self.root.split("/", 1)[0]

    @property
    def slide(self) -> str:
        return self.root.split("/", 1)[1]


class Era(Strict):
    id: Id
    title: Text
    start: PartialDate
    end: PartialDate

    @model_validator(mode="after")
    def _ordered(self) -> Era:
        if self.end.sort_key < self.start.sort_key:
            raise ValueError("an era must end after it starts")
        return self


class Event(Strict):
    id: Id
    date: PartialDate
    title: Text
    body: Text
    based_on: list[SourcePassage] = Field(min_length=1)
    slide: SlideLink | None = Field(None, description="The chapter slide that tells this event.")
    people: list[Id] = Field(default_factory=list)


class TimelineFile(Strict):
    schema_: str | None = Field(None, alias="$schema")
    start: PartialDate
    end: PartialDate
    eras: list[Era] = Field(default_factory=list)
    events: list[Event] = Field(min_length=1)


class Person(Strict):
    id: Id
    name: Text = Field(description='Name as shown on the card, e.g. "Nadezhda Krupskaya".')
    sort_name: str | None = Field(None, description='Sorting key if not the name, e.g. "Krupskaya".')
    years: str | None = Field(None, description='Life dates as the exhibit shows them, e.g. "1870–1924".')
    role: Text = Field(description="One line: who they were in this story.")
    bio: Text = Field(description="A short paragraph limited to what the exhibit needs.")
    portrait: Image
    based_on: list[SourcePassage] = Field(min_length=1)


class PeopleFile(Strict):
    schema_: str | None = Field(None, alias="$schema")
    people: list[Person] = Field(min_length=1)


# --- the exhibit --------------------------------------------------------------------------------------------


class Language(Strict):
    code: LanguageCode
    name: str = Field(min_length=1, description='The language named in itself, e.g. "Русский".')


class IdleSettings(Strict):
    timeout_seconds: int = Field(90, ge=20, le=3600, description="Idle time before the 'Still there?' warning.")
    document_timeout_seconds: int = Field(180, ge=20, le=3600, description="The same on reading screens.")
    warning_seconds: int = Field(30, ge=20, le=300, description="Countdown shown before returning to Attract.")


class AttractSettings(Strict):
    images: list[Image] = Field(min_length=1)
    pan_seconds: float = Field(30, ge=20, le=600, description="One slow pan across an image.")
    crossfade_seconds: float = Field(2.5, ge=1.5, le=10)


class Limits(Strict):
    """Museum label limits; over-long text is an error so that labels stay readable."""

    slide_body_words: int = Field(80, ge=10, le=400, description="Narration per slide, in words.")
    quote_words: int = Field(90, ge=10, le=400, description="A quotation on a slide, in words.")
    document_excerpt_words: int = Field(
        125, ge=10, le=600, description="Paragraphs of a document shown on one slide, in words (any language)."
    )
    caption_words: int = Field(30, ge=5, le=200)
    heading_chars: int = Field(70, ge=10, le=300)
    summary_words: int = Field(40, ge=5, le=200)
    bio_words: int = Field(90, ge=10, le=400)
    event_body_words: int = Field(70, ge=10, le=400)
    slide_default_words: int = Field(
        50,
        ge=10,
        le=400,
        description="What a slide shows before More (narration and quotations, not headings or document pages).",
    )
    chapters_default_words: int = Field(
        1000,
        ge=100,
        le=20000,
        description=(
            "All chapters' slides before More together, in the default language: a visit of about five minutes."
        ),
    )


class Credit(Strict):
    role: Text
    text: Text


# The key of an interface string in strings.json.
StringKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class MythSettings(Strict):
    """The "six words" interactive. It retells slides of the story rather than keeping texts of its own: the
    comparison of the story with the letter, then the source's account of where the story came from."""

    story: SlideLink = Field(
        description=(
            "The comparison slide (chapter-id/slide-id) whose left side quotes the story; the phrase the story "
            "quotes is what visitors search the letter for, and its conclusion is the verdict."
        )
    )
    accounts: list[SlideLink] = Field(
        min_length=1, description="The slides that tell where the story came from, shown after the verdict."
    )
    near_words: list[StringKey] = Field(
        min_length=1,
        description=(
            "Interface strings (strings.json) giving the letter's words that the story garbles, in every "
            "language: the paragraph that holds them is shown with them marked."
        ),
    )


class ExhibitFile(Strict):
    """content/exhibit.json: the exhibit as a whole."""

    schema_: str | None = Field(None, alias="$schema")
    id: Id
    title: Text
    subtitle: Text
    languages: list[Language] = Field(min_length=1)
    default_language: LanguageCode
    chapters: list[Id] = Field(min_length=1, description="Chapter ids in story order (files in chapters/).")
    attract: AttractSettings
    idle: IdleSettings = IdleSettings()
    limits: Limits = Limits()
    credits: list[Credit] = Field(default_factory=list)
    myth: MythSettings | None = Field(None, description="The six-words interactive; without it the screen is off.")

    @field_validator("default_language")
    @classmethod
    def _default_language_declared(cls, value: str, info: ValidationInfo) -> str:
        # A field validator (languages is declared first, so it is in info.data) so the error points at the value.
        codes = [lang.code for lang in info.data.get("languages", [])]
        if codes and value not in codes:
            raise ValueError(f"default_language {value!r} is not one of the languages {codes}")
        return value


class StringsFile(Strict):
    """content/strings.json: the words of the interface (buttons, prompts), per language."""

    schema_: str | None = Field(None, alias="$schema")
    strings: dict[StringKey, Text]


# The files of an exhibit, each with the model of its top level; the schema names match.
FILE_MODELS: dict[str, type[BaseModel]] = {
    "exhibit": ExhibitFile,
    "chapter": ChapterFile,
    "document": DocumentFile,
    "timeline": TimelineFile,
    "people": PeopleFile,
    "strings": StringsFile,
    "sources": SourcesFile,
}

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    return len(WORD.findall(text))
