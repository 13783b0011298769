"""A monotonic clock moved by hand, for everything that drives the kiosk without waiting for real time:
tests, the proof renderer, the benchmark tour and the soak. The kiosk takes any ``() -> float``."""

from __future__ import annotations


class ManualClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
