"""The running kiosk publishes what it is doing in its status file (kiosk.core.ops.status), for ``kiosk status``.

The file is written at the first frame, then whenever what it says changes: content accepted (a reload), content
refused (a reload, or the configured content found unusable at start), the window moved to another screen or
the screen's mode changed. Never on a timer: a reader computes the uptime, and an idle kiosk does not write.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from kiosk import __version__, paths
from kiosk.core.content.exhibit import Content
from kiosk.core.ops import diagnostics, status
from kiosk.qt.content import ContentReloader

log = logging.getLogger(__name__)


class StatusPublisher(QObject):
    def __init__(
        self, kiosk_app, reloader: ContentReloader, load: Callable[[Path], Content], *, log_dir: Path, configured: Path
    ):
        super().__init__(kiosk_app.kiosk)
        self._kiosk_app = kiosk_app
        self._configured = configured
        self.path = status.status_path(log_dir)
        self._warned = False
        self._screen = None  # followed from the first frame on
        started = time.time() - (time.monotonic() - diagnostics.START)
        self.document = status.runtime_status(
            os.getpid(), started, __version__,
            content=self._content_entry(kiosk_app.kiosk.content, status.read_status(self.path)),
        )
        self._check_at_first_frame: ContentReloader | None = None
        if not _same_folder(kiosk_app.kiosk.content.root, configured):
            # the kiosk started on a fallback: the configured content was refused, and the log alone says why
            self._check_at_first_frame = ContentReloader(lambda: load(configured), parent=self)
            self._check_at_first_frame.rejected.connect(self.content_rejected)
        kiosk_app.kiosk.contentChanged.connect(self.content_accepted)
        reloader.rejected.connect(self.content_rejected)
        kiosk_app.first_frame.shown.connect(self._first_frame)
        kiosk_app.window.screenChanged.connect(self._follow_screen)

    def _content_entry(self, content: Content, previous: status.Document | None) -> status.Document:
        source = status.content_source(
            content.root, bundled=paths.bundled_content_dir(), last_good=paths.last_good_content_dir()
        )
        return status.content_entry(content.content_hash, source, time.time(), previous)

    def _first_frame(self) -> None:
        self._follow_screen(self._kiosk_app.window.screen())
        if self._check_at_first_frame is not None:
            self._check_at_first_frame.request()

    def content_accepted(self) -> None:
        self.document["content"] = self._content_entry(self._kiosk_app.kiosk.content, self.document)
        self.document["rejected"] = None  # superseded by what is shown now
        self._write()

    def content_rejected(self, problems: list[dict[str, str | int]]) -> None:
        from kiosk.core.content.scan import content_hash_of_folder

        folder_hash = content_hash_of_folder(self._configured) if self._configured.is_dir() else ""
        self.document["rejected"] = status.rejected_entry(folder_hash, problems, time.time())
        self._write()

    def _follow_screen(self, screen) -> None:
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._screen_changed)
            self._screen.refreshRateChanged.disconnect(self._screen_changed)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._screen_changed)
            screen.refreshRateChanged.connect(self._screen_changed)
        self._screen_changed()

    def _screen_changed(self) -> None:
        self.document["screen"] = self._screen_entry()
        self._write()

    def _screen_entry(self) -> status.Document | None:
        screen = self._screen
        if screen is None:
            return None
        geometry, size, ratio = screen.geometry(), screen.physicalSize(), screen.devicePixelRatio()
        metrics = self._kiosk_app.display_metrics(geometry.width(), geometry.height())
        return {
            "name": screen.name() or None,
            "width": round(geometry.width() * ratio),
            "height": round(geometry.height() * ratio),
            "width_mm": round(size.width()) or None,
            "height_mm": round(size.height()) or None,
            "diagonal_in": round(metrics.diagonal_inches, 1),
            "diagonal_from": metrics.origin,
            "refresh_hz": round(screen.refreshRate(), 2) or None,
        }

    def _write(self) -> None:
        if not self._kiosk_app.first_frame.seen:  # from the first frame on: before it, there is no kiosk to see
            return
        self.document["updated_at"] = status.local_time(time.time())
        try:
            status.write_atomically(self.path, self.document)
        except OSError as exc:
            if not self._warned:  # once: a full disk must not fill the log with this
                log.warning("cannot write the status file %s: %s", self.path, exc)
                self._warned = True


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def install_status_file(
    kiosk_app, reloader: ContentReloader, load: Callable[[Path], Content], *, log_dir: Path, configured: Path
) -> StatusPublisher:
    """Keep ``status.json`` in the log folder up to date while the kiosk runs (``kiosk status`` reads it). Content
    refused at start is looked at again with ``load`` after the first frame, for its problems."""
    return StatusPublisher(kiosk_app, reloader, load, log_dir=log_dir, configured=configured)
