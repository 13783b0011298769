"""Qt adapters: expose the pure-Python core to QML as registered types, list models and image providers.

Every module of this package imports PySide6 after this file has run, which imports it the kiosk's way:

- Importing PySide6 replaces Python's ``import`` statement with its own, which after every import from then on reads
  the imported module's source, to see whether it says "PySide6", for its opt-in ``from __feature__ import ...``
  switches (snake_case names, true properties). The kiosk uses none of them, and on the way to its first frame that
  was ~150 source files read for nothing, ~20 ms of a ~0.33 s start (docs/performance.md). Python's own import is
  put back at once.
- PySide6 compiles its support package (``shibokensupport``: signatures, error messages, that import hook) from the
  source embedded in its Shiboken module, at every start: 14 files, ~14 ms. Their code is kept in one file
  (:func:`kiosk.paths.pyside_code_cache`, a :class:`kiosk.core.ops.codecache.CodeCache`), checked against each
  source and the Python that compiled it, and handed to PySide6 instead of compiling again.
- Those modules compile three regular expressions as they load, for reading and writing C++ signatures (the text of
  a TypeError when a Qt function is called with the wrong arguments, type stubs): deeply nested patterns, ~12 ms of
  every start. They are compiled when first used instead (:class:`DeferredPattern`), which a running kiosk never
  needs to.
"""

import builtins
import functools
import re
import sys

from kiosk import paths
from kiosk.core.ops.codecache import CodeCache

# the names PySide6's embedded importer compiles its support modules under
EMBEDDED_PREFIX = "shibokensupport/"


class DeferredPattern:
    """A regular expression compiled the first time one of its methods is called. Only methods: what the support
    modules take from their patterns, some of them as they load (``pattern.split``)."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        # a partial, not a function: kept as a class attribute (``split = pattern.split``) it must not become a method
        return functools.partial(self._call, name)

    def _call(self, name: str, *args, **kwargs):
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)(*args, **kwargs)


def _compile_deferred_from_support(compile_pattern):
    def compile_or_defer(pattern, flags=0):
        caller = sys._getframe(1).f_code.co_filename
        if caller.startswith(EMBEDDED_PREFIX) and isinstance(pattern, str):
            return DeferredPattern(pattern, flags)
        return compile_pattern(pattern, flags)

    return compile_or_defer


def import_pyside(cache: CodeCache) -> int:
    """Import PySide6.QtCore, its support modules' code from ``cache`` where it is current; ``cache`` is saved if any
    had to be compiled. Returns how many were."""
    compile_source = builtins.compile

    def compile_embedded(source, filename, mode, *args, **kwargs):
        embedded = isinstance(filename, str) and filename.startswith(EMBEDDED_PREFIX) and isinstance(source, bytes)
        if not embedded or mode != "exec" or args or kwargs:
            return compile_source(source, filename, mode, *args, **kwargs)
        return cache.compile(source, filename)

    compile_pattern = re.compile
    builtins.compile = compile_embedded
    re.compile = _compile_deferred_from_support(compile_pattern)
    try:
        import PySide6.QtCore  # noqa: F401
    finally:
        builtins.compile = compile_source
        re.compile = compile_pattern
    builtins.__import__ = getattr(builtins, "__orig_import__", builtins.__import__)
    cache.save()
    return cache.compiled


# the installed build's is made by its build
import_pyside(CodeCache(paths.pyside_code_cache(), keep=not paths.is_frozen()))
