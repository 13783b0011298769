"""SHA-256 for the kiosk's fingerprints without OpenSSL.

Importing ``hashlib`` loads and initialises OpenSSL's libcrypto for its constructors: 3.7 MB resident for the whole
life of a kiosk (measured: a bare interpreter 10.8 MB, with ``hashlib`` 14.6 MB). What a running kiosk hashes is a
few hundred kilobytes (the content's files, the names and sizes of its folders, the narration's records), which
Python's own SHA-256, the one ``hashlib`` falls back on, digests alike and fast enough. The staff PIN's key
derivation still uses ``hashlib`` (kiosk.core.visit.pin), imported only when a PIN is hashed or checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same interface as hashlib's
    from hashlib import sha256
else:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:  # a Python built without its own SHA-256
            from hashlib import sha256

__all__ = ["sha256"]
