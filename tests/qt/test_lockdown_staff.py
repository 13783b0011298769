"""Kiosk lockdown (no key chord or close request ends the app) and the staff exit behind a hold and a PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from qtkit import center, find, is_shown, tap, text_of, touch_hold

from kiosk.core.visit.pin import hash_pin
from kiosk.qt import items
from kiosk.qt.kiosk import KioskOptions

# a Qt warning (a binding that fails, focus that goes astray) fails the test like a QML warning does
pytestmark = pytest.mark.qt_log_level_fail("WARNING")

PIN = "2468"
PIN_HASH = hash_pin(PIN, iterations=1000)  # few iterations: the tests check the flow, not the hash strength
CHORDS = [
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
]
CHORD_IDS = ["ctrl+q", "ctrl+w", "alt+f4"]


class KeyRecorder(QObject):
    """Records the key presses that reach the window past the kiosk's own filters on it (installed before them:
    a window's filters run last installed first)."""

    def __init__(self):
        super().__init__()
        self.keys: list[tuple[int, int]] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append((event.key(), event.modifiers().value))
        return False


def shortcut_for(window, key: Qt.Key, modifier: Qt.KeyboardModifier) -> tuple[QShortcut, list[bool]]:
    """What a desktop (or a QML Shortcut) would do with the chord: close the window. Records each activation."""
    shortcut = QShortcut(QKeySequence(modifier.value | key.value), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    fired: list[bool] = []
    shortcut.activated.connect(lambda: fired.append(True))
    shortcut.activated.connect(window.close)
    return shortcut, fired


# --- lockdown ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lockdown", [True, False], ids=["lockdown", "windowed"])
@pytest.mark.parametrize(("key", "modifier"), CHORDS, ids=CHORD_IDS)
def test_in_lockdown_the_chords_never_reach_the_window(qtbot, make_kiosk_app, key, modifier, lockdown) -> None:
    app = make_kiosk_app(KioskOptions(lockdown=lockdown))
    window = app.window
    recorder = KeyRecorder()
    kiosks = (app.input_watcher, app.keypad)
    for watcher in kiosks:
        window.removeEventFilter(watcher)
    for watcher in (recorder, *kiosks):
        window.installEventFilter(watcher)

    items.key(window, key, modifier)
    qtbot.wait(20)

    chord = (key.value, modifier.value)
    assert (chord in recorder.keys) is not lockdown
    # an ordinary key gets through either way
    items.key(window, Qt.Key.Key_Return)
    assert (Qt.Key.Key_Return.value, 0) in recorder.keys
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    window.removeEventFilter(recorder)


@pytest.mark.parametrize("lockdown", [True, False], ids=["lockdown", "windowed"])
@pytest.mark.parametrize(("key", "modifier"), CHORDS, ids=CHORD_IDS)
def test_in_lockdown_a_shortcut_on_the_chord_never_fires(qtbot, make_kiosk_app, key, modifier, lockdown) -> None:
    app = make_kiosk_app(KioskOptions(lockdown=lockdown))
    window = app.window
    shortcut, fired = shortcut_for(window, key, modifier)

    items.key(window, key, modifier)
    qtbot.wait(20)

    assert bool(fired) is not lockdown
    assert window.isVisible() is lockdown  # without lockdown the shortcut closed it
    shortcut.deleteLater()


def test_lockdown_rejects_a_close_request(qtbot, make_kiosk_app) -> None:
    app = make_kiosk_app(KioskOptions(lockdown=True))

    app.window.close()
    qtbot.wait(50)

    assert app.window.isVisible()
    assert app.window.isExposed()


def test_without_lockdown_close_hides_the_window(qtbot, make_kiosk_app) -> None:
    app = make_kiosk_app(KioskOptions(lockdown=False))

    app.window.close()

    qtbot.waitUntil(lambda: not app.window.isVisible())


# --- staff --------------------------------------------------------------------------------------------------------


@pytest.fixture
def app(make_kiosk_app):
    return make_kiosk_app(KioskOptions(lockdown=True, pin_hash=PIN_HASH))


def open_pin_pad(qtbot, app) -> None:
    """What the 3 s hold does (the hold itself is tested once, in real time, below)."""
    corner = find(qtbot, app.window, "staffCorner")
    QMetaObject.invokeMethod(items.parent_of(corner), "open")
    find(qtbot, app.window, "pinPad")


def enter_pin(qtbot, app, pin: str) -> None:
    for digit in pin:
        tap(qtbot, app, f"pinKey_{digit}")
    tap(qtbot, app, "pinKey_ok")


def test_holding_the_corner_for_three_seconds_opens_the_pin_pad(qtbot, app) -> None:
    window = app.window
    corner = find(qtbot, window, "staffCorner")
    assert not is_shown(window, "pinPad")

    touch_hold(qtbot, window, center(corner), 1200)  # a short press is not enough
    assert not is_shown(window, "pinPad")
    assert app.kiosk.visit.screen == "attract"

    touch_hold(qtbot, window, center(corner), 3200)

    find(qtbot, window, "pinPad")
    assert app.kiosk.visit.screen == "attract"  # the corner is not also a "touch to begin"


def test_a_wrong_pin_keeps_the_pad_and_clears_the_entry(qtbot, app) -> None:
    open_pin_pad(qtbot, app)
    dots = find(qtbot, app.window, "pinDots")

    for digit in "1357":
        tap(qtbot, app, f"pinKey_{digit}")
    assert text_of(dots) == "\u2022" * 4
    tap(qtbot, app, "pinKey_ok")

    assert is_shown(app.window, "pinPad")
    assert not is_shown(app.window, "staffPanel")
    assert text_of(dots).strip() == ""
    assert app.kiosk.staff.pinLockedSeconds == 0


def test_clear_and_cancel(qtbot, app) -> None:
    open_pin_pad(qtbot, app)
    dots = find(qtbot, app.window, "pinDots")
    tap(qtbot, app, "pinKey_2")
    tap(qtbot, app, "pinKey_clear")
    assert text_of(dots).strip() == ""

    tap(qtbot, app, "pinCancel")

    qtbot.waitUntil(lambda: not is_shown(app.window, "pinPad"))
    # nothing of the staff overlay is left over the visitor's screen
    tap(qtbot, app, "exhibitTitle")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")


def test_five_wrong_pins_lock_the_pad_for_a_minute(qtbot, app) -> None:
    open_pin_pad(qtbot, app)
    window = app.window

    for _ in range(5):
        enter_pin(qtbot, app, "0000")

    assert app.kiosk.staff.pinLockedSeconds > 0
    key_one = find(qtbot, window, "pinKey_1")
    qtbot.waitUntil(lambda: not key_one.isEnabled())
    assert text_of(find(qtbot, window, "pinDots")).endswith("s")  # the time left is shown
    enter_pin(qtbot, app, PIN)  # even the right PIN does nothing while locked
    assert not is_shown(window, "staffPanel")

    app.clock.advance(61)

    assert app.kiosk.staff.pinLockedSeconds == 0
    qtbot.waitUntil(lambda: key_one.isEnabled(), timeout=3000)
    qtbot.waitUntil(lambda: text_of(find(qtbot, window, "pinDots")).strip() == "")
    enter_pin(qtbot, app, PIN)
    find(qtbot, window, "staffPanel")


def test_the_right_pin_opens_the_staff_panel_with_diagnostics_and_exit(qtbot, app) -> None:
    open_pin_pad(qtbot, app)

    enter_pin(qtbot, app, PIN)

    find(qtbot, app.window, "staffPanel")
    assert not is_shown(app.window, "pinPad")

    tap(qtbot, app, "staffDiagnostics")
    diagnostics = find(qtbot, app.window, "diagnosticsText")
    assert app.kiosk.contentHash in text_of(diagnostics)
    assert app.kiosk.contentHash

    with qtbot.waitSignal(app.kiosk.staff.exitRequested, timeout=2000):
        tap(qtbot, app, "staffExit")


def test_staff_reload_asks_for_a_reload_and_closes_the_panel(qtbot, app) -> None:
    open_pin_pad(qtbot, app)
    enter_pin(qtbot, app, PIN)
    find(qtbot, app.window, "staffPanel")

    with qtbot.waitSignal(app.kiosk.staff.reloadRequested, timeout=2000):
        tap(qtbot, app, "staffReload")

    qtbot.waitUntil(lambda: not is_shown(app.window, "staffPanel"))


def test_without_a_configured_pin_no_pin_opens_the_panel(qtbot, make_kiosk_app) -> None:
    app = make_kiosk_app(KioskOptions(lockdown=True, pin_hash=None))
    open_pin_pad(qtbot, app)

    enter_pin(qtbot, app, PIN)

    assert is_shown(app.window, "pinPad")
    assert not is_shown(app.window, "staffPanel")
