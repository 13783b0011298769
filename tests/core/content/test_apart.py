"""Content validated in a process of its own (kiosk.core.content.apart): the kiosk gets the same content, or the
same problems, as validating in its own process would give, without ever importing what validating needs; a
child that cannot be made, dies, or hangs only means validating in the kiosk's process, logged.

The fork (a kiosk's start, one thread) is tried in fresh processes, which are single-threaded as a start is; the
command line started afresh (a reload, Qt's threads running) in this one."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import retitle, write_content

from kiosk import paths
from kiosk.core.content import apart
from kiosk.core.content.loader import load_content
from kiosk.core.content.problems import ContentError


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = write_content(tmp_path / "content")
    retitle(root, "Validated apart")
    return root


@pytest.fixture
def broken(content: Path) -> Path:
    exhibit = content / "exhibit.json"
    text = exhibit.read_text(encoding="utf-8").replace('"chapters": [', '"chapters": ["nowhere", ')
    exhibit.write_text(text.replace('"title"', '"titel"', 1), encoding="utf-8")
    return content


@pytest.fixture
def started_afresh(monkeypatch) -> None:
    """As while Qt's threads run: the command line is started, never a fork made."""
    monkeypatch.setattr(apart, "_one_thread", lambda: False)


def problems_of(load, folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(folder)
    return [problem.format() for problem in caught.value.problems]


A_START = """
import json, logging, os, sys, time
from pathlib import Path
from kiosk.core.content import apart
from kiosk.core.content.problems import ContentError

folder, mischief, checks = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]) if sys.argv[3] else None
logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="log: %(message)s")
if mischief == "dies":
    apart.answer = lambda folder, stream, checks: os._exit(3)
elif mischief == "hangs":
    apart.TIMEOUT_SECONDS = 1.0
    apart.answer = lambda folder, stream, checks: time.sleep(60)
elif mischief == "babbles":
    apart.answer = lambda folder, stream, checks: stream.write(b"Traceback? not a pickle")
forked = apart._one_thread()
try:
    result = {"title": apart.load(folder, checks=checks).exhibit.title.get("en")}
except ContentError as exc:
    result = {"problems": [problem.format() for problem in exc.problems]}
result.update(forked=forked, pydantic="pydantic_core" in sys.modules, loader="kiosk.core.content.loader" in sys.modules)
print(json.dumps(result))
"""


def a_start(folder: Path, mischief: str = "none", checks: Path | None = None) -> tuple[dict, list[str]]:
    """``apart.load`` in a fresh process: what it returned, and what it logged."""
    done = subprocess.run(
        [sys.executable, "-c", A_START, str(folder), mischief, str(checks or "")],
        capture_output=True, text=True, timeout=120, check=True,
    )
    *logged, last = done.stdout.splitlines()
    return json.loads(last), logged


def test_a_start_forks_and_holds_nothing_of_validating(content) -> None:
    result, logged = a_start(content)

    assert result == {"title": "Validated apart", "forked": True, "pydantic": False, "loader": False}
    assert logged == []


@pytest.mark.parametrize("mischief", ["none", "dies"])
def test_a_start_keeps_its_checks_in_the_folder_it_is_given_forked_or_not(content, tmp_path, mischief) -> None:
    checks = tmp_path / "data"
    checks.mkdir()

    result, _ = a_start(content, mischief, checks)

    assert (result["title"], result["forked"]) == ("Validated apart", True)
    assert sorted(path.name for path in checks.iterdir()) == ["content-validators.pickle", "image-checks.json"]


def test_a_start_gets_every_problem_the_loader_finds(broken) -> None:
    result, _ = a_start(broken)

    assert result["problems"] == problems_of(load_content, broken)
    assert any("nowhere" in line for line in result["problems"])
    assert (result["pydantic"], result["loader"]) == (False, False)


@pytest.mark.parametrize("mischief", ["dies", "hangs", "babbles"])
def test_a_start_whose_child_fails_validates_in_its_own_process(content, mischief) -> None:
    result, logged = a_start(content, mischief)

    assert (result["title"], result["loader"]) == ("Validated apart", True)
    assert len(logged) == 1 and "in a process of its own failed" in logged[0], logged


def test_later_the_command_line_validates_the_same_content(content, started_afresh) -> None:
    assert apart.load(content) == load_content(content)


def test_later_the_command_line_finds_the_same_problems(broken, started_afresh) -> None:
    assert problems_of(apart.load, broken) == problems_of(load_content, broken)


def test_the_command_line_keeps_its_checks_in_the_folder_it_is_given(content, tmp_path, started_afresh) -> None:
    checks = tmp_path / "data"
    checks.mkdir()

    apart.load(content, checks=checks)

    assert sorted(path.name for path in checks.iterdir()) == ["content-validators.pickle", "image-checks.json"]


@pytest.mark.parametrize(
    "command",
    [["/nonexistent/testament-kiosk"], [sys.executable, "-c", "import sys; sys.exit(3)"],
     [sys.executable, "-c", "print('not a pickle')"]],
    ids=["missing", "fails", "babbles"],
)
def test_a_command_line_that_fails_means_validating_here(
    content, started_afresh, monkeypatch, caplog, command
) -> None:
    monkeypatch.setattr(paths, "kiosk_command", lambda: (command, {}))

    with caplog.at_level(logging.WARNING, logger=apart.__name__):
        assert apart.load(content).exhibit.title.get("en") == "Validated apart"
    assert "in a process of its own failed" in caplog.text


A_THREAD_STARTED = """
import json, threading
from kiosk.core.content import apart

alone = apart._one_thread()
release = threading.Event()
other = threading.Thread(target=release.wait)
other.start()
print(json.dumps([alone, apart._one_thread()]))
release.set()
"""


def test_a_fork_is_made_only_while_the_process_is_one_thread() -> None:
    done = subprocess.run([sys.executable, "-c", A_THREAD_STARTED], capture_output=True, text=True, timeout=60,
                          check=True)

    assert json.loads(done.stdout) == [True, False]
