"""kiosk media generate: names, determinism, incremental runs, the facsimile layout, atomic writes."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli.media import register
from kiosk.core.media import atomic, facsimile, generate

ROOT = Path(__file__).resolve().parents[3]
TESTAMENT = ROOT / "content" / "sources" / "testament.en.txt"
TESTAMENT_DOCUMENT = ROOT / "content" / "documents" / "testament.json"
SMALL = 0.06  # tiny renders keep these tests fast; the layout is checked at full size separately

PEOPLE = {
    "people": [
        {"id": "lenin", "name": {"en": "Vladimir Lenin", "ru": "Владимир Ленин"}, "years": "1870–1924"},
        {"id": "krupskaya", "name": {"en": "Nadezhda Krupskaya", "ru": "Надежда Крупская"}, "years": "1869–1939"},
    ]
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "testament.en.txt").write_text(TESTAMENT.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "people.json").write_text(json.dumps(PEOPLE, ensure_ascii=False), encoding="utf-8")
    (root / "documents").mkdir()
    (root / "documents" / "testament.json").write_text(TESTAMENT_DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def run(content: Path, out: Path, **kw) -> generate.Report:
    kw.setdefault("size_factor", SMALL)
    kw.setdefault("jobs", 1)
    return generate.generate(content, out, **kw)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


EXPECTED = {
    *(f"facsimile/{lang}/{name}" for lang in ("en", "ru")
      for name in ("testament-page-1.jpg", "testament-page-2.jpg", "layout.json")),
    *(f"chapters/{c}.jpg" for c in ("introduction", "dictation", "the-reading", "suppression", "myth-and-document")),
    *(f"motifs/{m}.jpg" for m in ("typewriter", "locked-drawer", "council-of-elders", "delegations", "pravda",
                                  "newspaper-1926", "copies", "six-words", "kremlin", "exile", "stenographer",
                                  "letter-national-question")),
    "placard/placard-1927-en.jpg", "placard/placard-1927-ru.jpg",
    *(f"portraits/{p}-{lang}.jpg" for p in ("lenin", "krupskaya") for lang in ("en", "ru")),
    "attract/attract-1.jpg", "attract/attract-2.jpg", "attract/attract-3.jpg",
    "slots/kremlin-study.jpg", "slots/congress-hall.jpg", "slots/plenum-1926.jpg",
}

FULL_SIZES = {
    "facsimile/ru/testament-page-1.jpg": (2480, 3508),
    "chapters/dictation.jpg": (3840, 2160),
    "motifs/kremlin.jpg": (2400, 1800),
    "placard/placard-1927-ru.jpg": (2400, 3200),
    "portraits/lenin-ru.jpg": (1800, 1800),
    "attract/attract-2.jpg": (4800, 2160),
    "slots/congress-hall.jpg": (2400, 1800),
}


def test_the_output_names_and_full_sizes_are_the_contract(content: Path) -> None:
    specs = {s.name: s for s in generate.specs_for(content, lambda _m: None)}
    assert set(specs) == EXPECTED
    for name, size in FULL_SIZES.items():
        assert specs[name].size() == size


def test_generating_twice_gives_identical_bytes_and_everything_is_drawn(content: Path, tmp_path: Path) -> None:
    first = run(content, tmp_path / "a", jobs=2)  # across worker processes ...
    second = run(content, tmp_path / "b", jobs=1)  # ... and in-process: the same bytes either way
    assert first.ok and second.ok, first.errors + second.errors
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert set(a) == EXPECTED | {"manifest.json"}
    assert a == b
    with Image.open(tmp_path / "a" / "chapters" / "dictation.jpg") as img:
        assert img.size == (round(3840 * SMALL), round(2160 * SMALL))
        assert img.mode == "RGB"


def test_a_second_run_draws_nothing_and_a_changed_input_redraws_only_its_outputs(content: Path,
                                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(content, out).ok
    again = run(content, out)
    assert again.generated == []
    assert len(again.current) == len(EXPECTED)

    people = json.loads((content / "people.json").read_text(encoding="utf-8"))
    people["people"][1]["years"] = "1869–1939 (changed)"
    (content / "people.json").write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    assert sorted(run(content, out).generated) == ["portraits/krupskaya-en.jpg", "portraits/krupskaya-ru.jpg"]

    text = content / "sources" / "testament.en.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an edited text
    os.utime(text, None)
    redrawn = run(content, out).generated
    assert sorted(redrawn) == ["facsimile/en/layout.json", "facsimile/en/testament-page-1.jpg",
                               "facsimile/en/testament-page-2.jpg"]

    (out / "motifs" / "exile.jpg").unlink()
    assert run(content, out).generated == ["motifs/exile.jpg"]

    assert len(run(content, out, force=True, only=["motifs/*"]).generated) == 12


def test_a_person_removed_from_people_json_loses_the_portrait(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(content, out, only=["portraits/*"]).ok
    assert (out / "portraits" / "krupskaya-ru.jpg").is_file()
    (content / "people.json").write_text(json.dumps({"people": PEOPLE["people"][:1]}), encoding="utf-8")
    report = run(content, out, only=["portraits/*", "slots/*"])
    assert report.removed == []  # a partial run never deletes
    report = run(content, out)
    assert report.removed == ["portraits/krupskaya-en.jpg", "portraits/krupskaya-ru.jpg"]
    assert not (out / "portraits" / "krupskaya-ru.jpg").exists()
    assert "portraits/krupskaya-ru.jpg" not in json.loads((out / "manifest.json").read_text())["outputs"]


@pytest.mark.parametrize("people", [None, "{not json", '{"people": 3}', '{"people": [{"id": "x"}]}'])
def test_a_missing_or_broken_people_json_generates_no_portraits_and_warns(content: Path, tmp_path: Path,
                                                                           people: str | None) -> None:
    if people is None:
        (content / "people.json").unlink()
    else:
        (content / "people.json").write_text(people, encoding="utf-8")
    report = run(content, tmp_path / "out", only=["portraits/*", "slots/*"])
    assert report.ok
    assert sorted(report.generated) == ["slots/congress-hall.jpg", "slots/kremlin-study.jpg", "slots/plenum-1926.jpg"]
    assert any("people.json" in w for w in report.warnings)


def test_the_facsimile_layout_at_real_size() -> None:
    text = TESTAMENT.read_text(encoding="utf-8")
    paragraphs = facsimile.paragraphs_of(text)
    layout = facsimile.layout_for_text(text)
    doc = facsimile.layout_document(layout, facsimile.PAGE_SIZE, ["p1", "p2"], "sources/testament.en.txt")
    assert [p["page"] for p in doc["pages"]] == [1, 2]
    boxes = {int(k): v for k, v in doc["paragraphs"].items()}
    assert sorted(boxes) == list(range(len(paragraphs)))  # every paragraph once, on one page
    dates = [i for i, p in enumerate(paragraphs) if facsimile.is_date_line(p)]
    assert [paragraphs[i] for i in dates] == ["December 25, 1922", "January 4, 1923"]
    letter_date, ps_date = dates
    assert boxes[0]["page"] == 1
    assert boxes[letter_date]["page"] == 2 and boxes[letter_date - 1]["page"] == 2  # the letter ends on page 2
    assert boxes[letter_date + 1]["page"] == 2 and boxes[ps_date]["page"] == 2  # postscript and its date too
    assert sum(1 for b in boxes.values() if b["page"] == 1) >= 4  # page 1 is really used
    width, height = facsimile.PAGE_SIZE
    right_edges = []
    for page in (1, 2):
        on_page = sorted((b for b in boxes.values() if b["page"] == page), key=lambda b: b["y"])
        for upper, lower in itertools.pairwise(on_page):
            assert upper["y"] + upper["h"] <= lower["y"]  # in reading order, never overlapping
        for b in on_page:
            assert b["x"] > 0 and b["x"] + b["w"] < width and b["y"] > 0 and b["y"] + b["h"] < height
            right_edges.append(b["x"] + b["w"])
    # the dates are typed flush right, at the text's right edge
    assert boxes[letter_date]["x"] + boxes[letter_date]["w"] >= max(right_edges) - layout.advance * 1.5
    assert boxes[ps_date]["x"] > width / 2
    # legible: at least 10 pt type at 300 dpi (~42 px em), 45-75 characters per line
    assert layout.font_size >= 42 and 45 <= layout.columns <= 75
    per_page = {p["page"]: p["paragraphs"] for p in doc["pages"]}
    assert [b["index"] for b in per_page[1]] == [i for i in sorted(boxes) if boxes[i]["page"] == 1]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_layout_json_matches_the_generated_pages(content: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "out"
    assert run(content, out, only=["facsimile/*"]).ok
    doc = json.loads((out / "facsimile" / lang / "layout.json").read_text(encoding="utf-8"))
    # the Russian typescript is typed from the document's translation, whose blocks the layout carries
    assert ("blocks" in doc) == (lang != "en")
    for page in doc["pages"]:
        assert page["src"] == f"generated/facsimile/{lang}/testament-page-{page['page']}.jpg"
        with Image.open(out / "facsimile" / lang / f"testament-page-{page['page']}.jpg") as img:
            assert img.size == (page["width"], page["height"])
        for box in page["paragraphs"]:
            assert box["x"] + box["w"] <= page["width"] and box["y"] + box["h"] <= page["height"]


def test_the_cli_generates_and_returns_an_exit_code(content: Path, tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    out = tmp_path / "cli"
    args = parser.parse_args(["media", "generate", "--content", str(content), "--out", str(out), "--jobs", "1",
                              "--only", "slots/*", "--size-factor", str(SMALL)])
    assert args.func(args) == 0
    assert (out / "slots" / "kremlin-study.jpg").is_file()
    (content / "sources" / "testament.en.txt").unlink()
    args = parser.parse_args(["media", "generate", "--content", str(content), "--out", str(out), "--jobs", "1",
                              "--only", "slots/*", "--size-factor", str(SMALL)])
    assert args.func(args) == 0  # a missing testament only warns; nothing asked for failed


def test_atomic_writes_leave_nothing_behind_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.png"

    def half_then_fail(fh) -> None:
        fh.write(b"\x89PNG half a file")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic.write_atomic(target, half_then_fail)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no temporary file either

    atomic.write_bytes_atomic(target, b"old")
    with pytest.raises(RuntimeError):
        atomic.write_atomic(target, half_then_fail)
    assert target.read_bytes() == b"old"  # the previous version survives

    class Exploding:
        def save(self, fh, format, **kw):
            fh.write(b"partial")
            raise OSError("encoder failed")

    with pytest.raises(OSError):
        atomic.save_image_atomic(Exploding(), target, "PNG")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.png"]


def test_a_failing_output_is_reported_and_the_others_still_drawn(content: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.core.media import motifs

    def broken(_c) -> None:
        raise RuntimeError("drawing bug")

    monkeypatch.setitem(motifs.COMPOSERS, "exile", broken)
    report = run(content, tmp_path / "out", only=["motifs/*"])
    assert len(report.errors) == 1 and report.errors[0].startswith("motifs/exile.jpg: RuntimeError")
    assert len(report.generated) == 11
    assert not (tmp_path / "out" / "motifs" / "exile.jpg").exists()
    assert "motifs/exile.jpg" not in json.loads((tmp_path / "out" / "manifest.json").read_text())["outputs"]


def test_the_media_core_never_imports_qt() -> None:
    code = (
        "import sys\n"
        "import kiosk.core.media.generate, kiosk.core.media.build, kiosk.cli.media\n"
        "import kiosk.core.media.chapters, kiosk.core.media.motifs, kiosk.core.media.placard\n"
        "import kiosk.core.media.portraits, kiosk.core.media.attract, kiosk.core.media.placeholders\n"
        "import kiosk.core.media.facsimile_job, kiosk.core.media.bench\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtawesome', 'qtpy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
