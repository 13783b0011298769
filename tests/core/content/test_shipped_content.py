"""The exhibit we ship is valid, every quotation in it is proven against its source, and the proof has teeth.

The external source texts live outside the repository, in ``../shared/sources`` (``make validate`` passes the
same folder). Generated art is a build output: without it the only errors are "image file not found …
generated/…", and the full-validation test skips saying to run ``kiosk media generate`` (``make test`` makes the
media first, and with ``CI`` set in the environment it fails instead of skipping).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from problemkit import errors, load_problems, warnings

from kiosk import paths
from kiosk.core.content.loader import load_content
from kiosk.core.content.model import PartialDate
from kiosk.core.content.problems import Problem
from kiosk.core.content.quotes import find_mismatch, normalise

CONTENT = paths.bundled_content_dir()
SOURCES = Path(__file__).resolve().parents[4] / "shared" / "sources"
MEDIA_ROOTS = [CONTENT / "media", paths.media_dir()]

pytestmark = pytest.mark.skipif(
    not (CONTENT / "exhibit.json").is_file(), reason="content/exhibit.json does not exist yet"
)


def sources_dirs() -> list[Path]:
    return [SOURCES] if SOURCES.is_dir() else []


def read_json(relpath: str) -> dict:
    return json.loads((CONTENT / relpath).read_text(encoding="utf-8"))


def content_files() -> list[str]:
    return sorted(
        p.relative_to(CONTENT).as_posix()
        for p in CONTENT.rglob("*.json")
        if p.relative_to(CONTENT).parts[0] != "schema"
    )


def is_missing_generated_media(problem: Problem) -> bool:
    return problem.message.startswith("image file not found: generated/")


def report(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in problems)


@pytest.fixture(scope="module")
def shipped_problems() -> list[Problem]:
    return load_problems(CONTENT, media_roots=MEDIA_ROOTS, sources_dirs=sources_dirs())


# --- the whole exhibit --------------------------------------------------------------------------------------


def test_shipped_content_has_no_errors(shipped_problems: list[Problem]) -> None:
    found = errors(shipped_problems)
    if found and all(is_missing_generated_media(p) for p in found) and not os.environ.get("CI"):
        pytest.skip("generated media missing: run kiosk media generate")
    assert found == [], f"the shipped content has {len(found)} error(s):\n{report(found)}"


def test_shipped_content_has_no_errors_besides_missing_generated_media(shipped_problems: list[Problem]) -> None:
    # Runs even before the art is generated, so a content mistake is never hidden behind the media skip.
    found = [p for p in errors(shipped_problems) if not is_missing_generated_media(p)]
    assert found == [], report(found)


def test_shipped_content_loads(shipped_problems: list[Problem]) -> None:
    if errors(shipped_problems):
        pytest.skip("covered by test_shipped_content_has_no_errors")
    content = load_content(CONTENT, media_roots=MEDIA_ROOTS, sources_dirs=sources_dirs())

    assert [c.id for c in content.chapters] == read_json("exhibit.json")["chapters"]
    assert content.languages[:2] == ["en", "ru"] or set(content.languages) >= {"en", "ru"}


def test_every_quotation_is_proven(shipped_problems: list[Problem]) -> None:
    if not sources_dirs():
        pytest.skip(f"{SOURCES} is not here: external sources cannot be proven")
    unproven = [p for p in warnings(shipped_problems) if "not proven" in p.message]

    assert unproven == [], report(unproven)


# --- every quotation, excerpt and paragraph, proven independently of the validator ---------------------------


@dataclass(frozen=True)
class Cited:
    file: str
    where: str
    source: str
    text: str


def walk_json(node: object, path: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk_json(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_json(value, f"{path}[{index}]")


def cited_texts() -> list[Cited]:
    """Every quotation, based_on excerpt and document paragraph in the shipped JSON, in its source's language."""
    languages = {s["id"]: s["language"] for s in read_json("sources/sources.json")["sources"]}
    found: list[Cited] = []
    for relpath in content_files():
        data = read_json(relpath)
        document_source = data.get("source") if relpath.startswith("documents/") else None
        for where, node in walk_json(data):
            source = node.get("source")
            if isinstance(source, str) and "excerpt" in node:
                found.append(Cited(relpath, where, source, node["excerpt"]))
            elif isinstance(source, str) and isinstance(node.get("text"), dict) and "attribution" in node:
                found.append(Cited(relpath, where, source, node["text"][languages[source]]))
            elif document_source and "page" in node and isinstance(node.get("text"), dict):
                found.append(Cited(relpath, where, document_source, node["text"][languages[document_source]]))
    return found


def source_text(source_id: str) -> str | None:
    source = next(s for s in read_json("sources/sources.json")["sources"] if s["id"] == source_id)
    if source.get("text_file"):
        return (CONTENT / "sources" / source["text_file"]).read_text(encoding="utf-8")
    for folder in [*sources_dirs(), CONTENT / "sources"]:
        if (folder / source["external_file"]).is_file():
            return (folder / source["external_file"]).read_text(encoding="utf-8")
    return None


def test_every_cited_text_appears_verbatim_in_its_source() -> None:
    cited = cited_texts()
    assert len({c.file for c in cited}) >= 3, "found almost no quotations: has the content format changed?"
    texts = {source_id: source_text(source_id) for source_id in {c.source for c in cited}}
    if any(text is None for text in texts.values()):
        pytest.skip(f"{SOURCES} is not here: external sources cannot be proven")

    normalised = {source_id: normalise(text) for source_id, text in texts.items()}  # type: ignore[arg-type]
    failures = []
    for c in cited:
        if normalise(c.text) in normalised[c.source]:
            continue  # the common case, without find_mismatch normalising the whole source again
        mismatch = find_mismatch(c.text, texts[c.source])  # type: ignore[arg-type]
        if mismatch:
            failures.append(f"{c.file} {c.where}: {mismatch.describe()}")
    assert failures == [], "\n".join(failures)


def test_the_document_proves_the_testament_itself() -> None:
    documents = [p for p in content_files() if p.startswith("documents/")]
    assert documents, "no document in content/documents/"
    paragraphs = [c for c in cited_texts() if c.file in documents]
    assert paragraphs, "the documents have no paragraphs"
    assert {c.source for c in paragraphs} <= {s["id"] for s in read_json("sources/sources.json")["sources"]}


# --- the proof has teeth ------------------------------------------------------------------------------------

REPLACEMENTS = ("kind", "gentle", "polite")


def change_one_word(text: str) -> tuple[str, str]:
    """``text`` with its first word of five or more letters after the first word replaced (so the report can
    name the part that still matches), and the word put in its place."""
    match = re.search(r"(?<=\s)[A-Za-z]{5,}\b", text)
    assert match, f"no word to change in {text!r}"
    new_word = next(w for w in REPLACEMENTS if w != match.group().lower())
    return text[: match.start()] + new_word + text[match.end() :], new_word


def test_one_changed_word_in_a_testament_quote_fails_validation(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    testament = source_text("testament")
    assert testament is not None

    candidates = [
        c
        for c in cited_texts()
        if c.source == "testament" and c.file.startswith("chapters/") and c.where.endswith("quote")
    ]
    assert candidates, "no chapter quotes the testament"
    quote = candidates[0]
    path = copy / quote.file
    text = path.read_text(encoding="utf-8")
    as_written = json.dumps(quote.text, ensure_ascii=False)  # the string as it appears in the file, with quotes
    assert text.count(as_written) >= 1, f"cannot find {as_written} in {quote.file}"
    changed, new_word = change_one_word(quote.text)
    assert find_mismatch(changed, testament) is not None, "the change must really alter the quotation"
    offset = text.index(as_written)
    path.write_text(text.replace(as_written, json.dumps(changed, ensure_ascii=False), 1), encoding="utf-8")

    problems = load_problems(copy, media_roots=[copy / "media", paths.media_dir()], sources_dirs=sources_dirs())

    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    [problem] = [p for p in errors(problems) if p.file == quote.file and not is_missing_generated_media(p)]
    assert problem.message.startswith("quote is not verbatim in source 'testament': differs from the source after")
    assert f"the quote has \u201c{new_word}" in problem.message
    assert (problem.line, problem.column) == (line, column)
    assert problem.field == f"{quote.where}.text.en"


def test_normalising_does_not_hide_a_changed_word() -> None:
    testament = source_text("testament")
    assert testament is not None
    quote = next(c for c in cited_texts() if c.source == "testament")
    changed, _ = change_one_word(quote.text)

    assert normalise(changed) != normalise(quote.text)


# --- the story's own consistency ----------------------------------------------------------------------------


def test_timeline_events_are_in_date_order() -> None:
    timeline = read_json("timeline.json")
    dates = [(event["id"], PartialDate(event["date"]).sort_key) for event in timeline["events"]]

    out_of_order = [(a, b) for (a, da), (b, db) in itertools.pairwise(dates) if db < da]
    assert out_of_order == [], f"events after a later one: {out_of_order}"


def test_timeline_events_lie_within_the_timeline() -> None:
    timeline = read_json("timeline.json")
    start = PartialDate(timeline["start"]).sort_key
    end = PartialDate(timeline["end"]).sort_key
    end = (end[0], end[1] or 12, end[2] or 31)

    outside = [e["id"] for e in timeline["events"] if not start <= PartialDate(e["date"]).sort_key <= end]
    assert outside == []


def test_every_referenced_person_exists() -> None:
    people = {person["id"] for person in read_json("people.json")["people"]}
    dangling = []
    referenced = set()
    for relpath in content_files():
        for where, node in walk_json(read_json(relpath)):
            ids = node.get("people") if isinstance(node.get("people"), list) else []
            if isinstance(node.get("person"), str):
                ids = [*ids, node["person"]]
            for person_id in ids:
                if isinstance(person_id, str):
                    referenced.add(person_id)
                    if person_id not in people:
                        dangling.append(f"{relpath} {where}: {person_id}")

    assert dangling == []
    assert referenced, "no slide, event or mention refers to anyone: has the content format changed?"


def test_every_timeline_link_reaches_a_slide() -> None:
    slides = {}
    for chapter_id in read_json("exhibit.json")["chapters"]:
        slides[chapter_id] = {s["id"] for s in read_json(f"chapters/{chapter_id}.json")["slides"]}

    broken = [
        event["slide"]
        for event in read_json("timeline.json")["events"]
        if "slide" in event and event["slide"].split("/")[1] not in slides.get(event["slide"].split("/")[0], set())
    ]
    assert broken == []
