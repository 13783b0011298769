"""The JSON Schemas committed under content/schema/ are the ones the model generates, and every file uses its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.core.content.model import FILE_MODELS
from kiosk.core.content.schema import SCHEMA_DIR_NAME, schema_documents, schema_reference, write_schemas

GENERATED = schema_documents()  # generating them takes a moment; every test compares against this one run
CONTENT = paths.bundled_content_dir()
SCHEMA_DIR = CONTENT / SCHEMA_DIR_NAME


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = SCHEMA_DIR / name
    assert committed.is_file(), f"content/schema/{name} is missing: run `kiosk schema`"
    assert committed.read_text(encoding="utf-8") == GENERATED[name], (
        f"content/schema/{name} is out of date with kiosk/core/content/model.py: "
        "run `kiosk schema` and commit the result"
    )


def test_no_stale_schema_files_are_left_behind() -> None:
    committed = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == set(GENERATED), "content/schema/ holds schemas no model generates: remove them"


def test_one_schema_per_kind_of_file() -> None:
    assert sorted(GENERATED) == sorted(f"{kind}.schema.json" for kind in FILE_MODELS)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schemas_are_draft_2020_12_and_reject_unknown_keys(name: str) -> None:
    schema = json.loads(GENERATED[name])

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == name
    assert schema["type"] == "object"
    # An editor flags a typo such as "titel" only if unknown keys are refused, as the loader does.
    assert schema["additionalProperties"] is False
    assert "$schema" in schema["properties"], "files carry a $schema key, so the schema must allow it"


def test_schemas_carry_the_curator_help_texts() -> None:
    chapter = json.loads(GENERATED["chapter.schema.json"])

    assert chapter["properties"]["id"]["description"] == "Must match the file name (without .json)."
    assert set(chapter["required"]) >= {"id", "title", "slides"}


def content_json_files() -> list[str]:
    if not CONTENT.is_dir():
        return []
    return sorted(
        p.relative_to(CONTENT).as_posix()
        for p in CONTENT.rglob("*.json")
        if p.relative_to(CONTENT).parts[0] != SCHEMA_DIR_NAME
    )


@pytest.mark.parametrize("relpath", content_json_files() or ["(none yet)"])
def test_every_content_file_points_at_its_schema(relpath: str) -> None:
    if relpath == "(none yet)":
        pytest.skip("no content JSON files yet")
    data = json.loads((CONTENT / relpath).read_text(encoding="utf-8"))

    assert isinstance(data, dict), f"content/{relpath} is not a JSON object"
    assert data.get("$schema") == schema_reference(relpath), (
        f'content/{relpath}: set "$schema": "{schema_reference(relpath)}" so editors check it'
    )


@pytest.mark.parametrize("relpath", content_json_files() or ["(none yet)"])
def test_every_schema_reference_resolves_to_a_file(relpath: str) -> None:
    if relpath == "(none yet)":
        pytest.skip("no content JSON files yet")
    target = (CONTENT / relpath).parent / schema_reference(relpath)

    assert target.resolve().is_file()


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        ("exhibit.json", "schema/exhibit.schema.json"),
        ("strings.json", "schema/strings.schema.json"),
        ("timeline.json", "schema/timeline.schema.json"),
        ("people.json", "schema/people.schema.json"),
        ("sources/sources.json", "../schema/sources.schema.json"),
        ("chapters/dictation.json", "../schema/chapter.schema.json"),
        ("documents/testament.json", "../schema/document.schema.json"),
    ],
)
def test_schema_reference(relpath: str, expected: str) -> None:
    assert schema_reference(relpath) == expected


def test_write_schemas_writes_only_what_changed(tmp_path: Path) -> None:
    first = write_schemas(tmp_path)
    assert sorted(p.name for p in first) == sorted(GENERATED)

    assert write_schemas(tmp_path) == []

    (tmp_path / "schema" / "people.schema.json").write_text("{}\n", encoding="utf-8")
    assert [p.name for p in write_schemas(tmp_path)] == ["people.schema.json"]
    assert (tmp_path / "schema" / "people.schema.json").read_text(encoding="utf-8") == GENERATED["people.schema.json"]


def test_schema_generation_is_deterministic() -> None:
    assert schema_documents() == GENERATED
