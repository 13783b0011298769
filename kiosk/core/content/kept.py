"""What reading content keeps across runs in the kiosk's own data folder (the content snapshot, the validators'
schema): a value pickled with the stamp of what it was made from, written atomically, used only while the stamp
still holds. Like everything else in that folder, a file is trusted as the kiosk wrote it; trouble reading or
writing one is logged (on the logger of the feature that keeps it) and only means the work it saves is done
again."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

from kiosk.core.media.atomic import atomic_open


def read(file: Path, stamp: str, what: str, log: logging.Logger) -> object | None:
    """The value kept in ``file`` if it was kept with ``stamp``; None when there is none, or another one."""
    try:
        with file.open("rb") as stream:
            kept_stamp, value = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign file: the work is done again, and a good one written
        log.warning("%s kept in %s could not be read (%s); made again", what, file, exc)
        return None
    return value if kept_stamp == stamp else None


def write(file: Path, stamp: str, value: object, what: str, log: logging.Logger) -> None:
    try:
        with atomic_open(file) as stream:
            pickle.dump((stamp, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, AttributeError, TypeError) as exc:  # the last two: a lambda in it
        log.warning("could not keep %s in %s: %s", what, file, exc)
