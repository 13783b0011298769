"""The ``kiosk bench`` and ``kiosk soak`` subcommands, registered by kiosk/cli/__init__.py.

Only argparse here: ``kiosk run`` builds the same parser, so the work (Qt, the app) is imported when one of
these commands runs, never before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.args import screen_size


def register(sub) -> None:
    bench = sub.add_parser(
        "bench", help="measure start-up, content load, touch latency, frame times and memory (docs/performance.md)"
    )
    bench.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    bench.add_argument(
        "--screen", type=screen_size, default=(1920, 1080), metavar="WxH", help="window size (1920x1080)"
    )
    bench.add_argument("--runs", type=int, default=5, metavar="N", help="fresh processes per start-up figure (5)")
    bench.add_argument("--exe", type=Path, metavar="PATH", help="also time an installed build's executable")
    bench.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    bench.add_argument(
        "--offscreen", action="store_true", help="render offscreen even with a display (default: only without one)"
    )
    bench.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["startup", "load", "tour", "idle"],
        help="leave a part out (the bare window goes with startup)",
    )
    bench.add_argument(
        "--idle-display",
        choices=["xvfb", "cage", "none"],
        help="where the idle part runs kiosk run fullscreen: a private Xvfb (the default where Xvfb is installed, "
        "else none), cage's headless backend (Attract only), or nowhere",
    )
    bench.add_argument(
        "--idle-seconds", type=float, default=10.0, metavar="S", help="length of each idle measurement (10)"
    )
    bench.add_argument(
        "--idle-settle", type=float, default=3.0, metavar="S", help="wait after the first frame before measuring (3)"
    )
    bench.add_argument("--part", choices=["load", "tour"], help=argparse.SUPPRESS)  # what a child process runs
    bench.add_argument("--data", type=Path, help=argparse.SUPPRESS)  # a child's data folder, as kiosk run's
    bench.set_defaults(func=_bench)

    soak = sub.add_parser(
        "soak", help="random visitor actions on the real interface, offscreen; exit 1 on errors, warnings or leaks"
    )
    soak.add_argument("--actions", type=int, default=1000, metavar="N", help="how many actions (1000)")
    soak.add_argument("--seed", type=int, default=1, metavar="S", help="random seed: same seed, same actions (1)")
    soak.add_argument(
        "--screen", type=screen_size, default=(1920, 1080), metavar="WxH", help="window size (1920x1080)"
    )
    soak.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    soak.add_argument(
        "--max-growth", type=float, default=2.0, metavar="PCT", help="memory growth allowed after warm-up, in %% (2)"
    )
    soak.add_argument("--json", action="store_true", help="print the report as JSON")
    soak.add_argument("--quiet", action="store_true", help="no progress lines")
    soak.set_defaults(func=_soak)


def _bench(args: argparse.Namespace) -> int:
    return _developer_tool("bench", args)


def _soak(args: argparse.Namespace) -> int:
    return _developer_tool("soak", args)


def _developer_tool(command: str, args: argparse.Namespace) -> int:
    """Run from a checkout: the bench's bare window and crossfade are QML files the installed build does not carry,
    and an installed build's start-up is timed from outside (``--exe``)."""
    from importlib import import_module

    from kiosk import paths

    if paths.is_frozen():
        print(f"kiosk {command}: not in the installed build: run it from a checkout "
              "('kiosk bench --exe PATH' times an installed build's start-up from there)", file=sys.stderr)
        return 2
    # PySide6 imported the kiosk's way before anything looks into it, as kiosk run does: looked into first, its
    # package left its own import statement in place, which read the source of every module imported after it
    # (4.3 MB kept by linecache over the bench's tour, which a kiosk never holds: kiosk/qt/__init__.py)
    import kiosk.qt  # noqa: F401

    tool: int = import_module(f"kiosk.tools.perf.{command}").main(args)
    return tool
