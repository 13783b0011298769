"""One glibc arena for every thread (kiosk.core.ops.heap), checked in fresh processes: glibc's own report of its
arenas (malloc_info) after threads have allocated at the same time. And the garbage collector, paused for a
start, collecting again after a run that ends before its event loop (tests/e2e/test_start_path.py: one that
reaches it)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's arenas")

# Four threads allocate at once and hold on, then glibc writes its heaps' report: one <heap nr=...> per arena.
ARENAS = """
import ctypes, os, sys, tempfile, threading
from kiosk.core.ops import heap
print(heap.use_one_arena() if sys.argv[1] == "one" else "untouched")
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
start, hold = threading.Barrier(4), threading.Event()
def allocate():
    start.wait()
    for _ in range(200):
        libc.malloc(4096)
    hold.wait()
threads = [threading.Thread(target=allocate) for _ in range(4)]
for thread in threads:
    thread.start()
report = os.path.join(tempfile.mkdtemp(), "heaps.xml")
stream = libc.fopen(report.encode(), b"w")
libc.malloc_info(0, stream)
libc.fclose(stream)
hold.set()
for thread in threads:
    thread.join()
print(open(report).read().count("<heap nr="))
"""


def _arenas(mode: str, **env: str) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", ARENAS, mode],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"} | env,
    )
    said, count = done.stdout.split()
    return said, int(count)


def test_threads_share_one_arena():
    assert _arenas("one") == ("True", 1)
    # without it glibc gives threads allocating at once arenas of their own: the check above can tell
    assert _arenas("untouched")[1] > 1


def test_a_technicians_setting_is_left_alone():
    said, count = _arenas("one", MALLOC_ARENA_MAX="2")
    assert said == "False"
    assert count <= 2


def test_a_run_that_ends_before_its_event_loop_leaves_the_collector_collecting(tmp_path: Path) -> None:
    from kiosk.cli import main

    assert gc.isenabled()
    assert main(["run", "--config", str(tmp_path / "no such kiosk.toml")]) == 2  # refused before logging starts
    assert gc.isenabled()
