"""``kiosk soak``: thousands of random visitor actions on the real interface, offscreen, watching for anything
that goes wrong and for memory that keeps growing.

The kiosk runs as on the gallery floor (locked down, the bundled or given content) with a fake clock, so idle
timeouts and the navigation guard happen when the soak says, not after minutes of waiting. The actions: taps
anywhere, taps on whatever control is on screen, swipes, flicks, pinches, two-to-five-finger chaos, long
presses (the staff corner too), keys (Tab, Backtab, Enter, Space, Escape, arrows, the chords lockdown
swallows), language and mode switches, idle warnings and timeouts, content reloads on the worker thread
(:class:`kiosk.qt.content.ContentReloader`, the same folder), deep links and pauses.

Fails (exit 1) on: an exception anywhere (``sys.excepthook``, ``sys.unraisablehook``,
``threading.excepthook``), an error logged by the kiosk, a QML warning (``KioskApp.warnings``), a critical Qt
message, or memory growth. The RSS is read after every action (every N/1000th for longer runs), each time
right after the QML engine has collected its garbage and ``malloc_trim(0)`` has handed freed heap back to the
system, so it counts memory in use rather than what the JS heap and glibc keep for later (the untrimmed figures
are in the report too). The first tenth of the actions is
the warm-up; the median RSS of the second tenth is compared with that of the last. Before the first action
every screen is shown in every language and text size, so caches filling on a first visit do not count as
growth.

The plan (which action, where, how long) is drawn from ``--seed`` alone, before the run, so a seed always
means the same actions; ``plan_digest`` in the report says so. What they hit can still differ slightly from
run to run, since animations run in real time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.ops import heap
from kiosk.core.presentation.screens import screen_links
from kiosk.core.visit.clock import ManualClock
from kiosk.qt.offscreen import use_offscreen
from kiosk.tools.perf import stats

# (kind, weight): how often each kind of action comes up
ACTIONS: tuple[tuple[str, float], ...] = (
    ("tap_anywhere", 18),
    ("tap_control", 24),
    ("swipe", 10),
    ("flick", 6),
    ("pinch", 3),
    ("chaos", 3),
    ("long_press", 1.5),
    ("staff_hold", 0.1),
    ("key", 12),
    ("chord", 1),
    ("language", 4),
    ("mode", 2),
    ("idle_warning", 1.5),
    ("idle_timeout", 1.5),
    ("reload", 1.5),
    ("deep_link", 2),
    ("pause", 4),
)
KEYS = (
    "Key_Tab",
    "Key_Backtab",
    "Key_Return",
    "Key_Enter",
    "Key_Space",
    "Key_Escape",
    "Key_Left",
    "Key_Right",
    "Key_Up",
    "Key_Down",
    "Key_Home",
    "Key_End",
    "Key_PageDown",
    "Key_A",
)
CHORDS = (("ControlModifier", "Key_Q"), ("AltModifier", "Key_F4"), ("ControlModifier", "Key_W"))
SETTLE_SECONDS = 0.006  # the event loop runs this long after every action (animations go on meanwhile)
SAMPLES = 1000  # RSS readings over the run (after every action for up to 1000 actions)
IGNORED_QT_MESSAGES = ("propagateSizeHints",)  # the offscreen platform's notes about itself


@dataclass
class Plan:
    seed: int
    steps: list[tuple[str, dict]]

    @classmethod
    def draw(cls, seed: int, actions: int) -> Plan:
        rng = random.Random(seed)
        kinds = [k for k, _ in ACTIONS]
        weights = [w for _, w in ACTIONS]
        steps = []
        for _ in range(actions):
            kind = rng.choices(kinds, weights)[0]
            params = {
                "x": rng.random(),
                "y": rng.random(),
                "dx": rng.uniform(-0.6, 0.6),
                "dy": rng.uniform(-0.6, 0.6),
                "pick": rng.random(),
                "fingers": rng.randint(2, 5),
                "advance": rng.choice((0.05, 0.2, 0.5, 1.0, 1.0, 2.0, 4.0)),
                "hold": rng.uniform(0.3, 0.7),
                "key": rng.choice(KEYS),
                "chord": rng.randrange(len(CHORDS)),
                "pause": rng.uniform(0.05, 0.3),
                "spread": rng.choice((-1, 1)),
            }
            steps.append((kind, params))
        return cls(seed, steps)

    @property
    def digest(self) -> str:
        text = json.dumps(self.steps, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Problems:
    exceptions: list[str] = field(default_factory=list)
    logged_errors: list[str] = field(default_factory=list)
    qt_messages: list[str] = field(default_factory=list)
    qt_critical: list[str] = field(default_factory=list)


class Watch:
    """Catches exceptions (every hook Python offers), errors logged, and Qt's messages, while installed."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self._saved: tuple = ()
        self._handler: logging.Handler | None = None

    def __enter__(self) -> Watch:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        problems = self.problems

        def excepthook(kind, value, tb) -> None:
            problems.exceptions.append("".join(traceback.format_exception(kind, value, tb)).strip())

        def unraisablehook(info) -> None:
            text = "".join(traceback.format_exception(info.exc_type, info.exc_value, info.exc_traceback)).strip()
            problems.exceptions.append(f"unraisable ({info.err_msg or 'exception ignored'} {info.object!r}): {text}")

        def threadhook(args) -> None:
            text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)).strip()
            problems.exceptions.append(f"in thread {args.thread.name if args.thread else '?'}: {text}")

        def qt_messages(kind, context, message) -> None:
            if any(ignored in message for ignored in IGNORED_QT_MESSAGES):
                return
            if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
                problems.qt_critical.append(message)
            elif kind == QtMsgType.QtWarningMsg:
                problems.qt_messages.append(message)

        class Errors(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                problems.logged_errors.append(f"{record.name}: {record.getMessage()}")

        self._saved = (sys.excepthook, sys.unraisablehook, threading.excepthook)
        sys.excepthook, sys.unraisablehook, threading.excepthook = excepthook, unraisablehook, threadhook
        self._handler = Errors(logging.ERROR)
        logging.getLogger().addHandler(self._handler)
        qInstallMessageHandler(qt_messages)
        return self

    def __exit__(self, *exc) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
        sys.excepthook, sys.unraisablehook, threading.excepthook = self._saved
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)



# --- the run ------------------------------------------------------------------------------------------------------


def main(args: argparse.Namespace) -> int:
    if args.actions < 10:
        print("kiosk soak: --actions must be at least 10", file=sys.stderr)
        return 2
    use_offscreen()  # the soak never opens a real window
    report = run(
        actions=args.actions,
        seed=args.seed,
        screen=args.screen,
        content_dir=args.content,
        max_growth_pct=args.max_growth,
        progress=None if args.quiet or args.json else sys.stderr,
    )
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report))
    return 0 if report["ok"] else 1


def run(
    *,
    actions: int,
    seed: int = 1,
    screen: tuple[int, int] = (1920, 1080),
    content_dir: Path | None = None,
    max_growth_pct: float = 2.0,
    progress=None,
) -> dict:
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from kiosk import paths
    from kiosk.app import KioskApp
    from kiosk.core.content import snapshot
    from kiosk.qt import items
    from kiosk.qt.content import ContentReloader
    from kiosk.qt.kiosk import KioskOptions
    from kiosk.tools.perf import machine

    root = Path(content_dir) if content_dir else paths.bundled_content_dir()
    plan = Plan.draw(seed, actions)
    problems = Problems()
    started = time.monotonic()
    with Watch(problems), tempfile.TemporaryDirectory(prefix="kiosk-soak-", ignore_cleanup_errors=True) as kept:
        # as kiosk run loads and reloads: validated apart, kept as a snapshot (restored by the reloads that follow)
        load = snapshot.remembering(Path(kept))
        content = load(root)
        clock = ManualClock()
        app = KioskApp(content, options=KioskOptions(lockdown=True), size=screen, clock=clock)
        if app.window is None:
            problems.qt_critical.append("the interface failed to load: " + "; ".join(app.warnings))
            return _report(plan, problems, app_warnings=list(app.warnings), started=started, max_growth=max_growth_pct)
        reloads = Counter()
        reloader = ContentReloader(lambda: load(root))
        reloader.loaded.connect(app.kiosk.set_content)
        reloader.loaded.connect(lambda _content: reloads.update(["loaded"]))
        reloader.failed.connect(lambda report: problems.logged_errors.append(f"content reload failed: {report}"))
        app.window.show()
        items.wait_until(app.window.isExposed, 10.0)
        items.wait_until(lambda: app.input_watcher.listening, 10.0)  # from the first frame on (kiosk.qt.input)
        items.pump(0.3)
        visitor = Visitor(app, clock, reloader, root)
        visitor.prime()

        rss: list[int] = []  # after handing freed heap back (malloc_trim): what is in use
        raw: list[int] = []  # as the system sees it
        counts: Counter = Counter()
        tenth = max(1, actions // 10)
        every = max(1, actions // SAMPLES)
        for number, (kind, params) in enumerate(plan.steps, 1):
            visitor.do(kind, params)
            counts[kind] += 1
            items.pump(SETTLE_SECONDS)
            if number % every == 0:
                raw.append(stats.rss_kb())
                app.engine.collectGarbage()  # the QML engine's garbage (JS objects) goes on its own schedule
                heap.give_back()
                rss.append(stats.rss_kb())
            if progress is not None and number % tenth == 0:
                print(
                    f"soak: {number}/{actions} actions, {time.monotonic() - started:.0f} s, "
                    f"RSS {rss[-1] / 1024:.1f} MB, at {app.kiosk.visit.link}, problems {_problem_count(problems, app)}",
                    file=progress,
                    flush=True,
                )
        QThreadPool.globalInstance().waitForDone(10000)
        items.pump(0.3)
        warnings = list(app.warnings)
        screens = sorted(visitor.links)
        app.window.hide()
        app.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    return _report(
        plan,
        problems,
        app_warnings=warnings,
        started=started,
        max_growth=max_growth_pct,
        rss=rss,
        counts=counts,
        screens=screens,
        reloads=reloads["loaded"],
        raw_rss=raw,
        screen=screen,
        content=root,
        machine_info=machine.describe(qt=True),
    )


def _problem_count(problems: Problems, app) -> int:
    return len(problems.exceptions) + len(problems.logged_errors) + len(problems.qt_critical) + len(app.warnings)


def memory_growth(rss: list[int]) -> dict:
    """Median RSS of each tenth of the run; growth from the second tenth (after warm-up) to the last."""
    if len(rss) < 10:
        return {"tenths_mb": [], "growth_pct": None}
    size = len(rss) / 10
    tenths = [rss[int(i * size) : int((i + 1) * size)] for i in range(10)]
    medians = [stats.median(t) for t in tenths]
    first, last = medians[1], medians[9]
    return {
        "tenths_mb": [stats.mb(m) for m in medians],
        "after_warm_up_mb": stats.mb(first),
        "last_tenth_mb": stats.mb(last),
        "growth_pct": round(100 * (last - first) / first, 2) if first else None,
        "peak_mb": stats.mb(max(rss)),
    }


def _report(plan: Plan, problems: Problems, *, app_warnings, started, max_growth, rss=(), counts=None, **extra) -> dict:
    memory = memory_growth(list(rss))
    raw = extra.pop("raw_rss", None)
    if raw:
        memory["untrimmed"] = memory_growth(raw)
    growth = memory.get("growth_pct")
    failures = []
    if problems.exceptions:
        failures.append(f"{len(problems.exceptions)} exception(s)")
    if problems.logged_errors:
        failures.append(f"{len(problems.logged_errors)} error(s) logged")
    if problems.qt_critical:
        failures.append(f"{len(problems.qt_critical)} critical Qt message(s)")
    if app_warnings:
        failures.append(f"{len(app_warnings)} QML warning(s)")
    if growth is not None and growth > max_growth:
        failures.append(f"memory grew {growth:.2f}% after warm-up (limit {max_growth}%)")
    machine_info = extra.pop("machine_info", None)
    content = extra.pop("content", None)
    screen = extra.pop("screen", None)
    return {
        "ok": not failures,
        "failures": failures,
        "actions": len(plan.steps),
        "seed": plan.seed,
        "plan_digest": plan.digest,
        "seconds": round(time.monotonic() - started, 1),
        "screen": f"{screen[0]}x{screen[1]}" if screen else None,
        "content": str(content) if content else None,
        "counts": dict(sorted((counts or {}).items())),
        "memory": memory,
        "max_growth_pct": max_growth,
        "exceptions": problems.exceptions[:20],
        "logged_errors": problems.logged_errors[:20],
        "qml_warnings": app_warnings[:20],
        "qt_critical": problems.qt_critical[:20],
        "qt_warnings": sorted(Counter(problems.qt_messages).items(), key=lambda kv: -kv[1])[:20],
        "machine": machine_info,
        **extra,
    }


def format_report(report: dict) -> str:
    memory = report["memory"]
    lines = [
        f"kiosk soak: {report['actions']} actions, seed {report['seed']} (plan {report['plan_digest']}), "
        f"{report['seconds']} s, screen {report['screen']}",
    ]
    if report.get("machine"):
        from kiosk.tools.perf import machine

        lines.append(f"machine: {machine.line(report['machine'])}")
    if report.get("counts"):
        lines.append("actions: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items()))
    if report.get("screens") is not None:
        lines.append(f"screens seen: {len(report['screens'])}; content reloads: {report.get('reloads', 0)}")
    if memory.get("tenths_mb"):
        lines.append(
            "RSS medians per tenth (MB): "
            + " ".join(f"{m:.1f}" for m in memory["tenths_mb"])
            + f"; growth after warm-up {memory['growth_pct']:+.2f}% (limit {report['max_growth_pct']}%)"
        )
    for title, key in (
        ("exception", "exceptions"),
        ("error logged", "logged_errors"),
        ("QML warning", "qml_warnings"),
        ("critical Qt message", "qt_critical"),
    ):
        for item in report.get(key) or []:
            lines.append(f"{title}: {item}")
    for message, count in report.get("qt_warnings") or []:
        lines.append(f"Qt warning (x{count}, not a failure): {message}")
    lines.append("soak passed" if report["ok"] else "soak FAILED: " + "; ".join(report["failures"]))
    return "\n".join(lines)


# --- the visitor --------------------------------------------------------------------------------------------------


class Visitor:
    """Carries out one planned action on the running kiosk."""

    def __init__(self, app, clock: ManualClock, reloader, root: Path):
        self.app = app
        self.kiosk = app.kiosk
        self.window = app.window
        self.clock = clock
        self.reloader = reloader
        self.root = root
        self.links: set[str] = set()
        self.screen_links = screen_links(self.kiosk.content)

    def prime(self) -> None:
        """Every screen in every language, in both text sizes, once: caches that fill on a first visit
        (decoded images, glyphs of each size) are full before memory is watched."""
        from kiosk.qt import items

        for large in (False, True):
            for language in self.kiosk.content.languages:
                self.kiosk.setLanguage(language)
                self.kiosk.modes.setLargeText(large)
                for link in self.screen_links:
                    self.kiosk.visit.openLink(link)
                    items.pump(0.03)
        self.kiosk.visit.reset()
        items.pump(0.3)

    def point(self, fx: float, fy: float):
        from PySide6.QtCore import QPoint

        w, h = self.window.width(), self.window.height()
        return QPoint(min(w - 1, max(0, int(fx * w))), min(h - 1, max(0, int(fy * h))))

    def do(self, kind: str, p: dict) -> None:
        from PySide6.QtCore import QPoint, Qt

        from kiosk.qt import items

        self.clock.advance(p["advance"])
        window = self.window
        if kind == "tap_anywhere":
            items.tap(window, self.point(p["x"], p["y"]), hold=0.015)
        elif kind == "tap_control":
            controls = self.controls()
            if controls:
                items.tap(window, items.center(controls[int(p["pick"] * len(controls))]), hold=0.015)
        elif kind in ("swipe", "flick"):
            start = self.point(p["x"], p["y"])
            if kind == "swipe":
                end = start + QPoint(int(p["dx"] * window.width()), int(p["dy"] * 0.1 * window.height()))
                items.swipe(window, start, end, steps=8, interval=0.008)
            else:
                end = start + QPoint(int(p["dx"] * 0.1 * window.width()), int(p["dy"] * window.height()))
                items.swipe(window, start, end, steps=4, interval=0.008)
        elif kind == "pinch":
            middle = self.point(0.2 + 0.6 * p["x"], 0.2 + 0.6 * p["y"])
            near, far = 40, int(0.2 * min(window.width(), window.height()))
            a, b = (near, far) if p["spread"] > 0 else (far, near)
            items.drag(
                window,
                {0: middle - QPoint(a, 0), 1: middle + QPoint(a, 0)},
                {0: middle - QPoint(b, 0), 1: middle + QPoint(b, 0)},
                steps=6,
                interval=0.008,
            )
        elif kind == "chaos":
            self.chaos(p)
        elif kind == "long_press":
            items.tap(window, self.point(p["x"], p["y"]), hold=p["hold"])
        elif kind == "staff_hold":
            items.tap(window, QPoint(5, 5), hold=3.2)  # the staff corner: opens the PIN pad
        elif kind == "key":
            items.key(window, getattr(Qt.Key, p["key"]))
        elif kind == "chord":
            modifier, key = CHORDS[p["chord"]]
            items.key(window, getattr(Qt.Key, key), getattr(Qt.KeyboardModifier, modifier))
        elif kind == "language":
            languages = self.kiosk.content.languages
            self.kiosk.setLanguage(languages[int(p["pick"] * len(languages))])
        elif kind == "mode":
            if p["pick"] < 0.5:
                self.kiosk.modes.setLargeText(not self.kiosk.modes.largeText)
            else:
                self.kiosk.modes.setHighContrast(not self.kiosk.modes.highContrast)
        elif kind == "idle_warning":
            self.clock.advance(self.idle_timeout() + 1)
            self.kiosk.idle.poll()
        elif kind == "idle_timeout":
            self.clock.advance(self.idle_timeout() + self.kiosk.idle.warningSeconds + 2)
            self.kiosk.idle.poll()
            self.clock.advance(self.kiosk.idle.warningSeconds + 1)
            self.kiosk.idle.poll()
        elif kind == "reload":
            self.reloader.request()
        elif kind == "deep_link":
            self.kiosk.visit.openLink(self.screen_links[int(p["pick"] * len(self.screen_links))])
        elif kind == "pause":
            items.pump(p["pause"])
        self.links.add(self.kiosk.visit.link)

    def idle_timeout(self) -> float:
        idle = self.kiosk.content.exhibit.idle
        return float(max(idle.timeout_seconds, idle.document_timeout_seconds, 600))

    def controls(self) -> list:
        """Named items on screen (buttons, cards, keys): what a visitor's finger is drawn to."""
        from kiosk.qt import items

        out = []
        for item in items.all_items(self.window):
            name = item.objectName()
            passive = name.endswith(("View", "Grid", "Text", "Banner", "Dots", "Panel", "Title", "Progress"))
            if name and not passive and items.on_screen(self.window, item, enabled=True):
                out.append(item)
        return out

    def chaos(self, p: dict) -> None:
        from kiosk.qt import items

        rng = random.Random(int(p["pick"] * 1e9))  # drawn from the plan: the same chaos for the same seed
        fingers = p["fingers"]
        points = {i: self.point(rng.random(), rng.random()) for i in range(fingers)}
        items.touch(self.window, "press", points)
        for _ in range(5):
            items.pump(0.008)
            points = {i: self.point(rng.random(), rng.random()) for i in points}
            items.touch(self.window, "move", points)
        lifted = rng.randrange(1, fingers)  # some fingers leave first, the rest stay and move on
        items.touch_mixed(
            self.window,
            {i: ("release", points[i]) if i < lifted else ("stationary", None) for i in points},
        )
        rest = {i: self.point(rng.random(), rng.random()) for i in range(lifted, fingers)}
        items.pump(0.008)
        items.touch(self.window, "move", rest)
        items.touch(self.window, "release", rest)
