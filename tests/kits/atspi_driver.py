"""An assistive technology in miniature: what Orca or a switch-access tool does, through AT-SPI alone.

Run with the system Python (/usr/bin/python3), where Debian's python3-pyatspi lives; it is not installable into
the project's virtualenv. It answers one JSON request a line on stdin with one JSON reply a line on stdout:

  {"op": "tree", "pid": 123, "hidden": true}
                                  the kiosk's accessible tree, flattened in reading (depth-first) order
  {"op": "act", "pid": 123, "role": "push button", "name": "Next", "action": "Press"}
                                  invoke that action of the one showing item with that role and name

It only reports what it sees and does what it is told; the test (tests/kits/atspikit.py) decides what is right.
"""

from __future__ import annotations

import json
import sys
import traceback

import pyatspi
from gi.repository import Atspi


def application(pid: int):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.get_process_id() == pid:
            # read everything live: the kiosk changes names and states faster than cached events arrive
            app.set_cache_mask(Atspi.Cache.NONE)
            return app
    raise LookupError(f"no accessible application with process id {pid}")


def actions(item) -> list[str]:
    try:
        action = item.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(index) for index in range(action.nActions)]


def extents(item) -> list[int] | None:
    try:
        box = item.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        return None
    return [box.x, box.y, box.width, box.height]


def text_of(item) -> str:
    if item.name:
        return item.name
    try:
        text = item.queryText()
    except NotImplementedError:
        return ""
    return text.getText(0, -1)


def walk(item, *, hidden: bool, depth: int = 0):
    """Each item once with whether it shows, parents before children, children in the application's order;
    the items inside one that does not show only if ``hidden``. Every question is a round trip to the kiosk,
    which answers between the frames it draws: the attract screen, always moving, answers slowly."""
    showing = item.getState().contains(pyatspi.STATE_SHOWING)
    yield depth, item, showing
    if showing or hidden:
        for index in range(item.childCount):
            child = item.getChildAtIndex(index)
            if child is not None:
                yield from walk(child, hidden=hidden, depth=depth + 1)


def describe(depth: int, item, showing: bool) -> dict:
    described = {"depth": depth, "showing": showing}
    if showing or depth <= 2:  # the screens themselves, and what shows; no one reads the rest
        described.update(role=item.getRoleName(), name=text_of(item))
    if showing:
        described.update(extents=extents(item))
    return described


def tree(request: dict) -> dict:
    return {"nodes": [describe(*found) for found in walk(application(request["pid"]), hidden=request["hidden"])]}


def act(request: dict) -> dict:
    found = [item for _, item, showing in walk(application(request["pid"]), hidden=False)
             if showing and item.getRoleName() == request["role"] and text_of(item) == request["name"]]
    if len(found) != 1:
        return {"error": f"{len(found)} showing {request['role']} items named {request['name']!r}"}
    names = actions(found[0])
    if request["action"] not in names:
        return {"error": f"{request['name']!r} offers {names}, not {request['action']!r}"}
    done = found[0].queryAction().doAction(names.index(request["action"]))
    return {"done": bool(done)}


def main() -> None:
    pyatspi.Registry.getDesktop(0)  # connects to the accessibility bus, or fails here
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = {"tree": tree, "act": act}[request["op"]](request)
        except Exception:  # every failure goes back to the test, which shows it
            reply = {"error": traceback.format_exc()}
        print(json.dumps(reply, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
