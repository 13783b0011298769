"""The narration the player finds: for an item and a language, the recording a curator dropped in the content folder
if there is one, else the file ``kiosk media narrate`` spoke (:mod:`kiosk.core.media.narration`), and its length.

Apart from the synthesis so that the running kiosk imports only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.content.audiocheck import audio_seconds
from kiosk.core.content.narration import recording_path
from kiosk.core.media.manifest import load_entries

NARRATION_VERSION = 1  # bump to speak everything again
MANIFEST = "manifest.json"
EXTENSION = ".ogg"


@dataclass(frozen=True)
class Narration:
    path: Path
    seconds: float
    recorded: bool  # a curator's recording, not the synthetic voice


class NarrationLibrary:
    """The narration of each item: a recording in the content folder (``narration/<language>/<item id>.ogg``,
    or .flac, .mp3, .wav) if a curator dropped one, else the synthetic file. Lengths are read once and kept."""

    def __init__(self, content_root: Path, synthetic_dir: Path) -> None:
        self.content_root = Path(content_root)
        self.synthetic_dir = Path(synthetic_dir)
        self._synthetic = load_entries(self.synthetic_dir / MANIFEST, "outputs", stamp={"narration": NARRATION_VERSION})
        self._found: dict[tuple[str, str], Narration | None] = {}

    def find(self, item_id: str, language: str) -> Narration | None:
        """The audio for ``item_id`` in ``language`` and its length; None when there is none."""
        key = (item_id, language)
        if key not in self._found:
            self._found[key] = self._look_up(item_id, language)
        return self._found[key]

    def seconds(self, item_id: str, language: str) -> float | None:
        found = self.find(item_id, language)
        return found.seconds if found is not None else None

    def _look_up(self, item_id: str, language: str) -> Narration | None:
        recorded = recording_path(self.content_root, item_id, language)
        if recorded is not None:
            try:
                return Narration(recorded, audio_seconds(recorded), recorded=True)
            except ValueError:
                pass  # the validator names it; the synthetic voice speaks instead
        name = f"{language}/{item_id}{EXTENSION}"
        entry = self._synthetic.get(name)
        path = self.synthetic_dir / name
        if entry is None or not path.is_file() or not isinstance(entry.get("seconds"), (int, float)):
            return None
        return Narration(path, float(entry["seconds"]), recorded=False)
