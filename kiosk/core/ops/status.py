"""What a kiosk is doing, for ``kiosk status`` and a fleet's collector: the running kiosk publishes it, anyone reads it.

The running kiosk (:mod:`kiosk.qt.status`) keeps a small JSON file, ``status.json`` in its log folder, up to date:
its pid and start time, the content it shows (hash, since when, from where), the last content it refused and
why, and the screen it drives. The file is only ever replaced whole (temp file, fsync, rename), so a reader
sees the old state or the new one. :func:`collect` adds what a reader finds out for itself (whether that pid is
still this kiosk, the last error in the log, today's visits in the analytics database) into the document that
``kiosk status --json`` prints and ``kiosk snapshot`` keeps::

    {"name", "version", "running", "pid", "started_at", "uptime_s",
     "content": {"hash", "date", "source", "rejected": null | {"hash", "at", "reason": [problem, ...]}},
     "last_error": null | {"at", "message"}, "visits_today",
     "screen": null | {"name", "width", "height", "width_mm", "height_mm", "diagonal_in", "refresh_hz"},
     "checked_at"}

A problem in ``reason`` is what ``kiosk validate --json`` writes: file, line, column, field, message, severity.
Times are local, ISO 8601 with the UTC offset. Unknown values are null, never guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import sqlite3
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.core.media.atomic import write_text_atomic
from kiosk.core.ops.logs import LOG_FILE_NAME

STATUS_FILE_NAME = "status.json"
FORMAT = 1
# A log record as kiosk.core.ops.logs.FORMAT writes it: "2026-12-06 10:24:28,512 ERROR kiosk.x [MainThread]: ..."
_LOG_ERROR = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ (?:ERROR|CRITICAL) (\S+) \[[^\]]*\]: (.*)$")

Document = dict[str, Any]


def status_path(log_dir: Path) -> Path:
    return Path(log_dir) / STATUS_FILE_NAME


def local_time(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="seconds")


def parse_local_time(text: str) -> float | None:
    try:
        return dt.datetime.fromisoformat(text).timestamp()
    except (TypeError, ValueError):
        return None


# --- the running kiosk's side ------------------------------------------------------------------------------


def process_start_ticks(pid: int) -> int | None:
    """When the process started, in clock ticks since boot (Linux ``/proc``): with the pid, names one process
    for good, as a pid alone does not once it is reused."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def write_atomically(path: Path, document: Mapping[str, Any]) -> None:
    """Replace ``path`` whole: a reader (or a power cut) never finds half a file."""
    write_text_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n", durable=True)


def read_status(path: Path) -> Document | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def content_source(root: Path, *, bundled: Path, last_good: Path) -> str:
    """``bundled``, ``last good copy`` or the content folder itself."""
    resolved = Path(root).resolve()
    if resolved == Path(bundled).resolve():
        return "bundled"
    if resolved == Path(last_good).resolve():
        return "last good copy"
    return str(resolved)


def content_entry(content_hash: str, source: str, now: float, previous: Document | None) -> Document:
    """The content shown; ``date`` is when this content was first accepted, kept across restarts and reloads of
    the same content (a nightly restart is not a content update)."""
    before = (previous or {}).get("content") or {}
    same = before.get("hash") == content_hash and before.get("date")
    return {"hash": content_hash, "date": before["date"] if same else local_time(now), "source": source}


def rejected_entry(content_hash: str, problems: list[dict[str, Any]], now: float) -> Document:
    return {"hash": content_hash, "at": local_time(now), "reason": problems}


def runtime_status(pid: int, started: float, version: str, *, content: Document) -> Document:
    """The document the running kiosk starts with; its publisher updates ``content``, ``rejected``, ``screen``."""
    return {
        "format": FORMAT,
        "pid": pid,
        "process_start": process_start_ticks(pid),
        "started_at": local_time(started),
        "version": version,
        "content": content,
        "rejected": None,
        "screen": None,
        "updated_at": local_time(started),
    }


# --- the reader's side -------------------------------------------------------------------------------------


def is_running(runtime: Document | None) -> bool:
    """The pid the file names is alive, is the same process that wrote it, and is a kiosk."""
    if not runtime or not isinstance(runtime.get("pid"), int):
        return False
    pid: int = runtime["pid"]
    if not _alive(pid):
        return False
    ticks = process_start_ticks(pid)
    if ticks is None or runtime.get("process_start") is None:  # no /proc: a live pid is all there is to go on
        return True
    if ticks != runtime["process_start"]:
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"kiosk" in command


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) there sends Ctrl+C to the process
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except PermissionError:  # alive, another user's: the start time still tells whether it is the kiosk
        return True
    except OSError:
        return False
    return True


def last_logged_error(log_dir: Path) -> Document | None:
    """The newest ERROR or CRITICAL record in the kiosk's log files, newest file first."""
    files = sorted(Path(log_dir).glob(f"{LOG_FILE_NAME}*"), key=_rotation_index)
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in reversed(lines):
            found = _LOG_ERROR.match(line)
            if found:
                at, logger, message = found.groups()
                return {"at": _iso_from_log(at), "message": f"{logger}: {message}"[:300]}
    return None


def _rotation_index(path: Path) -> int:
    suffix = path.name[len(LOG_FILE_NAME):].lstrip(".")
    return int(suffix) if suffix.isdigit() else 0


def _iso_from_log(stamp: str) -> str:
    return dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").astimezone().isoformat(timespec="seconds")


def last_recorded_error(db: Path) -> Document | None:
    """The newest ``error`` app event in the analytics database (minute precision)."""
    row = _query(db, "SELECT at, detail FROM app_events WHERE kind = 'error' ORDER BY at DESC, id DESC LIMIT 1")
    if not row:
        return None
    at = dt.datetime.strptime(row[0], "%Y-%m-%d %H:%M").astimezone().isoformat(timespec="seconds")
    return {"at": at, "message": str(row[1])}


def last_error(log_dir: Path, db: Path) -> Document | None:
    """The later of the log's and the database's last error; the log's when both say the same minute."""
    logged, recorded = last_logged_error(log_dir), last_recorded_error(db)
    if logged is None or recorded is None:
        return logged or recorded
    return recorded if recorded["at"][:16] > logged["at"][:16] else logged


def visits_today(db: Path, now: float) -> int | None:
    """Visits begun today (local time), finished or not; None without a database."""
    row = _query(db, "SELECT COUNT(*) FROM sessions WHERE started_at >= ?", dt.date.fromtimestamp(now).isoformat())
    return None if row is None else int(row[0])


def _query(db: Path, sql: str, *params: Any) -> tuple[Any, ...] | None:
    """One row, read-only: the kiosk may be writing (WAL lets both go on). None when there is no database."""
    if not Path(db).is_file():
        return None
    try:
        conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row: tuple[Any, ...] | None = conn.execute(sql, params).fetchone()
            return row
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def collect(
    *,
    name: str | None,
    version: str,
    log_dir: Path,
    db: Path,
    now: float | None = None,
) -> Document:
    """The whole ``kiosk status --json`` document. Not running: what the last run published, without its pid."""
    now = time.time() if now is None else now
    runtime = read_status(status_path(log_dir))
    running = is_running(runtime)
    published = runtime or {}
    started = parse_local_time(published.get("started_at", "")) if running else None
    content = dict(published.get("content") or {"hash": None, "date": None, "source": None})
    content["rejected"] = published.get("rejected")
    return {
        "name": name or socket.gethostname(),
        "version": published.get("version", version) if running else version,
        "running": running,
        "pid": published.get("pid") if running else None,
        "started_at": published.get("started_at") if running else None,
        "uptime_s": None if started is None else max(0, int(now - started)),
        "content": content,
        "last_error": last_error(log_dir, db),
        "visits_today": visits_today(db, now),
        "screen": published.get("screen"),
        "checked_at": local_time(now),
    }


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return "-"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return f"{days}d {hours:02d}h {rest // 60:02d}m"


def format_status(document: Mapping[str, Any]) -> str:
    """The human table of ``kiosk status``."""
    content = document.get("content") or {}
    screen = document.get("screen")
    state = f"running (pid {document['pid']}), up {_duration(document['uptime_s'])}" if document["running"] \
        else "not running"
    lines = [
        ("kiosk", str(document["name"])),
        ("state", state),
        ("version", str(document["version"])),
        ("content", f"{content.get('hash') or '-'} since {content.get('date') or '-'} "
                    f"({content.get('source') or '-'})"),
    ]
    rejected = content.get("rejected")
    if rejected:
        reasons = rejected.get("reason") or []
        first = reasons[0] if reasons else {}
        where = ":".join(str(first[k]) for k in ("file", "line") if first.get(k))
        lines.append(("rejected", f"{rejected.get('hash')} at {rejected.get('at')}: {len(reasons)} problem(s)"))
        if first:
            field = f" {first['field']}:" if first.get("field") else ""
            lines.append(("", f"{where}{field} {first.get('message', '')}".strip()))
    error = document.get("last_error")
    lines.append(("last error", f"{error['at']} {error['message']}" if error else "none"))
    visits = document.get("visits_today")
    lines.append(("visits today", "-" if visits is None else str(visits)))
    if screen:
        size = f"{screen['width']}x{screen['height']}"
        mm = f", {screen['width_mm']}x{screen['height_mm']} mm" if screen.get("width_mm") else ""
        diagonal = f", {screen['diagonal_in']}\"" if screen.get("diagonal_in") else ""
        refresh = f", {screen['refresh_hz']} Hz" if screen.get("refresh_hz") else ""
        lines.append(("screen", f"{screen['name'] or '?'} {size}{mm}{diagonal}{refresh}"))
    else:
        lines.append(("screen", "-"))
    width = max(len(key) for key, _ in lines)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in lines)
