"""Shared by the analytics tests: a fixed wall-clock moment, raw rows of a database, and generated visits."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from kiosk.core.analytics.recorder import SqliteRecorder
from kiosk.core.visit.clock import ManualClock

DAY = 86400
# a Wednesday, 10:17:42 local time
WEDNESDAY = time.mktime((2025, 3, 12, 10, 17, 42, 0, 0, -1))


def rows(path: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


CHAPTERS = [("dictation", 5), ("postscript", 4), ("congress", 6), ("suppression", 3), ("publication", 4)]
OTHER = ["timeline", "people", "person/stalin", "person/krupskaya", "myth", "document/testament"]
EVENTS = ["document.zoom", "document.transcript", "timeline.event", "myth.reveal"]


def generate_visits(rec: SqliteRecorder, wall: ManualClock, count: int, *, seed: int = 1922, days: int = 60) -> None:
    """``count`` plausible visits over ``days`` days ending on WEDNESDAY, through the recorder's own API."""
    rng = random.Random(seed)
    first_day = WEDNESDAY - days * DAY
    clock = 0.0
    for _ in range(count):
        wall.now = first_day + rng.randrange(days + 1) * DAY + rng.randrange(-2 * 3600, 8 * 3600)
        clock += 1000.0
        start = clock
        rec.start_session(clock, rng.choice(["en", "en", "en", "ru", "de"]))
        rec.view("home", clock)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            clock += rng.randint(2, 40)
            if rng.random() < 0.25:
                rec.view(rng.choice(OTHER), clock)
                continue
            chapter, slides = rng.choice(CHAPTERS)
            for slide in range(rng.randint(1, slides)):
                rec.view(f"chapter/{chapter}/{slide}", clock, slide_count=slides)
                clock += rng.randint(3, 90)
            if rng.random() < 0.1:
                rec.language(rng.choice(["en", "ru", "de"]), clock)
            if rng.random() < 0.2:
                rec.record_event(rng.choice(EVENTS))
            if rng.random() < 0.5:
                rec.view("home", clock)
        if rng.random() < 0.05:
            rec.modes(large_text=True, high_contrast=rng.random() < 0.3)
        reason = rng.choices(["timeout", "reset", "staff", "shutdown"], [80, 10, 5, 5])[0]
        clock += rng.randint(1, 60)
        if reason == "timeout":
            rec.end_session("timeout", clock + 120, idle_since=clock + 90)
        else:
            rec.end_session(reason, clock)
        assert clock >= start
