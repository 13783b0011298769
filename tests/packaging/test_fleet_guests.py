"""The fleet's harness (packaging/vm/fleet.py): two kiosk PCs booted side by side, each answering SSH as itself.

Boots two guests of the VM test's Debian 12 image (QEMU, TCG; about 3.5 minutes on two cores with a power cut,
plus the image the first time) when ``KIOSK_TEST_VM`` is set, as root; not in CI, where the Ansible test boots
its guests the same way. The Ansible test
(tests/packaging/test_fleet.py) manages guests made the same way; this one holds what it relies on: a name each,
root by key and only by key, a host key each, the screen, and a power cut that the guest comes back from on the
same disk. The inventory's shape is checked without a machine.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging" / "vm"))
import fleet  # noqa: E402  (packaging/vm is not a package: the tooling a technician runs as a script)

needs_vm = [
    pytest.mark.slow,
    # Not under CI=true alone: the fleet's Ansible test boots its guests the same way, and CI's time goes to that
    pytest.mark.skipif(
        not os.environ.get("KIOSK_TEST_VM"),
        reason="boots two Debian 12 VMs (~3.5 min): runs when KIOSK_TEST_VM is set",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="QEMU and debootstrap: Linux only"),
]
TOOLS = ("qemu-system-x86_64", "qemu-img", "debootstrap", "mkfs.ext4", "ssh", "ssh-keygen")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def kiosks():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"the fleet's harness needs {', '.join(missing)} (scripts/setup.sh installs them under CI=true)"
    assert os.geteuid() == 0, "the base image is built with debootstrap and chroot: run it as root"
    (REPO / "build").mkdir(exist_ok=True)
    # the tests that boot machines take turns (build/vm.lock, as test_vm.py): two guests already fill the cores
    with (REPO / "build" / "vm.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with fleet.guests(2, REPO / "build" / "fleet-test", log=lambda line: print(line, flush=True)) as booted:
            yield booted


def vm_test(function):
    for mark in needs_vm:
        function = mark(function)
    return function


@vm_test
def test_each_guest_answers_ssh_as_itself_by_key_only(kiosks) -> None:
    assert [guest.name for guest in kiosks] == ["kiosk-1", "kiosk-2"]
    assert len({guest.ssh_port for guest in kiosks}) == 2
    for guest in kiosks:
        assert guest.ssh("hostname").stdout.strip() == guest.name
        assert guest.ssh("python3 -c 'import apt; print(1)'").stdout.strip() == "1"  # what Ansible runs
        config = guest.ssh("sshd -T").stdout
        assert "passwordauthentication no" in config
        assert "permitrootlogin without-password" in config
        assert guest.screendump(guest.folder / "screen.png").read_bytes().startswith(PNG_SIGNATURE)
    host_keys = {guest.ssh("cat /etc/ssh/ssh_host_ed25519_key.pub").stdout.split()[1] for guest in kiosks}
    assert len(host_keys) == 2


@vm_test
def test_a_guest_comes_back_from_a_power_cut_on_its_own_disk(kiosks) -> None:
    guest, other = kiosks
    boot_before = guest.ssh("cat /proc/sys/kernel/random/boot_id").stdout
    guest.ssh("echo before-the-cut >/root/mark && sync")
    started = time.monotonic()
    guest.power_cut()
    print(f"\npower cut: {guest.name} answered SSH again after {time.monotonic() - started:.0f} s")
    assert guest.ssh("cat /proc/sys/kernel/random/boot_id").stdout != boot_before
    assert guest.ssh("cat /root/mark").stdout.strip() == "before-the-cut"
    assert guest.ssh("hostname").stdout.strip() == "kiosk-1"
    assert other.ssh("hostname").stdout.strip() == "kiosk-2"  # the other one was left alone


def test_the_inventory_groups_the_guests_as_kiosks(tmp_path) -> None:
    key = tmp_path / "id_ed25519"
    guests = [fleet.Guest(f"kiosk-{number}", 40000 + number, key, tmp_path / f"kiosk-{number}") for number in (1, 2)]
    path = fleet.write_inventory(guests, tmp_path / "inventory.yml",
                                 host_vars={"kiosk-2": {"kiosk_content": "Salle B — été"}})
    group = yaml.safe_load(path.read_text(encoding="utf-8"))["all"]["children"]["kiosks"]
    assert group["vars"]["ansible_host"] == "127.0.0.1"
    assert group["vars"]["ansible_user"] == "root"
    assert "StrictHostKeyChecking=no" in group["vars"]["ansible_ssh_common_args"]
    assert group["hosts"]["kiosk-1"] == {"ansible_port": 40001, "ansible_ssh_private_key_file": str(key)}
    assert group["hosts"]["kiosk-2"]["ansible_port"] == 40002
    assert group["hosts"]["kiosk-2"]["kiosk_content"] == "Salle B — été"
