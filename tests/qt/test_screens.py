"""Every screen at the three display shapes the exhibit ships for: rendered (not blank), and no text cut off or
spilling out of its box or the window, by the same check the proof sheets make (kiosk.core.proof.checks.check_fit,
through screenkit.text_problems).

One app is reused for all sizes (building the QML engine is the slow part); PNGs of every screen are saved to a
temporary folder, named by size and screen, for a person to look at when a test fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from contentkit import write_content
from PySide6.QtCore import QCoreApplication
from qtkit import CHAPTER_SLIDES, kiosk_files, wait_settled, wait_slide_still
from screenkit import text_problems

from kiosk.core.presentation.screens import SCREENS
from kiosk.qt import items
from kiosk.qt.items import stage_screens
from kiosk.qt.kiosk import KioskOptions
from kiosk.qt.proof.frame import to_pil

# a Qt warning (a binding that fails, focus that goes astray) fails the test like a QML warning does
pytestmark = pytest.mark.qt_log_level_fail("WARNING")

SIZES = [(1920, 1080), (3840, 2160), (1080, 1920)]
SIZE_IDS = ["1080p", "4k", "portrait"]


@pytest.fixture(scope="module")
def screens_app(qapp, tmp_path_factory) -> Iterator:
    from kioskfixtures import build_app, destroy_app, load

    root = write_content(tmp_path_factory.mktemp("content"), kiosk_files())
    app = build_app(load(root), root, KioskOptions(), SIZES[0])
    yield app
    warnings = list(app.warnings)
    destroy_app(app)
    assert warnings == [], "QML warnings:\n" + "\n".join(warnings)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screens")


def states(app) -> Iterator[str]:
    """Go to each screen in turn; yields its name once it shows."""
    kiosk = app.kiosk
    kiosk.visit.reset()
    yield "attract"
    app.clock.advance(1)
    kiosk.visit.begin()
    yield "home"
    for number, (chapter, count) in enumerate(CHAPTER_SLIDES.items()):
        app.clock.advance(1)
        kiosk.visit.openChapter(number)
        for index in range(count):
            kiosk.visit.showSlide(index)
            yield f"{chapter}-{index + 1}"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_screen_renders_without_cut_or_spilling_text(qtbot, screens_app, shots, size) -> None:
    app, window = screens_app, screens_app.window
    app.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    QCoreApplication.processEvents()
    seen = []
    problems: dict[str, list[str]] = {}

    for name in states(app):
        wait_settled(qtbot, app)
        if app.kiosk.visit.screen == "chapter":
            wait_slide_still(qtbot, window, app.kiosk.visit.slideIndex)
        image = window.grabWindow()
        assert (image.width(), image.height()) == size
        image.save(str(shots / f"{size[0]}x{size[1]}-{name}.png"))
        colours = to_pil(image).resize((size[0] // 4, size[1] // 4)).getcolors(1 << 16)
        assert colours is not None and len(colours) > 8, f"{name} at {size} looks blank: {colours}"
        assert max(colours)[0] < 0.98 * sum(count for count, _ in colours), f"{name} at {size} is one colour"
        found = text_problems(window)
        if found:
            problems[name] = found
        seen.append(name)

    assert seen == ["attract", "home", "one-1", "one-2", "one-3", "two-1", "two-2"]
    assert not problems, f"text problems at {size} (screenshots in {shots}):\n" + "\n".join(
        f"{name}: {problem}" for name, found in problems.items() for problem in found
    )


@pytest.mark.parametrize("size", [SIZES[0], SIZES[2]], ids=[SIZE_IDS[0], SIZE_IDS[2]])
def test_a_slide_of_text_alone_sits_in_a_centred_measure(qtbot, screens_app, size) -> None:
    from qtkit import scene_rect, shown
    from screenkit import open_link

    app, window = screens_app, screens_app.window
    app.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    open_link(qtbot, app, "chapter/one/1")  # the quote: no picture
    wait_slide_still(qtbot, window, app.kiosk.visit.slideIndex)
    [reading] = shown(window, "slideReading")
    frame = scene_rect(items.parent_of(reading))
    text = scene_rect(reading)
    text.setHeight(min(text.height(), reading.property("contentHeight")))

    measure = 40 * app.engine.singletonInstance("kiosk.qml", "Theme").property("bodySize")
    assert text.width() <= measure + 1, "lines longer than a comfortable measure"
    assert abs(text.center().x() - frame.center().x()) <= 1
    # a little above the middle: 40 % of the space left over above the text, 60 % below
    above, below = text.top() - frame.top(), frame.bottom() - text.bottom()
    assert above > 0 and above == pytest.approx(0.4 * (above + below), abs=2)


def test_the_check_finds_text_that_does_not_fit(qtbot, make_kiosk_app, content_root) -> None:
    # the check above must be able to fail: a title of one word too long for any screen
    word = "Unbreakable" * 6  # 66 characters: within the validator's limit of 70
    path = content_root / "chapters" / "one.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"]["en"] = word
    path.write_text(json.dumps(data), encoding="utf-8")
    app = make_kiosk_app(size=(1080, 1920))
    app.clock.advance(1)
    app.kiosk.visit.begin()
    wait_settled(qtbot, app)

    found = text_problems(app.window)

    assert any(word[:40] in problem for problem in found), found


def test_the_interface_has_exactly_the_screens_the_core_lists(screens_app) -> None:
    # kiosk.core.presentation.screens is the one list of screens; Main.qml's stage.screens maps each to its item
    assert sorted(stage_screens(screens_app.window)) == sorted(SCREENS)
