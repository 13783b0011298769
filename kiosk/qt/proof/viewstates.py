"""Putting the kiosk into the state a view names (:mod:`kiosk.core.presentation.screens`) and out of it again: the idle
warning, the staff PIN pad, a slide with its More opened, a document note, and a facsimile page shown whole or
zoomed in all the way.

Shared by the proof renderer and the curator overlay's "Go to", so a curator sees what the proof sheets show.
Each state is reached the way a visitor reaches it: the warning the idle clock gives, the PIN pad the hidden
corner opens, the facsimile viewer's own "Whole page" and "Zoom in".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.presentation.screens import (
    DOCUMENT_STATES,
    STATE_IDLE,
    STATE_MORE,
    STATE_NOTE_PREFIX,
    STATE_PIN,
    STATE_WHOLE_PAGE,
    STATE_ZOOM_MAX,
)
from kiosk.qt.items import find_item, find_shown, qml_values, top_level

FACSIMILE = "facsimile"  # the objectName of the document's FacsimileViewer
MORE_BUTTON = "slideMore"  # the objectName of the More/Less button of a slide (MoreText)
SLIDE_VIEW = "slideView"  # the objectName of a chapter's slide list (ChapterScreen)
NOTE_BUTTON = "noteButton_"  # + the note's number: the objectName of its button under the transcript (DocumentScreen)
_FACSIMILE_CALLS = {STATE_WHOLE_PAGE: "reset(false, false)", STATE_ZOOM_MAX: "zoomBy(maxZoom / zoom)"}


def _shown_slide_more(window: QQuickWindow, kiosk) -> QQuickItem | None:
    """The More of the slide the visit is at, once the chapter's slide list shows it. Not the first More found on
    screen: the slides beside it are built too, and one still in view as the list moves would be opened instead,
    and stay open for a later view of it."""
    slides = find_shown(window, SLIDE_VIEW)
    if slides is None or slides.property("currentIndex") != kiosk.visit.slideIndex:
        return None
    slide = slides.property("currentItem")
    return find_item(slide, MORE_BUTTON) if slide is not None else None


def staff_access(window: QQuickWindow) -> QQuickItem | None:
    """The staff PIN pad and panel (StaffAccess.qml), a child of the window's root."""
    return top_level(window, type_name="StaffAccess")


def enter(window: QQuickWindow, kiosk, state: str, staff: QQuickItem | None = None) -> bool:
    """Show ``state`` over the place the kiosk is at (nothing for ""). ``staff``: the StaffAccess item, if the
    caller has already found it. False when it cannot be shown yet: the document has not placed its pages (it
    does once it is laid out); try again after the window has drawn."""
    if state == STATE_IDLE:
        kiosk.idle.showWarning()
    elif state == STATE_PIN:
        staff = staff or staff_access(window)
        if staff is not None:
            staff.setProperty("entered", "")
            staff.setProperty("stage", "pin")
    elif state == STATE_MORE:
        # the shown slide's own More, as a visitor taps it
        button = _shown_slide_more(window, kiosk)
        if button is None:
            return False
        qml_values(button, "activated()")
    elif state.startswith(STATE_NOTE_PREFIX):
        # the paragraph's "Note N" button, as a keyboard user opens it (it shows once the paragraph is current)
        button = find_item(window.contentItem(), NOTE_BUTTON + state.removeprefix(STATE_NOTE_PREFIX))
        if button is None:
            return False
        qml_values(button, "activated()")
    elif state in _FACSIMILE_CALLS:
        # a document screen that has just appeared places its pages once more, later (Qt.callLater); let it,
        # or it would undo the state
        QCoreApplication.processEvents()
        viewer = find_item(window.contentItem(), FACSIMILE)
        if viewer is None or not viewer.property("_placed"):
            return False
        qml_values(viewer, _FACSIMILE_CALLS[state])
    return True


def leave(window: QQuickWindow, kiosk, state: str, staff: QQuickItem | None = None) -> None:
    """Undo ``state``, so the next view starts as a visitor would find it."""
    if kiosk.idle.state == "warning":
        kiosk.idle.activity()
    staff = staff or staff_access(window)
    if staff is not None and staff.property("stage") != "closed":
        staff.setProperty("stage", "closed")
    if state == STATE_MORE:
        button = _shown_slide_more(window, kiosk)
        if button is not None:
            qml_values(button, "activated()")  # Less: the slide is shown closed when a visitor comes back
    if state in DOCUMENT_STATES or state.startswith(STATE_NOTE_PREFIX):
        # the document keeps its zoom while the reading position stays; from Home it is placed afresh
        kiosk.visit.openLink("home")

