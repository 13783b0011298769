"""``kiosk report`` over a fleet: snapshot folders collected from several kiosks, each visit counted once."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

from analyticskit import WEDNESDAY, generate_visits

from kiosk.cli import main
from kiosk.core.analytics.recorder import DB_NAME, SqliteRecorder
from kiosk.core.visit.clock import ManualClock


def record(db: Path, visits: int, seed: int) -> None:
    wall = ManualClock(WEDNESDAY)
    rec = SqliteRecorder(db, wall_clock=wall, retention_days=3650)
    generate_visits(rec, wall, visits, seed=seed, days=20)
    rec.close()


def snapshot_folder(folder: Path, db: Path, name: str | None, content: str = "", checked_at: str = "") -> Path:
    """What `kiosk snapshot` leaves: the database and status.json (the logs play no part in a report)."""
    folder.mkdir(parents=True)
    source = sqlite3.connect(db)
    target = sqlite3.connect(folder / DB_NAME)
    source.backup(target)
    source.close()
    target.close()
    if name is not None:
        status = {"name": name, "version": "0.1.0", "content": {"hash": content or f"hash-of-{name}"},
                  "checked_at": checked_at}
        (folder / "status.json").write_text(json.dumps(status), encoding="utf-8")
    return folder


def report(out: Path, *dbs: Path) -> dict[str, list[dict[str, str]]]:
    args = ["report", "--out", str(out)]
    for db in dbs:
        args += ["--db", str(db)]
    assert main([*args, "--no-charts"]) == 0
    return {path.stem: list(csv.DictReader(path.open(encoding="utf-8"))) for path in out.glob("*.csv")}


def summary(tables: dict[str, list[dict[str, str]]]) -> dict[str, str]:
    return {row["measure"]: row["value"] for row in tables["summary"]}


def test_the_fleet_totals_are_the_sum_of_the_kiosks_own(tmp_path: Path, capsys) -> None:
    record(tmp_path / "left.sqlite3", 300, seed=1)
    record(tmp_path / "right.sqlite3", 200, seed=2)
    collected = tmp_path / "collected"
    snapshot_folder(collected / "host-a" / "2025-03-12", tmp_path / "left.sqlite3", "gallery-left")
    snapshot_folder(collected / "host-b" / "2025-03-12", tmp_path / "right.sqlite3", "gallery-right")
    own = {name: summary(report(tmp_path / name, tmp_path / f"{name}.sqlite3")) for name in ("left", "right")}

    fleet = report(tmp_path / "fleet", collected)

    total = summary(fleet)
    assert int(total["kiosks"]) == 2
    assert int(total["sessions"]) == int(own["left"]["sessions"]) + int(own["right"]["sessions"]) > 400
    kiosks = {row["kiosk"]: row for row in fleet["kiosks"]}
    assert kiosks["gallery-left"]["sessions"] == own["left"]["sessions"]
    assert kiosks["gallery-right"]["sessions"] == own["right"]["sessions"]
    assert kiosks["gallery-left"]["content"] == "hash-of-gallery-left"
    per_day = fleet["sessions_per_day_by_kiosk"]
    assert sum(int(row["gallery-left"]) for row in per_day) == int(own["left"]["sessions"])
    assert all(int(row["gallery-left"]) + int(row["gallery-right"]) == int(row["all"]) for row in per_day)
    chapters = {row["chapter"]: int(row["sessions_reached"]) for row in fleet["chapter_funnel"]}
    for name in ("left", "right"):
        alone = {row["chapter"]: int(row["sessions_reached"])
                 for row in csv.DictReader((tmp_path / name / "chapter_funnel.csv").open(encoding="utf-8"))}
        for chapter, reached in alone.items():
            assert chapters[chapter] >= reached
    page = (tmp_path / "fleet" / "index.html").read_text(encoding="utf-8")
    assert "2 kiosk(s) (gallery-left, gallery-right)" in page
    assert "from 2 kiosk(s)" in capsys.readouterr().out


def test_a_snapshot_collected_twice_counts_once_and_overlapping_ones_count_each_visit_once(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    wall = ManualClock(WEDNESDAY)
    rec = SqliteRecorder(db, wall_clock=wall, retention_days=3650)
    generate_visits(rec, wall, 150, seed=3, days=20)
    rec.start_session(10**7, "en")  # a visit going on when last week's snapshot is taken
    rec.view("home", 10**7)
    rec.flush()
    collected = tmp_path / "collected"
    snapshot_folder(collected / "z-last-week", db, "gallery-left", "old-content", "2025-03-05T10:00:00+00:00")
    rec.end_session("timeout", 10**7 + 200, idle_since=10**7 + 80)
    generate_visits(rec, wall, 100, seed=4, days=20)
    rec.close()
    snapshot_folder(collected / "this-month", db, "gallery-left", "new-content", "2025-03-12T10:00:00+00:00")
    shutil.copytree(collected / "this-month", collected / "this-month-fetched-again")
    alone = summary(report(tmp_path / "alone", collected / "this-month"))

    fleet = report(tmp_path / "fleet", collected)

    assert int(summary(fleet)["kiosks"]) == 1
    assert summary(fleet)["sessions"] == alone["sessions"]
    assert int(alone["sessions"]) == 251  # the visit unfinished last week is counted, finished, once
    assert fleet["kiosks"][0]["databases"] == "3"
    assert fleet["kiosks"][0]["content"] == "new-content"  # the newest snapshot's, whatever the folders' order
    endings = {row["end_reason"]: row["sessions"] for row in fleet["endings"]}
    assert endings == {row["end_reason"]: row["sessions"]
                       for row in csv.DictReader((tmp_path / "alone" / "endings.csv").open(encoding="utf-8"))}


def test_databases_are_named_by_status_else_by_folder_or_file(tmp_path: Path) -> None:
    record(tmp_path / "a.sqlite3", 30, seed=5)
    snapshot_folder(tmp_path / "snaps" / "entrance", tmp_path / "a.sqlite3", None)
    shutil.copy(tmp_path / "a.sqlite3", tmp_path / "snaps" / "cafe.sqlite3")

    fleet = report(tmp_path / "fleet", tmp_path / "snaps", tmp_path / "a.sqlite3")

    assert sorted(row["kiosk"] for row in fleet["kiosks"]) == ["a", "cafe", "entrance"]
    assert int(summary(fleet)["sessions"]) == 3 * int(fleet["kiosks"][0]["sessions"])


def test_a_folder_without_databases_is_one_clear_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()

    assert main(["report", "--db", str(tmp_path / "empty"), "--db", str(tmp_path / "x"), "--out",
                 str(tmp_path / "out")]) == 1

    err = capsys.readouterr().err.strip()
    assert err == f"kiosk report: no analytics databases (*.sqlite3) in {tmp_path / 'empty'}"


def test_one_database_is_reported_as_before(big_db: Path, tmp_path: Path) -> None:
    tables = report(tmp_path / "out", big_db)

    assert "kiosks" not in tables and "kiosks" not in summary(tables)
    assert int(summary(tables)["sessions"]) == 10_000
