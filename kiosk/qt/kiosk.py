"""The exhibit's state for QML: ``kiosk`` holds the content's texts in the visitor's language and the display,
and five parts, each a constant property: ``kiosk.visit`` (where the visitor is and where they can go),
``kiosk.idle`` (the "still there?" warning), ``kiosk.modes`` (large text, high contrast, low reach, keyboard focus) and
``kiosk.audio`` (spoken narration, kiosk.qt.narration) and ``kiosk.staff`` (the PIN, exit and reload).

Decisions live in the core (Navigator, IdleClock, PinLockout, views); these classes turn them into Qt
properties and slots and rebuild the list models when the language or the content changes.
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
from kiosk.core.visit.navigation import READING_SCREENS, Location, Navigator, Screen, parse_link
from kiosk.core.visit.pin import PinLockout, verify_pin
from kiosk.core.visit.reach import reach_band
from kiosk.qt.models import DictListModel
from kiosk.qt.narration import Audio
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
    mounting_height_mm: float | None = None  # the screen's bottom edge above the floor (kiosk.core.visit.reach)
    low_reach: bool = False  # every visit starts in low reach


@QmlElement
@QmlUncreatable("The kiosk backend creates its visit.")
class Visit(QObject):
    """``kiosk.visit``: where the visitor is, how they move, and the end of a visit."""

    locationChanged = Signal()
    placeChanged = Signal()  # texts that depend on where the visitor is and on the language

    def __init__(self, kiosk: Kiosk):
        super().__init__(kiosk)
        self._kiosk = kiosk
        self._last_navigation = -1e9
        self._navigator = Navigator(kiosk.chapter_sizes(), on_change=kiosk.location_changed)
        self.locationChanged.connect(self.placeChanged)

    @property
    def navigator(self) -> Navigator:
        return self._navigator

    def _guarded(self) -> bool:
        """True when a navigation may happen now (and records it); False inside the guard interval."""
        now = self._kiosk.clock()
        if now - self._last_navigation < NAVIGATION_GUARD_SECONDS:
            return False
        self._last_navigation = now
        return True

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
        chapter = self._kiosk.content.chapter(self.chapterId)
        return chapter.title.get(self._kiosk.language) if chapter else ""

    @Property(str, notify=placeChanged)
    def nextChapterTitle(self) -> str:
        following = self._navigator.next_chapter
        chapter = self._kiosk.content.chapter(following) if following else None
        return chapter.title.get(self._kiosk.language) if chapter else ""

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
        chapters = self._kiosk.content.chapters
        if 0 <= index < len(chapters) and self._guarded():
            self._navigator.go(Location(Screen.CHAPTER, chapters[index].id, 0))

    @Slot(str, result=bool)
    def openLink(self, link: str) -> bool:
        """Deep link, e.g. "chapter/dictation/2", "person/stalin", "document/testament/letter-7", "timeline".
        Only links to what the content holds open. Unguarded: used by tools too."""
        parsed = parse_link(link)
        if parsed is None:
            return False
        content, screen, item, index = self._kiosk.content, parsed.screen, parsed.item, parsed.index
        if screen is Screen.ATTRACT:
            self.reset()
            return True
        if screen is Screen.PERSON and content.person(item) is None:
            return False
        if screen is Screen.DOCUMENT:
            document = content.documents.get(item)
            if document is None:
                return False
            if parsed.position:  # a paragraph by number or by id: "document/testament/6" or ".../letter-7"
                index = paragraph_index(document, parsed.position)
                if index < 0:
                    return False
        if screen is Screen.TIMELINE and item and event_index(content, item) < 0:
            return False
        return index is not None and self._navigator.go(Location(screen, item, index))

    @Slot(str)
    def openScreen(self, screen: str) -> None:
        """Home's entry points: the document, the timeline, the people, the myth."""
        if screen == Screen.DOCUMENT.value:
            target = next(iter(self._kiosk.content.documents), "")
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

    @Slot()
    def reset(self) -> None:
        """The visit is over: Attract, default language, default text size and contrast, no history."""
        self._kiosk.reset_language()
        self._navigator.reset()
        self._kiosk.modes.reset()  # once the visit has ended: the analytics never count it as a visitor's choice


@QmlElement
@QmlUncreatable("The kiosk backend creates its idle clock.")
class Idle(QObject):
    """``kiosk.idle``: the idle clock, its "still there?" warning and countdown."""

    changed = Signal()

    def __init__(self, kiosk: Kiosk, options: KioskOptions):
        super().__init__(kiosk)
        self._kiosk = kiosk
        self._options = options
        idle = kiosk.content.exhibit.idle
        self._clock = IdleClock(
            options.idle_timeout_seconds or idle.timeout_seconds,
            options.idle_warning_seconds or idle.warning_seconds,
        )

    @property
    def current(self) -> IdleState:
        return self._clock.state

    @Property(str, notify=changed)
    def state(self) -> str:
        return self._clock.state.value

    @Property(int, notify=changed)
    def secondsLeft(self) -> int:
        return self._clock.seconds_left(self._kiosk.clock())

    @Property(int, constant=True)
    def warningSeconds(self) -> int:
        return int(self._clock.warning_seconds)

    def follow(self, location: Location) -> None:
        """A new location: the clock stops on Attract, else counts that screen's timeout from now."""
        now = self._kiosk.clock()
        if location.screen is Screen.ATTRACT:
            self._clock.stop()
        else:
            if self._clock.state is IdleState.OFF:
                self._clock.start(now)
            self._clock.set_timeout(self._timeout_for(location), now)

    def _timeout_for(self, location: Location) -> float:
        idle, options = self._kiosk.content.exhibit.idle, self._options
        if location.screen in READING_SCREENS:
            return options.document_timeout_seconds or idle.document_timeout_seconds
        if location.screen is Screen.CHAPTER:
            chapter = self._kiosk.content.chapter(location.item)
            if chapter and 0 <= location.index < len(chapter.slides):
                own = chapter.slides[location.index].idle_timeout_seconds
                if own:
                    return own
        return options.idle_timeout_seconds or idle.timeout_seconds

    @Slot()
    def activity(self) -> None:
        """Any touch, click or key, or the warning's Continue: the visitor is still here."""
        before = self._clock.state
        self._clock.activity(self._kiosk.clock())
        if before is not self._clock.state:
            self.changed.emit()

    @Slot()
    def showWarning(self) -> None:
        """The "still there?" warning now, whatever the idle clock says (proof sheets, the curator's preview)."""
        self._clock.warn(self._kiosk.clock())
        self.changed.emit()

    @Slot()
    def poll(self) -> None:
        state = self._clock.poll(self._kiosk.clock())
        if state is IdleState.EXPIRED:
            self._kiosk.visit.reset()
        elif state is IdleState.WARNING:
            self.changed.emit()  # the countdown


@QmlElement
@QmlUncreatable("The kiosk backend creates its visitor modes.")
class Modes(QObject):
    """``kiosk.modes``: what the visitor chose for reading (large text, high contrast), where the interface
    sits (low reach: within 380-1220 mm of the floor) and how they reach the controls (keys or touch)."""

    changed = Signal()  # large text or high contrast
    keyboardChanged = Signal()
    lowReachChanged = Signal()

    def __init__(self, kiosk: Kiosk, low_reach: bool = False):
        super().__init__(kiosk)
        self._kiosk = kiosk
        self._large_text = False
        self._high_contrast = False
        self._keyboard = False
        self._default_low_reach = low_reach
        self._low_reach = low_reach

    @Property(bool, notify=changed)
    def largeText(self) -> bool:
        return self._large_text

    @Property(bool, notify=changed)
    def highContrast(self) -> bool:
        return self._high_contrast

    @Property(bool, notify=lowReachChanged)
    def lowReach(self) -> bool:
        return self._low_reach

    @Property(bool, notify=keyboardChanged)
    def keyboard(self) -> bool:
        """True after a key press, False after a touch: focus rings show only to those using keys."""
        return self._keyboard

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        if on != self._large_text:
            self._large_text = on
            self.changed.emit()

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self.changed.emit()

    @Slot(bool)
    def setLowReach(self, on: bool) -> None:
        if on != self._low_reach:
            self._low_reach = on
            self.lowReachChanged.emit()
            if on:
                self._kiosk.recordFeature("mode.low_reach")

    def set_keyboard(self, on: bool) -> None:
        if on != self._keyboard:
            self._keyboard = on
            self.keyboardChanged.emit()

    def reset(self) -> None:
        """A new visitor starts with the default text size, contrast and reach (kiosk.toml's low_reach)."""
        self._large_text = False
        self._high_contrast = False
        self.changed.emit()
        self.setLowReach(self._default_low_reach)


@QmlElement
@QmlUncreatable("The kiosk backend creates its staff access.")
class Staff(QObject):
    """``kiosk.staff``: the PIN with its lockout, and what staff may do once in (exit, reload, diagnostics)."""

    lockoutChanged = Signal()
    exitRequested = Signal()
    reloadRequested = Signal()

    def __init__(self, kiosk: Kiosk, pin_hash: str | None, diagnostics: Callable[[], str] | None):
        super().__init__(kiosk)
        self._kiosk = kiosk
        self._pin_hash = pin_hash
        self._diagnostics = diagnostics
        self._lockout = PinLockout(clock=kiosk.clock)
        self._locked_seconds = 0

    @Property(int, notify=lockoutChanged)
    def pinLockedSeconds(self) -> int:
        return self._lockout.remaining_seconds()

    def poll_lockout(self) -> None:
        """The lockout runs out by itself: tell QML as its countdown ticks, so the keypad unlocks on time."""
        seconds = self._lockout.remaining_seconds()
        if seconds != self._locked_seconds:
            self._locked_seconds = seconds
            self.lockoutChanged.emit()

    @Slot(str, result=bool)
    def submitPin(self, pin: str) -> bool:
        if self._lockout.locked:
            self.lockoutChanged.emit()
            return False
        ok = bool(self._pin_hash) and verify_pin(pin, self._pin_hash)  # no PIN configured: the exit stays shut
        if ok:
            self._lockout.record_success()
            log.info("staff PIN accepted")
        else:
            self._lockout.record_failure()
            log.warning("wrong staff PIN")
        self.lockoutChanged.emit()
        return ok

    @Slot()
    def exit(self) -> None:
        log.info("staff exit")
        self.exitRequested.emit()

    @Slot()
    def reload(self) -> None:
        self.reloadRequested.emit()

    @Slot(result=str)
    def diagnostics(self) -> str:
        return self._diagnostics() if self._diagnostics else f"content {self._kiosk.content.content_hash}"


@QmlElement
@QmlUncreatable("The app creates the kiosk backend and hands it to the window.")
class Kiosk(QObject):
    languageChanged = Signal()
    contentChanged = Signal()
    textsChanged = Signal()  # texts in the visitor's language: a language switch or a content reload
    displayChanged = Signal()
    contentErrorsChanged = Signal()
    featureUsed = Signal(str)  # a named interaction for the visitor analytics, e.g. "document.zoom"

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
        self.clock = clock
        self._options = options
        self._content = content
        self._language = self._start_language()
        self._content_errors = ""
        self._px_per_mm = options.px_per_mm
        self._chapters = DictListModel(CHAPTER_KEYS, self)
        self._slides = DictListModel(SLIDE_KEYS, self)
        self._slides_chapter = ""
        self._modes = Modes(self, options.low_reach)
        self._idle = Idle(self, options)
        self._staff = Staff(self, options.pin_hash, diagnostics)
        self._visit = Visit(self)
        self._audio = Audio(self)  # silent until the app starts its player
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(IDLE_POLL_MS)
        self._poll_timer.timeout.connect(self._idle.poll)
        self._poll_timer.timeout.connect(self._staff.poll_lockout)
        self._poll_timer.start()
        self.languageChanged.connect(self.textsChanged)
        self.contentChanged.connect(self.textsChanged)
        self.textsChanged.connect(self._visit.placeChanged)
        self._rebuild_models()
        self._views = ScreenViews(self)  # the document, timeline, people and myth screens

    # --- content -----------------------------------------------------------------------------------

    @property
    def content(self) -> Content:
        return self._content

    @property
    def navigator(self) -> Navigator:
        return self._visit.navigator

    def _start_language(self) -> str:
        wanted = self._options.start_language
        return wanted if wanted in self._content.languages else self._content.exhibit.default_language

    def chapter_sizes(self) -> list[tuple[str, int]]:
        """The chapters as the navigator knows them: (id, slide count) in story order."""
        return [(chapter.id, len(chapter.slides)) for chapter in self._content.chapters]

    def set_content(self, content: Content) -> None:
        """New content (a reload): keep the visitor's place where it still exists."""
        self._content = content
        if self._language not in content.languages:
            self._language = content.exhibit.default_language
            self.languageChanged.emit()
        self._slides_chapter = ""
        self.navigator.replace_chapters(self.chapter_sizes())
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
        location = self.navigator.location
        chapter = self._content.chapter(location.item) if location.screen is Screen.CHAPTER else None
        if chapter is None:
            return  # keep the last chapter's slides: the screen left still shows them until the veil hides it
        rows = [slide_view(slide, self._language, self._content) for slide in chapter.slides]
        if chapter.id != self._slides_chapter:
            self._slides_chapter = chapter.id
            self._slides.set_rows([])  # a different chapter: reset, never morph one chapter into another
        self._slides.set_rows(rows)

    def location_changed(self, location: Location) -> None:
        """The navigator moved: the chapter's slides, the idle timeout, the narration, then QML."""
        self._rebuild_slides()
        self._idle.follow(location)
        self._audio.location_changed()
        self._visit.locationChanged.emit()
        self._idle.changed.emit()

    # --- parts ---------------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def visit(self) -> Visit:
        return self._visit

    @Property(QObject, constant=True)
    def idle(self) -> Idle:
        return self._idle

    @Property(QObject, constant=True)
    def modes(self) -> Modes:
        return self._modes

    @Property(QObject, constant=True)
    def audio(self) -> Audio:
        return self._audio

    @Property(QObject, constant=True)
    def staff(self) -> Staff:
        return self._staff

    @Property(QObject, constant=True)
    def chapters(self) -> DictListModel:
        return self._chapters

    @Property(QObject, constant=True)
    def slides(self) -> DictListModel:
        return self._slides

    @Property(QObject, constant=True)
    def views(self) -> ScreenViews:
        return self._views

    # --- texts ---------------------------------------------------------------------------------------

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code in self._content.languages and code != self._language:
            self._language = code
            self._rebuild_models()
            self.languageChanged.emit()

    def reset_language(self) -> None:
        """A new visitor starts in the start language."""
        self.setLanguage(self._start_language())

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

    @Slot(str)
    def recordFeature(self, name: str) -> None:
        """A screen reports what the visitor did there (zoomed, searched, opened an event)."""
        self.featureUsed.emit(name)

    # --- display and run mode --------------------------------------------------------------------------

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

    @Slot(float, float, result="QVariantMap")
    def reachBand(self, height_px: float, px_per_mm: float) -> dict[str, object]:
        """The rows of a window ``height_px`` tall within reach of a seated visitor (kiosk.core.visit.reach):
        {top, bottom, usable}; usable is False where the mode has nothing to do or no room to do it."""
        band = reach_band(round(height_px), px_per_mm, self._options.mounting_height_mm)
        return {"top": band.top, "bottom": band.bottom, "usable": band.usable(px_per_mm)}

    def set_px_per_mm(self, value: float) -> None:
        if value > 0 and abs(value - self._px_per_mm) > 1e-6:
            self._px_per_mm = value
            self.displayChanged.emit()
