"""Problems found in content, and the single exception the loader raises for them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can: file, line, column, field path."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        tag = "" if self.severity is Severity.ERROR else " warning:"
        return f"{where}:{tag}{field} {self.message}"

    def to_json(self) -> dict[str, str | int]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class ContentError(Exception):
    """The content cannot be used. Carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        first = errors[0].format() if errors else "no details"
        super().__init__(f"{len(errors)} content error(s); first: {first}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def format_report(problems: Iterable[Problem]) -> str:
    """Problems grouped by file, one per line, as curators read them in a terminal."""
    lines: list[str] = []
    current = None
    for problem in sorted(problems):
        if problem.file != current:
            if current is not None:
                lines.append("")
            current = problem.file
            lines.append(f"{problem.file}")
        lines.append(f"  {problem.format()}")
    return "\n".join(lines)
