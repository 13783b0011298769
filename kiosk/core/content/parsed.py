"""One content file as the loader read it, and how a place in it is named in a problem report.

Both the loader (which reads the files) and the validation (which checks across them) work on
:class:`ParsedFile`, so it lives here, below both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.core.content import jsonpos
from kiosk.core.content.model import ContentFile
from kiosk.core.content.problems import Problem, Severity


@dataclass
class ParsedFile:
    """One content file: where it is, its text with positions, and its model.

    The model is None when the file could not be read as a JSON object. When the schema refused parts of it, the
    model holds the rest, with None in their place, for the other checks to go on (never for the kiosk to show:
    content with errors is not loaded).
    """

    relpath: str
    located: jsonpos.LocatedJson | None = None
    model: ContentFile | None = None

    def problem(
        self,
        path: Sequence[str | int],
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        prefer_key: bool = False,
    ) -> Problem:
        line, column = self.located.locate(tuple(path), prefer_key=prefer_key) if self.located else (1, 1)
        return Problem(self.relpath, line, column, field_path(path), message, severity)


def field_path(path: Iterable[str | int]) -> str:
    """("slides", 2, "body", "ru") -> "slides[2].body.ru"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
