"""The museum keypad, in one place: the keys of ``[keypad]`` in kiosk.toml (kiosk.core.visit.keypad) become the
keys the QML already understands, so the QML never holds a second key map.

- up, down, left, right become the arrow keys. What a screen does with an arrow it does (slides, the chapter
  grid, the timeline's events, the facsimile); an arrow nothing takes moves the focus to the next control in
  reading order (down, right) or the previous one (up, left), skipping what is off to the side (the slides
  either side of the one shown), and scrolls the control into view.
- select becomes Return (every control activates on it), back becomes Escape (a panel closes, else Back).
- play_pause, volume_up, volume_down and repeat go to ``kiosk.audio``; play first turns the audio guide on (and on
  Attract begins the visit); on Attract every other key begins.
- while the idle warning shows, any key is the visitor's Continue and does nothing else.
- a screen whose own focus scope holds the focus (nothing in it chosen, or the chosen control hid) hands it to
  its ``keypadStart()`` function where it has one, else to its first control, so the focus is never lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QMetaObject, QObject, QRectF, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.visit.idle import IdleState
from kiosk.core.visit.keypad import ACTIONS, DEFAULT_KEYS, qt_key_name
from kiosk.qt import items
from kiosk.qt.kiosk import Kiosk

# what each navigating action is delivered as (a Qt.Key, named: the first frame does without Qt's namespace,
# kiosk/qt), and its text
DELIVERED = {
    "up": ("Key_Up", ""),
    "down": ("Key_Down", ""),
    "left": ("Key_Left", ""),
    "right": ("Key_Right", ""),
    "select": ("Key_Return", "\r"),
    "back": ("Key_Escape", "\x1b"),
}
FORWARD = frozenset({"down", "right"})
AUDIO_SLOTS = {"play_pause": "togglePlay", "volume_up": "volumeUp", "volume_down": "volumeDown", "repeat": "repeat"}
# enough to pass every item of the biggest screen without going round forever in a broken chain
FOCUS_CHAIN_LIMIT = 400
# a screen still being made (its Loader, its lists) has no control to take the focus yet: look again this often,
# for up to this long after the focus or the place last changed
FOCUS_RETRY_MS = 40
FOCUS_RETRY_FOR_MS = 3000


def key_codes(keys: Mapping[str, Sequence[str]]) -> dict[int, str]:
    """Qt key code -> action, for the key names of a (checked) key map."""
    from PySide6.QtCore import Qt

    codes: dict[int, str] = {}
    for action in ACTIONS:
        for name in keys.get(action, ()):
            codes[getattr(Qt.Key, "Key_" + qt_key_name(name)).value] = action
    return codes


class KeypadFilter(QObject):
    """Installed on the window after the InputWatcher, so it sees a key before it does."""

    def __init__(self, kiosk: Kiosk, window: QQuickWindow, keys: Mapping[str, Sequence[str]] = DEFAULT_KEYS):
        super().__init__()  # the app owns it and detaches it before the window goes
        self._kiosk = kiosk
        self._window = window
        self._keys = keys
        self._actions: dict[int, str] | None = None  # at the first key (key_codes builds Qt's namespace)
        self._delivering = False
        # deferred: a screen that hid its focused control or just showed moves the focus itself first
        self._focus_check = QTimer(self, singleShot=True, interval=0)
        self._focus_check.timeout.connect(self._settle_focus)
        self._focus_retries = 0
        window.activeFocusItemChanged.connect(self._check_focus)
        kiosk.visit.locationChanged.connect(self._check_focus)

    def detach(self) -> None:
        """Let go of the window and the backend, before they are deleted."""
        self._focus_check.stop()
        self._focus_check.timeout.disconnect(self._settle_focus)
        self._window.activeFocusItemChanged.disconnect(self._check_focus)
        self._kiosk.visit.locationChanged.disconnect(self._check_focus)

    def _check_focus(self) -> None:
        self._focus_retries = FOCUS_RETRY_FOR_MS // FOCUS_RETRY_MS
        self._focus_check.start(0)

    def _settle_focus(self) -> None:
        if not self._keep_focus() and self._focus_retries > 0:
            self._focus_retries -= 1
            self._focus_check.start(FOCUS_RETRY_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._delivering or event.type() != QEvent.Type.KeyPress:
            return False
        if self._kiosk.idle.current is IdleState.WARNING:
            self._kiosk.idle.activity()
            self._kiosk.modes.set_keyboard(True)
            return True
        if self._actions is None:
            self._actions = key_codes(self._keys)
        action = self._actions.get(event.key())  # type: ignore[attr-defined]
        if action is None:
            return False
        self._kiosk.idle.activity()
        self._kiosk.modes.set_keyboard(True)
        if action in AUDIO_SLOTS:
            taken = self._to_audio(action)
        else:
            self._navigate(action, event.isAutoRepeat())  # type: ignore[attr-defined]
            taken = True
        self._kiosk.recordFeature("keypad." + action)  # after: play on Attract has begun the visit it counts in
        return taken

    def use_keys(self, keys: Mapping[str, Sequence[str]]) -> None:
        """Another key map (a technician's kiosk.toml), from now on."""
        self._keys, self._actions = keys, None

    def _to_audio(self, action: str) -> bool:
        audio = self._kiosk.audio
        if action == "play_pause" and not audio.guide:
            # the keypad's play is how a visitor who cannot see the screen asks for sound: it turns the audio guide
            # on, which says the screen and then every control the focus reaches; on Attract it begins the visit too
            if self._kiosk.visit.screen == "attract":
                self._kiosk.visit.begin()
            audio.setGuide(True)
            return True
        if self._kiosk.visit.screen == "attract":
            return False  # on Attract the key begins the visit, as any key does
        QMetaObject.invokeMethod(audio, AUDIO_SLOTS[action])
        return True

    def _navigate(self, action: str, repeated: bool) -> None:
        focused = items.focused(self._window)
        if focused is not None and not focused.isVisible():
            self._keep_focus()
        from PySide6.QtCore import Qt

        key_name, text = DELIVERED[action]
        key = getattr(Qt.Key, key_name)
        delivered = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text, repeated)
        self._delivering = True
        try:
            QCoreApplication.sendEvent(self._window, delivered)
        finally:
            self._delivering = False
        if delivered.isAccepted():
            return
        if action in ("up", "down", "left", "right"):
            self.move_focus(action in FORWARD)
        elif action == "select":
            self._keep_focus()

    # --- the focus --------------------------------------------------------------------------------------

    def move_focus(self, forward: bool) -> QQuickItem | None:
        """Give the focus to the next control in reading order that is on the screen; returns it."""
        from PySide6.QtCore import Qt

        start = items.focused(self._window) or self._window.contentItem()
        item: QQuickItem | None = start
        for _ in range(FOCUS_CHAIN_LIMIT):
            item = items.next_in_focus_chain(item, forward) if item is not None else None
            if item is None or item is start:
                return None
            if self._beside_the_screen(item):
                continue
            item.forceActiveFocus(Qt.FocusReason.TabFocusReason)
            reveal(item)
            return item
        return None

    def _beside_the_screen(self, item: QQuickItem) -> bool:
        rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        return rect.right() <= 0 or rect.left() >= self._window.width()

    def _keep_focus(self) -> bool:
        """The focus is on the stage but on no control of the screen shown (a screen's own scope, its slot or the
        stage holds it, the focused control hid, or it is still on the screen left): hand it to the screen's first
        control; an overlay's focus is left alone. A move the screen makes, not the visitor: the audio guide does
        not say it. False while the screen has no control to take it yet (still being made, or the change to it
        not yet begun)."""
        stage, screen = self._shown_screen()
        if screen is None:
            return stage is None  # no stage: nothing to keep; its screen still loading: not yet
        focused = items.focused(self._window)
        if focused is not None and not (focused is stage or _inside(focused, stage)):
            return True  # an overlay has it: the idle warning, the PIN pad, the staff panel
        if self._on_a_control_of(screen):
            return True
        with self._kiosk.audio.moved_by_the_screen():
            with items.meta_object(screen) as meta:
                starts_itself = meta.indexOfMethod("keypadStart()") >= 0
            if starts_itself:
                QMetaObject.invokeMethod(screen, "keypadStart")
                if self._on_a_control_of(screen):
                    return True
            screen.forceActiveFocus()
            self.move_focus(True)
        return self._on_a_control_of(screen)

    def _on_a_control_of(self, screen: QQuickItem) -> bool:
        focused = items.focused(self._window)
        return focused is not None and focused is not screen and focused.isVisible() and _inside(focused, screen)

    def _shown_screen(self) -> tuple[QQuickItem | None, QQuickItem | None]:
        """The stage and what its showing slot holds, once the change to it has begun and it is visible (Main.qml:
        a ScreenSlot Loader per screen)."""
        stage = items.stage(self._window)
        if stage is None:
            return None, None
        for slot in stage.childItems():
            if slot.inherits("QQuickLoader") and slot.property("showing") and slot.isVisible():
                return stage, slot.property("item")
        return stage, None


def _inside(item: QQuickItem, ancestor: QQuickItem) -> bool:
    return any(parent is ancestor for parent in items.ancestors(item))


def reveal(item: QQuickItem) -> None:
    """Scroll every vertical Flickable holding ``item`` so that it shows."""
    for parent in items.ancestors(item):
        if parent.inherits("QQuickFlickable") and parent.property("contentHeight") > parent.height():
            rect = item.mapRectToItem(parent, QRectF(0, 0, item.width(), item.height()))
            shift = 0.0
            if rect.bottom() > parent.height():
                shift = rect.bottom() - parent.height()
            if rect.top() - shift < 0:
                shift = rect.top()
            if shift:
                top = parent.property("originY")
                highest = top + parent.property("contentHeight") - parent.height()
                parent.setProperty("contentY", max(top, min(highest, parent.property("contentY") + shift)))
