#!/usr/bin/python
"""What a kiosk PC runs, read on the kiosk PC in one step, and optionally waited for there (no round trips)."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import time

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: kiosk_state
short_description: The Testament Kiosk on this machine, as systemd and `kiosk status --json` see it
description:
  - Reads the kiosk user, the current and previous release and the build the fleet installed there, the kiosk's
    systemd user service (READY=1 makes it active) and `testament-kiosk-debug status --json`; never changes anything.
  - With I(wait=ready) it waits until the service is active with a main process other than I(old_pid), running the
    current release, and `kiosk status` says running; with I(wait=content) until the kiosk shows
    I(content_folder) or has refused it (a refusal other than the one in I(content_before)).
options:
  user: {type: str, default: kiosk, description: The kiosk user.}
  prefix: {type: str, default: /opt/testament-kiosk, description: Where install.sh put the releases.}
  wait: {type: str, default: none, choices: [none, ready, content], description: What to wait for.}
  timeout: {type: int, default: 180, description: Seconds to wait.}
  old_pid: {type: int, default: 0, description: The kiosk process that must have gone (wait=ready).}
  content_before: {type: dict, default: {}, description: The content part of the status before a release.}
  content_folder: {type: str, default: "", description: The release's folder, which the kiosk must show (wait=content).}
  status:
    type: bool
    default: true
    description: Ask `kiosk status` too (a start of the frozen app, seconds on a slow PC); waits always do.
"""

UNIT = "testament-kiosk.service"
BUILD_ID_FILE = "fleet-build-id"
CRASH_LOOP_RESTARTS = 3  # restarts by systemd while waiting for a kiosk to come up: it will not


def _run(command: list[str], timeout: float = 120) -> tuple[int, str, str]:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 127, "", str(exc)
    return done.returncode, done.stdout, done.stderr


def _as_kiosk(account: pwd.struct_passwd, command: list[str]) -> list[str]:
    # The kiosk user's systemd through its private socket (as install.sh does; a minimal Debian runs no user D-Bus).
    return ["runuser", "-u", account.pw_name, "--", "env", f"HOME={account.pw_dir}",
            f"XDG_RUNTIME_DIR=/run/user/{account.pw_uid}", *command]


def _link(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read().strip()
    except OSError:
        return ""


def _service(account: pwd.struct_passwd) -> dict:
    _, out, _ = _run(_as_kiosk(account, ["systemctl", "--user", "show", UNIT,
                                          "-p", "ActiveState,SubState,Result,MainPID,StatusText,NRestarts"]))
    props = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    pid = int(props.get("MainPID") or 0)
    return {
        "active_state": props.get("ActiveState", "unknown"),
        "sub_state": props.get("SubState", ""),
        "result": props.get("Result", ""),
        "status_text": props.get("StatusText", ""),
        "restarts": int(props.get("NRestarts") or 0),
        "main_pid": pid,
        "exe": _link(f"/proc/{pid}/exe") if pid else "",
    }


def _kiosk_status(account: pwd.struct_passwd, prefix: str) -> tuple[int | None, dict | None]:
    command = f"{prefix}/current/testament-kiosk-debug"
    if not os.path.exists(command):
        return None, None
    rc, out, err = _run(_as_kiosk(account, [command, "status", "--json"]))
    try:
        return rc, json.loads(out)
    except ValueError:
        return rc, {"running": False, "error": (err or out).strip()[-800:]}


def _state(user: str, prefix: str, with_status: bool = True) -> dict:
    try:
        account = pwd.getpwnam(user)
    except KeyError:
        return {"user_exists": False, "home": "", "uid": None, "current": "", "previous": "", "build_id": "",
                "service": {}, "status": None, "status_rc": None, "content_link": "", "ready": False}
    current = os.path.realpath(f"{prefix}/current") if os.path.islink(f"{prefix}/current") else ""
    service = _service(account)
    status_rc, status = _kiosk_status(account, prefix) if current and with_status else (None, None)
    ready = (service["active_state"] == "active" and service["main_pid"] != 0
             and service["exe"] == os.path.join(current, "testament-kiosk")
             and bool(status and status.get("running")))
    return {
        "user_exists": True,
        "home": account.pw_dir,
        "uid": account.pw_uid,
        "current": current,
        "previous": os.path.realpath(f"{prefix}/previous") if os.path.islink(f"{prefix}/previous") else "",
        "build_id": _read(os.path.join(current, BUILD_ID_FILE)) if current else "",
        "service": service,
        "status": status,
        "status_rc": status_rc,
        "content_link": _link(os.path.join(account.pw_dir, "content")),
        "ready": ready,
    }


def _content_outcome(state: dict, folder: str, before: dict) -> str:
    """loaded (the kiosk shows that folder: its status names the folder it loaded, links resolved), rejected (a
    refusal other than the one before), or "" while the kiosk still shows what it had."""
    content = (state["status"] or {}).get("content") or {}
    if content.get("source") == os.path.realpath(folder):
        return "loaded"
    rejected = content.get("rejected")
    if rejected and rejected != before.get("rejected"):
        return "rejected"
    return ""


def main() -> None:
    module = AnsibleModule(
        argument_spec={
            "user": {"type": "str", "default": "kiosk"},
            "prefix": {"type": "str", "default": "/opt/testament-kiosk"},
            "wait": {"type": "str", "default": "none", "choices": ["none", "ready", "content"]},
            "timeout": {"type": "int", "default": 180},
            "old_pid": {"type": "int", "default": 0},
            "content_before": {"type": "dict", "default": {}},
            "content_folder": {"type": "str", "default": ""},
            "status": {"type": "bool", "default": True},
        },
        supports_check_mode=True,
    )
    params = module.params
    started = time.monotonic()
    restarts = None
    while True:
        state = _state(params["user"], params["prefix"], params["status"] or params["wait"] != "none")
        if params["wait"] == "ready":
            restarts = state["service"].get("restarts", 0) if restarts is None else restarts
            # systemd never gives up on the kiosk (StartLimitIntervalSec=0): a build that cannot start loops
            state["crash_loop"] = state["service"].get("restarts", 0) - restarts >= CRASH_LOOP_RESTARTS
            done = (state["ready"] and state["service"]["main_pid"] != params["old_pid"]) or state["crash_loop"]
        elif params["wait"] == "content":
            state["content_outcome"] = _content_outcome(state, params["content_folder"], params["content_before"])
            done = bool(state["content_outcome"]) or not (state["status"] or {}).get("running")
        else:
            done = True
        state["waited_s"] = round(time.monotonic() - started, 1)
        if done or state["waited_s"] > params["timeout"]:
            state["timed_out"] = not done
            module.exit_json(changed=False, kiosk=state)
        time.sleep(3)


if __name__ == "__main__":
    main()
