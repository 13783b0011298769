"""``kiosk status`` of a real ``kiosk run`` process (offscreen): running, its pid and content; a bad content edit
refused, with the problems; exit 3 once it has stopped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from contentkit import write_content

from kiosk.cli import main
from kiosk.core.content.scan import content_hash_of_folder

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch) -> Path:
    """The kiosk user's folders, for the kiosk process and for `kiosk status` alike."""
    for variable in ("DATA", "STATE", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"XDG_{variable}_HOME", str(tmp_path / variable.lower()))
    for variable in ("KIOSK_CONFIG", "KIOSK_LOG_DIR", "KIOSK_CONTENT_DIR", "KIOSK_LANGUAGE", "KIOSK_ANALYTICS"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nname = "gallery-left"\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def start_kiosk(kiosk_home: Path) -> Iterator:
    processes: list[subprocess.Popen] = []

    def start(*args: str) -> subprocess.Popen:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software", KIOSK_AUDIO="null")
        with (kiosk_home / "output.txt").open("ab") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "run", "--config", str(kiosk_home / "kiosk.toml"), *args],
                env=env, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT,
            )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def status(home: Path, capsys) -> tuple[int, dict]:
    code = main(["status", "--json", "--config", str(home / "kiosk.toml")])
    return code, json.loads(capsys.readouterr().out)


def wait_for(home: Path, capsys, process: subprocess.Popen, condition, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        code, document = status(home, capsys)
        if condition(code, document):
            return document
        output = (home / "output.txt").read_text(errors="replace")[-2000:]
        assert process.poll() is None, f"the kiosk exited with {process.returncode}\n{output}"
        assert time.monotonic() < deadline, f"status never got there: {document}\n{output}"
        time.sleep(0.3)


def test_status_of_a_running_kiosk_then_a_refused_edit_then_stopped(kiosk_home: Path, start_kiosk, capsys) -> None:
    content = write_content(kiosk_home / "content")
    good_hash = content_hash_of_folder(content)
    assert status(kiosk_home, capsys)[0] == 3  # never ran here

    kiosk = start_kiosk("--preview", "--content", str(content))  # preview: every saved edit is reloaded
    running = wait_for(kiosk_home, capsys, kiosk, lambda code, _: code == 0)

    assert running["running"] is True and running["pid"] == kiosk.pid
    assert running["name"] == "gallery-left"
    assert running["content"]["hash"] == good_hash and running["content"]["source"] == str(content.resolve())
    assert running["content"]["rejected"] is None
    assert running["screen"]["width"] > 0 and running["uptime_s"] >= 0
    assert running["visits_today"] == 0

    exhibit = content / "exhibit.json"
    data = json.loads(exhibit.read_text(encoding="utf-8"))
    data["chapters"].append("chapter-that-does-not-exist")
    exhibit.write_text(json.dumps(data, indent=2), encoding="utf-8")
    refused = wait_for(kiosk_home, capsys, kiosk, lambda _, document: document["content"]["rejected"])

    assert refused["content"]["hash"] == good_hash  # still showing what it showed
    assert "content reload rejected" in refused["last_error"]["message"]
    rejected = refused["content"]["rejected"]
    assert rejected["hash"] == content_hash_of_folder(content) != good_hash
    problem = next(p for p in rejected["reason"] if "chapter-that-does-not-exist" in p["message"])
    assert problem["file"] == "exhibit.json" and problem["line"] > 1 and problem["field"].startswith("chapters")
    main(["status", "--config", str(kiosk_home / "kiosk.toml")])
    table = capsys.readouterr().out
    assert "rejected" in table and "exhibit.json:" in table and "gallery-left" in table

    data["chapters"].remove("chapter-that-does-not-exist")
    data["title"]["en"] = "A Letter Kept Under Lock and Key"
    exhibit.write_text(json.dumps(data, indent=2), encoding="utf-8")
    fixed_hash = content_hash_of_folder(content)
    accepted = wait_for(kiosk_home, capsys, kiosk, lambda _, document: document["content"]["hash"] == fixed_hash)
    assert accepted["content"]["rejected"] is None  # superseded by what is shown
    assert accepted["content"]["date"] >= running["content"]["date"] and accepted["pid"] == kiosk.pid

    kiosk.terminate()
    assert kiosk.wait(timeout=20) == 0
    code, stopped = status(kiosk_home, capsys)
    assert code == 3
    assert stopped["running"] is False and stopped["pid"] is None and stopped["uptime_s"] is None
    assert stopped["content"]["hash"] == fixed_hash  # what it last showed


def test_content_refused_at_start_is_reported_with_the_fallback(kiosk_home: Path, start_kiosk, capsys) -> None:
    content = write_content(kiosk_home / "content")
    (content / "people.json").write_text("{ not json", encoding="utf-8")

    kiosk = start_kiosk("--content", str(content))
    document = wait_for(kiosk_home, capsys, kiosk, lambda code, document: code == 0 and document["content"]["rejected"])

    assert document["content"]["source"] == "bundled"
    assert "is not usable" in document["last_error"]["message"]
    reasons = document["content"]["rejected"]["reason"]
    assert any(p["file"] == "people.json" and p["line"] == 1 for p in reasons), reasons
