"""Watches every input event before QML sees it: any touch, click or key keeps the visit alive, and in kiosk
mode the key chords that would close or leave the app are swallowed, and no shortcut on them fires."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QWindow

from kiosk.qt.kiosk import Kiosk
from kiosk.qt.window import FirstFrame

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)

@cache
def blocked_chords() -> frozenset:
    """Chords a visitor (or a keyboard left on the plinth) could use to close or leave the app. Named at the first
    key, not at import: naming them builds Qt's namespace, which the first frame does without (kiosk/qt)."""
    from PySide6.QtCore import Qt

    return frozenset(
        {
            (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Q),
            (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_W),
            (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_F4),
            (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_F4),
            (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Tab),
        }
    )


def is_blocked_chord(event: QKeyEvent) -> bool:
    from PySide6.QtCore import Qt

    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = Qt.Key(event.key())
    if (Qt.KeyboardModifier(modifiers), key) in blocked_chords():
        return True
    return event.matches(QKeySequence.StandardKey.Quit) or event.matches(QKeySequence.StandardKey.Close)


class InputWatcher(QObject):
    """Installed on the window from its first frame on: before it there is nothing to touch, and a filter in Python
    on every event of the start cost the first frame ~20 ms (docs/performance.md).

    Every input event comes to the window first, and so does the ShortcutOverride that decides whether a shortcut
    fires (the window hands it to its focused item, then up that item's parents). Not on the application: there the
    filter was called with every event of every object, and PySide made a Python object, and a Python class, for
    each object one was sent to: 5–8 MB over `kiosk bench`'s tour (docs/performance.md)."""

    def __init__(self, kiosk: Kiosk, parent: QObject | None = None):
        super().__init__(parent)
        self._kiosk = kiosk
        self.listening = False
        self._first_frame: FirstFrame | None = None
        self._window: QWindow | None = None
        self._others: tuple[QObject, ...] = ()

    def listen_from_first_frame(self, first_frame: FirstFrame, window: QWindow, *others: QObject) -> None:
        """Install this filter, then ``others`` (each of which then sees an event before the ones installed before
        it), on ``window`` when it has shown its first frame."""
        self._first_frame, self._window, self._others = first_frame, window, others
        first_frame.shown.connect(self._listen)

    def _listen(self) -> None:
        self._first_frame.shown.disconnect(self._listen)
        self._first_frame = None
        for watcher in (self, *self._others):
            self._window.installEventFilter(watcher)
        self.listening = True

    def stop(self) -> None:
        """No more watching, whether or not the first frame came: a filter left on the window after the kiosk is
        torn down would reach into a backend that no longer exists."""
        if self._first_frame is not None:
            self._first_frame.shown.disconnect(self._listen)
            self._first_frame = None
        elif self.listening:
            for watcher in (self, *self._others):
                self._window.removeEventFilter(watcher)
        # and lets go of them: the keypad's filter, freed when the kiosk lets go of it, goes on the GUI thread, not
        # whenever (and on whichever thread) the garbage collector frees this watcher (a crash under pytest-xdist)
        self._others = ()
        self._window = None
        self.listening = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY_EVENTS:
            self._kiosk.idle.activity()
            self._kiosk.modes.set_keyboard(kind == QEvent.Type.KeyPress)
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and self._kiosk.lockdown:
            if not is_blocked_chord(event):  # type: ignore[arg-type]
                return False
            # Accepting the override is what stops a shortcut on the chord (a QShortcut, a QML Shortcut with
            # Qt.quit()) from firing; only filtering it out leaves it unaccepted, and the shortcut fires.
            event.accept()
            return True
        return False
