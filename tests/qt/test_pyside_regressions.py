"""Guards against bugs in the Qt binding that a kiosk running for years would hit."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    valued = Signal(int)


def test_emitting_signals_does_not_leak_references_to_true() -> None:
    # PySide6 6.12.0 dropped a reference to True on each emit; after enough emits Python aborts
    # ("bool_dealloc"). Count the references around a few thousand emits, connected and not.
    emitter = _Emitter()
    emitter.valued.connect(lambda value: None)
    before = sys.getrefcount(True)
    for _ in range(3000):
        emitter.changed.emit()
        emitter.valued.emit(1)
    assert abs(sys.getrefcount(True) - before) < 10
