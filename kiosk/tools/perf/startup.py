"""Process start to first frame: a fresh ``kiosk run`` per measurement, timed from just before it is started.

The child runs with ``KIOSK_EXIT_AFTER_FIRST_FRAME=1`` (:mod:`kiosk.qt.firstframe`): at its first ``frameSwapped``
it prints ``time.monotonic()`` and quits. The parent reads ``time.monotonic()`` just before ``Popen``; both are
the system-wide monotonic clock, so the difference is the start-up as a visitor would see it, interpreter start
and imports included.

Cold: every run gets a new, empty QML disk cache (``QML_DISK_CACHE_PATH``), as after an install or an update; an
installed build fills it at its start with the QML its build compiled (:mod:`kiosk.qt.qmlcache`), as it would there.
Warm: all runs share one cache, filled by a first run that is not counted. Python's bytecode caches
(``__pycache__``) and the operating system's file cache are warm in both.

Python's bytecode caches are allowed even when the shell sets ``PYTHONDONTWRITEBYTECODE``: without them every
start compiles the kiosk's own modules again (~0.1 s here), which no installed kiosk does.

Several commands (the kiosk, the bare window of :mod:`kiosk.tools.perf.baseline`, an installed build) are
measured in turns, one run of each after the other, so the machine's load drifts over all of them alike.

Each child gets its own user folders (``XDG_CONFIG_HOME``, ``XDG_DATA_HOME``, ``KIOSK_LOG_DIR``) so a
developer's ``kiosk.toml``, analytics database and logs are neither used nor touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.qt import firstframe as hook
from kiosk.tools.perf import stats

TIMEOUT_SECONDS = 60.0


@dataclass
class StartRun:
    first_frame_s: float | None
    cpu_s: float | None = None  # CPU time of the process up to its first frame
    exit_s: float | None = None
    vm_hwm_kb: int | None = None
    backend: str = ""
    error: str = ""
    # the first frame that shows the attract's picture (decoded beside the first frame), where there is one
    picture_s: float | None = None
    picture_vm_hwm_kb: int | None = None


@dataclass
class StartSeries:
    label: str
    runs: list[StartRun] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [r.first_frame_s for r in self.runs if r.first_frame_s is not None]

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.runs if r.error]

    def to_json(self) -> dict:
        times = self.times
        return {
            "runs": len(self.runs),
            "median_s": _r(stats.median(times)),
            "min_s": _r(min(times) if times else None),
            "max_s": _r(max(times) if times else None),
            "all_s": [_r(t) for t in times],
            "cpu_median_s": _r(stats.median([r.cpu_s for r in self.runs if r.cpu_s is not None])),
            "peak_rss_at_first_frame_mb": stats.mb(stats.median([r.vm_hwm_kb for r in self.runs if r.vm_hwm_kb])),
            "picture_median_s": _r(stats.median([r.picture_s for r in self.runs if r.picture_s is not None])),
            "peak_rss_at_picture_mb": stats.mb(
                stats.median([r.picture_vm_hwm_kb for r in self.runs if r.picture_vm_hwm_kb])
            ),
            "backend": next((r.backend for r in self.runs if r.backend), ""),
            "errors": self.errors,
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def source_command(size: tuple[int, int], content: Path | None = None) -> list[str]:
    """``kiosk run`` from this interpreter (the virtualenv), windowed at ``size``."""
    extra = ["--content", str(content)] if content is not None else []
    return [sys.executable, "-m", "kiosk", "run", "--windowed", f"{size[0]}x{size[1]}", *extra]


def exe_command(exe: Path, size: tuple[int, int], content: Path | None = None) -> list[str]:
    """An installed build's executable: its arguments are those of ``kiosk run`` (kiosk/launcher.py)."""
    extra = ["--content", str(content)] if content is not None else []
    return [str(exe), "--windowed", f"{size[0]}x{size[1]}", *extra]


def child_environment(scratch: Path, qml_cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    # PYTHONDONTWRITEBYTECODE (set in some CI and sandbox shells) would recompile every kiosk module on every
    # start, which no installed kiosk does: let the children keep their bytecode caches.
    for name in ("KIOSK_CONFIG", "KIOSK_CONTENT_DIR", "KIOSK_LANGUAGE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env.update(
        {
            hook.ENV: "1",
            "QML_DISK_CACHE_PATH": str(qml_cache),
            "XDG_CONFIG_HOME": str(scratch / "config"),
            "XDG_DATA_HOME": str(scratch / "data"),
            "XDG_STATE_HOME": str(scratch / "state"),
            "KIOSK_LOG_DIR": str(scratch / "logs"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def start_once(command: list[str], env: dict[str, str], timeout: float = TIMEOUT_SECONDS) -> StartRun:
    """One fresh process, timed from just before it is started to the first frame it swapped."""
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        return StartRun(None, error=f"could not start {command[0]}: {exc}")
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        return StartRun(None, error=f"no first frame within {timeout:.0f} s" + _tail(err))
    ended = time.monotonic()
    reported = {
        marker: json.loads(line[len(marker) + 1 :])
        for line in out.splitlines()
        for marker in (hook.MARKER, hook.PICTURE_MARKER)
        if line.startswith(marker + " ")
    }
    if hook.MARKER in reported:
        info = reported[hook.MARKER]
        picture = reported.get(hook.PICTURE_MARKER, {})
        return StartRun(
            first_frame_s=info["monotonic"] - started,
            cpu_s=info.get("cpu"),
            exit_s=ended - started,
            vm_hwm_kb=info.get("vm_hwm_kb"),
            backend=info.get("backend", ""),
            picture_s=picture["monotonic"] - started if picture else None,
            picture_vm_hwm_kb=picture.get("vm_hwm_kb"),
        )
    return StartRun(
        None,
        error=f"exit code {process.returncode} without reporting a first frame "
        f"(was it built before {hook.ENV} existed?)" + _tail(err),
    )


def _tail(text: str, lines: int = 6) -> str:
    kept = [line for line in (text or "").strip().splitlines() if line.strip()][-lines:]
    return (": " + " | ".join(kept)) if kept else ""


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[StartSeries, StartSeries]]:
    """``{label: (cold, warm)}``: ``runs`` fresh processes of each command for each series, taken in turns (cold
    of each command, then warm of each) so that drift in the machine's load hits every series alike."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        scratch = Path(tmp)
        series = {label: (StartSeries(f"{label}, cold"), StartSeries(f"{label}, warm")) for label in commands}
        measured = {}
        # each command keeps its own data folder: the checkout's and the installed build's content snapshots have
        # different stamps (kiosk.core.content.snapshot), and in one folder each start would void the other's
        homes = {label: scratch / f"home-{label}" for label in commands}
        for label, command in commands.items():
            warm_cache = scratch / f"qmlcache-{label}-warm"
            primer = start_once(command, child_environment(homes[label], warm_cache))  # fills the warm cache
            if primer.error:  # not counted, but a command that cannot start is not run again
                series[label][0].runs.append(primer)
                series[label][1].runs.append(primer)
            else:
                measured[label] = command
        for run in range(runs):
            for label, command in measured.items():
                cache = scratch / f"qmlcache-{label}-cold-{run}"
                series[label][0].runs.append(start_once(command, child_environment(homes[label], cache)))
            for label, command in measured.items():
                cache = scratch / f"qmlcache-{label}-warm"
                series[label][1].runs.append(start_once(command, child_environment(homes[label], cache)))
        return series
