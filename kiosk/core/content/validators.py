"""The validators that check each content file against its class of the content model, kept across runs.

pydantic turns the model's classes and their rules into a schema for pydantic-core, which builds the validator
from it. Reading the 35 classes costs a validating start ~90 ms and importing pydantic's schema builder ~25 ms;
building the validators from the finished schema costs ~2 ms (docs/performance.md). The schema is plain data
that names the model's own classes and functions, so once :func:`keep_validators_in` has named a file, it is
kept there, and a later run that validates (a start after the content changed, a reload, ``kiosk validate``)
builds its validators from it without importing pydantic at all.

The file is used while its stamp holds: the code that defines the model (the kiosk's version and, in a
checkout, the model's source), the Python version (pickles follow it) and the versions of pydantic and
pydantic-core that made the schema. Anything else builds the schema again and rewrites
the file. Only what validation needs is kept: the parts of the schema that describe JSON Schema output or
serialization (which hold pydantic's own functions) are left out; ``kiosk schema`` builds its own. Like the
content snapshot, the file is a pickle written atomically into the kiosk's own data folder and trusted as the
kiosk wrote it; trouble reading or writing it is logged and only costs the time of building the schema.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.core.content import kept, model

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

log = logging.getLogger(__name__)


# the classes at the top of content files, whose validators are built and kept together (load_content uses all)
FILE_MODELS: tuple[type[model.ContentFile], ...] = (
    model.ExhibitFile,
    model.StringsFile,
    model.TimelineFile,
    model.PeopleFile,
    model.SourcesFile,
    model.DocumentFile,
    model.ChapterFile,
)

# keys of pydantic-core's schema that validation never reads: JSON Schema hints and serializers
_NOT_FOR_VALIDATION = frozenset({"metadata", "serialization"})

_kept_in: Path | None = None
_VALIDATORS: dict[type, SchemaValidator] = {}


def keep_validators_in(file: Path | None) -> None:
    """Keep the validators' schema in ``file`` across runs (None: build it in every run). ``kiosk run`` uses the
    user data folder."""
    global _kept_in
    _kept_in = file
    _VALIDATORS.clear()


def validator(file_model: type[model.ContentFile]) -> SchemaValidator:
    """pydantic-core's validator for one of :data:`FILE_MODELS`, built on first use from the kept schema when it
    still holds, else from the model."""
    if file_model not in _VALIDATORS:
        from pydantic_core import SchemaValidator

        stamp = _stamp()
        schemas = _kept_schemas(stamp) or _built_schemas(stamp)
        _VALIDATORS.update({m: SchemaValidator(schemas[m.__name__]) for m in FILE_MODELS})
    return _VALIDATORS[file_model]


def _stamp() -> str:
    """What the kept schema depends on: the model's code and the versions of what built it."""
    import pydantic_core

    # pydantic itself is not imported (that is what keeping the schema saves): its installed file stands for it
    spec = importlib.util.find_spec("pydantic")
    sources = (Path(model.__file__), Path(spec.origin) if spec is not None and spec.origin else None)
    files = [_file_stamp(source) for source in sources if source is not None and source.is_file()]  # none if frozen
    return "\0".join([__version__, sys.version, pydantic_core.__version__, *files])


def _file_stamp(file: Path) -> str:
    status = file.stat()
    return f"{file}:{status.st_size}:{status.st_mtime_ns}"


def _kept_schemas(stamp: str) -> dict[str, Any] | None:
    if _kept_in is None:
        return None
    schemas = kept.read(_kept_in, stamp, "the content validators", log)
    return schemas if isinstance(schemas, dict) and set(schemas) == _names() else None


def _built_schemas(stamp: str) -> dict[str, Any]:
    schemas = {m.__name__: _for_validation(model.adapter(m).core_schema) for m in FILE_MODELS}
    if _kept_in is not None:
        kept.write(_kept_in, stamp, schemas, "the content validators", log)
    return schemas


def _names() -> set[str]:
    return {m.__name__ for m in FILE_MODELS}


def _for_validation(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {key: _for_validation(value) for key, value in schema.items() if key not in _NOT_FOR_VALIDATION}
    if isinstance(schema, list):
        return [_for_validation(item) for item in schema]
    return schema
