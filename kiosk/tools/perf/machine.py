"""What a measurement was taken on: CPU, cores, memory, OS, Python, Qt and how Qt renders."""

from __future__ import annotations

import os
import platform
import sys


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def memory_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages: other work on the machine skews every timing."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (OSError, AttributeError):
        return None


def describe(qt: bool = True) -> dict:
    """The machine and the software stack; ``qt=False`` skips importing PySide6."""
    info: dict = {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_mb": memory_mb(),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "qt_qpa_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "qt_quick_backend": os.environ.get("QT_QUICK_BACKEND", ""),
        "load_average": load_average(),
    }
    if qt:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        info["qt"] = qVersion()
        info["pyside6"] = pyside_version
    return info


def line(info: dict) -> str:
    """One line for a table header or a log: CPU, cores, Python, Qt."""
    qt = f", Qt {info['qt']} (PySide6 {info.get('pyside6', '?')})" if info.get("qt") else ""
    memory = f", {info['memory_mb'] / 1024:.0f} GB" if info.get("memory_mb") else ""
    return f"{info['cpu']}, {info['cores']} cores{memory}, {info['os']}, Python {info['python']}{qt}"
