"""``kiosk media …``: the command-line face of the media pipeline (registered by :mod:`kiosk.cli`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path

# Draws the interface's icons beside the generated art: (icons folder, force) -> exit code. Given by the CLI
# layer, because the icons are drawn with Qt, which this package never imports.
IconDrawer = Callable[[Path, bool], int]


def register(subparsers: argparse._SubParsersAction, *, draw_icons: IconDrawer | None = None) -> None:
    media = subparsers.add_parser("media", help="generate period art and narration, build image renditions")
    sub = media.add_subparsers(dest="media_command", metavar="{generate,narrate,build,bench}", required=True)

    gen = sub.add_parser("generate", help="draw the exhibit's generated art into media/generated/")
    gen.add_argument("--content", type=Path, default=None, help="content folder (default: bundled content)")
    gen.add_argument("--out", type=Path, default=None, help="output folder (default: media/generated)")
    gen.add_argument("--force", action="store_true", help="redraw everything, even outputs that are current")
    gen.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    gen.add_argument("--only", action="append", default=None, metavar="GLOB",
                     help="only outputs whose name matches, e.g. 'chapters/*' (repeatable)")
    gen.add_argument("--size-factor", type=float, default=1.0, help=argparse.SUPPRESS)  # small test renders
    gen.set_defaults(func=partial(_cmd_generate, draw_icons=draw_icons))

    narrate = sub.add_parser("narrate", help="speak every text of the exhibit into media/narration/")
    narrate.add_argument("--content", type=Path, default=None, help="content folder (default: bundled content)")
    narrate.add_argument("--out", type=Path, default=None, help="output folder (default: media/narration)")
    narrate.add_argument("--force", action="store_true", help="speak everything again, even what is current")
    narrate.add_argument("--jobs", type=int, default=None, help="parallel encoders (default: number of cores)")
    narrate.set_defaults(func=_cmd_narrate)

    build = sub.add_parser("build", help="build renditions of photographs and generated art")
    build.add_argument("--content", type=Path, default=None, help="content folder (default: bundled content)")
    build.add_argument("--out", type=Path, default=None, help="media folder (default: media/)")
    build.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    build.set_defaults(func=_cmd_build)

    bench = sub.add_parser("bench", help="time the rendition builder on synthetic 24-MP photographs")
    bench.add_argument("--images", type=int, default=4, help="how many 24-MP sources (default 4)")
    bench.add_argument("--jobs", type=int, default=None)
    bench.set_defaults(func=_cmd_bench)


def _cmd_generate(args: argparse.Namespace, *, draw_icons: IconDrawer | None) -> int:
    from kiosk import paths
    from kiosk.core.media.generate import run_generate

    code = run_generate(content_dir=args.content, out_dir=args.out, force=args.force, jobs=args.jobs,
                        only=args.only, size_factor=args.size_factor)
    if draw_icons is not None and not args.only:
        code = max(code, draw_icons((args.out or paths.generated_media_dir()).parent / "icons", args.force))
    return code


def _cmd_narrate(args: argparse.Namespace) -> int:
    from kiosk.core.media.narration import run_narrate

    return run_narrate(content_dir=args.content, out_dir=args.out, force=args.force, jobs=args.jobs)


def _cmd_build(args: argparse.Namespace) -> int:
    from kiosk.core.media.build import run_build

    return run_build(content_dir=args.content, media_root=args.out, jobs=args.jobs)


def _cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.core.media.bench import run_bench

    return run_bench(images=args.images, jobs=args.jobs)
