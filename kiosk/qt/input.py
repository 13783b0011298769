"""Watches every input event before QML sees it: any touch, click or key keeps the visit alive, and in kiosk
mode the key chords that would close or leave the app are swallowed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from kiosk.qt.kiosk import Kiosk

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)

# Chords a visitor (or a keyboard left on the plinth) could use to close or leave the app.
BLOCKED_CHORDS = frozenset(
    {
        (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Q),
        (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_W),
        (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_F4),
        (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_F4),
        (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Tab),
    }
)


def is_blocked_chord(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = Qt.Key(event.key())
    if (Qt.KeyboardModifier(modifiers), key) in BLOCKED_CHORDS:
        return True
    return event.matches(QKeySequence.StandardKey.Quit) or event.matches(QKeySequence.StandardKey.Close)


class InputWatcher(QObject):
    """Installed on the application, so it sees input for every window and popup."""

    def __init__(self, kiosk: Kiosk, parent: QObject | None = None):
        super().__init__(parent)
        self._kiosk = kiosk

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
