"""``kiosk proof``: the command line of the proof sheets (registered by :mod:`kiosk.cli`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_SCREENS = "1920x1080,3840x2160,1080x1920"


def register(subparsers: argparse._SubParsersAction) -> None:
    proof = subparsers.add_parser(
        "proof",
        help="render every view in every language and screen shape, with contact sheets and a report of problems",
        description=(
            "Render every view a visitor can reach (offscreen) for each language and screen shape, save PNGs, "
            "contact sheets, index.html and report.json, and report text that does not fit or is too small, "
            "low contrast, small touch targets, blurry or missing images and missing translations, each with "
            "the content file and field that causes it."
        ),
    )
    proof.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    proof.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the images and the report")
    proof.add_argument("--lang", default="all", metavar="all|en,ru", help="languages to render (default: all)")
    proof.add_argument(
        "--screens", default=DEFAULT_SCREENS, metavar="WxH,...", help=f"screen shapes (default: {DEFAULT_SCREENS})"
    )
    proof.add_argument(
        "--diagonal", type=float, default=32.0, metavar="INCHES",
        help="physical diagonal of the screens, for millimetre sizes (default: 32)",
    )
    proof.add_argument(
        "--only", action="append", metavar="GLOB", help="only views whose name matches, e.g. '03-chapter-dictation-*'"
    )
    proof.add_argument("--strict", action="store_true", help="exit 1 when any problem is found")
    proof.set_defaults(func=main)


def parse_screens(text: str, diagonal: float):
    from kiosk.tools.proof.render import Shape

    shapes = []
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        try:
            width, height = (int(v) for v in part.split("x"))
        except ValueError:
            raise ValueError(f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {part!r}") from None
        if width < 320 or height < 240:
            raise ValueError(f"{part}: a screen is at least 320x240")
        shapes.append(Shape(width, height, diagonal))
    if not shapes:
        raise ValueError("no screen shapes given")
    return shapes


def parse_languages(text: str, available: list[str]) -> list[str]:
    if text.strip().lower() in ("", "all"):
        return list(available)
    wanted = [code.strip() for code in text.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in available]
    if unknown:
        raise ValueError(f"unknown language(s) {', '.join(unknown)}; the exhibit has {', '.join(available)}")
    return wanted


def main(args: argparse.Namespace) -> int:
    import time

    from kiosk.tools.proof.render import prepare_qt_environment

    started = time.perf_counter()
    prepare_qt_environment()  # before anything imports Qt
    from kiosk import paths
    from kiosk.core.content.loader import load_content
    from kiosk.core.content.problems import ContentError, format_report
    from kiosk.core.media.progress import Progress
    from kiosk.core.proof.findings import has_errors, summary

    content_dir = args.content or paths.bundled_content_dir()
    if not content_dir.is_dir():
        print(f"kiosk proof: {content_dir} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        shapes = parse_screens(args.screens, args.diagonal)
    except ValueError as exc:
        print(f"kiosk proof: --screens: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.diagonal <= 0:
        print("kiosk proof: --diagonal must be positive", file=sys.stderr)
        return EXIT_USAGE
    try:
        content = load_content(content_dir)
    except ContentError as exc:
        print(format_report(exc.problems), file=sys.stderr)
        print("kiosk proof: the content does not validate; fix the errors above first", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        languages = parse_languages(args.lang, content.languages)
    except ValueError as exc:
        print(f"kiosk proof: --lang: {exc}", file=sys.stderr)
        return EXIT_USAGE

    from kiosk.tools.proof.run import run_proof
    from kiosk.tools.proof.sheets import terminal_lines, write_outputs
    from kiosk.tools.proof.workers import process_count, run_in_processes

    out = args.out
    processes = process_count(shapes, os.cpu_count())
    if processes > 1:
        result = run_in_processes(
            content, out, languages=languages, shapes=shapes, processes=processes, only=args.only,
            progress=lambda total: Progress(total, "proof"),
        )
    else:
        result = run_proof(
            content, out, languages=languages, shapes=shapes, only=args.only,
            progress=lambda total: Progress(total, "proof"),
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
