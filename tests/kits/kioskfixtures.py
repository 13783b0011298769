"""Fixtures that build the real kiosk (KioskApp: backend, QML engine, window) on a small test exhibit.

Each test gets its own app and window, shown offscreen and exposed, driven by a fake clock. At teardown any
QML warning fails the test, and the engine is destroyed (before the backend it binds to) so nothing leaks
into the next test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from contentkit import write_content
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from qtkit import FakeClock, kiosk_files

from kiosk.app import KioskApp
from kiosk.core.content.exhibit import Content
from kiosk.core.content.loader import load_content
from kiosk.qt.items import wait_until
from kiosk.qt.kiosk import KioskOptions

FULL_HD = (1920, 1080)


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    return write_content(root, kiosk_files())


def load(root: Path) -> Content:
    return load_content(root, media_roots=[root / "media"])


def build_app(content: Content, root: Path, options: KioskOptions, size: tuple[int, int]) -> KioskApp:
    clock = FakeClock()
    app = KioskApp(content, options=options, size=size, media_roots=[root / "media"], clock=clock)
    app.clock = clock  # type: ignore[attr-defined]
    assert app.window is not None, app.warnings
    app.window.show()
    assert wait_until(app.window.isExposed, 5.0), "the window was never exposed"
    assert wait_until(lambda: app.input_watcher.listening, 5.0), "input is watched from the first frame on"
    return app


def destroy_app(app: KioskApp) -> None:
    """Close the window and delete the engine (and its window) while the backend still exists."""
    QThreadPool.globalInstance().waitForDone(5000)  # a content reload still running on a worker
    app.window.hide()  # a locked-down window refuses close(); hide it so it leaves the screen either way
    app.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def make_kiosk_app(qapp, content_root: Path) -> Iterator[Callable[..., KioskApp]]:
    """``make_kiosk_app(options=KioskOptions(...), size=(w, h))``: a shown kiosk; checked and torn down after."""
    apps: list[KioskApp] = []

    def make(options: KioskOptions | None = None, size: tuple[int, int] = FULL_HD) -> KioskApp:
        app = build_app(load(content_root), content_root, options or KioskOptions(), size)
        apps.append(app)
        return app

    yield make
    for app in apps:
        during = list(app.warnings)
        destroy_app(app)
        assert during == [], "QML warnings while the test ran:\n" + "\n".join(during)
        assert app.warnings == during, "QML warnings at teardown:\n" + "\n".join(app.warnings[len(during) :])


@pytest.fixture
def kiosk_app(request, make_kiosk_app) -> KioskApp:
    """A shown kiosk at 1920x1080; ``@pytest.mark.parametrize("kiosk_app", [(w, h)], indirect=True)`` for others."""
    return make_kiosk_app(size=getattr(request, "param", FULL_HD))
