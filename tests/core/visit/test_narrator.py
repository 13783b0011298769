"""The visitor's narration state: the last thing said (for Repeat), the volume in bounded steps, a fresh start."""

from __future__ import annotations

from kiosk.core.visit.narration import DEFAULT_VOLUME, VOLUME_STEPS, Clip, Narrator


def test_volume_steps_are_bounded_and_sound_even() -> None:
    narrator = Narrator()
    assert narrator.volume == DEFAULT_VOLUME
    gains = []
    while narrator.softer():
        pass
    gains.append(narrator.gain)
    while narrator.louder():
        gains.append(narrator.gain)
    assert narrator.volume == VOLUME_STEPS and narrator.gain == 1.0
    assert len(gains) == VOLUME_STEPS and gains == sorted(gains) and gains[0] > 0
    assert not narrator.louder()


def test_repeat_says_the_last_thing_and_a_new_visitor_starts_afresh() -> None:
    narrator = Narrator()
    assert narrator.again() == []
    said = narrator.say(["exhibit", "chapter/one"], "ru")
    assert said == [Clip("exhibit", "ru"), Clip("chapter/one", "ru")] == narrator.again()
    narrator.guide = True
    narrator.louder()
    narrator.reset()
    assert (narrator.again(), narrator.guide, narrator.volume) == ([], False, DEFAULT_VOLUME)
