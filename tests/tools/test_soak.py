"""A short ``kiosk soak``: random visitor actions on the real interface raise nothing and warn about nothing.

The memory criterion (2 % growth after warm-up) needs thousands of actions to mean anything; this short run
only checks that the soak itself measures it. ``make soak`` runs the long one (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.tools.perf.soak import Plan, memory_growth

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_short_soak_on_the_shipped_content_passes():
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "soak", "--actions", "200", "--seed", "7", "--json", "--max-growth", "50"],
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0, "\n".join(report["failures"] + report["exceptions"] + report["qml_warnings"])
    assert report["ok"] and report["actions"] == 200
    assert report["exceptions"] == [] and report["qml_warnings"] == [] and report["logged_errors"] == []
    assert report["memory"]["growth_pct"] is not None and len(report["memory"]["tenths_mb"]) == 10
    assert report["plan_digest"] == Plan.draw(7, 200).digest
    assert len(report["screens"]) > 3


def test_the_plan_depends_on_the_seed_alone():
    assert Plan.draw(3, 500).steps == Plan.draw(3, 500).steps
    assert Plan.draw(3, 500).digest != Plan.draw(4, 500).digest
    kinds = {kind for kind, _ in Plan.draw(3, 2000).steps}
    assert {"tap_anywhere", "swipe", "pinch", "chaos", "key", "language", "idle_timeout", "reload"} <= kinds


def test_memory_growth_compares_the_second_tenth_with_the_last():
    flat = [100_000] * 10 + [200_000] * 80 + [204_000] * 10  # warm-up, steady, a 2 % rise at the end
    growth = memory_growth(flat)
    assert growth["growth_pct"] == pytest.approx(2.0)
    assert growth["tenths_mb"][0] == pytest.approx(97.7, abs=0.1)
