"""What a proof run left in its output folder, so the next run into the same folder can tidy up after it.

``proof-manifest.json`` lists every picture the run wrote (screenshots and contact sheets), each screenshot with
the digest of its pixels and the size and time of its file. The next run

- leaves a screenshot alone when the view looks exactly as before and the file is as that run left it: after an
  edit most views have not changed, and a file that keeps its date shows a curator what did;
- removes the pictures of the previous run that it did not make again (a slide deleted or renamed, a language
  or screen shape no longer asked for), and only those: files that someone else put in the folder, or that no
  manifest lists, are never touched.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from kiosk.core.media.manifest import load_entries, save_entries

MANIFEST = "proof-manifest.json"
VERSION = 1


def load(out: Path) -> dict[str, dict]:
    """The pictures the previous run into ``out`` made (relative path -> record); empty if there was none."""
    files = load_entries(out / MANIFEST, "files", stamp={"version": VERSION})
    return {path: record for path, record in files.items() if _inside(path)}


def record(out: Path, path: str, digest: str = "") -> dict:
    """The manifest's record of the file ``path`` (relative to ``out``) as it is now."""
    stat = (out / path).stat()
    return {"sha256": digest, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def unchanged(out: Path, path: str, digest: str, previous: dict | None) -> bool:
    """True when ``path`` already holds these pixels: the previous run wrote them and nobody touched the file."""
    if not previous or previous.get("sha256") != digest:
        return False
    try:
        return record(out, path, digest) == previous
    except OSError:
        return False


def save(out: Path, files: dict[str, dict]) -> Path:
    save_entries(out / MANIFEST, "files", files, stamp={"version": VERSION})
    return out / MANIFEST


def remove_stale(out: Path, previous: dict[str, dict], kept: set[str]) -> list[str]:
    """Delete the previous run's pictures that this run did not make, and the folders that leaves empty."""
    removed = []
    for path in sorted(set(previous) - kept):
        target = out / path
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
        for folder in target.parents:
            if folder == out or not folder.is_relative_to(out):
                break
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
    return removed


def _inside(path: str) -> bool:
    """A relative path that stays in the output folder (a hand-edited manifest must not point elsewhere)."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts and "\\" not in path
