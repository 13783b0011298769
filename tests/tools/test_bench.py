"""``kiosk bench`` runs end to end and reports every figure (a smoke test: the numbers are not judged here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import write_content
from qtkit import kiosk_files

REPO = Path(__file__).resolve().parents[2]

SUMMARY_KEYS = {
    "first_frame_cold_s",
    "first_frame_warm_s",
    "load_first_ms",
    "load_median_ms",
    "latency_p50_ms",
    "latency_p95_ms",
    "latency_max_ms",
    "frame_p50_ms",
    "frame_p95_ms",
    "frame_max_ms",
    "dropped_frames",
    "peak_rss_mb",
}


@pytest.mark.slow
def test_bench_runs_once_and_reports_every_figure(tmp_path: Path):
    content = write_content(tmp_path / "content", kiosk_files())
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "bench", "--runs", "1", "--json", "--screen", "1280x720", "--content", content],
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    results = json.loads(done.stdout)

    assert results["failures"] == []
    assert results["summary"].keys() >= SUMMARY_KEYS
    missing = [key for key in SUMMARY_KEYS if results["summary"][key] is None]
    assert missing == [], f"not measured: {missing}"
    machine = results["machine"]
    assert machine["cpu"] and machine["cores"] and machine["python"] and machine["qt"]
    assert results["rendering"] == {
        "platform": "offscreen",
        "scene_graph": "software",
        "scene_graph_backend_setting": "software",
        "comparable": "offscreen + software rendering is comparable only with itself",
    }
    assert results["startup"]["cold"]["runs"] == 1 and results["startup"]["warm"]["runs"] == 1
    tour = results["tour"]
    assert tour["misses"] == [] and tour["qml_warnings"] == []
    assert tour["screens_visited"] >= 1 + 1 + 3 + 2 + 1  # attract, home, both chapters' slides, home again
    assert {"tap", "slide swipe release", "drag move"} <= tour["latency"].keys()
    assert results["load"]["chapters"] == 2
