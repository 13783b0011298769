"""Spoken narration: ``kiosk.audio`` for QML and the keypad, and the player behind it.

The player decodes with miniaudio (Ogg Vorbis, FLAC, MP3, WAV) and plays through ALSA or PulseAudio on threads
of its own: a worker opens the device, decodes the next clip and starts or stops the device, and miniaudio's
callback thread copies samples out. The GUI thread only hands over a list and reads flags, never waits on audio.
With no audio device the failure is logged once and ``available`` is false; nothing else changes.

``KIOSK_AUDIO=null`` plays on miniaudio's null backend (in real time, without a device: tests and CI).
``KIOSK_AUDIO_PROBE=1`` prints a line to standard output as each clip starts:
``narration: play <item id> <language> <file>`` (the real-process tests read it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.media import sound
from kiosk.core.media.narration_library import NarrationLibrary
from kiosk.core.presentation.narration import attract_clips, focus_items, place_items, spoken_in
from kiosk.core.visit.narration import Clip, Narrator
from kiosk.core.visit.navigation import Screen
from kiosk.qt import items

QML_IMPORT_NAME = "Testament"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000  # the synthetic narration's rate (kiosk.core.media.narration); recordings are resampled
PLAYED_KEPT = 200  # the player's record of what it started, for the tests and the probe
# The device is opened this long after start, or as soon as a visitor asks: the first frame does not wait for
# miniaudio, its thread and the device (~30 ms of processor and 6 MB at a start otherwise).
OPEN_AFTER_SECONDS = 1.0


def _nobody() -> None:
    pass


@dataclass(frozen=True)
class Track:
    clip: Clip
    path: Path


class Player:
    """Plays a list of tracks one after another; ``play`` replaces what was playing. Thread-safe."""

    def __init__(self, backend: str = "", *, probe: bool = False, on_change: Callable[[], None] = lambda: None):
        self.available: bool | None = None  # None until the worker has tried to open the device
        self.played: deque[Track] = deque(maxlen=PLAYED_KEPT)
        self._backend = backend
        self._probe = probe
        self._on_change = on_change
        self._cond = threading.Condition()
        self._pending: deque[Track] = deque()
        # taken from the list and being decoded: still to be said (a player between two clips is busy), and dropped
        # when ``play`` replaces the list meanwhile (the old place's clip would be said before the new place)
        self._decoding: Track | None = None
        self._current: Track | None = None
        self._samples = array("h")
        self._position = 0
        self._paused = False
        self._gain = 1.0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="narration", daemon=True)
        self._thread.start()

    # --- the GUI thread's side ---------------------------------------------------------------------------

    def play(self, tracks: list[Track]) -> None:
        with self._cond:
            self._pending = deque(tracks) if self.available is not False else deque()
            self._decoding = None
            self._current = None
            self._paused = False
            self._cond.notify_all()

    def stop(self) -> None:
        self.play([])

    def set_paused(self, paused: bool) -> None:
        with self._cond:
            self._paused = paused
            self._cond.notify_all()

    def set_gain(self, gain: float) -> None:
        with self._cond:
            self._gain = gain

    @property
    def busy(self) -> bool:
        """Something is playing or waiting to, paused or not."""
        with self._cond:
            return self._current is not None or self._decoding is not None or bool(self._pending)

    @property
    def paused(self) -> bool:
        with self._cond:
            return self._paused

    @property
    def queued(self) -> list[Clip]:
        """What is still to be said after the clip playing now."""
        with self._cond:
            return [track.clip for track in self._pending]

    def close(self) -> None:
        with self._cond:
            self._closed = True
            # a word from the worker after this (a device slow to open outlives the join) must not reach the
            # Audio object, which is deleted next
            self._on_change = _nobody
            self._cond.notify_all()
        self._thread.join(timeout=5)

    # --- the worker thread -------------------------------------------------------------------------------

    def _run(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._closed or bool(self._pending), timeout=OPEN_AFTER_SECONDS)
            if self._closed:
                return
        miniaudio = sound.miniaudio()

        try:
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=SAMPLE_RATE,
                backends=[miniaudio.Backend.NULL] if self._backend == "null" else None,
                app_name="Testament Kiosk",
            )
        except miniaudio.MiniaudioError as exc:
            log.warning("no audio device, narration is off: %s", exc)
            self.available = False
            self._on_change()
            return
        self.available = True
        log.info("audio device: %s", device.backend)
        self._on_change()
        try:
            self._serve(device, miniaudio)
        finally:
            device.close()

    def _serve(self, device, miniaudio) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._needs_work(device.running))
                if self._closed:
                    return
                want_running = self._current is not None and not self._paused
                track = self._pending.popleft() if self._current is None and self._pending else None
                self._decoding = track
            if track is not None:
                self._load(track, miniaudio)
            elif want_running and not device.running:
                frames = self._frames()
                next(frames)
                device.start(frames)
            elif not want_running and device.running:
                device.stop()  # outside the lock: it waits for the callback, which takes it
                self._on_change()

    def _needs_work(self, running: bool) -> bool:
        want_running = self._current is not None and not self._paused
        return (self._current is None and bool(self._pending)) or want_running != running

    def _load(self, track: Track, miniaudio) -> None:
        try:
            sound = miniaudio.decode_file(str(track.path), nchannels=1, sample_rate=SAMPLE_RATE)
        except (miniaudio.DecodeError, OSError) as exc:
            log.warning("narration %s (%s) does not play: %s", track.clip.item_id, track.path, exc)
            with self._cond:
                if self._decoding is track:
                    self._decoding = None
            self._on_change()
            return
        with self._cond:
            if self._closed or self._decoding is not track:
                return
            self._decoding = None
            self._current, self._samples, self._position = track, sound.samples, 0
            self.played.append(track)
        if self._probe:
            print(f"narration: play {track.clip.item_id} {track.clip.language} {track.path}", flush=True)
        self._on_change()

    def _frames(self) -> Iterator[array]:
        """miniaudio's callback: sends the frames it wants, gets them back, silence where there is nothing."""
        wanted = yield array("h")
        while True:
            with self._cond:
                chunk = array("h")
                if self._current is not None and not self._paused:
                    end = self._position + wanted
                    chunk = self._samples[self._position:end]
                    self._position = end
                    if self._position >= len(self._samples):
                        self._current = None
                        self._cond.notify_all()
                gain = self._gain
            if gain != 1.0:
                chunk = array("h", (int(sample * gain) for sample in chunk))
            if len(chunk) < wanted:
                chunk.extend(array("h", bytes(2 * (wanted - len(chunk)))))
            wanted = yield chunk


@QmlElement
@QmlUncreatable("The kiosk backend creates its audio.")
class Audio(QObject):
    """``kiosk.audio``: the visitor's narration. Silent until asked (the audio button, a key, the guide);
    stops when the visit ends (idle timeout, back to Attract)."""

    changed = Signal()  # playing, volume, guide, available
    _playerChanged = Signal()  # from the player's threads; delivered on the GUI thread

    def __init__(self, kiosk):  # kiosk: kiosk.qt.kiosk.Kiosk
        super().__init__(kiosk)
        self._kiosk = kiosk
        self._narrator = Narrator()
        self._player: Player | None = None
        self._library: NarrationLibrary | None = None
        self._narration_dir: Path | None = None
        self._opening = False  # a screen is opening: the focus it moves is not the visitor's
        self._shown: tuple[bool, bool] = (False, False)  # (available, playing) as QML last heard
        self._playerChanged.connect(self._player_changed)
        kiosk.contentChanged.connect(self._content_changed)

    def start(self, narration_dir: Path, backend: str = "", *, probe: bool = False) -> None:
        """Open the player (on its own thread) and find the narration of the kiosk's content in ``narration_dir``."""
        self._narration_dir = Path(narration_dir)
        self._content_changed()
        self._player = Player(backend, probe=probe, on_change=self._playerChanged.emit)
        self._player.set_gain(self._narrator.gain)

    def follow_focus(self, window: QQuickWindow) -> None:
        """In the guide, the control the visitor moves the keyboard focus to speaks."""
        window.activeFocusItemChanged.connect(lambda: self._focus_moved(items.focused(window)))

    def close(self) -> None:
        if self._player is not None:
            self._player.close()
            self._player = None

    @property
    def player(self) -> Player | None:
        return self._player

    # --- QML ---------------------------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def available(self) -> bool:
        return self._shown[0]

    @Property(bool, notify=changed)
    def playing(self) -> bool:
        return self._shown[1]

    @Property(int, notify=changed)
    def volume(self) -> int:
        return self._narrator.volume

    @Property(int, constant=True)
    def volumeSteps(self) -> int:
        return self._narrator.steps

    @Property(bool, notify=changed)
    def guide(self) -> bool:
        return self._narrator.guide

    @Slot()
    def speakCurrent(self) -> None:
        """Speak what the visitor's view shows, item after item, in their language; the Attract, which invites
        whoever passes, in every language."""
        content, location, language = self._kiosk.content, self._kiosk.navigator.location, self._kiosk.language
        if location.screen is Screen.ATTRACT:
            self._speak(self._narrator.say_each(attract_clips(content)))
            return
        self._speak(self._narrator.say(place_items(content, location, language=language), language))

    @Slot(str)
    def speakItem(self, item_id: str) -> None:
        self._speak(self._narrator.say([item_id], spoken_in(item_id, self._kiosk.language)))

    @Slot()
    def repeat(self) -> None:
        self._speak(self._narrator.again())

    @Slot()
    def togglePlay(self) -> None:
        """Pause or resume what is playing; when nothing is, speak the current view."""
        player = self._player
        if player is None:
            return
        if player.busy:
            player.set_paused(not player.paused)
            self._player_changed()
        else:
            self.speakCurrent()

    @Slot()
    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player_changed()

    @Slot()
    def volumeUp(self) -> None:
        if self._narrator.louder():
            self._volume_changed()

    @Slot()
    def volumeDown(self) -> None:
        if self._narrator.softer():
            self._volume_changed()

    @Slot(bool)
    def setGuide(self, on: bool) -> None:
        if on == self._narrator.guide:
            return
        self._narrator.guide = on
        self.changed.emit()
        if on:
            self._kiosk.recordFeature("audio.guide")
            self.speakCurrent()
        else:
            self.stop()

    # --- what happens around it --------------------------------------------------------------------------

    def _speak(self, clips: list[Clip]) -> None:
        if self._player is None or self._library is None:
            return
        tracks = []
        for clip in clips:
            found = self._library.find(clip.item_id, clip.language)
            if found is None:
                log.debug("no narration for %s in %s", clip.item_id, clip.language)
            else:
                tracks.append(Track(clip, found.path))
        self._player.play(tracks)
        self._player_changed()

    def _volume_changed(self) -> None:
        if self._player is not None:
            self._player.set_gain(self._narrator.gain)
        self.changed.emit()

    def _player_changed(self) -> None:
        player = self._player
        shown = (bool(player and player.available), bool(player and player.busy and not player.paused))
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()

    def location_changed(self) -> None:
        """The visitor moved. Called by the kiosk before QML hears of it: QML's handlers run before any other
        receiver of a signal, and the focus they move to the screen opened (its Next button) is the screen's move,
        which the guide must not say over the place (it did, a moment before the place, on every screen change)."""
        if self._kiosk.navigator.location.screen is Screen.ATTRACT:
            self.stop()  # the visit is over: a new visitor hears nothing
            self._narrator.reset()
            self._volume_changed()
            return
        if self._narrator.guide:
            self._opening = True
            QTimer.singleShot(0, self._opened)

    def _opened(self) -> None:
        self._opening = False
        if self._narrator.guide:
            self.speakCurrent()

    @contextlib.contextmanager
    def moved_by_the_screen(self) -> Iterator[None]:
        """Focus moves within this block are the screen's (a control that hid, a screen that opened), not the
        visitor's: the guide does not say them over what it is saying about the place."""
        was = self._opening
        self._opening = True
        try:
            yield
        finally:
            self._opening = was

    @Slot(QQuickItem)
    def focusMadeScreen(self, screen: QQuickItem) -> None:
        """A screen just made takes the focus within its place on the stage: a move of the screen's, which the guide
        does not say over the place it has begun to say (a screen made as it is shown, after the guide began)."""
        with self.moved_by_the_screen():
            screen.setFocus(True)

    def _focus_moved(self, item: QQuickItem | None) -> None:
        if item is None or self._opening or not self._narrator.guide or not self._kiosk.modes.keyboard:
            return
        name = _accessible_name(item)
        said = focus_items(self._kiosk.content, self._kiosk.language, item.objectName(), name)
        if said:
            self._speak(self._narrator.say(said, spoken_in(said[0], self._kiosk.language)))

    def _content_changed(self) -> None:
        if self._narration_dir is not None:
            self._library = NarrationLibrary(self._kiosk.content.root, self._narration_dir)


def _accessible_name(item: QQuickItem) -> str:
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(item)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def audio_backend() -> str:
    return os.environ.get("KIOSK_AUDIO", "")


def audio_probe() -> bool:
    return os.environ.get("KIOSK_AUDIO_PROBE", "") not in ("", "0")

