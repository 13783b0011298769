"""A locked-down kiosk under a real X server ends when told to — and only then.

The kiosk runs as the installed service runs it (`kiosk run`: fullscreen, locked down, a staff PIN set), input
comes from xdotool, and the outcome is read where a technician would read it: the process's exit code and how
long it took, the screen, the analytics database. Until Qt's quit() was replaced, SIGTERM and the staff Exit
left this kiosk running, while tests that checked a signal was emitted passed.
"""

from __future__ import annotations

import time

import pytest
from floorkit import KioskProcess, XServer, differs, is_blank, missing_tools

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(missing_tools()), reason=f"needs {' and '.join(missing_tools())} (scripts/setup.sh)"),
]


@pytest.fixture
def x(tmp_path):
    server = XServer(tmp_path / "x")
    yield server
    server.close()


@pytest.fixture
def kiosk(x, tmp_path):
    process = KioskProcess(x, tmp_path)
    yield process
    process.close()


def begin_a_visit(kiosk: KioskProcess, x: XServer) -> None:
    """Touch the attract screen, as a visitor does, and see the screen change to Home."""
    kiosk.wait_ready()
    attract = kiosk.settle()
    assert not is_blank(attract), "the attract screen is blank"
    x.xdotool("mousemove", "960", "700", "click", "1")
    home = kiosk.wait_screen(changed_from=attract, share=0.2)
    assert not pointer_shown(home, (960, 700)), "a mouse pointer shows where the visitor touched"


def pointer_shown(frame, at: tuple[int, int]) -> bool:
    """Whether the X server drew its pointer (black with a white edge) where the touch was: nothing the kiosk
    draws around an empty spot of Home is pure black."""
    x, y = at
    patch = frame.crop((x - 2, y - 2, x + 24, y + 24)).convert("L")
    return patch.getextrema()[0] < 16


def test_sigterm_ends_a_locked_down_kiosk_at_once_and_closes_the_visit(kiosk, x) -> None:
    begin_a_visit(kiosk, x)
    kiosk.terminate()
    code, seconds = kiosk.wait_exit(timeout=5)
    assert code == 0, kiosk.log_tail()
    print(f"\nSIGTERM → exit {code} in {seconds:.2f} s")
    assert [visit.end_reason for visit in kiosk.visits()] == ["shutdown"]
    assert "received SIGTERM: stopping" in kiosk.log_text()


def test_the_staff_exit_ends_the_kiosk_and_records_why(kiosk, x) -> None:
    begin_a_visit(kiosk, x)
    kiosk.open_staff_panel(before=kiosk.settle())
    assert kiosk.process.poll() is None, "the kiosk ended before Exit was chosen"
    kiosk.choose_in_staff_panel(3)  # Exit
    code, seconds = kiosk.wait_exit(timeout=5)
    assert code == 0, kiosk.log_tail()
    print(f"\nstaff Exit → exit {code} in {seconds:.2f} s")
    assert [visit.end_reason for visit in kiosk.visits()] == ["staff"]


def test_a_visitor_cannot_close_it(kiosk, x) -> None:
    begin_a_visit(kiosk, x)
    home = kiosk.settle()
    for chord in ("alt+F4", "ctrl+q", "ctrl+w", "Escape", "ctrl+alt+BackSpace", "super"):
        x.xdotool("key", chord)
    x.ask_windows_to_close()  # what a window manager's close button or Alt+F4 sends
    time.sleep(2)
    assert kiosk.process.poll() is None, f"a visitor's keys ended the kiosk\n{kiosk.log_tail()}"
    assert differs(home, x.screen()) < 0.9, "the kiosk's window is gone"
    kiosk.terminate()
    assert kiosk.wait_exit(timeout=5)[0] == 0
