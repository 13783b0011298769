"""The kiosk's SHA-256 without OpenSSL (kiosk.core.ops.digest): the same digests as hashlib's, and a kiosk that
starts, on changed content (validated in a process of its own) or on content it has validated before (restored
from its snapshot), and fingerprints it never imports hashlib, so never loads OpenSSL's libcrypto; checked in a
fresh process. The staff PIN still hashes with hashlib, imported when a PIN is checked; validating content
imports it with pydantic (its ``secrets``), in the process that validates."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from kiosk.core.ops.digest import sha256


@pytest.mark.parametrize("data", [b"", b"abc", "Завещание".encode(), bytes(range(256)) * 4096])
def test_the_digests_are_hashlibs(data: bytes) -> None:
    ours, theirs = sha256(), hashlib.sha256()
    for start in range(0, len(data), 1000):  # in pieces, as the fingerprints are made
        ours.update(data[start : start + 1000])
        theirs.update(data[start : start + 1000])
    assert ours.hexdigest() == theirs.hexdigest() == hashlib.sha256(data).hexdigest()
    assert sha256(data).digest() == hashlib.sha256(data).digest()


A_START_AND_A_PIN = """
import json, sys
from pathlib import Path
import kiosk.app
from kiosk import paths
from kiosk.core.content import lastgood, scan, snapshot
from kiosk.core.media import narration
from kiosk.core.visit import pin

root = paths.bundled_content_dir()
remembered = snapshot.remembering(Path(sys.argv[1]))
content = remembered(root)
fingerprints = [lastgood.folder_fingerprint(root), scan.content_hash_of_folder(root), snapshot.stamp(root, ())]
before = "_hashlib" in sys.modules
stored = pin.hash_pin("2468", iterations=1000)
print(json.dumps({"fingerprints": len(set(fingerprints)), "openssl_before_pin": before,
                  "pin": pin.verify_pin("2468", stored) and not pin.verify_pin("1357", stored),
                  "openssl_after_pin": "_hashlib" in sys.modules}))
"""


def test_a_start_fingerprints_its_content_without_openssl_and_loads_it_for_a_pin(tmp_path) -> None:
    runs = [subprocess.run([sys.executable, "-c", A_START_AND_A_PIN, str(tmp_path)], capture_output=True, text=True,
                           timeout=120, check=True) for _ in range(2)]  # the first validates and keeps a snapshot
    expected = {"fingerprints": 3, "openssl_before_pin": False, "pin": True, "openssl_after_pin": True}
    assert [json.loads(run.stdout.splitlines()[-1]) for run in runs] == [expected, expected]
