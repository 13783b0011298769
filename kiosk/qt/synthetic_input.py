"""Touches and keys handed to Qt where a platform plugin hands a touchscreen's and a keyboard's: to the
window-system interface of QtGui, which registers each touch point with its device (Qt Quick refuses a
``QTouchEvent`` merely sent to the window: "point is not in activePoints") and tries shortcuts before a key is
delivered, as for a real keyboard. Delivered at once, before the call returns.

QtTest reaches the same functions, but PySide's QtTest loads QtWidgets and Qt's Widgets library, 6.6 MB that no
kiosk maps, which ``kiosk bench``'s tour counted as the kiosk's. QtGui exports the functions for test libraries
(``qt_handleTouchEventv2``, ``qt_handleKeyEvent``, ``QWindowSystemInterface::registerInputDevice``), so they are
called through ctypes by their C++ names, with Qt 6's layout of their arguments: a ``QList`` or a ``QString`` is
(header, data, size), and one whose header is null is raw data it does not own, which Qt reads and copies but
never frees; a ``QEventPoint`` is one pointer to its shared data.
"""

from __future__ import annotations

import ctypes
import itertools
import time
from dataclasses import dataclass
from functools import cache

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QEventPoint, QInputDevice, QPointingDevice, QWindow

# QtTest too leaves a millisecond between touch events: Qt stamps them in milliseconds, and a flick's velocity is
# the distance over the time between two of them
TOUCH_INTERVAL_SECONDS = 0.001
MAX_TOUCH_POINTS = 10
FIRST_DEVICE_ID = 0x2_0000_0000  # above any a platform plugin numbers its devices with

STATES = {
    "press": QEventPoint.State.Pressed,
    "move": QEventPoint.State.Updated,
    "release": QEventPoint.State.Released,
    "stationary": QEventPoint.State.Stationary,
}

# What a key types besides its code, as a keyboard sends both (printable keys type their lower-case character)
CONTROL_TEXT = {
    Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t", Qt.Key.Key_Escape: "\x1b",
    Qt.Key.Key_Backspace: "\b",
}
# A chord's modifier keys, pressed in this order before its key and released in the reverse order after it
MODIFIER_KEYS = [
    (Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
    (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
    (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
    (Qt.KeyboardModifier.MetaModifier, Qt.Key.Key_Meta),
]


class _ArrayData(ctypes.Structure):
    """Qt 6's QArrayDataPointer: the whole of a QList or a QString."""

    _fields_ = [("header", ctypes.c_void_p), ("data", ctypes.c_void_p), ("size", ctypes.c_ssize_t)]


@dataclass(frozen=True)
class _QtGui:
    handle_touch: ctypes._CFuncPtr
    handle_key: ctypes._CFuncPtr
    register_device: ctypes._CFuncPtr


@cache
def _qtgui() -> _QtGui:
    library = ctypes.CDLL("libQt6Gui.so.6")  # the one PySide6.QtGui loaded: found by its name, not loaded again
    handle_touch = library[
        "_Z21qt_handleTouchEventv2P7QWindowPK15QPointingDeviceRK5QListI11QEventPointE6QFlagsIN2Qt16KeyboardModifierEE"
    ]
    handle_touch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(_ArrayData), ctypes.c_int]
    handle_touch.restype = ctypes.c_bool
    handle_key = library["_Z17qt_handleKeyEventP7QWindowN6QEvent4TypeEi6QFlagsIN2Qt16KeyboardModifierEERK7QStringbt"]
    handle_key.argtypes = [
        ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.POINTER(_ArrayData), ctypes.c_bool,
        ctypes.c_ushort,
    ]
    handle_key.restype = None
    register_device = library["_ZN22QWindowSystemInterface19registerInputDeviceEPK12QInputDevice"]
    register_device.argtypes = [ctypes.c_void_p]
    register_device.restype = None
    return _QtGui(handle_touch, handle_key, register_device)


def _address(qt_object) -> int:
    address: int = shiboken6.getCppPointer(qt_object)[0]
    return address


_device_ids = itertools.count(FIRST_DEVICE_ID)


class Touchscreen:
    """A touchscreen registered with Qt (for as long as the application), whose fingers press, move and lift on
    a window; a finger that stays down while others move or lift is reported as stationary, as hardware does."""

    def __init__(self) -> None:
        self.device = QPointingDevice(
            "kiosk synthetic touchscreen", next(_device_ids), QInputDevice.DeviceType.TouchScreen,
            QPointingDevice.PointerType.Finger, QInputDevice.Capability.Position, MAX_TOUCH_POINTS, 0,
        )
        self.device.setParent(QCoreApplication.instance())  # Qt keeps registered devices until it exits
        _qtgui().register_device(_address(self.device))
        self._down: dict[int, QPointF] = {}  # where each finger last was, on the screen

    def send(self, window: QWindow, points: dict[int, tuple[str, QPoint | QPointF | None]]) -> float:
        """One touch event: {finger: ("press" | "move" | "release", point in the window) or ("stationary", None)};
        returns ``time.perf_counter()`` read just before Qt was handed it."""
        event_points = []
        for finger, (action, point) in points.items():
            where = self._down[finger] if point is None else window.mapToGlobal(QPointF(point))
            event_points.append(QEventPoint(finger, STATES[action], window.mapFromGlobal(where), where))
            if action == "release":
                self._down.pop(finger, None)
            else:
                self._down[finger] = where
        shared = (ctypes.c_void_p * len(event_points))(
            *(ctypes.c_void_p.from_address(_address(point)).value for point in event_points)
        )
        time.sleep(TOUCH_INTERVAL_SECONDS)
        sent = time.perf_counter()
        _qtgui().handle_touch(
            _address(window), _address(self.device),
            ctypes.byref(_ArrayData(None, ctypes.addressof(shared), len(event_points))), 0,
        )
        return sent


# Interned for as long as the process: a key event's text is raw data, which Qt copies by reference
_texts: dict[str, tuple[ctypes.Array, _ArrayData]] = {}


def _qstring(text: str) -> _ArrayData:
    if text not in _texts:
        units = text.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(units, len(units) + 2)
        _texts[text] = (buffer, _ArrayData(None, ctypes.addressof(buffer) if text else None, len(units) // 2))
    return _texts[text][1]


def key_text(key: Qt.Key) -> str:
    code = int(key.value)
    return chr(code).lower() if 0x20 <= code < 0x7F else CONTROL_TEXT.get(key, "")


def _send_key(window: QWindow, kind: QEvent.Type, key: Qt.Key, modifiers: int, text: str = "") -> None:
    _qtgui().handle_key(
        _address(window), kind.value, int(key.value), modifiers, ctypes.byref(_qstring(text)), False, 1
    )
    QCoreApplication.processEvents()


def click_key(window: QWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> float:
    """A key pressed and released, its chord's modifier keys pressed before it and released after it, each event
    processed; returns ``time.perf_counter()`` read just before the key itself was pressed."""
    held = 0
    chord = int(modifiers.value)
    for modifier, modifier_key in MODIFIER_KEYS:
        if chord & modifier.value:
            _send_key(window, QEvent.Type.KeyPress, modifier_key, held)
            held |= modifier.value
    sent = time.perf_counter()
    _send_key(window, QEvent.Type.KeyPress, key, chord, key_text(key))
    _send_key(window, QEvent.Type.KeyRelease, key, chord, key_text(key))
    for modifier, modifier_key in reversed(MODIFIER_KEYS):
        if chord & modifier.value:
            _send_key(window, QEvent.Type.KeyRelease, modifier_key, held)
            held &= ~modifier.value
    return sent

