"""Kiosk PCs to manage over SSH: several guests of the VM test's Debian 12 image, booted side by side.

For the fleet's Ansible playbook (packaging/ansible/) and its test: each guest is a fresh copy-on-write overlay
of the cached base image (vmtest.py builds it), with its own hostname (kiosk-1, kiosk-2, ...), SSH host key,
screen (virtio-vga, for cage) and user-mode network, its SSH port forwarded on 127.0.0.1. Root logs in with a
key pair made for the run; passwords are refused.

    sudo python3 packaging/vm/fleet.py up --count 2 --folder build/fleet

boots them, writes build/fleet/inventory.yml for Ansible, prints it and keeps the guests up until Ctrl-C.
In Python (tests/packaging/test_fleet_guests.py)::

    with fleet.guests(2, folder) as kiosks:
        kiosks[0].ssh("hostname")
        fleet.write_inventory(kiosks, folder / "inventory.yml")

Each guest's folder holds its disk, serial console (serial.log), QEMU's output and QMP socket, and the folder
shared with it over 9p (share/, mounted at /mnt/host in the guest: put a build there to install it without
copying it over SSH).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vmtest  # packaging/vm is not a package: its scripts import each other from their folder

# Two guests side by side on a 2-core host. With one CPU each, the kiosk reached its first frame but one of two
# was then stalled past its watchdog; with two each (four vCPU threads sharing the host's cores) both kept running.
# The kiosk under cage used about 400 MB of the 1536.
GUEST_CPUS = 2
GUEST_MEMORY_MB = 1536
SSH_OPTIONS = ("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR")
# The VM's own setting for the kiosk unit, beside the image's start timeout: two TCG guests on a busy 2-core host
# once stalled the kiosk's main thread past its 30 s watchdog just after its first frame. The watchdog itself is
# the single VM test's to check (test_vm.py); here it must not restart a kiosk in the middle of a rollout.
VM_KIOSK_UNIT = "/etc/systemd/user/testament-kiosk.service.d/91-vm-fleet.conf"
VM_WATCHDOG_S = 180
SSH_ATTEMPT_S = 30  # one try to log in; before sshd listens the forwarded port takes a connection and drops it


class SshError(subprocess.CalledProcessError):
    def __str__(self) -> str:
        return (f"{super().__str__()}\n--- stdout ---\n{(self.output or '')[-3000:]}"
                f"\n--- stderr ---\n{(self.stderr or '')[-3000:]}")


@dataclass
class Guest:
    """One kiosk PC of the fleet: SSH as root on 127.0.0.1:ssh_port with `key`; its files in `folder`."""

    name: str
    ssh_port: int
    key: Path
    folder: Path
    image: Path = field(default=Path(), repr=False)  # the base image's folder (kernel, initrd), for power-ons
    machine: vmtest.Machine | None = field(default=None, init=False, repr=False)
    powered_on: float = field(default=0.0, init=False, repr=False)
    boots_when_ready: int = field(default=0, init=False, repr=False)  # kernel banners when SSH last answered

    @property
    def run(self) -> vmtest.VmRun:
        return vmtest.VmRun(self.folder)

    def ssh_command(self, command: str, *options: str) -> list[str]:
        return ["ssh", "-i", str(self.key), "-p", str(self.ssh_port), "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "ServerAliveInterval=15", *SSH_OPTIONS, *options,
                "root@127.0.0.1", command]

    def ssh(self, command: str, *, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """Run a shell command as root in the guest; check=True raises SshError (with its output) on failure."""
        argv = self.ssh_command(command)
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                              check=False)
        if check and done.returncode != 0:
            raise SshError(done.returncode, argv, done.stdout, done.stderr)
        return done

    def screendump(self, png: Path) -> Path:
        """The guest's screen now, as a PNG (QMP screendump)."""
        png.parent.mkdir(parents=True, exist_ok=True)
        self.running_machine().qmp.execute("screendump", filename=str(png.resolve()), format="png")
        return png

    def power_cut(self) -> None:
        """Pull the plug (QMP quit: what the guest had not written to its disk is lost), power on again on the
        same disk and wait until SSH answers."""
        self.running_machine().pull_the_plug()
        self.power_on()
        self.wait_for_ssh(timeout=900)

    def reboot_wait(self, timeout: float = 900) -> None:
        """After the guest was told to reboot: wait for its next boot (a new kernel banner on the serial
        console), then for SSH."""
        deadline = time.monotonic() + timeout
        while vmtest.kernel_banners(self.run) <= self.boots_when_ready:
            self.running_machine()  # a guest that powered off instead will not answer
            if time.monotonic() > deadline:
                raise self.run.fail(f"{self.name} did not boot again within {timeout:.0f} s")
            time.sleep(0.5)
        self.wait_for_ssh(timeout=deadline - time.monotonic())

    # --- the machine under it ----------------------------------------------------------------------------------

    def hardware(self) -> vmtest.Hardware:
        return vmtest.Hardware(
            name=self.name, cpus=GUEST_CPUS, memory_mb=GUEST_MEMORY_MB,
            network=f"user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:{self.ssh_port}-:22",
            kernel_args=f"systemd.hostname={self.name}",
        )

    def power_on(self) -> None:
        """Start QEMU. Call it from a thread that outlives the guest (vmtest.die_with_parent)."""
        self.boots_when_ready = vmtest.kernel_banners(self.run)
        self.powered_on = time.monotonic()
        self.machine = vmtest.Machine(self.image, self.run, self.hardware())

    def running_machine(self) -> vmtest.Machine:
        if self.machine is None or not self.machine.running():
            raise self.run.fail(f"{self.name} is not running")
        return self.machine

    def wait_for_ssh(self, timeout: float) -> float:
        """Seconds from the power-on until root's SSH login worked."""
        deadline = time.monotonic() + timeout
        while True:
            machine = self.running_machine()
            if vmtest.kernel_banners(self.run) > self.boots_when_ready:  # before the kernel, nothing can answer
                with contextlib.suppress(subprocess.TimeoutExpired):
                    if self.ssh("true", check=False, timeout=SSH_ATTEMPT_S).returncode == 0:
                        self.boots_when_ready = vmtest.kernel_banners(self.run)
                        return round(time.monotonic() - self.powered_on, 1)
            if time.monotonic() > deadline:
                raise self.run.fail(f"{self.name} did not answer SSH within {timeout:.0f} s "
                                    f"(QEMU running: {machine.running()})")
            time.sleep(2)

    def power_off(self) -> None:
        if self.machine is not None:
            with contextlib.suppress(ConnectionError, OSError, RuntimeError):
                self.machine.pull_the_plug()
            self.machine.kill()


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 now, all different (each socket is held until every port is chosen)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for each in sockets:
            each.bind(("127.0.0.1", 0))
        return [each.getsockname()[1] for each in sockets]
    finally:
        for each in sockets:
            each.close()


def new_key(path: Path, comment: str) -> Path:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".pub").unlink(missing_ok=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)], check=True)
    return path


def prepare_guest(name: str, port: int, key: Path, folder: Path, image: Path) -> Guest:
    """The guest's folder from scratch: a new overlay disk, and in its share the SSH keys it installs at boot
    (the base image's vm-ssh-keys.service): root's authorized_keys and its own host key."""
    shutil.rmtree(folder, ignore_errors=True)
    guest = Guest(name, port, key, folder, image)
    ssh_dir = guest.run.share / "ssh"
    ssh_dir.mkdir(parents=True)
    shutil.copy(key.with_name(key.name + ".pub"), ssh_dir / "authorized_keys")
    new_key(ssh_dir / "ssh_host_ed25519_key", f"root@{name}")
    vmtest.new_overlay(image, guest.run.disk)
    return guest


@contextlib.contextmanager
def guests(count: int, folder: Path, *, log=print, timeout: float = 900) -> Iterator[list[Guest]]:
    """Boots `count` fresh guests in parallel (each on its own copy-on-write overlay of the cached base image),
    waits until each answers SSH, yields them; powers them off at exit."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    image = vmtest.base_image()
    key = new_key(folder / "id_ed25519", "testament-kiosk-fleet")
    names = [f"kiosk-{number}" for number in range(1, count + 1)]
    fleet = [prepare_guest(name, port, key, folder / name, image)
             for name, port in zip(names, free_ports(count), strict=True)]
    log(f"fleet: base image {image} ({time.monotonic() - started:.1f} s); powering on {', '.join(names)}")
    try:
        for guest in fleet:  # QEMU from this thread: it is killed with the thread that started it
            guest.power_on()
        with concurrent.futures.ThreadPoolExecutor(count) as pool:
            booted = list(pool.map(lambda guest: guest.wait_for_ssh(timeout), fleet))
        for guest, seconds in zip(fleet, booted, strict=True):
            log(f"fleet: {guest.name} answers SSH on 127.0.0.1:{guest.ssh_port}, {seconds} s after power-on")
            guest.ssh(f"printf '[Service]\\nWatchdogSec={VM_WATCHDOG_S}\\n' >{VM_KIOSK_UNIT}")
        yield fleet
    finally:
        for guest in fleet:
            guest.power_off()


def write_inventory(guests: list[Guest], path: Path, *, host_vars: dict[str, dict] | None = None) -> Path:
    """An Ansible YAML inventory of the guests in the group `kiosks`: root over SSH on 127.0.0.1 with the run's
    key, host keys not checked (every run's guests have new ones); `host_vars` adds variables per guest name."""
    group_vars = {
        "ansible_host": "127.0.0.1",
        "ansible_user": "root",
        "ansible_ssh_common_args": " ".join(SSH_OPTIONS),
        "ansible_python_interpreter": "/usr/bin/python3",
    }
    lines = ["all:", "  children:", "    kiosks:", "      hosts:"]
    for guest in guests:
        lines.append(f"        {guest.name}:")
        own = {"ansible_port": guest.ssh_port, "ansible_ssh_private_key_file": str(guest.key.resolve()),
               **(host_vars or {}).get(guest.name, {})}
        lines += [f"          {name}: {json.dumps(value, ensure_ascii=False)}" for name, value in own.items()]
    lines.append("      vars:")
    lines += [f"        {name}: {json.dumps(value)}" for name, value in group_vars.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")  # JSON's scalars and collections are YAML too
    return path


def up(count: int, folder: Path) -> int:
    def stop(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with guests(count, folder, log=lambda line: print(line, flush=True)) as fleet:
            inventory = write_inventory(fleet, folder / "inventory.yml")
            print(f"\n# {inventory}\n{inventory.read_text()}")
            for guest in fleet:
                print(f"# {guest.name}: ssh -i {guest.key} -p {guest.ssh_port} "
                      f"{' '.join(SSH_OPTIONS)} root@127.0.0.1")
            print(f"# ansible -i {inventory} kiosks -m ping\n# Ctrl-C powers them off", flush=True)
            while True:
                signal.pause()
    except KeyboardInterrupt:
        print("fleet: powered off")
    except vmtest.VmTestError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="boot the guests, write inventory.yml, keep them up until Ctrl-C")
    start.add_argument("--count", type=int, default=2)
    start.add_argument("--folder", type=Path, default=Path("build/fleet"),
                       help="the run's folder: key pair, inventory.yml, one folder per guest (replaced)")
    args = parser.parse_args(argv)
    return up(args.count, args.folder.resolve())


if __name__ == "__main__":
    sys.exit(main())
