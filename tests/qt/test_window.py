"""The window's first frame, told once: input is watched from it on, and not at all once the kiosk has stopped."""

from __future__ import annotations

import pytest
from kioskfixtures import FULL_HD, destroy_app, load
from qtkit import FakeClock

from kiosk.app import KioskApp
from kiosk.qt.items import pump, wait_until


@pytest.fixture
def unshown_app(qapp, content_root):
    app = KioskApp(load(content_root), size=FULL_HD, media_roots=[content_root / "media"], clock=FakeClock())
    yield app
    destroy_app(app)
    assert app.warnings == []


def test_the_first_frame_is_told_once_and_input_is_watched_from_it_on(unshown_app) -> None:
    app = unshown_app
    told: list[bool] = []
    app.first_frame.shown.connect(lambda: told.append(app.input_watcher.listening))
    pump(0.2)
    assert told == [] and not app.input_watcher.listening, "nothing is on the screen yet"
    app.window.show()
    assert wait_until(lambda: told, 5.0), "the first frame was never told"
    for _ in range(3):
        app.window.update()
        pump(0.05)
    assert told == [True], "told once, after the watcher (connected first) had installed its filter"
    assert app.first_frame.seen


def test_a_watcher_stopped_before_the_first_frame_never_starts(unshown_app) -> None:
    app = unshown_app
    app.input_watcher.stop()
    app.window.show()
    assert wait_until(lambda: app.first_frame.seen, 5.0)
    pump(0.1)
    assert not app.input_watcher.listening
