"""A start on unchanged content does not read and validate it again: the content that last loaded cleanly is kept
as a snapshot, with a stamp of everything its validation looked at, and used while that stamp still holds.

Reading and validating the shipped content costs a start ~30 ms of CPU, plus ~25 ms to import the loader and
pydantic-core, whose validators are built from the schema an earlier run kept (:mod:`kiosk.core.content.validators`;
without it, pydantic builds them: ~115 ms and ~19 MB more); restoring the snapshot costs ~5 ms, and the content
model's plain dataclasses need neither (docs/performance.md). The stamp covers

* the content folder's files and the media folders' files (names, sizes, modification times): an edited, added or
  removed file, or a picture replaced, means the folder is loaded and validated as before;
* the code that reads content (the kiosk's version and, in a checkout, the content package's sources), so that a
  new build never restores what an older one made, and the Python version (pickles follow the interpreter).

Only ``kiosk run`` uses it (:func:`remembering`), at start and for its reloads, and it validates in a process of
its own (kiosk.core.content.apart), so that what validating needs never stays in the kiosk's; ``kiosk validate``
and the self-test always validate, in their own process. The snapshot is written atomically beside the other
files the kiosk keeps for itself; any trouble reading or writing it is logged and only means the content is
validated again. It is a pickle: like everything else in the kiosk's own data folder, it is trusted as the kiosk
wrote it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.core.ops.digest import sha256
from kiosk import __version__, paths
from kiosk.core.content import kept
from kiosk.core.content.exhibit import Content

log = logging.getLogger(__name__)


_CODE = Path(__file__).resolve().parent  # kiosk/core/content: what reads and validates content


def stamp(folder: Path, media_roots: tuple[Path, ...]) -> str:
    """What the validation of ``folder`` depended on; a different stamp means validating again."""
    digest = sha256()
    digest.update(f"{__version__}\0{sys.version}\0{folder.resolve()}\n".encode())
    for root in (folder, *media_roots):
        if root.is_dir():
            digest.update(f"{root.resolve()}\0{_files(root)}\n".encode())
    for source in sorted(_CODE.glob("*.py")):  # none in an installed build, whose code changes with its version
        status = source.stat()
        digest.update(f"{source.name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _files(root: Path) -> str:
    """Every file under ``root``, by its path there, size and modification time. ``os.scandir`` rather than
    ``Path.rglob``: the media folders hold ~500 files, and this is paid at every start (4 ms instead of 15)."""
    lines = []
    folders = [(os.fspath(root), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    status = entry.stat()
                    lines.append(f"{prefix}{entry.name}\0{status.st_size}\0{status.st_mtime_ns}\n")
    return sha256("".join(sorted(lines)).encode()).hexdigest()


SNAPSHOT_FILE = "content-snapshot.pickle"


def remembering(data: Path) -> Callable[[Path], Content]:
    """A loader of content folders as ``kiosk run`` loads them, keeping what it learns in ``data`` (the user data
    folder): it returns the snapshot there when its stamp still holds for the folder, else loads and validates the
    folder in a process of its own, which keeps its own checks there too (:func:`kiosk.core.content.apart.load`,
    raising the loader's ContentError), and keeps what loaded as the new snapshot."""
    file = data / SNAPSHOT_FILE

    def load_or_restore(folder: Path) -> Content:
        expected = stamp(folder, paths.content_media_roots(folder))
        restored = _restore(file, expected)
        if restored is not None:
            return restored
        from kiosk.core.content import apart

        content = apart.load(folder, checks=data)
        _keep(file, expected, content)
        return content

    return load_or_restore


def _restore(file: Path, expected: str) -> Content | None:
    content = kept.read(file, expected, "the content snapshot", log)
    return content if isinstance(content, Content) else None


def _keep(file: Path, kept_stamp: str, content: Content) -> None:
    kept.write(file, kept_stamp, content, "a content snapshot", log)
