"""When ``kiosk bench`` sees each frame: a record of every frame swapped to the screen of the window it drives
(with :mod:`kiosk.qt.items`).

Every input :mod:`kiosk.qt.items` sends returns the ``time.perf_counter()`` read just before the event was handed
to Qt; ``FrameClock.first_after`` then gives the first frame swapped after it. Qt Quick renders only when something
changed, so on a still screen that frame is the one showing the input's effect.
"""

from __future__ import annotations

import bisect
import contextlib
import time

from PySide6.QtQuick import QQuickWindow

from kiosk.qt.items import wait_until


class FrameClock:
    """Every ``frameSwapped`` of a window, as ``time.perf_counter()`` values (kept for the last ``keep`` frames)."""

    def __init__(self, window: QQuickWindow, keep: int = 4096):
        self.window = window
        self.keep = keep
        self.times: list[float] = []
        self.count = 0
        window.frameSwapped.connect(self._swapped)

    def _swapped(self) -> None:  # may run on the render thread (threaded render loop): only append
        self.times.append(time.perf_counter())
        self.count += 1
        if len(self.times) > 2 * self.keep:
            del self.times[: -self.keep]

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.window.frameSwapped.disconnect(self._swapped)

    def first_after(self, moment: float) -> float | None:
        times = self.times  # in the order swapped, so sorted
        index = bisect.bisect_right(times, moment)
        return times[index] if index < len(times) else None

    def between(self, start: float, end: float) -> list[float]:
        times = self.times
        return times[bisect.bisect_right(times, start) : bisect.bisect_right(times, end)]

    def wait_frame_after(self, moment: float, timeout: float = 1.0) -> float | None:
        """The first frame swapped after ``moment``, waiting up to ``timeout`` s for it; None if none came."""
        wait_until(lambda: bool(self.times) and self.times[-1] > moment, timeout)
        return self.first_after(moment)

    def wait_quiet(self, quiet: float = 0.12, timeout: float = 2.0) -> float:
        """Until no frame has been swapped for ``quiet`` s (animations over) or ``timeout``; returns the time."""
        start = time.perf_counter()

        def still() -> bool:
            now = time.perf_counter()
            last = self.times[-1] if self.times else start
            return now - max(last, start) >= quiet

        wait_until(still, timeout, poll_ms=2)
        return time.perf_counter()

