"""The visitor's narration: what they last asked to hear (for Repeat), the audio guide, and the volume in steps.

Nothing is spoken unless the visitor asks: the audio button, a key, or the audio guide, which they switch on.
A new visitor starts with the guide off and the volume at its default (:meth:`Narrator.reset`). What each view
says is :mod:`kiosk.core.presentation.narration`; playing it is the Qt side's (kiosk.qt.narration).
"""

from __future__ import annotations

from dataclasses import dataclass

VOLUME_STEPS = 5  # 1..5; 0 would be a silent player that looks as if it works
DEFAULT_VOLUME = 3


@dataclass(frozen=True)
class Clip:
    """One item to speak in one language."""

    item_id: str
    language: str


class Narrator:
    """The visitor's side of the player: what to say next and how loud, never how."""

    def __init__(self, steps: int = VOLUME_STEPS, default_volume: int = DEFAULT_VOLUME) -> None:
        self.steps = steps
        self.default_volume = default_volume
        self.volume = default_volume
        self.guide = False
        self.last: list[Clip] = []

    def say(self, item_ids: list[str], language: str) -> list[Clip]:
        """The clips for ``item_ids``, remembered as the last thing said."""
        self.last = [Clip(item_id, language) for item_id in item_ids]
        return list(self.last)

    def say_each(self, clips: list[tuple[str, str]]) -> list[Clip]:
        """The clips for (item id, language) pairs, each in its own language (the Attract says every one)."""
        self.last = [Clip(item_id, language) for item_id, language in clips]
        return list(self.last)

    def again(self) -> list[Clip]:
        return list(self.last)

    def louder(self) -> bool:
        """One step up; False when already at the top."""
        return self._set_volume(self.volume + 1)

    def softer(self) -> bool:
        return self._set_volume(self.volume - 1)

    def _set_volume(self, step: int) -> bool:
        bounded = max(1, min(self.steps, step))
        changed = bounded != self.volume
        self.volume = bounded
        return changed

    @property
    def gain(self) -> float:
        """The sample gain of the volume step: loudness follows the square, so each step sounds an even step up."""
        return (self.volume / self.steps) ** 2

    def reset(self) -> None:
        """A new visitor: guide off, default volume, nothing to repeat."""
        self.volume = self.default_volume
        self.guide = False
        self.last = []
