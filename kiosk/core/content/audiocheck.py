"""Checking that a narration recording can be played, and how long it lasts, without playing it.

miniaudio, the library the player decodes with, reads the file's headers (and, for Ogg Vorbis, its last page):
what it cannot open here the kiosk could not play.
"""

from __future__ import annotations

from pathlib import Path


def audio_seconds(path: Path) -> float:
    """The length of an audio file in seconds; raises ValueError when it cannot be decoded."""
    from kiosk.core.media import sound  # only when there is a recording to look at

    miniaudio = sound.miniaudio()

    try:
        info = miniaudio.get_file_info(str(path))
    except (miniaudio.DecodeError, OSError) as exc:
        raise ValueError(f"not a sound file the player can decode ({exc.args[0] if exc.args else exc})") from None
    if info.sample_rate <= 0 or info.num_frames <= 0:
        raise ValueError("holds no sound (empty, or cut short)")
    return float(info.num_frames / info.sample_rate)


def check_audio(path: Path) -> str | None:
    """None when the player can decode the file; otherwise why not."""
    try:
        audio_seconds(path)
    except ValueError as exc:
        return str(exc)
    return None
