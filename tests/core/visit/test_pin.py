from __future__ import annotations

import hashlib

import pytest

from kiosk.core.visit.clock import ManualClock
from kiosk.core.visit.pin import PinLockout, hash_pin, parse_pin_hash, verify_pin

FAST = 1000  # iterations: the tests check the format and the logic, not the strength


def test_hash_pin_writes_the_documented_format() -> None:
    stored = hash_pin("2468", salt=bytes.fromhex("00112233"))

    scheme, iterations, salt, digest = stored.split("$")
    assert (scheme, iterations, salt) == ("pbkdf2_sha256", "200000", "00112233")
    assert digest == hashlib.pbkdf2_hmac("sha256", b"2468", bytes.fromhex("00112233"), 200_000).hex()


def test_verify_pin_accepts_the_pin_and_nothing_else() -> None:
    stored = hash_pin("2468", iterations=FAST)

    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("24680", stored)


def test_every_hash_gets_its_own_salt() -> None:
    assert hash_pin("2468", iterations=FAST) != hash_pin("2468", iterations=FAST)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "", "１２３４"])
def test_hash_pin_takes_only_4_to_12_digits(pin: str) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        hash_pin(pin, iterations=FAST)


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ("1234", "expected pbkdf2_sha256"),
        ("md5$1000$00$" + "0" * 64, "expected pbkdf2_sha256"),
        ("pbkdf2_sha256$1000$00", "expected pbkdf2_sha256"),
        ("pbkdf2_sha256$many$00$" + "0" * 64, "iterations must be"),
        ("pbkdf2_sha256$0$00$" + "0" * 64, "iterations must be"),
        ("pbkdf2_sha256$99999999999$00$" + "0" * 64, "iterations must be"),
        ("pbkdf2_sha256$1000$zz$" + "0" * 64, "hexadecimal"),
        ("pbkdf2_sha256$1000$$" + "0" * 64, "salt is empty"),
        ("pbkdf2_sha256$1000$00$abcd", "must be 32 bytes"),
    ],
)
def test_malformed_hashes_are_refused(stored: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_pin_hash(stored)
    with pytest.raises(ValueError, match=message):
        verify_pin("1234", stored)


def test_five_wrong_pins_lock_the_keypad_for_a_minute() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock=clock)

    for left in (5, 4, 3, 2, 1):
        assert (lockout.locked, lockout.attempts_left) == (False, left)
        lockout.record_failure()

    assert (lockout.locked, lockout.attempts_left, lockout.remaining_seconds()) == (True, 0, 60)
    clock.advance(0.5)
    assert lockout.remaining_seconds() == 60  # rounded up: the screen never shows 0 while locked
    clock.advance(59.0)
    assert (lockout.locked, lockout.remaining_seconds()) == (True, 1)
    clock.advance(0.5)
    assert (lockout.locked, lockout.remaining_seconds(), lockout.attempts_left) == (False, 0, 5)


def test_pins_entered_during_the_lockout_do_not_extend_it() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock=clock)
    for _ in range(5):
        lockout.record_failure()

    clock.advance(30)
    lockout.record_failure()

    assert lockout.remaining_seconds() == 30


def test_a_right_pin_starts_the_count_again() -> None:
    lockout = PinLockout(clock=ManualClock())
    for _ in range(4):
        lockout.record_failure()

    lockout.record_success()

    assert lockout.attempts_left == 5
    for _ in range(4):
        lockout.record_failure()
    assert not lockout.locked


def test_the_limits_can_be_chosen() -> None:
    clock = ManualClock()
    lockout = PinLockout(max_failures=2, lockout_seconds=10, clock=clock)

    lockout.record_failure()
    lockout.record_failure()

    assert lockout.remaining_seconds() == 10
