"""The document viewer, the timeline, the people, a person and the myth interactive at the three display shapes
the exhibit ships for, in both languages: rendered (not blank), no text cut off or spilling out of its box or the
window. PNGs of every state are saved to a temporary folder, named by size, language and state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from screenkit import open_link, shipped_app_fixture, start_visit, text_problems, wait_images

from kiosk.qt.proof.frame import to_pil

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

SIZES = [(1920, 1080), (3840, 2160), (1080, 1920)]
SIZE_IDS = ["1080p", "4k", "portrait"]


@pytest.fixture(scope="module")
def app(qapp):
    yield from shipped_app_fixture()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("section-screens")


def states(qtbot, app) -> Iterator[str]:
    """Each state once it shows (screens have faded in, animations have ended)."""
    open_link(qtbot, app, "document/testament/letter-7")
    yield "document"
    open_link(qtbot, app, "timeline/the-letter")
    qtbot.wait(400)  # the strip glides to the event
    yield "timeline-event"
    open_link(qtbot, app, "people")
    yield "people"
    open_link(qtbot, app, "person/stalin")
    yield "person"
    open_link(qtbot, app, "myth")
    yield "myth-story"
    for step, name in ((1, "myth-result"), (2, "myth-account")):
        app.kiosk.visit.setPosition(step)
        qtbot.wait(300)  # the letter glides to the words
        yield name


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_sections_render_without_cut_or_spilling_text(qtbot, app, shots, size) -> None:
    problems: dict[str, list[str]] = {}
    seen = []
    start_visit(qtbot, app, size, "en")
    for language in ("en", "ru"):
        app.kiosk.setLanguage(language)  # the states' links change screens, so everything is drawn anew
        QCoreApplication.processEvents()
        for name in states(qtbot, app):
            wait_images(qtbot, app)
            image = app.window.grabWindow()
            assert (image.width(), image.height()) == size
            label = f"{size[0]}x{size[1]}-{language}-{name}"
            image.save(str(shots / f"{label}.png"))
            colours = to_pil(image).resize((size[0] // 12, size[1] // 12)).getcolors(1 << 16)
            assert colours is not None and len(colours) > 8, f"{label} looks blank"
            assert max(colours)[0] < 0.95 * sum(count for count, _ in colours), f"{label} is nearly one colour"
            found = text_problems(app.window)
            if found:
                problems[label] = found
            seen.append(label)

    assert len(seen) == 14
    assert not problems, f"text problems (screenshots in {shots}):\n" + "\n".join(
        f"{name}: {problem}" for name, found in problems.items() for problem in found
    )
    assert app.warnings == []
