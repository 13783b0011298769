"""A last good copy whose marker is JSON but not an object is no copy: the kiosk replaces it instead of failing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from contentkit import write_content

from kiosk.core.content.lastgood import MARKER, LastGoodStore, load_with_fallback
from kiosk.core.content.loader import load_content


@pytest.mark.parametrize("marker", ['["saved"]', '"2026-12-06"', "1"])
def test_a_marker_that_is_not_an_object_is_replaced_by_a_new_copy(tmp_path: Path, marker: str) -> None:
    external = write_content(tmp_path / "external")
    store = LastGoodStore(tmp_path / "data" / "last-good-content")
    store.directory.mkdir(parents=True)
    (store.directory / MARKER).write_text(marker, encoding="utf-8")

    content = load_with_fallback(
        external,
        bundled=write_content(tmp_path / "bundled"),
        store=store,
        load=lambda root: load_content(root, media_roots=[root / "media"]),
    )

    assert content.root == external
    info = store.info()
    assert info is not None and info["source"] == str(external.resolve())
    assert json.loads((store.directory / MARKER).read_text(encoding="utf-8"))["content_hash"] == content.content_hash


def test_info_of_a_marker_that_is_not_an_object_is_none(tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "last-good-content")
    store.directory.mkdir()
    (store.directory / MARKER).write_text('["saved"]', encoding="utf-8")
    assert store.info() is None
