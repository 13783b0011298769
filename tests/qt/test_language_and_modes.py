"""Language and the visitor modes on the real window: every visible string follows the language, large text
makes the text larger, high contrast changes the colours."""

from __future__ import annotations

import re

import pytest
from qtkit import (
    all_items,
    dominant_colour,
    find,
    is_colour,
    is_text,
    iter_items,
    on_screen,
    tap,
    visible_strings,
    wait_settled,
    wait_slide_still,
)

from kiosk.qt.items import meta_object, qml_type_name
from kiosk.qt.kiosk import KioskOptions

# a Qt warning (a binding that fails, focus that goes astray) fails the test like a QML warning does
pytestmark = pytest.mark.qt_log_level_fail("WARNING")

LANGUAGE_NAMES = {"English", "Русский"}
CYRILLIC = re.compile("[\u0400-\u04ff]")


def neutral(text: str) -> bool:
    """Text that is the same in every language: numbers, the languages' own names, the PIN keypad."""
    return text in LANGUAGE_NAMES or not re.search("[^\\W\\d_]", text)


def in_russian(text: str) -> bool:
    return "(ru)" in text or bool(CYRILLIC.search(text))


def begin(qtbot, app) -> None:
    tap(qtbot, app, "exhibitTitle")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
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
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
    app.kiosk.visit.showSlide(slide)
    wait_slide_still(qtbot, app.window, slide)
    before = settled_strings(qtbot, app)

    tap(qtbot, app, "language_ru")

    qtbot.waitUntil(lambda: app.kiosk.language == "ru")
    after = settled_strings(qtbot, app)
    assert_all_switched(before, after)
    assert app.kiosk.visit.slideIndex == slide  # the visitor stays on the slide
    assert app.kiosk.visit.chapterId == chapter


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

    qtbot.waitUntil(lambda: kiosk_app.kiosk.visit.screen == "home")
    assert kiosk_app.kiosk.language == "ru"
    assert "Завещание" in settled_strings(qtbot, kiosk_app)


def body_texts(app) -> list:
    return [
        item
        for item in all_items(app.window)
        if is_text(item) and qml_type_name(item) == "Body" and on_screen(app.window, item)
    ]


def test_large_text_makes_body_text_larger(qtbot, kiosk_app) -> None:
    app = kiosk_app
    begin(qtbot, app)
    tap(qtbot, app, "chapterCard_one")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
    wait_settled(qtbot, app)
    body = body_texts(app)
    assert body, "no body text on the first slide"
    normal = body[0].property("font").pixelSize()
    normal_height = body[0].height()

    tap(qtbot, app, "largeTextButton")

    assert app.kiosk.modes.largeText
    qtbot.waitUntil(lambda: body[0].property("font").pixelSize() >= normal * 1.2)
    assert body[0].height() > normal_height  # the layout follows, the text is not just scaled inside its box
    assert find(qtbot, app.window, "largeTextButton").property("checked")

    tap(qtbot, app, "largeTextButton")

    qtbot.waitUntil(lambda: body[0].property("font").pixelSize() == normal)
    assert not app.kiosk.modes.largeText


def test_high_contrast_turns_the_background_white(qtbot, kiosk_app) -> None:
    app = kiosk_app
    begin(qtbot, app)
    assert is_colour(dominant_colour(app.window.grabWindow()), "#EFE6D2")

    tap(qtbot, app, "contrastButton")

    assert app.kiosk.modes.highContrast
    qtbot.waitUntil(lambda: is_colour(dominant_colour(app.window.grabWindow()), "#FFFFFF"))
    assert find(qtbot, app.window, "contrastButton").property("checked")

    tap(qtbot, app, "chapterCard_one")  # the chapter screen too
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
    wait_settled(qtbot, app)
    assert is_colour(dominant_colour(app.window.grabWindow()), "#FFFFFF")

    tap(qtbot, app, "contrastButton")
    qtbot.waitUntil(lambda: is_colour(dominant_colour(app.window.grabWindow()), "#EFE6D2"))


def relative_luminance(colour) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a, b) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_theme_colour_is_set(qtbot, kiosk_app, high_contrast) -> None:
    kiosk_app.kiosk.modes.setHighContrast(high_contrast)
    theme = kiosk_app.engine.singletonInstance("kiosk.qml", "Theme")
    with meta_object(theme) as meta:
        colours = {
            meta.property(i).name(): theme.property(meta.property(i).name())
            for i in range(meta.propertyOffset(), meta.propertyCount())
            if meta.property(i).typeName() == "QColor"
        }

    assert len(colours) > 10
    assert [name for name, colour in colours.items() if not colour.isValid()] == []


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_attract_title_and_language_buttons_read_on_the_night_background(qtbot, kiosk_app, high_contrast) -> None:
    kiosk_app.kiosk.modes.setHighContrast(high_contrast)
    theme = kiosk_app.engine.singletonInstance("kiosk.qml", "Theme")
    night = theme.property("night")

    title = find(qtbot, kiosk_app.window, "exhibitTitle")

    assert contrast(title.property("color"), night) >= 7
    for code in ("en", "ru"):
        button = find(qtbot, kiosk_app.window, f"attractLanguage_{code}")
        label = next(item for item in iter_items(button) if is_text(item))
        face = next(item for item in button.childItems() if item.inherits("QQuickRectangle")).property("color")
        behind = face if face.alpha() > 0 else night
        assert contrast(label.property("color"), behind) >= 4.5, code
