"""qmllint on the QML module ``kiosk.qml`` (kiosk/qml), with no warning allowed: exit 1 on any.

qmllint knows C++ types from ``.qmltypes`` files. The ``Testament`` types are Python classes that ``kiosk/qt``
registers with ``@QmlElement``, so there is none: this script writes one into a temporary folder from the
classes' meta-objects, the ones the QML engine sees at run time (pyside6-metaobjectdump reads the source
instead and drops ``constant=True``, which makes qmllint warn on every binding to a constant property). A
property PySide can only register as ``QObject*`` (``kiosk.visit``, ``kiosk.views``, a list model) is
described with its getter's return annotation, so qmllint checks ``kiosk.visit.openLink(...)`` too.

    python scripts/qmllint.py [qmllint options]     # e.g. --json - ; the files are always the whole module
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import tempfile
import typing
from pathlib import Path

import PySide6
from PySide6.QtCore import QMetaMethod, QObject

ROOT = Path(__file__).resolve().parent.parent
QML_MODULE = ROOT / "kiosk" / "qml"
IMPORT_NAME = "Testament"  # QML_IMPORT_NAME of the modules below
REGISTERING_MODULES = ("kiosk.qt.kiosk", "kiosk.qt.screens", "kiosk.qt.proof.curator")
# the binary in the PySide6 wheel (pyside6-qmllint wraps it and repeats the whole command line on a failure)
QMLLINT = Path(PySide6.__file__).parent / "qmllint"


def qml_elements() -> list[type[QObject]]:
    """The classes the modules register: every QObject class each one defines."""
    classes = []
    for name in REGISTERING_MODULES:
        module = importlib.import_module(name)
        assert module.QML_IMPORT_NAME == IMPORT_NAME, name
        classes += [
            cls for cls in vars(module).values()
            if inspect.isclass(cls) and issubclass(cls, QObject) and cls.__module__ == name
        ]
    return classes


def object_property_types(cls: type[QObject]) -> dict[str, type[QObject]]:
    """Each ``QObject*`` property's class, from its getter's return annotation."""
    found = {}
    for name, attribute in vars(cls).items():
        getter = getattr(attribute, "fget", None)
        if getter is None:
            continue
        returned = typing.get_type_hints(getter).get("return")
        if inspect.isclass(returned) and issubclass(returned, QObject) and returned is not QObject:
            found[name] = returned
    return found


def _type(name: bytes | str) -> str:
    name = bytes(name).decode() if not isinstance(name, str) else name
    return f'type: "{name.rstrip("*")}"' + ("; isPointer: true" if name.endswith("*") else "")


def component(cls: type[QObject], exported: bool) -> str:
    meta = cls.staticMetaObject
    typed = object_property_types(cls)
    lines = [
        "    Component {",
        f'        file: "{Path(inspect.getfile(cls)).relative_to(ROOT)}"',
        f'        name: "{meta.className()}"',
        '        accessSemantics: "reference"',
        f'        prototype: "{meta.superClass().className()}"',
    ]
    if exported:
        lines.append(f'        exports: ["{IMPORT_NAME}/{meta.className()} 1.0"]')
        lines.append("        exportMetaObjectRevisions: [256]")
        if not creatable(cls):
            lines.append("        isCreatable: false")
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(i)
        name = prop.name()
        kind = f'type: "{typed[name].__name__}"; isPointer: true' if name in typed else _type(prop.typeName())
        parts = [f'name: "{name}"', kind]
        if prop.hasNotifySignal():
            parts.append(f'notify: "{bytes(prop.notifySignal().name()).decode()}"')
        if not prop.isWritable():
            parts.append("isReadonly: true")
        if prop.isConstant():
            parts.append("isPropertyConstant: true")
        lines.append("        Property { " + "; ".join(parts) + " }")
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        kind = "Signal" if method.methodType() == QMetaMethod.MethodType.Signal else "Method"
        lines += [f"        {kind} {{", f'            name: "{bytes(method.name()).decode()}"']
        if kind == "Method" and method.typeName() != "void":
            lines.append("            " + _type(method.typeName()))
        for n, parameter in enumerate(method.parameterTypes()):
            lines.append(f'            Parameter {{ name: "arg{n}"; {_type(parameter)} }}')
        lines.append("        }")
    lines.append("    }")
    return "\n".join(lines)


def creatable(cls: type[QObject]) -> bool:
    """QML can create it when its constructor needs no argument (the uncreatable ones all need the kiosk)."""
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters)


def qmltypes() -> str:
    exported = qml_elements()
    reached: list[type[QObject]] = []
    for cls in exported:
        reached += [t for t in object_property_types(cls).values() if t not in exported and t not in reached]
    parts = [component(cls, True) for cls in exported] + [component(cls, False) for cls in reached]
    return "import QtQuick.tooling 1.2\n\nModule {\n" + "\n".join(parts) + "\n}\n"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="kiosk-qmllint-") as folder:
        module = Path(folder) / IMPORT_NAME
        module.mkdir()
        (module / "testament.qmltypes").write_text(qmltypes(), encoding="utf-8")
        qmldir = f"module {IMPORT_NAME}\ntypeinfo testament.qmltypes\ndepends QtQml\ndepends QtQml.Models\n"
        (module / "qmldir").write_text(qmldir, encoding="utf-8")
        files = sorted(str(p.relative_to(ROOT)) for p in QML_MODULE.rglob("*.qml"))
        command = [str(QMLLINT), "--max-warnings", "0", "-I", folder, "-I", str(ROOT), *argv, *files]
        return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
