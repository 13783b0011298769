"""PyInstaller runtime hook (packaging/kiosk.spec): PySide6 imported the kiosk's way, with its support modules'
code made at build time (kiosk/qt/__init__.py), before PySide6's own runtime hook imports it the plain way."""

import kiosk.qt  # noqa: F401
