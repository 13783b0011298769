"""The document viewer, timeline, people and myth screens' data for QML, rebuilt when the language, the content
or the person shown changes. What they show is decided in :mod:`kiosk.core.presentation` (document,
timeline, people, myth); this adapts it."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.presentation.document import PAGE_KEYS, PARAGRAPH_KEYS, document_view, paragraph_at
from kiosk.core.presentation.myth import myth_view
from kiosk.core.presentation.people import PERSON_KEYS, people_cards, person_view
from kiosk.core.presentation.timeline import ERA_KEYS, EVENT_KEYS, TICK_KEYS, timeline_layout
from kiosk.core.visit.navigation import Screen
from kiosk.qt.models import DictListModel

QML_IMPORT_NAME = "Testament"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("The kiosk backend creates its screen views.")
class ScreenViews(QObject):
    """``kiosk.views`` in QML: list models and maps for the screens beyond the chapters."""

    textsChanged = Signal()
    personChanged = Signal()

    def __init__(self, kiosk, parent: QObject | None = None):  # kiosk: kiosk.qt.kiosk.Kiosk
        super().__init__(parent if parent is not None else kiosk)
        self._kiosk = kiosk
        self._pages = DictListModel(PAGE_KEYS, self)
        self._paragraphs = DictListModel(PARAGRAPH_KEYS, self)
        self._events = DictListModel(EVENT_KEYS, self)
        self._eras = DictListModel(ERA_KEYS, self)
        self._ticks = DictListModel(TICK_KEYS, self)
        self._people = DictListModel(PERSON_KEYS, self)
        self._document: dict = {}
        self._timeline_width = 0.0
        self._myth: dict = {}
        self._person: dict = {}
        self._person_id = ""
        kiosk.textsChanged.connect(self.rebuild)
        kiosk.visit.locationChanged.connect(self._location_changed)
        self.rebuild()

    def rebuild(self) -> None:
        content, language = self._kiosk.content, self._kiosk.language
        document = document_view(content, language)
        self._pages.set_rows(document.pop("pages"))
        self._paragraphs.set_rows(document.pop("paragraphs"))
        self._document = document
        timeline = timeline_layout(content, language)
        self._eras.set_rows(timeline["eras"])
        self._ticks.set_rows(timeline["ticks"])
        self._events.set_rows(timeline["events"])
        self._timeline_width = timeline["width"]
        self._people.set_rows(people_cards(content, language))
        self._myth = myth_view(content, language)
        self.textsChanged.emit()
        self._rebuild_person()

    def _location_changed(self) -> None:
        location = self._kiosk.navigator.location
        if location.screen is Screen.PERSON and location.item != self._person_id:
            self._person_id = location.item
            self._rebuild_person()

    def _rebuild_person(self) -> None:
        # the last person shown stays while their card fades out
        self._person = person_view(self._kiosk.content, self._person_id, self._kiosk.language)
        self.personChanged.emit()

    # --- the document ------------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def pages(self) -> DictListModel:
        return self._pages

    @Property(QObject, constant=True)
    def paragraphs(self) -> DictListModel:
        return self._paragraphs

    @Property("QVariantMap", notify=textsChanged)
    def document(self) -> dict:
        return self._document

    @Slot(int, result="QVariantMap")
    def paragraphRow(self, index: int) -> dict:
        """One paragraph's row (empty when there is none); bindings re-read it on ``textsChanged``."""
        rows = self._paragraphs.rows()
        return rows[index] if 0 <= index < len(rows) else {}

    @Slot(int, float, float, result=int)
    def paragraphAt(self, page: int, fx: float, fy: float) -> int:
        """The paragraph in view at a point of a facsimile page (fractions of the page), or -1."""
        return paragraph_at(self._paragraphs.rows(), page, fx, fy)

    # --- the timeline ------------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def events(self) -> DictListModel:
        return self._events

    @Property(QObject, constant=True)
    def eras(self) -> DictListModel:
        return self._eras

    @Property(QObject, constant=True)
    def ticks(self) -> DictListModel:
        return self._ticks

    @Property(float, notify=textsChanged)
    def timelineWidth(self) -> float:
        """The timeline's length in card widths."""
        return self._timeline_width

    @Slot(int, result="QVariantMap")
    def eventRow(self, index: int) -> dict:
        """One event's row (empty when there is none); bindings re-read it on ``textsChanged``."""
        rows = self._events.rows()
        return rows[index] if 0 <= index < len(rows) else {}

    @Slot(str, result=int)
    def eventIndex(self, event_id: str) -> int:
        return next((row["index"] for row in self._events.rows() if row["eventId"] == event_id), -1)

    # --- people ------------------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def people(self) -> DictListModel:
        return self._people

    @Property("QVariantMap", notify=personChanged)
    def person(self) -> dict:
        return self._person

    # --- myth and document -------------------------------------------------------------------------------

    @Property("QVariantMap", notify=textsChanged)
    def myth(self) -> dict:
        return self._myth
