"""Content validated in a process of its own, so that the kiosk's process never holds what validating needs.

Validating imports pydantic-core and, through pydantic, OpenSSL's libcrypto, builds the validators and parses
every file: ~20 MB that a process keeps until it ends (the installed build on Attract: 144 MB on the first start
after a content change, 123 MB on the next, which restored the snapshot; docs/performance.md). The kiosk's process
gets back what a snapshot holds, pickled on a pipe: the content as plain dataclasses, or every problem found.

* At start the kiosk is a single thread and has made no window yet: the child is a fork of it, which has the
  kiosk's modules imported already (~60 ms for the shipped content, as validating in the kiosk's process took).
* Later (a staff reload, an edit saved in preview, the status file's look at refused content) Qt's threads run,
  and a fork copies only the thread that makes it, with whatever locks the others held at that moment: the child
  is then the kiosk's command line started afresh (``kiosk validate-apart``, ~150 ms), off the GUI thread.

If no child can be made, or one dies or answers with anything but content or problems, the folder is validated in
the kiosk's own process, as before, and that is logged: content is never refused for the way it was checked.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import time
from pathlib import Path
from typing import BinaryIO

from kiosk import paths
from kiosk.core.content.exhibit import Content
from kiosk.core.content.problems import ContentError, Problem

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 300.0  # a content folder at every size limit, on a slow disk; a child past it is stuck


def load(folder: Path, *, checks: Path | None = None) -> Content:
    """The content in ``folder``, validated in a child process; raises ContentError with every problem found.
    ``checks``: the folder where validating keeps what it can reuse (:func:`keep_checks_in`)."""
    try:
        answer = _forked(folder, checks) if _one_thread() else _started(folder, checks)
    except _NoAnswer as exc:
        log.warning("validating %s in a process of its own failed (%s): validating it in the kiosk's", folder, exc)
        from kiosk.core.content.loader import load_content

        keep_checks_in(checks)
        return load_content(folder)
    if isinstance(answer, list):
        raise ContentError(answer)
    return answer


def keep_checks_in(folder: Path | None) -> None:
    """What validating keeps across runs, in ``folder`` (``kiosk run``: the user data folder, beside the content's
    snapshot; None: nothing kept), for the process that validates: the sound images
    (kiosk.core.content.imagecheck) and the validators' schema (kiosk.core.content.validators)."""
    from kiosk.core.content import imagecheck, validators

    imagecheck.remember_checks_in(folder / "image-checks.json" if folder else None)
    validators.keep_validators_in(folder / "content-validators.pickle" if folder else None)


def answer(folder: Path, stream: BinaryIO, *, checks: Path | None = None) -> None:
    """The child's part: validate ``folder``, keeping its checks in ``checks``, and write the content, or the
    problems, pickled to ``stream``."""
    from kiosk.core.content.loader import load_content

    keep_checks_in(checks)
    try:
        result: tuple[str, Content | list[Problem]] = ("content", load_content(folder))
    except ContentError as exc:
        result = ("problems", exc.problems)
    pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


class _NoAnswer(Exception):
    """The child could not be made, or gave no usable answer: why, in a few words."""


def _one_thread() -> bool:
    """Whether this process runs one thread only (Qt's are not Python's: counted by the system), so a fork of it
    carries every thread there is."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: not Linux, or a sandbox without it
        return False


def _forked(folder: Path, checks: Path | None) -> Content | list[Problem]:
    try:
        readable, writable = os.pipe()
    except OSError as exc:
        raise _NoAnswer(f"cannot make a pipe: {exc}") from None
    try:
        child = os.fork()
    except OSError as exc:
        os.close(readable)
        os.close(writable)
        raise _NoAnswer(f"cannot fork: {exc}") from None
    if child == 0:  # the child, which never returns
        code = 1
        try:
            os.close(readable)
            with os.fdopen(writable, "wb") as stream:
                answer(folder, stream, checks=checks)
            code = 0
        except BaseException:
            log.exception("validating %s in a process of its own crashed", folder)
        finally:
            os._exit(code)  # never the parent's exit handlers, nor its buffered output flushed twice
    os.close(writable)
    try:
        data = _read_all(readable, time.monotonic() + TIMEOUT_SECONDS)
    except _NoAnswer:
        os.kill(child, signal.SIGKILL)
        raise
    finally:
        os.close(readable)
        _pid, status = os.waitpid(child, 0)
    if status != 0:
        raise _NoAnswer(f"it ended with status {status}")
    return _unpickled(data)


def _read_all(descriptor: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([descriptor], [], [], left)[0]:
            raise _NoAnswer(f"no answer within {TIMEOUT_SECONDS:g} s")
        chunk = os.read(descriptor, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _started(folder: Path, checks: Path | None) -> Content | list[Problem]:
    import subprocess  # not at start, which forks

    command, environment = paths.kiosk_command()
    command = [*command, "validate-apart", str(folder), *(["--checks", str(checks)] if checks else [])]
    try:
        done = subprocess.run(
            command, env=environment, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise _NoAnswer(str(exc)) from None
    said = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise _NoAnswer(f"exit code {done.returncode}: {said[-2000:] or 'nothing said'}")
    if said:
        log.info("validating %s in a process of its own said:\n%s", folder, said)
    return _unpickled(done.stdout)


def _unpickled(data: bytes) -> Content | list[Problem]:
    try:
        kind, value = pickle.loads(data)
    except Exception as exc:  # the child died half-way, or wrote more than its answer
        raise _NoAnswer(f"its answer could not be read ({len(data)} bytes: {exc})") from None
    if kind == "content" and isinstance(value, Content):
        return value
    if kind == "problems" and isinstance(value, list) and all(isinstance(p, Problem) for p in value):
        return value
    raise _NoAnswer(f"it answered {kind!r}")
