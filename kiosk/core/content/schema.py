"""JSON Schemas for the content files, generated from the model so editors validate while curators type."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.core.content.model import FILE_MODELS, adapter

SCHEMA_DIR_NAME = "schema"


def schema_documents() -> dict[str, str]:
    """File name -> schema text, exactly as committed under content/schema/."""
    documents = {}
    for name, model in FILE_MODELS.items():
        schema = adapter(model).json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            **schema,
        }
        documents[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return documents


def write_schemas(content_dir: Path) -> list[Path]:
    """Write the schemas into ``content_dir/schema``; returns the files that changed."""
    target = content_dir / SCHEMA_DIR_NAME
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in schema_documents().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def schema_reference(relpath: str) -> str:
    """The "$schema" value a content file at ``relpath`` (relative to the content dir) should carry."""
    depth = relpath.count("/")
    kind = {
        "exhibit.json": "exhibit",
        "strings.json": "strings",
        "timeline.json": "timeline",
        "people.json": "people",
        "sources/sources.json": "sources",
    }.get(relpath) or ("chapter" if relpath.startswith("chapters/") else "document")
    return "../" * depth + f"{SCHEMA_DIR_NAME}/{kind}.schema.json"
