"""kiosk media narrate: espeak-ng into Ogg Vorbis, only what changed, the same bytes for the same text; and the
lookup the player uses (a curator's recording first, else the synthetic voice)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from contentkit import write_content, write_wav

from kiosk.core.content.narration import NarrationItem
from kiosk.core.media.narration import narrate
from kiosk.core.media.narration_library import MANIFEST, NarrationLibrary

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("oggenc") is None,
    reason="espeak-ng and oggenc are installed by scripts/setup.sh",
)

ITEMS = [
    NarrationItem("person/stalin", {"en": "Joseph Stalin. General Secretary.", "ru": "Иосиф Сталин. Генсек."},
                  "people.json"),
    NarrationItem("ui/home", {"en": "Home.", "ru": "В начало."}, "strings.json"),
]


def manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["outputs"]


def test_each_item_is_spoken_in_each_language_as_ogg_vorbis(tmp_path: Path) -> None:
    report = narrate(ITEMS, tmp_path / "out", jobs=2)
    assert report.ok, report.errors
    assert sorted(report.spoken) == ["en/person/stalin.ogg", "en/ui/home.ogg", "ru/person/stalin.ogg",
                                     "ru/ui/home.ogg"]
    sound = (tmp_path / "out" / "ru" / "person" / "stalin.ogg").read_bytes()
    assert sound[:4] == b"OggS" and b"\x01vorbis" in sound[:64]
    entries = manifest(tmp_path / "out")
    assert 1.0 < entries["en/person/stalin.ogg"]["seconds"] < 5.0
    assert entries["en/ui/home.ogg"]["seconds"] < entries["en/person/stalin.ogg"]["seconds"]


def test_only_what_changed_is_spoken_again_and_the_same_text_gives_the_same_bytes(tmp_path: Path) -> None:
    narrate(ITEMS, tmp_path / "a")
    again = narrate(ITEMS, tmp_path / "a")
    assert again.spoken == [] and len(again.current) == 4
    narrate(ITEMS, tmp_path / "b")
    for name in manifest(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    changed = [NarrationItem("person/stalin", {"en": "Joseph Stalin.", "ru": "Иосиф Сталин. Генсек."},
                             "people.json")]
    report = narrate(changed, tmp_path / "a")
    assert report.spoken == ["en/person/stalin.ogg"]
    assert sorted(report.removed) == ["en/ui/home.ogg", "ru/ui/home.ogg"]
    assert not (tmp_path / "a" / "en" / "ui" / "home.ogg").exists()


def test_a_curators_recording_replaces_the_synthetic_voice(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content")
    narrate(ITEMS, tmp_path / "out")
    recording = content / "narration" / "en" / "person" / "stalin.wav"
    write_wav(recording, seconds=3)
    library = NarrationLibrary(content, tmp_path / "out")
    spoken = library.find("person/stalin", "en")
    assert spoken is not None and spoken.recorded and spoken.path == recording and spoken.seconds == 3.0
    synthetic = library.find("person/stalin", "ru")
    assert synthetic is not None and not synthetic.recorded
    assert synthetic.path == tmp_path / "out" / "ru" / "person" / "stalin.ogg" and synthetic.seconds > 0.5
    assert library.find("person/trotsky", "en") is None


def test_an_abbreviated_unit_alone_is_said_in_full() -> None:
    from kiosk.core.media.narration import utterances

    item = NarrationItem("ui/returning_in/end", {"en": "s", "ru": "с"}, "strings.json", "strings.returning_in")
    lenins = NarrationItem("ui/x", {"en": "Lenin's s", "ru": "с"}, "strings.json", "strings.x")
    assert [u.text for u in utterances([item])] == ["seconds", "секунд"]
    assert utterances([lenins])[0].text == "Lenin's s"  # only a piece that is the unit alone
