"""The document viewer on the shipped testament: the facsimile zooms under two fingers (about their centre), on a
double tap and by keys, pans within bounds that never lose the page, and resets to the whole page; it is decoded
larger only when zoomed. The transcript and the facsimile follow each other; names open people's cards and Back
returns to the same paragraph; notes open on tap; the letter and the postscript are told apart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from qtkit import center, find, key, on_screen, scene_rect, tap, text_of, touch_swipe, touch_tap, visible_rect
from screenkit import (
    double_tap,
    item,
    items_named,
    link_point,
    needs_facsimile,
    open_link,
    pinch,
    shipped_app_fixture,
    start_visit,
    wait_images,
    wait_screen,
)

from kiosk.core.presentation.document import paragraph_at
from kiosk.qt import items


@pytest.fixture(scope="module")
def app(qapp):
    yield from shipped_app_fixture()


@pytest.fixture
def doc(qtbot, app):
    needs_facsimile(app.kiosk.content)
    start_visit(qtbot, app)
    open_link(qtbot, app, "document/testament")
    wait_images(qtbot, app)
    yield app
    assert app.warnings == [], "\n".join(app.warnings)


def viewer(app):
    return item(app, "facsimile")


def zoom(app) -> float:
    return viewer(app).property("zoom")


def still(qtbot, app) -> None:
    """Until the facsimile has stopped moving (animation, flick) and its paragraph is settled."""
    v, flick = viewer(app), item(app, "facsimileFlick")
    qtbot.waitUntil(lambda: not v.property("interacting") and not flick.property("moving"), timeout=3000)
    qtbot.wait(50)


def sheet_point(app, scene: QPoint) -> tuple[float, float]:
    """Where a scene point falls on the sheet, in units of the sheet at zoom 1."""
    at = item(app, "facsimileSheet").mapFromScene(QPointF(scene))
    return at.x() / zoom(app), at.y() / zoom(app)


def page_rect(app, number: int = 1) -> QRectF:
    return scene_rect(item(app, f"facsimilePage_{number}"))


def inside(inner: QRectF, outer: QRectF, slack: float = 1.0) -> bool:
    return outer.adjusted(-slack, -slack, slack, slack).contains(inner)


def decode_width(app, number: int = 1) -> int:
    return item(app, f"facsimileImage_{number}").property("sourceSize").width()


def test_opens_with_the_whole_page_decoded_at_the_size_shown(qtbot, doc) -> None:
    assert zoom(doc) == 1
    assert inside(page_rect(doc), scene_rect(viewer(doc)))
    width = page_rect(doc).width()
    assert width <= decode_width(doc) <= width * 1.05 + 1  # not the 2480-px original


def test_pinch_zooms_about_the_centre_of_the_fingers_and_decodes_sharper(qtbot, doc) -> None:
    small = decode_width(doc)
    middle = center(viewer(doc)) + QPoint(-60, -120)
    before = sheet_point(doc, middle)

    pinch(qtbot, doc, middle, 60, 250)
    still(qtbot, doc)

    assert zoom(doc) > 2.5
    after = sheet_point(doc, middle)
    assert abs(after[0] - before[0]) < 3 and abs(after[1] - before[1]) < 3, (before, after)
    assert decode_width(doc) >= 2 * small  # the page is decoded again, larger, when zoomed in
    wait_images(qtbot, doc)


def test_double_tap_zooms_in_at_the_finger_and_out_again(qtbot, doc) -> None:
    point = center(viewer(doc)) + QPoint(40, -80)
    before = sheet_point(doc, point)

    double_tap(qtbot, doc, point)
    still(qtbot, doc)
    assert zoom(doc) == pytest.approx(2.5)
    after = sheet_point(doc, point)
    assert abs(after[0] - before[0]) < 3 and abs(after[1] - before[1]) < 3

    double_tap(qtbot, doc, point)
    still(qtbot, doc)
    assert zoom(doc) == 1


def test_panning_stops_at_the_bounds_and_never_loses_the_page(qtbot, doc) -> None:
    flick = item(doc, "facsimileFlick")
    box = scene_rect(viewer(doc))
    middle = center(viewer(doc))
    reach = QPoint(round(box.width() * 0.45), 0)

    touch_swipe(qtbot, doc.window, middle - reach, middle + reach)  # at the whole page: nothing to pan sideways
    still(qtbot, doc)
    assert flick.property("contentX") == 0

    key(qtbot, doc, Qt.Key.Key_Equal)
    key(qtbot, doc, Qt.Key.Key_Equal)
    still(qtbot, doc)
    assert zoom(doc) > 2
    for _ in range(2):  # far past the left edge
        touch_swipe(qtbot, doc.window, middle - reach, middle + reach)
        still(qtbot, doc)
    assert flick.property("contentX") == 0
    assert page_rect(doc).left() >= box.left() and page_rect(doc).right() > box.right()

    for _ in range(2):  # far past the right edge
        touch_swipe(qtbot, doc.window, middle + reach, middle - reach)
        still(qtbot, doc)
    assert flick.property("contentX") == pytest.approx(flick.property("contentWidth") - flick.width())
    assert page_rect(doc).right() <= box.right() and page_rect(doc).left() < box.left()


def test_whole_page_button_returns_to_fit(qtbot, doc) -> None:
    key(qtbot, doc, Qt.Key.Key_Equal)
    still(qtbot, doc)
    assert zoom(doc) > 1.4

    tap(qtbot, doc, "resetZoomButton")
    still(qtbot, doc)

    assert zoom(doc) == 1
    assert inside(page_rect(doc), scene_rect(viewer(doc)))


def test_keys_zoom_pan_and_step_through_paragraphs(qtbot, doc) -> None:
    flick = item(doc, "facsimileFlick")
    key(qtbot, doc, Qt.Key.Key_Equal)
    still(qtbot, doc)
    assert zoom(doc) > 1.4
    while flick.property("contentWidth") <= flick.property("width"):  # zoomed until there is a width to pan
        previous = zoom(doc)
        key(qtbot, doc, Qt.Key.Key_Equal)
        still(qtbot, doc)
        assert zoom(doc) > previous, "zoomed in all the way, and still no room to pan"
    zoomed = zoom(doc)
    x = flick.property("contentX")
    key(qtbot, doc, Qt.Key.Key_Right)
    still(qtbot, doc)
    assert flick.property("contentX") > x
    key(qtbot, doc, Qt.Key.Key_Underscore)
    still(qtbot, doc)
    assert zoom(doc) < zoomed

    reading = doc.kiosk.visit.position  # the zoom and the pan read the paragraph in view
    key(qtbot, doc, Qt.Key.Key_PageDown)
    key(qtbot, doc, Qt.Key.Key_PageDown)
    still(qtbot, doc)
    assert doc.kiosk.visit.position == reading + 2
    assert doc.kiosk.visit.link == f"document/testament/{reading + 2}"
    assert viewer(doc).property("current") == reading + 2
    key(qtbot, doc, Qt.Key.Key_PageUp)
    assert doc.kiosk.visit.position == reading + 1
    key(qtbot, doc, Qt.Key.Key_0)
    still(qtbot, doc)
    assert zoom(doc) == 1


def paragraph_card_point(app, index: int) -> QPoint:
    """A point on a paragraph of the transcript away from its words (so no link), on screen."""
    card = item(app, f"paragraph_{index}")
    transcript = item(app, "transcript")
    if not on_screen(app.window, card):
        transcript.setProperty("contentY", card.mapToItem(transcript.property("contentItem"), QPointF(0, 0)).y())
    rect = scene_rect(card)
    return QPoint(round(rect.left() + 4), round(rect.top() + 3))  # in the margin above the first line


def highlight_rect(app) -> QRectF:
    return scene_rect(item(app, "facsimileHighlight"))


def test_tapping_a_paragraph_zooms_the_facsimile_to_it_and_marks_it(qtbot, doc) -> None:
    doc.clock.advance(1)
    touch_tap(qtbot, doc.window, paragraph_card_point(doc, 6))
    still(qtbot, doc)

    assert doc.kiosk.visit.link == "document/testament/6"
    assert viewer(doc).property("current") == 6
    assert zoom(doc) > 1.5
    mark = item(doc, "facsimileHighlight")
    assert mark.isVisible()
    shown = scene_rect(viewer(doc))
    assert inside(highlight_rect(doc), shown)
    centre = highlight_rect(doc).center()
    assert abs(centre.x() - shown.center().x()) < shown.width() * 0.1
    assert abs(centre.y() - shown.center().y()) < shown.height() * 0.1
    # the mark is where layout.json puts the paragraph on page 2
    row = doc.kiosk.views.paragraphRow(6)
    page = page_rect(doc, 2)
    margin = mark.property("margin")
    assert (highlight_rect(doc).left() + margin - page.left()) / page.width() == pytest.approx(row["boxX"], abs=0.01)
    assert (highlight_rect(doc).top() + margin - page.top()) / page.height() == pytest.approx(row["boxY"], abs=0.01)


def test_panning_the_facsimile_marks_the_paragraph_in_view_in_the_transcript(qtbot, doc) -> None:
    open_link(qtbot, doc, "document/testament/6")
    still(qtbot, doc)
    v = viewer(doc)
    middle = center(v)
    lift = QPoint(0, round(v.height() * 0.3))

    touch_swipe(qtbot, doc.window, middle + lift, middle - lift, steps=20)  # slowly up: the next paragraphs
    still(qtbot, doc)

    at = sheet_point(doc, middle)
    page_height = v.property("pageHeight")
    page = 2 if at[1] > page_height else 1
    top = (page - 1) * (page_height + v.property("pageGap"))
    expected = paragraph_at(doc.kiosk.views.paragraphs.rows(), page, at[0] / v.property("pageWidth"),
                            (at[1] - top) / page_height)
    assert expected not in (-1, 6)
    qtbot.waitUntil(lambda: doc.kiosk.visit.position == expected, timeout=2000)
    assert item(doc, "transcript").property("current") == expected
    qtbot.waitUntil(lambda: on_screen(doc.window, item(doc, f"paragraph_{expected}")), timeout=2000)


def test_a_name_opens_the_person_and_back_returns_to_the_same_paragraph(qtbot, doc) -> None:
    open_link(qtbot, doc, "document/testament/letter-7")
    still(qtbot, doc)
    zoomed, x = zoom(doc), item(doc, "facsimileFlick").property("contentX")
    point = link_point(item(doc, "paragraphText_6"), "person:zinoviev")

    doc.clock.advance(1)
    touch_tap(qtbot, doc.window, point)
    wait_screen(qtbot, doc)

    assert doc.kiosk.visit.link == "person/zinoviev/0"
    assert text_of(next(i for i in items_named(doc, "personName") if on_screen(doc.window, i))) == "Grigory Zinoviev"

    back = next(i for i in items_named(doc, "backButton") if on_screen(doc.window, i))
    tap(qtbot, doc, back)
    wait_screen(qtbot, doc)

    assert doc.kiosk.visit.link == "document/testament/6"
    assert viewer(doc).property("current") == 6
    assert zoom(doc) == pytest.approx(zoomed)
    assert item(doc, "facsimileFlick").property("contentX") == pytest.approx(x)
    assert on_screen(doc.window, item(doc, "paragraph_6"))


def test_the_names_and_notes_of_the_paragraph_are_buttons_reachable_by_keys(qtbot, doc) -> None:
    open_link(qtbot, doc, "document/testament/letter-7")
    still(qtbot, doc)
    button = item(doc, "mentionButton_kamenev")
    assert on_screen(doc.window, button)
    assert on_screen(doc.window, item(doc, "noteButton_5"))

    for _ in range(40):  # Tab through the screen's controls until the name has the focus
        if button.hasActiveFocus():
            break
        items.key(doc.window, Qt.Key.Key_Tab)
    assert button.hasActiveFocus()
    doc.clock.advance(1)
    items.key(doc.window, Qt.Key.Key_Return)
    wait_screen(qtbot, doc)
    assert doc.kiosk.visit.link == "person/kamenev/0"


def test_a_numbered_word_shows_its_note_until_closed(qtbot, doc) -> None:
    open_link(qtbot, doc, "document/testament/6")
    point = link_point(item(doc, "paragraphText_6"), "note:0")

    doc.clock.advance(1)
    touch_tap(qtbot, doc.window, point)

    panel = item(doc, "notePanel")
    qtbot.waitUntil(lambda: panel.opacity() == 1)
    assert text_of(item(doc, "noteText")).startswith("Zinoviev and Kamenev had opposed the October insurrection")
    assert doc.kiosk.visit.screen == "document"

    tap(qtbot, doc, "closeNoteButton")
    qtbot.waitUntil(lambda: not panel.isVisible())


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_letter_and_the_postscript_are_told_apart_and_a_translation_says_so(qtbot, app, language) -> None:
    needs_facsimile(app.kiosk.content)
    start_visit(qtbot, app, language=language)
    open_link(qtbot, app, "document/testament/postscript-1")

    assert app.kiosk.visit.position == 10
    letter = [text_of(t) for t in item(app, "partHeading_letter-1").childItems() if t.inherits("QQuickText")]
    postscript = [text_of(t) for t in item(app, "partHeading_postscript-1").childItems() if t.inherits("QQuickText")]
    if language == "en":
        assert letter == ["The letter", "December 25, 1922"]
        assert postscript == ["Postscript", "January 4, 1923"]
    else:
        assert letter == ["Письмо", "25\u00a0декабря 1922\u00a0г."]
        assert postscript == ["Добавление", "4\u00a0января 1923\u00a0г."]
    note = item(app, "translatedNote")
    assert note.isVisible() == (language == "ru")
    if language == "ru":
        assert text_of(note) == "Перевод для выставки с английского издания, а не подлинный русский текст"
    assert not app.kiosk.visit.openLink("document/testament/no-such-paragraph")
    assert app.warnings == []


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_facsimile_shows_its_caption_and_credit_beside_the_page_never_over_it(qtbot, app, size, language) -> None:
    needs_facsimile(app.kiosk.content)
    start_visit(qtbot, app, size=size, language=language)
    facsimile = app.kiosk.content.documents["testament"].facsimile

    viewer_rects = []
    for link, page in (("document/testament", 1), ("document/testament/postscript-1", 2)):
        open_link(qtbot, app, link)
        wait_images(qtbot, app)
        still(qtbot, app)
        caption, credit = find(qtbot, app.window, "facsimileCaption"), find(qtbot, app.window, "facsimileCredit")
        assert viewer(app).property("pageInViewNow") == page
        assert text_of(caption) == facsimile[page - 1].caption.get(language)
        assert text_of(credit) == facsimile[page - 1].credit.get(language)
        assert scene_rect(caption).bottom() <= scene_rect(credit).top()
        for line in (caption, credit):
            assert on_screen(app.window, line)
            assert visible_rect(app.window, line) == scene_rect(line), "cut off"
            assert not scene_rect(line).intersects(scene_rect(viewer(app))), "it covers the facsimile"
            assert not scene_rect(line).intersects(scene_rect(item(app, "transcript")))
        viewer_rects.append(scene_rect(viewer(app)))
    assert viewer_rects[0] == viewer_rects[1], "the facsimile moved when the other page's lines showed"
    # the generated page is a typescript made for the exhibit, and its credit says so
    made_for_the_exhibit = {"en": "Typescript made for the exhibit", "ru": "Машинопись, созданная для выставки"}
    assert made_for_the_exhibit[language] in text_of(credit)
    assert credit.property("font").pixelSize() == item(app, "pageLabel").property("font").pixelSize()  # caption
    assert app.warnings == []
