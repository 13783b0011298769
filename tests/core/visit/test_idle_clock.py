"""The idle clock: off on Attract, a warning after the timeout, a countdown that never shows 0 while waiting,
Continue any number of times, and the end of the visit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.visit.idle import MIN_WARNING_SECONDS, IdleClock, IdleState

START = 1000.0


@pytest.fixture
def clock() -> IdleClock:
    idle = IdleClock(timeout_seconds=30, warning_seconds=20)
    idle.start(START)
    return idle


def test_the_warning_may_not_be_shorter_than_the_floor() -> None:
    with pytest.raises(ValueError, match=str(MIN_WARNING_SECONDS)):
        IdleClock(timeout_seconds=30, warning_seconds=MIN_WARNING_SECONDS - 1)
    IdleClock(timeout_seconds=30, warning_seconds=MIN_WARNING_SECONDS)  # the floor itself is fine


def test_off_until_started_and_polling_while_off_changes_nothing() -> None:
    idle = IdleClock(30, 20)

    assert idle.state is IdleState.OFF
    assert idle.poll(START + 10_000) is IdleState.OFF
    idle.activity(START)
    assert idle.state is IdleState.OFF  # a touch on Attract does not start a visit by itself


def test_warning_exactly_at_the_timeout(clock) -> None:
    assert clock.poll(START + 29.9) is IdleState.ACTIVE
    assert clock.poll(START + 30) is IdleState.WARNING


def test_countdown_rounds_up_and_expires_after_the_warning(clock) -> None:
    assert clock.seconds_left(START) == 20  # not warning yet: the full warning
    clock.poll(START + 30)

    assert clock.seconds_left(START + 30) == 20
    assert clock.seconds_left(START + 30.2) == 20
    assert clock.seconds_left(START + 35) == 15
    assert clock.seconds_left(START + 49.5) == 1  # never 0 while still waiting
    assert clock.poll(START + 49.9) is IdleState.WARNING
    assert clock.poll(START + 50) is IdleState.EXPIRED
    assert clock.seconds_left(START + 50) == 20  # no countdown outside the warning


def test_a_warning_shown_on_request_counts_down_from_then(clock) -> None:
    clock.warn(START + 5)  # long before the timeout: a curator previewing the warning

    assert clock.state is IdleState.WARNING
    assert clock.seconds_left(START + 5) == 20
    assert clock.poll(START + 25) is IdleState.EXPIRED
    off = IdleClock(30, 20)
    off.warn(START)
    assert off.state is IdleState.OFF  # on Attract there is nobody to warn


def test_continue_works_any_number_of_times(clock) -> None:
    now = START
    for _ in range(10):
        now += 30
        assert clock.poll(now) is IdleState.WARNING
        now += 19
        clock.activity(now)  # Continue
        assert clock.state is IdleState.ACTIVE
        assert clock.poll(now + 29) is IdleState.ACTIVE  # a whole new timeout from the touch


def test_activity_keeps_the_visit_going(clock) -> None:
    for now in range(int(START) + 20, int(START) + 500, 20):
        clock.activity(now)
        assert clock.poll(now + 29) is IdleState.ACTIVE


def test_expired_stays_expired_until_restarted(clock) -> None:
    clock.poll(START + 30)
    clock.poll(START + 50)

    clock.activity(START + 51)  # too late: the visit is over

    assert clock.poll(START + 52) is IdleState.EXPIRED
    clock.start(START + 60)
    assert clock.state is IdleState.ACTIVE


def test_a_poll_long_after_the_last_one_goes_straight_to_expired(clock) -> None:
    # the kiosk was busy (or suspended): the warning started at that poll, so it still runs in full
    assert clock.poll(START + 500) is IdleState.WARNING
    assert clock.poll(START + 519) is IdleState.WARNING
    assert clock.poll(START + 520) is IdleState.EXPIRED


def test_stop_turns_it_off(clock) -> None:
    clock.poll(START + 30)

    clock.stop()

    assert clock.state is IdleState.OFF
    assert clock.poll(START + 1000) is IdleState.OFF


def test_a_longer_timeout_counts_from_when_it_is_set(clock) -> None:
    clock.set_timeout(120, START + 25)  # a reading screen opened at +25 s

    assert clock.poll(START + 25 + 119) is IdleState.ACTIVE
    assert clock.poll(START + 25 + 120) is IdleState.WARNING


def test_set_timeout_during_the_warning_counts_as_activity(clock) -> None:
    clock.poll(START + 30)

    clock.set_timeout(30, START + 40)

    assert clock.state is IdleState.ACTIVE
    assert clock.poll(START + 69) is IdleState.ACTIVE


# up to 40,000 polls an example: no deadline, or a loaded CI machine turns slowness into a failure
@settings(deadline=None)
@given(
    timeout=st.integers(20, 3600),
    warning=st.integers(MIN_WARNING_SECONDS, 300),
    idle_for=st.floats(0, 10_000, allow_nan=False),
)
def test_the_state_follows_from_the_time_since_the_last_touch(timeout, warning, idle_for) -> None:
    idle = IdleClock(timeout, warning)
    idle.start(0.0)
    now = 0.0
    # poll often enough (like the kiosk's 250 ms timer) that no state is skipped
    while now < idle_for:
        now = min(idle_for, now + 0.25)
        state = idle.poll(now)
    state = idle.poll(idle_for)

    if idle_for < timeout:
        assert state is IdleState.ACTIVE
    elif idle_for < timeout + warning - 0.25:
        assert state is IdleState.WARNING
        assert 1 <= idle.seconds_left(idle_for) <= warning
    elif idle_for >= timeout + warning + 0.25:
        assert state is IdleState.EXPIRED
