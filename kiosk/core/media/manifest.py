"""The JSON manifests that let a build step skip what is already up to date.

Every step that writes files (the art generator, the renditions, the icon masks, the proof) keeps beside its
outputs a JSON object recording what each was made from. Reading one is tolerant: a missing, truncated or
hand-broken manifest reads as empty, so the step redoes its work instead of failing. Writing one is atomic, so a
run killed half-way leaves the previous manifest, never half of one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.core.media.atomic import write_text_atomic


def load_document(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None when it is missing, unreadable or not an object."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save_document(path: Path, document: Mapping[str, Any]) -> None:
    write_text_atomic(Path(path), json.dumps(document, indent=1, sort_keys=True) + "\n")


def load_entries(path: Path, key: str, *, stamp: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The records under ``key`` (name -> record object); empty when there are none or, given a ``stamp``, when
    the manifest does not carry the same values (written by another version of its format)."""
    document = load_document(path)
    if document is None or any(document.get(name) != value for name, value in (stamp or {}).items()):
        return {}
    entries = document.get(key)
    if not isinstance(entries, dict):
        return {}
    return {name: record for name, record in entries.items() if isinstance(record, dict)}


def save_entries(path: Path, key: str, entries: Mapping[str, Mapping[str, Any]],
                 *, stamp: Mapping[str, Any] | None = None) -> None:
    save_document(path, {**(stamp or {}), key: dict(sorted(entries.items()))})


def is_current(out_dir: Path, name: str, entry: Mapping[str, Any] | None, wanted: str) -> bool:
    """Whether output ``name`` in ``out_dir`` is what its manifest ``entry`` says, made from the inputs ``wanted``
    (their hash), and still the size it was written at (a file replaced or cut short on disk is made again)."""
    if not entry or entry.get("inputs") != wanted:
        return False
    try:
        return (out_dir / name).stat().st_size == entry.get("bytes")
    except OSError:
        return False
