"""Preview mode: a curator edits the content folder and the running kiosk follows, keeping the visitor's place;
a broken file shows its problems (file and line) over the last good content, and fixing it clears them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from qtkit import find, is_shown, is_text, iter_items, tap, text_of, wait_settled, wait_slide_still

from kiosk import paths
from kiosk.core.content import snapshot
from kiosk.qt.content import install_content_reloading

# a Qt warning (a binding that fails, focus that goes astray) fails the test like a QML warning does
pytestmark = pytest.mark.qt_log_level_fail("WARNING")

RELOAD_MS = 8000  # debounce (300 ms) + a load on a busy 2-core machine, with room to spare


@pytest.fixture
def preview(kiosk_app, content_root: Path, tmp_path: Path, monkeypatch):
    """The kiosk wired as ``kiosk run --preview`` wires it (kiosk.app.run): content validated in a process of its
    own and remembered in the kiosk's data folder (here a scratch one), reloader and folder watcher."""
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data")
    load = snapshot.remembering(tmp_path / "data")
    reloader = install_content_reloading(kiosk_app, content_root, load, preview=True)
    return kiosk_app, reloader


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def on_slide_two_of_chapter_one(qtbot, app) -> None:
    tap(qtbot, app, "exhibitTitle")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "home")
    wait_settled(qtbot, app)
    tap(qtbot, app, "chapterCard_one")
    qtbot.waitUntil(lambda: app.kiosk.visit.screen == "chapter")
    tap(qtbot, app, "nextButton")
    wait_slide_still(qtbot, app.window, 1)


def assert_still_on_slide_two(qtbot, app) -> None:
    kiosk = app.kiosk
    assert (kiosk.visit.screen, kiosk.visit.chapterId, kiosk.visit.slideIndex) == ("chapter", "one", 1)
    wait_slide_still(qtbot, app.window, 1)
    assert text_of(find(qtbot, app.window, "slideProgress")) == "2 of 3"


def test_an_edit_shows_at_once_and_keeps_the_visitors_place(qtbot, preview, content_root) -> None:
    app, _ = preview
    on_slide_two_of_chapter_one(qtbot, app)

    edit_json(content_root / "exhibit.json", lambda data: data["title"].update(en="The Testament, revised"))

    qtbot.waitUntil(lambda: app.kiosk.title == "The Testament, revised", timeout=RELOAD_MS)
    assert app.window.title() == "The Testament, revised"
    assert_still_on_slide_two(qtbot, app)
    assert app.kiosk.contentErrors == ""


def test_an_edited_chapter_title_shows_on_the_open_chapter(qtbot, preview, content_root) -> None:
    app, _ = preview
    on_slide_two_of_chapter_one(qtbot, app)

    edit_json(content_root / "chapters" / "one.json", lambda data: data["title"].update(en="Dictation, revised"))

    title = find(qtbot, app.window, "chapterTitle")
    qtbot.waitUntil(lambda: text_of(title) == "Dictation, revised", timeout=RELOAD_MS)
    assert_still_on_slide_two(qtbot, app)


def test_an_edited_interface_string_shows_on_its_button(qtbot, preview, content_root) -> None:
    app, _ = preview
    on_slide_two_of_chapter_one(qtbot, app)
    label = next(item for item in iter_items(find(qtbot, app.window, "nextButton")) if is_text(item))
    assert text_of(label) == "next"

    edit_json(content_root / "strings.json", lambda data: data["strings"]["next"].update(en="Onwards"))

    qtbot.waitUntil(lambda: text_of(label) == "Onwards", timeout=RELOAD_MS)
    assert_still_on_slide_two(qtbot, app)


def test_broken_json_shows_file_and_line_and_keeps_the_last_good_content(qtbot, preview, content_root) -> None:
    app, _ = preview
    kiosk = app.kiosk
    on_slide_two_of_chapter_one(qtbot, app)
    title_before = kiosk.title
    chapter = content_root / "chapters" / "one.json"
    good = chapter.read_text(encoding="utf-8")
    lines = good.splitlines()
    broken_line = next(n for n, line in enumerate(lines, 1) if '"heading"' in line)
    lines[broken_line - 1] = lines[broken_line - 1].replace('"heading":', '"heading"')  # a missing colon
    chapter.write_text("\n".join(lines) + "\n", encoding="utf-8")

    qtbot.waitUntil(lambda: kiosk.contentErrors != "", timeout=RELOAD_MS)

    errors = kiosk.contentErrors
    assert "chapters/one.json" in errors
    assert re.search(rf"chapters/one\.json:{broken_line}:\d+", errors), errors
    banner = find(qtbot, app.window, "contentErrorBanner")
    assert "chapters/one.json" in text_of(next(item for item in banner.childItems() if item.inherits("QQuickText")))
    assert kiosk.title == title_before
    assert_still_on_slide_two(qtbot, app)

    chapter.write_text(good, encoding="utf-8")

    qtbot.waitUntil(lambda: kiosk.contentErrors == "", timeout=RELOAD_MS)
    qtbot.waitUntil(lambda: not is_shown(app.window, "contentErrorBanner"))
    assert kiosk.title == title_before
    assert_still_on_slide_two(qtbot, app)
