"""The proof's reach check on hand-made scenes: a control or text outside 380-1220 mm above the floor is an
error in low reach; the calm title above the stage and what a list has scrolled away are not."""

from __future__ import annotations

from kiosk.core.proof.checks import ABOVE_REACH_QML, Context, Rect, Scene, TargetItem, TextItem, check_scene
from kiosk.core.proof.findings import ERROR

PX_PER_MM = 2.0  # a 1000 px tall window is 500 mm of screen; mounted at 900 mm it spans 900-1400 mm
BAND_TOP = 360  # 1220 mm: (1400 - 1220) * 2 rows from the top


def target(name: str, top: float, height: float = 40) -> TargetItem:
    rect = Rect(100, top, 200, height)
    return TargetItem(None, name, rect, rect, [], "KButton.qml")


def text(words: str, top: float, qml: str = "Body.qml") -> TextItem:
    rect = Rect(100, top, 400, 30)
    return TextItem(
        None, words, rect, rect, rect, [], (0, 0, 0), 1.0, 20.0, False, 400.0, 30.0, 1, True, qml, None,
        400.0, 30.0, 30.0, False, 1.0,
    )


def reach_findings(scene: Scene, mounting: float | None = 900) -> list:
    context = Context(PX_PER_MM, "en", None, None, (), "500x1000", min_target_mm=15, mounting_height_mm=mounting)
    return [f for f in check_scene(scene, None, context) if f.check == "reach"]


def test_a_control_above_the_reach_is_an_error_with_its_height() -> None:
    scene = Scene(500, 1000, targets=[target("Home", BAND_TOP - 40), target("Next", 900)])
    found = reach_findings(scene)
    assert [(f.severity, f.text) for f in found] == [(ERROR, "Home")]
    assert "1220-1240 mm above the floor" in found[0].message
    assert found[0].value == 1240


def test_reading_text_counts_the_backdrop_above_the_stage_does_not() -> None:
    scene = Scene(500, 1000, texts=[text("Lenin's Testament", 20, ABOVE_REACH_QML), text("A letter", 100)])
    assert [f.text for f in reach_findings(scene)] == ["A letter"]


def test_everything_in_the_band_passes_and_no_mounting_height_no_check() -> None:
    inside = Scene(500, 1000, texts=[text("A letter", BAND_TOP)], targets=[target("Next", 1000 - 40)])
    assert reach_findings(inside) == []
    above = Scene(500, 1000, targets=[target("Home", 0)])
    assert reach_findings(above, mounting=None) == []


def test_the_part_scrolled_out_of_sight_is_not_judged() -> None:
    scrolled = target("Person", 200)
    scrolled.visible = Rect(100, BAND_TOP, 200, 40)  # the list clips the rest: the visitor scrolls it down
    assert reach_findings(Scene(500, 1000, targets=[scrolled])) == []
