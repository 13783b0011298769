"""Every path and module the prose names exists: the README, docs/, the packaging guides, the build spec and the
code's own docstrings and comments. Nothing else checks prose, and a reorganization leaves it behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PROSE = [
    REPO / "README.md",
    *sorted((REPO / "docs").glob("*.md")),
    *sorted((REPO / "packaging").rglob("*.md")),
    REPO / "packaging" / "kiosk.spec",
    REPO / "Makefile",
]
CODE = sorted((REPO / "kiosk").rglob("*.py")) + sorted((REPO / "kiosk").rglob("*.qml"))

PATH = re.compile(r"(?<![\w/.~-])kiosk/[\w./*-]*[\w*]")
DOTTED = re.compile(r"(?<![\w/.-])kiosk\.(?:core|qt|tools|cli|app|paths|launcher)(?:\.\w+)*")


def named_paths(text: str) -> set[str]:
    return {match.group(0).rstrip(".") for match in PATH.finditer(text)}


def path_exists(named: str) -> bool:
    if "*" in named:
        return any(REPO.glob(named))
    return (REPO / named).exists()


def module_exists(dotted: str) -> bool:
    """``kiosk.a.b`` is a module or package, or ``kiosk.a.Name`` a name defined in module ``kiosk.a``."""
    parts = dotted.split(".")
    for length in range(len(parts), 0, -1):
        base = REPO.joinpath(*parts[:length])
        module = base.with_suffix(".py") if not base.is_dir() else base / "__init__.py"
        if module.is_file():
            rest = parts[length:]
            if not rest:
                return True
            source = module.read_text(encoding="utf-8")
            name = re.escape(rest[0])
            return re.search(rf"^\s*(?:(?:class|def) {name}\b|{name}\b\s*[:=])", source, re.M) is not None
    return False


def missing_in(files: list[Path]) -> list[str]:
    missing = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        where = file.relative_to(REPO)
        missing += [f"{where}: {path}" for path in sorted(named_paths(text)) if not path_exists(path)]
        dotted = {match.group(0).rstrip(".") for match in DOTTED.finditer(text)}
        missing += [f"{where}: {name}" for name in sorted(dotted) if not module_exists(name)]
    return missing


def test_every_path_and_module_the_docs_name_exists() -> None:
    assert missing_in(PROSE) == []


def test_every_path_and_module_the_code_names_exists() -> None:
    assert missing_in(CODE) == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("see `kiosk/core/content/loader.py`", []),
        ("see `kiosk/core/loader.py`", ["kiosk/core/loader.py"]),
        ("kiosk.core.content.loader.load_content", []),
        ("kiosk.core.content.loader.load_everything", ["kiosk.core.content.loader.load_everything"]),
        ("kiosk.core.views", ["kiosk.core.views"]),
    ],
)
def test_the_check_itself_finds_what_is_missing(tmp_path: Path, text: str, missing: list[str]) -> None:
    note = REPO / "build" / "docs-check-note.md"
    note.parent.mkdir(exist_ok=True)
    note.write_text(text, encoding="utf-8")
    try:
        assert [line.split(": ", 1)[1] for line in missing_in([note])] == missing
    finally:
        note.unlink()
