"""The staff PIN: how it is stored in ``kiosk.toml``, checked, and rate-limited on the touchscreen.

Stored form: ``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` (PBKDF2-HMAC-SHA256). Only the hash lives in
the config file, so a copy of the file does not give away the PIN.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

SCHEME = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 200_000
# A hash that takes minutes to check would freeze the staff screen, so a typo in the iterations is refused.
MAX_ITERATIONS = 10_000_000
SALT_BYTES = 16
DIGEST_BYTES = 32
PIN_LENGTHS = range(4, 13)


@dataclass(frozen=True)
class PinHash:
    iterations: int
    salt: bytes
    digest: bytes


def parse_pin_hash(stored: str) -> PinHash:
    """Split a stored hash into its parts; ``ValueError`` saying what is wrong when it is malformed."""
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        raise ValueError(f"expected {SCHEME}$<iterations>$<salt hex>$<hash hex> (make one with hash_pin)")
    _, iterations_text, salt_hex, digest_hex = parts
    if not iterations_text.isdigit() or not 1 <= int(iterations_text) <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be a whole number from 1 to {MAX_ITERATIONS}, not {iterations_text!r}")
    try:
        salt = bytes.fromhex(salt_hex)
        digest = bytes.fromhex(digest_hex)
    except ValueError:
        raise ValueError("salt and hash must be hexadecimal") from None
    if not salt:
        raise ValueError("the salt is empty")
    if len(digest) != DIGEST_BYTES:
        raise ValueError(f"the hash must be {DIGEST_BYTES} bytes ({2 * DIGEST_BYTES} hex digits), not {len(digest)}")
    return PinHash(int(iterations_text), salt, digest)


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    import hashlib  # here, not at the top: it loads OpenSSL, which a kiosk needs only when staff enter a PIN

    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, salt: bytes | None = None, iterations: int = DEFAULT_ITERATIONS) -> str:
    """The stored form of ``pin``, a string of 4 to 12 digits (what the on-screen keypad can enter)."""
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        raise ValueError(f"a PIN is {PIN_LENGTHS.start} to {PIN_LENGTHS.stop - 1} digits")
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be from 1 to {MAX_ITERATIONS}")
    if salt is None:
        salt = os.urandom(SALT_BYTES)  # what secrets.token_bytes returns, without importing it
    return f"{SCHEME}${iterations}${salt.hex()}${_derive(pin, salt, iterations).hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``. A malformed ``stored`` raises ``ValueError``: it is a configuration
    mistake (config loading rejects it first), not a wrong PIN."""
    import hmac  # with hashlib: see _derive

    parsed = parse_pin_hash(stored)
    return hmac.compare_digest(_derive(pin, parsed.salt, parsed.iterations), parsed.digest)


class PinLockout:
    """Locks the keypad for ``lockout_seconds`` after ``max_failures`` wrong PINs in a row, so that a visitor
    cannot try PINs until one works. A right PIN starts the count again.

    ``clock`` returns seconds (monotonic); tests pass a fake one.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        lockout_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_failures = max_failures
        self._lockout_seconds = lockout_seconds
        self._clock = clock
        self._failures = 0
        self._locked_until = -math.inf

    @property
    def locked(self) -> bool:
        return self._clock() < self._locked_until

    def remaining_seconds(self) -> int:
        """Whole seconds until the keypad unlocks, rounded up (what the screen shows); 0 when unlocked."""
        if not self.locked:
            return 0
        return math.ceil(self._locked_until - self._clock())

    @property
    def attempts_left(self) -> int:
        return 0 if self.locked else self._max_failures - self._failures

    def record_failure(self) -> None:
        # A PIN entered during the lockout is not checked, so it does not count either.
        if self.locked:
            return
        self._failures += 1
        if self._failures >= self._max_failures:
            self._locked_until = self._clock() + self._lockout_seconds
            self._failures = 0

    def record_success(self) -> None:
        self._failures = 0
