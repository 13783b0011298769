"""The frozen kiosk inside the Linux deployment's Wayland session: cage, with the kiosk as its only client.

packaging/linux/install.sh starts ``cage -d -s -- kiosk-session`` on tty1; here cage runs on wlroots'
headless backend with its software renderer, so the whole path a kiosk PC takes — the bundle's Wayland
platform plugin and its libraries, the first frame, READY=1 to systemd — runs without a GPU or a screen.
grim (a Wayland screenshot tool) reads back what cage shows. CI installs cage, Xwayland and grim
(scripts/setup.sh); like the other frozen tests this runs when ``CI=true`` or ``KIOSK_TEST_FROZEN`` is set.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from test_frozen import DIST, FakeSystemd, dist  # noqa: F401  (dist is the shared build fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CI") != "true" and os.environ.get("KIOSK_TEST_FROZEN") not in ("1", "prebuilt"),
        reason="needs the frozen build (~1 min): runs when CI=true or KIOSK_TEST_FROZEN=1",
    ),
]

SESSION_TOOLS = ("cage", "Xwayland", "grim")
HEADLESS_OUTPUT = (1280, 720)  # what wlroots' headless backend gives its one output


def session_user_command() -> list[str]:
    """cage refuses to run as root (it could not drop privileges for good), as a kiosk user never is."""
    return ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []


def owned_by_session_user(path: Path) -> Path:
    if os.geteuid() == 0:
        shutil.chown(path, user="nobody")
    return path


def test_the_frozen_kiosk_is_the_only_client_of_cage_on_wayland(dist: Path) -> None:  # noqa: F811
    missing = [tool for tool in SESSION_TOOLS if shutil.which(tool) is None]
    assert not missing, f"install {' '.join(missing)} (scripts/setup.sh does under CI=true)"
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-wayland-"))
    kiosk = DIST / "testament-kiosk"
    runnable = subprocess.run([*session_user_command(), "test", "-x", str(kiosk)], check=False)
    if runnable.returncode != 0:  # a checkout in root's home: give the session user a copy, as install.sh does
        kiosk = shutil.copytree(DIST, scratch / "release", symlinks=True) / "testament-kiosk"
    systemd = FakeSystemd()
    session = None
    try:
        runtime = owned_by_session_user(scratch)
        runtime.chmod(0o700)
        systemd.path.chmod(0o777)  # the session user sends its notifications to root's socket, as to systemd's
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",  # systemd's user manager passes the system locale on to the service
            "HOME": str(runtime),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_STATE_HOME": str(runtime / "state"),
            "XDG_DATA_HOME": str(runtime / "data"),
            "XDG_CONFIG_HOME": str(runtime / "config"),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
            "QT_QPA_PLATFORM": "wayland",  # no fallback: this test is about the Wayland plugin
            "KIOSK_ANALYTICS": "0",
            "NOTIFY_SOCKET": str(systemd.path),
        }
        output = scratch / "session.out"
        with output.open("wb") as sink:
            session = subprocess.Popen(
                # env -i: only what the service gives it, not the test run's Qt settings (software, offscreen)
                [*session_user_command(), "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                 "cage", "-d", "-s", "--", str(kiosk)],
                stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            systemd.wait_for("READY=1", 60, session)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{output.read_text(errors='replace')[-3000:]}") from None

        # READY=1 means the kiosk's frame is swapped; cage composites it on its next output frame, so look
        # again for a moment rather than take the first grab as the answer.
        deadline = time.monotonic() + 15
        while True:
            grab = subprocess.run(
                [*session_user_command(), "env", f"XDG_RUNTIME_DIR={runtime}", "WAYLAND_DISPLAY=wayland-0",
                 "grim", "-"],
                capture_output=True, timeout=30, check=False,
            )
            assert grab.returncode == 0, grab.stderr.decode(errors="replace")
            with Image.open(io.BytesIO(grab.stdout)) as image:
                screen = image.convert("L")
            stats = ImageStat.Stat(screen)
            # Attract: dark imagery with a light title — far from a blank or single-colour screen
            if (stats.stddev[0] > 20 and max(screen.getextrema()) > 200) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert screen.size == HEADLESS_OUTPUT  # fullscreen: the kiosk covers the whole output
        assert stats.stddev[0] > 20, f"the screen looks blank: {stats.mean[0]:.0f} ± {stats.stddev[0]:.0f}"
        assert max(screen.getextrema()) > 200
        log = (runtime / "state" / "testament-kiosk" / "log" / "kiosk.log").read_text(encoding="utf-8")
        assert "Traceback" not in log
        assert "WARNING qt" not in log, log
    finally:
        if session is not None and session.poll() is None:
            os.killpg(session.pid, signal.SIGTERM)
            try:
                session.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(session.pid, signal.SIGKILL)
                session.wait(5)
        systemd.close()
        shutil.rmtree(scratch, ignore_errors=True)
