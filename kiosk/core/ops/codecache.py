"""Code that Python compiles from text at every start, kept in a file from one start to the next.

Python keeps the bytecode of modules (``__pycache__``), not of code made from text as a program runs, and two
things do that at every start of the kiosk:

- PySide6 compiles its support modules from source embedded in its Shiboken module (kiosk/qt/__init__.py).
- :mod:`dataclasses` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and, for a frozen
  one, ``__setattr__`` and ``__delattr__`` as text and compiles them: ~430 functions for the ~75 dataclasses a
  start defines, ~30 ms of a ~0.24 s start to the first frame (docs/performance.md). :func:`dataclass_methods`
  hands that compiling to a cache.

A :class:`CodeCache` hands back what an earlier start compiled from the same text with the same Python, and keeps
what it had to compile for the next start. Whatever is wrong with its file (none yet, unreadable, another Python's,
a place that cannot be written) only costs the compiling again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

from kiosk.core.media.atomic import write_bytes_atomic

Source = str | bytes
# Python's own, as this module is imported: kiosk/qt/__init__.py puts a compile of its own in the built-ins while
# PySide6 is imported, which hands the sources it wants kept to a cache
_COMPILE = compile


class CodeCache:
    """Compiled code by its file name and source text, read from ``path`` and written back by :meth:`save`."""

    def __init__(self, path: Path, *, keep: bool = True) -> None:
        self.path = path
        self.keep = keep  # False for an installed build: its build made the file, and the kiosk never writes there
        self._kept = _read(path)
        self._used: dict[tuple[str, Source], CodeType] = {}
        self.compiled = 0  # how many sources this start had to compile

    def compile(self, source: Source, filename: str) -> CodeType:
        """``compile(source, filename, "exec")`` as the code asking for it would get it, from the cache if it is
        there. No ``__future__`` switch of this module is passed on (``dont_inherit``): with ``annotations`` on,
        a dataclass's ``__init__`` would carry its types as strings."""
        key = (filename, source)
        code = self._kept.get(key)
        if code is None:
            code = _COMPILE(source, filename, "exec", dont_inherit=True)
            self.compiled += 1
        self._used[key] = code
        return code

    def save(self) -> None:
        """Keep what this start used, if it had to compile any of it (what no start uses any more goes then).
        Best effort, as Python writes its own bytecode: a read-only place or a full disk only costs the next start
        the same compiling."""
        if not self.compiled or not self.keep:
            return
        with contextlib.suppress(OSError):
            write_bytes_atomic(self.path, marshal.dumps((sys.version, self._used)))


def _read(path: Path) -> dict[tuple[str, Source], CodeType]:
    try:
        version, kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, unreadable, not a cache
        return {}
    return kept if version == sys.version and isinstance(kept, dict) else {}


@contextlib.contextmanager
def dataclass_methods(cache: CodeCache) -> Iterator[CodeCache]:
    """Within the block, the methods :mod:`dataclasses` writes are compiled through ``cache``, which is saved when
    the block ends. ``dataclasses`` runs them with ``exec``, looked up among its module's names before the
    built-ins: the one defined here for the block stands in for it there, and nowhere else."""

    def exec_compiled(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
        # Any: whatever dataclasses hands to exec; only text is compiled here
        exec(cache.compile(source, "<string>") if isinstance(source, str) else source, globals, locals)

    dataclasses.exec = exec_compiled  # type: ignore[attr-defined]
    try:
        yield cache
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        cache.save()
