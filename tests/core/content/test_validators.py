"""The content validators' schema kept across runs (kiosk.core.content.validators): a later run that validates builds
its validators from the kept schema without pydantic and reports exactly what a run that built them from the model
reports; a stale or damaged file is built again."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import write_content
from problemkit import write_many_mistakes

from kiosk.core.content import loader, model, validators
from kiosk.core.content.problems import ContentError


@pytest.fixture
def kept(tmp_path: Path):
    file = tmp_path / "data" / "content-validators.pickle"
    validators.keep_validators_in(file)
    yield file
    validators.keep_validators_in(None)


@pytest.fixture
def no_schema_building(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("pydantic read the content model again")

    return lambda: monkeypatch.setattr(model, "adapter", refuse)


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        loader.load_content(root)
    return [str(problem) for problem in caught.value.problems]


def test_a_later_run_builds_the_validators_from_the_kept_schema(tmp_path, kept, no_schema_building) -> None:
    root = write_content(tmp_path / "content")
    first = loader.load_content(root)
    assert kept.is_file()

    validators.keep_validators_in(kept)  # a new run: nothing in memory but the file
    no_schema_building()
    assert loader.load_content(root) == first


def test_kept_validators_report_every_mistake_as_built_ones_do(tmp_path, kept) -> None:
    root = tmp_path / "content"
    seeded = write_many_mistakes(root)
    validators.keep_validators_in(None)
    built = problems_of(root)

    validators.keep_validators_in(kept)
    problems_of(root)  # builds and keeps
    validators.keep_validators_in(kept)
    from_kept = problems_of(root)

    assert from_kept == built
    assert len(from_kept) >= len(seeded)


def test_a_change_to_the_model_code_builds_them_again(tmp_path, kept, monkeypatch) -> None:
    root = write_content(tmp_path / "content")
    loader.load_content(root)
    monkeypatch.setattr(validators, "__version__", "another build of the kiosk")
    validators.keep_validators_in(kept)
    built: list[object] = []
    real = model.adapter
    monkeypatch.setattr(model, "adapter", lambda annotation: built.append(annotation) or real(annotation))

    loader.load_content(root)

    assert set(built) == set(validators.FILE_MODELS)
    validators.keep_validators_in(kept)
    monkeypatch.setattr(model, "adapter", lambda _annotation: pytest.fail("the rewritten file was not used"))
    loader.load_content(root)


def test_a_damaged_file_is_logged_and_replaced(tmp_path, kept, caplog) -> None:
    root = write_content(tmp_path / "content")
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"not a pickle")

    with caplog.at_level(logging.WARNING, logger="kiosk.core.content.validators"):
        loader.load_content(root)

    assert "could not be read" in caplog.text
    validators.keep_validators_in(kept)
    assert validators._kept_schemas(validators._stamp()) is not None


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path, caplog) -> None:
    root = write_content(tmp_path / "content")
    (tmp_path / "a-file").write_text("")
    validators.keep_validators_in(tmp_path / "a-file" / "content-validators.pickle")
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.core.content.validators"):
            assert loader.load_content(root).exhibit is not None
    finally:
        validators.keep_validators_in(None)
    assert "could not keep the content validators" in caplog.text


VALIDATE_IN_A_FRESH_PROCESS = """
import json, sys
from pathlib import Path
from kiosk.core.content import loader, validators

validators.keep_validators_in(Path(sys.argv[1]))
content = loader.load_content(Path(sys.argv[2]))
print(json.dumps({"chapters": len(content.chapters), "pydantic": "pydantic" in sys.modules}))
"""


def test_a_validating_start_with_kept_validators_does_not_import_pydantic(tmp_path, kept) -> None:
    # pydantic's schema builder costs a validating start ~115 ms (docs/performance.md); pydantic-core is enough
    root = write_content(tmp_path / "content")
    chapters = len(loader.load_content(root).chapters)

    done = subprocess.run(
        [sys.executable, "-c", VALIDATE_IN_A_FRESH_PROCESS, str(kept), str(root)],
        capture_output=True, text=True, timeout=60, check=True,
    )

    assert json.loads(done.stdout) == {"chapters": chapters, "pydantic": False}
