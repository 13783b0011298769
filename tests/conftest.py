"""Shared test setup.

The Qt variables are set first, at import time, because Qt reads them once, when the first QApplication is
created. They are forced rather than defaulted: a developer's shell often has QT_QPA_PLATFORM=xcb or wayland,
which would open real windows (and fail where there is no display, as on CI), and the software Qt Quick
backend keeps rendered frames the same on every machine.
"""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
# narration plays on miniaudio's null backend: in real time, without a sound card (kiosk.qt.narration)
os.environ["KIOSK_AUDIO"] = "null"

# the real kiosk on a small test exhibit, for the Qt and tools tests (tests/kits/kioskfixtures.py)
pytest_plugins = ["kioskfixtures"]
