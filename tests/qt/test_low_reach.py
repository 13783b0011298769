"""Low reach on the real window: a visitor switches it on by touch from the bottom bar, and every control and
text of the screen then lies 380-1220 mm above the floor (a 55-inch portrait screen mounted at 700 mm); the
end of a visit switches it off again, or back on where kiosk.toml makes it the default."""

from __future__ import annotations

import pytest
from qtkit import find, is_shown, tap, wait_settled

from kiosk.core.proof.checks import ABOVE_REACH_QML
from kiosk.core.visit.display import metrics_for
from kiosk.core.visit.reach import reach_band
from kiosk.qt.kiosk import KioskOptions
from kiosk.qt.proof.scene import collect

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

SIZE = (1080, 1920)
PX_PER_MM = metrics_for(*SIZE, diagonal_inches=55).px_per_mm
MOUNTED_MM = 700
TIMEOUT, WARNING = 60, 20


def make(make_kiosk_app, **options):
    app = make_kiosk_app(
        KioskOptions(mounting_height_mm=MOUNTED_MM, idle_timeout_seconds=TIMEOUT, idle_warning_seconds=WARNING,
                     **options),
        size=SIZE,
    )
    app.resize(*SIZE, px_per_mm=PX_PER_MM)
    return app


def begin(qtbot, app) -> None:
    tap(qtbot, app, "exhibitTitle")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    wait_settled(qtbot, app)


def outside_band(app) -> list[str]:
    """What a visitor sees or touches that is not wholly within reach, and how big each control is."""
    band = reach_band(SIZE[1], PX_PER_MM, MOUNTED_MM)
    scene = collect(app.window)
    assert scene.targets and scene.texts
    items = [(t.name, t.visible) for t in scene.targets]
    items += [(t.text, t.visible) for t in scene.texts if t.qml != ABOVE_REACH_QML]
    return [
        f"{name!r} at rows {shown.top():.0f}-{shown.bottom():.0f}"
        for name, shown in items
        if not shown.is_empty() and (shown.top() < band.top - 1 or shown.bottom() > band.bottom + 1)
    ]


def small_targets(app) -> list[str]:
    minimum = 15 * PX_PER_MM - 0.5
    return [t.name for t in collect(app.window).targets if min(t.rect.width(), t.rect.height()) < minimum]


def idle_out(qtbot, app) -> None:
    for seconds in (TIMEOUT + 1, WARNING + 1):
        app.clock.advance(seconds)
        app.kiosk.idle.poll()
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "attract")


def test_the_switch_is_within_reach_before_and_everything_after(qtbot, make_kiosk_app) -> None:
    app = make(make_kiosk_app)
    begin(qtbot, app)
    band = reach_band(SIZE[1], PX_PER_MM, MOUNTED_MM)
    switch = find(qtbot, app.window, "lowReachButton")
    top = switch.mapToScene(switch.boundingRect().topLeft()).y()
    assert band.top <= top and top + switch.height() <= band.bottom  # reachable in the full-height layout
    assert outside_band(app)  # the full-height layout is not: that is what the mode is for

    tap(qtbot, app, switch)

    qtbot.waitUntil(lambda: app.kiosk.modes.lowReach)
    stage = find(qtbot, app.window, "stage")
    qtbot.waitUntil(lambda: round(stage.y()) == band.top and round(stage.height()) == band.size)
    wait_settled(qtbot, app)
    assert outside_band(app) == [] and small_targets(app) == []

    tap(qtbot, app, "chapterCard_one")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
    wait_settled(qtbot, app)
    assert outside_band(app) == [] and small_targets(app) == []

    idle_out(qtbot, app)
    assert not app.kiosk.modes.lowReach
    qtbot.waitUntil(lambda: round(stage.y()) == 0 and round(stage.height()) == SIZE[1])


def test_kiosk_toml_default_comes_back_after_a_visitor_switched_it_off(qtbot, make_kiosk_app) -> None:
    app = make(make_kiosk_app, low_reach=True)
    begin(qtbot, app)
    assert app.kiosk.modes.lowReach and outside_band(app) == []
    tap(qtbot, app, "lowReachButton")
    qtbot.waitUntil(lambda: not app.kiosk.modes.lowReach)

    idle_out(qtbot, app)
    assert app.kiosk.modes.lowReach


def test_not_offered_where_the_whole_screen_is_within_reach(qtbot, make_kiosk_app) -> None:
    app = make_kiosk_app(KioskOptions(mounting_height_mm=800), size=(1920, 1080))
    app.resize(1920, 1080, px_per_mm=metrics_for(1920, 1080, diagonal_inches=24).px_per_mm)  # 800-1099 mm
    begin(qtbot, app)
    assert is_shown(app.window, "contrastButton") and not is_shown(app.window, "lowReachButton")
