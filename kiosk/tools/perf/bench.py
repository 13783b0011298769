"""``kiosk bench``: how fast the kiosk starts, loads its content, answers a touch and animates, and how much
memory it takes, on the shipped content; always with the machine and the Qt renderer the numbers came from.

Each part runs in a fresh process of its own, so no part's imports or memory colour another's:

* start-up: ``kiosk run`` (or an installed build with ``--exe``) to its first frame, cold and warm QML cache,
  median of ``--runs`` processes (:mod:`kiosk.tools.perf.startup`);
* content load + validate: ``kiosk bench --part load``, twice, as two starts of ``kiosk run``: the first opens
  every image, the second finds the sound ones remembered (kiosk.core.content.imagecheck); then the median of further
  loads in that process, which reuse the in-process caches as a reload does. Wall and CPU time;
* the tour: ``kiosk bench --part tour``: the real window at ``--screen``, every screen by touch
  (:mod:`kiosk.tools.perf.tour`): input to frame latency, frame intervals during transitions, swipes and flicks,
  and the peak RSS of that process.

The targets are in docs/performance.md; the numbers are not pass/fail (the exit code is 1 only when a part
could not be measured at all).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from kiosk.tools.perf import machine, stats

PART_MARKER = "KIOSK_BENCH_PART"
LOAD_REPEATS = 7

TARGETS = {
    "first_frame_s": 0.4,
    "peak_rss_mb": 130,
    "latency_p95_ms": 33,
    "load_ms": 50,
}


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
    from kiosk.qt.offscreen import choose_platform

    choose_platform(args.offscreen)  # children inherit QT_QPA_PLATFORM / QT_QUICK_BACKEND
    results = run(
        args.screen, args.runs, exe=args.exe, content=args.content, skip=set(args.skip), progress=not args.json
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
) -> dict:
    from kiosk import __version__, paths
    from kiosk.tools.perf import startup

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
        "targets": TARGETS,
        "failures": [],
    }
    if "load" not in skip:
        say("content load + validate ...")
        results["load"] = _measure_load(screen, content, results["failures"])
    if "startup" not in skip:
        say(f"start-up: {2 * runs + 1} fresh processes ...")
        cold, warm = startup.measure(startup.source_command(screen, content), runs, "source")
        results["startup"] = {"cold": cold.to_json(), "warm": warm.to_json()}
        results["failures"] += [f"start-up: {e}" for e in cold.errors + warm.errors]
        if exe is not None:
            say(f"start-up of {exe}: {2 * runs + 1} fresh processes ...")
            cold, warm = startup.measure(startup.exe_command(exe, screen, content), runs, "exe")
            results["startup_exe"] = {"exe": str(exe), "cold": cold.to_json(), "warm": warm.to_json()}
            results["failures"] += [f"start-up of {exe}: {e}" for e in cold.errors + warm.errors]
    if "tour" not in skip:
        say("tour of every screen ...")
        results["tour"] = _run_part("tour", screen, content, results["failures"])
    tour = results.get("tour") or {}
    results["rendering"] = {
        "platform": tour.get("platform") or os.environ.get("QT_QPA_PLATFORM", ""),
        "scene_graph": tour.get("scene_graph") or (results.get("startup", {}).get("warm", {}).get("backend") or ""),
        "scene_graph_backend_setting": tour.get("scene_graph_backend_setting", ""),
        "comparable": "offscreen + software rendering is comparable only with itself",
    }
    results["machine"]["load_average_end"] = machine.load_average()
    results["seconds"] = round(time.monotonic() - started, 1)
    results["summary"] = summary(results)
    return results


def _measure_load(screen: tuple[int, int], content: Path | None, failures: list[str]) -> dict | None:
    """Two fresh processes, as two starts of ``kiosk run``: the first opens every image (and remembers the sound
    ones, kiosk.core.content.imagecheck), the second starts on unchanged content and finds them remembered."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        extra = ["--image-checks", str(Path(tmp) / "image-checks.json")]
        first = _run_part("load", screen, content, failures, extra)
        again = _run_part("load", screen, content, failures, extra)
    if first is None or again is None:
        return None
    again["first_unremembered_ms"] = first["first_ms"]
    again["first_unremembered_cpu_ms"] = first["first_cpu_ms"]
    return again


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
    latency = (tour.get("latency") or {}).get("all") or {}
    frames = (tour.get("frames") or {}).get("all") or {}
    return {
        "first_frame_cold_s": (start.get("cold") or {}).get("median_s"),
        "first_frame_warm_s": (start.get("warm") or {}).get("median_s"),
        "first_frame_warm_cpu_s": (start.get("warm") or {}).get("cpu_median_s"),
        "first_frame_exe_cold_s": ((results.get("startup_exe") or {}).get("cold") or {}).get("median_s"),
        "first_frame_exe_warm_s": ((results.get("startup_exe") or {}).get("warm") or {}).get("median_s"),
        "load_first_ms": load.get("first_ms"),
        "load_first_unremembered_ms": load.get("first_unremembered_ms"),
        "load_first_cpu_ms": load.get("first_cpu_ms"),
        "load_median_cpu_ms": load.get("median_cpu_ms"),
        "load_median_ms": load.get("median_ms"),
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
    }


# --- the child processes ------------------------------------------------------------------------------------------


def _child(args: argparse.Namespace) -> int:
    from kiosk import paths

    root = args.content or paths.bundled_content_dir()
    result = _load_part(root, args.image_checks) if args.part == "load" else _tour_part(root, args.screen)
    print(f"{PART_MARKER} {json.dumps(result)}", flush=True)
    return 0


def _load_part(root: Path, image_checks: Path | None) -> dict:
    started = time.perf_counter()
    from kiosk.core.content.loader import load_content

    imported = time.perf_counter() - started
    cpu = time.process_time
    if image_checks is not None:  # as kiosk run does (kiosk.app.run)
        from kiosk.core.content import imagecheck

        imagecheck.remember_checks_in(image_checks)
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
        "import_ms": round(imported * 1000, 1),
        "first_ms": round(first * 1000, 1),
        "median_ms": round(stats.median(again) * 1000, 1),
        "first_cpu_ms": round(first_cpu * 1000, 1),
        "median_cpu_ms": round(stats.median(again_cpu) * 1000, 1),
        "repeats": LOAD_REPEATS,
    }


def _tour_part(root: Path, screen: tuple[int, int]) -> dict:
    from PySide6.QtQuick import QQuickWindow

    from kiosk.app import KioskApp
    from kiosk.core.content.loader import load_content
    from kiosk.core.visit.clock import ManualClock
    from kiosk.qt import firstframe as hook
    from kiosk.qt import items
    from kiosk.qt.kiosk import KioskOptions
    from kiosk.tools.perf.tour import Tour

    content = load_content(root)
    clock = ManualClock()
    app = KioskApp(content, options=KioskOptions(), size=screen, clock=clock)
    if app.window is None:
        raise SystemExit("the interface failed to load:\n" + "\n".join(app.warnings))
    window = app.window
    window.show()
    if not items.wait_until(window.isExposed, 10.0):
        raise SystemExit("the window was never exposed")
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
    return f"{value:.{digits}f} {unit}".strip()


def _target(value, limit, unit: str, digits: int = 0) -> tuple[str, str]:
    if limit is None:
        return "", ""
    verdict = "" if value is None else ("ok" if value <= limit else "MISSED")
    return f"<= {limit:.{digits}f} {unit}".strip(), verdict


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
    rows: list[tuple[str, str, str, str]] = []
    t = TARGETS

    def row(name: str, value, unit: str, digits: int, limit=None) -> None:
        target, verdict = _target(value, limit, unit, digits)
        rows.append((name, _fmt(value, unit, digits), target, verdict))

    row("start -> first frame, cold QML cache (median)", s["first_frame_cold_s"], "s", 2, t["first_frame_s"])
    row("start -> first frame, warm QML cache (median)", s["first_frame_warm_s"], "s", 2, t["first_frame_s"])
    row("  CPU time of that process to its first frame", s["first_frame_warm_cpu_s"], "s", 2)
    if "startup_exe" in results:
        row("installed build: first frame, cold (median)", s["first_frame_exe_cold_s"], "s", 2, t["first_frame_s"])
        row("installed build: first frame, warm (median)", s["first_frame_exe_warm_s"], "s", 2, t["first_frame_s"])
    load = results.get("load") or {}
    row("content load + validate at start, images remembered", s["load_first_ms"], "ms", 0, t["load_ms"])
    row("  CPU time of that load", s["load_first_cpu_ms"], "ms", 0)
    row("  the same, first start (every image opened)", s["load_first_unremembered_ms"], "ms", 0)
    row(
        f"content load + validate, median of {load.get('repeats', '?')} reloads",
        s["load_median_ms"],
        "ms",
        0,
        t["load_ms"],
    )
    row("  (importing the loader: pydantic models)", load.get("import_ms"), "ms", 0)
    row("input -> frame latency p50", s["latency_p50_ms"], "ms", 1)
    row("input -> frame latency p95", s["latency_p95_ms"], "ms", 1, t["latency_p95_ms"])
    row("input -> frame latency max", s["latency_max_ms"], "ms", 1)
    row("  taps alone (mostly screen changes) p95", s["latency_tap_p95_ms"], "ms", 1, t["latency_p95_ms"])
    row("frame interval in animations p50", s["frame_p50_ms"], "ms", 1)
    row("frame interval in animations p95", s["frame_p95_ms"], "ms", 1)
    row("frame interval in animations max", s["frame_max_ms"], "ms", 1)
    tour = results.get("tour") or {}
    frames_all = (tour.get("frames") or {}).get("all") or {}
    rows.append(
        (
            "dropped frames at 60 Hz (interval > 25 ms)",
            "-"
            if s["dropped_frames"] is None
            else f"{s['dropped_frames']} of {frames_all.get('n')} ({s['dropped_frames_pct']}%)",
            "",
            "",
        )
    )
    row("peak RSS over the tour (VmHWM)", s["peak_rss_mb"], "MB", 0, t["peak_rss_mb"])
    width = max(len(r[0]) for r in rows)
    lines.append(f"{'measure':{width}}  {'value':>16}  {'target':>10}")
    for name, value, target, verdict in rows:
        lines.append(f"{name:{width}}  {value:>16}  {target:>10}  {verdict}")
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
                    f"dropped {values['dropped']}"
                )
        for miss in tour.get("misses") or []:
            lines.append(f"  miss: {miss}")
        for item in tour.get("inputs_without_frame") or []:
            lines.append(f"  no frame after: {item}")
        for warning in tour.get("qml_warnings") or []:
            lines.append(f"  QML warning: {warning}")
    for failure in results["failures"]:
        lines.append(f"FAILED: {failure}")
    return "\n".join(lines)
