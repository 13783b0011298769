"""What the kiosk does on the way to its first frame, run as the installed service runs it (fullscreen, locked
down, under a real X server), read at the moment it tells systemd it is ready (its first frame).

Two costs the first frame does without (docs/performance.md, kiosk/qt/__init__.py): PySide6's import hook reading
the source of every module imported after it, and Qt's namespace (``PySide6.QtCore.Qt``), whose ~100 enums are
built at its first use. Either creeps back with one innocent line, and only a slower start would tell. And the
garbage collector, held back while the kiosk starts (kiosk.core.ops.heap), is collecting again by then.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from floorkit import KioskProcess, XServer, missing_tools

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(missing_tools()), reason=f"needs {' and '.join(missing_tools())} (scripts/setup.sh)"),
]

MARKER = "AT_FIRST_FRAME "

# `kiosk run`, with what it has done by its first frame printed as it tells systemd it is ready. kiosk.qt is imported
# before PySide6 is, as in `kiosk run`, so that the hook it takes out never sees this script's own imports. The
# dataclasses' methods are kept in the file KIOSK_TEST_CODE_CACHE names, and those compiled are counted.
KIOSK_RUN_WATCHED = f"""
import gc, json, linecache, os, sys
from pathlib import Path
import kiosk.paths
from kiosk.core.ops import codecache
from kiosk.qt import service
import PySide6.QtCore as QtCore

kiosk.paths.dataclass_code_cache = lambda: Path(os.environ["KIOSK_TEST_CODE_CACHE"])
compiled = []
real_compile = codecache._COMPILE

def counting(source, filename, *args, **kwargs):
    compiled.append(filename)
    return real_compile(source, filename, *args, **kwargs)

codecache._COMPILE = counting
ready = service.ServiceHooks._first_frame

def first_frame(self):
    seen = {{
        "qt_namespace": "Qt" in vars(QtCore),
        "sources_read": sorted(f for f in linecache.cache if "kiosk" in f),
        "collecting": gc.isenabled(),
        "dataclass_methods_compiled": compiled.count("<string>"),
    }}
    print({MARKER!r} + json.dumps(seen), flush=True)
    ready(self)

service.ServiceHooks._first_frame = first_frame
from kiosk.cli import main
sys.exit(main(["run", *sys.argv[1:]]))
"""


@pytest.fixture
def x(tmp_path):
    server = XServer(tmp_path / "x")
    yield server
    server.close()


def start_watched(x, home: Path, code_cache: Path) -> KioskProcess:
    home.mkdir(exist_ok=True)
    return KioskProcess(
        x, home, command=[sys.executable, "-c", KIOSK_RUN_WATCHED], env_extra={"KIOSK_TEST_CODE_CACHE": str(code_cache)}
    )


def seen_at_first_frame(kiosk: KioskProcess) -> dict:
    kiosk.wait_ready()
    line = next(line for line in kiosk.output.read_text().splitlines() if line.startswith(MARKER))
    return json.loads(line[len(MARKER) :])


def test_the_first_frame_reads_no_source_builds_no_qt_namespace_and_leaves_the_collector_on(x, tmp_path) -> None:
    kiosk = start_watched(x, tmp_path, tmp_path / "dataclasses.codecache")
    try:
        seen = seen_at_first_frame(kiosk)
        assert seen["sources_read"] == [], "module sources read by PySide6's import hook before the first frame"
        assert not seen["qt_namespace"], "Qt's namespace built before the first frame"
        assert seen["collecting"], "the garbage collector was left paused"
        # what was left to the first key still works: Return on Attract begins the visit
        attract = kiosk.settle()
        x.xdotool("key", "Return")
        kiosk.wait_screen(changed_from=attract, share=0.2)
    finally:
        kiosk.close()


def test_a_start_after_a_stop_compiles_none_of_the_dataclasses_methods(x, tmp_path) -> None:
    """The methods dataclasses writes are compiled by the first start and kept when it is stopped as systemd stops it;
    the next start reads them back (kiosk.core.ops.codecache: ~30 ms of a start)."""
    code_cache = tmp_path / "dataclasses.codecache"
    first = start_watched(x, tmp_path / "first", code_cache)
    try:
        assert seen_at_first_frame(first)["dataclass_methods_compiled"] > 300
        first.terminate()
        assert first.wait_exit(timeout=15)[0] == 0
    finally:
        first.close()
    assert code_cache.is_file()
    second = start_watched(x, tmp_path / "second", code_cache)
    try:
        assert seen_at_first_frame(second)["dataclass_methods_compiled"] == 0
        attract = second.settle()  # and what they make works: Return on Attract begins the visit
        x.xdotool("key", "Return")
        second.wait_screen(changed_from=attract, share=0.2)
    finally:
        second.close()
