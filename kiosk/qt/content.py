"""Reloading content off the GUI thread, and watching the content folder in preview mode."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from kiosk.core.content import lastgood
from kiosk.core.content.exhibit import Content
from kiosk.core.content.problems import ContentError, Problem, format_report

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300  # editors save in bursts (temp file, rename, chmod): wait for the burst to end


class ContentReloader(QObject):
    """Loads and validates content on a worker thread; the result comes back on the GUI thread."""

    loaded = Signal(object)  # Content
    failed = Signal(str)  # the problems, formatted for people
    rejected = Signal(object)  # the problems as `kiosk validate --json` writes them: a list of dicts

    def __init__(self, load: Callable[[], Content], parent: QObject | None = None):
        super().__init__(parent)
        self._load = load
        self._busy = False
        self._again = False

    def request(self) -> None:
        if self._busy:
            self._again = True  # one more load after this one, to pick up the latest edit
            return
        self._busy = True
        QThreadPool.globalInstance().start(self._work)

    def _work(self) -> None:
        try:
            content = self._load()
        except ContentError as exc:
            report, problems = format_report(exc.problems), [p.to_json() for p in exc.problems]
            self._finish(lambda: self._refuse(report, problems))
            return
        except Exception as exc:  # a bug must not kill the kiosk: report it like bad content
            log.exception("content reload crashed")
            message = f"reload failed: {exc}"
            crash = [Problem("", 0, 0, "", message).to_json()]
            self._finish(lambda: self._refuse(message, crash))
            return
        self._finish(lambda: self.loaded.emit(content))

    def _refuse(self, report: str, problems: list[dict[str, str | int]]) -> None:
        self.failed.emit(report)
        self.rejected.emit(problems)

    def _finish(self, emit: Callable[[], None]) -> None:
        emit()  # queued to the GUI thread: this object lives there
        self._busy = False
        if self._again:
            self._again = False
            self.request()


class ContentWatcher(QObject):
    """Calls ``changed`` once per burst of edits anywhere in the content folder (files and subfolders)."""

    def __init__(self, root: Path, changed: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._root = root
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)
        self._changed = changed
        self._watcher.fileChanged.connect(self._timer.start)
        self._watcher.directoryChanged.connect(self._timer.start)
        self._watch_all()

    def _watch_all(self) -> None:
        # Editors often replace a file on save, which drops it from the watch list: re-add everything.
        paths = [self._root, *(p for p in self._root.rglob("*") if "schema" not in p.parts)]
        wanted = {str(p) for p in paths}
        current = set(self._watcher.files()) | set(self._watcher.directories())
        missing = sorted(wanted - current)
        if missing:
            self._watcher.addPaths(missing)

    def _fire(self) -> None:
        self._watch_all()
        self._changed()


def install_content_reloading(
    kiosk_app, folder: Path, load: Callable[[Path], Content], *, preview: bool
) -> ContentReloader:
    """Staff's Reload (and, in preview, every saved edit) loads the configured folder again with ``load`` (as the
    start did: kiosk.core.content.snapshot.remembering) off the GUI thread — the configured one even when the kiosk
    started on the last good copy, so a fixed folder is picked up. A rejected reload keeps the kiosk on what it
    shows and logs why; in preview the curator also sees it."""
    kiosk = kiosk_app.kiosk
    reloader = ContentReloader(lambda: lastgood.keep_if_external(load(folder)), parent=kiosk)
    reloader.loaded.connect(kiosk.set_content)
    reloader.failed.connect(lambda report: log.error("content reload rejected:\n%s", report))
    kiosk.staff.reloadRequested.connect(reloader.request)
    if preview:
        reloader.failed.connect(kiosk.set_content_errors)  # curators see what is wrong; visitors never do
        ContentWatcher(folder, reloader.request, parent=reloader)
    return reloader
