"""Which scene graph draws the kiosk: OpenGL where the machine has a graphics processor to run it, Qt Quick's
software renderer where OpenGL itself would be drawn by the processor (Mesa's llvmpipe: a kiosk PC without a
graphics driver, a virtual machine, Xvfb).

Measured under Xvfb (docs/performance.md): the attract loop drawn through llvmpipe costs 60–170 % of a core for as
long as nobody touches the screen; the software renderer draws the same loop for a few per cent, because it repaints
only what changed and skips OpenGL's full-window passes. With a real graphics processor OpenGL is the better choice.

``[display] renderer`` in kiosk.toml: ``"auto"`` (the default) asks OpenGL who draws it, ``"opengl"`` and
``"software"`` decide without asking. Asking costs ~140 ms (creating a context starts Mesa), so the answer is kept in
the kiosk's data folder with what would change it: the windowing platform, the display, the graphics drivers the
kernel has bound, the Qt version. A ``QT_QUICK_BACKEND`` or ``QSG_RHI_BACKEND`` in the environment is obeyed as
Qt would (the tests and ``kiosk bench`` set one).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

log = logging.getLogger(__name__)

GL_RENDERER = 0x1F01
# how Mesa names the OpenGL it draws with the processor (llvmpipe today; softpipe and the old swrast before it)
SOFTWARE_OPENGL = ("llvmpipe", "softpipe", "swrast", "software rasterizer")
# platforms where OpenGL may be Mesa's software one; elsewhere Qt's own default is kept
PROBED_PLATFORMS = ("xcb", "wayland", "eglfs")


def choose(setting: str, remembered: Path) -> str:
    """Set the scene graph for the windows created from now on; returns what draws them, for the log."""
    if os.environ.get("QT_QUICK_BACKEND") or os.environ.get("QSG_RHI_BACKEND"):
        return "as the environment says"
    platform = QGuiApplication.platformName()
    if setting == "software" or (setting == "auto" and platform == "offscreen"):
        return _software("kiosk.toml says so" if setting == "software" else "no screen to show")
    if setting == "opengl" or platform not in PROBED_PLATFORMS:
        return "Qt's default"
    renderer = _remembered_or_probed(remembered, _machine(platform))
    if renderer is None:
        return _software("OpenGL is not available")
    if renderer.lower().startswith(SOFTWARE_OPENGL):
        return _software(f"OpenGL here is {renderer}, drawn by the processor")
    return f"OpenGL ({renderer})"


def _software(reason: str) -> str:
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    return f"software ({reason})"


def _machine(platform: str) -> dict[str, object]:
    """What the answer depends on: a change to any of it means asking OpenGL again."""
    drivers = []
    for node in sorted(Path("/sys/class/drm").glob("*")):
        driver = node / "device" / "driver"
        if driver.exists():
            drivers.append(f"{node.name}={driver.resolve().name}")
    return {
        "platform": platform,
        "display": os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY") or "",
        "drivers": drivers,
        "qt": qVersion(),
    }


def _remembered_or_probed(file: Path, machine: dict[str, object]) -> str | None:
    try:
        kept = json.loads(file.read_text(encoding="utf-8"))
        if kept.get("machine") == machine:
            return kept.get("renderer")
    except (OSError, ValueError, AttributeError):
        pass  # nothing kept yet, or unreadable: ask again
    renderer = _probe()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"machine": machine, "renderer": renderer}), encoding="utf-8")
        os.replace(tmp, file)
    except OSError as exc:
        log.warning("could not remember the renderer in %s: %s", file, exc)
    return renderer


def _probe() -> str | None:
    """The OpenGL renderer's name, from a context made for the purpose; None without OpenGL."""
    context = QOpenGLContext()
    if not context.create():
        return None
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not context.makeCurrent(surface):
            return None
        name = context.functions().glGetString(GL_RENDERER)
        context.doneCurrent()
        return str(name) if name else None
    finally:
        surface.destroy()
