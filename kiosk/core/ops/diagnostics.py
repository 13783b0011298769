"""What staff see under Diagnostics: versions, content, uptime, memory and the last errors logged."""

from __future__ import annotations

import logging
import sys
import time
from collections import deque

START = time.monotonic()


class RecentErrors(logging.Handler):
    """Keeps the last few warnings and errors in memory for the staff panel (the log file has them all)."""

    def __init__(self, capacity: int = 8):
        super().__init__(level=logging.WARNING)
        self.records: deque[str] = deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(record.created))
        first_line = record.getMessage().splitlines()[0] if record.getMessage() else ""
        self.records.append(f"{stamp} {record.levelname} {first_line}"[:200])


def resident_memory_mb() -> float:
    """Current resident memory; 0 where the platform does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    if sys.platform == "win32":
        return 0.0
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def uptime_text(now: float | None = None) -> str:
    seconds = int((now if now is not None else time.monotonic()) - START)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return f"{days}d {hours:02d}h {rest // 60:02d}m"


def report(lines: dict[str, str], recent: RecentErrors | None) -> str:
    text = [f"{key}: {value}" for key, value in lines.items()]
    text.append(f"uptime: {uptime_text()}")
    text.append(f"memory: {resident_memory_mb():.0f} MB")
    errors = list(recent.records) if recent else []
    text.append("last errors: " + ("none" if not errors else ""))
    text += [f"  {line}" for line in errors]
    return "\n".join(text)
