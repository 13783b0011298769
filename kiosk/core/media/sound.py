"""miniaudio, the library the kiosk decodes and plays narration with, imported without its URL streaming.

miniaudio imports ``urllib.request`` at its top, for its streams from web radio, and with it ``ssl``,
``http.client`` and ``email``: 4.2 MB of the running kiosk's memory (8.3 MB where nothing else has loaded OpenSSL)
for code the kiosk never calls. That import is deferred: an empty stand-in takes the module's place and imports it
in full the first time anything in it is asked for. (The standard library's ``LazyLoader`` does not do here: an
``import`` statement that finds its module already there reads the module's ``__spec__``, which loads it.)
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

DEFERRED = ("urllib.request",)
_loading = threading.Lock()


def miniaudio() -> ModuleType:
    """The miniaudio module, imported with :data:`DEFERRED` left unloaded until used."""
    if "miniaudio" not in sys.modules:
        for name in DEFERRED:
            if name not in sys.modules:
                _defer(name)
    import miniaudio

    module: ModuleType = miniaudio  # it has no type hints
    return module


class _Deferred(ModuleType):
    def __getattr__(self, attribute: str) -> object:
        with _loading:  # the narration thread and the GUI thread may both ask first
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            module = importlib.import_module(self.__name__)  # which binds it to its package again
        return getattr(module, attribute)


def _defer(name: str) -> None:
    parent, _, child = name.rpartition(".")
    package = importlib.import_module(parent)
    stand_in = _Deferred(name)
    sys.modules[name] = stand_in
    setattr(package, child, stand_in)  # as the import system binds a submodule to its package
