"""The backend QML sees, without a window: its parts (kiosk.visit, kiosk.idle, kiosk.modes, kiosk.staff) are
constant properties, and a deep link opens only what the content holds."""

from __future__ import annotations

import pytest
from kioskfixtures import load
from qtkit import FakeClock

from kiosk.core.visit.idle import IdleState
from kiosk.qt.kiosk import Idle, Kiosk, KioskOptions, Modes, Staff, Visit


@pytest.fixture
def kiosk(qapp, content_root) -> Kiosk:
    return Kiosk(load(content_root), KioskOptions(idle_timeout_seconds=30, idle_warning_seconds=20), clock=FakeClock())


def test_the_parts_are_constant_properties_of_their_types(kiosk) -> None:
    meta = Kiosk.staticMetaObject
    for name, kind in (("visit", Visit), ("idle", Idle), ("modes", Modes), ("staff", Staff)):
        prop = meta.property(meta.indexOfProperty(name))
        assert prop.isConstant(), name
        assert isinstance(kiosk.property(name), kind) and kiosk.property(name) is getattr(kiosk, name)


@pytest.mark.parametrize(
    ("link", "opens"),
    [
        ("chapter/one/1", "chapter/one/1"),
        ("person/stalin", "person/stalin/0"),
        ("document/testament/ps-1", "document/testament/0"),  # a paragraph by id
        ("document/testament/0", "document/testament/0"),
        ("timeline/postscript", "timeline/postscript/0"),
        ("timeline", "timeline"),
        ("nowhere", None),
        ("person/nobody", None),
        ("person", None),
        ("document/nothing", None),
        ("document/testament/no-such-paragraph", None),
        ("timeline/no-such-event", None),
        ("chapter/one/first", None),
        ("chapter/no-such-chapter/0", None),
    ],
)
def test_a_deep_link_opens_only_what_the_content_holds(kiosk, link, opens) -> None:
    kiosk.visit.begin()
    assert kiosk.visit.openLink(link) is (opens is not None)
    assert kiosk.visit.link == (opens or "home")


def test_the_attract_link_ends_the_visit(kiosk) -> None:
    kiosk.visit.begin()
    kiosk.modes.setLargeText(True)
    assert kiosk.visit.openLink("person/stalin")
    assert kiosk.idle.current is IdleState.ACTIVE

    assert kiosk.visit.openLink("attract")
    assert (kiosk.visit.screen, kiosk.visit.canGoBack, kiosk.modes.largeText) == ("attract", False, False)
    assert kiosk.idle.current is IdleState.OFF
