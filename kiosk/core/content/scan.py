"""The content folder read as raw JSON, tolerantly: for the tools that must work on content mid-edit.

The loader (:mod:`kiosk.core.content.loader`) reads content into the model and refuses it whole when anything
is wrong; the tools that only need a part of it (the art generator's people, the renditions' treatments, the
report's chapter order, the proof's text index) take what they can read from here instead, and the validator
reports the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kiosk.core.ops.digest import sha256

JsonPath = tuple[str | int, ...]
EXHIBIT_FILE = "exhibit.json"


def read_json(path: Path, problem: Callable[[str], None] | None = None) -> Any:
    """The JSON value in ``path``; None when the file is missing or cannot be read, which ``problem`` is told."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        if problem:
            problem("not found")
    except (OSError, ValueError) as exc:  # a UnicodeDecodeError and a JSONDecodeError are ValueErrors
        if problem:
            problem(f"cannot be read ({exc})")
    return None


def content_files(content_dir: Path) -> Iterator[tuple[Path, Any]]:
    """Every content file that can be read, with its JSON value, in path order (the generated schemas left out)."""
    for path in sorted(Path(content_dir).rglob("*.json")):
        if "schema" in path.relative_to(content_dir).parts:
            continue
        value = read_json(path)
        if value is not None:
            yield path, value


def image_objects(node: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Every image object in a JSON value (an object with a string ``src``), with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("src"), str):
            yield path, node
        for key, value in node.items():
            yield from image_objects(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from image_objects(value, (*path, index))


def chapter_order(content_dir: Path) -> list[str]:
    """The chapters in story order from ``exhibit.json``; empty when it cannot be read (the report then orders
    chapters by how many visits reached them)."""
    exhibit = read_json(Path(content_dir) / EXHIBIT_FILE)
    chapters = exhibit.get("chapters") if isinstance(exhibit, dict) else None
    return [c for c in chapters if isinstance(c, str)] if isinstance(chapters, list) else []


def content_hash_of_folder(root: Path) -> str:
    """A short fingerprint of the story (JSON and source texts), shown in diagnostics and --version."""
    digest = sha256()
    files = [*root.rglob("*.json"), *root.glob("sources/*.txt")]
    for path in sorted(p for p in files if "schema" not in p.relative_to(root).parts[:1]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
