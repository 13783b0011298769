"""Language and the visitor modes on the real window: every visible string follows the language, large text
makes the text larger, high contrast changes the colours."""

from __future__ import annotations

import re

import pytest

from kiosk.qt.backend import KioskOptions
from qtkit import all_items, dominant_colour, is_colour, find, is_text, on_screen, tap, visible_strings, wait_settled, wait_slide_still

LANGUAGE_NAMES = {"English", "Русский"}
CYRILLIC = re.compile("[\u0400-\u04ff]")


def neutral(text: str) -> bool:
    """Text that is the same in every language: numbers, the languages' own names, the PIN keypad."""
    return text in LANGUAGE_NAMES or not re.search("[^\\W\\d_]", text)


def in_russian(text: str) -> bool:
    return "(ru)" in text or bool(CYRILLIC.search(text))


def begin(qtbot, app) -> None:
    tap(qtbot, app, "exhibitTitle")
    qtbot.waitUntil(lambda: app.kiosk.screen == "home")
    wait_settled(qtbot, app)


def settled_strings(qtbot, app) -> list[str]:
    wait_settled(qtbot, app)
    qtbot.wait(50)  # let bindings that depend on the switch repaint
    return visible_strings(app.window)


def assert_all_switched(before: list[str], after: list[str]) -> None:
    english = {text for text in before if not neutral(text)}
    assert english, before
    assert not english & set(after), f"still in English after the switch: {sorted(english & set(after))}"
    untranslated = [text for text in after if not neutral(text) and not in_russian(text)]
    assert not untranslated, f"not in Russian: {untranslated}"
    assert len(after) >= len(before), (before, after)  # nothing vanished with the language


def test_switching_language_updates_every_string_on_home(qtbot, kiosk_app) -> None:
    begin(qtbot, kiosk_app)
    before = settled_strings(qtbot, kiosk_app)
    assert "The Testament" in before and "Dictation" in before

    tap(qtbot, kiosk_app, "language_ru")

    qtbot.waitUntil(lambda: kiosk_app.kiosk.language == "ru")
    after = settled_strings(qtbot, kiosk_app)
    assert_all_switched(before, after)
    assert "Завещание" in after
    assert "English" in after and "Русский" not in after  # the button offers the other language

    tap(qtbot, kiosk_app, "language_en")
    qtbot.waitUntil(lambda: kiosk_app.kiosk.language == "en")
    assert sorted(settled_strings(qtbot, kiosk_app)) == sorted(before)


@pytest.mark.parametrize(("chapter", "slide"), [("one", 0), ("one", 1), ("two", 0), ("two", 1)])
def test_switching_language_updates_every_string_on_a_slide(qtbot, kiosk_app, chapter, slide) -> None:
    app = kiosk_app
    begin(qtbot, app)
    tap(qtbot, app, f"chapterCard_{chapter}")
    qtbot.waitUntil(lambda: app.kiosk.screen == "chapter")
    app.kiosk.showSlide(slide)
    wait_slide_still(qtbot, app.window, slide)
    before = settled_strings(qtbot, app)

    tap(qtbot, app, "language_ru")

    qtbot.waitUntil(lambda: app.kiosk.language == "ru")
    after = settled_strings(qtbot, app)
    assert_all_switched(before, after)
    assert app.kiosk.slideIndex == slide  # the visitor stays on the slide
    assert app.kiosk.chapterId == chapter


@pytest.mark.parametrize("start", ["en", "ru"])
def test_attract_shows_touch_to_begin_in_every_language(qtbot, make_kiosk_app, start) -> None:
    app = make_kiosk_app(KioskOptions(start_language=start))
    find(qtbot, app.window, "exhibitTitle")
    assert app.kiosk.language == start

    shown = visible_strings(app.window)

    assert "Touch to begin" in shown
    assert "Touch to begin (ru)" in shown


def test_choosing_a_language_on_attract_begins_in_that_language(qtbot, kiosk_app) -> None:
    tap(qtbot, kiosk_app, "attractLanguage_ru")

    qtbot.waitUntil(lambda: kiosk_app.kiosk.screen == "home")
    assert kiosk_app.kiosk.language == "ru"
    assert "Завещание" in settled_strings(qtbot, kiosk_app)


def body_texts(app) -> list:
    return [
        item
        for item in all_items(app.window)
        if is_text(item) and "BodyText" in item.metaObject().className() and on_screen(app.window, item)
    ]


def test_large_text_makes_body_text_larger(qtbot, kiosk_app) -> None:
    app = kiosk_app
    begin(qtbot, app)
    tap(qtbot, app, "chapterCard_one")
    qtbot.waitUntil(lambda: app.kiosk.screen == "chapter")
    wait_settled(qtbot, app)
    body = body_texts(app)
    assert body, "no body text on the first slide"
    normal = body[0].property("font").pixelSize()
    normal_height = body[0].height()

    tap(qtbot, app, "largeTextButton")

    assert app.kiosk.largeText
    qtbot.waitUntil(lambda: body[0].property("font").pixelSize() >= normal * 1.2)
    assert body[0].height() > normal_height  # the layout follows, the text is not just scaled inside its box
    assert find(qtbot, app.window, "largeTextButton").property("checked")

    tap(qtbot, app, "largeTextButton")

    qtbot.waitUntil(lambda: body[0].property("font").pixelSize() == normal)
    assert not app.kiosk.largeText


def test_high_contrast_turns_the_background_white(qtbot, kiosk_app) -> None:
    app = kiosk_app
    begin(qtbot, app)
    assert is_colour(dominant_colour(app.window.grabWindow()), "#EFE6D2")

    tap(qtbot, app, "contrastButton")

    assert app.kiosk.highContrast
    qtbot.waitUntil(lambda: is_colour(dominant_colour(app.window.grabWindow()), "#FFFFFF"))
    assert find(qtbot, app.window, "contrastButton").property("checked")

    tap(qtbot, app, "chapterCard_one")  # the chapter screen too
    qtbot.waitUntil(lambda: app.kiosk.screen == "chapter")
    wait_settled(qtbot, app)
    assert is_colour(dominant_colour(app.window.grabWindow()), "#FFFFFF")

    tap(qtbot, app, "contrastButton")
    qtbot.waitUntil(lambda: is_colour(dominant_colour(app.window.grabWindow()), "#EFE6D2"))
