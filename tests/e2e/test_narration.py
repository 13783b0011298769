"""The Listen button in the real process: the kiosk fullscreen under Xvfb on miniaudio's null backend
(KIOSK_AUDIO=null plays in real time without a sound card), a tap from xdotool, and the player's probe
(KIOSK_AUDIO_PROBE=1) on standard output naming what it plays: Home's items, in order, in English."""

from __future__ import annotations

import time

import pytest
from floorkit import KioskProcess, XServer, missing_tools

from kiosk import paths

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(missing_tools()), reason=f"needs {' and '.join(missing_tools())} (scripts/setup.sh)"),
    pytest.mark.skipif(not (paths.narration_dir() / "manifest.json").is_file(),
                       reason="no narration (kiosk media narrate)"),
]

LISTEN = ("205", "1051")  # Home's Listen button at 1920x1080: after the (disabled) Back, bottom left


def test_a_tap_on_listen_speaks_homes_items_and_nothing_before(tmp_path) -> None:
    x = XServer(tmp_path / "x")
    kiosk = KioskProcess(x, tmp_path, env_extra={"KIOSK_AUDIO": "null", "KIOSK_AUDIO_PROBE": "1"})
    try:
        kiosk.wait_ready()
        attract = kiosk.settle()
        x.xdotool("mousemove", "960", "700", "click", "1")
        kiosk.wait_screen(changed_from=attract, share=0.2)
        kiosk.settle()
        assert kiosk.spoken() == [], "something played before the visitor asked"
        x.xdotool("mousemove", *LISTEN, "click", "1")
        deadline = time.monotonic() + 15
        while len(kiosk.spoken()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert kiosk.spoken()[:2] == ["exhibit en", "chapter/introduction en"], kiosk.log_tail()
    finally:
        kiosk.close()
        x.close()
