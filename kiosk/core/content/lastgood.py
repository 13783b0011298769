"""Keep the last content that loaded cleanly, so that a bad edit never leaves the kiosk blank.

An installed kiosk reads its content from outside the bundle (``kiosk.toml``'s ``[content] dir``, a
``content/`` folder beside the executable, ...). Curators edit that folder; sooner or later an edit breaks it.
Then the kiosk runs on, in this order:

1. the configured (external) content, when it loads without errors: a copy of it is then kept as the
   *last good copy* (in ``<user data folder>/last-good-content``);
2. else the last good copy, so visitors keep seeing the exhibit as it was before the bad edit;
3. else the default content bundled with the app.

Each fallback is logged with the reason (every problem found), never shown to visitors.

The copy is replaced atomically: the new copy is written to a temporary folder beside it and renamed into
place, so a power cut or ``kill -9`` mid-copy leaves either the old copy or the new one, never half of one.
Leftover temporary folders are removed on the next start.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from kiosk.core.ops.digest import sha256
from kiosk import paths
from kiosk.core.content.problems import ContentError, format_report

log = logging.getLogger(__name__)

MARKER = "LAST-GOOD.json"  # written last into a complete copy: a folder without it is not a copy
_TMP = ".tmp-"
_OLD = ".old-"

C = TypeVar("C")  # the loaded content (kiosk.core.content.exhibit.Content); generic so tests can load anything


class FolderContent(Protocol):
    """What :func:`keep_if_external` needs of the loaded content: the folder it came from and its hash."""

    @property
    def root(self) -> Path: ...

    @property
    def content_hash(self) -> str: ...


F = TypeVar("F", bound=FolderContent)


def folder_fingerprint(root: Path) -> str:
    """Cheap identity of a folder's files (names, sizes, modification times): unchanged means no new copy."""
    digest = sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class LastGoodStore:
    """The last good copy of external content, in one folder that is only ever replaced whole."""

    def __init__(self, directory: Path):
        self.directory = directory

    def _siblings(self, kind: str) -> list[Path]:
        parent = self.directory.parent
        if not parent.is_dir():
            return []
        return sorted(parent.glob(f".{self.directory.name}{kind}*"))

    def recover(self) -> None:
        """Tidy up after an interrupted save: drop half-written copies; restore the old one if it was left
        aside just before the new one was renamed in."""
        for tmp in self._siblings(_TMP):
            shutil.rmtree(tmp, ignore_errors=True)
        olds = self._siblings(_OLD)
        if not (self.directory / MARKER).is_file():
            for old in olds:
                if (old / MARKER).is_file() and not self.directory.exists():
                    os.replace(old, self.directory)
                    log.info("restored the last good content copy left aside by an interrupted save")
                    break
        for old in self._siblings(_OLD):
            shutil.rmtree(old, ignore_errors=True)

    def available(self) -> Path | None:
        """The copy's folder if there is a complete copy."""
        try:
            self.recover()
        except OSError as exc:
            log.warning("could not tidy the last good content copy: %s", exc)
        return self.directory if (self.directory / MARKER).is_file() else None

    def info(self) -> dict[str, object] | None:
        try:
            info = json.loads((self.directory / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return info if isinstance(info, dict) else None

    def remember(self, root: Path, *, content_hash: str = "") -> bool:
        """Keep a copy of ``root`` (content that just loaded cleanly). False if the copy was already current."""
        fingerprint = folder_fingerprint(root)
        info = self.info()
        if info and info.get("fingerprint") == fingerprint and info.get("source") == str(root.resolve()):
            return False
        parent = self.directory.parent
        parent.mkdir(parents=True, exist_ok=True)
        self.recover()
        tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp = parent / f".{self.directory.name}{_TMP}{tag}"
        old = parent / f".{self.directory.name}{_OLD}{tag}"
        try:
            shutil.copytree(root, tmp, symlinks=False)
            marker = {
                "source": str(root.resolve()),
                "content_hash": content_hash,
                "fingerprint": fingerprint,
                "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            (tmp / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
            # Two renames, not one: a folder cannot be renamed over a non-empty one. Between them the old copy
            # waits beside the new place and recover() puts it back if we are killed right there.
            if self.directory.exists():
                os.replace(self.directory, old)
            os.replace(tmp, self.directory)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)
        log.info("kept a copy of the content in %s as the last good copy (%s)", root, self.directory)
        return True


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def load_with_fallback(
    preferred: Path,
    *,
    bundled: Path,
    store: LastGoodStore | None,
    load: Callable[[Path], C],
) -> C:
    """The configured content if valid (and then keep a copy of it), else the last good copy, else the bundled
    default. Every rejected folder is logged with its problems. Raises the last ContentError if none loads."""
    external = not _same_folder(preferred, bundled)
    candidates: list[tuple[str, Path]] = [("configured content", preferred)]
    if external:
        copy = store.available() if store is not None else None
        if copy is not None:
            candidates.append(("last good copy", copy))
        candidates.append(("bundled default content", bundled))

    last_error: ContentError | None = None
    for kind, folder in candidates:
        try:
            content = load(folder)
        except ContentError as exc:
            log.error("%s in %s is not usable:\n%s", kind, folder, format_report(exc.problems))
            last_error = exc
            continue
        if folder is preferred:
            if external and store is not None:
                remember_quietly(store, folder, getattr(content, "content_hash", ""))
        else:
            saved = (store.info() or {}).get("saved", "?") if kind == "last good copy" and store else None
            log.warning(
                "running on the %s in %s%s instead of %s, which is not usable (see above)",
                kind,
                folder,
                f", saved {saved}" if saved else "",
                preferred,
            )
        return content
    assert last_error is not None
    raise last_error


def remember_quietly(store: LastGoodStore, folder: Path, content_hash: str = "") -> None:
    """Keep a copy; a full disk or a permission problem is logged, never fatal (the kiosk is already fine)."""
    try:
        store.remember(folder, content_hash=content_hash)
    except OSError as exc:
        log.warning("could not keep a last good copy of %s in %s: %s", folder, store.directory, exc)


def load_for_the_kiosk(preferred: Path, load: Callable[[Path], C]) -> C:
    """What ``kiosk run`` shows: :func:`load_with_fallback` over the kiosk's own folders (kiosk.paths)."""
    return load_with_fallback(
        preferred, bundled=paths.bundled_content_dir(), store=LastGoodStore(paths.last_good_content_dir()), load=load
    )


def keep_if_external(content: F) -> F:
    """After a reload, refresh the last good copy when the content is external (not bundled, not the copy)."""
    store = LastGoodStore(paths.last_good_content_dir())
    root = content.root.resolve()
    if root not in (paths.bundled_content_dir().resolve(), store.directory.resolve()):
        remember_quietly(store, content.root, content.content_hash)
    return content
