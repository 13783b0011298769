"""Image checks remembered across runs (kiosk.core.content.imagecheck.remember_checks_in): a sound image is not opened
again while its file is unchanged; an edited file and a broken one always are."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image as PilImage

from kiosk.core.content import imagecheck


@pytest.fixture
def remembered(tmp_path: Path):
    file = tmp_path / "cache" / "image-checks.json"
    imagecheck.remember_checks_in(file)
    imagecheck._check.cache_clear()
    yield file
    imagecheck.remember_checks_in(None)
    imagecheck._check.cache_clear()


def png(path: Path, size=(64, 48)) -> Path:
    PilImage.new("RGB", size, (200, 180, 150)).save(path)
    return path


def opened(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = imagecheck._check.__wrapped__

    def counting(path, *rest):
        calls.append(path)
        return real(path, *rest)

    monkeypatch.setattr(imagecheck, "_check", counting)
    return calls


def a_new_run(file: Path) -> None:
    """What a fresh process sees: nothing in memory, only the file."""
    imagecheck.remember_checks_in(file)


def test_a_sound_image_is_opened_once_across_runs(tmp_path, remembered, monkeypatch):
    image = png(tmp_path / "a.png")
    calls = opened(monkeypatch)
    assert imagecheck.check_image(image) is None
    assert json.loads(remembered.read_text())[str(image)][0] == image.stat().st_size
    a_new_run(remembered)
    assert imagecheck.check_image(image) is None
    assert calls == [str(image)]


def test_an_edited_image_is_checked_again(tmp_path, remembered, monkeypatch):
    image = png(tmp_path / "a.png")
    imagecheck.check_image(image)
    image.write_bytes(b"not an image any more")
    stat = image.stat()
    os.utime(image, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    a_new_run(remembered)
    assert "not an image" in imagecheck.check_image(image)


def test_a_broken_image_is_never_remembered(tmp_path, remembered, monkeypatch):
    broken = tmp_path / "broken.png"
    broken.write_bytes(png(tmp_path / "a.png").read_bytes()[:60])
    assert imagecheck.check_image(broken) is not None
    assert not remembered.exists() or str(broken) not in json.loads(remembered.read_text())
    calls = opened(monkeypatch)
    a_new_run(remembered)
    assert imagecheck.check_image(broken) is not None
    assert calls == [str(broken)]


def test_a_damaged_or_unwritable_cache_file_only_means_checking_again(tmp_path, monkeypatch):
    file = tmp_path / "image-checks.json"
    file.write_text("{ not json")
    imagecheck.remember_checks_in(file)
    try:
        image = png(tmp_path / "a.png")
        assert imagecheck.check_image(image) is None
        assert str(image) in json.loads(file.read_text())
        imagecheck.remember_checks_in(tmp_path / "a.png" / "cannot" / "be" / "here.json")  # a file as a folder
        assert imagecheck.check_image(png(tmp_path / "b.png")) is None
    finally:
        imagecheck.remember_checks_in(None)
