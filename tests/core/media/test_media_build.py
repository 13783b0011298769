"""kiosk media build: renditions, orientation, treatment, incremental runs, bad files, best_rendition."""

from __future__ import annotations

import argparse
import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli.media import register
from kiosk.core.content.model import Treatment, TreatmentStyle
from kiosk.core.media import build as builder
from kiosk.core.media.progress import Progress


def photo(path: Path, size: tuple[int, int], colour=(90, 140, 200), fmt: str | None = None, **save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.new("RGB", size, colour)
    img.paste((220, 40, 30), (0, 0, size[0] // 4, size[1] // 4))  # a red top-left corner, to check rotation
    img.save(path, fmt, **save)
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return tmp_path / "content"


@pytest.fixture
def photos(content: Path) -> Path:
    folder = content / "media" / "photos"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def media(tmp_path: Path) -> Path:
    return tmp_path / "media"


def build(content: Path, media: Path, **kw) -> builder.BuildReport:
    kw.setdefault("jobs", 1)
    kw.setdefault("progress", False)
    return builder.build(media, content_dir=content, **kw)


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as img:
        return img.size


def test_renditions_at_each_width_jpeg_for_opaque_images_png_for_alpha(content, photos, media):
    photo(photos / "kremlin-1923.jpg", (4000, 2000))
    rgba = Image.new("RGBA", (2000, 1000), (10, 20, 30, 0))
    rgba.paste((200, 0, 0, 255), (0, 0, 500, 500))
    (photos / "sub").mkdir()
    rgba.save(photos / "sub" / "cut-out.png")
    (media / "generated" / "chapters").mkdir(parents=True)
    photo(media / "generated" / "chapters" / "dictation.jpg", (3840, 2160))
    (media / "generated" / "manifest.json").write_text("{}")  # not an image: ignored in generated/

    report = build(content, media)
    assert report.ok, report.errors
    assert sorted(report.built) == ["generated/chapters/dictation.jpg", "photos/kremlin-1923.jpg",
                                    "photos/sub/cut-out.png"]
    r = media / "renditions"
    assert size_of(r / "photos/kremlin-1923/w3840.jpg") == (3840, 1920)
    assert size_of(r / "photos/kremlin-1923/w1920.jpg") == (1920, 960)
    assert size_of(r / "photos/kremlin-1923/thumb480.jpg") == (480, 240)
    assert sorted(p.name for p in (r / "photos/sub/cut-out").iterdir()) == ["thumb480.png", "w1920.png", "w3840.png"]
    assert size_of(r / "photos/sub/cut-out/w3840.png") == (2000, 1000)  # its own width, not upscaled
    with Image.open(r / "photos/sub/cut-out/w1920.png") as img:
        assert img.mode == "RGBA" and img.getpixel((0, 0))[3] == 255 and img.getpixel((1900, 900))[3] == 0
    assert sorted(p.name for p in (r / "generated/chapters/dictation").iterdir()) == [
        "thumb480.jpg", "w1920.jpg", "w3840.jpg"]
    # a JPEG at its own size is copied, not encoded a second time
    assert (r / "generated/chapters/dictation/w3840.jpg").read_bytes() == (
        media / "generated/chapters/dictation.jpg").read_bytes()
    assert report.warnings == [f"{photos / 'sub' / 'cut-out.png'}: would look blurry at 3840 px: source is "
                               "2000 px wide"]


def test_exif_orientation_is_applied(content, photos, media):
    img = Image.new("RGB", (600, 400), (90, 140, 200))
    img.paste((220, 40, 30), (0, 0, 150, 100))  # red in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    img.save(photos / "turned.jpg", exif=exif.tobytes())
    assert build(content, media).ok
    out = media / "renditions" / "photos" / "turned" / "thumb480.jpg"
    with Image.open(out) as shown:
        assert shown.size == (400, 600)  # portrait now (not upscaled: the source is 400 px wide)
        red, green, _blue = shown.getpixel((shown.width - 20, 20))  # the corner moved to the top right
        assert red > 180 and green < 90


def test_a_narrow_source_is_reported_and_never_upscaled(content, photos, media):
    photo(photos / "small.jpg", (1600, 1200))
    report = build(content, media)
    assert report.ok
    assert report.warnings == [f"{photos / 'small.jpg'}: would look blurry at 3840 px: source is 1600 px wide"]
    folder = media / "renditions" / "photos" / "small"
    assert sorted(p.name for p in folder.iterdir()) == ["thumb480.jpg", "w1920.jpg"]  # w1920 at 1600 px
    assert size_of(folder / "w1920.jpg") == (1600, 1200)
    # the warning is repeated on later runs, which have nothing to build
    again = build(content, media)
    assert again.built == [] and again.warnings == report.warnings


def _png_claiming(width: int, height: int) -> bytes:
    """A real little PNG whose header claims another size (a decompression bomb, as far as the header goes)."""
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = 8 + 8  # signature, then length + "IHDR"
    data[ihdr:ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:ihdr + 13])) & 0xFFFFFFFF
    data[ihdr + 13:ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def test_each_bad_file_gets_one_line_naming_it_and_the_others_still_build(content, photos, media):
    good = photo(photos / "good.jpg", (800, 600))
    photo(photos / "tmp.jpg", (800, 600), quality=95)
    whole = (photos / "tmp.jpg").read_bytes()
    (photos / "tmp.jpg").unlink()
    (photos / "truncated.jpg").write_bytes(whole[: len(whole) // 2])
    (photos / "empty.jpg").write_bytes(b"")
    (photos / "notes.png").write_text("this is not a picture, just text renamed .png")
    (photos / "huge.png").write_bytes(_png_claiming(20000, 20000))
    Image.new("P", (10, 10)).save(photos / "anim.gif")
    photo(photos / "disguised.tif", (64, 64), fmt="GIF")  # a GIF with a TIFF name

    report = build(content, media)
    assert report.built == ["photos/good.jpg"]
    by_name = {Path(line.split(": ", 1)[0]).name: line for line in report.errors}
    assert set(by_name) == {"truncated.jpg", "empty.jpg", "notes.png", "huge.png", "anim.gif", "disguised.tif"}
    assert "damaged or truncated" in by_name["truncated.jpg"]
    assert "empty (0 bytes)" in by_name["empty.jpg"]
    assert "not an image" in by_name["notes.png"]
    assert "20000×20000" in by_name["huge.png"] and "over the limit of 100 MP" in by_name["huge.png"]
    assert "unsupported file type .gif" in by_name["anim.gif"]
    assert "unsupported image format GIF" in by_name["disguised.tif"]
    assert all("\n" not in line for line in report.errors)
    assert size_of(media / "renditions" / "photos" / "good" / "w1920.jpg") == (800, 600)  # not upscaled
    assert not (media / "renditions" / "photos" / "good" / "w3840.jpg").exists()
    assert good.is_file()
    # no partial renditions of the bad files
    assert sorted(p.name for p in (media / "renditions" / "photos").iterdir()) == ["good"]


def test_the_pixel_limit_is_checked_before_decoding(content, photos, media, monkeypatch):
    photo(photos / "big.png", (300, 300))
    loads = []
    monkeypatch.setattr(Image.Image, "load", lambda self: loads.append(1) or None)
    report = build(content, media, max_pixels=50_000)
    assert loads == [] and "90000" not in report.errors[0] and "300×300" in report.errors[0]


def test_the_cli_exit_code_is_non_zero_when_a_file_is_bad(content, photos, media):
    photo(photos / "ok.jpg", (500, 400))
    (photos / "empty.jpg").write_bytes(b"")
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["media", "build", "--content", str(content), "--out", str(media), "--jobs", "2"])
    assert args.func(args) == 1
    assert (media / "renditions" / "photos" / "ok" / "thumb480.jpg").is_file()
    (photos / "empty.jpg").unlink()
    assert args.func(args) == 0


def test_a_noop_rebuild_neither_decodes_nor_hashes(content, photos, media, monkeypatch):
    for i in range(3):
        photo(photos / f"p{i}.jpg", (700, 500), colour=(i * 40, 100, 100))
    assert build(content, media).ok

    def forbidden(*_a, **_k):
        raise AssertionError("a no-op rebuild must not open or hash images")

    monkeypatch.setattr(builder.Image, "open", forbidden)
    monkeypatch.setattr(builder, "file_hash", forbidden)
    again = build(content, media)
    assert again.built == [] and sorted(again.current) == ["photos/p0.jpg", "photos/p1.jpg", "photos/p2.jpg"]


def test_a_noop_rebuild_of_100_images_takes_under_half_a_second(content, photos, media):
    for i in range(100):
        Image.new("RGB", (32, 24), (i, 50, 50)).save(photos / f"p{i:03d}.jpg")
    assert build(content, media, jobs=2).ok
    start = time.perf_counter()
    again = build(content, media, jobs=2)
    assert len(again.current) == 100 and again.built == []
    assert time.perf_counter() - start < 0.5


def test_touched_but_identical_is_not_rebuilt_and_changed_is(content, photos, media):
    a = photo(photos / "a.jpg", (600, 400))
    photo(photos / "b.jpg", (600, 400))
    assert build(content, media).ok
    later = time.time() + 5
    os.utime(a, (later, later))
    assert build(content, media).built == []  # same bytes: hashed once, no rebuild
    assert build(content, media).built == []
    photo(photos / "a.jpg", (600, 400), colour=(10, 10, 10))
    assert build(content, media).built == ["photos/a.jpg"]
    (media / "renditions" / "photos" / "b" / "thumb480.jpg").unlink()
    assert build(content, media).built == ["photos/b.jpg"]


def test_treatment_is_applied_and_a_changed_treatment_rebuilds(content, photos, media):
    photo(photos / "street.jpg", (960, 640), colour=(40, 90, 200))
    assert build(content, media).ok
    plain = media / "renditions" / "photos" / "street" / "thumb480.jpg"
    with Image.open(plain) as img:
        r, g, b = img.getpixel((400, 300))
        assert b > r  # untreated blue
    sepia = {"photos/street.jpg": Treatment(style=TreatmentStyle.SEPIA, grain=0.0, vignette=0.0)}
    report = build(content, media, treatments_by_src=sepia)
    assert report.built == ["photos/street.jpg"]
    with Image.open(plain) as img:
        r, g, b = img.getpixel((400, 300))
        assert r > g > b  # warm sepia
    assert build(content, media, treatments_by_src=sepia).built == []
    duotone = {"photos/street.jpg": Treatment(style=TreatmentStyle.DUOTONE, strength=0.5)}
    assert build(content, media, treatments_by_src=duotone).built == ["photos/street.jpg"]


def test_treatments_are_read_from_the_content_json(content, photos):
    (content / "chapters").mkdir(parents=True)
    (content / "chapters" / "x.json").write_text(
        '{"slides": [{"image": {"src": "photos/a.jpg", "treatment": {"style": "duotone", "grain": 0.3}}},'
        ' {"image": {"src": "photos/b.jpg"}}, {"image": {"src": "photos/c.jpg", "treatment": {"style": "x"}}}]}')
    found = builder.treatments_from_content(content)
    assert found == {"photos/a.jpg": Treatment(style=TreatmentStyle.DUOTONE, grain=0.3)}


def test_renditions_of_removed_sources_are_removed(content, photos, media):
    gone = photo(photos / "gone.jpg", (600, 400))
    photo(photos / "kept.jpg", (600, 400))
    assert build(content, media).ok
    gone.unlink()
    report = build(content, media)
    assert report.removed == ["photos/gone.jpg"]
    assert not (media / "renditions" / "photos" / "gone").exists()
    assert (media / "renditions" / "photos" / "kept").is_dir()


def test_a_source_saved_in_another_format_keeps_its_renditions(content, photos, media):
    old = photo(photos / "poster.png", (600, 400))
    assert build(content, media).ok
    old.unlink()
    photo(photos / "poster.jpg", (600, 400))  # same name, now JPEG: the same renditions folder
    report = build(content, media)
    assert report.built == ["photos/poster.jpg"] and report.removed == ["photos/poster.png"]
    assert sorted(p.name for p in (media / "renditions" / "photos" / "poster").iterdir()) == [
        "thumb480.jpg", "w1920.jpg"]


def test_a_failure_while_writing_leaves_no_partial_rendition(content, photos, media, monkeypatch):
    photo(photos / "a.jpg", (2000, 1000))
    real_save = Image.Image.save

    def failing_save(self, fp, format=None, **params):
        if self.width == 1920:
            fp.write(b"\xff\xd8 partial")
            raise OSError("disk full")
        return real_save(self, fp, format, **params)

    monkeypatch.setattr(Image.Image, "save", failing_save)
    report = build(content, media)
    assert report.errors == [f"{photos / 'a.jpg'}: failed: OSError: disk full"]
    folder = media / "renditions" / "photos" / "a"
    assert not (folder / "w1920.jpg").exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    assert build(content, media).built == ["photos/a.jpg"]  # not remembered as done


def test_best_rendition_picks_the_smallest_wide_enough(content, photos, media):
    photo(photos / "wide.jpg", (4000, 2000))
    assert build(content, media).ok
    r = media / "renditions" / "photos" / "wide"
    assert builder.best_rendition(media, "photos/wide.jpg", 300) == r / "thumb480.jpg"
    assert builder.best_rendition(media, "photos/wide.jpg", 480) == r / "thumb480.jpg"
    assert builder.best_rendition(media, "photos/wide.jpg", 481) == r / "w1920.jpg"
    assert builder.best_rendition(media, "photos/wide.jpg", 2500) == r / "w3840.jpg"
    assert builder.best_rendition(media, "photos/none.jpg", 300) == media / "photos" / "none.jpg"
    # across roots: a rendition anywhere beats an original anywhere
    assert builder.resolve([content / "media", media], "photos/wide.jpg", 300) == r / "thumb480.jpg"
    # wider than the top tier (a 4K pan), or the widest asked for: the original, not the top tier enlarged
    original = photos / "wide.jpg"
    assert builder.resolve([content / "media", media], "photos/wide.jpg", 5200) == original
    assert builder.resolve([content / "media", media], "photos/wide.jpg", 0) == original
    assert builder.best_rendition(media, "photos/wide.jpg", 5200) == r / "w3840.jpg"  # no original in media/
    # a source narrower than the top tier: its widest rendition is as wide as the original
    photo(photos / "narrow.jpg", (1000, 500))
    assert build(content, media).ok
    assert builder.resolve([content / "media", media], "photos/narrow.jpg", 5200) == (
        media / "renditions" / "photos" / "narrow" / "w1920.jpg")
    photo(content / "media" / "photos" / "raw.jpg", (100, 100))
    assert builder.resolve([media, content / "media"], "photos/raw.jpg", 300) == content / "media/photos/raw.jpg"
    assert builder.resolve([media], "photos/missing.jpg", 300) is None


def test_the_progress_bar_counts_and_estimates():
    stream = io.StringIO()
    bar = Progress(3, "media build", enabled=True, stream=stream)
    for _ in range(3):
        bar.advance()
    bar.close()
    text = stream.getvalue()
    assert "0/3" in text and "3/3" in text and "ETA" in text and text.endswith("\n")
    quiet = io.StringIO()
    Progress(3, "x", stream=quiet).advance()  # not a terminal: silent
    assert quiet.getvalue() == ""
