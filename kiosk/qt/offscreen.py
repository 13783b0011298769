"""Qt without a screen: the one place that sets ``QT_QPA_PLATFORM=offscreen`` for the tools that render or draw
with nobody watching (self-test, proof, bench, soak, the icon masks). It only sets environment variables, which Qt
reads when the application is made and its first window drawn: call it before the QGuiApplication exists.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping


def has_display(environ: MutableMapping[str, str] = os.environ) -> bool:
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a desktop to draw on


def use_offscreen(environ: MutableMapping[str, str] = os.environ, *, keep_chosen: bool = False) -> None:
    """Offscreen Qt with Qt Quick's software renderer (offscreen has no OpenGL context to share with a GPU; the
    software renderer always works). ``keep_chosen`` leaves a platform the caller set in the environment alone.
    Call before the QGuiApplication exists."""
    if keep_chosen:
        environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    else:
        environ["QT_QPA_PLATFORM"] = "offscreen"
    environ.setdefault("QT_QUICK_BACKEND", "software")


def choose_platform(force_offscreen: bool, environ: MutableMapping[str, str] = os.environ) -> str | None:
    """Offscreen (:func:`use_offscreen`) when asked to or when there is no display; returns the platform forced,
    if any. Children started afterwards inherit the choice."""
    if force_offscreen or not has_display(environ):
        use_offscreen(environ)
        return "offscreen"
    return None
