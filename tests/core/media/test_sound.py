"""miniaudio imported without its URL streaming (kiosk.core.media.sound), in a fresh interpreter each time: what a
test process imported before would hide what the import loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from contentkit import write_wav

PROBE = """
import json, sys
from kiosk.core.media import sound
miniaudio = sound.miniaudio()
loaded_after_import = sorted({"ssl", "http.client", "email.message"} & set(sys.modules))
info = miniaudio.get_file_info(sys.argv[1])
seconds = info.num_frames / info.sample_rate
loaded_after_decoding = sorted({"ssl", "http.client", "email.message"} & set(sys.modules))
request = miniaudio.urllib.request.Request("http://example.invalid/stream")  # what miniaudio's streams call
print(json.dumps({
    "after_import": loaded_after_import,
    "after_decoding": loaded_after_decoding,
    "seconds": seconds,
    "request": type(request).__name__,
    "bound": miniaudio.urllib.request is sys.modules["urllib.request"],
    "after_use": sorted({"ssl", "http.client"} & set(sys.modules)),
}))
"""


def test_miniaudio_plays_without_loading_web_streaming_until_it_is_used(tmp_path: Path) -> None:
    recording = write_wav(tmp_path / "half-second.wav", seconds=0.5, rate=22050)
    done = subprocess.run([sys.executable, "-c", PROBE, str(recording)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["after_import"] == [] and found["after_decoding"] == []
    assert found["seconds"] == 0.5
    # asked for, the module is there in full and in its usual place
    assert found["request"] == "Request" and found["bound"] is True
    assert found["after_use"] == ["http.client", "ssl"]
