"""``kiosk status`` and ``kiosk snapshot``: a kiosk as a fleet's tools see it (registered by :mod:`kiosk.cli`).

Both run on the kiosk PC as the kiosk's user and find its files as ``kiosk run`` does (kiosk.core.ops.config):
the log folder holds the status file the running kiosk keeps, the user data folder the analytics database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_RUNNING, EXIT_FAILED, EXIT_USAGE, EXIT_NOT_RUNNING = 0, 1, 2, 3  # 3 as `systemctl status` says it


def register(subparsers: argparse._SubParsersAction) -> None:
    status = subparsers.add_parser(
        "status", help="what this kiosk is doing: content, errors, visits today, screen (exit 3 if not running)"
    )
    status.add_argument("--config", type=Path, help="kiosk.toml to use (default: as 'kiosk run' finds it)")
    status.add_argument("--json", action="store_true", help="machine-readable output (for Ansible and scripts)")
    status.set_defaults(func=_cmd_status)

    snapshot = subparsers.add_parser(
        "snapshot", help="copy the visits, the status and recent logs into a folder, for a fleet report"
    )
    snapshot.add_argument("--out", type=Path, required=True, metavar="DIR",
                          help="the snapshot folder (replaced whole if it exists)")
    snapshot.add_argument("--days", type=_days, default=7, metavar="N",
                          help="log files written in the last N days (default 7); the visits are always all copied")
    snapshot.add_argument("--config", type=Path, help="kiosk.toml to use (default: as 'kiosk run' finds it)")
    snapshot.set_defaults(func=_cmd_snapshot)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"expected a number of days (0 or more), not {text!r}")
    return days


def _settings(command: str, config: Path | None):
    from kiosk.core.ops.config import CliOverrides, ConfigError, resolve_settings

    try:
        return resolve_settings(CliOverrides(config_file=config), os.environ)
    except ConfigError as exc:
        print(f"kiosk {command}: the settings cannot be used: {exc}", file=sys.stderr)
        return None


def _status_document(settings) -> dict:
    from kiosk import __version__
    from kiosk.core.analytics.recorder import default_path
    from kiosk.core.ops.status import collect

    return collect(name=settings.name, version=__version__, log_dir=settings.log_dir, db=default_path())


def _cmd_status(args: argparse.Namespace) -> int:
    from kiosk.core.ops.status import format_status

    settings = _settings("status", args.config)
    if settings is None:
        return EXIT_USAGE
    document = _status_document(settings)
    print(json.dumps(document, indent=2, ensure_ascii=False) if args.json else format_status(document))
    return EXIT_RUNNING if document["running"] else EXIT_NOT_RUNNING


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from kiosk.core.analytics.recorder import default_path
    from kiosk.core.ops.snapshot import SnapshotError, take_snapshot

    settings = _settings("snapshot", args.config)
    if settings is None:
        return EXIT_USAGE
    try:
        out = take_snapshot(args.out, db=default_path(), status=_status_document(settings), log_dir=settings.log_dir,
                            days=args.days)
    except SnapshotError as exc:
        print(f"kiosk snapshot: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(out)
    return EXIT_RUNNING
