"""``kiosk proof`` in low reach and its audio column: the acceptance shape (1080x1920, 55 inches, mounted at
700 mm) passes the reach check; a screen mounted too high for the mode fails it; each view's narration is
reported with its length, and a view without narration is a warning."""

from __future__ import annotations

import json

import pytest
from contentkit import write_content
from qtkit import kiosk_files

from kiosk.core.content.loader import load_content
from kiosk.core.proof.findings import ERROR, WARNING
from kiosk.tools.proof.render import Shape

VIEWS = ["02-home", "03-chapter-one-01-*"]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = write_content(tmp_path_factory.mktemp("content"), kiosk_files())
    return load_content(root, media_roots=[root / "media"])


def run(content, out, shape: Shape, mounting_height_mm: float):
    from kiosk.tools.proof.run import run_proof
    from kiosk.tools.proof.sheets import write_outputs

    spoken = {"exhibit": 4.0}  # every other item has no narration
    result = run_proof(
        content, out, languages=["en"], shapes=[shape], only=VIEWS, media_roots=list(content.media_roots),
        mounting_height_mm=mounting_height_mm, narration=lambda item, _language: spoken.get(item),
    )
    _index, report, _sheets = write_outputs(result, out)
    return result, json.loads(report.read_text(encoding="utf-8"))


def test_the_acceptance_shape_is_within_reach_and_narration_is_reported(qapp, content, tmp_path) -> None:
    result, report = run(content, tmp_path, Shape(1080, 1920, 55.0), 700)
    assert [f for f in result.findings if f.check == "reach"] == []
    assert report["low_reach_mounting_height_mm"] == 700
    home = next(row for row in report["narration"] if row["view"] == "02-home")
    assert home["en"]["seconds"] == 4.0 and home["en"]["items"][0] == "exhibit"
    assert home["en"]["missing"] == home["en"]["items"][1:]
    silent = [f for f in result.findings if f.check == "narration" and f.view.startswith("03-chapter-one-01")]
    assert silent and silent[0].severity == WARNING and "nothing is spoken" in silent[0].message


def test_a_screen_mounted_too_high_for_low_reach_fails_the_reach_check(qapp, content, tmp_path) -> None:
    # 1920x1080 on 32 inches is 398 mm tall; at 1100 mm only its lowest 120 mm are within reach: too little to
    # hold the interface, so the full layout stays and the controls above 1220 mm are reported
    result, _report = run(content, tmp_path, Shape(1920, 1080, 32.0), 1100)
    reach = [f for f in result.findings if f.check == "reach"]
    assert reach and all(f.severity == ERROR for f in reach)
    assert all(f.value is not None and f.value > 1220 for f in reach)
