"""A start on unchanged content restores the snapshot of what last loaded cleanly; anything its validation looked at
changing means validating again."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import retitle, write_content

from kiosk.core.content import apart, model, snapshot
from kiosk.core.content.problems import ContentError


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = write_content(tmp_path / "content")
    retitle(root, "First edit")
    return root


@pytest.fixture
def load(tmp_path: Path):
    return snapshot.remembering(tmp_path / "data")


@pytest.fixture
def no_validation(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the content was read and validated again")

    return lambda: monkeypatch.setattr(apart, "load", refuse)


@pytest.fixture
def count_validations(monkeypatch):
    """Call to list the folders validated from then on."""

    def start() -> list[Path]:
        calls: list[Path] = []
        validate = apart.load
        monkeypatch.setattr(apart, "load", lambda folder, **kw: calls.append(folder) or validate(folder, **kw))
        return calls

    return start


def test_unchanged_content_is_restored_without_validating_it(content, load, no_validation) -> None:
    first = load(content)
    no_validation()

    again = load(content)

    assert again.exhibit.title.get("en") == "First edit"
    assert again.content_hash == first.content_hash
    assert again.warnings == first.warnings


def test_an_edited_file_is_validated_again(content, load) -> None:
    load(content)
    retitle(content, "Second, longer edit")

    assert load(content).exhibit.title.get("en") == "Second, longer edit"


def test_a_bad_edit_raises_the_problems_instead_of_restoring_the_old_content(content, load) -> None:
    load(content)
    exhibit = content / "exhibit.json"
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace('"chapters": [', '"chapters": ["nowhere", '))

    with pytest.raises(ContentError, match="nowhere"):
        load(content)


def test_a_picture_removed_is_noticed(content, load) -> None:
    load(content)
    (content / "media" / "photos" / "paper.png").unlink()

    with pytest.raises(ContentError, match=r"paper\.png"):
        load(content)


def test_a_picture_replaced_deep_in_the_media_is_noticed(content, load, count_validations) -> None:
    load(content)
    picture = content / "media" / "photos" / "paper.png"
    picture.write_bytes(picture.read_bytes() + b"\0")
    validations = count_validations()

    load(content)

    assert validations == [content]


def test_a_new_version_of_the_kiosk_validates_again(content, load, monkeypatch, count_validations) -> None:
    load(content)
    validations = count_validations()
    monkeypatch.setattr(snapshot, "__version__", "99.0")

    load(content)

    assert validations == [content]


def test_a_damaged_snapshot_means_validating_and_writing_a_good_one(
    content, load, tmp_path, caplog, no_validation
) -> None:
    file = tmp_path / "data" / snapshot.SNAPSHOT_FILE
    file.parent.mkdir(parents=True)
    file.write_bytes(b"\x80\x05 not a pickle")

    with caplog.at_level(logging.WARNING):
        assert load(content).exhibit.title.get("en") == "First edit"
    assert "could not be read" in caplog.text
    no_validation()
    assert load(content).exhibit.title.get("en") == "First edit"


def test_an_unwritable_data_folder_only_costs_the_snapshot(content, tmp_path, caplog) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be")
    load = snapshot.remembering(blocked)

    with caplog.at_level(logging.WARNING):
        assert load(content).exhibit.title.get("en") == "First edit"
    assert "could not keep a content snapshot" in caplog.text


RESTORE_IN_A_FRESH_PROCESS = """
import json, sys
from pathlib import Path
from kiosk.core.content import snapshot

content = snapshot.remembering(Path(sys.argv[1]))(Path(sys.argv[2]))
print(json.dumps({"title": content.exhibit.title.get("en"), "pydantic": "pydantic" in sys.modules,
                  "loader": "kiosk.core.content.loader" in sys.modules}))
"""


def test_a_restore_imports_neither_pydantic_nor_the_loader(content, load, tmp_path) -> None:
    # importing pydantic costs a start ~110 ms and ~19 MB (docs/performance.md): only validating needs it
    load(content)

    done = subprocess.run(
        [sys.executable, "-c", RESTORE_IN_A_FRESH_PROCESS, str(tmp_path / "data"), str(content)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    restored = json.loads(done.stdout)

    assert restored == {"title": "First edit", "pydantic": False, "loader": False}
