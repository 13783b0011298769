"""``kiosk proof``: the command line of the proof sheets (registered by :mod:`kiosk.cli`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.cli.args import language_list, screen_sizes

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_SCREENS = "1920x1080,3840x2160,1080x1920"


def register(subparsers: argparse._SubParsersAction) -> None:
    proof = subparsers.add_parser(
        "proof",
        help="render every view in every language and screen shape, with contact sheets and a report of problems",
        description=(
            "Render every view a visitor can reach (offscreen) for each language and screen shape, save PNGs, "
            "contact sheets, index.html and report.json, and report text that does not fit or is too small, "
            "low contrast, small touch targets, blurry or missing images and missing translations (with --low-reach, "
            "controls and texts out of a seated visitor's reach), each with the content file and field that causes "
            "it, and the narration of each view with its length."
        ),
    )
    proof.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    proof.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the images and the report")
    proof.add_argument(
        "--lang", type=language_list, default="all", metavar="all|en,ru", help="languages to render (default: all)"
    )
    proof.add_argument(
        "--screens", type=screen_sizes, default=DEFAULT_SCREENS, metavar="WxH,...",
        help=f"screen shapes (default: {DEFAULT_SCREENS})",
    )
    proof.add_argument(
        "--diagonal", type=float, default=32.0, metavar="INCHES",
        help="physical diagonal of the screens, for millimetre sizes (default: 32)",
    )
    proof.add_argument(
        "--low-reach", type=float, metavar="MM", dest="mounting_height_mm",
        help="render in low reach, the screen's bottom edge MM above the floor, and check that every control and "
        "text is 380-1220 mm above the floor",
    )
    proof.add_argument(
        "--only", action="append", metavar="GLOB", help="only views whose name matches, e.g. '03-chapter-dictation-*'"
    )
    proof.add_argument("--strict", action="store_true", help="exit 1 when any problem is found")
    proof.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    import time

    from kiosk.qt.offscreen import use_offscreen

    started = time.perf_counter()
    use_offscreen(keep_chosen=True)  # before the application and the rendering processes start
    # the interface of a kiosk that has sound (the audio buttons show only where a device opens), on machines
    # that have none: miniaudio's null device, inherited by the rendering processes
    os.environ.setdefault("KIOSK_AUDIO", "null")
    from kiosk import paths
    from kiosk.core.content.loader import load_content
    from kiosk.core.content.problems import ContentError, format_report
    from kiosk.core.media.progress import Progress
    from kiosk.core.proof.findings import has_errors, summary

    content_dir = args.content or paths.bundled_content_dir()
    if not content_dir.is_dir():
        print(f"kiosk proof: {content_dir} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.diagonal <= 0:
        print("kiosk proof: --diagonal must be positive", file=sys.stderr)
        return EXIT_USAGE
    if args.mounting_height_mm is not None and not 0 <= args.mounting_height_mm < 3000:
        print("kiosk proof: --low-reach is the screen's bottom edge above the floor, 0-3000 mm", file=sys.stderr)
        return EXIT_USAGE
    try:
        content = load_content(content_dir)
    except ContentError as exc:
        print(format_report(exc.problems), file=sys.stderr)
        print("kiosk proof: the content does not validate; fix the errors above first", file=sys.stderr)
        return EXIT_PROBLEMS
    languages = args.lang or list(content.languages)
    unknown = [code for code in languages if code not in content.languages]
    if unknown:
        print(
            f"kiosk proof: --lang: unknown language(s) {', '.join(unknown)}; "
            f"the exhibit has {', '.join(content.languages)}",
            file=sys.stderr,
        )
        return EXIT_USAGE

    from kiosk.tools.proof.render import Shape
    from kiosk.tools.proof.run import run_proof
    from kiosk.tools.proof.sheets import terminal_lines, write_outputs
    from kiosk.tools.proof.workers import process_count, run_in_processes

    shapes = [Shape(width, height, args.diagonal) for width, height in args.screens]
    out = args.out
    processes = process_count(shapes, os.cpu_count())
    if processes > 1:
        result = run_in_processes(
            content, out, languages=languages, shapes=shapes, processes=processes, only=args.only,
            progress=lambda total: Progress(total, "proof"), mounting_height_mm=args.mounting_height_mm,
        )
    else:
        result = run_proof(
            content, out, languages=languages, shapes=shapes, only=args.only,
            progress=lambda total: Progress(total, "proof"), mounting_height_mm=args.mounting_height_mm,
        )
    if not result.views:
        print("kiosk proof: no view matches --only", file=sys.stderr)
        return EXIT_USAGE
    index, report, _sheets = write_outputs(result, out)
    result.seconds = time.perf_counter() - started
    totals = summary(result.findings)
    for line in terminal_lines(result):
        print(line)
    print(f"open {index} (report: {report})", file=sys.stderr)
    print(
        f"{len(result.shots)} images ({len(result.views)} views × {len(languages)} languages × {len(shapes)} shapes) "
        f"in {result.seconds:.1f} s ({processes} process{'es' if processes > 1 else ''}); "
        f"{totals['errors']} problem(s), {totals['warnings']} warning(s)",
        file=sys.stderr,
    )
    if args.strict and has_errors(result.findings):
        return EXIT_PROBLEMS
    return EXIT_OK
