"""image://media and image://icon: renditions picked by size, decoding off the GUI thread, calm placeholders,
icons drawn once into masks and tinted at run time."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # tests/conftest.py forces this too

import pytest
from PIL import Image as PilImage
from PySide6.QtCore import QSize, QThread, QThreadPool, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem

from kiosk.qt import media as images
from kiosk.qt.icons import CREDIT, MASK_SIDE, draw_icons
from kiosk.qt.media import IconImageProvider, MediaImageProvider, load_image

ROOT = Path(__file__).resolve().parents[2]
READY, ERROR = 1, 3  # Image.Ready, Image.Error


def pil(path: Path, size: tuple[int, int], colour: tuple[int, int, int], fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    PilImage.new("RGB", size, colour).save(path, fmt)
    return path


@pytest.fixture
def roots(tmp_path: Path) -> list[Path]:
    content_media = tmp_path / "content" / "media"
    app_media = tmp_path / "media"
    pil(content_media / "photos" / "wide.jpg", (3000, 1500), (200, 30, 30))  # the original: red
    renditions = app_media / "renditions" / "photos" / "wide"
    pil(renditions / "thumb480.jpg", (480, 240), (30, 200, 30))  # green
    pil(renditions / "w1920.jpg", (1920, 960), (30, 30, 200))  # blue
    pil(content_media / "photos" / "only-original.png", (2400, 1200), (120, 120, 120))
    (content_media / "photos" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return [content_media, app_media]


@pytest.fixture
def icons_dir(qapp, tmp_path: Path) -> Path:
    """Masks drawn as ``kiosk media generate`` draws them, for the icons a small QML file names."""
    qml = tmp_path / "qml"
    qml.mkdir()
    (qml / "Bar.qml").write_text('KButton { icon: "fa6s.house" }\nKButton { icon: "fa6s.xmark" }\n')
    report = draw_icons(qml, tmp_path / "icons")
    assert report.drawn == ["fa6s.house", "fa6s.xmark"] and not report.errors
    return tmp_path / "icons"


def colour_of(image) -> tuple[int, int, int]:
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    return c.red(), c.green(), c.blue()


def test_the_smallest_wide_enough_rendition_is_decoded_already_scaled(roots):
    small = load_image(roots, "photos/wide.jpg", QSize(300, 0))
    assert (small.width(), small.height()) == (300, 150)
    assert colour_of(small)[1] > 150  # green: thumb480
    mid = load_image(roots, "photos/wide.jpg", QSize(1000, 0))
    assert (mid.width(), mid.height()) == (1000, 500)
    assert colour_of(mid)[2] > 150  # blue: w1920
    # no rendition wide enough: the widest one, not the original
    assert colour_of(load_image(roots, "photos/wide.jpg", QSize(2500, 0)))[2] > 150
    # an original without renditions is decoded straight at the requested size
    boxed = load_image(roots, "photos/only-original.png", QSize(400, 400))
    assert (boxed.width(), boxed.height()) == (400, 200)
    assert load_image(roots, "photos/only-original.png", QSize()).width() == 2400  # never enlarged or cut


def test_a_4k_pan_wider_than_the_top_rendition_gets_the_original_not_an_enlargement(tmp_path):
    media = tmp_path / "media"
    pil(media / "generated" / "attract" / "pan.jpg", (4800, 2160), (200, 30, 30))  # red
    for name, width in (("thumb480", 480), ("w1920", 1920), ("w3840", 3840)):
        pil(media / "renditions" / "generated" / "attract" / "pan" / f"{name}.jpg", (width, width * 9 // 20),
            (30, 30, 200))
    # Attract asks for 1.08 x the screen's height and pans across the width that gives: 5184 px at 4K
    image = load_image([media], "generated/attract/pan.jpg", QSize(0, round(2160 * 1.08)))
    assert image.width() == 4800 and colour_of(image)[0] > 150


@pytest.mark.parametrize("image_id", ["photos/missing.jpg", "photos/broken.jpg", "../secret.png",
                                      "/etc/passwd", "photos/../../x.png"])
def test_missing_undecodable_or_outside_gives_a_placeholder_and_a_warning(roots, caplog, image_id):
    with caplog.at_level(logging.WARNING, logger="kiosk.qt.media"):
        image = load_image(roots, image_id, QSize(320, 0))
    assert (image.width(), image.height()) == (320, 180)
    assert colour_of(image) == (0xE2, 0xD5, 0xB8)  # paper
    assert [r for r in caplog.records if r.name == "kiosk.qt.media" and r.levelno == logging.WARNING]


QML = b"""
import QtQuick
Item {
    width: 800; height: 600
    component Shown: Image { readonly property int loadStatus: status }
    Shown { objectName: "photo"; source: "image://media/photos/wide.jpg"; sourceSize.width: 500 }
    Shown { objectName: "missing"; source: "image://media/photos/not-there.jpg"; sourceSize.width: 240 }
    Shown { objectName: "icon"; source: "image://icon/fa6s.house?color=%23A3242A"; sourceSize: Qt.size(48, 48) }
    Shown { objectName: "unknown"; source: "image://icon/fa6s.no-such-icon"; sourceSize: Qt.size(32, 32) }
}
"""


@pytest.fixture
def make_scene(qtbot, roots, icons_dir):
    made = []

    def make() -> QQuickItem:
        engine = QQmlEngine()
        engine.addImageProvider("media", MediaImageProvider(roots))
        engine.addImageProvider("icon", IconImageProvider(icons_dir))
        component = QQmlComponent(engine)
        component.setData(QML, QUrl())
        root = component.create()
        assert root is not None, component.errorString()
        made.append((engine, component, root))
        return root

    yield make
    QThreadPool.globalInstance().waitForDone(5000)
    for engine, _component, root in made:
        root.deleteLater()
        engine.deleteLater()


def item(root: QQuickItem, name: str) -> QQuickItem:
    found = root.findChild(QQuickItem, name)
    assert found is not None, name
    return found


def test_qml_images_become_ready_at_the_requested_size(qtbot, make_scene, caplog, monkeypatch):
    threads = []
    real = images.load_image

    def recording(*args):
        threads.append(QThread.currentThread())
        return real(*args)

    monkeypatch.setattr(images, "load_image", recording)
    with caplog.at_level(logging.WARNING, logger="kiosk.qt.media"):
        scene = make_scene()
        for name in ("photo", "missing", "icon", "unknown"):
            it = item(scene, name)
            qtbot.waitUntil(lambda it=it: it.property("loadStatus") in (READY, ERROR), timeout=5000)
            assert it.property("loadStatus") == READY, name
    photo, missing, icon = item(scene, "photo"), item(scene, "missing"), item(scene, "icon")
    assert (photo.property("implicitWidth"), photo.property("implicitHeight")) == (500, 250)
    assert (missing.property("implicitWidth"), missing.property("implicitHeight")) == (240, 135)
    assert (icon.property("implicitWidth"), icon.property("implicitHeight")) == (48, 48)
    messages = [r.getMessage() for r in caplog.records if r.name == "kiosk.qt.media"]
    assert any("not-there.jpg" in m for m in messages)
    assert any("no-such-icon" in m for m in messages)
    assert len(threads) == 2 and all(t is not QThread.currentThread() for t in threads)  # off the GUI thread


def test_the_icon_colour_and_size_come_from_the_id(icons_dir):
    provider = IconImageProvider(icons_dir)
    size = QSize()
    image = provider.requestImage("fa6s.house?color=%23A3242A", size, QSize(64, 64))
    assert (size.width(), size.height()) == (64, 64)
    colours = {image.pixelColor(x, y).name() for x in range(0, 64, 2) for y in range(0, 64, 2)
               if image.pixelColor(x, y).alpha() == 255}
    assert colours == {"#a3242a"}
    assert image.pixelColor(0, 0).alpha() == 0  # the mask's shape, not a coloured square


def test_masks_are_drawn_once_and_follow_the_qml(icons_dir, tmp_path):
    from PySide6.QtGui import QImage

    mask = QImage(str(icons_dir / "fa6s.house.png"))
    assert (mask.width(), mask.height()) == (MASK_SIDE, MASK_SIDE)
    qml = tmp_path / "qml"
    assert draw_icons(qml, icons_dir).drawn == []  # nothing changed: nothing drawn
    (qml / "Bar.qml").write_text('KButton { icon: "fa6s.house" }\nKButton { icon: "fa6s.no-such-icon" }\n')
    report = draw_icons(qml, icons_dir)
    assert report.removed == ["fa6s.xmark"] and not (icons_dir / "fa6s.xmark.png").exists()
    assert len(report.errors) == 1 and "Bar.qml: unknown icon 'fa6s.no-such-icon'" in report.errors[0]


def test_every_icon_the_kiosk_qml_names_can_be_drawn_and_is_credited(qapp, tmp_path):
    report = draw_icons(ROOT / "kiosk" / "qml", tmp_path)
    assert not report.errors
    assert {"fa6s.house", "fa6s.arrow-left"} <= set(report.drawn)
    credit = (tmp_path / CREDIT).read_text(encoding="utf-8")
    assert "Font Awesome Free" in credit and "CC BY 4.0" in credit
    (tmp_path / CREDIT).unlink()
    assert draw_icons(ROOT / "kiosk" / "qml", tmp_path).drawn == []  # an unchanged set: the credit comes back
    assert (tmp_path / CREDIT).is_file()


def test_an_icon_id_is_never_a_path(icons_dir, caplog):
    provider = IconImageProvider(icons_dir)
    with caplog.at_level(logging.WARNING, logger="kiosk.qt.media"):
        image = provider.requestImage("../icons/fa6s.house", QSize(), QSize(32, 32))
    assert image.width() == 32 and image.pixelColor(16, 16).alpha() == 0
    assert any("../icons/fa6s.house" in r.getMessage() for r in caplog.records)


def test_importing_the_providers_does_not_import_qtawesome():
    code = "import sys, kiosk.qt.media; assert 'qtawesome' not in sys.modules, 'qtawesome imported eagerly'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


DEADLOCK_CHECK = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PIL import Image as PilImage
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtGui import QGuiApplication
from kiosk.qt.media import IconImageProvider, MediaImageProvider

root = Path(sys.argv[1])
for i in range(4):
    PilImage.new("RGB", (900, 600), (i * 50, 90, 90)).save(root / f"p{i}.jpg")
app = QGuiApplication([])
engine = QQmlEngine()
engine.addImageProvider("media", MediaImageProvider([root]))
engine.addImageProvider("icon", IconImageProvider(Path(sys.argv[2])))
component = QQmlComponent(engine)
component.setData(
    b"import QtQuick\n"
    b"Item {\n"
    b"    property int shift: 0\n"
    b"    Repeater { model: 60; Image { asynchronous: true; sourceSize.width: 40 + index + shift;\n"
    b"                                  source: 'image://media/p' + ((index + shift) % 5) + '.jpg' } }\n"
    b"    Repeater { model: 20; Image { asynchronous: index % 2 == 1; sourceSize: Qt.size(16 + index, 16 + index);\n"
    b"                                  source: 'image://icon/fa6s.house?color=%23A3242A' } }\n"
    b"}\n",
    QUrl(),
)
item = component.create()  # holds the GIL while Qt queues all 80 images
assert item is not None, component.errorString()
for shift in range(1, 4):
    item.setProperty("shift", shift)  # new sources while the old ones load: cancellations
images = [c for c in item.childItems() if c.metaObject().className().startswith("QQuickImage")]
while any(img.property("progress") < 1.0 for img in images):
    app.processEvents()
print("all", len(images), "images ready", flush=True)
os._exit(0)
"""


def test_many_images_created_at_once_do_not_deadlock(tmp_path, icons_dir):
    """Qt's reader thread calls the provider with its mutex held while the GUI thread, inside
    QQmlComponent.create(), holds the GIL and queues more images: the providers must not deadlock."""
    done = subprocess.run([sys.executable, "-c", DEADLOCK_CHECK, str(tmp_path), str(icons_dir)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert "all 80 images ready" in done.stdout, done.stdout + done.stderr
