"""A kiosk PC in a virtual machine: install a kiosk build on Debian 12 as a technician would, and check it.

The host's half of the VM test (tests/packaging/test_vm.py runs it; a technician can too, see
packaging/README.md). It

1. builds the Debian 12 base image once (build-base-image.sh, cached under ~/.cache/testament-kiosk-vm);
2. puts the build (dist/testament-kiosk), two versions of its content and guest-steps.sh into a folder that
   the guest mounts over 9p, and boots QEMU (TCG: software emulation, which works everywhere; KVM is not
   used) on a fresh copy-on-write overlay of the base image;
3. answers what the guest asks for through files in that folder (a screendump, a tap on the screen,
   pulling the plug) over QEMU's QMP socket, and boots the machine again after a power cut;
4. returns the guest's results (``name=value`` lines) with its own measurements (firmware time per boot,
   the screen's brightness statistics).

    sudo .venv/bin/python packaging/vm/vmtest.py [--dist dist/testament-kiosk] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "testament-kiosk-vm"
QEMU = "qemu-system-x86_64"
INPUT_ABS_MAX = 0x7FFF  # QMP's absolute pointer coordinates run from 0 to this, whatever the screen's size
KERNEL_BANNER = "Linux version "


class VmTestError(AssertionError):
    """The run could not finish; the message ends with the tail of the guest's serial console."""


@dataclass
class VmRun:
    """Where one run keeps its files, and what it measured."""

    folder: Path
    results: dict[str, str] = field(default_factory=dict)
    host: dict[str, float | str] = field(default_factory=dict)

    @property
    def share(self) -> Path:
        return self.folder / "share"

    @property
    def disk(self) -> Path:
        """The run's copy-on-write overlay of the base image: every boot of one run writes there."""
        return self.folder / "disk.qcow2"

    @property
    def serial_log(self) -> Path:
        return self.folder / "serial.log"

    def serial_tail(self, lines: int = 60) -> str:
        if not self.serial_log.is_file():
            return "(no serial output)"
        text = self.serial_log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(strip_ansi(text).splitlines()[-lines:])

    def fail(self, message: str) -> VmTestError:
        found = self.share / "results.env"
        results = found.read_text(encoding="utf-8") if found.is_file() else "(none)\n"
        return VmTestError(f"{message}\n--- what the guest found until then ({found}) ---\n{results}"
                           f"--- last lines of the guest's serial console ({self.serial_log}) ---\n"
                           f"{self.serial_tail()}")


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


# --- the base image --------------------------------------------------------------------------------------------


def base_image(cache: Path = DEFAULT_CACHE) -> Path:
    """The cached base image's folder (base.raw, vmlinuz, initrd.img), built first if needed."""
    built = subprocess.run(
        ["bash", str(HERE / "build-base-image.sh"), str(cache)], capture_output=True, text=True, check=False
    )
    if built.returncode != 0:
        raise VmTestError(f"building the base image failed:\n{built.stderr[-4000:]}")
    return Path(built.stdout.strip().splitlines()[-1])


def new_overlay(image: Path, disk: Path) -> None:
    """A fresh copy-on-write disk over the base image: what one run's boots write, the image never changes."""
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-b", str(image / "base.raw"), "-F", "raw",
                    str(disk)], check=True)


# --- the shared folder -----------------------------------------------------------------------------------------


def copy_tree(source: Path, target: Path) -> None:
    """Hard links where the file system allows (the build is 150 MB and only read), else copies."""
    try:
        shutil.copytree(source, target, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True)


def content_version(bundled: Path, target: Path, label: str) -> None:
    """The build's own content with the subtitle marked, so that two versions differ in what visitors read."""
    shutil.copytree(bundled, target)
    exhibit = target / "exhibit.json"
    data = json.loads(exhibit.read_text(encoding="utf-8"))
    data["subtitle"] = {code: f"{text} ({label})" for code, text in data["subtitle"].items()}
    exhibit.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def prepare(folder: Path, dist: Path) -> VmRun:
    run = VmRun(folder)
    if folder.exists():
        shutil.rmtree(folder)
    run.share.mkdir(parents=True)
    run.share.chmod(0o1777)  # the guest's kiosk user writes there too (9p passes the host's permissions through)
    shutil.copy(HERE / "guest-steps.sh", run.share / "guest-steps.sh")
    copy_tree(dist, run.share / "testament-kiosk")
    for label in ("A", "B"):
        content_version(dist / "_internal" / "content", run.share / f"content-{label}", f"content {label}")
    (run.share / "state").write_text("install\n")
    return run


# --- QEMU and its QMP socket -----------------------------------------------------------------------------------


class Qmp:
    """QEMU's machine protocol: one JSON object a line; events arrive between replies and are skipped."""

    def __init__(self, path: Path, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(str(path))
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.sock.settimeout(60)
        self.reader = self.sock.makefile("r", encoding="utf-8")
        json.loads(self.reader.readline())  # the greeting
        self.execute("qmp_capabilities")

    def execute(self, command: str, **arguments) -> object:
        message = {"execute": command, **({"arguments": arguments} if arguments else {})}
        self.sock.sendall(json.dumps(message).encode() + b"\n")
        while True:
            line = self.reader.readline()
            if not line:
                raise ConnectionError(f"QEMU closed its QMP socket during {command}")
            reply = json.loads(line)
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError(f"QMP {command}: {reply['error'].get('desc')}")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.reader.close()
            self.sock.close()


def die_with_parent() -> None:
    """In QEMU's process before it starts: a test run that is killed must not leave a machine running.

    The kernel sends the signal when the *thread* that started QEMU ends: start machines from a thread that
    outlives them (the main thread), never from a worker thread."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


@dataclass(frozen=True)
class Hardware:
    """What one machine is given: the VM test's single guest by default; the fleet's are smaller (fleet.py)."""

    name: str = "testament-kiosk-vm"
    cpus: int = 2
    memory_mb: int = 2048
    network: str = "user,model=virtio-net-pci"  # QEMU's -nic: install.sh runs apt-get, through the host's network
    kernel_args: str = ""


def qemu_command(image: Path, run: VmRun, qmp: Path, hardware: Hardware) -> list[str]:
    return [
        QEMU, "-accel", "tcg", "-cpu", "Nehalem", "-smp", str(hardware.cpus), "-m", str(hardware.memory_mb),
        "-nodefaults", "-no-user-config", "-name", hardware.name,
        "-kernel", str(image / "vmlinuz"), "-initrd", str(image / "initrd.img"),
        "-append", f"root=/dev/vda rw console=ttyS0 consoleblank=0 {hardware.kernel_args}".strip(),
        "-drive", f"file={run.disk},if=virtio,format=qcow2",
        "-virtfs", f"local,path={run.share},mount_tag=host0,security_model=none,id=host0",
        # virtio-vga: cage's wlroots cannot use the standard VGA's bochs-drm (no PRIME import)
        "-vga", "none", "-device", "virtio-vga", "-display", "none",
        "-device", "virtio-tablet-pci", "-device", "virtio-keyboard-pci",
        "-nic", hardware.network,
        "-chardev", f"file,id=serial,path={run.serial_log},append=on", "-serial", "chardev:serial",
        "-qmp", f"unix:{qmp},server=on,wait=off",
    ]


class Machine:
    """One QEMU process (one power-on); a guest reboot stays in it, a power cut ends it."""

    def __init__(self, image: Path, run: VmRun, hardware: Hardware = Hardware()):
        self.qmp_path = run.folder / "qmp.sock"
        self.qmp_path.unlink(missing_ok=True)
        self.powered_on = time.monotonic()
        output = run.folder / "qemu.log"  # a file, not a pipe: a pipe nobody reads would stop QEMU once full
        with output.open("ab") as sink:
            self.process = subprocess.Popen(
                qemu_command(image, run, self.qmp_path, hardware),
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
            )
        try:
            self.qmp = Qmp(self.qmp_path)
        except OSError:
            self.kill_process()
            raise run.fail(f"QEMU did not start:\n{output.read_text(errors='replace')[-3000:]}") from None

    def running(self) -> bool:
        return self.process.poll() is None

    def screendump(self, path: Path) -> None:
        self.qmp.execute("screendump", filename=str(path))

    def tap(self, x: float = 0.5, y: float = 0.5) -> None:
        """A click of the virtio tablet at a point given as fractions of the screen: a touch, as cage sees it."""
        position = [{"type": "abs", "data": {"axis": "x", "value": round(x * INPUT_ABS_MAX)}},
                    {"type": "abs", "data": {"axis": "y", "value": round(y * INPUT_ABS_MAX)}}]
        self.qmp.execute("input-send-event", events=position)
        for down in (True, False):
            self.qmp.execute("input-send-event", events=[{"type": "btn", "data": {"down": down, "button": "left"}}])
            time.sleep(0.1)

    def pull_the_plug(self) -> None:
        """QMP quit: QEMU stops at once; what the guest had not yet written to its virtual disk is lost."""
        with contextlib.suppress(ConnectionError, OSError):
            self.qmp.execute("quit")
        self.process.wait(30)
        self.qmp.close()

    def kill_process(self) -> None:
        if self.running():
            self.process.kill()
            self.process.wait(30)

    def kill(self) -> None:
        self.kill_process()
        self.qmp.close()


# --- the screen ------------------------------------------------------------------------------------------------


def screen_stats(ppm: Path, png: Path) -> dict[str, float | str]:
    """Save the screendump as PNG and measure it: is anything on screen, and is the title bright where the
    attract screen puts it (the lower left, over the darkened bottom of the picture)?"""
    from PIL import Image, ImageStat

    with Image.open(ppm) as image:
        image.save(png, optimize=True)
        gray = image.convert("L")
    width, height = gray.size
    whole = ImageStat.Stat(gray)
    title = gray.crop((0, height // 2, width * 3 // 4, height))
    top = gray.crop((0, 0, width, height // 3))

    def bright_fraction(part: Image.Image) -> float:
        histogram = part.histogram()
        return sum(histogram[200:]) / max(1, sum(histogram))

    return {
        "screen_size": f"{width}x{height}",
        "screen_mean": round(whole.mean[0], 1),
        "screen_stddev": round(whole.stddev[0], 1),
        "screen_title_bright": round(bright_fraction(title), 4),
        "screen_top_bright": round(bright_fraction(top), 4),
    }


# --- the run ---------------------------------------------------------------------------------------------------


def kernel_banners(run: VmRun) -> int:
    """Boots so far: a power-on or a reboot each prints the kernel's banner once."""
    if not run.serial_log.is_file():
        return 0
    return run.serial_log.read_text(encoding="utf-8", errors="replace").count(KERNEL_BANNER)


def read_results(run: VmRun) -> dict[str, str]:
    path = run.share / "results.env"
    if not path.is_file():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
    return dict(pairs)


def run_vm(dist: Path, folder: Path, *, cache: Path = DEFAULT_CACHE, timeout: float = 1800,
           log=print) -> VmRun:
    """Build (or reuse) the base image, boot it, let guest-steps.sh run to the end; return what was measured."""
    started = time.monotonic()
    image = base_image(cache)
    run = prepare(folder, dist)
    run.host["image_s"] = round(time.monotonic() - started, 1)
    log(f"vm: base image {image} ({run.host['image_s']} s); run folder {folder}")
    new_overlay(image, run.disk)
    drive(run, image, timeout=timeout, log=log)
    run.host["total_s"] = round(time.monotonic() - started, 1)
    if "failed" in run.results:
        raise run.fail(f"the guest stopped: {run.results['failed']}")
    return run


def drive(run: VmRun, image: Path, *, timeout: float, log=print) -> None:
    """Power the machine on (again after each power cut) and answer the guest until it says it is done."""
    requests = run.share / "requests"
    deadline = time.monotonic() + timeout
    power_ons = 0
    kernel_seen = False
    boot_times: list[float] = []
    machine = None
    try:
        while True:
            if machine is None or not machine.running():
                state = (run.share / "state").read_text().strip()
                if state == "done":
                    break
                if machine is not None and not (requests / "power-cut").exists():
                    raise run.fail(f"the machine stopped in state {state!r} (exit {machine.process.returncode})")
                (requests / "power-cut").unlink(missing_ok=True)
                power_ons += 1
                log(f"vm: power on #{power_ons} (state {state})")
                banners_before = kernel_banners(run)
                machine = Machine(image, run)
                kernel_seen = False
            if time.monotonic() > deadline:
                raise run.fail(f"the run did not finish within {timeout:.0f} s "
                               f"(state {(run.share / 'state').read_text().strip()!r})")
            # The first kernel banner after a power-on: how long QEMU's firmware took to start the kernel.
            if not kernel_seen and kernel_banners(run) > banners_before:
                kernel_seen = True
                boot_times.append(round(time.monotonic() - machine.powered_on, 1))
            for request in sorted(requests.glob("*")) if requests.is_dir() else []:
                if request.name.endswith(".new"):
                    continue
                argument = request.read_text().strip()
                if request.name == "screendump":
                    ppm = run.folder / f"{argument}.ppm"
                    machine.screendump(ppm)
                    run.host.update(screen_stats(ppm, run.folder / f"{argument}.png"))
                    ppm.unlink()
                    log(f"vm: screendump {run.folder / argument}.png")
                elif request.name == "tap":
                    machine.tap()
                elif request.name == "power-cut":
                    progress = run.share / "update-progress"
                    run.host["cut_update_step"] = progress.read_text().strip() if progress.exists() else "none"
                    machine.pull_the_plug()
                    log(f"vm: power cut during the content update at: {run.host['cut_update_step']}")
                    continue  # the request stays until the next power-on, which it explains
                else:
                    raise run.fail(f"unknown request from the guest: {request.name}")
                request.unlink()
            time.sleep(0.1)
    finally:
        if machine is not None:
            machine.kill()
    run.results = read_results(run)
    run.host["power_ons"] = power_ons
    run.host["firmware_to_kernel_s"] = ",".join(map(str, boot_times))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=HERE.parent.parent / "dist" / "testament-kiosk",
                        help="the kiosk build to install (default: dist/testament-kiosk)")
    parser.add_argument("--out", type=Path, default=DEFAULT_CACHE / "last-run",
                        help="the run's folder: serial log, screendump, the guest's logs (replaced)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the base image is kept")
    args = parser.parse_args(argv)
    try:
        run = run_vm(args.dist.resolve(), args.out.resolve(), cache=args.cache)
    except VmTestError as error:
        print(error, file=sys.stderr)
        return 1
    for name, value in {**run.results, **run.host}.items():
        print(f"{name:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
