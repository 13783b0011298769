"""``kiosk bench`` runs end to end and reports every figure (the numbers are not judged here), and its targets are
judged as issue 18 sets them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import write_content
from qtkit import kiosk_files

from kiosk.tools.perf import bench

REPO = Path(__file__).resolve().parents[2]

SUMMARY_KEYS = {
    "first_frame_cold_s",
    "first_frame_warm_s",
    "first_frame_peak_rss_mb",
    "attract_picture_warm_s",
    "attract_picture_peak_rss_mb",
    "bare_first_frame_cold_s",
    "bare_first_frame_warm_s",
    "bare_first_frame_peak_rss_mb",
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
TARGETS = {
    "first_frame_warm",
    "first_frame_cold",
    "memory_at_first_frame",
    "peak_rss_tour",
    "screen_change_frame_p95",
    "screen_change_dropped",
    "slide_swipe_frame_p95",
    "slide_swipe_dropped",
    "latency_p95",
    "latency_tap_p95",
    "load_at_start",
    "load_reload",
}
IDLE_TARGETS = {"idle_attract_cpu", "idle_home_cpu", "idle_home_frames"}


@pytest.mark.slow
def test_bench_runs_once_and_reports_every_figure(tmp_path: Path):
    content = write_content(tmp_path / "content", kiosk_files())
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "bench", "--runs", "1", "--json", "--screen", "1280x720", "--content", content,
         "--skip", "idle"],
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
    # the attract's picture, decoded beside the first frame, shows in a later one; the bare window has none
    summary = results["summary"]
    assert summary["attract_picture_warm_s"] > summary["first_frame_warm_s"]
    assert results["baseline"]["warm"]["picture_median_s"] is None
    tour = results["tour"]
    assert tour["misses"] == [] and tour["qml_warnings"] == []
    assert tour["sources_in_linecache"] < 10, "the tour ran with PySide6's import hook, which kiosk run removes"
    assert tour["screens_visited"] >= 1 + 1 + 3 + 2 + 1  # attract, home, both chapters' slides, home again
    assert {"tap", "slide swipe release", "drag move"} <= tour["latency"].keys()
    assert results["load"]["chapters"] == 2
    assert results["baseline"]["cold"]["runs"] == 1 and results["baseline"]["warm"]["runs"] == 1
    assert results["baseline"]["warm"]["backend"] == "software"
    assert results["targets"].keys() >= TARGETS
    assert not results["targets"].keys() & IDLE_TARGETS and "idle" not in results
    for key, goal in results["targets"].items():
        assert isinstance(goal["met"], bool) and goal["value"] is not None and goal["limit"] is not None, key
    assert results["targets"]["first_frame_warm"]["baseline"] == results["summary"]["bare_first_frame_warm_s"]
    assert results["crossfade"]["runs"] == 2 and results["crossfade"]["scene_graph"] == "software"
    bare_fade = results["summary"]["bare_crossfade_frame_p95_ms"]
    assert bare_fade is not None and results["targets"]["screen_change_frame_p95"]["baseline"] == bare_fade


def test_the_bare_window_prints_the_kiosks_first_frame_marker_and_quits() -> None:
    from kiosk.qt import firstframe
    from kiosk.tools.perf import baseline

    done = subprocess.run(
        baseline.command((320, 200)),
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software", **{firstframe.ENV: "1"}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    marker = [line for line in done.stdout.splitlines() if line.startswith(firstframe.MARKER + " ")]
    assert len(marker) == 1, done.stdout
    info = json.loads(marker[0].split(" ", 1)[1])
    assert info["vm_hwm_kb"] > 0 and info["cpu"] > 0 and info["backend"] == "software"


def measured(**summary) -> dict:
    """A run's results with only ``summary`` figures measured (the others None)."""
    figures = dict.fromkeys(bench.summary({"screen": "1920x1080"}), None)
    figures.update(summary)
    return {"screen": "1920x1080", "summary": figures}


def test_start_up_and_memory_targets_are_set_against_the_bare_window() -> None:
    goals = bench.targets(
        measured(
            first_frame_warm_s=1.0,
            bare_first_frame_warm_s=0.4,
            first_frame_cold_s=0.7,
            bare_first_frame_cold_s=0.4,
            first_frame_peak_rss_mb=120.0,
            bare_first_frame_peak_rss_mb=70.0,
        )
    )
    assert goals.keys() == {"first_frame_warm", "first_frame_cold", "memory_at_first_frame"}
    warm, cold, memory = goals["first_frame_warm"], goals["first_frame_cold"], goals["memory_at_first_frame"]
    assert (warm["limit"], warm["baseline"], warm["ratio"], warm["met"]) == (0.8, 0.4, 2.5, False)
    assert (cold["limit"], cold["ratio"], cold["met"]) == (0.8, 1.75, True)
    assert (memory["limit"], memory["met"]) == (115.0, False)


def test_animation_and_idle_targets() -> None:
    results = measured(idle_attract_cpu_pct=24.9, idle_home_cpu_pct=0.4, idle_home_frames=1, peak_rss_mb=129.0)
    results["tour"] = {
        "frames": {
            "all": {"n": 30, "p95_ms": 30.0, "dropped_pct": 10.0},
            "screen change": {"n": 10, "p95_ms": 30.0, "dropped_pct": 10.0},
            "flick": {"n": 20, "p95_ms": 17.0, "dropped_pct": 0.0},
        }
    }
    met = {key: goal["met"] for key, goal in bench.targets(results).items()}
    assert met == {
        "peak_rss_tour": True,
        "screen_change_frame_p95": False,
        "screen_change_dropped": False,
        "flick_frame_p95": True,
        "flick_dropped": True,
        "idle_attract_cpu": True,
        "idle_home_cpu": True,
        "idle_home_frames": False,
    }


def test_screen_changes_are_read_against_the_bare_crossfade_and_say_when_it_is_the_limit() -> None:
    def screen_change(bare_p95: float, bare_dropped: float) -> dict:
        results = measured(bare_crossfade_frame_p95_ms=bare_p95, bare_crossfade_dropped_pct=bare_dropped)
        results["tour"] = {
            "frames": {
                "screen change": {"n": 10, "p95_ms": 60.0, "dropped_pct": 20.0},
                "flick": {"n": 20, "p95_ms": 17.0, "dropped_pct": 0.0},
            }
        }
        return bench.targets(results)

    goals = screen_change(40.0, 4.0)
    p95, dropped = goals["screen_change_frame_p95"], goals["screen_change_dropped"]
    assert (p95["baseline"], p95["ratio"], p95["met"]) == (40.0, 1.5, False)
    assert p95["limited_by"] == "a bare crossfade of two full-screen pictures here: 40 ms"
    assert (dropped["baseline"], dropped["ratio"], dropped["limited_by"]) == (4.0, 5.0, None)  # the bare one meets it
    assert goals["flick_frame_p95"]["baseline"] is None and goals["flick_frame_p95"]["limited_by"] is None
    assert screen_change(20.0, 1.0)["screen_change_frame_p95"]["limited_by"] is None


def test_the_bare_crossfade_fades_two_pictures_and_reports_its_frames() -> None:
    from kiosk.tools.perf import crossfade

    done = subprocess.run(
        crossfade.command((320, 200)),
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    marker = [line for line in done.stdout.splitlines() if line.startswith(crossfade.MARKER + " ")]
    assert len(marker) == 1, done.stdout
    result = json.loads(marker[0].split(" ", 1)[1])
    assert result["scene_graph"] == "software" and result["fades"] == crossfade.FADES
    # every fade animates over several frames (a fade that did not run would leave at most one interval)
    assert result["frames"]["n"] == len(result["intervals_ms"]) >= 2 * crossfade.FADES


def test_the_bare_crossfade_lasts_as_long_as_the_kiosks_screen_change() -> None:
    theme = (REPO / "kiosk" / "qml" / "Theme.qml").read_text(encoding="utf-8")
    main = (REPO / "kiosk" / "qml" / "Main.qml").read_text(encoding="utf-8")
    from kiosk.tools.perf import crossfade

    assert f"readonly property int normal: {crossfade.SCREEN_CHANGE_MS}" in theme
    # the change's dip: the veil thickens in Theme.fast and clears in the rest of Theme.normal
    assert "duration: Theme.fast;" in main and "duration: Theme.normal - Theme.fast;" in main


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool")
def test_idle_part_runs_the_fullscreen_kiosk_under_xvfb_and_reports_attract_and_a_still_home(tmp_path: Path):
    content = write_content(tmp_path / "content", kiosk_files())
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "bench", "--json", "--screen", "1024x600", "--content", content,
         "--skip", "startup", "--skip", "load", "--skip", "tour", "--idle-display", "xvfb",
         "--idle-seconds", "2", "--idle-settle", "1"],
        cwd=REPO,
        # the bench's own renderer settings must not reach the idle kiosk
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    results = json.loads(done.stdout)
    assert results["failures"] == []
    assert not {"startup", "baseline", "load", "tour"} & results.keys()
    idle = results["idle"]
    # xcb, not the bench's offscreen; fullscreen on the X server's screen, not a window of the default size
    assert idle["display"] == "xvfb" and idle["platform"] == "xcb" and idle["window"] == "1024x600"
    assert idle["scene_graph"] == results["summary"]["idle_scene_graph"] != ""
    for period in ("attract", "home"):
        assert idle[period]["seconds"] >= 1.9 and idle[period]["cpu_pct"] is not None, period
        assert idle[period]["frames"] is not None, period
    assert idle["home"]["changed_from_attract_pct"] >= 20
    assert results["targets"].keys() == IDLE_TARGETS


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("cage") and shutil.which("Xwayland")), reason="needs cage and xwayland (CI=true)")
def test_idle_part_runs_the_kiosk_as_cages_only_client_on_attract(tmp_path: Path):
    content = write_content(tmp_path / "content", kiosk_files())
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "bench", "--json", "--content", content, "--skip", "startup", "--skip",
         "load", "--skip", "tour", "--idle-display", "cage", "--idle-seconds", "2", "--idle-settle", "1"],
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    results = json.loads(done.stdout)
    assert results["failures"] == [], results["idle"]
    idle = results["idle"]
    assert "skipped" not in idle, idle
    # Wayland as the kiosk service asks for, fullscreen on wlroots' one headless output
    assert idle["display"] == "cage" and idle["platform"] == "wayland" and idle["window"] == "1280x720"
    assert idle["attract"]["seconds"] >= 1.9 and idle["home"] is None
    assert results["targets"].keys() == {"idle_attract_cpu"}


def test_the_idle_kiosk_gets_none_of_the_benchs_renderer_settings_and_folders(tmp_path: Path) -> None:
    from kiosk.tools.perf import idle

    bench_env = {
        "PATH": "/usr/bin", "HOME": "/root", "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software",
        "QSG_RHI_BACKEND": "opengl", "KIOSK_CONFIG": "/etc/k.toml", "DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0",
        "XDG_CONFIG_HOME": "/root/.config", "PYTHONDONTWRITEBYTECODE": "1",
    }
    env = idle.floor_environment(tmp_path, bench_env)
    assert not {"QT_QPA_PLATFORM", "QT_QUICK_BACKEND", "QSG_RHI_BACKEND", "KIOSK_CONFIG", "DISPLAY",
                "WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE"} & env.keys()
    assert env["PATH"] == "/usr/bin" and env["KIOSK_COUNT_FRAMES"] == "1"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR",
                 "KIOSK_LOG_DIR"):
        assert Path(env[name]).is_relative_to(tmp_path), name
