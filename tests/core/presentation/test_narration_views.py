"""What each view says, for the proof and the player: the narration items of every view and their length."""

from __future__ import annotations

from pathlib import Path

from contentkit import write_content

from kiosk.core.content.loader import load_content
from kiosk.core.presentation.narration import views_narration


def test_the_proof_learns_per_view_what_is_spoken_and_for_how_long(tmp_path: Path) -> None:
    content = load_content(write_content(tmp_path / "content"))
    lengths = {"person/stalin": 2.5, "exhibit": 1.0}
    views = {v.view: v for v in views_narration(content, "en", lambda item, _language: lengths.get(item))}
    assert views["07-person-stalin"].items == ["person/stalin"] and views["07-person-stalin"].seconds == 2.5
    assert views["01-attract"].missing == ["ui/touch_to_begin"] and views["01-attract"].seconds == 1.0
    assert views["03-chapter-one-02-quote"].items == ["chapter/one/quote"]
    assert all(v.items for v in views.values()), [name for name, v in views.items() if not v.items]
