"""``kiosk snapshot``: what a fleet's collector fetches from a kiosk, taken while the kiosk runs.

A snapshot is one folder::

    DIR/analytics.sqlite3   the visits, copied through SQLite's online backup (one read transaction: consistent
                            even while the kiosk writes; a raw copy of a live WAL database is not), as one file
    DIR/status.json         the ``kiosk status --json`` document (kiosk.core.ops.status)
    DIR/logs/               the log files written in the last days (7 unless asked)

It is built in a hidden folder beside DIR and renamed into place, so a collector never finds half of one; an
older snapshot at DIR is replaced whole. ``kiosk report --db`` reads a folder of snapshots
(kiosk.core.analytics.fleet).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.core.analytics.recorder import DB_NAME
from kiosk.core.ops.logs import FAULT_FILE_NAME, LOG_FILE_NAME

STATUS_FILE = "status.json"
LOGS_FOLDER = "logs"
DEFAULT_LOG_DAYS = 7


class SnapshotError(Exception):
    """The snapshot cannot be taken (no database, a folder that cannot be written); one line for people."""


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database in one self-contained file (no -wal beside it)."""
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise SnapshotError(f"cannot open the analytics database {source}: {exc}") from None
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # the copy carries the live database's WAL mode: a fetched file must open alone, even read-only
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise SnapshotError(f"cannot copy the analytics database {source}: {exc}") from None
    finally:
        src.close()


def recent_logs(log_dir: Path, days: int, now: float) -> list[Path]:
    """The kiosk's log files (rotated ones too, and native crash reports) written in the last ``days`` days."""
    since = now - days * 86400
    found = [*Path(log_dir).glob(f"{LOG_FILE_NAME}*"), Path(log_dir) / FAULT_FILE_NAME]
    return sorted(p for p in found if p.is_file() and p.stat().st_mtime >= since)


def take_snapshot(
    out: Path,
    *,
    db: Path,
    status: Mapping[str, Any],
    log_dir: Path,
    days: int = DEFAULT_LOG_DAYS,
    now: float | None = None,
) -> Path:
    """Write the snapshot folder ``out`` (replacing an older one) and return it."""
    now = time.time() if now is None else now
    if not Path(db).is_file():
        raise SnapshotError(f"no analytics database at {db} (analytics off, or the kiosk never ran here)")
    out = Path(out).absolute()
    tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp = out.parent / f".{out.name}.tmp-{tag}"
    old = out.parent / f".{out.name}.old-{tag}"
    try:
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise SnapshotError(f"cannot write into {out.parent}: {exc.strerror or exc}") from None
    try:
        copy_database(Path(db), tmp / DB_NAME)
        (tmp / STATUS_FILE).write_text(json.dumps(status, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        logs = tmp / LOGS_FOLDER
        logs.mkdir()
        for path in recent_logs(log_dir, days, now):
            shutil.copy2(path, logs / path.name)
        _sync_folder(tmp)
        # Two renames: a folder cannot be renamed over a non-empty one.
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
    except OSError as exc:
        raise SnapshotError(f"cannot write the snapshot {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return out


def _sync_folder(folder: Path) -> None:
    """Its files on disk before the rename makes them visible: a power cut never leaves an empty snapshot."""
    for path in [*folder.rglob("*"), folder]:
        if path.is_file():
            with path.open("rb") as stream:
                os.fsync(stream.fileno())
