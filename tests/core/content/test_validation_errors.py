"""Every kind of content mistake a curator can make is reported with a clear message, at the right place.

Each test breaks the minimal valid exhibit of ``contentkit`` in one way and checks the message and the file, line,
column and field path it is reported at. Expected positions are found in the written JSON text (``problemkit``).
"""

from __future__ import annotations

import copy
import io
import struct
import zlib
from pathlib import Path

import pytest
from contentkit import SOURCE_TEXT, files, write_content
from PIL import Image as PilImage
from PIL import ImageFile
from problemkit import (
    Seeded,
    broken,
    errors,
    line_of,
    position_of,
    the_problem,
    value_after_key,
    warnings,
    where,
    write_many_mistakes,
)

from kiosk.core.content.imagecheck import check_image
from kiosk.core.content.loader import load_content
from kiosk.core.content.problems import ContentError, Severity

CH1 = "chapters/one.json"
CH2 = "chapters/two.json"
DOC = "documents/testament.json"


def chapter_one(data: dict) -> dict:
    return data[CH1]


def first_slide(data: dict) -> dict:
    return data[CH1]["slides"][0]


def quote_slide(data: dict) -> dict:
    return data[CH1]["slides"][1]


def first_paragraph(data: dict) -> dict:
    return data[DOC]["parts"][0]["paragraphs"][0]


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the baseline -------------------------------------------------------------------------------------------


def test_the_minimal_exhibit_loads_without_any_problem(tmp_path: Path) -> None:
    write_content(tmp_path)

    content = load_content(tmp_path, media_roots=[tmp_path / "media"])

    assert content.warnings == ()
    assert [c.id for c in content.chapters] == ["one", "two"]


def test_errors_raise_content_error_and_warnings_do_not(tmp_path: Path) -> None:
    data = files()
    data["strings.json"]["strings"]["retired_button"] = {"en": "Old", "ru": "Old"}
    write_content(tmp_path, data)

    content = load_content(tmp_path, media_roots=[tmp_path / "media"])
    assert [p.message for p in content.warnings] == ["'retired_button' is not used by the interface"]

    chapter_one(data)["summary"].pop("ru")
    write_content(tmp_path, data)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, media_roots=[tmp_path / "media"])
    assert [p.message for p in caught.value.errors] == ["the 'ru' text is missing"]
    assert "1 content error(s); first: chapters/one.json:" in str(caught.value)


# --- JSON syntax --------------------------------------------------------------------------------------------


def test_json_syntax_error_has_the_real_line_and_column(tmp_path: Path) -> None:
    def drop_comma(root: Path) -> None:
        edit_text(root / "people.json", '"id": "stalin",', '"id": "stalin"')

    problems = broken(tmp_path, after=drop_comma)

    problem = the_problem(problems, "people.json", "")
    assert problem.message == "JSON syntax: expected ',' or '}' after a value (missing comma?)"
    # Reported where the next key starts, as the json module and editors do.
    assert (problem.line, problem.column) == position_of(tmp_path / "people.json", '"name"')
    # The rest of the exhibit is still checked, and a broken people.json does not make every reference dangle.
    assert [p.file for p in errors(problems)] == ["people.json"]


def test_trailing_comma_in_a_chapter(tmp_path: Path) -> None:
    def trailing_comma(root: Path) -> None:
        edit_text(root / CH1, '"excerpt": "Stalin is too rude"\n', '"excerpt": "Stalin is too rude",\n')

    problems = broken(tmp_path, after=trailing_comma)

    problem = the_problem(problems, CH1, "")
    assert problem.message == "JSON syntax: trailing comma before '}'"
    line = line_of(tmp_path / CH1, '"excerpt": "Stalin is too rude",') + 1
    assert (problem.line, problem.column) == (line, 9)  # the '}' that closes the passage


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    def latin1(root: Path) -> None:
        path = root / "people.json"
        path.write_bytes(path.read_bytes().replace("Иосиф".encode(), "Jos\xe9".encode("latin-1")))

    problems = broken(tmp_path, after=latin1)

    problem = the_problem(problems, "people.json", "")
    assert problem.message == "not UTF-8 text: save the file as UTF-8"
    raw = (tmp_path / "people.json").read_bytes()
    bad = raw.index(b"\xe9")
    assert problem.line == raw.count(b"\n", 0, bad) + 1
    assert problem.column == bad - raw.rfind(b"\n", 0, bad)


@pytest.mark.parametrize("replacement", ["[]", "null", '"exhibit"', "42"])
def test_a_file_that_is_not_an_object(tmp_path: Path, replacement: str) -> None:
    problems = broken(tmp_path, after=lambda root: (root / "timeline.json").write_text(replacement))

    assert where(the_problem(problems, "timeline.json", "")) == ("timeline.json", 1, 1, "")
    assert the_problem(problems, "timeline.json", "").message == "the file must hold a JSON object { ... }"


def test_a_missing_top_level_file(tmp_path: Path) -> None:
    problems = broken(tmp_path, after=lambda root: (root / "timeline.json").unlink())

    assert the_problem(problems, "timeline.json", "").message == "this file is missing"


def test_a_content_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "nowhere", media_roots=[])

    [problem] = caught.value.problems
    assert problem.message == "the content folder does not exist"
    assert problem.file == str(tmp_path / "nowhere")


# --- schema -------------------------------------------------------------------------------------------------


def test_wrong_type(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["events"][0].__setitem__("people", "stalin"))

    problem = the_problem(problems, "timeline.json", "events[0].people")
    assert problem.message == "Input should be a valid list"
    assert (problem.line, problem.column) == value_after_key(tmp_path / "timeline.json", "people")


def test_text_given_as_a_plain_string(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d).__setitem__("heading", "A letter"))

    problem = the_problem(problems, CH1, "slides[0].heading")
    assert problem.message == "Input should be a valid dictionary"
    assert (problem.line, problem.column) == value_after_key(tmp_path / CH1, "heading")


def test_number_out_of_range(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["exhibit.json"].__setitem__("idle", {"timeout_seconds": 5}))

    problem = the_problem(problems, "exhibit.json", "idle.timeout_seconds")
    assert problem.message == "Input should be greater than or equal to 20"
    assert (problem.line, problem.column) == value_after_key(tmp_path / "exhibit.json", "timeout_seconds")


def test_missing_required_field_at_the_top(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d).pop("summary"))

    assert where(the_problem(problems, CH1, "summary")) == (CH1, 1, 1, "summary")
    assert the_problem(problems, CH1, "summary").message == "the required field 'summary' is missing"


def test_missing_required_field_is_reported_where_its_object_starts(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d).pop("heading"))

    problem = the_problem(problems, CH1, "slides[0].heading")
    assert problem.message == "the required field 'heading' is missing"
    slide_line = line_of(tmp_path / CH1, '"slides": [') + 1
    assert (problem.line, problem.column) == (slide_line, 5)
    assert (tmp_path / CH1).read_text().splitlines()[slide_line - 1] == "    {"


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    def misspell(data: dict) -> None:
        chapter_one(data)["titel"] = chapter_one(data).pop("title")

    problems = broken(tmp_path, misspell)

    unknown = the_problem(problems, CH1, "titel")
    assert unknown.message == "unknown field 'titel' (did you mean 'title'?)"
    assert (unknown.line, unknown.column) == position_of(tmp_path / CH1, '"titel"')  # the key, not its value
    assert the_problem(problems, CH1, "title").message == "the required field 'title' is missing"


def test_unknown_nested_key_suggests_the_right_one(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d)["image"].__setitem__("captoin", {"en": "x"}))

    unknown = the_problem(problems, CH1, "slides[0].image.captoin")
    assert unknown.message == "unknown field 'captoin' (did you mean 'caption'?)"
    assert (unknown.line, unknown.column) == position_of(tmp_path / CH1, '"captoin"')


def test_unknown_key_without_a_close_match_has_no_suggestion(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d).__setitem__("xyzzy", 1))

    assert the_problem(problems, CH1, "xyzzy").message == "unknown field 'xyzzy'"


def test_bad_id(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d).__setitem__("id", "Bad_Id"))

    problem = the_problem(problems, CH1, "slides[0].id")
    assert problem.message == "'Bad_Id' is not a valid id: use lowercase letters, digits and hyphens"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"Bad_Id"')


def test_unknown_slide_kind(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d).__setitem__("kind", "video"))

    problem = the_problem(problems, CH1, "slides[0].kind")
    assert problem.message == "unknown kind 'video': expected one of 'narrative', 'quote', 'document', 'comparison'"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"video"')


def test_missing_slide_kind(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d).pop("kind"))

    problem = the_problem(problems, CH1, "slides[0]")
    assert problem.message == "the field 'kind' is missing (narrative, quote, document or comparison)"
    assert (problem.line, problem.column) == (line_of(tmp_path / CH1, '"slides": [') + 1, 5)


def test_date_that_does_not_exist(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["events"][0].__setitem__("date", "1924-02-30"))

    problem = the_problem(problems, "timeline.json", "events[0].date")
    assert problem.message == "'1924-02-30' is not a real date (day is out of range for month)"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"1924-02-30"')


def test_date_in_the_wrong_format(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["events"][0].__setitem__("date", "22 May 1924"))

    problem = the_problem(problems, "timeline.json", "events[0].date")
    assert problem.message.startswith("String should match pattern")
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"22 May 1924"')


def test_placeholder_image_needs_a_suggested_subject(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["image"].__setitem__("kind", "placeholder"))

    problem = the_problem(problems, CH1, "image")
    assert problem.message == ("a placeholder image needs a suggested_subject (what archival photograph goes here)")
    assert (problem.line, problem.column) == value_after_key(tmp_path / CH1, "image")


def test_placeholder_with_suggested_subject_is_fine(tmp_path: Path) -> None:
    def placeholder(data: dict) -> None:
        chapter_one(data)["image"].update(kind="placeholder", suggested_subject={"en": "Gorki, 1923", "ru": "Горки"})

    assert broken(tmp_path, placeholder) == []


def test_source_needs_exactly_one_text(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["sources/sources.json"]["sources"][0].__setitem__("external_file", "x.txt"))

    problem = the_problem(problems, "sources/sources.json", "sources[0]")
    assert problem.message == "a source needs exactly one of text_file or external_file"
    assert (problem.line, problem.column) == (line_of(tmp_path / "sources/sources.json", '"sources": [') + 1, 5)


def test_era_that_ends_before_it_starts(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["eras"][0].__setitem__("end", "1922-01"))

    problem = the_problem(problems, "timeline.json", "eras[0]")
    assert problem.message == "an era must end after it starts"
    assert (problem.line, problem.column) == (line_of(tmp_path / "timeline.json", '"eras": [') + 1, 5)


# --- duplicate keys and ids ---------------------------------------------------------------------------------


def test_duplicate_key(tmp_path: Path) -> None:
    def duplicate_heading(root: Path) -> None:
        edit_text(root / CH1, '"heading": {', '"heading": {"en": "Old", "ru": "Old"},\n      "heading": {')

    problems = broken(tmp_path, after=duplicate_heading)

    problem = the_problem(problems, CH1, "slides[0].heading")
    assert problem.message == "the key 'heading' appears twice"
    assert problem.severity is Severity.ERROR
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"heading": {', nth=1)


def test_chapter_listed_twice(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["exhibit.json"]["chapters"].append("one"))

    problem = the_problem(problems, "exhibit.json", "chapters[2]")
    assert problem.message == "duplicate chapter id 'one'"
    assert (problem.line, problem.column) == position_of(tmp_path / "exhibit.json", '"one"', nth=1)


def test_duplicate_slide_id(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: quote_slide(d).__setitem__("id", "narrative"))

    problem = the_problem(problems, CH1, "slides[1].id")
    assert problem.message == "duplicate slide id 'narrative'"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"id": "narrative"', nth=1, shift=6)


def test_duplicate_person_id(tmp_path: Path) -> None:
    def second_stalin(data: dict) -> None:
        data["people.json"]["people"].append(copy.deepcopy(data["people.json"]["people"][0]))

    problems = broken(tmp_path, second_stalin)

    problem = the_problem(problems, "people.json", "people[1].id")
    assert problem.message == "duplicate person id 'stalin'"
    assert (problem.line, problem.column) == position_of(tmp_path / "people.json", '"id": "stalin"', 1, shift=6)


def test_duplicate_event_id(tmp_path: Path) -> None:
    def second_event(data: dict) -> None:
        data["timeline.json"]["events"].append(copy.deepcopy(data["timeline.json"]["events"][0]))

    problems = broken(tmp_path, second_event)

    problem = the_problem(problems, "timeline.json", "events[1].id")
    assert problem.message == "duplicate event id 'postscript'"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"id": "postscript"', 1, 6)


def test_duplicate_era_id(tmp_path: Path) -> None:
    def second_era(data: dict) -> None:
        data["timeline.json"]["eras"].append(copy.deepcopy(data["timeline.json"]["eras"][0]))

    problems = broken(tmp_path, second_era)

    problem = the_problem(problems, "timeline.json", "eras[1].id")
    assert problem.message == "duplicate era id 'illness'"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"id": "illness"', 1, 6)


def test_duplicate_paragraph_id(tmp_path: Path) -> None:
    def second_paragraph(data: dict) -> None:
        paragraphs = data[DOC]["parts"][0]["paragraphs"]
        paragraphs.append(copy.deepcopy(paragraphs[0]))

    problems = broken(tmp_path, second_paragraph)

    problem = the_problem(problems, DOC, "parts[0].paragraphs[1].id")
    assert problem.message == "duplicate paragraph id 'ps-1'"
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, '"id": "ps-1"', nth=1, shift=6)


def test_duplicate_source_id(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["sources/sources.json"]["sources"][1].__setitem__("id", "testament"))

    problem = the_problem(problems, "sources/sources.json", "sources[1].id")
    assert problem.message == "duplicate source id 'testament'"
    path = tmp_path / "sources/sources.json"
    assert (problem.line, problem.column) == position_of(path, '"id": "testament"', nth=1, shift=6)


def test_duplicate_language(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["exhibit.json"]["languages"].append({"code": "en", "name": "English"}))

    problem = the_problem(problems, "exhibit.json", "languages[2].code")
    assert problem.message == "duplicate language id 'en'"
    assert (problem.line, problem.column) == position_of(tmp_path / "exhibit.json", '"code": "en"', nth=1, shift=8)


def test_two_documents_with_the_same_id(tmp_path: Path) -> None:
    def copy_document(data: dict) -> None:
        data["documents/zcopy.json"] = copy.deepcopy(data[DOC])

    problems = broken(tmp_path, copy_document)

    found = sorted(p.message for p in problems if p.file == "documents/zcopy.json" and p.field == "id")
    assert found == ["duplicate document id 'testament'", "the id 'testament' must match the file name 'zcopy'"]
    assert all((p.line, p.column) == (2, 9) for p in problems if p.file == "documents/zcopy.json" and p.field == "id")


# --- chapters and their files -------------------------------------------------------------------------------


def test_chapter_id_must_match_its_file_name(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[CH2].__setitem__("id", "three"))

    problem = the_problem(problems, CH2, "id")
    assert problem.message == "the id 'three' must match the file name 'two'"
    assert (problem.line, problem.column) == position_of(tmp_path / CH2, '"three"')


def test_document_id_must_match_its_file_name(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[DOC].__setitem__("id", "letter"))

    problem = the_problem(problems, DOC, "id")
    assert problem.message == "the id 'letter' must match the file name 'testament'"
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, '"letter"')


def test_chapter_listed_but_its_file_is_missing(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d.pop(CH2))

    problem = the_problem(problems, "exhibit.json", "chapters[1]")
    assert problem.message == "no chapter file chapters/two.json for chapter 'two'"
    assert (problem.line, problem.column) == position_of(tmp_path / "exhibit.json", '"two"')


def test_chapter_file_not_listed_is_a_warning(tmp_path: Path) -> None:
    data = files()
    data["exhibit.json"]["chapters"] = ["one"]
    write_content(tmp_path, data)

    content = load_content(tmp_path, media_roots=[tmp_path / "media"])  # loads: a warning, not an error

    [problem] = content.warnings
    assert where(problem) == (CH2, 1, 1, "")
    assert problem.severity is Severity.WARNING
    assert problem.message == "this chapter is not listed in exhibit.json 'chapters', so visitors never see it"
    assert [c.id for c in content.chapters] == ["one"]


# --- references ---------------------------------------------------------------------------------------------


def test_slide_refers_to_an_unknown_person(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d)["people"].append("trotsky"))

    problem = the_problem(problems, CH1, "slides[0].people[1]")
    assert problem.message == "no person with id 'trotsky' in people.json"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"trotsky"')


def test_event_refers_to_an_unknown_person(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["events"][0]["people"].append("trotsky"))

    problem = the_problem(problems, "timeline.json", "events[0].people[1]")
    assert problem.message == "no person with id 'trotsky' in people.json"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"trotsky"')


def test_mention_refers_to_an_unknown_person(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_paragraph(d)["mentions"][0].__setitem__("person", "trotsky"))

    problem = the_problem(problems, DOC, "parts[0].paragraphs[0].mentions[0].person")
    assert problem.message == "no person with id 'trotsky' in people.json"
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, '"trotsky"')


@pytest.mark.parametrize("link", ["nine/narrative", "one/nothing"], ids=["unknown-chapter", "unknown-slide"])
def test_event_links_to_a_slide_that_does_not_exist(tmp_path: Path, link: str) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["events"][0].__setitem__("slide", link))

    problem = the_problem(problems, "timeline.json", "events[0].slide")
    assert problem.message == f"no slide '{link}' (chapter-id/slide-id)"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", f'"{link}"')


def test_document_slide_refers_to_an_unknown_document(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[CH2]["slides"][0].__setitem__("document", "diary"))

    problem = the_problem(problems, CH2, "slides[0].document")
    assert problem.message == "no document 'diary' in documents/"
    assert (problem.line, problem.column) == position_of(tmp_path / CH2, '"diary"')


def test_document_slide_refers_to_an_unknown_paragraph(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[CH2]["slides"][0]["paragraphs"].append("ps-9"))

    problem = the_problem(problems, CH2, "slides[0].paragraphs[1]")
    assert problem.message == "no paragraph 'ps-9' in 'testament'"
    assert (problem.line, problem.column) == position_of(tmp_path / CH2, '"ps-9"')


def test_quote_cites_an_unknown_source(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: quote_slide(d)["quote"].__setitem__("source", "diary"))

    problem = the_problem(problems, CH1, "slides[1].quote.source")
    assert problem.message == "no source with id 'diary' in sources/sources.json"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"diary"')


def test_based_on_cites_an_unknown_source(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d)["based_on"][0].__setitem__("source", "diary"))

    problem = the_problem(problems, CH1, "slides[0].based_on[0].source")
    assert problem.message == "no source with id 'diary' in sources/sources.json"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"diary"')


def test_document_cites_an_unknown_source(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[DOC].__setitem__("source", "diary"))

    problem = the_problem(problems, DOC, "source")
    assert problem.message == "no source with id 'diary' in sources/sources.json"
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, '"diary"')


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text_file", "nothing.txt", "sources/nothing.txt does not exist"),
        ("text_file", "../testament.en.txt", "give a file name inside content/sources/"),
    ],
)
def test_source_text_file_problems(tmp_path: Path, field: str, value: str, message: str) -> None:
    problems = broken(tmp_path, lambda d: d["sources/sources.json"]["sources"][0].__setitem__(field, value))

    problem = the_problem(problems, "sources/sources.json", f"sources[0].{field}")
    assert problem.message == message
    assert (problem.line, problem.column) == position_of(tmp_path / "sources/sources.json", f'"{value}"')


def test_external_file_must_be_a_plain_name(tmp_path: Path) -> None:
    problems = broken(
        tmp_path, lambda d: d["sources/sources.json"]["sources"][1].__setitem__("external_file", "dir/article.txt")
    )

    problem = the_problem(problems, "sources/sources.json", "sources[1].external_file")
    assert problem.message == "give a plain file name, not a path"
    assert (problem.line, problem.column) == position_of(tmp_path / "sources/sources.json", '"dir/article.txt"')


# --- media --------------------------------------------------------------------------------------------------


def chapter_image_problem(tmp_path: Path, src: str, data: bytes | None = None) -> tuple[str, tuple[int, int]]:
    """Point chapter one's image at ``src`` (writing ``data`` there first) and return the one error on it."""

    def place(root: Path) -> None:
        if data is not None:
            target = root / "media" / src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    problems = broken(tmp_path, lambda d: chapter_one(d)["image"].__setitem__("src", src), place)
    problem = the_problem(problems, CH1, "image.src")
    assert problem.severity is Severity.ERROR
    # Always reported at the src value of the image, whatever is wrong with the file.
    assert (problem.line, problem.column) == value_after_key(tmp_path / CH1, "src")
    return problem.message, (problem.line, problem.column)


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    PilImage.new("RGB", size, (200, 120, 60)).save(out, fmt)
    return out.getvalue()


def noisy_jpeg() -> bytes:
    out = io.BytesIO()
    PilImage.effect_noise((256, 256), 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header says it is ``width``×``height`` (the CRC is fixed up, so it parses)."""
    data = bytearray(image_bytes("PNG"))
    assert data[12:16] == b"IHDR"
    header = bytearray(data[16:29])
    header[0:8] = struct.pack(">II", width, height)
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(header)))
    return bytes(data)


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("photos/none.png", "image file not found: photos/none.png"),
        ("generated/none.png", "image file not found: generated/none.png (run 'kiosk media generate')"),
        ("../paper.png", "the path leaves the media folder ('..' is not allowed)"),
        ("photos/../../paper.png", "the path leaves the media folder ('..' is not allowed)"),
        ("/etc/paper.png", "use a relative path with forward slashes, e.g. photos/kremlin.jpg"),
        ("photos\\paper.png", "use a relative path with forward slashes, e.g. photos/kremlin.jpg"),
        ("https://example.org/paper.png", "images must be files in the media folder, not web addresses"),
        ("//example.org/paper.png", "images must be files in the media folder, not web addresses"),
        ("file:photos/paper.png", "images must be files in the media folder, not web addresses"),
    ],
)
def test_image_path_problems(tmp_path: Path, src: str, message: str) -> None:
    found, position = chapter_image_problem(tmp_path, src)

    assert found == message
    assert position == value_after_key(tmp_path / CH1, "src")


def test_per_language_image_names_each_missing_file(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["image"].__setitem__("src", "photos/paper-{lang}.png"))

    found = sorted(p.message for p in problems if p.field == "image.src")
    assert found == ["image file not found: photos/paper-en.png", "image file not found: photos/paper-ru.png"]


def test_per_language_image_found_for_every_language(tmp_path: Path) -> None:
    def copies(root: Path) -> None:
        for language in ("en", "ru"):
            (root / "media/photos" / f"paper-{language}.png").write_bytes(image_bytes("PNG"))

    problems = broken(tmp_path, lambda d: chapter_one(d)["image"].__setitem__("src", "photos/paper-{lang}.png"), copies)

    assert problems == []


def test_generated_art_labelled_as_archival_photograph(tmp_path: Path) -> None:
    def relabel(data: dict) -> None:
        chapter_one(data)["image"].update(src="generated/paper.png", kind="archival-photograph")

    def generated(root: Path) -> None:
        (root / "media/generated").mkdir()
        (root / "media/generated/paper.png").write_bytes(image_bytes("PNG"))

    problems = broken(tmp_path, relabel, generated)

    problem = the_problem(problems, CH1, "image.kind")
    assert problem.message == "generated art is an illustration, never an archival photograph"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"archival-photograph"')


def test_corrupt_image(tmp_path: Path) -> None:
    message, position = chapter_image_problem(tmp_path, "photos/bad.png", b"this is not a picture\n" * 20)

    assert message == "photos/bad.png: not an image Pillow can read (corrupt, or not really an image)"
    assert position == value_after_key(tmp_path / CH1, "src")


def test_empty_image_file(tmp_path: Path) -> None:
    message, _ = chapter_image_problem(tmp_path, "photos/zero.png", b"")

    assert message == "photos/zero.png: the image file is empty (0 bytes)"


def test_truncated_png(tmp_path: Path) -> None:
    data = image_bytes("PNG", (300, 200))
    message, _ = chapter_image_problem(tmp_path, "photos/cut.png", data[: len(data) // 2])

    assert message.startswith("photos/cut.png: the image is damaged or truncated: ")


def test_a_complete_jpeg_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "whole.jpg"
    path.write_bytes(noisy_jpeg())

    assert check_image(path) is None


def test_truncated_jpeg(tmp_path: Path) -> None:
    data = noisy_jpeg()
    message, _ = chapter_image_problem(tmp_path, "photos/cut.jpg", data[: len(data) // 2])

    assert message.startswith("photos/cut.jpg: the image is damaged or truncated")


def test_a_huge_image_is_refused_from_its_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_claiming_size(20_000, 20_000))

    def no_decoding(*args: object, **kwargs: object) -> None:
        raise AssertionError("check_image decoded pixels of a 20000×20000 image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    reason = check_image(path)

    assert reason is not None
    # Either Pillow's bomb guard (over 179 MP) or our own limit refuses it; both name the size.
    assert "20000×20000" in reason or "400000000 pixels" in reason, reason


def test_an_image_over_our_pixel_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda *a, **k: pytest.fail("decoded"))
    message, _ = chapter_image_problem(tmp_path, "photos/big.png", png_claiming_size(12_000, 10_000))

    assert message == (
        "photos/big.png: the image is 12000×10000 (120 MP), over the limit of 100 MP: scale it down before adding it"
    )


def test_pixel_limit_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    path.write_bytes(image_bytes("PNG", (64, 48)))

    assert check_image(path) is None
    assert check_image(path, max_pixels=1000).startswith("the image is 64×48 ")


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_unsupported_image_format(tmp_path: Path, fmt: str) -> None:
    name = f"photos/paper.{fmt.lower()}"
    message, _ = chapter_image_problem(tmp_path, name, image_bytes(fmt))

    assert message == f"{name}: unsupported image format {fmt}: use JPEG, PNG, TIFF or WebP"


def test_image_too_small_to_show(tmp_path: Path) -> None:
    message, _ = chapter_image_problem(tmp_path, "photos/tiny.png", image_bytes("PNG", (8, 8)))

    assert message == "photos/tiny.png: the image is only 8×8 pixels"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF", "WEBP"])
def test_supported_formats_pass(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"ok.{fmt.lower()}"
    path.write_bytes(image_bytes(fmt))

    assert check_image(path) is None


def test_an_edited_image_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(image_bytes("PNG"))
    assert check_image(path) is None

    path.write_bytes(b"garbage" * 10)  # different size, so a different cache key

    assert check_image(path) == "not an image Pillow can read (corrupt, or not really an image)"


# --- languages ----------------------------------------------------------------------------------------------


def test_missing_language(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["summary"].pop("ru"))

    problem = the_problem(problems, CH1, "summary")
    assert problem.message == "the 'ru' text is missing"
    assert (problem.line, problem.column) == value_after_key(tmp_path / CH1, "summary")


def test_undeclared_language(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["summary"].__setitem__("de", "Zusammenfassung"))

    problem = the_problem(problems, CH1, "summary.de")
    assert problem.message == "'de' is not one of the exhibit's languages (en, ru)"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"Zusammenfassung"')


def test_empty_text(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["summary"].__setitem__("ru", "  \n"))

    problem = the_problem(problems, CH1, "summary.ru")
    assert problem.message == "the 'ru' text is empty"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"  \\n"')


def test_languages_are_checked_in_every_file(tmp_path: Path) -> None:
    def strip_ru(data: dict) -> None:
        data["strings.json"]["strings"]["home"].pop("ru")
        data["people.json"]["people"][0]["bio"].pop("ru")
        data["timeline.json"]["eras"][0]["title"].pop("ru")
        data["sources/sources.json"]["sources"][0]["citation"].pop("ru")
        data["exhibit.json"]["credits"][0]["role"].pop("ru")
        first_paragraph(data)["mentions"][0]["text"].pop("ru")

    problems = broken(tmp_path, strip_ru)

    assert sorted((p.file, p.field) for p in problems) == [
        (DOC, "parts[0].paragraphs[0].mentions[0].text"),
        ("exhibit.json", "credits[0].role"),
        ("people.json", "people[0].bio"),
        ("sources/sources.json", "sources[0].citation"),
        ("strings.json", "strings.home"),
        ("timeline.json", "eras[0].title"),
    ]
    assert {p.message for p in problems} == {"the 'ru' text is missing"}


def test_default_language_must_be_declared(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["exhibit.json"].__setitem__("default_language", "de"))

    [problem] = [p for p in problems if p.file == "exhibit.json"]
    assert problem.message == "default_language 'de' is not one of the languages ['en', 'ru']"


def test_default_language_error_points_at_the_value(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["exhibit.json"].__setitem__("default_language", "de"))

    problem = the_problem(problems, "exhibit.json", "default_language")
    assert (problem.line, problem.column) == value_after_key(tmp_path / "exhibit.json", "default_language")


# --- label limits -------------------------------------------------------------------------------------------


def words(count: int, word: str = "word") -> str:
    return " ".join([word] * count)


def test_slide_narration_over_80_words(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d)["body"].__setitem__("en", words(81)))

    problem = the_problem(problems, CH1, "slides[0].body.en")
    assert problem.message == "81 words of narration on this slide in 'en'; the limit is 80"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, f'"{words(81)}"')


def test_slide_narration_of_exactly_80_words_is_fine(tmp_path: Path) -> None:
    def eighty_words(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"slide_default_words": 80}  # what a slide shows before More
        first_slide(data)["body"]["en"] = words(80)

    assert broken(tmp_path, eighty_words) == []


def test_comparison_narration_is_counted_over_both_sides_and_the_conclusion(tmp_path: Path) -> None:
    def long_comparison(data: dict) -> None:
        slide = data[CH2]["slides"][1]
        slide["left"]["text"]["ru"] = words(50, "слово")
        slide["conclusion"] = {"en": "Short.", "ru": words(31, "слово")}

    problems = broken(tmp_path, long_comparison)

    problem = the_problem(problems, CH2, "slides[1].left.text.ru")
    assert problem.message == "81 words of narration on this slide in 'ru'; the limit is 80"
    assert (problem.line, problem.column) == position_of(tmp_path / CH2, f'"{words(50, "слово")}"')


def test_caption_over_the_limit(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["image"]["caption"].__setitem__("ru", words(31, "слово")))

    problem = the_problem(problems, CH1, "image.caption.ru")
    assert problem.message == "caption has 31 words; the limit is 30"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, f'"{words(31, "слово")}"')


def test_heading_too_long(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d)["heading"].__setitem__("en", "x" * 71))

    problem = the_problem(problems, CH1, "slides[0].heading.en")
    assert problem.message == "71 characters; the limit is 70"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"' + "x" * 71 + '"')


@pytest.mark.parametrize(
    ("file", "field", "text", "message"),
    [
        (CH1, "title.en", "T" * 71, "71 characters; the limit is 70"),
        (CH1, "summary.en", words(41), "41 words; the limit is 40"),
        ("people.json", "people[0].bio.en", words(91), "91 words; the limit is 90"),
        ("timeline.json", "events[0].body.en", words(71), "71 words; the limit is 70"),
    ],
    ids=["chapter-title", "chapter-summary", "bio", "event-body"],
)
def test_other_length_limits(tmp_path: Path, file: str, field: str, text: str, message: str) -> None:
    targets = {
        "title.en": lambda d: d[CH1]["title"],
        "summary.en": lambda d: d[CH1]["summary"],
        "people[0].bio.en": lambda d: d["people.json"]["people"][0]["bio"],
        "events[0].body.en": lambda d: d["timeline.json"]["events"][0]["body"],
    }
    problems = broken(tmp_path, lambda d: targets[field](d).__setitem__("en", text))

    problem = the_problem(problems, file, field)
    assert problem.message == message
    assert (problem.line, problem.column) == position_of(tmp_path / file, f'"{text}"')


def test_quote_over_the_limit(tmp_path: Path) -> None:
    long_quote = words(91, "rude")

    def in_the_source(root: Path) -> None:
        (root / "sources/testament.en.txt").write_text(SOURCE_TEXT + long_quote + "\n", encoding="utf-8")

    problems = broken(tmp_path, set_quote(long_quote), in_the_source)

    problem = the_problem(problems, CH1, "slides[1].quote.text.en")
    assert problem.message == "quote has 91 words; limit 90"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, f'"{long_quote}"')


def test_limits_are_configurable_in_exhibit_json(tmp_path: Path) -> None:
    def tight(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"slide_body_words": 10}
        first_slide(data)["body"]["en"] = words(11)

    problems = broken(tmp_path, tight)

    [problem] = problems
    assert where(problem) == (CH1, *position_of(tmp_path / CH1, f'"{words(11)}"'), "slides[0].body.en")
    assert problem.message == "11 words of narration on this slide in 'en'; the limit is 10"


def test_raised_limits_allow_longer_text(tmp_path: Path) -> None:
    def generous(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"slide_body_words": 120, "slide_default_words": 120}
        first_slide(data)["body"]["en"] = words(100)

    assert broken(tmp_path, generous) == []


def test_limits_themselves_are_bounded(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["exhibit.json"].__setitem__("limits", {"slide_body_words": 5}))

    problem = the_problem(problems, "exhibit.json", "limits.slide_body_words")
    assert problem.message == "Input should be greater than or equal to 10"


# --- quotations proven against their sources ----------------------------------------------------------------


def set_quote(text: str):
    return lambda data: quote_slide(data)["quote"]["text"].__setitem__("en", text)


def test_quote_with_one_word_changed(tmp_path: Path) -> None:
    problems = broken(tmp_path, set_quote("Stalin is too crude, and this fault"))

    problem = the_problem(problems, CH1, "slides[1].quote.text.en")
    assert problem.message == (
        "quote is not verbatim in source 'testament': differs from the source after \u201c\u2026Stalin is too\u201d: "
        "the quote has \u201ccrude, and this fault\u201d "
        "where the source has \u201crude, and this fault, entirely\u201d"
    )
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"Stalin is too crude, and this fault"')


def test_quote_not_in_the_source_at_all(tmp_path: Path) -> None:
    problems = broken(tmp_path, set_quote("Trotsky is too clever"))

    problem = the_problem(problems, CH1, "slides[1].quote.text.en")
    assert problem.message == (
        "quote is not verbatim in source 'testament': not found in the source: "
        "no passage starts like \u201cTrotsky is too clever\u201d"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Stalin is too rude \u2026 in the office of General Secretary.",
        "Stalin is too rude... becomes insupportable",
        "\u2026 entirely supportable in relations among us Communists \u2026",
    ],
)
def test_ellipsis_marks_an_omission(tmp_path: Path, text: str) -> None:
    assert broken(tmp_path, set_quote(text)) == []


def test_ellipsis_pieces_must_keep_their_order(tmp_path: Path) -> None:
    problems = broken(tmp_path, set_quote("in the office of General Secretary \u2026 Stalin is too rude"))

    problem = the_problem(problems, CH1, "slides[1].quote.text.en")
    assert problem.message.startswith("quote is not verbatim in source 'testament': ")
    assert "Stalin is too rude" in problem.message


def test_typographic_and_straight_punctuation_are_the_same(tmp_path: Path) -> None:
    typeset = "He called it \u201cthe \u2018last\u2019 letter\u201d \u2014 a testament\u2026 of 1923\u20131924."

    def typographic_source(root: Path) -> None:
        (root / "sources/testament.en.txt").write_text(SOURCE_TEXT + "\n" + typeset + "\n", encoding="utf-8")

    straight = "He called it \"the 'last' letter\" - a testament"
    problems = broken(tmp_path, set_quote(straight), typographic_source)

    assert problems == []


def test_straight_punctuation_in_the_source_matches_typographic_quotes(tmp_path: Path) -> None:
    def straight_source(root: Path) -> None:
        (root / "sources/testament.en.txt").write_text(SOURCE_TEXT + '\nthe "testament" - it\'s short\n')

    typeset = "the \u201ctestament\u201d \u2013 it\u2019s short"
    assert broken(tmp_path, set_quote(typeset), straight_source) == []


def test_russian_quote_text_without_translations(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: quote_slide(d)["quote"].pop("translations"))

    problem = the_problem(problems, CH1, "slides[1].quote.translations")
    assert problem.message == (
        "the 'ru' text of this quote cannot be verbatim (the source is in 'en'): mark it as a translation, "
        'e.g. "translations": {"ru": {"from_language": "en"}}'
    )
    # The field is absent, so the quote object that should hold it is pointed at.
    assert (problem.line, problem.column) == value_after_key(tmp_path / CH1, "quote")


def test_translation_from_the_wrong_language(tmp_path: Path) -> None:
    problems = broken(
        tmp_path, lambda d: quote_slide(d)["quote"]["translations"]["ru"].__setitem__("from_language", "de")
    )

    problem = the_problem(problems, CH1, "slides[1].quote.translations.ru.from_language")
    assert problem.message == "translate from the source's language 'en'"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"de"')


def test_the_source_language_is_not_a_translation(tmp_path: Path) -> None:
    problems = broken(
        tmp_path, lambda d: quote_slide(d)["quote"]["translations"].__setitem__("en", {"from_language": "en"})
    )

    problem = the_problem(problems, CH1, "slides[1].quote.translations.en")
    assert problem.message == "the source's own language is not a translation"
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"en": {', after='"translations"', shift=6)


def test_document_without_translations(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[DOC].pop("translations"))

    problem = the_problem(problems, DOC, "translations")
    assert problem.message.startswith("the 'ru' text of this document cannot be verbatim (the source is in 'en')")
    assert (problem.line, problem.column) == (1, 1)


def use_article(text: str):
    def mutate(data: dict) -> None:
        quote = quote_slide(data)["quote"]
        quote["source"] = "article"
        quote["text"]["en"] = text

    return mutate


ARTICLE = "The testament was hidden from the party for years.\n"


def test_external_source_missing_is_one_warning_for_the_source_with_the_count(tmp_path: Path) -> None:
    def cite_the_article(data: dict) -> None:
        use_article("The testament was hidden")(data)
        for slide in chapter_one(data)["slides"]:
            slide["based_on"][0].update(source="article", excerpt="hidden from the party")

    problems = broken(tmp_path, cite_the_article)

    assert errors(problems) == []
    [problem] = problems
    assert where(problem) == (
        "sources/sources.json",
        *position_of(tmp_path / "sources/sources.json", '"article.txt"'),
        "sources[1].external_file",
    )
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "the text of source 'article' (article.txt) is not here (pass --sources DIR): 2 excerpts and 1 quote not proven"
    )


def test_each_missing_source_text_has_its_own_line(tmp_path: Path) -> None:
    def two_external_sources(data: dict) -> None:
        sources = data["sources/sources.json"]["sources"]
        sources[0].pop("text_file")
        sources[0]["external_file"] = "testament.txt"
        use_article("The testament was hidden")(data)

    problems = broken(tmp_path, two_external_sources)

    assert [(p.field, p.message) for p in problems] == [
        (
            "sources[0].external_file",
            "the text of source 'testament' (testament.txt) is not here (pass --sources DIR): "
            "6 excerpts, 1 paragraph and 1 quote not proven",
        ),
        (
            "sources[1].external_file",
            "the text of source 'article' (article.txt) is not here (pass --sources DIR): 1 quote not proven",
        ),
    ]


def test_external_source_found_in_a_sources_dir_proves_the_quote(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "article.txt").write_text(ARTICLE, encoding="utf-8")

    problems = broken(tmp_path / "content", use_article("The testament was hidden"), sources_dirs=[shared])

    assert problems == []


def test_external_source_found_then_a_changed_word_fails(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "article.txt").write_text(ARTICLE, encoding="utf-8")

    problems = broken(tmp_path / "content", use_article("The testament was concealed"), sources_dirs=[shared])

    problem = the_problem(problems, CH1, "slides[1].quote.text.en")
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        "quote is not verbatim in source 'article': differs from the source after \u201c\u2026The testament was\u201d: "
        "the quote has \u201cconcealed\u201d where the source has \u201chidden from the party for year\u201d"
    )


def test_external_source_copied_into_content_sources_is_used(tmp_path: Path) -> None:
    problems = broken(
        tmp_path,
        use_article("The testament was hidden"),
        lambda root: (root / "sources/article.txt").write_text(ARTICLE, encoding="utf-8"),
    )

    assert problems == []


def test_excerpt_with_a_changed_word(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_slide(d)["based_on"][0].__setitem__("excerpt", "Stalin is too crude"))

    problem = the_problem(problems, CH1, "slides[0].based_on[0].excerpt")
    assert problem.message.startswith("excerpt is not verbatim in source 'testament': differs from the source after")
    assert "\u201ccrude\u201d" in problem.message
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"Stalin is too crude"')


def test_paragraph_with_a_changed_word(tmp_path: Path) -> None:
    changed = "Postscript: Stalin is too crude, and this fault"
    problems = broken(tmp_path, lambda d: first_paragraph(d)["text"].__setitem__("en", changed))

    problem = the_problem(problems, DOC, "parts[0].paragraphs[0].text.en")
    assert problem.message.startswith("paragraph is not verbatim in source 'testament': ")
    assert "\u201ccrude, and this fault\u201d" in problem.message
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, f'"{changed}"')


def test_mention_text_absent_from_the_paragraph(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_paragraph(d)["mentions"][0]["text"].__setitem__("ru", "Сталина"))

    problem = the_problem(problems, DOC, "parts[0].paragraphs[0].mentions[0].text.ru")
    assert problem.message == "\u201cСталина\u201d does not appear in the paragraph's 'ru' text"
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, '"Сталина"')


def test_note_anchor_absent_from_the_paragraph(tmp_path: Path) -> None:
    def annotate(data: dict) -> None:
        first_paragraph(data)["notes"] = [
            {"anchor": {"en": "General Secretary", "ru": "Сталин"}, "note": {"en": "A post.", "ru": "Пост."}}
        ]

    problems = broken(tmp_path, annotate)

    problem = the_problem(problems, DOC, "parts[0].paragraphs[0].notes[0].anchor.en")
    assert problem.message == "\u201cGeneral Secretary\u201d does not appear in the paragraph's 'en' text"
    assert (problem.line, problem.column) == position_of(tmp_path / DOC, '"General Secretary"')


# --- timeline -----------------------------------------------------------------------------------------------


def test_event_outside_the_timeline(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["timeline.json"]["events"][0].__setitem__("date", "1933-01"))

    problem = the_problem(problems, "timeline.json", "events[0].date")
    assert problem.message == "the event lies outside the timeline's start and end"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"1933-01"')


def test_event_in_the_last_month_of_the_timeline_is_inside(tmp_path: Path) -> None:
    assert broken(tmp_path, lambda d: d["timeline.json"]["events"][0].__setitem__("date", "1932-12-31")) == []


def test_events_out_of_order_is_a_warning(tmp_path: Path) -> None:
    def earlier_event_last(data: dict) -> None:
        event = copy.deepcopy(data["timeline.json"]["events"][0])
        event.update(id="christmas", date="1922-12-24")
        data["timeline.json"]["events"].append(event)

    problems = broken(tmp_path, earlier_event_last)

    problem = the_problem(problems, "timeline.json", "events[1].date")
    assert problem.severity is Severity.WARNING
    assert problem.message == "events are easier to edit in date order"
    assert (problem.line, problem.column) == position_of(tmp_path / "timeline.json", '"1922-12-24"')


# --- $schema and interface strings --------------------------------------------------------------------------


def test_missing_schema_reference_is_a_warning(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["people.json"].pop("$schema"))

    [problem] = problems
    assert where(problem) == ("people.json", 1, 1, "$schema")
    assert problem.severity is Severity.WARNING
    assert problem.message == 'add "$schema": "schema/people.schema.json" so your editor checks this file as you type'


def test_wrong_schema_reference_is_a_warning_at_the_value(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d[CH1].__setitem__("$schema", "schema/chapter.schema.json"))

    [problem] = problems
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        'add "$schema": "../schema/chapter.schema.json" so your editor checks this file as you type'
    )
    assert (problem.line, problem.column) == position_of(tmp_path / CH1, '"schema/chapter.schema.json"')


def test_missing_interface_string(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["strings.json"]["strings"].pop("home"))

    problem = the_problem(problems, "strings.json", "strings")
    assert problem.severity is Severity.ERROR
    assert problem.message == "the interface string 'home' is missing"
    assert (problem.line, problem.column) == value_after_key(tmp_path / "strings.json", "strings")


def test_unused_interface_string_is_a_warning(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["strings.json"]["strings"].__setitem__("homepage", {"en": "x", "ru": "y"}))

    [problem] = problems
    assert problem.severity is Severity.WARNING
    assert where(problem) == (
        "strings.json",
        *value_after_key(tmp_path / "strings.json", "homepage"),
        "strings.homepage",
    )
    assert problem.message == "'homepage' is not used by the interface"


# --- everything in one run ----------------------------------------------------------------------------------


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    def five_mistakes(data: dict) -> None:
        first_slide(data)["people"].append("trotsky")  # a dangling reference
        data[CH2]["slides"][1]["kind"] = "video"  # a schema error in another chapter
        data["timeline.json"]["events"][0]["date"] = "1924-02-30"  # an impossible date
        data["people.json"]["people"][0]["bio"].pop("ru")  # a missing language
        data["strings.json"]["strings"].pop("still_there")  # a missing interface string

    def sixth_mistake(root: Path) -> None:
        edit_text(root / "sources/sources.json", '"language": "en",', '"language": "en",,')  # JSON syntax

    problems = broken(tmp_path, five_mistakes, sixth_mistake)

    assert sorted((p.file, p.field, p.message) for p in errors(problems)) == [
        (CH1, "slides[0].people[1]", "no person with id 'trotsky' in people.json"),
        (CH2, "slides[1].kind", "unknown kind 'video': expected one of 'narrative', 'quote', 'document', 'comparison'"),
        ("people.json", "people[0].bio", "the 'ru' text is missing"),
        ("sources/sources.json", "", "JSON syntax: expected a key in double quotes"),
        ("strings.json", "strings", "the interface string 'still_there' is missing"),
        ("timeline.json", "events[0].date", "'1924-02-30' is not a real date (day is out of range for month)"),
    ]
    assert warnings(problems) == []


def test_every_mistake_of_a_file_that_fails_its_schema_is_reported_in_one_run(tmp_path: Path) -> None:
    seeded = write_many_mistakes(tmp_path)

    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, media_roots=[tmp_path / "media"])

    found = [Seeded(p.file, p.line, p.column, p.field, p.message) for p in caught.value.problems]
    # Each one at its place, and no error that only follows from another.
    assert sorted(map(Seeded.format, found)) == sorted(map(Seeded.format, seeded))
    assert len(caught.value.errors) == len(seeded)


def test_a_slide_of_unknown_kind_is_still_checked_and_still_linked(tmp_path: Path) -> None:
    def video(data: dict) -> None:
        first_slide(data)["kind"] = "video"
        first_slide(data)["based_on"][0]["excerpt"] = "Stalin is too crude"
        first_slide(data)["people"].append("trotsky")

    problems = broken(tmp_path, video)

    # The timeline's link to one/narrative still reaches it: its id was read.
    assert sorted((p.file, p.field) for p in problems) == [
        (CH1, "slides[0].based_on[0].excerpt"),
        (CH1, "slides[0].kind"),
        (CH1, "slides[0].people[1]"),
    ]


@pytest.mark.parametrize(
    ("file", "edit", "field"),
    [
        ("people.json", lambda d: d["people.json"]["people"][0].__setitem__("id", "Stalin"), "people[0].id"),
        (CH1, lambda d: first_slide(d).__setitem__("id", "Narrative"), "slides[0].id"),
        ("sources/sources.json", lambda d: d["sources/sources.json"]["sources"][0].pop("id"), "sources[0].id"),
        (DOC, lambda d: first_paragraph(d).__setitem__("id", 1), "parts[0].paragraphs[0].id"),
        ("exhibit.json", lambda d: d["exhibit.json"]["languages"][1].__setitem__("code", "RU"), "languages[1].code"),
    ],
    ids=["person", "slide", "source", "paragraph", "language"],
)
def test_an_unreadable_id_is_one_error_not_a_cascade_of_dangling_references(
    tmp_path: Path, file: str, edit: object, field: str
) -> None:
    problems = broken(tmp_path, edit)  # type: ignore[arg-type]

    # The people, slides, sources, paragraphs and texts in a language that refer to it are not flagged.
    assert [(p.file, p.field) for p in problems] == [(file, field)]


@pytest.mark.parametrize(
    ("myth", "field"),
    [
        ({"story": "Bad", "accounts": ["one/narrative"], "near_words": ["home"]}, "myth.story"),
        ({"story": "two/compare", "accounts": 5, "near_words": ["home"]}, "myth.accounts"),
        ({"story": "two/compare", "accounts": ["one/narrative"], "near_words": [5]}, "myth.near_words[0]"),
    ],
    ids=["story", "accounts", "near-words"],
)
def test_a_myth_the_schema_refuses_in_part_is_checked_for_the_rest(tmp_path: Path, myth: dict, field: str) -> None:
    def add_myth(data: dict) -> None:
        data["exhibit.json"]["myth"] = myth

    problems = broken(tmp_path, add_myth)

    assert [(p.file, p.field) for p in problems] == [("exhibit.json", field)]


def test_an_unreadable_exhibit_json_hides_nothing_and_sets_off_nothing(tmp_path: Path) -> None:
    def mistakes(data: dict) -> None:
        chapter_one(data)["image"]["src"] = "../paper.png"
        first_slide(data)["body"]["en"] = words(100)  # limits raised in exhibit.json may allow it
        data["people.json"]["people"][0]["bio"]["de"] = "Bio"  # languages added there may include it

    def syntax_error(root: Path) -> None:
        edit_text(root / "exhibit.json", '"default_language": "en",', '"default_language": "en",,')

    problems = broken(tmp_path, mistakes, syntax_error)

    assert [(p.file, p.field, p.message) for p in problems] == [
        (CH1, "image.src", "the path leaves the media folder ('..' is not allowed)"),
        ("exhibit.json", "", "JSON syntax: expected a key in double quotes"),
    ]


def test_problems_come_sorted_by_file_and_position(tmp_path: Path) -> None:
    def scattered(data: dict) -> None:
        data["timeline.json"]["events"][0]["people"].append("nobody")
        quote_slide(data)["heading"].pop("ru")
        first_slide(data)["heading"].pop("ru")

    problems = broken(tmp_path, scattered)

    assert problems == sorted(problems)
    assert [(p.file, p.field) for p in problems] == [
        (CH1, "slides[0].heading"),
        (CH1, "slides[1].heading"),
        ("timeline.json", "events[0].people[1]"),
    ]


# --- known weaknesses: each flips to a pass once fixed (see the report) -------------------------------------


def test_a_broken_document_does_not_cascade_into_its_slides(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: first_paragraph(d).__setitem__("page", "one"))

    assert [(p.file, p.field) for p in errors(problems)] == [(DOC, "parts[0].paragraphs[0].page")]


def test_a_broken_exhibit_json_does_not_hide_chapter_errors(tmp_path: Path) -> None:
    def two_mistakes(data: dict) -> None:
        data["exhibit.json"]["titel"] = data["exhibit.json"].pop("title")
        first_slide(data)["kind"] = "video"

    problems = broken(tmp_path, two_mistakes)

    assert (CH1, "slides[0].kind") in {(p.file, p.field) for p in problems}


def test_a_missing_text_file_is_one_error_not_a_flood_of_warnings(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["sources/sources.json"]["sources"][0].__setitem__("text_file", "gone.txt"))

    assert [p.message for p in problems] == ["sources/gone.txt does not exist"]


def test_a_bad_interface_string_key_gets_the_right_advice(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: d["strings.json"]["strings"].__setitem__("Bad-Key", {"en": "x", "ru": "y"}))

    problem = the_problem(problems, "strings.json", "strings.Bad-Key")
    assert "hyphen" not in problem.message
    assert "underscore" in problem.message
    assert (problem.line, problem.column) == position_of(tmp_path / "strings.json", '"Bad-Key"')


def test_a_source_text_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems = broken(tmp_path, after=lambda root: (root / "sources/testament.en.txt").write_bytes(b"\xff\xfe rude"))

    assert any(p.file == "sources/sources.json" and "UTF-8" in p.message for p in problems)


def test_an_absurdly_long_image_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems = broken(tmp_path, lambda d: chapter_one(d)["image"].__setitem__("src", "x" * 300 + ".png"))

    assert the_problem(problems, CH1, "image.src").message.startswith("image file not found")


def test_a_number_with_thousands_of_digits_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    def huge_number(root: Path) -> None:
        edit_text(root / "people.json", '"people": [', '"n": ' + "9" * 5000 + ', "people": [')

    problems = broken(tmp_path, after=huge_number)

    assert the_problem(problems, "people.json", "").message.startswith("JSON syntax")
