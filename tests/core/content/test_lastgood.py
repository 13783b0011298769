"""A bad edit of external content: the kiosk runs on the last good copy, else on the bundled default."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from contentkit import retitle, write_content

from kiosk.core.content import lastgood
from kiosk.core.content.lastgood import MARKER, LastGoodStore, load_with_fallback
from kiosk.core.content.loader import load_content
from kiosk.core.content.problems import ContentError


def load(root: Path):
    return load_content(root, media_roots=[root / "media"])


def break_content(root: Path) -> None:
    exhibit = root / "exhibit.json"
    data = json.loads(exhibit.read_text(encoding="utf-8"))
    data["chapters"].append("no-such-chapter")
    exhibit.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path):
    bundled = write_content(tmp_path / "bundled")
    retitle(bundled, "Bundled")
    external = write_content(tmp_path / "external")
    retitle(external, "External, first edit")
    store = LastGoodStore(tmp_path / "data" / "last-good-content")
    return bundled, external, store


def start(external: Path, bundled: Path, store: LastGoodStore):
    """What the kiosk does at every start."""
    return load_with_fallback(external, bundled=bundled, store=store, load=load)


def test_valid_external_content_is_used_and_kept(folders) -> None:
    bundled, external, store = folders
    content = start(external, bundled, store)
    assert content.root == external
    assert store.available() == store.directory
    info = store.info()
    assert info["source"] == str(external.resolve())
    assert info["content_hash"] == content.content_hash
    assert (store.directory / "exhibit.json").read_bytes() == (external / "exhibit.json").read_bytes()
    assert (store.directory / "media" / "photos" / "paper.png").is_file()  # curators' media come along


def test_broken_external_content_falls_back_to_the_last_good_copy(folders, caplog) -> None:
    bundled, external, store = folders
    start(external, bundled, store)
    break_content(external)
    with caplog.at_level(logging.WARNING):
        content = start(external, bundled, store)
    assert content.root == store.directory
    assert content.exhibit.title.root["en"] == "External, first edit"
    text = caplog.text
    assert "configured content in" in text and "no-such-chapter" in text  # why, with the problem found
    assert "running on the last good copy" in text
    # the broken folder did not replace the good copy
    assert "no-such-chapter" not in (store.directory / "exhibit.json").read_text(encoding="utf-8")


def test_without_a_last_good_copy_it_falls_back_to_the_bundled_default(folders, caplog) -> None:
    bundled, external, store = folders
    break_content(external)
    with caplog.at_level(logging.WARNING):
        content = start(external, bundled, store)
    assert content.root == bundled
    assert "running on the bundled default content" in caplog.text


def test_a_broken_last_good_copy_falls_back_to_the_bundled_default(folders) -> None:
    bundled, external, store = folders
    start(external, bundled, store)
    break_content(external)
    break_content(store.directory)  # someone edited the copy by hand
    assert start(external, bundled, store).root == bundled


def test_when_nothing_loads_the_last_error_is_raised(folders) -> None:
    bundled, external, store = folders
    break_content(external)
    break_content(bundled)
    with pytest.raises(ContentError):
        start(external, bundled, store)


def test_a_fixed_edit_replaces_the_copy(folders) -> None:
    bundled, external, store = folders
    start(external, bundled, store)
    retitle(external, "External, second edit")
    os.utime(external / "exhibit.json", ns=(1, 2_000_000_000_000_000_000))  # a different mtime for sure
    assert start(external, bundled, store).root == external
    assert "second edit" in (store.directory / "exhibit.json").read_text(encoding="utf-8")
    assert not list(store.directory.parent.glob(".last-good-content*")), "no leftovers beside the copy"


def test_an_unchanged_folder_is_not_copied_again(folders) -> None:
    bundled, external, store = folders
    start(external, bundled, store)
    assert store.remember(external) is False


def test_bundled_content_is_never_copied(folders) -> None:
    bundled, _external, store = folders
    assert start(bundled, bundled, store).root == bundled
    assert store.available() is None


def test_a_copy_interrupted_mid_write_is_cleaned_up_and_the_old_copy_survives(folders) -> None:
    bundled, external, store = folders
    start(external, bundled, store)
    # kill -9 during a later save: a half-written temporary folder without its marker
    half = store.directory.parent / ".last-good-content.tmp-999-dead"
    (half / "chapters").mkdir(parents=True)
    (half / "exhibit.json").write_text("{", encoding="utf-8")
    break_content(external)
    content = start(external, bundled, store)
    assert content.root == store.directory
    assert not half.exists()


def test_killed_between_the_two_renames_the_old_copy_is_put_back(folders) -> None:
    bundled, external, store = folders
    start(external, bundled, store)
    aside = store.directory.parent / ".last-good-content.old-999-dead"
    os.replace(store.directory, aside)  # the first rename happened, the second did not
    break_content(external)
    assert start(external, bundled, store).root == store.directory
    assert (store.directory / MARKER).is_file()
    assert not aside.exists()


def test_a_full_disk_while_keeping_the_copy_does_not_stop_the_kiosk(folders, monkeypatch, caplog) -> None:
    bundled, external, store = folders

    def no_space(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lastgood.shutil, "copytree", no_space)
    assert start(external, bundled, store).root == external
    assert "could not keep a last good copy" in caplog.text
    assert store.available() is None
