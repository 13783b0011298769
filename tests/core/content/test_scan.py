"""The tolerant raw reader of a content folder (kiosk.core.content.scan): what the tools read from content that
may be mid-edit, and what they skip without failing."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.core.content.scan import chapter_order, content_files, image_objects, read_json


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_read_json_says_why_a_file_gives_nothing(tmp_path: Path) -> None:
    told: list[str] = []

    assert read_json(write(tmp_path / "good.json", '{"a": 1}'), told.append) == {"a": 1}
    assert read_json(tmp_path / "missing.json", told.append) is None
    assert read_json(write(tmp_path / "half.json", '{"a": '), told.append) is None
    (tmp_path / "latin1.json").write_bytes(b'{"a": "\xe9"}')
    assert read_json(tmp_path / "latin1.json", told.append) is None

    assert told[0] == "not found"
    assert [t.split(" (")[0] for t in told[1:]] == ["cannot be read", "cannot be read"]


def test_content_files_skip_the_schemas_and_what_cannot_be_read(tmp_path: Path) -> None:
    write(tmp_path / "exhibit.json", "{}")
    write(tmp_path / "chapters" / "one.json", "[]")
    write(tmp_path / "chapters" / "broken.json", "{")
    write(tmp_path / "schema" / "exhibit.schema.json", "{}")

    assert [p.relative_to(tmp_path).as_posix() for p, _ in content_files(tmp_path)] == [
        "chapters/one.json", "exhibit.json",
    ]


def test_image_objects_are_found_anywhere_with_where_they_are() -> None:
    value = {"image": {"src": "a.jpg"}, "slides": [{"id": "x"}, {"image": {"src": "b.jpg", "credit": {}}}],
             "not_an_image": {"src": 3}}

    assert [(path, image["src"]) for path, image in image_objects(value)] == [
        (("image",), "a.jpg"), (("slides", 1, "image"), "b.jpg"),
    ]


def test_chapter_order_is_empty_when_exhibit_json_cannot_say(tmp_path: Path) -> None:
    assert chapter_order(tmp_path) == []
    write(tmp_path / "exhibit.json", json.dumps({"chapters": "one"}))
    assert chapter_order(tmp_path) == []
    write(tmp_path / "exhibit.json", json.dumps({"chapters": ["one", 2, "two"]}))
    assert chapter_order(tmp_path) == ["one", "two"]
