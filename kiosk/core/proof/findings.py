"""Findings of the proof checks (``kiosk proof`` and the curator overlay), and how they are grouped for a report.

A finding is one problem seen on one rendered view, in one language, at one screen shape, traced to the content
field it comes from (file, field path, line) and to the QML file that lays it out. The same problem usually shows
on many views (a button label in the bottom bar) and at several shapes; :func:`group_findings` folds those into
one entry with the list of where it was seen, which is how a curator wants to read it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, TypedDict

ERROR, WARNING = "error", "warning"
LAYOUT_CHECKS = frozenset({"text-size", "touch-target", "reach"})  # caused by the QML layout, not by one content field

# what folds findings into one group: check, severity, file, field without its language, QML file, text
GroupKey = tuple[str, str, str, str, str, str]

# check name -> what it means, for the report's legend
CHECKS: dict[str, str] = {
    "text-fit": "Text cut off (elided), wider than its box, outside the window, or below the fold",
    "text-size": "Text smaller than the minimum physical size (cap height 4 mm captions, 5 mm reading text)",
    "contrast": "Text contrast under 4.5:1 against what is actually behind it (measured on the rendered pixels)",
    "touch-target": "Touch target smaller than 15 mm at this screen's physical size, or not fully on screen",
    "image-blurry": "Image shown larger than its resolution allows",
    "image-missing": "Image file missing or not loadable (the placeholder shows instead)",
    "image-alt": "Image without alternative text for screen readers",
    "image-credit": "Image without a credit line",
    "translation": "Missing translation, or text shown in another language than the visitor chose",
    "render": "The view did not open or rendered blank",
    "reach": "In low reach: a control or text outside 380-1220 mm above the floor (screen size and mounting height)",
    "narration": "A view without spoken narration for some of what it shows, in that language",
}


@dataclass
class Finding:
    check: str
    severity: str
    message: str
    view: str = ""
    language: str = ""
    shape: str = ""  # "1920x1080"
    file: str = ""  # content file the text or image comes from
    field: str = ""  # its field path, e.g. slides[3].heading.ru
    line: int = 0
    column: int = 0
    qml: str = ""  # the QML file that lays the item out
    text: str = ""  # the text concerned (shortened) or the image source
    value: float | None = None  # what was measured: ratio, millimetres, enlargement
    rect: tuple[int, int, int, int] | None = None  # x, y, width, height in the view's pixels
    image: str = ""  # the screenshot (relative to the proof folder)

    @property
    def where(self) -> str:
        if self.file:
            return f"{self.file}:{self.line}:{self.column} {self.field}".rstrip()
        return f"kiosk/qml/{self.qml}" if self.qml else ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rect"] = list(self.rect) if self.rect else None
        return data

    @property
    def base_field(self) -> str:
        """The field path without its language: "slides[3].heading" for en and ru alike."""
        if self.language and self.field.endswith("." + self.language):
            return self.field.rsplit(".", 1)[0]
        return self.field

    def group_key(self) -> GroupKey:
        if self.check in LAYOUT_CHECKS and self.qml:
            # the layout decides (a type size, a button's size): one problem however many texts it shows
            return (self.check, self.severity, "", "", self.qml, self.message)
        base_field = self.field
        if self.language and self.field.endswith("." + self.language):
            base_field = self.field.rsplit(".", 1)[0]
        return (self.check, self.severity, self.file, base_field, self.qml, self.text if not self.file else "")


@dataclass
class FindingGroup:
    check: str
    severity: str
    message: str  # of the first occurrence
    file: str
    field: str  # to a type checker this name hides dataclasses.field below it in the class body
    line: int
    qml: str
    text: str
    occurrences: list[Finding] = dataclasses.field(default_factory=list)

    @property
    def where(self) -> str:
        if self.check in LAYOUT_CHECKS and self.qml and not self.file:
            return f"kiosk/qml/{self.qml}"
        return self.occurrences[0].where if self.occurrences else ""

    @property
    def fields(self) -> list[str]:
        """Every content field the problem shows with ("file:line field", language left out), in order."""
        seen: dict[str, None] = {}
        for finding in self.occurrences:
            if finding.file:
                seen.setdefault(f"{finding.file}:{finding.line} {finding.base_field}", None)
        return list(seen)

    @property
    def worst(self) -> Finding:
        """The occurrence with the most extreme measurement (lowest contrast or size, largest enlargement)."""
        measured = [(f.value, f) for f in self.occurrences if f.value is not None]
        if not measured:
            return self.occurrences[0]
        extreme = max if self.check == "image-blurry" else min
        return extreme(measured, key=lambda pair: pair[0])[1]

    def to_json(self) -> dict[str, Any]:
        worst = self.worst
        return {
            "check": self.check,
            "severity": self.severity,
            "message": worst.message,
            "where": self.where,
            "file": self.file,
            "field": self.field,
            "line": self.line,
            "qml": self.qml,
            "text": self.text,
            "fields": self.fields,
            "count": len(self.occurrences),
            "languages": sorted({f.language for f in self.occurrences if f.language}),
            "shapes": sorted({f.shape for f in self.occurrences if f.shape}),
            "views": sorted({f.view for f in self.occurrences if f.view}),
            "occurrences": [f.to_json() for f in self.occurrences],
        }


def group_findings(findings: Iterable[Finding]) -> list[FindingGroup]:
    """Fold findings of the same problem (same check, content field or QML item) into groups: errors first,
    then by content file and line."""
    groups: dict[GroupKey, FindingGroup] = {}
    for finding in findings:
        key = finding.group_key()
        group = groups.get(key)
        if group is None:
            layout = key[2] == "" and finding.check in LAYOUT_CHECKS
            group = groups[key] = FindingGroup(
                finding.check, finding.severity, finding.message, "" if layout else finding.file,
                "" if layout else key[3], 0 if layout else finding.line, finding.qml,
                finding.text if not layout else "",
            )
        group.occurrences.append(finding)
    order = {ERROR: 0, WARNING: 1}
    return sorted(
        groups.values(),
        key=lambda g: (order.get(g.severity, 2), g.file == "", g.file, g.line, g.check, g.qml, g.text),
    )


class Summary(TypedDict):
    errors: int  # groups, not occurrences
    warnings: int
    occurrences: int
    by_check: dict[str, dict[str, int]]  # check -> severity -> groups


def summary(findings: list[Finding]) -> Summary:
    groups = group_findings(findings)
    by_check: dict[str, dict[str, int]] = {}
    for group in groups:
        counts = by_check.setdefault(group.check, {ERROR: 0, WARNING: 0})
        counts[group.severity] = counts.get(group.severity, 0) + 1
    return {
        "errors": sum(1 for g in groups if g.severity == ERROR),
        "warnings": sum(1 for g in groups if g.severity == WARNING),
        "occurrences": len(findings),
        "by_check": by_check,
    }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
