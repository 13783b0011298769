"""Turns the kiosk's signals into visitor analytics records; what is recorded is decided in the core.

The observer only maps: leaving Attract starts a visit, each new location is a view, a language or mode
change is noted, and the return to Attract ends the visit, as a timeout when the "Still there?" warning was
showing just before, else as a reset. A staff exit and the application quitting end a visit too.

Times come from an injectable monotonic clock (the same kind the :class:`Kiosk` uses), so tests drive it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Slot

from kiosk.core.analytics.recorder import Recorder
from kiosk.core.visit.idle import IdleState
from kiosk.core.visit.navigation import Screen
from kiosk.qt.kiosk import Kiosk


class AnalyticsObserver(QObject):
    def __init__(
        self,
        kiosk: Kiosk,
        recorder: Recorder,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ):
        super().__init__(parent if parent is not None else kiosk)
        self._kiosk = kiosk
        self._recorder = recorder
        self._clock = clock
        self._warned_at: float | None = None  # when the idle warning appeared, until a touch dismisses it
        kiosk.visit.locationChanged.connect(self._on_location)
        kiosk.languageChanged.connect(self._on_language)
        kiosk.modes.changed.connect(self._on_modes)
        kiosk.idle.changed.connect(self._on_idle)
        kiosk.staff.exitRequested.connect(self._on_staff_exit)
        kiosk.contentChanged.connect(self._on_content)
        kiosk.featureUsed.connect(self.recordEvent)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def recorder(self) -> Recorder:
        return self._recorder

    def _on_location(self) -> None:
        kiosk, recorder, now = self._kiosk, self._recorder, self._clock()
        location = kiosk.navigator.location
        if location.screen is Screen.ATTRACT:
            if recorder.in_session:
                if self._warned_at is not None:
                    recorder.end_session("timeout", now, idle_since=self._warned_at)
                else:
                    recorder.end_session("reset", now)
            self._warned_at = None
            return
        if not recorder.in_session:
            modes = kiosk.modes
            recorder.start_session(now, kiosk.language, large_text=modes.largeText, high_contrast=modes.highContrast)
        slides = kiosk.navigator.slide_count(location.item) if location.screen is Screen.CHAPTER else 0
        recorder.view(location.link, now, slide_count=slides)

    def _on_idle(self) -> None:
        state = self._kiosk.idle.current
        if state is IdleState.WARNING and self._warned_at is None:
            self._warned_at = self._clock()
        elif state is IdleState.ACTIVE:
            self._warned_at = None  # "Continue", or any touch

    def _on_language(self) -> None:
        if self._kiosk.idle.current is IdleState.EXPIRED:
            # the visit is being reset to the default language: not the visitor's choice. A poll can jump
            # straight past the warning; the reset is a timeout all the same.
            if self._warned_at is None:
                self._warned_at = self._clock()
            return
        self._recorder.language(self._kiosk.language, self._clock())

    def _on_modes(self) -> None:
        modes = self._kiosk.modes
        self._recorder.modes(large_text=modes.largeText, high_contrast=modes.highContrast)

    def _on_staff_exit(self) -> None:
        self._recorder.end_session("staff", self._clock())
        self._recorder.app_event("staff-exit")

    def _on_content(self) -> None:
        self._recorder.app_event("content-reload", self._kiosk.contentHash[:16])

    @Slot(str)
    def recordEvent(self, name: str) -> None:
        """A named feature use from a screen, e.g. "document.zoom", "timeline.event", "myth.reveal"."""
        self._recorder.record_event(name)

    @Slot()
    def shutdown(self) -> None:
        """The app is quitting: a visit going on ends as "shutdown"."""
        self._recorder.end_session("shutdown", self._clock())
