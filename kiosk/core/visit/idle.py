"""The idle clock: when a visitor walks away, warn, count down, then hand the kiosk to the next visitor.

Time is passed in (monotonic seconds), never read here, so tests drive it without waiting.
"""

from __future__ import annotations

from enum import Enum

MIN_WARNING_SECONDS = 20  # accessibility floor: time to notice, read and reach the Continue button


class IdleState(str, Enum):
    OFF = "off"  # nobody is visiting (Attract is showing)
    ACTIVE = "active"
    WARNING = "warning"  # "Still there?" with a countdown
    EXPIRED = "expired"  # the visit is over: reset to Attract


class IdleClock:
    def __init__(self, timeout_seconds: float, warning_seconds: float):
        if warning_seconds < MIN_WARNING_SECONDS:
            raise ValueError(f"the idle warning must last at least {MIN_WARNING_SECONDS} s")
        self.timeout_seconds = timeout_seconds
        self.warning_seconds = warning_seconds
        self.state = IdleState.OFF
        self._last_activity = 0.0
        self._warning_started = 0.0

    def start(self, now: float) -> None:
        self.state = IdleState.ACTIVE
        self._last_activity = now

    def stop(self) -> None:
        self.state = IdleState.OFF

    def activity(self, now: float) -> None:
        """A touch or key: the visitor is here. Also how Continue works, any number of times."""
        if self.state in (IdleState.ACTIVE, IdleState.WARNING):
            self.state = IdleState.ACTIVE
            self._last_activity = now

    def set_timeout(self, timeout_seconds: float, now: float) -> None:
        """A screen with its own timeout (reading screens get longer); counts from now."""
        self.timeout_seconds = timeout_seconds
        self.activity(now)

    def poll(self, now: float) -> IdleState:
        if self.state is IdleState.ACTIVE and now - self._last_activity >= self.timeout_seconds:
            self.state = IdleState.WARNING
            self._warning_started = now
        if self.state is IdleState.WARNING and now - self._warning_started >= self.warning_seconds:
            self.state = IdleState.EXPIRED
        return self.state

    def warn(self, now: float) -> None:
        """The warning starts now, as if the timeout had just run out (a curator previewing it). Only during a
        visit: on Attract there is nobody to warn."""
        if self.state in (IdleState.ACTIVE, IdleState.WARNING):
            self.state = IdleState.WARNING
            self._warning_started = now

    def seconds_left(self, now: float) -> int:
        """Whole seconds left in the warning countdown (rounded up, so it never shows 0 while waiting)."""
        if self.state is not IdleState.WARNING:
            return int(self.warning_seconds)
        remaining = self.warning_seconds - (now - self._warning_started)
        return max(0, int(-(-remaining // 1)))
