"""``kiosk --self-test``: does this installation work? Checked the way a visitor would find out, minus the visitor.

It resolves the settings as ``kiosk run`` does, loads and validates the configured content, checks that every
image the content names resolves to a file, builds the real application (offscreen when there is no display,
or when asked), checks the typefaces were registered and the QML loaded without a warning, then shows every
screen once (Attract, Home, every slide of every chapter, the document, timeline, people and myth screens),
grabs the frame and checks it is not blank. Prints one line per check; exit 0 when all pass, 1 otherwise.

Used by technicians after installing or updating a kiosk, by CI on the frozen build, and by
``packaging/install.sh`` before it switches to a new version.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

EXPECTED_FAMILIES = ("PT Sans", "PT Serif", "PT Mono")
DEFAULT_SIZE = (1920, 1080)
SETTLE_SECONDS = 0.35  # a screen's fade (Theme.normal, 240 ms) plus the asynchronous image loads
# A frame counts as blank when almost every pixel (of a downscaled copy) has the most common colour.
MIN_NON_BACKGROUND = 0.004


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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, help="content folder (default: as 'kiosk run' resolves it)")
    parser.add_argument("--config", type=Path, help="kiosk.toml to use")
    parser.add_argument(
        "--size", type=_size, default=DEFAULT_SIZE, metavar="WxH", help="window size (default 1920x1080)"
    )
    parser.add_argument(
        "--offscreen", action="store_true", help="render offscreen even with a display (default: only without one)"
    )
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="save every rendered screen as a PNG here")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {text!r}") from None
    return width, height


def has_display(environ=os.environ) -> bool:
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a desktop to draw on


def choose_platform(force_offscreen: bool, environ=os.environ) -> str | None:
    """Set ``QT_QPA_PLATFORM=offscreen`` (and Qt Quick's software renderer) before any QApplication exists,
    when asked to or when there is no display. Returns the platform forced, if any."""
    if force_offscreen or not has_display(environ):
        environ["QT_QPA_PLATFORM"] = "offscreen"
        # Offscreen has no OpenGL context to share with a GPU; the software renderer always works.
        environ.setdefault("QT_QUICK_BACKEND", "software")
        return "offscreen"
    return None


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


def screen_links(content) -> list[str]:
    """Every screen a visitor can reach, once; every slide of every chapter."""
    links = ["attract", "home"]
    for chapter in content.chapters:
        links += [f"chapter/{chapter.id}/{index}" for index in range(len(chapter.slides))]
    if content.documents:
        links.append(f"document/{next(iter(content.documents))}/0")
    links += ["timeline", "people", "myth"]
    return links


def blank_reason(image) -> str | None:
    """Why a grabbed frame (QImage) looks blank, or None when something is drawn on it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if image.isNull() or image.width() == 0 or image.height() == 0:
        return "nothing was rendered (empty frame)"
    small = image.scaled(240, 135, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    small = small.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(small.constBits())[: small.sizeInBytes()]
    pixels = Counter(data[i : i + 4] for i in range(0, len(data), 4))
    colour, most = pixels.most_common(1)[0]
    share = 1 - most / (small.width() * small.height())
    if share < MIN_NON_BACKGROUND:
        b, g, r = colour[0], colour[1], colour[2]
        return f"blank: {100 * (1 - share):.1f}% of the frame is #{r:02x}{g:02x}{b:02x}"
    return None


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
        if not _wait(lambda: window.isExposed(), 10):
            report.add("window", False, "the window was never exposed")
            return
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
        kiosk = kiosk_app.kiosk
        for link in screen_links(content):
            opened = kiosk.openLink(link)
            _wait(lambda: False, settle)  # let the screen's fade finish
            # then the images it shows, which load on Qt's reader thread (a large original can take a second)
            _wait(lambda: not images_in(window, LOADING), IMAGE_TIMEOUT_SECONDS)
            if not opened:
                report.add(f"screen {link}", False, "the link did not open")
                continue
            if link.startswith("chapter/") and kiosk.link != link:
                report.add(f"screen {link}", False, f"showed {kiosk.link} instead")
                continue
            frame = window.grabWindow()
            if screenshots is not None:
                frame.save(str(screenshots / (link.replace("/", "_") + ".png")))
            reason = blank_reason(frame)
            failed = images_in(window, LOADING | ERROR)
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


# QQuickImage.status: Null 0, Ready 1, Loading 2, Error 3
LOADING, ERROR = 1 << 2, 1 << 3
IMAGE_TIMEOUT_SECONDS = 15.0


def images_in(window, statuses: int) -> list[str]:
    """Sources of the visible Image items of ``window`` whose status is in ``statuses`` (a bit set)."""
    found: list[str] = []
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue  # a screen that is not showing, and everything in it
        stack.extend(item.childItems())
        if item.inherits("QQuickImageBase"):
            status = _image_status(item)
            if (1 << status) & statuses:
                found.append(item.property("source").toString())
    return found


def _image_status(item) -> int:
    # PySide cannot convert the QQuickImageBase::Status enum that item.property("status") returns; QML can.
    from PySide6.QtQml import QQmlEngine, QQmlExpression

    context = QQmlEngine.contextForObject(item) or _root_context(item)
    value, _undefined = QQmlExpression(context, item, "status").evaluate()
    return int(value)


def _root_context(item):
    from PySide6.QtQml import qmlEngine

    return qmlEngine(item).rootContext()


def _wait(condition, seconds: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, int(min(left, 0.02) * 1000))
        time.sleep(min(left, 0.005))


def _fonts_dirs() -> list[Path]:
    from kiosk import paths

    return paths.fonts_dirs()
