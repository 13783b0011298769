"""``kiosk report``: the visitor analytics report for staff (registered by :mod:`kiosk.cli`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.args import date


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="write the visitor analytics report (CSV files and index.html)")
    report.add_argument("--since", type=date, metavar="DATE", help="first day to include, YYYY-MM-DD")
    report.add_argument("--until", type=date, metavar="DATE", help="last day to include, YYYY-MM-DD")
    report.add_argument("--db", type=Path, action="append", metavar="PATH",
                        help="analytics database (default: analytics.sqlite3 in the user data folder); repeat it, or "
                             "name a folder of 'kiosk snapshot' folders or *.sqlite3 files, for a fleet's report")
    report.add_argument("--content", type=Path, metavar="DIR",
                        help="content folder, for the chapters' order (default: the bundled content)")
    report.add_argument("--no-charts", action="store_true", help="tables only, even when matplotlib is installed")
    report.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write the report into")
    report.set_defaults(func=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    from kiosk import paths
    from kiosk.core.analytics.queries import ReportError, build_fleet_report, build_report
    from kiosk.core.analytics.recorder import default_path
    from kiosk.core.analytics.writers import MATPLOTLIB_HINT, write_report
    from kiosk.core.content.scan import chapter_order

    if args.since and args.until and args.since > args.until:
        print("kiosk report: --since is after --until", file=sys.stderr)
        return 2
    places = args.db or [default_path()]
    options = {"since": args.since, "until": args.until,
               "chapter_order": chapter_order(args.content or paths.bundled_content_dir())}
    try:
        if len(places) == 1 and not places[0].is_dir():  # one kiosk's database, as on the kiosk itself
            report = build_report(places[0], **options)
        else:
            report = build_fleet_report(places, **options)
    except ReportError as exc:
        print(f"kiosk report: {exc}", file=sys.stderr)
        return 1
    index, charts = write_report(report, args.out, charts=not args.no_charts)
    kiosks = f" from {len(report.kiosks)} kiosk(s)" if report.kiosks else ""
    print(f"{report.summary['sessions']} visit(s){kiosks}; report in {index} ({report.seconds:.2f} s of queries)")
    if not charts and not args.no_charts:
        print(f"kiosk report: {MATPLOTLIB_HINT}", file=sys.stderr)
    return 0
