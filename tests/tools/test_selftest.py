"""``kiosk self-test`` on the test exhibit: every screen rendered and checked, and each kind of failure named."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk import paths
from kiosk.core.content.loader import load_content
from kiosk.qt.offscreen import choose_platform, has_display, use_offscreen
from kiosk.tools import selftest


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path: Path, monkeypatch) -> None:
    """No developer's kiosk.toml or log folder takes part; the self-test writes a probe into the log folder."""
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    for name in ("KIOSK_CONFIG", "KIOSK_CONTENT_DIR", "KIOSK_LOG_DIR"):
        monkeypatch.delenv(name, raising=False)


def args_for(content: Path) -> argparse.Namespace:
    return argparse.Namespace(content=content, config=None, size=(1280, 720), offscreen=True, screenshots=None)


def run(content_root: Path, **options) -> selftest.Report:
    report = selftest.Report()
    options.setdefault("settle_seconds", 0.05)
    options.setdefault("size", (1280, 720))
    selftest.run_checks(report, content_dir=content_root, **options)
    return report


def test_the_test_exhibit_passes_and_every_screen_is_checked(qapp, content_root: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    report = run(content_root, screenshots=shots)
    assert report.ok, "\n".join(c.line() for c in report.failed)
    names = [c.name for c in report.checks]
    content = load_content(content_root)
    slides = [f"screen chapter/{c.id}/{i}" for c in content.chapters for i in range(len(c.slides))]
    assert len(slides) >= 5
    for name in ["content", "images", "fonts", "interface", "screen attract", "screen home", *slides]:
        assert name in names
    fonts = next(c for c in report.checks if c.name == "fonts")
    assert fonts.detail == "PT Sans, PT Serif, PT Mono"
    assert (shots / "chapter_one_0.png").is_file()
    assert len(list(shots.glob("*.png"))) == len([n for n in names if n.startswith("screen ")])


def test_broken_content_fails_with_its_problems(qapp, content_root: Path) -> None:
    exhibit = content_root / "exhibit.json"
    data = json.loads(exhibit.read_text(encoding="utf-8"))
    data["chapters"].append("missing")
    exhibit.write_text(json.dumps(data), encoding="utf-8")
    report = run(content_root)
    assert not report.ok
    failed = report.failed[0]
    assert failed.name == "content"
    assert "no chapter file chapters/missing.json" in failed.detail


def test_missing_typefaces_fail(qapp, content_root: Path, tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(paths, "fonts_dirs", lambda: [empty])
    report = run(content_root)
    assert [c.name for c in report.failed] == ["fonts"]
    assert "not registered: PT Sans, PT Serif, PT Mono" in report.failed[0].detail


def test_an_image_that_disappeared_after_loading_is_named(content_root: Path) -> None:
    content = load_content(content_root, media_roots=[content_root / "media"])
    assert selftest.missing_images(content) == ([], 1)
    (content_root / "media" / "photos" / "paper.png").unlink()
    assert selftest.missing_images(content) == (["photos/paper.png"], 1)


def test_blank_frames_are_told_from_drawn_ones(qapp) -> None:
    frame = QImage(640, 360, QImage.Format.Format_RGB32)
    frame.fill(QColor("#1b1a17"))
    assert "blank: 100.0% of the frame is #1b1a17" in (selftest.blank_reason(frame) or "")
    painter = QPainter(frame)
    painter.setPen(QColor("#efe6d2"))
    painter.setFont(painter.font())
    painter.drawText(frame.rect(), Qt.AlignmentFlag.AlignCenter, "The Testament\nA letter to the Congress")
    painter.fillRect(20, 300, 600, 40, QColor("#7e1a1f"))
    painter.end()
    assert selftest.blank_reason(frame) is None
    assert selftest.blank_reason(QImage()) == "nothing was rendered (empty frame)"


def test_the_command_prints_each_check_and_exits_0(qapp, content_root: Path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(selftest.run_checks.__kwdefaults__, "settle_seconds", 0.05)
    assert selftest.main(args_for(content_root)) == 0
    out = capsys.readouterr().out
    assert "ok    screen chapter/two/1" in out
    assert out.rstrip().splitlines()[-1].startswith("self-test passed:")


def test_the_command_exits_1_and_lists_what_failed(qapp, tmp_path: Path, capsys) -> None:
    assert selftest.main(args_for(tmp_path / "nowhere")) == 1
    out = capsys.readouterr().out
    assert "self-test FAILED: 1 of" in out
    assert "the content folder does not exist" in out


def test_offscreen_is_chosen_without_a_display() -> None:
    environ: dict[str, str] = {}
    assert choose_platform(False, environ) == ("offscreen" if not has_display(environ) else None)
    forced: dict[str, str] = {"DISPLAY": ":0"}
    assert choose_platform(True, forced) == "offscreen"
    assert forced["QT_QPA_PLATFORM"] == "offscreen"
    assert forced["QT_QUICK_BACKEND"] == "software"


def test_offscreen_keeps_a_platform_the_caller_chose_when_asked_to() -> None:
    chosen = {"QT_QPA_PLATFORM": "xcb", "QT_QUICK_BACKEND": "opengl"}
    use_offscreen(chosen, keep_chosen=True)
    assert chosen == {"QT_QPA_PLATFORM": "xcb", "QT_QUICK_BACKEND": "opengl"}
    use_offscreen(chosen)
    assert chosen == {"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "opengl"}
