"""Small statistics and memory readings shared by the benchmark and the soak (no Qt here)."""

from __future__ import annotations

import math
import os
import statistics
import sys
from collections.abc import Sequence

FRAME_MS_60HZ = 1000 / 60
DROPPED_FACTOR = 1.5  # an interval longer than 1.5 frames at 60 Hz (25 ms) means at least one frame was missed


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The ``fraction`` (0..1) percentile by linear interpolation between closest ranks; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary_ms(seconds: Sequence[float]) -> dict:
    """{"n", "p50_ms", "p95_ms", "max_ms"} of durations given in seconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": _round(percentile(ms, 0.50)),
        "p95_ms": _round(percentile(ms, 0.95)),
        "max_ms": _round(max(ms) if ms else None),
    }


def frame_summary(intervals: Sequence[float]) -> dict:
    """Frame intervals (seconds) summarised, with the frames dropped at 60 Hz: intervals > 1.5 x 16.7 ms."""
    out = summary_ms(intervals)
    dropped = [i for i in intervals if i * 1000 > DROPPED_FACTOR * FRAME_MS_60HZ]
    out["dropped"] = len(dropped)
    out["dropped_pct"] = _round(100 * len(dropped) / len(intervals) if intervals else None, 1)
    return out


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


# --- memory -----------------------------------------------------------------------------------------------------


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_kb() -> int:
    """The process's resident set now, in kB (0 where it cannot be read)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, AttributeError):
        return 0


def peak_rss_kb() -> int:
    """The process's peak resident set (VmHWM), in kB; ``ru_maxrss`` where /proc is missing."""
    from kiosk.qt.firstframe import peak_rss_kb as peak

    return peak()


def reset_peak_rss() -> bool:
    """Start VmHWM again from the current RSS (Linux: write 5 to /proc/self/clear_refs). False if not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def mb(kb: int | None) -> float | None:
    return None if kb is None else round(kb / 1024, 1)


def is_linux() -> bool:
    return sys.platform.startswith("linux")
