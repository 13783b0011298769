"""``kiosk bench``: how fast the kiosk starts, loads its content, answers a touch and animates, and how much
memory it takes, on the shipped content; always with the machine and the Qt renderer the numbers came from.

Each part runs in a fresh process of its own, so no part's imports or memory colour another's:

* start-up: ``kiosk run`` (or an installed build with ``--exe``) to its first frame, cold and warm QML cache,
  median of ``--runs`` processes (:mod:`kiosk.tools.perf.startup`), in turns with a bare Qt Quick window
  (:mod:`kiosk.tools.perf.baseline`) started the same way: the baseline the start-up targets are set against;
* content load + validate: ``kiosk bench --part load``, twice, as two starts of ``kiosk run`` with one data
  folder: the first opens every image and builds the validators, the second finds the sound images remembered
  (kiosk.core.content.imagecheck) and the validators kept (kiosk.core.content.validators); then the median of
  further loads in that process, which reuse the in-process caches as a reload does. Wall and CPU time;
* the tour: ``kiosk bench --part tour``: the real window at ``--screen`` on content validated as at a start after
  a change (with that data folder), every screen by touch (:mod:`kiosk.tools.perf.tour`): input to frame latency,
  frame intervals during transitions, swipes and flicks, and the peak RSS of that process;
* idle: ``kiosk run`` fullscreen on a real display server (a private Xvfb, or cage), CPU and frames on Attract
  and on a still Home (:mod:`kiosk.tools.perf.idle`).

Each target (docs/performance.md) is reported with its value, limit, baseline where it has one, and whether it
was met (:func:`targets`); the exit code is still 1 only when a part could not be measured at all.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.tools.perf import crossfade, machine, stats

PART_MARKER = "KIOSK_BENCH_PART"
LOAD_REPEATS = 7
RELOAD_REPEATS = 3  # each starts a process: ~150 ms

# issue 18: start like an empty window, idle like a still one, change screens without a dropped frame
FIRST_FRAME_TIMES_BARE = 2.0
MEMORY_OVER_BARE_MB = 45
PEAK_RSS_MB = 130
PEAK_RSS_SCREEN = "1920x1080"
ANIMATION_FRAME_P95_MS = 25
ANIMATION_DROPPED_PCT = 5
LATENCY_P95_MS = 33
LOAD_MS = 50
ATTRACT_CPU_PCT = 25
STILL_HOME_CPU_PCT = 2
STILL_HOME_FRAMES = 0


def main(args: argparse.Namespace) -> int:
    if args.part:
        return _child(args)
    if args.runs < 1:
        print("kiosk bench: --runs must be at least 1", file=sys.stderr)
        return 2
    if args.exe is not None and not args.exe.is_file():
        print(f"kiosk bench: --exe {args.exe} is not a file", file=sys.stderr)
        return 2
    if args.content is not None and not args.content.is_dir():
        print(f"kiosk bench: --content {args.content} is not a folder", file=sys.stderr)
        return 2
    if not 0 < args.idle_seconds <= IDLE_SECONDS_MAX or args.idle_settle < 0:
        print(f"kiosk bench: --idle-seconds must be in (0, {IDLE_SECONDS_MAX:g}] (Home's idle warning comes at 60 s)"
              " and --idle-settle at least 0", file=sys.stderr)
        return 2
    from kiosk.qt.offscreen import choose_platform

    choose_platform(args.offscreen)  # children inherit QT_QPA_PLATFORM / QT_QUICK_BACKEND (not the idle part's)
    results = run(
        args.screen,
        args.runs,
        exe=args.exe,
        content=args.content,
        skip=set(args.skip),
        progress=not args.json,
        idle=IdleOptions(args.idle_display, args.idle_seconds, args.idle_settle),
    )
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(format_table(results))
    return 1 if results["failures"] else 0


def run(
    screen: tuple[int, int],
    runs: int,
    *,
    exe: Path | None = None,
    content: Path | None = None,
    skip: set[str] = frozenset(),
    progress: bool = False,
    idle: IdleOptions | None = None,
) -> dict:
    from kiosk import __version__, paths
    from kiosk.tools.perf import baseline, startup

    def say(text: str) -> None:
        if progress:
            print(text, file=sys.stderr, flush=True)

    started = time.monotonic()
    results: dict = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "kiosk " + " ".join(sys.argv[1:]) if sys.argv[1:2] == ["bench"] else "kiosk bench",
        "version": __version__,
        "machine": machine.describe(qt=True),
        "screen": f"{screen[0]}x{screen[1]}",
        "content": str(content or paths.bundled_content_dir()),
        "runs": runs,
        "failures": [],
    }
    # the children's data folder, as kiosk run's: what the load part keeps there, the tour's kiosk finds
    data = tempfile.TemporaryDirectory(prefix="kiosk-bench-")
    if "load" not in skip:
        say("content load + validate ...")
        results["load"] = _measure_load(screen, content, data.name, results["failures"])
    if "startup" not in skip:
        commands = {"source": startup.source_command(screen, content), "bare": baseline.command(screen)}
        if exe is not None:
            commands["exe"] = startup.exe_command(exe, screen, content)
        say(f"start-up of {', '.join(commands)} in turns: {len(commands) * (2 * runs + 1)} fresh processes ...")
        series = startup.measure(commands, runs)
        for label, key, name in (
            ("source", "startup", "start-up"),
            ("bare", "baseline", "bare window"),
            ("exe", "startup_exe", f"start-up of {exe}"),
        ):
            if label not in series:
                continue
            cold, warm = series[label]
            results[key] = {"command": " ".join(commands[label]), "cold": cold.to_json(), "warm": warm.to_json()}
            results["failures"] += [f"{name}: {e}" for e in cold.errors + warm.errors]
    if "tour" not in skip:
        say("bare crossfade, tour of every screen, bare crossfade again ...")
        before = crossfade.measure(screen)
        if "load" in skip:  # the validators a kiosk keeps from an earlier start
            _run_part("load", screen, content, results["failures"], ["--data", data.name])
        results["tour"] = _run_part("tour", screen, content, results["failures"], ["--data", data.name])
        results["crossfade"] = _crossfades([before, crossfade.measure(screen)], results["failures"])
    if "idle" not in skip:
        results["idle"] = _measure_idle(screen, content, idle or IdleOptions(), say, results["failures"])
    tour = results.get("tour") or {}
    results["rendering"] = {
        "platform": tour.get("platform") or os.environ.get("QT_QPA_PLATFORM", ""),
        "scene_graph": tour.get("scene_graph") or (results.get("startup", {}).get("warm", {}).get("backend") or ""),
        "scene_graph_backend_setting": tour.get("scene_graph_backend_setting", ""),
        "comparable": "offscreen + software rendering is comparable only with itself",
    }
    results["machine"]["load_average_end"] = machine.load_average()
    data.cleanup()
    results["seconds"] = round(time.monotonic() - started, 1)
    results["summary"] = summary(results)
    results["targets"] = targets(results)
    return results


IDLE_SECONDS_MAX = 45.0


@dataclass
class IdleOptions:
    display: str | None = None  # None: xvfb where Xvfb is installed, else none
    seconds: float = 10.0
    settle: float = 3.0


def _measure_idle(
    screen: tuple[int, int], content: Path | None, options: IdleOptions, say, failures: list[str]
) -> dict:
    from kiosk.tools.perf import idle

    display = options.display or idle.default_display()
    say(f"idle on {display}: {options.settle:g} s to settle, then {options.seconds:g} s on Attract and on Home ...")
    result = idle.measure(display, screen, content, seconds=options.seconds, settle=options.settle)
    failures += [f"idle: {e}" for e in result.get("errors", [])]
    return result


def _measure_load(screen: tuple[int, int], content: Path | None, data: str, failures: list[str]) -> dict | None:
    """Two fresh processes, as two starts of ``kiosk run`` with the data folder ``data``: the first opens every
    image and builds the validators (remembering the sound images and keeping the validators' schema), the second
    validates content changed since, and finds them remembered and kept."""
    first = _run_part("load", screen, content, failures, ["--data", data])
    again = _run_part("load", screen, content, failures, ["--data", data])
    if first is None or again is None:
        return None
    again["first_unremembered_ms"] = first["first_ms"]
    again["first_unremembered_cpu_ms"] = first["first_cpu_ms"]
    return again


def _crossfades(runs: list[dict], failures: list[str]) -> dict:
    """The bare crossfade, measured before and after the tour (so the machine's load drifts over both alike), as
    one set of frame intervals."""
    failures += [f"bare crossfade: {run['error']}" for run in runs if "error" in run]
    measured = [run for run in runs if "error" not in run]
    intervals = [ms / 1000 for run in measured for ms in run["intervals_ms"]]
    return {
        "command": " ".join(crossfade.command((0, 0))[:-1]) + " WxH",
        "runs": len(measured),
        "fades": sum(run["fades"] for run in measured),
        "duration_ms": crossfade.SCREEN_CHANGE_MS,
        "scene_graph": next((run["scene_graph"] for run in measured), ""),
        "frames": stats.frame_summary(intervals),
    }


def _run_part(
    part: str, screen: tuple[int, int], content: Path | None, failures: list[str], extra: list[str] = ()
) -> dict | None:
    command = [sys.executable, "-m", "kiosk", "bench", "--part", part, "--screen", f"{screen[0]}x{screen[1]}"]
    if content is not None:
        command += ["--content", str(content)]
    command += extra
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as kiosk.tools.perf.startup
    process = subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
    )
    for line in process.stdout.splitlines():
        if line.startswith(PART_MARKER + " "):
            return json.loads(line[len(PART_MARKER) + 1 :])
    tail = " | ".join(process.stderr.strip().splitlines()[-8:])
    failures.append(f"{part}: exit code {process.returncode}: {tail}")
    return None


def summary(results: dict) -> dict:
    """The figures the targets are about, flat (None where not measured)."""
    load = results.get("load") or {}
    tour = results.get("tour") or {}
    start = results.get("startup") or {}
    bare = results.get("baseline") or {}
    exe = results.get("startup_exe") or {}
    latency = (tour.get("latency") or {}).get("all") or {}
    frames = (tour.get("frames") or {}).get("all") or {}
    idle = results.get("idle") or {}
    attract, home = idle.get("attract") or {}, idle.get("home") or {}
    bare_fades = (results.get("crossfade") or {}).get("frames") or {}

    def series(part: dict, cache: str, figure: str):
        return (part.get(cache) or {}).get(figure)

    return {
        "first_frame_cold_s": series(start, "cold", "median_s"),
        "first_frame_warm_s": series(start, "warm", "median_s"),
        "first_frame_warm_cpu_s": series(start, "warm", "cpu_median_s"),
        "first_frame_peak_rss_mb": series(start, "warm", "peak_rss_at_first_frame_mb"),
        "attract_picture_warm_s": series(start, "warm", "picture_median_s"),
        "attract_picture_peak_rss_mb": series(start, "warm", "peak_rss_at_picture_mb"),
        "bare_first_frame_cold_s": series(bare, "cold", "median_s"),
        "bare_first_frame_warm_s": series(bare, "warm", "median_s"),
        "bare_first_frame_warm_cpu_s": series(bare, "warm", "cpu_median_s"),
        "bare_first_frame_peak_rss_mb": series(bare, "warm", "peak_rss_at_first_frame_mb"),
        "first_frame_exe_cold_s": series(exe, "cold", "median_s"),
        "first_frame_exe_warm_s": series(exe, "warm", "median_s"),
        "first_frame_exe_peak_rss_mb": series(exe, "warm", "peak_rss_at_first_frame_mb"),
        "attract_picture_exe_warm_s": series(exe, "warm", "picture_median_s"),
        "load_first_ms": load.get("first_ms"),
        "load_first_unremembered_ms": load.get("first_unremembered_ms"),
        "load_first_cpu_ms": load.get("first_cpu_ms"),
        "load_median_cpu_ms": load.get("median_cpu_ms"),
        "load_median_ms": load.get("median_ms"),
        "load_apart_at_start_ms": load.get("apart_at_start_ms"),
        "load_apart_reload_ms": load.get("apart_reload_ms"),
        "latency_p50_ms": latency.get("p50_ms"),
        "latency_p95_ms": latency.get("p95_ms"),
        "latency_max_ms": latency.get("max_ms"),
        "latency_tap_p95_ms": ((tour.get("latency") or {}).get("tap") or {}).get("p95_ms"),
        "frame_p50_ms": frames.get("p50_ms"),
        "frame_p95_ms": frames.get("p95_ms"),
        "frame_max_ms": frames.get("max_ms"),
        "dropped_frames": frames.get("dropped"),
        "dropped_frames_pct": frames.get("dropped_pct"),
        "peak_rss_mb": tour.get("peak_rss_mb"),
        "bare_crossfade_frame_p95_ms": bare_fades.get("p95_ms"),
        "bare_crossfade_dropped_pct": bare_fades.get("dropped_pct"),
        "idle_scene_graph": idle.get("scene_graph"),
        "idle_attract_cpu_pct": attract.get("cpu_pct"),
        "idle_attract_fps": attract.get("fps"),
        "idle_home_cpu_pct": home.get("cpu_pct"),
        "idle_home_frames": home.get("frames"),
    }


def targets(results: dict) -> dict[str, dict]:
    """Issue 18's targets that this run measured, each with its value, limit, the bare window's figure it is set
    against (where it is), value / that figure, and ``met``. A target whose figure was not measured is left out."""
    s = results["summary"]
    out: dict[str, dict] = {}

    def target(key: str, what: str, value, limit, unit: str, rule: str, bare=None, limited_by: str = "") -> None:
        """``rule``: how the limit was set, where it is not a fixed number. ``limited_by``: what the baseline is,
        for a fixed limit that the baseline itself misses (then no change of the kiosk's can meet it here)."""
        if value is None or limit is None:
            return
        out[key] = {
            "what": what,
            "value": value,
            "unit": unit,
            "limit": round(limit, 3),
            "rule": rule,
            "baseline": bare,
            "ratio": round(value / bare, 2) if bare else None,
            "met": value <= limit,
            "limited_by": limited_by if bare is not None and bare > limit else None,
        }

    def times_bare(bare):
        return None if bare is None else FIRST_FRAME_TIMES_BARE * bare

    def over_bare(bare):
        return None if bare is None else bare + MEMORY_OVER_BARE_MB

    times = f"{FIRST_FRAME_TIMES_BARE:g} x bare window"
    for cache in ("warm", "cold"):
        bare = s[f"bare_first_frame_{cache}_s"]
        target(f"first_frame_{cache}", f"start -> first frame, {cache} QML cache", s[f"first_frame_{cache}_s"],
               times_bare(bare), "s", times, bare)
        target(f"first_frame_exe_{cache}", f"installed build: start -> first frame, {cache} QML cache",
               s[f"first_frame_exe_{cache}_s"], times_bare(bare), "s", times, bare)
    bare_mb = s["bare_first_frame_peak_rss_mb"]
    plus = f"bare window + {MEMORY_OVER_BARE_MB} MB"
    target("memory_at_first_frame", "peak RSS at the first frame (VmHWM, warm)", s["first_frame_peak_rss_mb"],
           over_bare(bare_mb), "MB", plus, bare_mb)
    target("memory_at_first_frame_exe", "installed build: peak RSS at the first frame",
           s["first_frame_exe_peak_rss_mb"], over_bare(bare_mb), "MB", plus, bare_mb)
    screen = results["screen"]
    where = "" if screen == PEAK_RSS_SCREEN else f"set for {PEAK_RSS_SCREEN}, measured at {screen}"
    target("peak_rss_tour", "peak RSS over the tour", s["peak_rss_mb"], PEAK_RSS_MB, "MB", where)
    bare_fade = {"frame_p95": s["bare_crossfade_frame_p95_ms"], "dropped": s["bare_crossfade_dropped_pct"]}
    for kind, frames in ((results.get("tour") or {}).get("frames") or {}).items():
        if kind == "all" or not frames.get("n"):
            continue
        key = kind.replace(" ", "_")
        for figure, value, limit, rule in (
            ("frame_p95", frames["p95_ms"], ANIMATION_FRAME_P95_MS, ""),
            ("dropped", frames["dropped_pct"], ANIMATION_DROPPED_PCT, "intervals > 25 ms"),
        ):
            # a screen change, read against two full-screen pictures crossfaded bare for as long
            bare = bare_fade[figure] if kind == "screen change" else None
            unit = "ms" if figure == "frame_p95" else "%"
            what = f"{kind}: frame interval p95" if figure == "frame_p95" else f"{kind}: frames dropped at 60 Hz"
            limited = f"a bare crossfade of two full-screen pictures here: {bare:g} {unit}" if bare is not None else ""
            target(f"{key}_{figure}", what, value, limit, unit, rule, bare, limited)
    target("latency_p95", "input -> frame p95, every input", s["latency_p95_ms"], LATENCY_P95_MS, "ms", "")
    target("latency_tap_p95", "input -> frame p95, taps", s["latency_tap_p95_ms"], LATENCY_P95_MS, "ms", "")
    target("load_at_start", "content load + validate at a start", s["load_first_ms"], LOAD_MS, "ms", "")
    target("load_reload", "content load + validate, a reload", s["load_median_ms"], LOAD_MS, "ms", "")
    target("idle_attract_cpu", "idle on Attract: CPU of one core", s["idle_attract_cpu_pct"], ATTRACT_CPU_PCT, "%", "")
    target("idle_home_cpu", "still Home: CPU of one core", s["idle_home_cpu_pct"], STILL_HOME_CPU_PCT, "%", "")
    target("idle_home_frames", "still Home: frames rendered", s["idle_home_frames"], STILL_HOME_FRAMES, "frames", "")
    return out


# --- the child processes ------------------------------------------------------------------------------------------


def _child(args: argparse.Namespace) -> int:
    from kiosk import paths

    root = args.content or paths.bundled_content_dir()
    result = _load_part(root, args.data) if args.part == "load" else _tour_part(root, args.screen, args.data)
    print(f"{PART_MARKER} {json.dumps(result)}", flush=True)
    return 0


def _load_part(root: Path, data: Path | None) -> dict:
    """The kiosk's two ways first, while this process has imported nothing of validating: a start after a change
    (one thread: a fork validates) and reloads (from a worker thread: the command line started afresh), each
    whole, from asking to the content in hand (kiosk.core.content.apart). Then the loader itself, in this process,
    as those children run it: the first load, and further loads reusing what the first built."""
    import threading

    from kiosk.core.content import apart

    started = time.perf_counter()
    apart.load(root, checks=data)
    at_start = time.perf_counter() - started
    reloads: list[float] = []

    def reload() -> None:
        began = time.perf_counter()
        apart.load(root, checks=data)
        reloads.append(time.perf_counter() - began)

    for _ in range(RELOAD_REPEATS):
        worker = threading.Thread(target=reload)
        worker.start()
        worker.join()

    apart.keep_checks_in(data)  # as the children did, reusing what kiosk run keeps in its data folder
    started = time.perf_counter()
    from kiosk.core.content.loader import load_content

    imported = time.perf_counter() - started
    cpu = time.process_time
    started, started_cpu = time.perf_counter(), cpu()
    content = load_content(root)
    first, first_cpu = time.perf_counter() - started, cpu() - started_cpu
    again, again_cpu = [], []
    for _ in range(LOAD_REPEATS):
        started, started_cpu = time.perf_counter(), cpu()
        load_content(root)
        again.append(time.perf_counter() - started)
        again_cpu.append(cpu() - started_cpu)
    return {
        "content": str(root),
        "content_hash": content.content_hash,
        "chapters": len(content.chapters),
        "slides": sum(len(c.slides) for c in content.chapters),
        "warnings": len(content.warnings),
        "apart_at_start_ms": round(at_start * 1000, 1),
        "apart_reload_ms": round(stats.median(reloads) * 1000, 1) if len(reloads) == RELOAD_REPEATS else None,
        "reload_repeats": RELOAD_REPEATS,
        "import_ms": round(imported * 1000, 1),
        "first_ms": round(first * 1000, 1),
        "median_ms": round(stats.median(again) * 1000, 1),
        "first_cpu_ms": round(first_cpu * 1000, 1),
        "median_cpu_ms": round(stats.median(again_cpu) * 1000, 1),
        "repeats": LOAD_REPEATS,
    }


def _tour_part(root: Path, screen: tuple[int, int], data: Path | None) -> dict:
    import linecache
    import tempfile

    from PySide6.QtQuick import QQuickWindow

    from kiosk.app import KioskApp
    from kiosk.core.content import snapshot
    from kiosk.core.visit.clock import ManualClock
    from kiosk.qt import firstframe as hook
    from kiosk.qt import items
    from kiosk.qt.kiosk import KioskOptions
    from kiosk.tools.perf.tour import Tour

    # as kiosk run loads content changed since its last start: validated apart, kept as the snapshot
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-tour-", dir=data) as kept:
        content = snapshot.remembering(Path(kept))(root)
    clock = ManualClock()
    app = KioskApp(content, options=KioskOptions(), size=screen, clock=clock)
    if app.window is None:
        raise SystemExit("the interface failed to load:\n" + "\n".join(app.warnings))
    window = app.window
    window.show()
    if not items.wait_until(window.isExposed, 10.0):
        raise SystemExit("the window was never exposed")
    items.wait_until(lambda: app.input_watcher.listening, 10.0)  # from the first frame on (kiosk.qt.input)
    items.pump(0.5)  # first frames, icons warmed after the first frame (kiosk.app)
    before_tour_kb = stats.rss_kb()
    result = Tour(app, clock).run()
    items.pump(0.3)
    out = result.to_json()
    out.update(
        {
            "screen": f"{screen[0]}x{screen[1]}",
            "platform": app.app.platformName(),
            "scene_graph": hook.scene_graph_backend(window),
            "scene_graph_backend_setting": QQuickWindow.sceneGraphBackend() or "(default)",
            "rss_before_tour_mb": stats.mb(before_tour_kb),
            "rss_after_tour_mb": stats.mb(stats.rss_kb()),
            "peak_rss_mb": stats.mb(stats.peak_rss_kb()),
            "sources_in_linecache": len(linecache.cache),  # a handful, unless PySide6's import hook was left on
            "qml_warnings": list(app.warnings),
        }
    )
    window.hide()
    app.close()
    return out


# --- the table ----------------------------------------------------------------------------------------------------


def _fmt(value, unit: str, digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value} {unit}".strip()
    return f"{value:.{digits}f} {unit}".strip()


DIGITS = {"s": 2, "ms": 1, "MB": 0, "%": 1, "frames": 0}


def format_table(results: dict) -> str:
    s = results["summary"]
    rendering = results["rendering"]
    lines = [
        f"kiosk bench {results['date']}  (Testament Kiosk {results['version']}, screen {results['screen']}, "
        f"{results['runs']} run(s) per start-up figure, {results['seconds']} s)",
        f"machine:   {machine.line(results['machine'])}",
        f"load average at start {results['machine'].get('load_average')}, at end "
        f"{results['machine'].get('load_average_end')} (other work on the machine skews every timing)",
        f"rendering: platform {rendering['platform'] or '(default)'}, scene graph {rendering['scene_graph'] or '?'}"
        + ("  (offscreen + software: comparable only with itself)" if rendering["platform"] == "offscreen" else ""),
        "",
    ]
    rows: list[tuple[str, str]] = []

    def row(name: str, value, unit: str, digits: int = 0) -> None:
        if value is not None:  # a part left out (--skip) or not measured leaves no empty rows
            rows.append((name, _fmt(value, unit, digits)))

    row("start -> first frame, cold QML cache (median)", s["first_frame_cold_s"], "s", 2)
    row("start -> first frame, warm QML cache (median)", s["first_frame_warm_s"], "s", 2)
    row("  CPU time of that process to its first frame", s["first_frame_warm_cpu_s"], "s", 2)
    row("  peak RSS at its first frame", s["first_frame_peak_rss_mb"], "MB")
    row("  the first frame showing the attract picture, warm", s["attract_picture_warm_s"], "s", 2)
    row("  peak RSS by then", s["attract_picture_peak_rss_mb"], "MB")
    row("bare Qt Quick window: first frame, cold", s["bare_first_frame_cold_s"], "s", 2)
    row("bare Qt Quick window: first frame, warm", s["bare_first_frame_warm_s"], "s", 2)
    row("  CPU time of that process to its first frame", s["bare_first_frame_warm_cpu_s"], "s", 2)
    row("  peak RSS at its first frame", s["bare_first_frame_peak_rss_mb"], "MB")
    if "startup_exe" in results:
        row("installed build: first frame, cold (median)", s["first_frame_exe_cold_s"], "s", 2)
        row("installed build: first frame, warm (median)", s["first_frame_exe_warm_s"], "s", 2)
        row("  peak RSS at its first frame", s["first_frame_exe_peak_rss_mb"], "MB")
        row("  the first frame showing the attract picture, warm", s["attract_picture_exe_warm_s"], "s", 2)
    load = results.get("load") or {}
    row("content load + validate at start, images remembered", s["load_first_ms"], "ms")
    row("  CPU time of that load", s["load_first_cpu_ms"], "ms")
    row("  the same, first start (every image opened, validators built)", s["load_first_unremembered_ms"], "ms")
    row(f"content load + validate, median of {load.get('repeats', '?')} more in one process", s["load_median_ms"], "ms")
    row("  (importing the loader and pydantic-core)", load.get("import_ms"), "ms")
    row("the kiosk's wait for content at a start after a change (a fork validates)", s["load_apart_at_start_ms"], "ms")
    row(f"  the same, median of {load.get('reload_repeats', '?')} reloads (a process started)",
        s["load_apart_reload_ms"], "ms")
    row("input -> frame latency p50", s["latency_p50_ms"], "ms", 1)
    row("input -> frame latency p95", s["latency_p95_ms"], "ms", 1)
    row("input -> frame latency max", s["latency_max_ms"], "ms", 1)
    row("  taps alone (mostly screen changes) p95", s["latency_tap_p95_ms"], "ms", 1)
    row("frame interval in animations p50", s["frame_p50_ms"], "ms", 1)
    row("frame interval in animations p95", s["frame_p95_ms"], "ms", 1)
    row("frame interval in animations max", s["frame_max_ms"], "ms", 1)
    tour = results.get("tour") or {}
    frames_all = (tour.get("frames") or {}).get("all") or {}
    if s["dropped_frames"] is not None:
        dropped = f"{s['dropped_frames']} of {frames_all.get('n')} ({s['dropped_frames_pct']}%)"
        rows.append(("dropped frames at 60 Hz (interval > 25 ms)", dropped))
    row("peak RSS over the tour (VmHWM)", s["peak_rss_mb"], "MB")
    row("bare crossfade of two full-screen pictures: frame p95", s["bare_crossfade_frame_p95_ms"], "ms", 1)
    row("  frames dropped at 60 Hz there", s["bare_crossfade_dropped_pct"], "%", 1)
    idle = results.get("idle") or {}
    row("idle on Attract: CPU of one core", s["idle_attract_cpu_pct"], "%", 1)
    row("  frames per second there", s["idle_attract_fps"], "fps", 1)
    row("still Home: CPU of one core", s["idle_home_cpu_pct"], "%", 1)
    row("  frames rendered there", s["idle_home_frames"], "")
    if rows:
        width = max(len(r[0]) for r in rows)
        lines.append(f"{'measure':{width}}  {'value':>16}")
        lines += [f"{name:{width}}  {value:>16}" for name, value in rows]

    goals = results.get("targets") or {}
    if goals:
        table = [("target", "value", "limit", "baseline", "ratio", "met")]
        for goal in goals.values():
            digits = DIGITS.get(goal["unit"], 1)
            table.append(
                (
                    goal["what"],
                    _fmt(goal["value"], goal["unit"], digits),
                    ("= " if goal["limit"] == 0 else "<= ")
                    + _fmt(goal["limit"], goal["unit"], digits)
                    + (f" ({goal['rule']})" if goal["rule"] else ""),
                    _fmt(goal["baseline"], goal["unit"], digits) if goal["baseline"] is not None else "",
                    f"{goal['ratio']:.2f}x" if goal["ratio"] is not None else "",
                    "yes" if goal["met"] else "NO",
                )
            )
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        lines.append("")
        for index, cells in enumerate(table):
            lines.append(
                f"{cells[0]:{widths[0]}}  {cells[1]:>{widths[1]}}  {cells[2]:{widths[2]}}  "
                f"{cells[3]:>{widths[3]}}  {cells[4]:>{widths[4]}}  {cells[5]}".rstrip()
            )
            if index == 0:
                lines.append("-" * (sum(widths) + 2 * (len(widths) - 1)))
        met = sum(1 for goal in goals.values() if goal["met"])
        lines.append(f"{met} of {len(goals)} targets met (baseline: the bare window, or for screen changes the bare "
                     "crossfade)")
        lines += [f"  {goal['what']}: limited by {goal['limited_by']}" for goal in goals.values() if goal["limited_by"]]

    if tour:
        lines.append("")
        lines.append(
            f"tour: {tour.get('steps')} inputs over {tour.get('screens_visited')} screens in {tour.get('seconds')} s"
        )
        for kind, values in (tour.get("latency") or {}).items():
            if kind != "all":
                lines.append(
                    f"  latency {kind:20} n={values['n']:<4} p50 {_fmt(values['p50_ms'], 'ms', 1):>9}  "
                    f"p95 {_fmt(values['p95_ms'], 'ms', 1):>9}  max {_fmt(values['max_ms'], 'ms', 1):>9}"
                )
        for kind, values in (tour.get("frames") or {}).items():
            if kind != "all":
                lines.append(
                    f"  frames  {kind:20} n={values['n']:<4} p50 {_fmt(values['p50_ms'], 'ms', 1):>9}  "
                    f"p95 {_fmt(values['p95_ms'], 'ms', 1):>9}  max {_fmt(values['max_ms'], 'ms', 1):>9}  "
                    f"dropped {values['dropped']} ({values['dropped_pct']}%)"
                )
        for miss in tour.get("misses") or []:
            lines.append(f"  miss: {miss}")
        for item in tour.get("inputs_without_frame") or []:
            lines.append(f"  no frame after: {item}")
        for warning in tour.get("qml_warnings") or []:
            lines.append(f"  QML warning: {warning}")
    if idle:
        lines.append("")
        lines.append(_idle_line(idle))
    for failure in results["failures"]:
        lines.append(f"FAILED: {failure}")
    return "\n".join(lines)


def _idle_line(idle: dict) -> str:
    if idle.get("skipped"):
        return f"idle: not measured: {idle['skipped']}"
    parts = [
        f"idle: kiosk run fullscreen on {idle.get('display')}, platform {idle.get('platform') or '?'}, "
        f"scene graph {idle.get('scene_graph') or '?'} (what kiosk run chose), window {idle.get('window') or '?'}"
    ]
    for name in ("attract", "home"):
        period = idle.get(name)
        if period:
            server = period.get("display_server_cpu_pct")
            parts.append(
                f"  {name:8} {period['seconds']:g} s: CPU {period['cpu_pct']} % of one core, {period['frames']} frames "
                f"({period['fps']} fps)" + (f"; the display server {server} %" if server is not None else "")
            )
    if idle.get("transition_s") is not None:
        parts.append(f"  Attract -> Home went still {idle['transition_s']} s after the tap")
    return "\n".join(parts)
