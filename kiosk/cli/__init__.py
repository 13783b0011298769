"""The ``kiosk`` command: run the exhibit and the curator and technician tools.

Heavy imports (Qt, Pillow, pydantic) happen inside the subcommands so ``kiosk --help`` and ``kiosk validate``
stay quick, and the run command pays only for what the first frame needs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.args import screen_size

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from kiosk import __version__

    parser = argparse.ArgumentParser(prog="kiosk", description="Testament Kiosk: a museum touchscreen exhibit.")
    parser.add_argument("--version", action="store_true", help="print app, Qt and content versions and exit")
    parser.add_argument("--self-test", action="store_true", help="check this installation works (= self-test)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run the exhibit (fullscreen kiosk unless --windowed)")
    run.add_argument("--content", type=Path, help="content folder (default: see README, Configuration)")
    run.add_argument("--config", type=Path, help="kiosk.toml to use")
    run.add_argument("--language", help="start language, e.g. en or ru")
    run.add_argument(
        "--windowed",
        nargs="?",
        const=(1280, 720),
        type=screen_size,
        metavar="WxH",
        help="a normal window for development and curators (default 1280x720)",
    )
    run.add_argument("--preview", action="store_true", help="windowed, reloads content when files change")
    run.set_defaults(func=_run)

    validate = sub.add_parser("validate", help="check a content folder and report every problem")
    validate.add_argument("content", nargs="?", type=Path, help="content folder (default: the bundled content)")
    validate.add_argument(
        "--sources",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="folder holding external source texts to prove quotations against (repeatable)",
    )
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.set_defaults(func=_validate)
    # the kiosk's own: content validated in a process of its own for a running kiosk (kiosk.core.content.apart),
    # answered on standard output as a pickle; no help, so that it is not listed
    apart = sub.add_parser("validate-apart")
    apart.add_argument("content", type=Path)
    apart.add_argument("--checks", type=Path, help="the running kiosk's data folder (kiosk.core.content.snapshot)")
    apart.set_defaults(func=_validate_apart)

    schema = sub.add_parser("schema", help="regenerate the JSON Schemas in content/schema/")
    schema.add_argument("content", nargs="?", type=Path, help="content folder (default: the bundled content)")
    schema.add_argument("--check", action="store_true", help="exit 1 if the schemas are out of date")
    schema.set_defaults(func=_schema)

    pin = sub.add_parser("hash-pin", help="hash a staff PIN for kiosk.toml")
    pin.add_argument("pin", help="the PIN (digits)")
    pin.set_defaults(func=_hash_pin)

    from kiosk.cli import media as media_commands

    media_commands.register(sub, draw_icons=_draw_icons)
    from kiosk.cli import report as report_cli  # visitor analytics report

    report_cli.register(sub)
    from kiosk.cli import status as status_commands  # kiosk status, kiosk snapshot: a fleet's view of a kiosk

    status_commands.register(sub)
    from kiosk.cli import proof as proof_command  # curator proof sheets (docs/curator-guide.md)

    proof_command.register(sub)
    from kiosk.cli import perf as perf_commands  # kiosk bench, kiosk soak (docs/performance.md)

    perf_commands.register(sub)
    # --- installed builds: self-test (kiosk/tools/selftest.py) ---
    self_test = sub.add_parser("self-test", help="check content, fonts, images and that every screen renders")
    self_test.add_argument("--content", type=Path, help="content folder (default: as 'kiosk run' resolves it)")
    self_test.add_argument("--config", type=Path, help="kiosk.toml to use")
    self_test.add_argument(
        "--size", type=screen_size, default=(1920, 1080), metavar="WxH", help="window size (default 1920x1080)"
    )
    self_test.add_argument(
        "--offscreen", action="store_true", help="render offscreen even with a display (default: only without one)"
    )
    self_test.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="save every rendered screen as a PNG here"
    )
    self_test.set_defaults(func=_self_test)
    # --- end installed builds ---
    parser.set_defaults(version_string=__version__)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        return _version(args)
    if args.self_test:  # installed builds
        return _self_test(args)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    return args.func(args)


def _version(args: argparse.Namespace) -> int:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from kiosk import paths
    from kiosk.core.content.scan import content_hash_of_folder

    print(f"Testament Kiosk {args.version_string}")
    print(f"Qt {qVersion()} (PySide6 {pyside_version})")
    print(f"content {content_hash_of_folder(paths.bundled_content_dir())} ({paths.bundled_content_dir()})")
    return EXIT_OK


def _default_content() -> Path:
    from kiosk import paths

    return paths.bundled_content_dir()


def _validate(args: argparse.Namespace) -> int:
    from kiosk.core.content.loader import load_content
    from kiosk.core.content.problems import ContentError, Severity, format_report
    from kiosk.core.content.waiting import waiting_slots

    content = args.content or _default_content()
    if not content.is_dir():
        print(f"kiosk validate: {content} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    for folder in args.sources:
        if not folder.is_dir():
            print(f"kiosk validate: --sources {folder} is not a folder", file=sys.stderr)
            return EXIT_USAGE
    try:
        loaded = load_content(content, sources_dirs=args.sources)
        problems, waiting = list(loaded.warnings), waiting_slots(loaded)
    except ContentError as exc:
        problems, waiting = exc.problems, []
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if args.json:
        report = {"content": str(content), "problems": [p.to_json() for p in problems]}
        print(json.dumps({**report, "waiting_for_photographs": waiting}, indent=2, ensure_ascii=False))
    else:
        if problems:
            print(format_report(problems))
        warnings = len(problems) - len(errors)
        print(f"{content}: {len(errors)} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _validate_apart(args: argparse.Namespace) -> int:
    from kiosk.core.content import apart

    apart.answer(args.content, sys.stdout.buffer, checks=args.checks)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from kiosk.core.content.schema import schema_documents, write_schemas

    content = args.content or _default_content()
    if args.check:
        stale = [
            name
            for name, text in schema_documents().items()
            if not (content / "schema" / name).is_file()
            or (content / "schema" / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"out of date: schema/{name} (run 'kiosk schema')")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_schemas(content):
        print(f"wrote {path}")
    return EXIT_OK


def _hash_pin(args: argparse.Namespace) -> int:
    from kiosk.core.visit.pin import hash_pin

    if not args.pin.isdigit() or not 4 <= len(args.pin) <= 12:
        print("kiosk hash-pin: a PIN is 4 to 12 digits", file=sys.stderr)
        return EXIT_USAGE
    print(f'pin_hash = "{hash_pin(args.pin)}"')
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    from kiosk import paths
    from kiosk.core.ops import heap
    from kiosk.core.ops.codecache import CodeCache, dataclass_methods

    heap.pause_collection()  # until kiosk.app.run starts the event loop, or the run ends before that
    # the start defines the kiosk's dataclasses as it imports their modules, here and inside run(); what had to be
    # compiled is kept when the run ends, as it does for a start that exits at its first frame (kiosk bench, the build)
    try:
        with dataclass_methods(CodeCache(paths.dataclass_code_cache(), keep=not paths.is_frozen())):
            from kiosk.app import run

            return run(args)
    finally:
        heap.resume_collection()


def _draw_icons(icons_dir: Path, force: bool) -> int:
    from kiosk import paths
    from kiosk.qt.icons import draw_icons

    report = draw_icons(paths.qml_import_dir() / "kiosk" / "qml", icons_dir, force=force)
    for name in report.removed:
        print(f"removed icon {name} (no longer in the QML)", file=sys.stderr)
    for message in report.errors:
        print(f"error: {message}", file=sys.stderr)
    print(f"media icons: {len(report.drawn)} drawn, {len(report.errors)} failed -> {icons_dir}", file=sys.stderr)
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def _self_test(args: argparse.Namespace) -> int:
    from kiosk.tools import selftest

    return selftest.main(args)
