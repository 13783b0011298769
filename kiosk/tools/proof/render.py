"""Rendering every view of the exhibit offscreen with ONE kiosk (one QML engine, one window), resized per shape.

The kiosk is the same :class:`kiosk.app.KioskApp` as ``kiosk run`` builds; the renderer only makes it hold
still for the camera: transitions (``Behavior``) are switched off so a screen shows at once, running animations
are completed, repeating timers (the attract crossfade) stopped, and the idle clock is one that nobody moves,
so no visit times out while it works. The states a view may name (idle warning, PIN pad,
facsimile zoom) are entered as the curator overlay enters them (:mod:`kiosk.qt.proof.viewstates`). Before each grab it
waits until every visible image is Ready: images load asynchronously, and a frame grabbed too early shows empty
frames where pictures belong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.presentation.screens import ProofView
from kiosk.core.visit.clock import ManualClock
from kiosk.core.visit.display import metrics_for
from kiosk.qt.items import ImageStatus, hidden, iter_items, pump, qml_type_name, stage, stage_screens, wait_until
from kiosk.qt.offscreen import use_offscreen

DEFAULT_DIAGONAL_INCHES = 32.0
IMAGE_TIMEOUT_SECONDS = 15.0
STATE_ATTEMPTS = 3  # a state over a screen not yet laid out waits for a frame or two
SETTLE_ATTEMPTS = 8
# a tick of Qt's animation timer (16 ms) and some: what was still moving at a grab has moved by then
STILL_SECONDS = 0.02


@dataclass(frozen=True)
class Shape:
    """A screen the exhibit may be shown on: pixels and physical size (its diagonal)."""

    width: int
    height: int
    diagonal: float = DEFAULT_DIAGONAL_INCHES

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def px_per_mm(self) -> float:
        return metrics_for(self.width, self.height, diagonal_inches=self.diagonal).px_per_mm

    @property
    def portrait(self) -> bool:
        return self.height > self.width



def _no_repaints_filter():
    from PySide6.QtCore import QEvent, QObject

    class NoRepaints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            return event.type() == QEvent.Type.UpdateRequest

    return NoRepaints


class _NoRepaints:
    def __init__(self, window):
        self.filter = _no_repaints_filter()()
        window.installEventFilter(self.filter)
        self.window = window

    def remove(self) -> None:
        self.window.removeEventFilter(self.filter)


class _DecodedImages:
    """Keeps decoded media images for the whole run (the kiosk's provider decodes again for every request, and
    Qt's own cache keeps only a few megabytes): the second language of a shape asks for the same images at the
    same sizes. Installed around :func:`kiosk.qt.media.load_image` for the renderer's lifetime only."""

    def __init__(self, limit_bytes: int = 1_500_000_000):
        import threading
        from collections import OrderedDict

        from kiosk.qt import media as images

        self.module = images
        self.original = images.load_image
        self.cache: OrderedDict = OrderedDict()
        self.size = 0
        self.limit = limit_bytes
        self.lock = threading.Lock()
        images.load_image = self.load

    def load(self, roots, image_id, requested):
        key = (image_id, requested.width(), requested.height())
        with self.lock:
            image = self.cache.get(key)
            if image is not None:
                self.cache.move_to_end(key)
                return image
        image = self.original(roots, image_id, requested)
        with self.lock:
            self.cache[key] = image
            self.size += image.sizeInBytes()
            while self.size > self.limit and len(self.cache) > 1:
                _key, old = self.cache.popitem(last=False)
                self.size -= old.sizeInBytes()
        return image

    def remove(self) -> None:
        if self.module.load_image == self.load:
            self.module.load_image = self.original
        self.cache.clear()


class Renderer:
    """One offscreen kiosk that shows any view, in any language, at any shape, and grabs it."""

    def __init__(
        self, content, *, shape: Shape, media_roots=None, start_language: str | None = None,
        mounting_height_mm: float | None = None,
    ):
        """``mounting_height_mm``: show every view in low reach, the screen's bottom edge that high above the
        floor."""
        use_offscreen(keep_chosen=True)
        from kiosk.app import KioskApp
        from kiosk.qt.kiosk import KioskOptions

        self.clock = ManualClock()
        self._decoded = _DecodedImages()
        self.app = KioskApp(
            content,
            options=KioskOptions(
                start_language=start_language, px_per_mm=shape.px_per_mm,
                mounting_height_mm=mounting_height_mm, low_reach=mounting_height_mm is not None,
            ),
            size=(shape.width, shape.height),
            media_roots=media_roots,
            clock=self.clock,
        )
        if self.app.window is None:
            raise RuntimeError("the interface failed to load:\n" + "\n".join(self.app.warnings))
        self.window = self.app.window
        self.kiosk = self.app.kiosk
        self.shape = shape
        from kiosk.qt.proof.scene import ItemCache
        from kiosk.qt.proof.viewstates import staff_access

        self._moving = ItemCache()  # item -> its animations and timers (see _calm)
        self.items = ItemCache()  # what the proof checks work out once per item (kiosk.qt.proof.scene.collect)
        self._staff = staff_access(self.window)
        self._state = ""  # the state the last view put the kiosk in
        # every screen made now, not when first shown or after the first frame as the kiosk makes them, so that
        # the next line finds every Behavior of every screen
        screens = stage_screens(self.window)
        for slot in screens.values():
            slot.setProperty("asynchronous", False)
            slot.setProperty("active", True)
        # no frame is drawn between a change and its grab to wait for: the screens change at once
        stage(self.window).setProperty("dips", False)
        stage(self.window).setProperty("changeDelay", 0)
        # The proof draws only when it grabs (below), and a grab is not a swapped frame: what waits for the
        # window's first frame (the attract screen's picture) is told it is up, not left to whether the window
        # happened to draw one before its repaints were stopped.
        stage(self.window).setProperty("firstFrameShown", True)
        # before the window is first laid out: a Behavior still on then would animate every size from zero, in
        # real time, and what a frame shows would depend on when it was grabbed
        self._calm(self.window.contentItem(), every=True)
        self.resize(shape)
        self.window.show()
        wait_until(self.window.isExposed, 10.0)
        wait_until(lambda: self.kiosk.audio.available, 5.0)  # its buttons show once the device has opened
        # Frames are drawn only when grabbed: the window's own repaints (one per change, one per image that
        # arrives) would draw every view several times over, which at 4K costs more than everything else.
        self._frames = _NoRepaints(self.window)
        self._events()

    # --- the app ---------------------------------------------------------------------------------------------

    @property
    def media_roots(self) -> list[Path]:
        """The media folders the kiosk's image provider searches (the content's, unless the caller gave others)."""
        provider = self.app.engine.imageProvider("media")
        roots = getattr(provider, "roots", None)
        return list(roots) if roots else list(self.kiosk.content.media_roots)

    def screen_types(self) -> dict[str, str]:
        """Screen name -> the QML type that shows it."""
        return {name: qml_type_name(item) for name, item in stage_screens(self.window).items()}

    def resize(self, shape: Shape) -> None:
        self.shape = shape
        self.app.resize(shape.width, shape.height, px_per_mm=shape.px_per_mm)
        self._events()

    def close(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)
        self._frames.remove()
        # drop every wrapper of a QML object before the engine goes
        self._moving = self.items = None
        self._staff = None
        self.window.hide()
        self.app.close()
        self._decoded.remove()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()

    # --- showing a view ----------------------------------------------------------------------------------------

    def show(self, view: ProofView, language: str) -> bool:
        """Put the kiosk in ``view`` (a place, maybe with a state over it) in ``language``; False if the link
        did not open."""
        from kiosk.qt.proof import viewstates

        self.leave_state()
        opened = bool(self.kiosk.visit.openLink(view.link))
        self.kiosk.setLanguage(language)
        if view.state:  # a state is entered on the place as laid out, not on the screen shown before
            self.window.grabWindow()
            self._events()
        for _ in range(STATE_ATTEMPTS):
            if viewstates.enter(self.window, self.kiosk, view.state, self._staff):
                break
            self.window.grabWindow()  # lays the screen out (the renderer draws nothing else by itself)
            self._events()
        self._state = view.state
        return opened

    def leave_state(self) -> None:
        from kiosk.qt.proof import viewstates

        viewstates.leave(self.window, self.kiosk, self._state, self._staff)
        self._state = ""

    def settle(self, timeout: float = IMAGE_TIMEOUT_SECONDS):
        """The current view, fully laid out, with its images loaded and nothing in it still moving, as a QImage.

        A frame counts once a grab an animation tick later draws the same pixels. Calming the animations is not
        enough: the slide view, told its current slide, was seen still at the slide before until a later tick of
        the event loop, with no animation asked for; grabbed then, the frame and the findings would be of the
        wrong slide (a two-process proof in CI once found a picture the one-process proof did not)."""
        frame = None
        for _ in range(SETTLE_ATTEMPTS):
            self._events()
            self._calm(self.window.contentItem())
            # lays out (polish) and asks for the images at their final sizes
            previous, frame = frame, self.window.grabWindow()
            if ImageStatus(self.window).wait(timeout):
                continue
            if previous is not None and frame == previous:
                break
            pump(STILL_SECONDS)
        return frame

    # --- holding still ------------------------------------------------------------------------------------------

    def _calm(self, root, *, every: bool = False) -> None:
        """Transitions off, running animations completed, repeating timers stopped (in what is visible, or in
        every item with ``every``). Each item's children are looked at once (children() is slow in PySide);
        afterwards only the animations and timers found are checked again."""
        from PySide6.QtCore import QMetaObject, QObject
        from PySide6.QtQml import QQmlProperty

        for item in iter_items(root, prune=None if every else hidden):
            moving = self._moving.get(item)
            if moving is None:
                moving = []
                self._moving.put(item, moving)
                if item.inherits("QQuickListView") or item.inherits("QQuickPathView"):
                    item.setProperty("highlightMoveDuration", 0)
                for child in item.children():  # inherits(), not qml_type_name(): see kiosk.qt.items
                    if not isinstance(child, QObject):  # being destroyed, as in kiosk.qt.items.iter_items
                        continue
                    if child.inherits("QQuickBehavior"):
                        # written as QML writes it, which drops a binding on "enabled" that would switch it on
                        # again (the facsimile's outline follows the zoom only while nobody pinches)
                        QQmlProperty(child, "enabled").write(False)
                    elif child.inherits("QQuickAbstractAnimation") or (
                        child.inherits("QQmlTimer") and item is not self._staff
                    ):
                        moving.append(child)
            for child in moving:
                try:
                    if not child.property("running"):
                        continue
                    if child.inherits("QQuickAbstractAnimation"):
                        QMetaObject.invokeMethod(child, "complete")
                    elif child.property("repeat"):
                        child.setProperty("running", False)
                except RuntimeError:  # deleted with a delegate; the item is rebuilt and looked at afresh
                    continue

    def _events(self) -> None:
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
        QCoreApplication.processEvents()

