"""The narration player while it decodes a clip, which takes the longest on a loaded machine: it counts as busy
(a test that waited for silence once read the guide's words between two clips, CI), and a list replaced meanwhile
is not preceded by the clip being decoded. Held on a gate here, on miniaudio's null backend."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from contentkit import write_wav

from kiosk.core.media import sound
from kiosk.core.visit.narration import Clip
from kiosk.qt.narration import Player, Track

WAIT_SECONDS = 10


class GatedDecoding:
    """miniaudio, whose decoding waits at a gate the test opens."""

    def __init__(self, miniaudio):
        self._miniaudio = miniaudio
        self.decoding = threading.Event()
        self.gate = threading.Event()

    def __getattr__(self, name):
        return getattr(self._miniaudio, name)

    def decode_file(self, *args, **kwargs):
        self.decoding.set()
        assert self.gate.wait(WAIT_SECONDS)
        return self._miniaudio.decode_file(*args, **kwargs)


@pytest.fixture
def miniaudio(monkeypatch) -> GatedDecoding:
    gated = GatedDecoding(sound.miniaudio())
    monkeypatch.setattr(sound, "miniaudio", lambda: gated)
    return gated


@pytest.fixture
def player():
    player = Player("null")
    yield player
    player.close()


@pytest.fixture
def clip_file(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "clip.wav", seconds=0.05)


def wait_for(condition) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_a_clip_being_decoded_keeps_the_player_busy(player, miniaudio, clip_file) -> None:
    player.play([Track(Clip("exhibit", "en"), clip_file)])
    assert miniaudio.decoding.wait(WAIT_SECONDS)
    time.sleep(0.05)
    assert player.busy
    miniaudio.gate.set()
    wait_for(lambda: not player.busy)
    assert [track.clip for track in player.played] == [Clip("exhibit", "en")]


def test_a_list_replaced_while_a_clip_decodes_drops_that_clip(player, miniaudio, clip_file) -> None:
    player.play([Track(Clip("chapter/dictation", "en"), clip_file)])
    assert miniaudio.decoding.wait(WAIT_SECONDS)
    player.play([Track(Clip("chapter/reading", "en"), clip_file)])
    miniaudio.gate.set()
    wait_for(lambda: not player.busy)
    assert [track.clip for track in player.played] == [Clip("chapter/reading", "en")]
