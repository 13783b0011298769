"""Helpers for tests that break content on purpose: load it, pick out one problem, and say where it should be.

Expected positions are computed from the JSON text that was written (``position_of``), never hard-coded, so a
change to how ``contentkit`` lays the files out does not break the tests, but a wrong line or column does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


# --- many mistakes at once ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    """A mistake planted in test content: where it must be reported and what must be said."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def format(self) -> str:
        """The line ``kiosk validate`` prints for it (without the indent)."""
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


MISQUOTE = "Stalin is too crude, and this fault"


def _plant(data: dict[str, dict]) -> None:
    one, two = data["chapters/one.json"], data["chapters/two.json"]
    one["titel"] = one.pop("title")  # an unknown key: the chapter fails its schema ...
    one["image"]["src"] = "../../../etc/passwd"  # ... and is still checked for everything else
    one["summary"].pop("ru")
    narrative, quote = one["slides"]
    narrative["heading"]["en"] = "x" * 71
    narrative["people"].append("trotsky")
    narrative["image"]["captoin"] = {"en": "A typed sheet"}
    quote["quote"]["text"]["en"] = MISQUOTE
    two["slides"][0]["paragraphs"].append("ps-9")
    exhibit = data["exhibit.json"]
    exhibit["subtitel"] = exhibit.pop("subtitle")  # a broken exhibit.json hides nothing elsewhere
    data["people.json"]["people"][0]["bio"].pop("ru")
    event = data["timeline.json"]["events"][0]
    event["date"] = "1924-02-30"
    event["people"].append("nobody")
    data["documents/testament.json"]["parts"][0]["paragraphs"][0]["mentions"][0]["text"]["ru"] = "Сталина"


def write_many_mistakes(root: Path) -> list[Seeded]:
    """The minimal exhibit with mistakes of every kind, most of them in chapters/one.json, written into ``root``;
    returns every error that must be reported, each at its place, and nothing else."""
    data = files()
    _plant(data)
    write_content(root, data)

    def at(file: str, field: str, message: str, position: tuple[int, int]) -> Seeded:
        return Seeded(file, *position, field, message)

    one, two = root / "chapters/one.json", root / "chapters/two.json"
    return [
        at("chapters/one.json", "titel", "unknown field 'titel' (did you mean 'title'?)", position_of(one, '"titel"')),
        at("chapters/one.json", "title", "the required field 'title' is missing", (1, 1)),
        at("chapters/one.json", "summary", "the 'ru' text is missing", value_after_key(one, "summary")),
        at(
            "chapters/one.json",
            "image.src",
            "the path leaves the media folder ('..' is not allowed)",
            position_of(one, '"../../../etc/passwd"'),
        ),
        at(
            "chapters/one.json",
            "slides[0].heading.en",
            "71 characters; the limit is 70",
            position_of(one, '"' + "x" * 71 + '"'),
        ),
        at(
            "chapters/one.json",
            "slides[0].image.captoin",
            "unknown field 'captoin' (did you mean 'caption'?)",
            position_of(one, '"captoin"'),
        ),
        at(
            "chapters/one.json",
            "slides[0].people[1]",
            "no person with id 'trotsky' in people.json",
            position_of(one, '"trotsky"'),
        ),
        at(
            "chapters/one.json",
            "slides[1].quote.text.en",
            "quote is not verbatim in source 'testament': differs from the source after "
            "\u201c\u2026Stalin is too\u201d: the quote has \u201ccrude, and this fault\u201d "
            "where the source has \u201crude, and this fault, entirely\u201d",
            position_of(one, f'"{MISQUOTE}"'),
        ),
        at(
            "chapters/two.json",
            "slides[0].paragraphs[1]",
            "no paragraph 'ps-9' in 'testament'",
            position_of(two, '"ps-9"'),
        ),
        at(
            "exhibit.json",
            "subtitel",
            "unknown field 'subtitel' (did you mean 'subtitle'?)",
            position_of(root / "exhibit.json", '"subtitel"'),
        ),
        at("exhibit.json", "subtitle", "the required field 'subtitle' is missing", (1, 1)),
        at("people.json", "people[0].bio", "the 'ru' text is missing", value_after_key(root / "people.json", "bio")),
        at(
            "timeline.json",
            "events[0].date",
            "'1924-02-30' is not a real date (day is out of range for month)",
            position_of(root / "timeline.json", '"1924-02-30"'),
        ),
        at(
            "timeline.json",
            "events[0].people[1]",
            "no person with id 'nobody' in people.json",
            position_of(root / "timeline.json", '"nobody"'),
        ),
        at(
            "documents/testament.json",
            "parts[0].paragraphs[0].mentions[0].text.ru",
            "\u201cСталина\u201d does not appear in the paragraph's 'ru' text",
            position_of(root / "documents/testament.json", '"Сталина"'),
        ),
    ]
