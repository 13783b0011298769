"""The curator overlay's tools (``kiosk run --preview``): jump to any view, simulate a screen shape, and run the
proof checks on the view in front of the curator.

``CuratorTools`` is created by ``CuratorOverlay.qml`` (only in preview mode). Every decision is made here or in
the core (:mod:`kiosk.core.presentation.screens`, :mod:`kiosk.core.proof.checks`), and the item inspection
(:mod:`kiosk.qt.proof.scene`) and the rules are the ones ``kiosk proof`` uses, so the overlay shows the same
findings the proof sheets report.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.core.presentation.screens import ProofView, proof_views, view_label
from kiosk.core.proof.findings import ERROR
from kiosk.core.visit.display import metrics_for

QML_IMPORT_NAME = "Testament"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

SHAPES = {f"{w}x{h}": (w, h) for w, h in ((1920, 1080), (3840, 2160), (1080, 1920))}  # the screens it simulates
WINDOW = "window"  # back to the window as it was, with the display's own density
FIT_SHARE = 0.9  # a simulated screen takes at most this share of the desktop
DEFAULT_DIAGONAL = 32.0
STATE_ATTEMPTS, STATE_RETRY_MS = 40, 50  # a state waits up to 2 s for its screen to appear


def fit_scale(width: int, height: int, available: tuple[int, int], share: float = FIT_SHARE) -> float:
    """How much a ``width``×``height`` screen must shrink to fit ``share`` of the available desktop (≤ 1)."""
    if available[0] <= 0 or available[1] <= 0:
        return 1.0
    return min(1.0, available[0] * share / width, available[1] * share / height)


@QmlElement
class CuratorTools(QObject):
    kioskChanged = Signal()
    windowChanged = Signal()
    viewsChanged = Signal()
    shapeChanged = Signal()
    findingsChanged = Signal()
    shownChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._kiosk = None
        self._window = None
        self._shown: ProofView | None = None  # the view last gone to, while the kiosk is still there
        self._entering = False
        self._shape = WINDOW
        self._scale = 1.0
        self._original: tuple[int, int, float] | None = None
        self._findings: list[dict] = []
        self._summary = ""
        self._index = None
        self._index_hash = ""
        self._diagonal = DEFAULT_DIAGONAL

    # --- what it works on ------------------------------------------------------------------------------------

    def _get_kiosk(self):
        return self._kiosk

    def _set_kiosk(self, kiosk) -> None:
        if kiosk is self._kiosk:
            return
        self._kiosk = kiosk
        if kiosk is not None:
            kiosk.contentChanged.connect(self.viewsChanged)
            kiosk.visit.locationChanged.connect(self._location_changed)
        self.kioskChanged.emit()
        self.viewsChanged.emit()

    kiosk = Property(QObject, _get_kiosk, _set_kiosk, notify=kioskChanged)

    def _get_window(self):
        return self._window

    def _set_window(self, window) -> None:
        if window is not self._window:
            self._window = window
            self.windowChanged.emit()

    window = Property(QObject, _get_window, _set_window, notify=windowChanged)

    def _get_diagonal(self) -> float:
        return self._diagonal

    def _set_diagonal(self, value: float) -> None:
        if value > 0:
            self._diagonal = float(value)

    diagonal = Property(float, _get_diagonal, _set_diagonal)

    # --- going places ----------------------------------------------------------------------------------------

    def _views(self) -> list[ProofView]:
        if self._kiosk is None:
            return []
        return proof_views(self._kiosk.content)

    @Property("QVariantList", notify=viewsChanged)
    def views(self) -> list[dict]:
        """Every view a visitor can reach, in visiting order, as ``kiosk proof`` renders them: places, and
        states over them (the idle warning, the staff PIN pad, a facsimile page whole or zoomed all the way in):
        {name, label, link, state}."""
        return [{"name": v.name, "label": view_label(v), "link": v.link, "state": v.state} for v in self._views()]

    @Property(str, notify=shownChanged)
    def shown(self) -> str:
        """The name of the view on screen: the one gone to last, else the place the kiosk is at."""
        if self._shown is not None:
            return self._shown.name
        view = self.current_view()
        return view.name if view is not None else ""

    @Slot(str, result=bool)
    def open(self, link: str) -> bool:
        if self._kiosk is None:
            return False
        self._leave_state()
        self.clear()
        return bool(self._kiosk.visit.openLink(link))

    @Slot(str, result=bool)
    def goTo(self, name: str) -> bool:
        """Show the view called ``name`` (see ``views``): its place, then its state over it."""
        view = next((v for v in self._views() if v.name == name), None)
        if view is None or self._kiosk is None or self._window is None:
            return False
        self._entering = True
        try:
            opened = self.open(view.link)
        finally:
            self._entering = False
        self._shown = view if view.state else None
        self._enter(view, STATE_ATTEMPTS)
        self.shownChanged.emit()
        return opened

    def _enter(self, view: ProofView, attempts: int) -> None:
        """The view's state, once its screen can show it (a document just opened is still appearing)."""
        from kiosk.qt.proof import viewstates

        if self._shown is not view and view.state:
            return  # the curator went elsewhere meanwhile
        self._entering = True
        try:
            entered = viewstates.enter(self._window, self._kiosk, view.state)
        finally:
            self._entering = False
        if not entered and attempts > 1:
            QTimer.singleShot(STATE_RETRY_MS, lambda: self._enter(view, attempts - 1))

    def _leave_state(self) -> None:
        from kiosk.qt.proof import viewstates

        if self._shown is not None and self._window is not None:
            state, self._shown = self._shown.state, None
            viewstates.leave(self._window, self._kiosk, state)

    def _location_changed(self) -> None:
        if not self._entering:
            self._shown = None  # the visitor moved on: the place shows what it is
        self.shownChanged.emit()

    # --- simulated screens -----------------------------------------------------------------------------------

    @Property("QVariantList", constant=True)
    def shapes(self) -> list[str]:
        return [WINDOW, *SHAPES]

    @Property(str, notify=shapeChanged)
    def shape(self) -> str:
        return self._shape

    @Property(float, notify=shapeChanged)
    def scale(self) -> float:
        """Simulated screen pixels per window pixel's worth: 0.5 shows a 4K screen at half size."""
        return self._scale

    @Slot(str)
    def simulate(self, shape: str) -> None:
        """Resize the window to ``shape`` (one of ``shapes``, e.g. "1080x1920"), scaled down to fit the desktop,
        with the density of that screen at the chosen diagonal scaled alike: the layout is what the real screen
        shows, smaller."""
        window, kiosk = self._window, self._kiosk
        if window is None or kiosk is None:
            return
        if self._original is None:
            self._original = (window.width(), window.height(), kiosk.pxPerMm)
        if shape == WINDOW:
            width, height, density = self._original
            scale = 1.0
        else:
            if shape not in SHAPES:
                log.warning("curator: not a screen shape: %r", shape)
                return
            full_w, full_h = SHAPES[shape]
            screen = window.screen()
            available = screen.availableGeometry() if screen is not None else None
            scale = fit_scale(full_w, full_h, (available.width(), available.height()) if available else (0, 0))
            width, height = round(full_w * scale), round(full_h * scale)
            density = metrics_for(full_w, full_h, diagonal_inches=self._diagonal).px_per_mm * scale
        window.resize(width, height)
        kiosk.set_px_per_mm(density)
        self._shape, self._scale = shape, scale
        self.shapeChanged.emit()
        self.clear()

    # --- checks ----------------------------------------------------------------------------------------------

    @Property("QVariantList", notify=findingsChanged)
    def findings(self) -> list[dict]:
        return self._findings

    @Property(str, notify=findingsChanged)
    def summary(self) -> str:
        return self._summary

    @Slot()
    def clear(self) -> None:
        if self._findings or self._summary:
            self._findings, self._summary = [], ""
            self.findingsChanged.emit()

    def _text_index(self):
        from kiosk.core.content.sources import TextIndex

        content = self._kiosk.content
        if self._index is None or self._index_hash != content.content_hash:
            self._index = TextIndex(content.root, content.languages)
            self._index_hash = content.content_hash
        return self._index

    def current_view(self) -> ProofView | None:
        if self._shown is not None:
            return self._shown
        link = self._kiosk.visit.link if self._kiosk is not None else ""
        views = [v for v in self._views() if not v.state]
        exact = next((v for v in views if v.link == link), None)
        if exact is not None:
            return exact
        screen = link.split("/", 1)[0]
        return next((v for v in views if v.link.split("/", 1)[0] == screen), None)

    @Slot()
    def check(self) -> None:
        """Run the proof checks on what the window shows now (the overlay itself left out)."""
        from kiosk.core.proof.checks import Context, check_scene
        from kiosk.qt.items import top_level
        from kiosk.qt.proof.frame import LazyBackground, QtFrame
        from kiosk.qt.proof.scene import OVERLAY_NAME, collect

        window, kiosk = self._window, self._kiosk
        if window is None or kiosk is None:
            return
        overlay = top_level(window, name=OVERLAY_NAME)
        scene = collect(window)
        context = Context(
            px_per_mm=kiosk.pxPerMm,
            language=kiosk.language,
            view=self.current_view(),
            index=self._text_index(),
            media_roots=list(kiosk.content.media_roots),
            shape=self._shape,
            min_target_mm=float(kiosk.minTargetMm),
            device_pixel_ratio=float(window.devicePixelRatio()),
        )
        if overlay is not None:
            overlay.setOpacity(0.0)  # the tools are not part of the exhibit: out of both grabs
        try:
            frame = QtFrame(window.grabWindow())
            found = check_scene(scene, frame, context, LazyBackground(window, scene))
        finally:
            if overlay is not None:
                overlay.setOpacity(1.0)
        found.sort(key=lambda f: (f.severity != ERROR, f.check, f.rect[1] if f.rect else 0))
        self._findings = [
            {
                "check": f.check,
                "severity": f.severity,
                "message": f.message,
                "where": f.where,
                "text": f.text,
                "x": f.rect[0] if f.rect else 0,
                "y": f.rect[1] if f.rect else 0,
                "w": f.rect[2] if f.rect else 0,
                "h": f.rect[3] if f.rect else 0,
            }
            for f in found
        ]
        errors = sum(1 for f in found if f.severity == ERROR)
        self._summary = (
            f"{errors} problem(s), {len(found) - errors} warning(s) on {kiosk.visit.link} ({kiosk.language}, "
            f"{self._shape}, {kiosk.pxPerMm:.2f} px/mm)"
            if found else f"No problems on {kiosk.visit.link} ({kiosk.language}, {self._shape})"
        )
        self.findingsChanged.emit()
