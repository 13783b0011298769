"""Code compiled from text kept from one start to the next (kiosk.core.ops.codecache): what comes back from the cache
behaves as what Python compiles, and whatever is wrong with the cache only costs the compiling again."""

from __future__ import annotations

import dataclasses
import inspect
import marshal
import sys
from pathlib import Path

import pytest

from kiosk.core.ops.codecache import CodeCache, dataclass_methods


def point_class(**options: bool) -> type:
    """The same frozen dataclass each time it is called with the same options, built as a start builds the kiosk's
    (field types given as types, a default, a default factory, a keyword-only field, a check after init)."""

    def check(self) -> None:
        if self.x < 0:
            raise ValueError("x must not be negative")

    return dataclasses.make_dataclass(
        "Point",
        [
            ("x", int),
            ("y", int, dataclasses.field(default=0)),
            ("tags", tuple, dataclasses.field(default_factory=tuple)),
            ("label", str, dataclasses.field(default="", kw_only=True)),
        ],
        frozen=True,
        namespace={"__post_init__": check},
        **options,
    )


def described(cls: type) -> tuple:
    """What a class's generated methods do, as values to compare."""
    point = cls(1, 2, label="a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5
    with pytest.raises(ValueError, match="negative"):
        cls(-1)
    return (
        repr(point),
        point == cls(1, 2, label="a"),
        point == cls(1, 3, label="a"),
        hash(point) == hash(cls(1, 2, label="a")),
        cls(1, tags=(3,)).tags,
        str(inspect.signature(cls)),
        cls.__init__.__annotations__,
    )


def test_a_dataclass_made_through_the_cache_behaves_as_one_made_without(tmp_path: Path) -> None:
    plain = described(point_class())
    first = CodeCache(tmp_path / "code")
    with dataclass_methods(first):
        made_first = described(point_class())
    second = CodeCache(tmp_path / "code")
    with dataclass_methods(second):
        made_again = described(point_class())
    assert first.compiled >= 5 and second.compiled == 0
    assert made_first == plain and made_again == plain
    # the types themselves, not their names as strings (this module's `from __future__ import annotations` is not
    # passed on to what the cache compiles)
    assert plain[-1] == {"x": int, "y": int, "tags": tuple, "label": str, "return": None}


def test_the_block_leaves_dataclasses_as_it_found_it(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), dataclass_methods(CodeCache(tmp_path / "code")):
        point_class()
        raise RuntimeError("a start that fails half-way")
    assert "exec" not in vars(dataclasses)
    assert (tmp_path / "code").is_file()  # what was compiled before the failure is kept all the same


def test_only_what_changed_is_compiled_again_and_only_what_is_used_is_kept(tmp_path: Path) -> None:
    cache_file = tmp_path / "code"
    with dataclass_methods(CodeCache(cache_file)):
        point_class()
    kept_before = set(marshal.loads(cache_file.read_bytes())[1])
    changed = CodeCache(cache_file)
    with dataclass_methods(changed):
        point_class(order=True, repr=False)  # four comparisons more, no __repr__
    kept_after = set(marshal.loads(cache_file.read_bytes())[1])
    assert changed.compiled == 4
    assert len(kept_after - kept_before) == 4 and len(kept_before - kept_after) == 1


@pytest.mark.parametrize(
    "junk",
    [b"", b"\x00not marshal at all", marshal.dumps(("2.7.18 (another Python)", {})), marshal.dumps(42)],
    ids=["empty", "not marshal", "another Python", "not a cache"],
)
def test_a_broken_or_foreign_file_is_compiled_again_and_replaced(tmp_path: Path, junk: bytes) -> None:
    cache_file = tmp_path / "code"
    cache_file.write_bytes(junk)
    first = CodeCache(cache_file)
    with dataclass_methods(first):
        point_class()
    assert first.compiled >= 5
    assert marshal.loads(cache_file.read_bytes())[0] == sys.version
    again = CodeCache(cache_file)
    with dataclass_methods(again):
        point_class()
    assert again.compiled == 0


def test_a_place_that_cannot_be_written_only_costs_the_compiling(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    for _ in range(2):
        cache = CodeCache(blocked / "code")
        with dataclass_methods(cache):
            point_class()
        assert cache.compiled >= 5
    assert [p.name for p in tmp_path.iterdir()] == [blocked.name]


def test_an_installed_build_never_writes_its_cache(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "code", keep=False)
    with dataclass_methods(cache):
        point_class()
    assert cache.compiled >= 5 and not (tmp_path / "code").exists()
