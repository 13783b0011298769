"""``kiosk --self-test``: does this installation work? Checked the way a visitor would find out, minus the visitor.

It resolves the settings as ``kiosk run`` does, loads and validates the configured content, checks that every
image the content names resolves to a file, builds the real application (offscreen when there is no display,
or when asked), checks the typefaces were registered and the QML loaded without a warning, then shows every
place a visitor can reach once (:func:`kiosk.core.presentation.screens.screen_links`: Attract, Home, every slide
of every chapter, each document, the timeline, the people, each person, the myth), grabs the frame and checks it
is not blank. Prints one line per check; exit 0 when all pass, 1 otherwise.

Used by technicians after installing or updating a kiosk, by CI on the frozen build, and by
``packaging/install.sh`` before it switches to a new version.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.presentation.screens import screen_links

EXPECTED_FAMILIES = ("PT Sans", "PT Serif", "PT Mono")
DEFAULT_SIZE = (1920, 1080)
CHANGE_TIMEOUT_SECONDS = 10.0  # a screen change under a virtual machine's emulated processor
SETTLE_SECONDS = 0.35  # a screen's fade (Theme.normal, 240 ms) plus the asynchronous image loads
IMAGE_TIMEOUT_SECONDS = 15.0


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}{': ' + self.detail if self.detail else ''}"


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    out = None  # where lines are printed as they come (None: not printed)

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        check = Check(name, ok, detail)
        self.checks.append(check)
        if self.out is not None:
            print(check.line(), file=self.out, flush=True)
        return ok

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def ok(self) -> bool:
        return bool(self.checks) and not self.failed


def main(args: argparse.Namespace) -> int:
    """The command: print each check as it is made, then a summary."""
    started = time.monotonic()
    report = Report()
    report.out = sys.stdout
    try:
        run_checks(
            report,
            content_dir=getattr(args, "content", None),
            config_file=getattr(args, "config", None),
            size=getattr(args, "size", None) or DEFAULT_SIZE,
            force_offscreen=bool(getattr(args, "offscreen", False)),
            screenshots=getattr(args, "screenshots", None),
        )
    except Exception as exc:  # a bug in the app shows up here as a failed check, with its traceback logged
        import logging

        logging.getLogger("kiosk").exception("self-test crashed")
        report.add("self-test", False, f"crashed: {type(exc).__name__}: {exc}")
    seconds = time.monotonic() - started
    if report.ok:
        print(f"self-test passed: {len(report.checks)} checks in {seconds:.1f} s", flush=True)
        return 0
    print(f"self-test FAILED: {len(report.failed)} of {len(report.checks)} checks failed ({seconds:.1f} s):")
    for check in report.failed:
        print(f"  {check.line()}")
    sys.stdout.flush()
    return 1


def run_checks(
    report: Report,
    *,
    content_dir: Path | None = None,
    config_file: Path | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    force_offscreen: bool = False,
    screenshots: Path | None = None,
    media_roots: list[Path] | None = None,
    settle_seconds: float = SETTLE_SECONDS,
) -> None:
    from kiosk import __version__, paths
    from kiosk.core.content.loader import load_content
    from kiosk.core.content.problems import ContentError, Severity, format_report
    from kiosk.core.ops.config import CliOverrides, ConfigError, resolve_settings
    from kiosk.qt.offscreen import choose_platform

    forced = choose_platform(force_offscreen)
    report.add("version", True, f"Testament Kiosk {__version__}{' (frozen)' if paths.is_frozen() else ''}")

    try:
        settings = resolve_settings(CliOverrides(config_file=config_file, content_dir=content_dir), os.environ)
    except ConfigError as exc:
        report.add("settings", False, str(exc))
        return
    config = f"{settings.config_file} ({settings.sources['config_file']})" if settings.config_file else "none"
    report.add("settings", True, f"config {config}")

    report.add(*_log_dir_check(settings.log_dir))

    try:
        extra = {"media_roots": media_roots} if media_roots is not None else {}
        content = load_content(settings.content_dir, **extra)
    except ContentError as exc:
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]  # warnings would drown them
        report.add(
            "content",
            False,
            f"{settings.content_dir} ({settings.sources['content_dir']}) is not usable "
            f"({len(errors)} error(s); 'kiosk validate' lists everything):\n" + format_report(errors),
        )
        return
    slides = sum(len(c.slides) for c in content.chapters)
    report.add(
        "content",
        True,
        f"{settings.content_dir} ({settings.sources['content_dir']}), hash {content.content_hash}, "
        f"{len(content.chapters)} chapters, {slides} slides, {len(content.warnings)} warning(s)",
    )

    missing, count = missing_images(content)
    report.add(
        "images",
        not missing,
        f"{count} image references resolve" if not missing else "not found: " + ", ".join(missing[:10]),
    )

    render_screens(report, content, size=size, platform=forced, screenshots=screenshots, settle=settle_seconds)


def _log_dir_check(log_dir: Path) -> tuple[str, bool, str]:
    probe = log_dir / f".self-test-{os.getpid()}"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return "log folder", False, f"{log_dir} is not writable: {exc}"
    return "log folder", True, str(log_dir)


def image_sources(content) -> list[str]:
    """Every image ``src`` the content names, in file order, without repeats."""
    from kiosk.core.content.model import Image
    from kiosk.core.content.validation import walk

    documents = [
        content.exhibit,
        content.people,
        content.timeline,
        *content.documents.values(),
        *content.chapters,
    ]
    seen: dict[str, None] = {}
    for document in documents:
        for _path, node in walk(document):
            if isinstance(node, Image):
                seen.setdefault(node.src, None)
    return list(seen)


def missing_images(content) -> tuple[list[str], int]:
    """(the image files that do not resolve, how many references were checked), per language for ``{lang}``."""
    missing: list[str] = []
    count = 0
    for src in image_sources(content):
        for language in content.languages if "{lang}" in src else [None]:
            count += 1
            if content.resolve_media(src, language) is None:
                missing.append(src.replace("{lang}", language) if language else src)
    return missing, count


def blank_reason(frame) -> str | None:
    """Why a grabbed frame (QImage) looks blank (:func:`kiosk.core.proof.checks.blank_reason`), or None."""
    from PySide6.QtCore import Qt

    from kiosk.core.proof.checks import blank_reason as picture_blank_reason
    from kiosk.qt.proof.frame import to_pil

    if frame.isNull() or frame.width() == 0 or frame.height() == 0:
        return "nothing was rendered (empty frame)"
    small = frame.scaled(240, 135, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return picture_blank_reason(to_pil(small))


def render_screens(
    report: Report,
    content,
    *,
    size: tuple[int, int],
    platform: str | None,
    screenshots: Path | None,
    settle: float,
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, qVersion

    from kiosk.app import KioskApp
    from kiosk.qt.items import IMAGE_ERROR, IMAGE_LOADING, ImageStatus, pump, showing_alone, wait_until
    from kiosk.qt.kiosk import KioskOptions

    kiosk_app = KioskApp(content, options=KioskOptions(), size=size)
    app = kiosk_app.app
    try:
        report.add("qt", True, f"Qt {qVersion()}, platform {app.platformName()}{' (forced)' if platform else ''}")
        families = kiosk_app.font_families  # what register_fonts() added, not what the system happens to have
        absent = [f for f in EXPECTED_FAMILIES if f not in families]
        found = ", ".join(f for f in EXPECTED_FAMILIES if f in families)
        searched = ", ".join(map(str, _fonts_dirs()))
        report.add(
            "fonts",
            not absent,
            found + (f"; not registered: {', '.join(absent)} (searched {searched})" if absent else ""),
        )
        window = kiosk_app.window
        if not report.add(
            "interface",
            window is not None and not kiosk_app.warnings,
            "QML loaded without warnings"
            if window is not None and not kiosk_app.warnings
            else "\n".join(kiosk_app.warnings) or "no window",
        ):
            return
        window.show()
        if not wait_until(window.isExposed, 10):
            report.add("window", False, "the window was never exposed")
            return
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
        kiosk = kiosk_app.kiosk
        for link in screen_links(content):
            opened = kiosk.visit.openLink(link)
            # the change over, however long a loaded machine takes: grabbed at its depth, a screen is the veil alone
            wait_until(lambda: showing_alone(window, kiosk.visit.screen), CHANGE_TIMEOUT_SECONDS)
            pump(settle)  # let the screen's fade finish
            # then the images it shows, which load on Qt's reader thread (a large original can take a second)
            images = ImageStatus(window)
            images.wait(IMAGE_TIMEOUT_SECONDS)
            if not opened:
                report.add(f"screen {link}", False, "the link did not open")
                continue
            if link.startswith("chapter/") and kiosk.visit.link != link:
                report.add(f"screen {link}", False, f"showed {kiosk.visit.link} instead")
                continue
            frame = window.grabWindow()
            if screenshots is not None:
                frame.save(str(screenshots / (link.replace("/", "_") + ".png")))
            reason = blank_reason(frame)
            failed = images.sources(IMAGE_LOADING, IMAGE_ERROR)
            if reason is None and failed:
                reason = "images not shown: " + ", ".join(failed[:5])
            report.add(f"screen {link}", reason is None, reason or "")
        if kiosk_app.warnings:
            report.add("interface", False, "QML warnings while showing the screens:\n" + "\n".join(kiosk_app.warnings))
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        if kiosk_app.window is not None:
            kiosk_app.window.hide()
        kiosk_app.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _fonts_dirs() -> list[Path]:
    from kiosk import paths

    return paths.fonts_dirs()
