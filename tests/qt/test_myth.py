"""Myth and document, the "six words": the search reads the letter paragraph by paragraph in plain sight (calmly,
in about three seconds), finds nothing, shows where the words the story garbles really are, and then reveals
Trotsky's account of where the story came from, by touch and by keys, in both languages."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import Qt
from qtkit import key, on_screen, scene_rect, tap, text_of
from screenkit import item, items_named, open_link, shipped_app_fixture, start_visit, wait_screen


@pytest.fixture(scope="module")
def app(qapp):
    yield from shipped_app_fixture()


@pytest.fixture
def myth(qtbot, app):
    start_visit(qtbot, app)
    open_link(qtbot, app, "myth")
    yield app
    assert app.warnings == [], "\n".join(app.warnings)


def shown(app, name: str):
    found = [i for i in items_named(app, name) if on_screen(app.window, i)]
    assert len(found) == 1, f"{len(found)} of {name} on screen"
    return found[0]


def is_shown(app, name: str) -> bool:
    return any(on_screen(app.window, i) for i in items_named(app, name))


def watch_search(qtbot, app) -> tuple[float, list[str], list[float]]:
    """Until the verdict shows: how long it took, the status lines seen, and where the reading mark went."""
    status, mark = item(app, "mythStatus"), item(app, "mythReadingMark")
    started, seen, marks = time.monotonic(), [], []
    while not is_shown(app, "mythVerdict"):
        assert time.monotonic() - started < 8, "the search never ended"
        if not seen or seen[-1] != text_of(status):
            seen.append(text_of(status))
        if mark.isVisible():
            marks.append(scene_rect(mark).center().y() + item(app, "mythLetter").property("contentY"))
        qtbot.wait(40)
    return time.monotonic() - started, seen, marks


def test_the_search_reads_the_letter_finds_nothing_and_reveals_the_account_by_touch(qtbot, myth) -> None:
    assert text_of(shown(myth, "mythPhrase")) == "\u201cHis non-Bolshevik past is not accidental\u201d"

    tap(qtbot, myth, "mythSearchButton")
    took, seen, marks = watch_search(qtbot, myth)

    assert 2.0 < took < 4.5, took  # visible, calm, not a wait
    count = len(myth.kiosk.views.myth["paragraphs"])
    reading = [s for s in seen if s.startswith("Reading paragraph")]
    assert reading[0] == f"Reading paragraph 1 of {count}\u2026"
    assert reading[-1] == f"Reading paragraph {count} of {count}\u2026"
    assert len(reading) >= count - 1  # paragraph by paragraph, none skipped in a jump
    # the mark only ever moves down the letter (a layout pass may move it by a rounding error, never back up a line)
    assert all(later > earlier - 0.5 for earlier, later in itertools.pairwise(marks)) and marks[-1] > marks[0]
    assert text_of(shown(myth, "mythVerdict")) == "Not in the letter"
    assert myth.kiosk.visit.position == 1
    # the words the story garbles are there, said of others, and brought into view
    qtbot.waitUntil(lambda: is_shown(myth, "mythNearParagraph"))
    near = shown(myth, "mythNearParagraph")
    assert "was not, of course, accidental</span>" in text_of(near)
    assert "the non-Bolshevism of Trotsky</span>" in text_of(near)
    assert text_of(shown(myth, "mythConclusion")).startswith("The six words are not in the letter.")

    tap(qtbot, myth, "mythWhereButton")
    qtbot.waitUntil(lambda: is_shown(myth, "mythAccountHeading"))
    assert myth.kiosk.visit.position == 2
    headings = [s["heading"] for s in myth.kiosk.views.myth["account"]]
    assert headings == ["Two meetings made into one", "What Lenin wrote, what Stalin read"]

    # the chapter that tells it, and Back to the account
    column = item(myth, "mythStory")
    column.setProperty("contentY", column.property("contentHeight") - column.height())
    tap(qtbot, myth, "mythChapterButton")
    wait_screen(qtbot, myth)
    assert (myth.kiosk.visit.chapterId, myth.kiosk.visit.slideIndex) == ("myth-and-document", 0)
    tap(qtbot, myth, next(i for i in items_named(myth, "backButton") if on_screen(myth.window, i)))
    wait_screen(qtbot, myth)
    assert myth.kiosk.visit.screen == "myth" and myth.kiosk.visit.position == 2
    assert item(myth, "mythAccountHeading").isVisible()  # still the account, scrolled as it was


def test_keys_alone_run_it_to_the_reveal(qtbot, myth) -> None:
    key(qtbot, myth, Qt.Key.Key_Return)
    watch_search(qtbot, myth)
    key(qtbot, myth, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: is_shown(myth, "mythAccountHeading"))
    assert myth.kiosk.visit.position == 2


def test_in_russian_the_words_and_the_marks_are_russian(qtbot, app) -> None:
    start_visit(qtbot, app, language="ru")
    open_link(qtbot, app, "myth")
    assert text_of(shown(app, "mythPhrase")) == "\u00abЕго небольшевистское прошлое не случайно\u00bb"

    app.clock.advance(1)
    app.kiosk.visit.setPosition(1)  # straight to the result, as Back would return to it
    qtbot.waitUntil(lambda: is_shown(app, "mythNearParagraph"))
    near = shown(app, "mythNearParagraph")
    assert "конечно, не был случайностью</span>" in text_of(near)
    assert "небольшевизм\u00a0— Троцкому</span>" in text_of(near)
    assert text_of(shown(app, "mythVerdict")) == "В письме этих слов нет"
    assert app.warnings == []
