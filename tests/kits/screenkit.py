"""Helpers for the document viewer, timeline, people and myth tests: the kiosk on the shipped exhibit (real texts,
real facsimile layout), waiting for those screens, two-finger gestures, links inside rich text, and the proof's
check that no text is cut or spills.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QCoreApplication, QEvent, QMetaObject, QPoint, QPointF, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from qtkit import FakeClock, text_of

from kiosk import paths
from kiosk.app import KioskApp
from kiosk.core.content.exhibit import Content
from kiosk.core.content.loader import load_content
from kiosk.core.proof.checks import Context, check_fit
from kiosk.core.proof.findings import ERROR
from kiosk.qt.items import ImageStatus, all_items, showing_alone, touch, wait_until
from kiosk.qt.kiosk import KioskOptions
from kiosk.qt.proof.scene import collect


def shipped_content() -> Content:
    return load_content(paths.bundled_content_dir())


def facsimile_layout_exists(content: Content) -> bool:
    document = next(iter(content.documents.values()))
    folder = document.facsimile[0].src.rsplit("/", 1)[0]
    return content.resolve_media(f"{folder}/layout.json") is not None


def needs_facsimile(content: Content) -> None:
    if not facsimile_layout_exists(content):
        pytest.skip("the facsimile layout is generated media: run `python -m kiosk media generate` first")


def build_shipped_app(size: tuple[int, int] = (1920, 1080)) -> KioskApp:
    clock = FakeClock()
    content = shipped_content()
    app = KioskApp(content, options=KioskOptions(), size=size, media_roots=list(content.media_roots), clock=clock)
    app.clock = clock  # type: ignore[attr-defined]
    assert app.window is not None, app.warnings
    app.window.show()
    assert wait_until(app.window.isExposed, 5.0), "the window was never exposed"
    assert wait_until(lambda: app.input_watcher.listening, 5.0), "input is watched from the first frame on"
    return app


def destroy(app: KioskApp) -> list[str]:
    warnings = list(app.warnings)
    QThreadPool.globalInstance().waitForDone(5000)
    app.window.hide()
    app.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return warnings + list(app.warnings[len(warnings) :])


def shipped_app_fixture(size: tuple[int, int] = (1920, 1080)) -> Iterator[KioskApp]:
    """For a module-scoped fixture: one app for the module; any QML warning fails the module's last test."""
    app = build_shipped_app(size)
    yield app
    warnings = destroy(app)
    assert warnings == [], "QML warnings:\n" + "\n".join(warnings)


def start_visit(qtbot, app: KioskApp, size: tuple[int, int] = (1920, 1080), language: str = "en") -> None:
    """Home, at the given size and language (module-scoped apps are reused). The first time a new visit from
    Attract; after that Home is enough (every screen starts afresh when opened from Home) and much quicker."""
    if (app.window.width(), app.window.height()) != size:
        app.resize(*size)
        qtbot.waitUntil(lambda: (app.window.width(), app.window.height()) == size)
    app.clock.advance(1)
    if app.kiosk.visit.screen == "attract":
        app.kiosk.visit.begin()
    elif app.kiosk.visit.screen != "home":
        app.kiosk.visit.goHome()
    app.kiosk.setLanguage(language)
    wait_screen(qtbot, app)
    assert app.warnings == [], "\n".join(app.warnings)


def items_named(app: KioskApp, name: str) -> list[QQuickItem]:
    return [item for item in all_items(app.window) if item.objectName() == name]


def item(app: KioskApp, name: str) -> QQuickItem:
    found = items_named(app, name)
    assert len(found) == 1, f"{len(found)} items called {name}"
    return found[0]


def wait_screen(qtbot, app: KioskApp, timeout: int = 3000) -> None:
    """Until the kiosk's current screen shows alone and its change is over."""
    qtbot.waitUntil(lambda: showing_alone(app.window, app.kiosk.visit.screen), timeout=timeout)


def open_link(qtbot, app: KioskApp, link: str) -> None:
    app.clock.advance(1)
    assert app.kiosk.visit.openLink(link), link
    wait_screen(qtbot, app)


def wait_images(qtbot, app: KioskApp, timeout: int = 5000) -> None:
    """Until no image on screen is still loading."""
    images = ImageStatus(app.window)
    qtbot.waitUntil(lambda: not images.loading(), timeout=timeout)


# --- touch ------------------------------------------------------------------------------------------------------


def touches(app: KioskApp, action: str, points: dict[int, QPoint]) -> None:
    touch(app.window, action, points, process=True)


def pinch(qtbot, app: KioskApp, centre: QPoint, start: int, end: int, steps: int = 12) -> None:
    """Two fingers either side of ``centre``, ``start`` px from it, moving apart (or together) to ``end`` px."""
    app.clock.advance(1)
    touches(app, "press", {0: centre - QPoint(start, 0), 1: centre + QPoint(start, 0)})
    for step in range(1, steps + 1):
        qtbot.wait(16)
        distance = round(start + (end - start) * step / steps)
        touches(app, "move", {0: centre - QPoint(distance, 0), 1: centre + QPoint(distance, 0)})
    touches(app, "release", {0: centre - QPoint(end, 0), 1: centre + QPoint(end, 0)})
    qtbot.wait(30)


def double_tap(qtbot, app: KioskApp, point: QPoint) -> None:
    app.clock.advance(1)
    # apart from any earlier tap (else this pair counts as a third and fourth tap), then quickly: on a loaded
    # machine longer pauses stretch past the double-tap interval
    qtbot.wait(QGuiApplication.styleHints().mouseDoubleClickInterval() + 50)
    for _ in range(2):
        touches(app, "press", {0: point})
        qtbot.wait(10)
        touches(app, "release", {0: point})
        qtbot.wait(20)


def link_point(text_item: QQuickItem, link: str) -> QPoint:
    """A scene point inside the text item where ``link`` is (Text.linkAt, scanned on a grid)."""
    width, height = text_item.width(), text_item.height()
    step = 6.0
    y = step / 2
    while y < height:
        x = step / 2
        while x < width:
            found = QMetaObject.invokeMethod(
                text_item, "linkAt", Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG(str), Q_ARG(float, x), Q_ARG(float, y),
            )
            if found == link:
                return text_item.mapToScene(QPointF(x, y)).toPoint()
            x += step
        y += step
    raise AssertionError(f"no link {link!r} in {text_of(text_item)[:60]!r}")


# --- what a visitor sees ---------------------------------------------------------------------------------------


def text_problems(window) -> list[str]:
    """The proof's text-fit errors on what the window shows (:func:`kiosk.core.proof.checks.check_fit`): elided,
    wider or taller than its box, spilling out of its container, cut off by a container or the window."""
    context = Context(px_per_mm=1.0, language="", view=None, index=None, media_roots=())
    return [
        f"{text.text[:40]!r}: {finding.message}"
        for text in collect(window).texts
        for finding in check_fit(text, context)
        if finding.severity == ERROR
    ]


def layout_json(content: Content) -> dict:
    document = next(iter(content.documents.values()))
    folder = document.facsimile[0].src.rsplit("/", 1)[0]
    return json.loads(content.resolve_media(f"{folder}/layout.json").read_text(encoding="utf-8"))
