"""Helpers for tests that break content on purpose: load it, pick out one problem, and say where it should be.

Expected positions are computed from the JSON text that was written (``position_of``), never hard-coded, so a
change to how ``contentkit`` lays the files out does not break the tests, but a wrong line or column does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from contentkit import files, write_content

from kiosk.core.content.loader import load_content
from kiosk.core.content.problems import ContentError, Problem, Severity

Mutation = Callable[[dict[str, dict]], object]
AfterWrite = Callable[[Path], object]


def load_problems(root: Path, **kwargs) -> list[Problem]:
    """Every problem (errors and warnings) that loading ``root`` reports, whether or not it fails."""
    kwargs.setdefault("media_roots", [root / "media"])
    try:
        return list(load_content(root, **kwargs).warnings)
    except ContentError as exc:
        return list(exc.problems)


def broken(root: Path, mutate: Mutation | None = None, after: AfterWrite | None = None, **kwargs) -> list[Problem]:
    """Write the minimal exhibit into ``root`` after ``mutate`` edits its dict, run ``after``, and load it."""
    data = files()
    if mutate is not None:
        mutate(data)
    write_content(root, data)
    if after is not None:
        after(root)
    return load_problems(root, **kwargs)


def errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def the_problem(problems: Sequence[Problem], file: str, field: str) -> Problem:
    """The one problem reported for ``file`` and ``field``; fails listing everything when not exactly one."""
    found = [p for p in problems if p.file == file and p.field == field]
    listing = "\n".join(p.format() for p in problems) or "(no problems)"
    assert len(found) == 1, f"expected one problem at {file} {field!r}, got {len(found)}:\n{listing}"
    return found[0]


def position_of(path: Path, needle: str, nth: int = 0, shift: int = 0, after: str | None = None) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in the file, moved ``shift`` characters.

    With ``after``, occurrences are counted from the first occurrence of that text.
    """
    text = path.read_text(encoding="utf-8")
    offset = text.index(after) if after is not None else -1
    for _ in range(nth + 1):
        offset = text.find(needle, offset + 1)
        assert offset >= 0, f"{needle!r} occurs fewer than {nth + 1} times in {path}"
    offset += shift
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def line_of(path: Path, needle: str, nth: int = 0) -> int:
    return position_of(path, needle, nth)[0]


def value_after_key(path: Path, key: str, nth: int = 0) -> tuple[int, int]:
    """Where the value of the ``nth`` ``"key": value`` in the file starts (json.dumps puts one space after ':')."""
    needle = f'"{key}": '
    return position_of(path, needle, nth, shift=len(needle))


def where(problem: Problem) -> tuple[str, int, int, str]:
    return problem.file, problem.line, problem.column, problem.field
