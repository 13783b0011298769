"""Fixtures of the analytics tests: a database path, a wall clock set by hand, a recorder, 10,000 visits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from analyticskit import WEDNESDAY, generate_visits

from kiosk.core.analytics.recorder import SqliteRecorder
from kiosk.core.visit.clock import ManualClock


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "analytics.sqlite3"


@pytest.fixture
def wall() -> ManualClock:
    return ManualClock(WEDNESDAY)


@pytest.fixture
def recorder(db: Path, wall: ManualClock) -> Iterator[SqliteRecorder]:
    rec = SqliteRecorder(db, wall_clock=wall)
    yield rec
    rec.close()


@pytest.fixture(scope="session")  # built once: the queries and the writers read it
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "analytics.sqlite3"
    wall = ManualClock(WEDNESDAY)
    rec = SqliteRecorder(path, wall_clock=wall, retention_days=3650)
    started = time.perf_counter()
    generate_visits(rec, wall, 10_000)
    rec.app_event("content-reload")
    rec.close()
    print(f"\n10,000 visits recorded in {time.perf_counter() - started:.2f} s")
    return path
