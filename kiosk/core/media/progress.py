"""A dependency-free progress bar on stderr: only when stderr is a terminal (never in logs or CI output)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, *, enabled: bool | None = None, stream: TextIO | None = None,
                 width: int = 28) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.width = width
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled and total > 0
        if self.enabled:
            self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            self._draw(force=self.done >= self.total)

    def line(self) -> str:
        frac = self.done / self.total if self.total else 1.0
        filled = round(frac * self.width)
        elapsed = time.monotonic() - self.start
        if 0 < self.done < self.total:
            eta = f"ETA {_clock(elapsed / self.done * (self.total - self.done))}"
        elif self.done >= self.total:
            eta = f"in {_clock(elapsed)}"
        else:
            eta = "ETA --:--"
        return f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}  {eta}"

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
