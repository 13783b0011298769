"""packaging/linux/install.sh's release handling, without root: --no-system --prefix <tmp> on a fake build.

The self-test gates the switch to a new release, the previous release is kept for --rollback and older ones
are removed, and the user units and settings land in the (here: temporary) home folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INSTALL = REPO / "packaging" / "linux" / "install.sh"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux shell script")

FAKE_DEBUG = """#!/bin/sh
case "$1" in
    --version) echo "Testament Kiosk {version}"; echo "Qt 6.0.0"; echo "content 000000000000 (x)" ;;
    --self-test) echo "self-test of {version}"; exit ${{FAKE_SELF_TEST_RC:-0}} ;;
esac
"""


def fake_build(root: Path, version: str) -> Path:
    dist = root / f"dist-{version}" / "testament-kiosk"
    dist.mkdir(parents=True)
    for name, text in [
        ("testament-kiosk", "#!/bin/sh\n"),
        ("testament-kiosk-debug", FAKE_DEBUG.format(version=version)),
    ]:
        (dist / name).write_text(text)
        (dist / name).chmod(0o755)
    (dist / "system-packages.txt").write_text("# none\n")
    return dist


def install(tmp_path: Path, *args: str, rc: int = 0) -> subprocess.CompletedProcess:
    env = dict(os.environ, HOME=str(tmp_path / "home"), FAKE_SELF_TEST_RC=str(rc))
    (tmp_path / "home").mkdir(exist_ok=True)
    return subprocess.run(
        ["bash", str(INSTALL), "--no-system", "--prefix", str(tmp_path / "opt"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def current(tmp_path: Path, name: str = "current") -> str:
    return Path(os.readlink(tmp_path / "opt" / name)).name


def test_install_update_gate_and_rollback(tmp_path: Path) -> None:
    first = install(tmp_path, str(fake_build(tmp_path, "1.0.0")))
    assert first.returncode == 0, first.stdout + first.stderr
    assert current(tmp_path).startswith("1.0.0-")
    assert not (tmp_path / "opt" / "previous").exists()
    units = tmp_path / "home" / ".config" / "systemd" / "user"
    service = (units / "testament-kiosk.service").read_text()
    assert f"ExecStart={tmp_path / 'opt'}/current/testament-kiosk" in service
    assert "WatchdogSec=30" in service and "Type=notify" in service
    assert (units / "timers.target.wants" / "testament-kiosk-restart.timer").is_symlink()
    assert (tmp_path / "opt" / "session" / "kiosk-session").stat().st_mode & 0o111
    config = tmp_path / "home" / ".config" / "testament-kiosk" / "kiosk.toml"
    assert "[content]" in config.read_text()
    config.write_text('[logging]\nlevel = "DEBUG"\n')  # a technician's settings survive updates

    second = install(tmp_path, str(fake_build(tmp_path, "1.1.0")))
    assert second.returncode == 0, second.stdout + second.stderr
    assert current(tmp_path).startswith("1.1.0-")
    assert current(tmp_path, "previous").startswith("1.0.0-")
    assert config.read_text() == '[logging]\nlevel = "DEBUG"\n'

    # a build whose self-test fails never becomes current, and leaves nothing behind
    failed = install(tmp_path, str(fake_build(tmp_path, "2.0.0-broken")), rc=1)
    assert failed.returncode != 0
    assert "the self-test failed" in failed.stderr
    assert current(tmp_path).startswith("1.1.0-")
    assert not any(p.name.startswith("2.0.0") for p in (tmp_path / "opt" / "releases").iterdir())

    rolled = install(tmp_path, "--rollback")
    assert rolled.returncode == 0, rolled.stdout + rolled.stderr
    assert current(tmp_path).startswith("1.0.0-")
    assert current(tmp_path, "previous").startswith("1.1.0-")

    # a third release: the oldest that is neither current nor previous is removed
    install(tmp_path, "--rollback")  # back to 1.1.0 current, 1.0.0 previous
    third = install(tmp_path, str(fake_build(tmp_path, "1.2.0")))
    assert third.returncode == 0, third.stdout + third.stderr
    releases = sorted(p.name.split("-")[0] for p in (tmp_path / "opt" / "releases").iterdir())
    assert releases == ["1.1.0", "1.2.0"]


def test_no_nightly_restart_and_not_a_build(tmp_path: Path) -> None:
    result = install(tmp_path, "--no-nightly-restart", str(fake_build(tmp_path, "1.0.0")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        not (tmp_path / "home" / ".config" / "systemd" / "user" / "timers.target.wants").exists()
        or not (
            tmp_path / "home" / ".config" / "systemd" / "user" / "timers.target.wants" / "testament-kiosk-restart.timer"
        ).exists()
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    result = install(tmp_path, str(empty))
    assert result.returncode == 1
    assert "is not a kiosk build" in result.stderr
