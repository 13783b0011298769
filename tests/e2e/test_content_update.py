"""A content update on a running kiosk, as staff make one: a bad edit is refused and the kiosk stays on what it
shows; the edit fixed, the staff's Reload shows it. The kiosk runs as the gallery runs it (fullscreen, locked
down, under Xvfb) on an external content folder, and is driven with xdotool. The start and both reloads validate
in processes of their own, so the kiosk's never holds what validating needs."""

from __future__ import annotations

import json
import time

import pytest
from contentkit import write_content
from floorkit import KioskProcess, XServer, differs, missing_tools

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(missing_tools()), reason=f"needs {' and '.join(missing_tools())} (scripts/setup.sh)"),
]


def edit_exhibit(folder, change) -> None:
    path = folder / "exhibit.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def header(frame):
    """Home's title and subtitle: the staff panel leaves a keyboard focus ring lower down, never here."""
    return frame.crop((0, 0, frame.width, frame.height // 6))


def wait_for_log(kiosk: KioskProcess, text: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while text not in kiosk.log_text():
        assert time.monotonic() < deadline, f"the log never said {text!r}\n{kiosk.log_tail()}"
        time.sleep(0.2)


def test_a_bad_update_is_refused_and_a_fixed_one_is_shown_after_reload(tmp_path) -> None:
    content = write_content(tmp_path / "content")
    x = XServer(tmp_path / "x")
    kiosk = KioskProcess(x, tmp_path, args=("--content", str(content)))
    try:
        kiosk.wait_ready()
        attract = kiosk.settle()
        x.xdotool("mousemove", "960", "700", "click", "1")  # to Home, which is still and shows the title
        kiosk.wait_screen(changed_from=attract, share=0.2)
        home = kiosk.settle()

        edit_exhibit(content, lambda data: data["chapters"].append("chapter-that-does-not-exist"))
        kiosk.open_staff_panel(before=home)
        kiosk.choose_in_staff_panel(2)  # Reload
        wait_for_log(kiosk, "content reload rejected")
        assert "chapter-that-does-not-exist" in kiosk.log_text()  # the log says why
        assert kiosk.process.poll() is None
        unchanged = kiosk.settle()
        assert differs(header(home), header(unchanged)) == 0, "a refused update changed what visitors see"

        def fixed(data) -> None:
            data["chapters"].remove("chapter-that-does-not-exist")
            data["title"]["en"] = "A Letter Kept Under Lock and Key"

        edit_exhibit(content, fixed)
        kiosk.open_staff_panel(before=unchanged)
        kiosk.choose_in_staff_panel(2)
        deadline = time.monotonic() + 15
        while differs(header(unchanged), header(x.screen())) < 0.01:
            assert time.monotonic() < deadline, "the fixed update never reached the screen"
            time.sleep(0.2)
        assert kiosk.log_text().count("content reload rejected") == 1
        # validated in processes of their own (kiosk.core.content.apart): the kiosk never loaded pydantic-core
        assert "in a process of its own failed" not in kiosk.log_text()
        assert not kiosk.maps("pydantic_core")
    finally:
        kiosk.close()
        x.close()
