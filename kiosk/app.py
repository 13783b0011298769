"""Wires the app together, once: settings, content, Qt application, QML engine, window, watchers.

Nothing else creates the objects that live for the whole run or reaches for global state; the objects made
here are handed to QML as the root window's required properties. Tests, the proof sheets and the
benchmarks build the same :class:`KioskApp` as ``kiosk run`` does.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk import __version__, paths
from kiosk.core.analytics import recorder as analytics
from kiosk.core.content import lastgood, snapshot
from kiosk.core.content.exhibit import Content
from kiosk.core.content.problems import ContentError, format_report
from kiosk.core.media.palette import INTERFACE_FONT_FILES
from kiosk.core.ops import diagnostics, heap
from kiosk.core.ops.config import CliOverrides, ConfigError, Settings, resolve_settings
from kiosk.core.visit.display import metrics_for

log = logging.getLogger("kiosk")

QML_MODULE = "kiosk.qml"
CHANGE_OVER_MS = 300  # a screen change's dip (Main.qml: Theme.normal, 240 ms) and a slide's turn are over by then


def register_fonts() -> list[str]:
    """Register the PT typefaces; a missing file is logged and Qt falls back to a system face."""
    from PySide6.QtGui import QFontDatabase

    families: list[str] = []
    for name in INTERFACE_FONT_FILES:
        path = next((d / name for d in paths.fonts_dirs() if (d / name).is_file()), None)
        if path is None:
            log.warning("font %s not found in %s; falling back", name, [str(d) for d in paths.fonts_dirs()])
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))


@dataclass
class QmlLoadResult:
    window: object | None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.window is not None and not self.warnings


class KioskApp:
    """The running exhibit: backend, engine, window and watchers, built once and torn down together."""

    def __init__(
        self,
        content: Content,
        *,
        options=None,
        size: tuple[int, int] | None = None,
        media_roots: Sequence[Path] | None = None,
        clock=None,
        settings: Settings | None = None,
        recorder=None,
    ):
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent

        from kiosk.core.visit.keypad import DEFAULT_KEYS
        from kiosk.qt import qmlcache
        from kiosk.qt.input import InputWatcher
        from kiosk.qt.keypad import KeypadFilter
        from kiosk.qt.kiosk import Kiosk, KioskOptions
        from kiosk.qt.media import IconImageProvider, MediaImageProvider, warm_up
        from kiosk.qt.window import FirstFrame

        heap.use_one_arena()  # before the application starts Qt's threads
        self.app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        self.app.setApplicationName(paths.APP_NAME)
        self.settings = settings
        self.recent_errors = diagnostics.RecentErrors()
        logging.getLogger().addHandler(self.recent_errors)
        if settings is not None:  # the kiosk as deployed; tests and tools set their renderer in the environment
            from kiosk.qt import renderer

            log.info("renderer: %s", renderer.choose(settings.renderer, paths.user_data_dir() / "renderer.json"))
        if options is not None and options.preview:
            from kiosk.qt.proof import curator  # noqa: F401  (registers CuratorTools for the curator overlay)
        qmlcache.seed(paths.shipped_qml_cache(), paths.qml_import_dir())  # before anything is compiled
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(paths.qml_import_dir()))
        self.warnings: list[str] = []
        self.engine.warnings.connect(lambda found: self.warnings.extend(w.toString() for w in found))
        # Qt's own threads go ahead while this one goes on with the fonts and the backend: its loader thread compiles
        # Main and the attract screen (~20 ms of a start with an empty QML cache), which the load below then finds
        # compiled, and the image reader reaches the providers for the warm-up (kiosk.qt.media.warm_up)
        compiling = QQmlComponent(self.engine)
        main_file = QUrl.fromLocalFile(str(paths.qml_import_dir() / "kiosk" / "qml" / "Main.qml"))
        compiling.loadUrl(main_file, QQmlComponent.CompilationMode.Asynchronous)
        roots = list(media_roots) if media_roots is not None else list(content.media_roots)
        providers = {"media": MediaImageProvider(roots), "icon": IconImageProvider(paths.icons_dir())}
        for scheme, provider in providers.items():
            self.engine.addImageProvider(scheme, provider)
        warmed_up = warm_up(self.engine, list(providers.values()))
        self.font_families = register_fonts()  # the self-test checks the PT families are among them

        extra = {"clock": clock} if clock else {}
        self.kiosk = Kiosk(content, options or KioskOptions(), diagnostics=self._diagnostics_text, **extra)
        from kiosk.qt.narration import audio_backend, audio_probe

        self.kiosk.audio.start(paths.narration_dir(), audio_backend(), probe=audio_probe())
        warmed_up()
        self.engine.setInitialProperties({"kiosk": self.kiosk})
        self.engine.loadFromModule(QML_MODULE, "Main")
        del compiling
        windows = self.engine.rootObjects()
        self.window = windows[0] if windows else None
        self.input_watcher = InputWatcher(self.kiosk)
        self.keypad = None
        self.first_frame = None
        if self.window is not None:  # installed after the watcher, so it sees a key first
            self.first_frame = FirstFrame(self.window, self.kiosk)
            self.keypad = KeypadFilter(self.kiosk, self.window, settings.keypad if settings else DEFAULT_KEYS)
            self.input_watcher.listen_from_first_frame(self.first_frame, self.window, self.keypad)
        self.diagnostics_hooks: list = []  # callables returning {key: value} lines for the staff panel
        self.analytics = None
        if recorder is not None:  # visitor analytics (docs/analytics.md): the observer maps signals to records
            from kiosk.core.analytics.queries import staff_panel_lines
            from kiosk.qt.analytics import AnalyticsObserver

            self.analytics = AnalyticsObserver(self.kiosk, recorder, **extra)  # the kiosk's clock
            self.diagnostics_hooks.append(lambda: staff_panel_lines(recorder))
        if self.window is not None:
            self.kiosk.audio.follow_focus(self.window)
            self.resize(*(size or (1280, 720)))
            self._give_heap_back_after_changes()

    def _give_heap_back_after_changes(self) -> None:
        """Once a change of screen or slide is over, what the one left freed goes back to the system
        (kiosk.core.ops.heap.give_back); a run of changes gives it back once, after the last."""
        from PySide6.QtCore import QTimer

        timer = QTimer(self.kiosk, singleShot=True, interval=CHANGE_OVER_MS)
        timer.timeout.connect(heap.give_back)
        self.kiosk.visit.locationChanged.connect(timer.start)

    @property
    def load_result(self) -> QmlLoadResult:
        return QmlLoadResult(self.window, list(self.warnings))

    def resize(self, width: int, height: int, *, px_per_mm: float | None = None) -> None:
        """Set the window size and the pixels-per-millimetre the layout uses at that size."""
        self.window.resize(width, height)
        if px_per_mm is None:
            px_per_mm = self.display_metrics(width, height).px_per_mm
        self.kiosk.set_px_per_mm(px_per_mm)

    def display_metrics(self, width: int, height: int):
        screen = self.window.screen() if self.window is not None else None
        reported = None
        if screen is not None:
            size = screen.physicalSize()
            geometry = screen.geometry()
            # the physical size belongs to the whole screen; scale it to this window's share of it
            if geometry.width() > 0 and geometry.height() > 0:
                reported = (size.width() * width / geometry.width(), size.height() * height / geometry.height())
        settings = self.settings
        return metrics_for(
            width,
            height,
            reported_mm=reported,
            diagonal_inches=settings.diagonal_inches if settings else None,
            dpi=settings.dpi if settings else None,
        )

    def _diagnostics_text(self) -> str:
        from PySide6.QtCore import qVersion

        content = self.kiosk.content
        lines = {
            "app": f"Testament Kiosk {__version__}",
            "qt": qVersion(),
            "content": f"{content.content_hash} ({content.root})",
        }
        for hook in self.diagnostics_hooks:  # analytics figures
            lines.update(hook())
        return diagnostics.report(lines, self.recent_errors)

    def close(self) -> None:
        """Tear down in dependency order: the QML (which binds to the backend) before the backend."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.input_watcher.stop()
        if self.keypad is not None:
            self.keypad.detach()
            self.keypad = None
        self.kiosk.audio.close()
        logging.getLogger().removeHandler(self.recent_errors)
        if self.window is not None:
            self.window.close()
            self.window = None
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.kiosk.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _configure_logging(level: str, log_dir: Path | None = None):
    """Rotated log file in the log folder, crash tracebacks and Qt's messages into it (kiosk.core.ops.logs)."""
    from kiosk.core.ops.logs import setup_logging
    from kiosk.qt.qtlog import install_qt_message_handler

    setup = setup_logging(log_dir, level)
    install_qt_message_handler()
    build = "frozen" if paths.is_frozen() else "source"
    log.info("Testament Kiosk %s (%s) starting; log file %s", __version__, build, setup.file or "none")
    return setup


def run(args: argparse.Namespace) -> int:
    """``kiosk run``: each feature is installed by one call; the order is the order things must happen in."""
    try:
        settings = resolve_settings(
            CliOverrides(config_file=args.config, content_dir=args.content, language=args.language), os.environ
        )
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    _configure_logging(os.environ.get("KIOSK_LOG_LEVEL", settings.log_level), settings.log_dir)
    log.info("settings: %s", {k: str(v) for k, v in settings.sources.items()})
    # unchanged content is restored from its snapshot; when it has to be validated, sound images are not reopened
    # and the validators are built from the schema kept by an earlier run
    load = snapshot.remembering(paths.user_data_dir())
    try:
        content = lastgood.load_for_the_kiosk(settings.content_dir, load)
    except ContentError as exc:
        print(format_report(exc.problems), file=sys.stderr)
        print("kiosk: no usable content; see the problems above", file=sys.stderr)
        return 1

    from kiosk.qt.content import install_content_reloading
    from kiosk.qt.service import install_service
    from kiosk.qt.status import install_status_file

    windowed = args.windowed or ((1280, 720) if args.preview else None)
    recorder = analytics.start_recording(settings.analytics_enabled, settings.analytics_retention_days, __version__)
    kiosk_app = KioskApp(
        content,
        options=_options(settings, windowed is None, bool(args.preview)),
        size=windowed,
        settings=settings,
        recorder=recorder,
    )
    if not kiosk_app.load_result.ok:
        for warning in kiosk_app.warnings:
            print(warning, file=sys.stderr)
        print("kiosk: the interface failed to load", file=sys.stderr)
        recorder.app_event("error", "the interface failed to load")
        recorder.close()
        return 1
    reloader = install_content_reloading(kiosk_app, settings.content_dir, load, preview=bool(args.preview))
    _show(kiosk_app, windowed)
    service = install_service(kiosk_app, status=f"content {content.content_hash}")
    install_status_file(kiosk_app, reloader, load, log_dir=settings.log_dir, configured=settings.content_dir)
    heap.resume_collection()  # paused by the command line (kiosk.cli) while the start made what lives on
    code = kiosk_app.app.exec()
    service.close()
    kiosk_app.close()
    recorder.close()  # ends a visit going on as "shutdown", commits, stops the writer
    return code


def _options(settings: Settings, lockdown: bool, preview: bool):
    from kiosk.qt.kiosk import KioskOptions

    if lockdown and not settings.pin_hash:
        log.warning("no staff PIN is configured ([staff] pin_hash in kiosk.toml): the staff exit is disabled")
    return KioskOptions(
        lockdown=lockdown,
        idle_timeout_seconds=settings.idle_timeout_seconds,
        document_timeout_seconds=settings.document_timeout_seconds,
        idle_warning_seconds=settings.idle_warning_seconds,
        pin_hash=settings.pin_hash,
        start_language=settings.language,
        min_target_mm=settings.min_touch_target_mm,
        preview=preview,
        mounting_height_mm=settings.mounting_height_mm,
        low_reach=settings.low_reach,
    )


def _show(kiosk_app: KioskApp, windowed: tuple[int, int] | None) -> None:
    window = kiosk_app.window
    if windowed:
        window.show()
        return
    # A bare X server without a window manager ignores the fullscreen request unless the geometry is set to
    # the screen's first.
    geometry = window.screen().geometry()
    window.setGeometry(geometry)
    kiosk_app.resize(geometry.width(), geometry.height())
    # for the whole application, not the window: a Qt Quick window resets its own cursor to the item under the
    # pointer at every move, which showed an arrow wherever a visitor touched (seen under Xvfb)
    kiosk_app.app.setOverrideCursor(_blank_cursor())
    window.showFullScreen()


def _blank_cursor():
    """A cursor of one clear pixel, which shows nothing, as Qt's BlankCursor does: naming that builds Qt's
    namespace, which the first frame does without (kiosk/qt)."""
    from PySide6.QtGui import QBitmap, QCursor

    clear = QBitmap(1, 1)
    clear.clear()
    return QCursor(clear, clear)
