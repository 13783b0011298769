"""Fixtures of the presentation tests: a small exhibit, the shipped one, and the check that a view holds only
plain values (what QML can show)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from contentkit import write_content

from kiosk import paths
from kiosk.core.content.exhibit import Content
from kiosk.core.content.loader import load_content

SCALARS = (str, int, float, bool)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = write_content(tmp_path_factory.mktemp("content"))
    return load_content(root, media_roots=[root / "media"])


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content(paths.bundled_content_dir())


def _assert_plain(value: object) -> None:
    if isinstance(value, list):
        for entry in value:
            _assert_plain(entry)
    elif isinstance(value, dict):
        for inner in value.values():
            _assert_plain(inner)
    else:
        assert isinstance(value, SCALARS), value


@pytest.fixture
def assert_plain() -> Callable[[object], None]:
    return _assert_plain
