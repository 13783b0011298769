"""What the kiosk-side operations tests share."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch) -> Path:
    """A kiosk user's folders, no settings from the environment; its kiosk.toml puts the logs in home/logs (a test
    may write more into it)."""
    for variable in ("DATA", "STATE", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"XDG_{variable}_HOME", str(tmp_path / variable.lower()))
    for variable in ("KIOSK_CONFIG", "KIOSK_LOG_DIR", "KIOSK_CONTENT_DIR"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "kiosk.toml").write_text('[logging]\ndir = "logs"\n', encoding="utf-8")
    return tmp_path
