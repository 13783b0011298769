"""The interface's icons, drawn once with qtawesome into white masks that the kiosk tints at run time.

``kiosk media generate`` (through :mod:`kiosk.cli`) calls :func:`draw_icons`: every Font Awesome name the QML
mentions (``fa6s.house`` ...) becomes ``<media>/icons/fa6s.house.png``, a white glyph on transparency at
:data:`MASK_SIDE` pixels. :class:`kiosk.qt.media.IconImageProvider` scales and colours them. So the kiosk
itself never imports qtawesome, whose qtpy layer needs QtWidgets: the installed build leaves QtWidgets,
qtawesome and their ~20 MB out, and the app is a QGuiApplication.

``manifest.json`` records what the masks were drawn from (the names, the side, the qtawesome version, this
module's code); when nothing changed, a run only reads the QML and the manifest, without importing Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kiosk.core.media.atomic import write_bytes_atomic, write_text_atomic
from kiosk.core.media.manifest import load_document, save_document
from kiosk.core.ops.digest import sha256
from kiosk.qt.media import ICON_NAME, mask_path
from kiosk.qt.offscreen import use_offscreen

MASK_SIDE = 256  # the largest icon on a 4K screen is ~90 px: masks are only ever scaled down
MANIFEST = "manifest.json"
# The masks are Font Awesome Free glyphs, whose icons are licensed CC BY 4.0: whoever receives them (the
# installed build carries this folder) must be told where they come from.
CREDIT = "CREDIT.txt"
def icon_names(qml_dir: Path) -> dict[str, str]:
    """Every icon name the QML mentions, with the first file that does (for messages)."""
    found: dict[str, str] = {}
    for path in sorted(Path(qml_dir).rglob("*.qml")):
        for name in ICON_NAME.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, path.name)
    return dict(sorted(found.items()))


@dataclass
class IconReport:
    drawn: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _inputs(names: list[str]) -> dict:
    try:
        qtawesome_version = version("qtawesome")
    except PackageNotFoundError:
        qtawesome_version = None
    code = sha256(Path(__file__).read_bytes()).hexdigest() if Path(__file__).is_file() else "(frozen)"
    return {"names": names, "side": MASK_SIDE, "qtawesome": qtawesome_version, "code": code}


def draw_icons(qml_dir: Path, icons_dir: Path, *, force: bool = False) -> IconReport:
    """Draw the masks that are missing or out of date, and remove those the QML no longer uses."""
    report = IconReport()
    icons_dir = Path(icons_dir)
    wanted = icon_names(qml_dir)
    inputs = _inputs(list(wanted))
    recorded = load_document(icons_dir / MANIFEST)
    todo = [n for n in wanted if force or recorded != inputs or not mask_path(icons_dir, n).is_file()]
    for stale in sorted(icons_dir.glob("*.png")) if icons_dir.is_dir() else []:
        if stale.stem not in wanted:
            stale.unlink()
            report.removed.append(stale.stem)
    if todo:
        try:
            _draw(todo, icons_dir, report, wanted)
        except ImportError as exc:  # the installed build leaves qtawesome out: masks come from a source checkout
            report.errors.append(f"icons cannot be drawn here ({exc}): run 'kiosk media generate' in a checkout")
    if not report.errors and (recorded != inputs or not (icons_dir / CREDIT).is_file()):
        write_text_atomic(icons_dir / CREDIT, _credit(inputs["qtawesome"]))
        save_document(icons_dir / MANIFEST, inputs)
    return report


def _credit(qtawesome_version: str | None) -> str:
    return (
        "The icons in this folder are glyphs of Font Awesome Free 6 by Fonticons, Inc. (https://fontawesome.com),\n"
        "drawn into images with QtAwesome " + (qtawesome_version or "") + " (MIT licence).\n"
        "Font Awesome Free's icons are licensed under CC BY 4.0: https://creativecommons.org/licenses/by/4.0/\n"
        "and its fonts under the SIL Open Font License 1.1: https://openfontlicense.org\n"
        "See https://fontawesome.com/license/free\n"
    )


def _draw(names: list[str], icons_dir: Path, report: IconReport, used_in: dict[str, str]) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    if QGuiApplication.instance() is None:
        use_offscreen(keep_chosen=True)  # drawing into images needs no screen
        app = QGuiApplication([])  # noqa: F841 (alive while the icons are drawn)
    import qtawesome

    white = QColor("white")
    for name in names:
        try:
            image = qtawesome.icon(name, color=white).pixmap(QSize(MASK_SIDE, MASK_SIDE)).toImage()
        except Exception as exc:  # qtawesome raises a bare Exception for a name its fonts do not have
            report.errors.append(f"{used_in[name]}: unknown icon {name!r} ({exc})")
            continue
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
        write_bytes_atomic(mask_path(icons_dir, name), data.data())
        report.drawn.append(name)
