"""Loading an exhibit from a content folder: read, parse, validate, and either return it whole or say why not.

``kiosk validate`` and the running app use the same function, :func:`load_content`. It never returns
content with errors and never raises anything but :class:`ContentError` for bad content, which carries
every problem found (so a curator fixes them all in one round), each located by file, line, column and
field path. A file that fails its schema is not set aside: its readable parts are salvaged and go through every
other check (paths, references, media, quotations, languages, limits) in the same run.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from pydantic_core import ValidationError

from kiosk import paths
from kiosk.core.content import jsonpos
from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    ID_PATTERN,
    ChapterFile,
    ContentFile,
    DocumentFile,
    ExhibitFile,
    PeopleFile,
    Rules,
    SourcesFile,
    Strict,
    StringsFile,
    TimelineFile,
    adapter,
    fields_of,
    unchecked,
)
from kiosk.core.content.parsed import ParsedFile, field_path
from kiosk.core.content.problems import ContentError, Problem, Severity
from kiosk.core.content.scan import content_hash_of_folder
from kiosk.core.content.schema import schema_reference
from kiosk.core.content.validation import validate
from kiosk.core.content.validators import validator

M = TypeVar("M", bound=ContentFile)
S = TypeVar("S", bound=Strict)

MAX_FILE_BYTES = 5_000_000  # a content file larger than this is a mistake (a pasted scan, a log file)


def load_content(
    root: Path,
    *,
    media_roots: Sequence[Path] | None = None,
    sources_dirs: Sequence[Path] = (),
) -> Content:
    """Load and validate the exhibit in ``root``; raise ContentError listing every problem."""
    root = Path(root)
    if media_roots is None:
        media_roots = paths.content_media_roots(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(str(root), 1, 1, "", "the content folder does not exist")])

    exhibit = _read(root, "exhibit.json", ExhibitFile, problems)
    strings = _read(root, "strings.json", StringsFile, problems)
    timeline = _read(root, "timeline.json", TimelineFile, problems)
    people = _read(root, "people.json", PeopleFile, problems)
    sources = _read(root, "sources/sources.json", SourcesFile, problems)
    documents = [
        _read(root, f"documents/{p.name}", DocumentFile, problems) for p in sorted(root.glob("documents/*.json"))
    ]
    chapters = _read_chapters(root, exhibit, problems)
    # Every file is checked, even one that failed its schema (its readable parts), so one run reports everything.
    problems.extend(
        validate(
            root=root,
            exhibit=exhibit,
            strings=strings,
            timeline=timeline,
            people=people,
            sources=sources,
            documents=documents,
            chapters=chapters,
            media_roots=list(media_roots),
            sources_dirs=list(sources_dirs),
        )
    )
    if any(p.severity is Severity.ERROR for p in problems):
        raise ContentError(problems)

    return Content(
        root=root,
        exhibit=_loaded(exhibit, ExhibitFile),
        chapters=tuple(_loaded(c, ChapterFile) for c in chapters),
        documents={d.id: d for d in (_loaded(file, DocumentFile) for file in documents)},
        timeline=_loaded(timeline, TimelineFile),
        people=_loaded(people, PeopleFile),
        strings=_loaded(strings, StringsFile),
        sources=_loaded(sources, SourcesFile),
        media_roots=tuple(media_roots),
        content_hash=content_hash_of_folder(root),
        warnings=tuple(sorted(problems)),
    )


def _loaded(parsed: ParsedFile, model: type[M]) -> M:
    """The model of a file that passed validation (the loader reached the end without an error)."""
    if not isinstance(parsed.model, model):  # validation reports every file it could not read as an error
        raise ContentError([parsed.problem((), f"could not be read as {model.__name__}")])
    return parsed.model


def _read_chapters(root: Path, exhibit: ParsedFile, problems: list[Problem]) -> list[ParsedFile]:
    """The chapters exhibit.json lists, in its order; every chapter file when that list cannot be read whole."""
    listed = getattr(exhibit.model, "chapters", None)
    chapters: dict[str, ParsedFile] = {}
    for index, chapter_id in enumerate(listed or []):
        if chapter_id is None or chapter_id in chapters:
            continue  # an id the schema refused, or a chapter listed twice: both reported
        relpath = f"chapters/{chapter_id}.json"
        if (root / relpath).is_file():
            chapters[chapter_id] = _read(root, relpath, ChapterFile, problems)
        else:
            problems.append(
                exhibit.problem(("chapters", index), f"no chapter file {relpath} for chapter '{chapter_id}'")
            )
    whole_list = listed is not None and None not in listed
    for path in sorted(root.glob("chapters/*.json")):
        if path.stem in chapters:
            continue
        relpath = f"chapters/{path.name}"
        if whole_list:
            message = "this chapter is not listed in exhibit.json 'chapters', so visitors never see it"
            problems.append(Problem(relpath, 1, 1, "", message, Severity.WARNING))
        else:
            chapters[path.stem] = _read(root, relpath, ChapterFile, problems)
    return list(chapters.values())


def _read(root: Path, relpath: str, model: type[ContentFile], problems: list[Problem]) -> ParsedFile:
    parsed = ParsedFile(relpath)
    path = root / relpath
    if not path.is_file():
        problems.append(Problem(relpath, 1, 1, "", "this file is missing"))
        return parsed
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(relpath, 1, 1, "", f"cannot read the file: {exc.strerror or exc}"))
        return parsed
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(relpath, 1, 1, "", f"the file is {len(raw) // 1_000_000} MB: far too large"))
        return parsed
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(relpath, line, column, "", "not UTF-8 text: save the file as UTF-8"))
        return parsed
    try:
        parsed.located = jsonpos.parse(text)
    except jsonpos.JsonSyntaxError as exc:
        line, column = jsonpos.LocatedJson(text=text).line_column(exc.offset)
        problems.append(Problem(relpath, line, column, "", f"JSON syntax: {exc.message}"))
        return parsed
    except RecursionError:
        problems.append(Problem(relpath, 1, 1, "", "JSON syntax: nesting is far too deep"))
        return parsed
    located = parsed.located
    for key_path, offset in located.duplicate_keys:
        line, column = located.line_column(offset)
        problems.append(Problem(relpath, line, column, field_path(key_path), f"the key '{key_path[-1]}' appears twice"))
    if not isinstance(located.value, dict):
        problems.append(parsed.problem((), "the file must hold a JSON object { ... }"))
        return parsed
    expected_schema = schema_reference(relpath)
    if located.value.get("$schema") != expected_schema:
        problems.append(
            parsed.problem(
                ("$schema",),
                f'add "$schema": "{expected_schema}" so your editor checks this file as you type',
                Severity.WARNING,
            )
        )
    # "$schema" is for the curator's editor (checked above), not part of the model
    value = {key: item for key, item in located.value.items() if key != "$schema"}
    try:
        parsed.model = validator(model).validate_python(value)
    except ValidationError as exc:
        problems.extend(_schema_problems(parsed, located.value, exc))
        parsed.model = _salvage_model(model, value)
    return parsed


def _salvage(annotation: object, value: object) -> object:
    """``value`` validated as ``annotation`` as far as it goes: each part the schema refuses becomes None.

    A file that fails its schema is still checked for everything else (paths, references, quotes, languages) in
    the same run; those checks skip the None parts, whose problems the schema has already reported. Lists keep
    their refused items as None so that every index still names the same item as in the file.
    """
    try:
        return adapter(annotation).validate_python(value)
    except ValidationError:
        return _salvage_parts(annotation, value)


def _salvage_parts(annotation: object, value: object) -> object:
    """The readable parts of a ``value`` that ``annotation`` refused as a whole."""
    kind, metadata = annotation, []
    if get_origin(kind) is Annotated:
        kind, *metadata = get_args(kind)
    if get_origin(kind) in (Union, UnionType):
        members = [member for member in get_args(kind) if member is not type(None)]
        tags = (m.field_arguments.get("discriminator") for m in metadata if isinstance(m, Rules))
        tag = next((t for t in tags if isinstance(t, str)), None)
        kind = _tagged_member(members, tag, value) if tag else (members[0] if len(members) == 1 else None)
    if isinstance(kind, type) and issubclass(kind, Strict):
        return _salvage_model(kind, value)
    if get_origin(kind) is list and isinstance(value, list):
        (item,) = get_args(kind)
        return [_salvage(item, v) for v in value]
    if get_origin(kind) is dict and isinstance(value, dict):
        key_type, item = get_args(kind)
        return {k: _salvage(item, v) for k, v in value.items() if _accepts(key_type, k)}
    return None


def _salvage_model(model: type[S], value: object) -> S | None:
    """A ``model`` built without validation from the fields of ``value`` that pass, None for the others."""
    if not isinstance(value, dict):
        return None
    fields: dict[str, object] = {}
    for name, info in fields_of(model).items():
        if name in value:
            fields[name] = _salvage(_field_annotations(model)[name], value[name])
        elif info.default is not dataclasses.MISSING:
            fields[name] = info.default
        elif info.default_factory is not dataclasses.MISSING:
            fields[name] = info.default_factory()
        else:
            fields[name] = None
    return unchecked(model, **fields)


def _tagged_member(members: list[type[Strict]], tag: str, value: object) -> type[Strict] | None:
    """The member of a tagged union that ``value`` names; for an unknown tag, the base they share (a slide's id,
    heading and sources are checked whatever its kind)."""
    for member in members:
        if isinstance(value, dict) and value.get(tag) in get_args(_field_annotations(member)[tag]):
            return member
    return next((base for base in members[0].__mro__ if all(issubclass(m, base) for m in members)), None)


def _accepts(annotation: object, value: object) -> bool:
    try:
        adapter(annotation).validate_python(value)
    except ValidationError:
        return False
    return True


def _field_annotations(model: type[Strict]) -> dict[str, Any]:
    """Each field's type with its rules (pattern, length, range), as pydantic checks it."""
    # Any: an annotation taken apart at run time (get_args) is a type form no static type describes
    if model not in _ANNOTATIONS:
        _ANNOTATIONS[model] = get_type_hints(model, include_extras=True)
    return _ANNOTATIONS[model]


_ANNOTATIONS: dict[type, dict[str, Any]] = {}


# pydantic's names for a key the model does not have, and for one it needs (dataclass fields are keyword-only)
_UNKNOWN_FIELD = ("extra_forbidden", "unexpected_keyword_argument")
_MISSING_FIELD = ("missing", "missing_keyword_only_argument")


def _schema_problems(parsed: ParsedFile, data: object, error: ValidationError) -> list[Problem]:
    """Pydantic's complaints about ``data`` (the file's JSON value), each placed in the file."""
    problems = []
    for detail in error.errors(include_url=False):
        path, exists = _json_path(data, detail["loc"])
        kind = detail["type"]
        if kind in _MISSING_FIELD:
            message = f"the required field '{detail['loc'][-1]}' is missing"
        elif kind in _UNKNOWN_FIELD:
            message = f"unknown field '{path[-1]}'" + _suggestion(str(path[-1]))
        elif kind == "union_tag_invalid":
            context = detail.get("ctx", {})
            message = f"unknown kind {context.get('tag')!r}: expected one of {context.get('expected_tags')}"
            path, exists = (*path, "kind"), True
        elif kind == "union_tag_not_found":
            message = "the field 'kind' is missing (narrative, quote, document or comparison)"
        elif kind == "string_pattern_mismatch" and detail["loc"][-1] == "[key]":
            message = (
                f"{detail['input']!r} is not a valid string name: use lowercase letters, digits and underscores, "
                "starting with a letter"
            )
            problems.append(parsed.problem(path, message, prefer_key=True))
            continue
        elif kind == "string_pattern_mismatch" and detail.get("ctx", {}).get("pattern") == ID_PATTERN:
            message = f"{detail['input']!r} is not a valid id: use lowercase letters, digits and hyphens"
        else:
            message = detail["msg"].replace("Value error, ", "")
        problems.append(parsed.problem(path, message, prefer_key=kind in _UNKNOWN_FIELD or not exists))
    return problems


def _json_path(data: object, loc: tuple[int | str, ...]) -> tuple[tuple[str | int, ...], bool]:
    """Map pydantic's error location onto the JSON document, dropping union tags it inserts."""
    path: list[str | int] = []
    node = data
    for part in loc:
        child, found = jsonpos.child(node, part)
        if found:
            node = child
            path.append(part)
        elif isinstance(node, dict) and (node.get("kind") == part or part in ("function-after", "function-plain")):
            continue  # a discriminated-union tag or validator marker, not a key in the file
        elif part == "[key]" or (isinstance(part, str) and part.startswith(("function-", "tagged-union", "union"))):
            continue
        else:
            path.append(part)
            return tuple(path), False
    return tuple(path), True


def _suggestion(key: str) -> str:
    matches = difflib.get_close_matches(key, _known_field_names(), n=1, cutoff=0.75)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _known_field_names() -> list[str]:
    from kiosk.core.content import model as content_model

    names: set[str] = {"$schema"}
    for value in vars(content_model).values():
        if isinstance(value, type) and issubclass(value, Strict) and dataclasses.is_dataclass(value):
            names.update(fields_of(value))
    return sorted(names)
