"""A visitor who cannot see the screen, with headphones and the museum keypad only: the real kiosk fullscreen and
locked down under Xvfb, keys from xdotool, the narration player on miniaudio's null backend (KIOSK_AUDIO=null) and
its probe (KIOSK_AUDIO_PROBE=1) saying what the visitor hears. The visitor finds the way as they would, by ear:
a key, then what it says. From Attract through a whole chapter, the testament and a person card, and back Home."""

from __future__ import annotations

import json
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

HEARD_WITHIN = 3.0  # seconds for a key's words to start: the player decodes each clip before it plays


class Visitor:
    def __init__(self, x: XServer, kiosk: KioskProcess):
        self.x, self.kiosk = x, kiosk
        self.heard_so_far = 0

    def press(self, key: str) -> list[str]:
        """Press ``key`` on the keypad; what it says (the items that start within a moment)."""
        self.x.xdotool("key", key)
        deadline = time.monotonic() + HEARD_WITHIN
        while len(self.kiosk.spoken()) == self.heard_so_far and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.6)  # the rest of what that key says
        spoken = self.kiosk.spoken()
        heard, self.heard_so_far = spoken[self.heard_so_far :], len(spoken)
        return [item.split()[0] for item in heard]

    def press_until_heard(self, key: str, wanted: str, tries: int = 25) -> list[str]:
        """Press ``key`` until an item starting with ``wanted`` is said; everything heard on the way."""
        on_the_way: list[str] = []
        for _ in range(tries):
            heard = self.press(key)
            on_the_way += heard
            if any(item.startswith(wanted) for item in heard):
                return on_the_way
        raise AssertionError(f"{tries} presses of {key} never said {wanted}: heard {on_the_way}\n"
                             + self.kiosk.log_tail())


def test_the_keypad_and_the_guide_alone_take_a_visitor_through_the_exhibit(tmp_path) -> None:
    chapter = json.loads((paths.bundled_content_dir() / "chapters" / "introduction.json").read_text("utf-8"))
    slides = [f"chapter/introduction/{slide['id']}" for slide in chapter["slides"]]
    x = XServer(tmp_path / "x")
    kiosk = KioskProcess(x, tmp_path, env_extra={"KIOSK_AUDIO": "null", "KIOSK_AUDIO_PROBE": "1"})
    visitor = Visitor(x, kiosk)
    try:
        kiosk.wait_ready()
        attract = kiosk.settle()
        assert kiosk.spoken() == [], "something was said before the visitor asked"

        # play: the visit begins with the guide on, and Home says itself
        assert "exhibit" in visitor.press("p")
        kiosk.wait_screen(changed_from=attract, share=0.2)
        home = kiosk.settle(quiet=0.5)

        # select on the first chapter card: its first slide; right through the rest, each slide heard
        heard = visitor.press("Return")
        kiosk.wait_screen(changed_from=home, share=0.1)
        heard += visitor.press_until_heard("Right", slides[-1])
        assert [item for item in slides if item in heard] == slides, heard

        # back to Home, then down to the testament by ear
        assert "exhibit" in visitor.press("Escape")
        visitor.press_until_heard("Down", "ui/read_testament")
        before = kiosk.settle(quiet=0.5)
        assert "document/testament" in visitor.press("Return")
        kiosk.wait_screen(changed_from=before, share=0.1)

        # through the paragraphs to a name in the testament, and its person card
        on_the_way = visitor.press_until_heard("Down", "person/")
        assert any(item.startswith("document/testament/") for item in on_the_way), on_the_way
        person = next(item for item in on_the_way if item.startswith("person/"))
        document = kiosk.settle(quiet=0.5)
        assert person in visitor.press("Return")
        kiosk.wait_screen(changed_from=document, share=0.1)

        # back, and back again: Home says itself
        visitor.press_until_heard("Escape", "exhibit", tries=3)
        assert kiosk.process.poll() is None
    finally:
        kiosk.close()
        x.close()
