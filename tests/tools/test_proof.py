"""``kiosk proof`` on a small exhibit with planted problems, the checks on hand-made QML scenes, the curator
overlay, and the shipped exhibit under --strict.

The proof run is done once per module (one renderer, as the command does) and its result inspected by several
tests; it renders every view in two languages at two screen shapes.
"""

from __future__ import annotations

import copy
import json
import os

import pytest
from contentkit import write_content
from PIL import Image
from PySide6.QtCore import QObject, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from qtkit import kiosk_files, wait_settled

from kiosk.core.content.loader import load_content
from kiosk.core.proof.checks import Context, check_scene
from kiosk.core.proof.findings import ERROR
from kiosk.qt.items import top_level, wait_until
from kiosk.qt.kiosk import KioskOptions
from kiosk.qt.proof.frame import LazyBackground, QtFrame
from kiosk.qt.proof.scene import OVERLAY_NAME, collect
from kiosk.tools.proof.render import Shape

LONG_WORD = "Unbreakable" * 6  # 66 characters: within the validator's heading limit of 70, wider than any screen
SHAPES = [Shape(1920, 1080), Shape(1080, 1920)]
LANGUAGES = ["en", "ru"]


@pytest.fixture(scope="module")
def proof(qapp, tmp_path_factory):
    """A proof run over contentkit's exhibit with an over-long heading; its images are tiny (64×48 px)."""
    from kiosk.tools.proof.run import run_proof
    from kiosk.tools.proof.sheets import write_outputs

    data = copy.deepcopy(kiosk_files())
    data["chapters/one.json"]["slides"][0]["heading"]["en"] = LONG_WORD
    root = write_content(tmp_path_factory.mktemp("content"), data)
    content = load_content(root, media_roots=[root / "media"])
    out = tmp_path_factory.mktemp("proof")
    result = run_proof(content, out, languages=LANGUAGES, shapes=SHAPES, media_roots=[root / "media"])
    index, report, _sheets = write_outputs(result, out)
    return result, out, root, json.loads(report.read_text(encoding="utf-8")), index


def test_one_image_per_view_language_and_shape_none_blank(proof) -> None:
    result, out, _root, report, _index = proof
    pngs = sorted(out.glob("*/*/*.png"))
    assert len(result.views) > 10
    assert len(pngs) == len(result.views) * len(LANGUAGES) * len(SHAPES) == report["images"]
    assert {p.relative_to(out).parts[:2] for p in pngs} == {(lang, s.name) for lang in LANGUAGES for s in SHAPES}
    assert (out / "en" / "1920x1080" / "03-chapter-one-01-narrative.png").is_file()
    for path in pngs:
        with Image.open(path) as image:
            small = image.convert("RGB").resize((96, 54))
            colours = small.getcolors(96 * 54)
            assert colours is not None and len(colours) > 4, f"{path} looks blank"
            assert max(colours)[0] < 0.98 * 96 * 54, f"{path} is one colour"
    assert not any(shot.blank or not shot.opened for shot in result.shots)


def test_an_over_long_heading_is_reported_with_its_file_and_field(proof) -> None:
    _result, _out, root, report, _index = proof
    found = [g for g in report["findings"] if g["check"] == "text-fit" and LONG_WORD[:30] in g["text"]]
    assert found, [g["message"] for g in report["findings"]]
    for group in found:  # the slide, and the timeline, which shows the slide's heading too
        assert group["severity"] == ERROR
        assert (group["file"], group["field"]) == ("chapters/one.json", "slides[0].heading")
    on_slide = [o for g in found for o in g["occurrences"] if o["view"].startswith("03-chapter-one-01")]
    assert on_slide, [o["view"] for g in found for o in g["occurrences"]]
    occurrence = on_slide[0]
    assert occurrence["field"] == "slides[0].heading.en" and occurrence["language"] == "en"
    lines = (root / "chapters" / "one.json").read_text(encoding="utf-8").splitlines()
    assert LONG_WORD in lines[occurrence["line"] - 1]
    assert occurrence["image"] == f"en/{occurrence['shape']}/{occurrence['view']}.png"


def test_a_tiny_image_is_reported_as_blurry(proof) -> None:
    *_, report, _index = proof
    blurry = [g for g in report["findings"] if g["check"] == "image-blurry"]
    assert blurry and blurry[0]["severity"] == ERROR
    assert any("64×48 px file" in g["message"] and g["file"] for g in blurry)


def test_the_report_and_the_contact_sheets(proof) -> None:
    result, out, _root, report, index = proof
    html = index.read_text(encoding="utf-8")
    for shot in result.shots[:5]:
        assert f"href='{shot.path}'" in html
    for language in LANGUAGES:
        for shape in SHAPES:
            sheet = out / "sheets" / f"{language}-{shape.name}.png"
            assert sheet.is_file() and f"sheets/{language}-{shape.name}.png" in html
    assert report["summary"]["errors"] >= 2 and "text-fit" in report["checks"]
    assert result.qml_warnings == [] and report["qml_warnings"] == []


def test_the_facsimile_is_proofed_zoomed_in_as_well_as_whole(proof) -> None:
    result, out, *_ = proof
    names = [view.name for view in result.views]
    assert "04-document-testament-page-1-zoom-max" in names
    for language in LANGUAGES:
        for shape in SHAPES:
            folder = out / language / shape.name
            with Image.open(folder / "04-document-testament-01-ps-1.png") as whole, Image.open(
                folder / "04-document-testament-page-1-zoom-max.png"
            ) as zoomed:
                assert whole.convert("RGB").tobytes() != zoomed.convert("RGB").tobytes()


# --- the output folder used again ------------------------------------------------------------------------------


def test_a_second_run_keeps_unchanged_pictures_and_removes_only_its_own_stale_ones(qapp, tmp_path) -> None:
    from kiosk.tools.proof import manifest
    from kiosk.tools.proof.render import Renderer
    from kiosk.tools.proof.run import run_proof
    from kiosk.tools.proof.sheets import write_outputs

    root = write_content(tmp_path / "content", kiosk_files())
    content = load_content(root, media_roots=[root / "media"])
    out, shape = tmp_path / "proof", Shape(1920, 1080)
    renderer = Renderer(content, shape=shape, media_roots=[root / "media"])
    try:
        def run(only: list[str]) -> None:
            write_outputs(run_proof(content, out, languages=["en"], shapes=[shape], only=only, renderer=renderer), out)

        run(["01-attract", "02-home"])
        home, attract = out / "en/1920x1080/02-home.png", out / "en/1920x1080/01-attract.png"
        written = home.stat().st_mtime_ns
        curators = [out / "en/1920x1080/09-my-notes.png", out / "notes.txt", out / "mine/01-attract.png"]
        for path in curators:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"a curator's own file")

        run(["02-home"])  # the attract view is no longer asked for

        assert home.is_file() and home.stat().st_mtime_ns == written  # the same pixels: not encoded again
        assert not attract.exists()
        assert all(path.read_bytes() == b"a curator's own file" for path in curators)
        assert set(manifest.load(out)) == {"en/1920x1080/02-home.png", "sheets/en-1920x1080.png"}
        # a picture the proof wrote and someone changed is written again
        home.write_bytes(b"edited")
        run(["02-home"])
        with Image.open(home) as image:
            assert image.size == (1920, 1080)
    finally:
        renderer.close()


def test_a_view_is_grabbed_once_nothing_in_it_moves_any_more(qapp, tmp_path) -> None:
    """What changes a moment after a view is shown is in its frame (a list view told its current item moves there
    at the animation timer's next tick): the proof grabs until two grabs draw the same."""
    from PySide6.QtCore import QMetaObject

    from kiosk.tools.proof.render import Renderer

    root = write_content(tmp_path / "content", kiosk_files())
    content = load_content(root, media_roots=[root / "media"])
    renderer = Renderer(content, shape=Shape(1920, 1080), media_roots=[root / "media"])
    try:
        renderer.settle()
        component = QQmlComponent(renderer.app.engine)
        component.setData(
            b"""import QtQuick
            Rectangle {
                width: 40; height: 40; color: "#000000"
                function start() { later.start() }
                Timer { id: later; interval: 10; onTriggered: parent.color = "#ff0000" }
            }""",
            QUrl(),
        )
        box = component.create()
        box.setParentItem(renderer.window.contentItem())
        QMetaObject.invokeMethod(box, "start")
        frame = renderer.settle()
        assert frame.pixelColor(20, 20).name() == "#ff0000"
    finally:
        renderer.close()


def test_a_manifest_never_points_outside_the_output_folder(tmp_path) -> None:
    from kiosk.tools.proof import manifest

    out = tmp_path / "proof"
    out.mkdir()
    outside = tmp_path / "precious.png"
    outside.write_bytes(b"keep")
    (out / manifest.MANIFEST).write_text(
        json.dumps({"version": 1, "files": {"../precious.png": {}, str(outside): {}, "en/x.png": {}}})
    )
    previous = manifest.load(out)
    assert set(previous) == {"en/x.png"}
    manifest.remove_stale(out, previous, set())
    assert outside.read_bytes() == b"keep"


# --- several processes -----------------------------------------------------------------------------------------


def test_shapes_are_split_by_work_and_keep_their_order() -> None:
    from kiosk.tools.proof.workers import split_shapes

    full_hd, four_k, portrait = Shape(1920, 1080), Shape(3840, 2160), Shape(1080, 1920)
    assert split_shapes([full_hd, four_k, portrait], 2) == [[four_k], [full_hd, portrait]]
    assert split_shapes([full_hd, four_k, portrait], 3) == [[four_k], [full_hd], [portrait]]
    assert split_shapes([full_hd], 2) == [[full_hd]]


class Bar:
    """A progress bar that counts."""

    def __init__(self, total: int):
        self.total, self.done = total, 0

    def advance(self, n: int = 1) -> None:
        self.done += n


@pytest.mark.slow
def test_two_processes_find_what_one_finds(qapp, tmp_path) -> None:
    from kiosk.tools.proof.workers import run_in_processes

    data = copy.deepcopy(kiosk_files())
    data["chapters/one.json"]["slides"][0]["heading"]["en"] = LONG_WORD
    root = write_content(tmp_path / "content", data)
    content = load_content(root, media_roots=[root / "media"])
    common = {"languages": LANGUAGES, "shapes": SHAPES, "media_roots": [root / "media"], "only": ["03-*", "09-*"]}
    # both in fresh processes, as the command runs them (this one's Qt may render with another backend)
    single = run_in_processes(content, tmp_path / "one", processes=1, **common)
    bars: list[Bar] = []
    split = run_in_processes(content, tmp_path / "two", processes=2, progress=lambda n: bars.append(Bar(n)) or bars[-1],
                             **common)

    def key(finding):
        return (finding.check, finding.view, finding.language, finding.shape, finding.field, finding.message)

    assert [s.path for s in split.shots] == [s.path for s in single.shots]
    assert [key(f) for f in split.findings] == [key(f) for f in single.findings]
    assert any(f.check == "text-fit" for f in split.findings)
    assert [(bar.total, bar.done) for bar in bars] == [(len(single.shots), len(single.shots))]
    assert [(s.language, s.shape) for s in split.sheets] == [(lang, s.name) for s in SHAPES for lang in LANGUAGES]
    for shot in single.shots:
        with Image.open(tmp_path / "one" / shot.path) as a, Image.open(tmp_path / "two" / shot.path) as b:
            assert a.tobytes() == b.tobytes(), shot.path


# --- the checks on scenes made for them ------------------------------------------------------------------------

SCENE = """
import QtQuick
Window {
    width: 480; height: 320; visible: true; color: "#EFE6D2"
    Rectangle {
        anchors.fill: parent; color: "#EFE6D2"
        Text { objectName: "invisible"; x: 20; y: 20; text: "Paper on paper"; color: "#EFE6D2"; font.pixelSize: 30 }
        Text { objectName: "readable"; x: 20; y: 70; text: "Ink on paper"; color: "#1F1B16"; font.pixelSize: 30 }
        Rectangle {
            x: 20; y: 130; width: 440; height: 60
            gradient: Gradient { orientation: Gradient.Horizontal
                GradientStop { position: 0.0; color: "#EFE6D2" } GradientStop { position: 1.0; color: "#16130F" } }
            Text {
                objectName: "overPicture"; x: 10; y: 10; text: "Ink over a dark picture"; color: "#1F1B16"
                font.pixelSize: 30
            }
        }
        Rectangle {
            objectName: "smallButton"; x: 20; y: 220; width: 30; height: 30; color: "#A3242A"
            Accessible.role: Accessible.Button; Accessible.name: "Tiny"
        }
    }
}
"""


@pytest.fixture
def scene_window(qapp):
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(SCENE.encode(), QUrl("file:///proof-scene.qml"))
    window = component.create()
    assert window is not None, component.errorString()
    assert wait_until(window.isExposed, 5.0)
    yield window
    window.close()
    window.deleteLater()
    engine.deleteLater()


def test_contrast_is_measured_against_what_is_behind_the_text(scene_window) -> None:
    scene = collect(scene_window)
    names = {t.item.objectName(): t for t in scene.texts}
    assert set(names) >= {"invisible", "readable", "overPicture"}
    context = Context(px_per_mm=3.0, language="en", view=None, index=None, media_roots=())
    frame = QtFrame(scene_window.grabWindow())
    findings = check_scene(scene, frame, context, LazyBackground(scene_window, scene))
    low = {f.text for f in findings if f.check == "contrast"}
    assert "Paper on paper" in low
    assert "Ink over a dark picture" in low
    assert "Ink on paper" not in low
    # the texts are back after the background was grabbed without them
    assert all(t.item.opacity() == 1.0 for t in scene.texts)
    small = [f for f in findings if f.check == "touch-target"]
    assert small and small[0].text == "Tiny" and small[0].value == pytest.approx(10.0)


# --- the curator overlay ---------------------------------------------------------------------------------------


def _tools(app) -> QObject:
    overlay = top_level(app.window, name=OVERLAY_NAME)
    return overlay.findChild(QObject, "curatorTools")


def test_the_curator_overlay_only_in_preview(qtbot, make_kiosk_app) -> None:
    from qtkit import is_shown

    kiosk = make_kiosk_app()
    assert not is_shown(kiosk.window, "curatorToggle")
    preview = make_kiosk_app(options=KioskOptions(preview=True))
    qtbot.waitUntil(lambda: is_shown(preview.window, "curatorToggle"))


def test_the_curator_goes_to_views_simulates_screens_and_checks(qtbot, make_kiosk_app) -> None:
    app = make_kiosk_app(options=KioskOptions(preview=True), size=(1280, 720))
    tools = _tools(app)
    links = [v["link"] for v in tools.property("views")]
    assert "chapter/one/0" in links and "home" in links
    assert tools.open("chapter/one/0")
    assert app.kiosk.visit.link == "chapter/one/0"
    wait_settled(qtbot, app)  # the curator checks the chapter once it is on screen, as they see it
    tools.simulate("1080x1920")
    assert app.window.height() > app.window.width()
    assert tools.property("shape") == "1080x1920"
    tools.check()
    findings = tools.property("findings")
    assert any(f["check"] == "image-blurry" for f in findings), findings  # the exhibit's images are 64×48 px
    assert "problem" in tools.property("summary")
    tools.simulate("window")
    assert (app.window.width(), app.window.height()) == (1280, 720)


def test_the_curator_goes_to_the_idle_warning_the_pin_pad_and_the_zoomed_facsimile(qtbot, make_kiosk_app) -> None:
    from qtkit import find

    from kiosk.qt.proof.viewstates import FACSIMILE, staff_access

    app = make_kiosk_app(options=KioskOptions(preview=True), size=(1280, 720))
    tools = _tools(app)
    views = {v["name"]: v for v in tools.property("views")}
    assert views["09-idle-warning"]["state"] == "idle-warning" and views["10-staff-pin"]["state"] == "staff-pin"
    staff = staff_access(app.window)

    assert tools.goTo("09-idle-warning")
    assert app.kiosk.idle.state == "warning" and tools.property("shown") == "09-idle-warning"
    assert tools.goTo("10-staff-pin")
    assert app.kiosk.idle.state == "active" and staff.property("stage") == "pin"
    assert tools.property("shown") == "10-staff-pin"
    assert tools.goTo("04-document-testament-page-1-zoom-max")
    assert staff.property("stage") == "closed"
    viewer = find(qtbot, app.window, FACSIMILE)
    qtbot.waitUntil(lambda: viewer.property("zoom") == viewer.property("maxZoom"))
    assert tools.goTo("04-document-testament-01-ps-1")  # the same place without the state: placed afresh
    qtbot.waitUntil(lambda: viewer.property("zoom") == 1)
    assert tools.property("shown") == "04-document-testament-01-ps-1"
    assert not tools.goTo("no-such-view")


def test_the_curator_goes_to_a_note_and_to_the_myth_explained(qtbot, make_kiosk_app, content_root) -> None:
    from contentkit import t
    from qtkit import find, is_shown

    document_file = content_root / "documents" / "testament.json"
    document = json.loads(document_file.read_text(encoding="utf-8"))
    gloss = t("The post at the head of the party.", "Должность во главе партии.")
    document["parts"][0]["paragraphs"][0]["notes"] = [{"anchor": t("Stalin", "Сталин"), "note": gloss}]
    document_file.write_text(json.dumps(document), encoding="utf-8")
    app = make_kiosk_app(options=KioskOptions(preview=True), size=(1280, 720))
    tools = _tools(app)

    assert not is_shown(app.window, "notePanel")
    assert tools.goTo("04-document-testament-01-note-1")
    qtbot.waitUntil(lambda: is_shown(app.window, "notePanel"), timeout=3000)
    assert find(qtbot, app.window, "notePanel").property("text") == "The post at the head of the party."
    assert tools.goTo("04-document-testament-01-ps-1")  # the paragraph again, without its note
    qtbot.waitUntil(lambda: not is_shown(app.window, "notePanel"), timeout=3000)

    assert tools.goTo("08-myth-1-verdict")
    qtbot.waitUntil(lambda: is_shown(app.window, "mythVerdict"), timeout=3000)
    assert not is_shown(app.window, "mythAccountHeading")
    assert tools.goTo("08-myth-2-account")
    qtbot.waitUntil(lambda: is_shown(app.window, "mythAccountHeading"), timeout=3000)


# --- the shipped exhibit ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_shipped_exhibit_passes_strict(qapp, tmp_path) -> None:
    from kiosk import paths
    from kiosk.tools.proof.run import run_proof

    if not (paths.generated_media_dir() / "manifest.json").is_file():
        if os.environ.get("CI"):
            pytest.fail("generated media is missing on CI: run 'kiosk media generate' first (make test does)")
        pytest.skip("generated media is missing: run 'kiosk media generate' (make test does)")
    content = load_content(paths.bundled_content_dir())
    # one view per screen (not every paragraph, event and person): the same screens, a third of the time
    result = run_proof(content, tmp_path, languages=content.languages, shapes=SHAPES, detail=set())
    errors = [f for f in result.findings if f.severity == ERROR]
    assert not errors, "problems in the shipped exhibit:\n" + "\n".join(
        f"{f.check} {f.where} ({f.qml}) {f.text!r}: {f.message} [{f.language} {f.shape} {f.view}]" for f in errors[:40]
    )

