"""Whatever a curator (or a broken disk) does to the content files, the loader answers with ContentError.

Hypothesis mutates the minimal valid exhibit: deletes keys at any depth, replaces values with the wrong type,
random text, huge numbers or nested junk, truncates a file at a random byte, fills one with random bytes, or
swaps it for ``[]``/``null``. The loader must never raise anything but ContentError, and every problem it
reports must be located (a file, line and column ≥ 1, inside the file) and say something.

Each example writes its own fresh folder (``tempfile``), because pytest's function-scoped ``tmp_path`` is shared
by all the examples of one test.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from contentkit import files, write_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.content.loader import load_content
from kiosk.core.content.problems import ContentError, Problem

BASE = files()
JSON_FILES = sorted(BASE)
# Files fuzzed as bytes besides the JSON. The source text stays ASCII (truncated, never filled with random bytes):
# a non-UTF-8 source text is a known crash, tested on its own in test_validation_errors.
PNG = "media/photos/paper.png"

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout; a failure prints its reproduction blob
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def all_paths(node: object, path: tuple = ()) -> list[tuple]:
    """Every key/index path in a JSON document, outermost first."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += all_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += all_paths(value, (*path, index))
    return found


def container_and_key(document: object, path: tuple) -> tuple[object, object]:
    node = document
    for part in path[:-1]:
        node = node[part]  # type: ignore[index]
    return node, path[-1]


short_text = st.text(max_size=40)  # long enough to break things, short of OS file-name limits (a separate test)
junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.sampled_from([10**300, -(10**300), 1e308, -1e308, 2**63, 0.1, -0.0])
    | st.floats(allow_nan=False, allow_infinity=False)
    | short_text
    | st.sampled_from(["", " ", "1924-02-30", "../x.png", "https://x", "one/narrative", "stalin", "testament"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(short_text, children, max_size=4),
    max_leaves=12,
)


@st.composite
def json_edit(draw: st.DrawFn, data: dict[str, object]) -> str:
    """Edit one JSON document in ``data`` in place; returns a description for the failure report."""
    # A file that earlier edits emptied ({}) has nothing left to edit.
    editable = {relpath: [p for p in all_paths(data[relpath]) if p] for relpath in JSON_FILES}
    relpath = draw(st.sampled_from([relpath for relpath, paths in editable.items() if paths]))
    document = data[relpath]
    path = draw(st.sampled_from(editable[relpath]))
    container, key = container_and_key(document, path)
    action = draw(st.sampled_from(["delete", "replace", "replace"]))
    if action == "delete":
        del container[key]  # type: ignore[attr-defined]
    else:
        container[key] = draw(junk)  # type: ignore[index]
    return f"{action} {relpath} {path}"


@st.composite
def file_edit(draw: st.DrawFn) -> tuple[str, str, bytes | None]:
    """(relative path, action, argument) applied to the written files."""
    relpath = draw(st.sampled_from([*JSON_FILES, PNG, "sources/testament.en.txt"]))
    choices = ["truncate", "swap"] if relpath.endswith(".txt") else ["truncate", "bytes", "swap", "remove"]
    action = draw(st.sampled_from(choices))
    if action == "bytes":
        return relpath, action, draw(st.binary(max_size=200))
    if action == "swap":
        replacement = "[]" if relpath.endswith(".txt") else draw(st.sampled_from(["[]", "null", "{}", '""', "0", "{"]))
        return relpath, action, replacement.encode()
    return relpath, action, None


def apply_file_edit(root: Path, edit: tuple[str, str, bytes | None], cut: float) -> None:
    relpath, action, argument = edit
    path = root / relpath
    if action == "remove":
        path.unlink()
    elif action == "truncate":
        raw = path.read_bytes()
        path.write_bytes(raw[: int(len(raw) * cut)])
    else:
        assert argument is not None
        path.write_bytes(argument)


def assert_located(problem: Problem, root: Path) -> None:
    assert problem.file, problem
    assert problem.line >= 1, problem
    assert problem.column >= 1, problem
    assert problem.message.strip(), problem
    path = root / problem.file
    if path.is_file():
        raw = path.read_bytes()
        assert problem.line <= raw.count(b"\n") + 1, f"line beyond the end of the file: {problem}"
    # The report must be printable as a curator reads it.
    assert problem.format().startswith(f"{problem.file}:{problem.line}:{problem.column}:")


def load_and_check(root: Path) -> None:
    try:
        content = load_content(root, media_roots=[root / "media"])
    except ContentError as exc:
        assert exc.errors, "ContentError without any error"
        problems = exc.problems
    else:
        problems = list(content.warnings)
    for problem in problems:
        assert_located(problem, root)


@FUZZ
@given(st.data())
def test_mutated_values_only_ever_raise_content_error(data: st.DataObject) -> None:
    documents = json.loads(json.dumps(BASE))
    edits = [data.draw(json_edit(documents)) for _ in range(data.draw(st.integers(1, 3)))]
    del edits  # shown by hypothesis in the falsifying example anyway
    with tempfile.TemporaryDirectory() as folder:
        root = write_content(Path(folder), documents)
        load_and_check(root)


@FUZZ
@given(edit=file_edit(), cut=st.floats(min_value=0, max_value=1))
def test_damaged_files_only_ever_raise_content_error(edit: tuple[str, str, bytes | None], cut: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_content(Path(folder), files())
        apply_file_edit(root, edit, cut)
        load_and_check(root)


@FUZZ
@given(
    relpath=st.sampled_from(JSON_FILES),
    position=st.floats(min_value=0, max_value=1),
    insert=st.sampled_from([",", "}", "]", "{", "[", '"', ":", "//", "\n", "\u00a0", "'", "\\", "tru", "0x1", "-"]),
)
def test_one_stray_character_is_located_inside_the_file(relpath: str, position: float, insert: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_content(Path(folder), files())
        path = root / relpath
        text = path.read_text(encoding="utf-8")
        at = int(len(text) * position)
        path.write_text(text[:at] + insert + text[at:], encoding="utf-8")
        load_and_check(root)


def test_the_unmutated_content_loads() -> None:
    # The fuzz tests would pass vacuously if the base content were already broken.
    with tempfile.TemporaryDirectory() as folder:
        root = write_content(Path(folder), files())
        assert load_content(root, media_roots=[root / "media"]).warnings == ()
