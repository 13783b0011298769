"""Spoken narration, made at build time: every narration item (kiosk.core.content.narration) in every
language, spoken by espeak-ng and encoded as Ogg Vorbis, into ``media/narration/<language>/<item id>.ogg``.

Why espeak-ng: it is in Debian (and most distributions) with English and Russian voices, runs offline and
fast (the whole exhibit in well under a minute), and is deterministic. RHVoice sounds more natural but is not in
Debian 12's main archive. espeak-ng is GPL-3.0-or-later; it is a build tool here, run as a separate program and
not shipped, so the GPL's terms on copying it do not reach the kiosk; its output is audio, which the GPL does not
cover as the output of a program (see packaging/README.md, "Narration", for the one caveat).

Why Ogg Vorbis, mono, 16 kHz, quality -1 (about 18 kbit/s): the player decodes it with miniaudio, which reads
Vorbis, FLAC, MP3 and WAV but not Opus (which would be smaller still); 16 kHz keeps the voice's consonants
(up to 8 kHz), and Vorbis at its lowest quality is clean for a synthetic voice.

Incremental like ``kiosk media generate``: ``manifest.json`` records per output a hash of what it is made from
(the text, the voice, the tools' versions, :data:`NARRATION_VERSION`), its size and its length in seconds; a
run redoes only what is missing, stale or changed on disk, and removes what no item produces any more. The same
text gives the same bytes (espeak-ng and libvorbis are deterministic; the Ogg stream's serial number is fixed).

What the player asks of the result is in :mod:`kiosk.core.media.narration_library`, apart from the synthesis, so
that the running kiosk imports none of it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kiosk.core.ops.digest import sha256
from kiosk.core.content.narration import NarrationItem, narration_items
from kiosk.core.media.manifest import is_current, load_entries, save_entries
from kiosk.core.media.narration_library import EXTENSION, MANIFEST, NARRATION_VERSION
from kiosk.core.presentation.dates import format_date

# espeak-ng voice per language: the Klatt variant, which a speech recognizer understands best of espeak-ng's
# English voices: on one sentence it heard 0.37-0.53 of the words against 0.10-0.27 for the other voices
# (tests/tools/test_narration_intelligibility.py checks a sample of the exhibit)
VOICES = {"en": "en-us+klatt", "ru": "ru+klatt"}
WORDS_PER_MINUTE = 160  # espeak-ng's default is 175: a little slower for a gallery
SAMPLE_RATE = 16_000
VORBIS_QUALITY = -1
OGG_SERIAL = 1922  # fixed, so the same text gives the same bytes (oggenc picks a random one otherwise)


@dataclass(frozen=True)
class Utterance:
    """One output file: an item's words in one language."""

    item_id: str
    language: str
    text: str

    @property
    def name(self) -> str:
        return f"{self.language}/{self.item_id}{EXTENSION}"


@dataclass
class NarrationReport:
    spoken: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


# A unit the screen abbreviates, alone in a piece of a counted string ("Returning to the start in {seconds} s"):
# espeak-ng would spell the letter. Said after the idle warning's number: Russian "секунд" is right for the 30 the
# exhibit uses and for 20 and 25-30, not for 21-24 (a curator who sets those records the item, or changes this).
SPOKEN_IN_FULL = {"en": {"s": "seconds"}, "ru": {"с": "секунд"}}


def utterances(items: Iterable[NarrationItem]) -> list[Utterance]:
    return [
        Utterance(item.id, language, SPOKEN_IN_FULL.get(language, {}).get(text.strip(), text))
        for item in items
        for language, text in item.texts.items()
    ]


def voice_for(language: str) -> str:
    return VOICES.get(language, f"{language}+klatt")


@cache
def tool_versions() -> dict[str, str]:
    """The versions of espeak-ng and oggenc (part of every output's inputs); raises OSError when one is missing."""
    versions = {}
    for tool in ("espeak-ng", "oggenc"):
        if shutil.which(tool) is None:
            raise OSError(f"{tool} is not installed (Debian: apt-get install espeak-ng vorbis-tools)")
        result = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)
        versions[tool] = (result.stdout or result.stderr).strip().splitlines()[0]
    return versions


def inputs_hash(utterance: Utterance) -> str:
    record = {
        "version": NARRATION_VERSION,
        "text": utterance.text,
        "voice": voice_for(utterance.language),
        "wpm": WORDS_PER_MINUTE,
        "rate": SAMPLE_RATE,
        "quality": VORBIS_QUALITY,
        "tools": tool_versions(),
    }
    return sha256(json.dumps(record, sort_keys=True, ensure_ascii=True).encode()).hexdigest()


def speak(utterance: Utterance, out_dir: Path) -> tuple[str, int, float]:
    """Speak one utterance into its file (atomically); returns (name, bytes, seconds of sound)."""
    target = out_dir / utterance.name
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".narration-", dir=out_dir) as scratch:
        wav, ogg = Path(scratch) / "speech.wav", Path(scratch) / "speech.ogg"
        subprocess.run(
            [
                "espeak-ng",
                "-v",
                voice_for(utterance.language),
                "-s",
                str(WORDS_PER_MINUTE),
                "-b",
                "1",
                "-w",
                str(wav),
                "--stdin",
            ],
            input=utterance.text.encode("utf-8"),
            capture_output=True,
            check=True,
            timeout=300,
        )
        with wave.open(str(wav)) as sound:
            seconds = sound.getnframes() / sound.getframerate()
        subprocess.run(
            [
                "oggenc",
                "-Q",
                "-q",
                str(VORBIS_QUALITY),
                "--resample",
                str(SAMPLE_RATE),
                "--serial",
                str(OGG_SERIAL),
                "-o",
                str(ogg),
                str(wav),
            ],
            capture_output=True,
            check=True,
            timeout=300,
        )
        os.replace(ogg, target)
    return utterance.name, target.stat().st_size, seconds


def narrate(
    items: Iterable[NarrationItem],
    out_dir: Path,
    *,
    force: bool = False,
    jobs: int | None = None,
    echo: Callable[[str], None] | None = None,
) -> NarrationReport:
    """Speak what is missing or stale into ``out_dir``; remove what no item produces any more."""
    started = time.perf_counter()
    report = NarrationReport()
    say = echo or (lambda _message: None)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted_utterances = utterances(items)
    try:
        wanted = {u.name: inputs_hash(u) for u in wanted_utterances}
    except OSError as exc:
        report.errors.append(str(exc))
        return report
    stamp = {"narration": NARRATION_VERSION}
    manifest = load_entries(out_dir / MANIFEST, "outputs", stamp=stamp)
    todo = [
        u for u in wanted_utterances if force or not is_current(out_dir, u.name, manifest.get(u.name), wanted[u.name])
    ]
    report.current = [u.name for u in wanted_utterances if u not in todo]
    if todo:
        say(f"speaking {len(todo)} of {len(wanted_utterances)} narrations")
    with ThreadPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1)) as pool:
        futures = {pool.submit(speak, u, out_dir): u for u in sorted(todo, key=lambda u: -len(u.text))}
        for future in as_completed(futures):
            utterance = futures[future]
            try:
                name, size, seconds = future.result()
            except (OSError, subprocess.SubprocessError, wave.Error, EOFError) as exc:
                detail = getattr(exc, "stderr", b"") or b""
                message = detail.decode("utf-8", "replace").strip() if isinstance(detail, bytes) else str(detail)
                report.errors.append(f"{utterance.name}: {type(exc).__name__}: {message or exc}")
                manifest.pop(utterance.name, None)
                continue
            manifest[name] = {"inputs": wanted[name], "bytes": size, "seconds": round(seconds, 3)}
            report.spoken.append(name)
    for name in sorted(set(manifest) - set(wanted)):
        target = out_dir / name
        if target.is_file() and target.resolve().is_relative_to(out_dir.resolve()):
            target.unlink()
        manifest.pop(name)
        report.removed.append(name)
    if report.spoken or report.removed or report.errors or not (out_dir / MANIFEST).exists():
        save_entries(out_dir / MANIFEST, "outputs", manifest, stamp=stamp)
    report.seconds = time.perf_counter() - started
    return report


def run_narrate(
    content_dir: Path | None = None, out_dir: Path | None = None, *, force: bool = False, jobs: int | None = None
) -> int:
    """The CLI entry: loads the content (it must be valid), speaks what changed, prints a summary to stderr."""
    from kiosk import paths
    from kiosk.core.content.loader import load_content
    from kiosk.core.content.problems import ContentError

    content_root = Path(content_dir) if content_dir else paths.bundled_content_dir()
    out = Path(out_dir) if out_dir else paths.narration_dir()

    def echo(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        content = load_content(content_root)
    except ContentError as exc:
        echo(f"media narrate: {content_root} has content errors, nothing spoken (kiosk validate lists them): {exc}")
        return 1
    report = narrate(narration_items(content, format_date), out, force=force, jobs=jobs, echo=echo)
    for name in report.removed:
        echo(f"removed {name} (no longer an item)")
    for message in report.errors:
        echo(f"error: {message}")
    echo(
        f"media narrate: {len(report.spoken)} spoken, {len(report.current)} already current, "
        f"{len(report.errors)} failed, {report.seconds:.1f} s -> {out}"
    )
    return 0 if report.ok else 1
