"""The fleet's Ansible playbooks (packaging/ansible) against two kiosk PCs in virtual machines.

Two guests of the VM test's Debian 12 image (packaging/vm/fleet.py, QEMU with TCG, booted side by side) are
managed from this machine as packaging/README.md's fleet guide tells a technician, with the example vault and
its example password. One run of the machines serves every test here, in this order:

1. site.yml installs the build on both (one at a time), publishes content release A, writes each kiosk.toml;
   then the same command again, which must change nothing;
2. an upgrade whose build cannot start on kiosk-1 (its self-test passes, the exhibit exits at once): kiosk-1 is
   rolled back, the rollout stops, kiosk-2 is not touched; then one whose self-test fails on kiosk-1 (install.sh
   refuses it): the same, without a switch to roll back;
3. content release B, the playbook killed while it copies: each kiosk shows A or B from a complete folder, never
   a mix; the next run completes it; a broken release is refused on the control machine and reaches no kiosk;
4. visits on each kiosk, collect.yml: one fleet report whose counts are each kiosk's own and their sum.

Without a machine, the example inventory's kiosk.toml files are rendered and read back by the kiosk's own
settings loader. With them, 43 minutes on two cores shared with two other VMs (packaging/README.md, the fleet
guide, has each step's time): when ``CI=true`` or ``KIOSK_TEST_VM`` is 1 or prebuilt (prebuilt: the dist/
folder as it is, without ``make dist``), as root.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_frozen import DIST, REPO, dist  # noqa: F401  (dist: the shared `make dist` fixture, requested by name)

needs_vm = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CI") != "true" and os.environ.get("KIOSK_TEST_VM") not in ("1", "prebuilt"),
        reason="boots two Debian 12 VMs, managed with Ansible (25-45 min): runs when CI=true or KIOSK_TEST_VM=1",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="QEMU and debootstrap: Linux only"),
]



def vm_test(function):
    for mark in needs_vm:
        function = mark(function)
    return function


sys.path.insert(0, str(REPO / "packaging" / "vm"))
import fleet  # noqa: E402  (packaging/vm is not a package: the tooling a technician runs as a script)
import vmtest  # noqa: E402

ANSIBLE = REPO / "packaging" / "ansible"
TOOLS = ("qemu-system-x86_64", "qemu-img", "debootstrap", "mkfs.ext4", "ssh", "ssh-keygen")
# TCG on a busy 2-core host: the kiosk's start to its first frame has taken up to 70 s in the VM test
READY_TIMEOUT_S = 600
PLAYBOOK_TIMEOUT_S = 1800
VISITS = {"kiosk-1": 3, "kiosk-2": 5}  # seeded into each kiosk's analytics database before the collection
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


@dataclass
class Run:
    playbook: str
    rc: int
    output: str
    seconds: float
    recap: dict[str, dict[str, int]] = field(default_factory=dict)

    def changed(self) -> dict[str, int]:
        return {host: counts["changed"] for host, counts in self.recap.items()}


def run_playbook(playbook: str, inventory: Path, *extra: str, log, kill_at: str = "") -> Run:
    """ansible-playbook from packaging/ansible as a technician runs it; kill_at: SIGKILL it (and its ssh
    connections) one second after this text appears in its output, as a dropped connection would."""
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory),
               "--vault-password-file", str(ANSIBLE / "example-vault-password.txt"), *extra, str(ANSIBLE / playbook)]
    env = {**os.environ, "ANSIBLE_CONFIG": str(ANSIBLE / "ansible.cfg"), "ANSIBLE_NOCOLOR": "1",
           "ANSIBLE_LOCALHOST_WARNING": "0", "PYTHONWARNINGS": "ignore"}
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ANSIBLE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if kill_at and kill_at in line:
            time.sleep(1)
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=PLAYBOOK_TIMEOUT_S)
    output = "".join(lines)
    run = Run(playbook, process.returncode, output, round(time.monotonic() - started, 1))
    run.recap = {host: {"ok": int(ok), "changed": int(changed), "unreachable": int(unreachable),
                        "failed": int(failed)}
                 for host, ok, changed, unreachable, failed in RECAP.findall(output)}
    log(f"fleet test: {playbook} {' '.join(extra)}: exit {run.rc} in {run.seconds} s, {run.recap}")
    return run


def kiosk_status(guest: fleet.Guest) -> dict:
    done = guest.ssh("runuser -u kiosk -- env HOME=/home/kiosk /opt/testament-kiosk/current/testament-kiosk-debug "
                     "status --json", check=False)
    return json.loads(done.stdout)


def current_build(guest: fleet.Guest) -> str:
    return guest.ssh("cat /opt/testament-kiosk/current/fleet-build-id").stdout.strip()


def content_state(guest: fleet.Guest) -> dict[str, str]:
    """Where the content link points, and the files of that folder with their checksums."""
    link = guest.ssh("readlink /home/kiosk/content").stdout.strip()
    files = guest.ssh(f"cd /home/kiosk/{link} && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum",
                      check=False).stdout
    partials = guest.ssh("ls -d /home/kiosk/content-versions/*.partial 2>/dev/null", check=False).stdout.split()
    return {"link": link, "files": files, "partials": " ".join(partials)}


def checksums(folder: Path) -> str:
    return subprocess.run("find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum", shell=True, cwd=folder,
                          capture_output=True, text=True, check=True).stdout


def broken_build(source: Path, target: Path, how: str) -> Path:
    """A copy of the build (hard links: nothing of the original is written) that cannot show the exhibit:
    `start` replaces the exhibit's executable by one that exits at once (the self-test, which runs the -debug
    twin, passes); `self-test` removes the QML's main file (install.sh's self-test fails)."""
    shutil.rmtree(target, ignore_errors=True)
    vmtest.copy_tree(source, target)
    if how == "start":
        (target / "testament-kiosk").unlink()
        (target / "testament-kiosk").write_text("#!/bin/sh\necho 'a broken build for the fleet test' >&2\nexit 1\n")
        (target / "testament-kiosk").chmod(0o755)
    else:
        (target / "_internal" / "kiosk" / "qml" / "Main.qml").unlink()
    return target


@pytest.fixture(scope="module")
def fleet_run(request) -> dict:
    """Everything the tests look at, from one run of two guests (see the module's docstring)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"the fleet test needs {', '.join(missing)} (scripts/setup.sh installs them under CI=true)"
    assert os.geteuid() == 0, "the base image is built with debootstrap and chroot: run it as root"
    if os.environ.get("KIOSK_TEST_VM") == "prebuilt":
        assert (DIST / "testament-kiosk").is_file(), "KIOSK_TEST_VM=prebuilt, but there is no dist: run make dist"
        build = DIST
    else:
        build = request.getfixturevalue("dist")
    log = lambda line: print(line, flush=True)  # noqa: E731
    folder = REPO / "build" / "fleet-ansible"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    from kiosk.core.content.scan import content_hash_of_folder

    contents = {}
    for label in ("A", "B"):
        vmtest.content_version(REPO / "content", folder / f"content-{label}", label)
        contents[label] = folder / f"content-{label}"
    bad = folder / "content-bad"
    shutil.copytree(contents["B"], bad)
    exhibit = bad / "exhibit.json"
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace(
        '"chapters": [', '"chapters": ["chapter-that-does-not-exist", ', 1), encoding="utf-8")
    broken_start = broken_build(build, folder / "build-broken-start", "start")
    broken_self_test = broken_build(build, folder / "build-broken-self-test", "self-test")

    seen: dict = {"hash": {label: content_hash_of_folder(path) for label, path in contents.items()},
                  "checksums": {label: checksums(path) for label, path in contents.items()}}
    # the tests that boot machines take turns (build/vm.lock, as test_vm.py): two guests already fill the cores
    lock = (REPO / "build" / "vm.lock").open("w")
    request.addfinalizer(lock.close)
    fcntl.flock(lock, fcntl.LOCK_EX)
    started = time.monotonic()
    with fleet.guests(2, folder / "guests", log=log) as kiosks:
        seen["boot_s"] = round(time.monotonic() - started, 1)
        for guest in kiosks:  # the build reaches the guests through their shared folder, as from a USB stick
            vmtest.copy_tree(build, guest.folder / "share" / "testament-kiosk")
        vmtest.copy_tree(broken_start, kiosks[0].folder / "share" / "build-broken-start")

        def inventory(name: str, **per_host: dict) -> Path:
            common = {
                "kiosk_dist": str(build),
                "kiosk_dist_on_kiosk": "/mnt/host/testament-kiosk",
                "kiosk_control_command": str(Path(sys.executable).parent / "kiosk"),
                "kiosk_control_cache": str(folder / "cache"),
                "kiosk_collect_dir": str(folder / "collected"),
                "kiosk_report_dir": str(folder / "report"),
                "kiosk_ready_timeout_s": READY_TIMEOUT_S,
                "kiosk_content_reload_timeout_s": 20,
                "kiosk_service_overrides": {"TimeoutStartSec": 300},  # TCG: the first start compiles the QML
            }
            screens = {"kiosk-1": {"kiosk_display_default_language": "en", "kiosk_display_diagonal_inches": 32.0,
                                   "kiosk_display_mounting_height_mm": 900},
                       "kiosk-2": {"kiosk_display_default_language": "ru", "kiosk_display_diagonal_inches": 43.0,
                                   "kiosk_display_mounting_height_mm": 650, "kiosk_display_low_reach": True}}
            return fleet.write_inventory(kiosks, folder / name, host_vars={
                guest.name: {**common, **screens[guest.name], **per_host.get(guest.name, {})} for guest in kiosks})

        site = inventory("inventory.yml")
        release_a = ("-e", f"kiosk_content_release_dir={contents['A']}")

        # 1. a new fleet, then the same again
        seen["first"] = run_playbook("site.yml", site, *release_a, log=log)
        assert seen["first"].rc == 0, seen["first"].output[-6000:]
        seen["builds_after_first"] = {guest.name: current_build(guest) for guest in kiosks}
        seen["status_after_first"] = {guest.name: kiosk_status(guest) for guest in kiosks}
        seen["content_after_first"] = {guest.name: content_state(guest) for guest in kiosks}
        seen["config"] = {guest.name: guest.ssh("cat /home/kiosk/.config/testament-kiosk/kiosk.toml").stdout
                          for guest in kiosks}
        seen["second"] = run_playbook("site.yml", site, *release_a, log=log)

        # 2. upgrades that fail on the first kiosk of the rollout
        releases_before = {guest.name: guest.ssh("readlink /opt/testament-kiosk/current").stdout.strip()
                           for guest in kiosks}
        pids_before = {guest.name: kiosk_status(guest)["pid"] for guest in kiosks}
        cannot_start = inventory("inventory-cannot-start.yml", **{
            "kiosk-1": {"kiosk_dist": str(broken_start), "kiosk_dist_on_kiosk": "/mnt/host/build-broken-start"}})
        seen["cannot_start"] = run_playbook("install.yml", cannot_start, log=log)
        seen["after_cannot_start"] = {
            guest.name: {"release": guest.ssh("readlink /opt/testament-kiosk/current").stdout.strip(),
                         "build": current_build(guest), "status": kiosk_status(guest)} for guest in kiosks}
        fails_self_test = inventory("inventory-fails-self-test.yml", **{
            "kiosk-1": {"kiosk_dist": str(broken_self_test), "kiosk_dist_on_kiosk": ""}})  # copied over SSH
        seen["fails_self_test"] = run_playbook("install.yml", fails_self_test, log=log)
        seen["after_fails_self_test"] = {
            guest.name: {"release": guest.ssh("readlink /opt/testament-kiosk/current").stdout.strip(),
                         "build": current_build(guest), "status": kiosk_status(guest)} for guest in kiosks}
        seen["releases_before_upgrades"] = releases_before
        seen["pids_before_upgrades"] = pids_before

        # 3. content: a release interrupted while it is copied, completed by the next run; a broken one refused
        release_b = ("-e", f"kiosk_content_release_dir={contents['B']}")
        seen["interrupted"] = run_playbook("content.yml", site, *release_b, log=log,
                                           kill_at="TASK [kiosk : Unpack the release beside")
        seen["content_after_interrupt"] = {guest.name: content_state(guest) for guest in kiosks}
        seen["status_after_interrupt"] = {guest.name: kiosk_status(guest) for guest in kiosks}
        seen["completed"] = run_playbook("content.yml", site, *release_b, log=log)
        seen["content_after_completed"] = {guest.name: content_state(guest) for guest in kiosks}
        seen["status_after_completed"] = {guest.name: kiosk_status(guest) for guest in kiosks}
        seen["bad"] = run_playbook("content.yml", site, "-e", f"kiosk_content_release_dir={bad}", log=log)
        seen["content_after_bad"] = {guest.name: content_state(guest) for guest in kiosks}

        # 4. visits on each kiosk (as a visit leaves them in its database), then the month's collection
        for guest in kiosks:
            rows = ", ".join(f"({1000 * int(guest.name[-1]) + n}, strftime('%Y-%m-%d %H:%M', 'now', 'localtime'), "
                             f"{60 + n}, 'timeout')" for n in range(VISITS[guest.name]))
            guest.ssh("runuser -u kiosk -- sqlite3 /home/kiosk/.local/share/testament-kiosk/analytics.sqlite3 "
                      f"\"INSERT INTO sessions (id, started_at, duration_s, end_reason) VALUES {rows}\"")
        seen["own_visits"] = {guest.name: int(guest.ssh(
            "runuser -u kiosk -- sqlite3 /home/kiosk/.local/share/testament-kiosk/analytics.sqlite3 "
            "'SELECT COUNT(*) FROM sessions'").stdout) for guest in kiosks}
        seen["collect"] = run_playbook("collect.yml", site, log=log)
        seen["collect_again"] = run_playbook("collect.yml", site, log=log)
    seen["folder"] = folder
    seen["total_s"] = round(time.monotonic() - started, 1)
    log(f"fleet test: {seen['total_s']} s in all (boot {seen['boot_s']} s)")
    return seen


@vm_test
def test_a_new_fleet_is_installed_configured_and_on_screen(fleet_run) -> None:
    first = fleet_run["first"]
    assert set(first.recap) == {"kiosk-1", "kiosk-2"}
    assert all(counts["failed"] == 0 and counts["changed"] > 0 for counts in first.recap.values())
    assert len(set(fleet_run["builds_after_first"].values())) == 1
    for name, status in fleet_run["status_after_first"].items():
        assert status["running"], f"{name}: {status}"
        assert status["name"] == name  # [kiosk] name from the inventory
        assert status["content"]["hash"] == fleet_run["hash"]["A"]
        content = fleet_run["content_after_first"][name]
        assert content["link"].startswith("content-versions/")
        assert content["files"] == fleet_run["checksums"]["A"]
    one, two = fleet_run["config"]["kiosk-1"], fleet_run["config"]["kiosk-2"]
    assert 'default_language = "en"' in one and 'default_language = "ru"' in two
    assert "mounting_height_mm = 650" in two and "low_reach = true" in two
    for config in (one, two):  # the PIN hash from the vault, and the content link as the content folder
        assert 'pin_hash = "pbkdf2_sha256$200000$' in config
        assert 'dir = "/home/kiosk/content"' in config
    print(f"\nfirst run: {first.seconds} s, changed {first.changed()}; the guests booted in {fleet_run['boot_s']} s")


@vm_test
def test_a_second_run_changes_nothing(fleet_run) -> None:
    second = fleet_run["second"]
    assert second.rc == 0, second.output[-4000:]
    assert second.changed() == {"kiosk-1": 0, "kiosk-2": 0}, second.output[-6000:]
    print(f"\nsecond run: {second.seconds} s, changed {second.changed()}")


@vm_test
def test_an_upgrade_that_cannot_start_is_rolled_back_and_stops_the_rollout(fleet_run) -> None:
    run, after = fleet_run["cannot_start"], fleet_run["after_cannot_start"]
    before = fleet_run["releases_before_upgrades"]
    assert run.rc != 0
    assert "kiosk-1: build" in run.output and "Rolled back to" in run.output, run.output[-6000:]
    assert "kiosk-2" not in run.recap or run.recap["kiosk-2"]["changed"] == 0, run.output[-6000:]
    assert "TASK [kiosk : Look at the kiosk PC]" in run.output
    assert "ok: [kiosk-2]" not in run.output  # the rollout never reached it
    assert after["kiosk-1"]["release"] == before["kiosk-1"]  # rolled back
    assert after["kiosk-1"]["build"] == fleet_run["builds_after_first"]["kiosk-1"]
    assert after["kiosk-1"]["status"]["running"]
    assert after["kiosk-2"]["release"] == before["kiosk-2"]
    assert after["kiosk-2"]["status"]["pid"] == fleet_run["pids_before_upgrades"]["kiosk-2"]  # not even restarted
    print(f"\nupgrade that cannot start: stopped and rolled back in {run.seconds} s")


@vm_test
def test_an_upgrade_whose_self_test_fails_is_refused_and_stops_the_rollout(fleet_run) -> None:
    run, after = fleet_run["fails_self_test"], fleet_run["after_fails_self_test"]
    before = fleet_run["releases_before_upgrades"]
    assert run.rc != 0
    assert "kiosk-1: install.sh refused build" in run.output, run.output[-6000:]
    assert "ok: [kiosk-2]" not in run.output
    assert after["kiosk-1"]["release"] == before["kiosk-1"]
    assert after["kiosk-1"]["status"]["running"]
    assert after["kiosk-2"]["release"] == before["kiosk-2"]
    assert after["kiosk-2"]["status"]["pid"] == fleet_run["pids_before_upgrades"]["kiosk-2"]
    print(f"\nupgrade whose self-test fails: refused in {run.seconds} s")


@vm_test
def test_an_interrupted_content_release_leaves_old_or_new_never_a_mix(fleet_run) -> None:
    interrupted = fleet_run["interrupted"]
    assert interrupted.rc != 0  # killed
    versions = {fleet_run["checksums"]["A"]: "A", fleet_run["checksums"]["B"]: "B"}
    hashes = {fleet_run["hash"]["A"]: "A", fleet_run["hash"]["B"]: "B"}
    for name, content in fleet_run["content_after_interrupt"].items():
        assert content["files"] in versions, f"{name}: the content link points at an incomplete folder"
        status = fleet_run["status_after_interrupt"][name]
        assert status["running"]
        assert status["content"]["hash"] in hashes, f"{name} shows content that is neither release: {status}"
        print(f"\n{name} after the kill: link to {versions[content['files']]}, showing "
              f"{hashes[status['content']['hash']]}; left over: {content['partials'] or 'nothing'}")
    completed = fleet_run["completed"]
    assert completed.rc == 0, completed.output[-6000:]
    for name, content in fleet_run["content_after_completed"].items():
        assert content["files"] == fleet_run["checksums"]["B"]
        assert content["partials"] == ""  # the next run replaced what the kill left
        assert fleet_run["status_after_completed"][name]["content"]["hash"] == fleet_run["hash"]["B"]
    print(f"\nthe release completed by the next run in {completed.seconds} s")


@vm_test
def test_a_broken_content_release_is_refused_on_the_control_machine(fleet_run) -> None:
    bad = fleet_run["bad"]
    assert bad.rc != 0
    assert "is not valid; no kiosk was changed" in bad.output, bad.output[-4000:]
    assert "chapter-that-does-not-exist" in bad.output
    assert "Copy the release to the kiosk PC" not in bad.output
    for name, content in fleet_run["content_after_bad"].items():
        assert content == fleet_run["content_after_completed"][name]


@vm_test
def test_the_fleet_report_counts_each_kiosks_visits_once(fleet_run) -> None:
    collect = fleet_run["collect"]
    assert collect.rc == 0, collect.output[-6000:]
    folder = fleet_run["folder"]
    for name in ("kiosk-1", "kiosk-2"):
        days = list((folder / "collected" / name).iterdir())
        assert len(days) == 1 and (days[0] / "analytics.sqlite3").is_file() and (days[0] / "status.json").is_file()
    with (folder / "report" / "kiosks.csv").open(encoding="utf-8") as file:
        per_kiosk = {row["kiosk"]: int(row["sessions"]) for row in csv.DictReader(file)}
    own = fleet_run["own_visits"]
    assert per_kiosk == own
    with (folder / "report" / "summary.csv").open(encoding="utf-8") as file:
        summary = {row[0]: row[1] for row in csv.reader(file)}
    assert int(summary["sessions"]) == sum(own.values())
    again = fleet_run["collect_again"]
    assert again.rc == 0 and again.changed() == {"kiosk-1": 0, "kiosk-2": 0}, again.output[-4000:]
    print(f"\ncollection: {collect.seconds} s; visits {own}, report total {summary['sessions']}; "
          f"the whole fleet test {fleet_run['total_s']} s")


def test_the_example_inventory_gives_each_kiosk_a_valid_kiosk_toml(tmp_path) -> None:
    """The template with the example inventory and its vault, each file read by the kiosk's settings loader."""
    from kiosk.core.ops.config import load_config

    shutil.copytree(ANSIBLE / "group_vars", tmp_path / "group_vars")  # read beside the playbook, as site.yml's
    (tmp_path / "out").mkdir()
    playbook = tmp_path / "render.yml"
    playbook.write_text(json.dumps([{
        "hosts": "kiosks", "gather_facts": False, "roles": ["kiosk"],
        "vars": {"kiosk_configured": {"kiosk": {"home": "/home/kiosk", "content_link": "content-versions/a"}}},
        "tasks": [{"ansible.builtin.template": {"src": str(ANSIBLE / "roles" / "kiosk" / "templates" / "kiosk.toml.j2"),
                                                "dest": f"{tmp_path}/out/{{{{ inventory_hostname }}}}.toml",
                                                "mode": "0600"}}],
    }]))
    env = {**os.environ, "ANSIBLE_ROLES_PATH": str(ANSIBLE / "roles"), "ANSIBLE_LOCALHOST_WARNING": "0",
           "ANSIBLE_NOCOLOR": "1", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(ANSIBLE / "inventory" / "example.yml"),
         "-c", "local", "-e", f"ansible_python_interpreter={sys.executable}",
         "--vault-password-file", str(ANSIBLE / "example-vault-password.txt"), str(playbook)],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    configs = {path.stem: load_config(path) for path in (tmp_path / "out").glob("*.toml")}
    assert set(configs) == {"kiosk-dictation-1", "kiosk-dictation-2", "kiosk-congress-1"}
    low, congress = configs["kiosk-dictation-2"], configs["kiosk-congress-1"]
    assert low.kiosk.name == "kiosk-dictation-2"
    assert (low.display.default_language, low.display.mounting_height_mm, low.display.low_reach) == ("en", 650, True)
    assert (congress.display.default_language, congress.display.diagonal_inches) == ("ru", 43.0)
    assert congress.idle.timeout_seconds == 120 and low.idle.timeout_seconds == 90  # the host over its group
    assert congress.keypad.select == ["Return", "Space"]
    assert congress.content.dir == Path("/home/kiosk/content")
    from kiosk.core.visit.pin import verify_pin

    assert all(verify_pin("2468", config.staff.pin_hash) for config in configs.values())  # the example vault's PIN
