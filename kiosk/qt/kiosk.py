"""The exhibit's state for QML: navigation, language, visitor modes, idle warning and the staff exit.

Decisions live in the core (Navigator, IdleClock, PinLockout, views); this class turns them into Qt
properties and slots and rebuilds the list models when the language or the content changes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.content.exhibit import Content
from kiosk.core.presentation.document import paragraph_index
from kiosk.core.presentation.slides import CHAPTER_KEYS, SLIDE_KEYS, chapter_card, slide_view
from kiosk.core.presentation.timeline import event_index
from kiosk.core.visit.idle import IdleClock, IdleState
from kiosk.core.visit.navigation import READING_SCREENS, Location, Navigator, Screen
from kiosk.core.visit.pin import PinLockout, verify_pin
from kiosk.qt.models import DictListModel
from kiosk.qt.screens import ScreenViews

QML_IMPORT_NAME = "Testament"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

# A second tap within this time of a navigation is taken as part of the same gesture (a double tap, two
# hands), not as a new command: it would otherwise hit whatever the new screen shows under the finger.
NAVIGATION_GUARD_SECONDS = 0.35
IDLE_POLL_MS = 250


@dataclass(frozen=True)
class KioskOptions:
    lockdown: bool = False
    idle_timeout_seconds: int | None = None  # None: the content's setting
    document_timeout_seconds: int | None = None
    idle_warning_seconds: int | None = None
    pin_hash: str | None = None
    start_language: str | None = None
    px_per_mm: float = 3.78
    min_target_mm: float = 15.0
    preview: bool = False  # kiosk run --preview: the curator overlay (CuratorOverlay.qml) is available


@QmlElement
@QmlUncreatable("The app creates the kiosk backend and hands it to the window.")
class Kiosk(QObject):
    locationChanged = Signal()
    languageChanged = Signal()
    modesChanged = Signal()
    idleChanged = Signal()
    contentChanged = Signal()
    textsChanged = Signal()  # texts in the visitor's language: a language switch or a content reload
    placeChanged = Signal()  # texts that depend on where the visitor is and on the language
    staffChanged = Signal()
    displayChanged = Signal()
    contentErrorsChanged = Signal()
    keyboardModeChanged = Signal()
    featureUsed = Signal(str)  # a named interaction for the visitor analytics, e.g. "document.zoom"
    exitRequested = Signal()
    reloadRequested = Signal()

    def __init__(
        self,
        content: Content,
        options: KioskOptions = KioskOptions(),
        *,
        clock: Callable[[], float] = time.monotonic,
        diagnostics: Callable[[], str] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._clock = clock
        self._diagnostics = diagnostics
        self._options = options
        self._content = content
        self._language = self._start_language()
        self._large_text = False
        self._high_contrast = False
        self._last_navigation = -1e9
        self._content_errors = ""
        self._keyboard_mode = False
        self._px_per_mm = options.px_per_mm
        self._navigator = Navigator(self._chapter_sizes(), on_change=self._location_changed)
        idle = content.exhibit.idle
        self._idle = IdleClock(
            options.idle_timeout_seconds or idle.timeout_seconds,
            options.idle_warning_seconds or idle.warning_seconds,
        )
        self._lockout = PinLockout(clock=clock)
        self._chapters = DictListModel(CHAPTER_KEYS, self)
        self._slides = DictListModel(SLIDE_KEYS, self)
        self._slides_chapter = ""
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_POLL_MS)
        self._idle_timer.timeout.connect(self.poll_idle)
        self._idle_timer.timeout.connect(self._poll_pin_lockout)
        self._pin_locked_seconds = 0
        self._idle_timer.start()
        self.languageChanged.connect(self.textsChanged)
        self.contentChanged.connect(self.textsChanged)
        self.locationChanged.connect(self.placeChanged)
        self.textsChanged.connect(self.placeChanged)
        self._rebuild_models()
        self._views = ScreenViews(self)  # the document, timeline, people and myth screens

    # --- content -----------------------------------------------------------------------------------

    @property
    def content(self) -> Content:
        return self._content

    @property
    def navigator(self) -> Navigator:
        return self._navigator

    def _start_language(self) -> str:
        wanted = self._options.start_language
        return wanted if wanted in self._content.languages else self._content.exhibit.default_language

    def _chapter_sizes(self) -> list[tuple[str, int]]:
        return [(chapter.id, len(chapter.slides)) for chapter in self._content.chapters]

    def set_content(self, content: Content) -> None:
        """New content (a reload): keep the visitor's place where it still exists."""
        self._content = content
        if self._language not in content.languages:
            self._language = content.exhibit.default_language
            self.languageChanged.emit()
        self._slides_chapter = ""
        self._navigator.replace_chapters(self._chapter_sizes())
        self._rebuild_models()
        self.set_content_errors("")
        self.contentChanged.emit()

    def set_content_errors(self, text: str) -> None:
        if text != self._content_errors:
            self._content_errors = text
            self.contentErrorsChanged.emit()

    def _rebuild_models(self) -> None:
        language = self._language
        self._chapters.set_rows(
            [chapter_card(c, n, language, self._content) for n, c in enumerate(self._content.chapters, 1)]
        )
        self._rebuild_slides()

    def _rebuild_slides(self) -> None:
        location = self._navigator.location
        chapter = self._content.chapter(location.item) if location.screen is Screen.CHAPTER else None
        if chapter is None:
            return  # keep the last chapter's slides: the screen fading out still shows them
        rows = [slide_view(slide, self._language, self._content) for slide in chapter.slides]
        if chapter.id != self._slides_chapter:
            self._slides_chapter = chapter.id
            self._slides.set_rows([])  # a different chapter: reset, never morph one chapter into another
        self._slides.set_rows(rows)

    # --- properties ----------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def chapters(self) -> DictListModel:
        return self._chapters

    @Property(QObject, constant=True)
    def slides(self) -> DictListModel:
        return self._slides

    @Property(QObject, constant=True)
    def views(self) -> ScreenViews:
        return self._views

    @Property(int, notify=locationChanged)
    def position(self) -> int:
        """The position within the current screen: a slide, a paragraph of the document, a step of the myth."""
        return self._navigator.location.index

    @Property(str, notify=locationChanged)
    def screen(self) -> str:
        return self._navigator.location.screen.value

    @Property(str, notify=locationChanged)
    def chapterId(self) -> str:
        location = self._navigator.location
        return location.item if location.screen is Screen.CHAPTER else ""

    @Property(int, notify=locationChanged)
    def chapterIndex(self) -> int:
        return self._navigator.chapter_index(self.chapterId)

    @Property(int, notify=locationChanged)
    def slideIndex(self) -> int:
        location = self._navigator.location
        return location.index if location.screen is Screen.CHAPTER else 0

    @Property(str, notify=locationChanged)
    def item(self) -> str:
        return self._navigator.location.item

    @Property(str, notify=locationChanged)
    def link(self) -> str:
        return self._navigator.location.link

    @Property(bool, notify=locationChanged)
    def canGoBack(self) -> bool:
        return self._navigator.location.screen not in (Screen.ATTRACT, Screen.HOME) or self._navigator.can_go_back

    @Property(str, notify=placeChanged)
    def chapterTitle(self) -> str:
        chapter = self._content.chapter(self.chapterId)
        return chapter.title.get(self._language) if chapter else ""

    @Property(str, notify=placeChanged)
    def nextChapterTitle(self) -> str:
        following = self._navigator.next_chapter
        chapter = self._content.chapter(following) if following else None
        return chapter.title.get(self._language) if chapter else ""

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Property("QVariantList", notify=contentChanged)
    def languages(self) -> list[dict]:
        return [{"code": lang.code, "name": lang.name} for lang in self._content.exhibit.languages]

    @Property("QVariantMap", notify=textsChanged)
    def strings(self) -> dict[str, str]:
        return {key: text.get(self._language) for key, text in self._content.strings.strings.items()}

    @Property("QVariantMap", notify=contentChanged)
    def stringsByLanguage(self) -> dict[str, dict[str, str]]:
        """Every interface string in every language (Attract shows "Touch to begin" in all of them)."""
        return {
            code: {key: text.get(code) for key, text in self._content.strings.strings.items()}
            for code in self._content.languages
        }

    @Property(str, notify=textsChanged)
    def title(self) -> str:
        return self._content.exhibit.title.get(self._language)

    @Property(str, notify=textsChanged)
    def subtitle(self) -> str:
        return self._content.exhibit.subtitle.get(self._language)

    @Property("QVariantList", notify=contentChanged)
    def attractImages(self) -> list[dict]:
        return [
            {"source": image.src, "alt": image.alt.get(self._language)}
            for image in self._content.exhibit.attract.images
        ]

    @Property(float, notify=contentChanged)
    def attractPanSeconds(self) -> float:
        return self._content.exhibit.attract.pan_seconds

    @Property(float, notify=contentChanged)
    def attractCrossfadeSeconds(self) -> float:
        return self._content.exhibit.attract.crossfade_seconds

    @Property(str, notify=contentChanged)
    def contentHash(self) -> str:
        return self._content.content_hash

    @Property(str, notify=contentErrorsChanged)
    def contentErrors(self) -> str:
        return self._content_errors

    @Property(bool, notify=modesChanged)
    def largeText(self) -> bool:
        return self._large_text

    @Property(bool, notify=modesChanged)
    def highContrast(self) -> bool:
        return self._high_contrast

    @Property(bool, constant=True)
    def lockdown(self) -> bool:
        return self._options.lockdown

    @Property(float, notify=displayChanged)
    def pxPerMm(self) -> float:
        return self._px_per_mm

    @Property(float, constant=True)
    def minTargetMm(self) -> float:
        return self._options.min_target_mm

    @Property(bool, constant=True)
    def preview(self) -> bool:
        """Curators' preview (kiosk run --preview): the curator overlay is offered. Never in a kiosk."""
        return self._options.preview

    def set_px_per_mm(self, value: float) -> None:
        if value > 0 and abs(value - self._px_per_mm) > 1e-6:
            self._px_per_mm = value
            self.displayChanged.emit()

    @Property(str, notify=idleChanged)
    def idleState(self) -> str:
        return self._idle.state.value

    @Property(int, notify=idleChanged)
    def idleSecondsLeft(self) -> int:
        return self._idle.seconds_left(self._clock())

    @Property(int, constant=True)
    def idleWarningSeconds(self) -> int:
        return int(self._idle.warning_seconds)

    @Property(int, notify=staffChanged)
    def pinLockedSeconds(self) -> int:
        return self._lockout.remaining_seconds()

    # --- navigation ----------------------------------------------------------------------------------

    def _guarded(self) -> bool:
        """True when a navigation may happen now (and records it); False inside the guard interval."""
        now = self._clock()
        if now - self._last_navigation < NAVIGATION_GUARD_SECONDS:
            return False
        self._last_navigation = now
        return True

    def _location_changed(self, location: Location) -> None:
        self._rebuild_slides()
        if location.screen is Screen.ATTRACT:
            self._idle.stop()
        else:
            if self._idle.state is IdleState.OFF:
                self._idle.start(self._clock())
            self._idle.set_timeout(self._timeout_for(location), self._clock())
        self.locationChanged.emit()
        self.idleChanged.emit()

    def _timeout_for(self, location: Location) -> float:
        idle = self._content.exhibit.idle
        if location.screen in READING_SCREENS:
            return self._options.document_timeout_seconds or idle.document_timeout_seconds
        if location.screen is Screen.CHAPTER:
            chapter = self._content.chapter(location.item)
            if chapter and 0 <= location.index < len(chapter.slides):
                own = chapter.slides[location.index].idle_timeout_seconds
                if own:
                    return own
        return self._options.idle_timeout_seconds or idle.timeout_seconds

    @Slot()
    def begin(self) -> None:
        if self._navigator.location.screen is Screen.ATTRACT and self._guarded():
            self._navigator.begin()

    @Slot()
    def goHome(self) -> None:
        if self._guarded():
            self._navigator.home()

    @Slot()
    def goBack(self) -> None:
        if self._guarded():
            self._navigator.back()

    @Slot(int)
    def openChapter(self, index: int) -> None:
        if 0 <= index < len(self._content.chapters) and self._guarded():
            self._navigator.go(Location(Screen.CHAPTER, self._content.chapters[index].id, 0))

    @Slot(str, result=bool)
    def openLink(self, link: str) -> bool:
        """Deep link, e.g. "chapter/dictation/2", "person/stalin", "timeline". Unguarded: used by tools too."""
        parts = link.strip("/").split("/")
        if parts[0] == Screen.PERSON.value and (len(parts) < 2 or self._content.person(parts[1]) is None):
            return False
        if parts[0] == Screen.DOCUMENT.value and (len(parts) < 2 or parts[1] not in self._content.documents):
            return False
        if parts[0] == Screen.DOCUMENT.value and len(parts) > 2:
            # a paragraph by number or by id: "document/testament/6" or "document/testament/letter-7"
            index = paragraph_index(self._content.documents[parts[1]], parts[2])
            if index < 0:
                return False
            link = f"{parts[0]}/{parts[1]}/{index}"
        if parts[0] == Screen.TIMELINE.value and len(parts) > 1 and event_index(self._content, parts[1]) < 0:
            return False
        if parts[0] == Screen.ATTRACT.value:
            self.resetVisit()
            return True
        return self._navigator.open_link(link)

    @Slot(str)
    def openScreen(self, screen: str) -> None:
        """Home's entry points: the document, the timeline, the people, the myth."""
        if screen == Screen.DOCUMENT.value:
            target = next(iter(self._content.documents), "")
            link = f"document/{target}" if target else ""
        else:
            link = screen
        if link and self._guarded():
            self._navigator.open_link(link)

    @Slot(int)
    def showSlide(self, index: int) -> None:
        self._navigator.show_slide(index)

    @Slot()
    def nextSlide(self) -> None:
        if self._guarded():
            self._navigator.next_slide()

    @Slot()
    def previousSlide(self) -> None:
        if self._guarded():
            self._navigator.previous_slide()

    @Slot()
    def openNextChapter(self) -> None:
        if self._guarded():
            self._navigator.open_next_chapter()

    @Slot(int)
    def setPosition(self, index: int) -> None:
        self._navigator.set_position(index)

    @Slot(str)
    def select(self, item: str) -> None:
        """What the current screen has open (an event on the timeline), remembered without a history step."""
        self._navigator.select(item)

    # --- visitor modes ---------------------------------------------------------------------------------

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code in self._content.languages and code != self._language:
            self._language = code
            self._rebuild_models()
            self.languageChanged.emit()

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        if on != self._large_text:
            self._large_text = on
            self.modesChanged.emit()

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.modesChanged.emit()

    # --- idle ------------------------------------------------------------------------------------------

    @Slot()
    def activity(self) -> None:
        """Any touch, click or key: the visitor is still here."""
        before = self._idle.state
        self._idle.activity(self._clock())
        if before is not self._idle.state:
            self.idleChanged.emit()

    @Property(bool, notify=keyboardModeChanged)
    def keyboardMode(self) -> bool:
        """True after a key press, False after a touch: focus rings show only to those using keys."""
        return self._keyboard_mode

    def set_keyboard_mode(self, on: bool) -> None:
        if on != self._keyboard_mode:
            self._keyboard_mode = on
            self.keyboardModeChanged.emit()

    @Slot()
    def continueVisit(self) -> None:
        self.activity()

    @Slot()
    def showIdleWarning(self) -> None:
        """The "still there?" warning now, whatever the idle clock says (proof sheets, the curator's preview)."""
        self._idle.warn(self._clock())
        self.idleChanged.emit()

    @Slot()
    def poll_idle(self) -> None:
        state = self._idle.poll(self._clock())
        if state is IdleState.EXPIRED:
            self.resetVisit()
        elif state is IdleState.WARNING:
            self.idleChanged.emit()  # the countdown

    @Slot()
    def resetVisit(self) -> None:
        """The visit is over: Attract, default language, default text size and contrast, no history."""
        self._large_text = False
        self._high_contrast = False
        default = self._start_language()
        if default != self._language:
            self._language = default
            self._rebuild_models()
            self.languageChanged.emit()
        self._navigator.reset()
        self.modesChanged.emit()

    # --- staff -------------------------------------------------------------------------------------------

    def _poll_pin_lockout(self) -> None:
        """The lockout runs out by itself: tell QML as its countdown ticks, so the keypad unlocks on time."""
        seconds = self._lockout.remaining_seconds()
        if seconds != self._pin_locked_seconds:
            self._pin_locked_seconds = seconds
            self.staffChanged.emit()

    @Slot(str, result=bool)
    def submitPin(self, pin: str) -> bool:
        if self._lockout.locked:
            self.staffChanged.emit()
            return False
        stored = self._options.pin_hash
        ok = bool(stored) and verify_pin(pin, stored)  # no PIN configured: the staff exit stays shut
        if ok:
            self._lockout.record_success()
            log.info("staff PIN accepted")
        else:
            self._lockout.record_failure()
            log.warning("wrong staff PIN")
        self.staffChanged.emit()
        return ok

    @Slot(str)
    def recordFeature(self, name: str) -> None:
        """A screen reports what the visitor did there (zoomed, searched, opened an event)."""
        self.featureUsed.emit(name)

    @Slot()
    def staffExit(self) -> None:
        log.info("staff exit")
        self.exitRequested.emit()

    @Slot()
    def staffReload(self) -> None:
        self.reloadRequested.emit()

    @Slot(result=str)
    def diagnostics(self) -> str:
        return self._diagnostics() if self._diagnostics else f"content {self._content.content_hash}"
