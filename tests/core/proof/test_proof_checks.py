"""The proof sheets' pure parts: contrast, sizes and blur arithmetic, the view list, tracing shown text back to
its content field, grouping findings, and the PNG writer. No Qt."""

from __future__ import annotations

import copy
import io
import json

import pytest
from contentkit import files, t, write_content
from PIL import Image, ImageDraw

from kiosk.core.content import jsonpos
from kiosk.core.content.loader import load_content
from kiosk.core.content.sources import TextIndex, normalise, parse_field_path
from kiosk.core.media import fonts
from kiosk.core.presentation.screens import (
    STATE_IDLE,
    STATE_NOTE_PREFIX,
    STATE_PIN,
    STATE_WHOLE_PAGE,
    STATE_ZOOM_MAX,
    proof_views,
)
from kiosk.core.proof import legibility
from kiosk.core.proof.findings import ERROR, WARNING, Finding, group_findings, summary
from kiosk.tools.proof.pngfile import encode_rgb

PAPER, INK, INK_SOFT, RED = (0xEF, 0xE6, 0xD2), (0x1F, 0x1B, 0x16), (0x4A, 0x40, 0x36), (0xA3, 0x24, 0x2A)


# --- arithmetic ----------------------------------------------------------------------------------------------


def test_contrast_ratios_match_the_style_guide() -> None:
    assert legibility.contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert legibility.contrast_ratio(PAPER, PAPER) == pytest.approx(1.0)
    assert legibility.contrast_ratio(INK, PAPER) == pytest.approx(13.8, abs=0.15)
    assert legibility.contrast_ratio(INK_SOFT, PAPER) == pytest.approx(8.1, abs=0.15)
    assert legibility.contrast_ratio(RED, PAPER) == pytest.approx(6.0, abs=0.15)


def test_cap_height_and_minimums() -> None:
    # Theme.bodySize is 7.2 mm of em: 5.04 mm of cap height
    assert legibility.cap_height_mm(7.2 * 3, 3.0) == pytest.approx(5.04)
    assert legibility.minimum_cap_mm("Next", 1) == legibility.MIN_CAPTION_CAP_MM
    assert legibility.minimum_cap_mm("word " * 40, 2) == legibility.MIN_BODY_CAP_MM
    assert legibility.minimum_cap_mm("a long line", 6) == legibility.MIN_BODY_CAP_MM
    assert legibility.millimetres(45, 3.0) == pytest.approx(15.0)


def test_upscale_factor_takes_the_worse_axis() -> None:
    assert legibility.upscale_factor((1920, 1080), (3840, 2160)) == pytest.approx(0.5)
    assert legibility.upscale_factor((1600, 800), (800, 800)) == pytest.approx(2.0)
    assert legibility.upscale_factor((100, 100), (0, 0)) == 0.0


def _text_image(text_rgb, background, size=(360, 90)) -> Image.Image:
    """Text drawn in ``text_rgb`` on ``background`` (a colour, or an image to paste)."""
    image = background.copy() if isinstance(background, Image.Image) else Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.text((10, 15), "Hamburgefonstiv", font=fonts.font("sans-bold", 48), fill=text_rgb)
    return image


def test_contrast_is_measured_on_rendered_pixels() -> None:
    measured = legibility.measure_contrast(_text_image(INK, PAPER), INK, glyph_px=48)
    assert measured is not None and measured.solid
    assert measured.ratio == pytest.approx(legibility.contrast_ratio(INK, PAPER), rel=0.05)
    assert measured.background == pytest.approx(PAPER, abs=2)


def test_text_in_its_background_colour_has_no_contrast() -> None:
    measured = legibility.measure_contrast(_text_image(PAPER, PAPER), PAPER, glyph_px=48)
    assert measured is not None and measured.ratio < 1.1


def test_text_over_a_picture_is_judged_by_the_pictures_worst_parts() -> None:
    # half the "picture" is nearly the text's colour: the average looks fine, the dark half does not
    picture = Image.new("RGB", (360, 90), PAPER)
    picture.paste((60, 55, 50), (0, 0, 180, 90))
    on_picture = legibility.contrast_on_background(picture, INK)
    assert on_picture is not None and not on_picture.solid
    assert on_picture.ratio < legibility.MIN_CONTRAST < on_picture.typical or on_picture.ratio < 2
    plain = legibility.contrast_on_background(Image.new("RGB", (360, 90), PAPER), INK)
    assert plain is not None and plain.solid and plain.ratio == pytest.approx(13.8, abs=0.3)


def test_a_faded_text_counts_as_drawn() -> None:
    measured = legibility.contrast_on_background(Image.new("RGB", (50, 20), PAPER), INK, opacity=0.3)
    assert measured is not None and measured.ratio < legibility.MIN_CONTRAST


# --- the views -----------------------------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path):
    root = write_content(tmp_path / "content", files())
    return load_content(root, media_roots=[root / "media"])


def test_every_view_once_with_a_stable_name(content) -> None:
    views = proof_views(content)
    names = [v.name for v in views]
    assert len(names) == len(set(names))
    slides = sum(len(c.slides) for c in content.chapters)
    paragraphs = sum(len(p.paragraphs) for d in content.documents.values() for p in d.parts)
    people = len(content.people.people)
    events = len(content.timeline.events)
    pages = sum(len(d.facsimile) for d in content.documents.values())  # one page: zoomed in (whole is ps-1's)
    notes = sum(len(p.notes) for d in content.documents.values() for part in d.parts for p in part.paragraphs)
    myth_steps = 2  # after the search (the verdict), then the account
    assert len(views) == 2 + slides + paragraphs + notes + pages + 1 + events + 1 + people + 1 + myth_steps + 2
    assert names[:2] == ["01-attract", "02-home"]
    first_slide = views[2]
    assert first_slide.name == "03-chapter-one-01-narrative"
    assert first_slide.link == "chapter/one/0"
    assert (first_slide.file, first_slide.field) == ("chapters/one.json", "slides[0]")
    assert [v.state for v in views[-2:]] == [STATE_IDLE, STATE_PIN]
    # a view is also a (name, link, file, field) tuple
    name, link, file, field, _state = views[2]
    assert (name, link, file, field) == tuple(first_slide)[:4]


def test_each_facsimile_page_whole_and_zoomed_in_through_its_first_paragraph(tmp_path) -> None:
    data = copy.deepcopy(files())
    document = data["documents/testament.json"]
    document["facsimile"].append(copy.deepcopy(document["facsimile"][0]))
    paragraphs = document["parts"][0]["paragraphs"]
    for number in (2, 3):
        paragraphs.append({**copy.deepcopy(paragraphs[0]), "id": f"ps-{number}", "page": 2})
    root = write_content(tmp_path / "content", data)
    views = proof_views(load_content(root, media_roots=[root / "media"]))

    pages = [(v.name, v.link, v.field, v.state) for v in views if "-page-" in v.name]
    assert pages == [
        # page 1 is whole in the first paragraph's own view
        ("04-document-testament-page-1-zoom-max", "document/testament/0", "facsimile[0]", STATE_ZOOM_MAX),
        ("04-document-testament-page-2", "document/testament/1", "facsimile[1]", STATE_WHOLE_PAGE),
        ("04-document-testament-page-2-zoom-max", "document/testament/1", "facsimile[1]", STATE_ZOOM_MAX),
    ]
    names = [v.name for v in views]
    assert names.index("04-document-testament-03-ps-3") < names.index("04-document-testament-page-1-zoom-max")
    assert not any("-page-" in v.name for v in proof_views(load_content(root, media_roots=[root / "media"]), ()))


def test_each_note_open_over_its_paragraph_numbered_through_the_document(tmp_path) -> None:
    data = copy.deepcopy(files())
    paragraphs = data["documents/testament.json"]["parts"][0]["paragraphs"]
    gloss = {"anchor": t("Stalin", "Сталин"), "note": t("General Secretary.", "Генеральный секретарь.")}
    paragraphs[0]["notes"] = [gloss, copy.deepcopy(gloss)]
    paragraphs.append({**copy.deepcopy(paragraphs[0]), "id": "ps-2", "notes": [copy.deepcopy(gloss)]})
    root = write_content(tmp_path / "content", data)
    views = proof_views(load_content(root, media_roots=[root / "media"]))

    notes = [(v.name, v.link, v.field, v.state) for v in views if v.state.startswith(STATE_NOTE_PREFIX)]
    assert notes == [
        ("04-document-testament-01-note-1", "document/testament/0", "parts[0].paragraphs[0].notes[0]", "note-1"),
        ("04-document-testament-01-note-2", "document/testament/0", "parts[0].paragraphs[0].notes[1]", "note-2"),
        ("04-document-testament-02-note-3", "document/testament/1", "parts[0].paragraphs[1].notes[0]", "note-3"),
    ]
    names = [v.name for v in views]
    assert names.index("04-document-testament-01-ps-1") < names.index("04-document-testament-01-note-1")
    assert names.index("04-document-testament-01-note-2") < names.index("04-document-testament-02-ps-2")


def test_the_myth_after_its_search_and_explained(content) -> None:
    myth = [(v.name, v.link) for v in proof_views(content) if v.name.startswith("08-")]
    assert myth == [("08-myth", "myth"), ("08-myth-1-verdict", "myth//1"), ("08-myth-2-account", "myth//2")]


def test_screens_without_details_are_one_view(content) -> None:
    views = proof_views(content, detail=())
    links = [v.link for v in views]
    assert "document/testament" in links and "timeline" in links and "people" in links
    assert not any(link.startswith(("person/", "timeline/")) for link in links)
    assert not any(link.startswith("document/testament/") for link in links)


# --- where a shown text comes from ----------------------------------------------------------------------------


def _index(tmp_path, data=None):
    root = write_content(tmp_path / "content", data or files())
    return TextIndex(root, ["en", "ru"]), root


def test_a_heading_is_traced_to_its_field_and_line(tmp_path) -> None:
    index, root = _index(tmp_path)
    match = index.locate("A letter", "en", ("chapters/one.json", ("slides", 0)))
    assert match is not None and match.how == "exact"
    assert (match.ref.file, match.ref.field) == ("chapters/one.json", "slides[0].heading.en")
    located = jsonpos.parse((root / "chapters/one.json").read_text(encoding="utf-8"))
    assert match.ref.line == located.locate(("slides", 0, "heading", "en"))[0]
    ru = index.locate("A letter (ru)", "ru")
    assert ru is not None and ru.ref.field == "slides[0].heading.ru"


def test_interface_strings_with_placeholders_and_decorated_quotes(tmp_path) -> None:
    data = copy.deepcopy(files())
    data["strings.json"]["strings"]["slide_of"] = t("{n} of {m}", "{n} из {m}")
    index, _root = _index(tmp_path, data)
    counter = index.locate("3 of 12", "en")
    assert counter is not None and counter.how == "template" and counter.ref.field == "strings.slide_of.en"
    assert index.locate("3 из 12", "ru").ref.field == "strings.slide_of.ru"  # type: ignore[union-attr]
    quoted = index.locate("“Stalin is too rude, and this fault”", "en", ("chapters/one.json", ("slides", 1)))
    assert quoted is not None and quoted.ref.field == "slides[1].quote.text.en"


def test_rich_text_is_read_for_what_it_says() -> None:
    shown = "<style>a { color: red; }</style><p>Comrade <a href='stalin'>Stalin</a>&nbsp;has</p>"
    assert normalise(shown) == "Comrade Stalin has"
    assert parse_field_path("slides[2].body.ru") == ("slides", 2, "body", "ru")


def test_a_text_missing_a_language_is_known(tmp_path) -> None:
    data = copy.deepcopy(files())
    del data["chapters/one.json"]["slides"][0]["body"]["ru"]
    index, _root = _index(tmp_path, data)
    body = [n for n in index.nodes_under("chapters/one.json", ("slides", 0)) if n.path[-1] == "body"]
    assert body and "ru" not in body[0].values
    shown_in_ru = index.locate("Lenin dictates a letter.", "ru", ("chapters/one.json", ("slides", 0)))
    assert shown_in_ru is not None and shown_in_ru.node is not None and "ru" not in shown_in_ru.node.values


# --- findings and files ---------------------------------------------------------------------------------------


def test_findings_of_one_field_in_two_languages_are_one_problem() -> None:
    common = {"view": "v", "file": "chapters/one.json", "line": 12, "qml": "SlideHeading.qml"}
    findings = [
        Finding("text-fit", ERROR, "cut off", language=lang, shape=size, field=f"slides[0].heading.{lang}", **common)
        for lang, size in (("en", "1920x1080"), ("ru", "1080x1920"))
    ] + [
        Finding("contrast", WARNING, "low", view="v", language="en", shape="1920x1080", qml="KButton.qml", text="Next"),
    ]
    groups = group_findings(findings)
    assert [g.check for g in groups] == ["text-fit", "contrast"]  # errors first
    assert len(groups[0].occurrences) == 2 and groups[0].field == "slides[0].heading"
    assert groups[0].to_json()["languages"] == ["en", "ru"]
    assert summary(findings)["errors"] == 1 and summary(findings)["warnings"] == 1
    assert json.dumps([g.to_json() for g in groups])


def test_the_png_writer_writes_what_pillow_reads() -> None:
    picture = Image.new("RGB", (37, 11), PAPER)
    picture.putpixel((5, 5), RED)
    data = picture.tobytes()
    padded = b"".join(data[row * 37 * 3 : (row + 1) * 37 * 3] + b"\0" for row in range(11))  # a stride of 112
    for raw, stride in ((data, None), (padded, 37 * 3 + 1)):
        decoded = Image.open(io.BytesIO(encode_rgb(37, 11, raw, stride=stride)))
        assert decoded.size == (37, 11) and decoded.convert("RGB").tobytes() == data
