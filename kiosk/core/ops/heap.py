"""The heaps of a kiosk that runs for days: one glibc arena for every thread, and Python's garbage collector held
back while the kiosk starts.

glibc gives threads that allocate at the same time arenas of their own (up to eight per core). Qt Quick decodes
pictures on its reader thread and draws them on the GUI thread: a picture's pixels, freed on one, stayed in that
thread's arena and were not reused for the next screen's pictures and layer on the other. With one arena, what a
screen change frees is what the next one uses: the tour's peak at 1920x1080 -10 MB, the memory after it -20 MB,
at no measurable cost in processor time (docs/performance.md). Set before the threads are started; a
``MALLOC_ARENA_MAX`` in the environment (a technician's choice) is left alone.

A start makes hundreds of thousands of Python objects that live as long as the kiosk (modules, classes, the
content): the collector, run every 700 of them, went through them again and again and found nothing to free
(~10 ms of a ~0.35 s start at 1920x1080). It is paused from the command line's first step to the event loop's
start, and then collects as before.

Once a screen change is over, the screen left has let go of its pictures and what it drew with, and glibc keeps
those pages for the next allocations unless asked to give them back: the kiosk asks (kiosk.app), which keeps its
resident memory at what it uses (`kiosk bench`'s tour at 1920x1080: after the tour 133 -> 124 MB, and the next
screen change rises from there; docs/performance.md).
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from functools import cache
from typing import Any

M_ARENA_MAX = -8  # glibc's malloc.h


def _glibc(function: str) -> Any:
    """One of glibc's functions (a ctypes function), or None where the C library is not glibc (musl and others lack
    these)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL("libc.so.6"), function)
    except (OSError, AttributeError):
        return None


def use_one_arena() -> bool:
    """Ask glibc for a single arena; False where the C library is not glibc or the choice was made already."""
    mallopt = _glibc("mallopt")
    if mallopt is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, 1))


@cache
def _malloc_trim() -> Any:
    trim = _glibc("malloc_trim")
    if trim is not None:
        trim.argtypes = [ctypes.c_size_t]
    return trim


def give_back() -> bool:
    """Hand the heap's freed pages back to the system (glibc's ``malloc_trim(0)``, ~0.5 ms here), which glibc
    otherwise keeps for later; False where there is no such call."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def pause_collection() -> None:
    """No garbage collection until :func:`resume_collection`: for a start, whose objects all live on."""
    gc.disable()


def resume_collection() -> None:
    gc.enable()
