"""The pure registry rules, as tables written from docs/registry.md: who sees which region, how
the audit log names a caller, what a NIB and a carrier_id look like."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jalin.network.model import CARRIER_ID
from jalin.registry.access import CLI_ADMIN, PUBLIC, Principal
from jalin.registry.filters import filter_agreements, filter_members
from jalin.registry.people import (
    FAILURE_WINDOW,
    LOCKOUT,
    MAX_FAILURES,
    MIN_PASSWORD,
    Failures,
    after_failure,
    is_locked,
    password_problem,
)
from jalin.registry.records import Agreement, Member
from jalin.registry.rules import (
    AgreementKind,
    AgreementStage,
    BoardLevel,
    MemberStatus,
    MemberType,
    Role,
    email_problem,
    nib_problem,
)

DPW_JABAR = Principal(Role.OFFICER, "jln_aaaa0001", None, BoardLevel.DPW, "32")
DPD_BANDUNG = Principal(Role.OFFICER, "jln_aaaa0002", None, BoardLevel.DPD, "32.73")
UNBOUND_OFFICER = Principal(Role.OFFICER, "jln_aaaa0003", None, None, None)
MEMBER = Principal(Role.MEMBER, "jln_aaaa0004", 7)

# (principal, regency, province) -> sees it?
SEES = [
    (CLI_ADMIN, "74.71", "74", True),
    (CLI_ADMIN, None, None, True),
    (DPW_JABAR, "32.73", "32", True),
    (DPW_JABAR, "32.01", "32", True),
    (DPW_JABAR, None, "32", True),  # an agreement carried by the province
    (DPW_JABAR, "32.73", None, True),  # a regency of the province, province not stated
    (DPW_JABAR, "74.71", "74", False),
    (DPW_JABAR, None, "33", False),
    (DPW_JABAR, "33.73", None, False),
    (DPW_JABAR, None, None, False),
    (DPD_BANDUNG, "32.73", "32", True),
    (DPD_BANDUNG, "32.01", "32", False),  # same province, another regency
    (DPD_BANDUNG, None, "32", False),  # the province as a whole is the DPW's, not the DPD's
    (DPD_BANDUNG, "74.71", "74", False),
    (DPD_BANDUNG, "32.7", "32", False),
    (UNBOUND_OFFICER, "32.73", "32", False),
    (UNBOUND_OFFICER, None, None, False),
    (MEMBER, "32.73", "32", False),
    (MEMBER, None, None, False),  # no region to compare is not a match
    (PUBLIC, "32.73", "32", False),
    (PUBLIC, None, None, False),
]


@pytest.mark.parametrize(("who", "regency", "province", "sees"), SEES)
def test_who_sees_which_region(who, regency, province, sees):
    assert who.sees_region(regency, province) is sees


@pytest.mark.parametrize(
    ("who", "actor"),
    [(CLI_ADMIN, "cli"), (PUBLIC, "public"), (MEMBER, "key:jln_aaaa0004"), (DPD_BANDUNG, "key:jln_aaaa0002")],
)
def test_the_audit_log_names_the_caller(who, actor):
    assert who.actor == actor


@pytest.mark.parametrize(
    ("nib", "ok"),
    [
        ("9120000000001", True),
        ("0000000000000", True),
        ("912000000000", False),  # 12 digits
        ("91200000000012", False),  # 14 digits
        ("912000000000a", False),
        ("9120000000001\n", False),
        (" 9120000000001", False),
        ("", False),
    ],
)
def test_a_nib_is_exactly_thirteen_digits(nib, ok):
    problem = nib_problem(nib)
    assert (problem is None) is ok
    if problem:
        assert nib in problem and "13" in problem


@pytest.mark.parametrize(
    ("carrier", "ok"),
    [
        ("AB", True),
        ("A", False),
        ("ABCDEFGHIJ_12345", True),
        ("ABCDEFGHIJ_123456", False),
        ("ab", False),
        ("TESTX\n", False),
    ],
)
def test_a_carrier_id_is_2_to_16_of_upper_digits_underscore(carrier, ok):
    assert bool(CARRIER_ID.match(carrier)) is ok


K, S = AgreementKind, AgreementStage


def _agreement(id: int, title: str, kind: K, stage: S, province: str | None, parties: list[int]) -> Agreement:
    return Agreement(
        id, title, kind, stage, province, 0, None, None, None, datetime(2026, 1, 1, tzinfo=UTC), parties
    )


AGREEMENTS = [
    _agreement(1, "Serah terima Bandung", K.INTERLINE_HANDOVER, S.ACTIVE, "32", [1, 2]),
    _agreement(2, "Titik jemput bersama", K.SHARED_PICKUP_POINTS, S.SIGNED, "32", [2, 3]),
    _agreement(3, "Co-loading Makassar", K.CO_LOADING, S.ACTIVE, "73", [1, 3]),
    _agreement(4, "Berbagi data nasional", K.DATA_SHARING, S.EXPLORING, None, [3, 4]),
]
BRANDS = {1: "Kilat Ekspres", 2: "Paket Pasundan", 3: "Sulawesi Cargo"}  # 4: a member the caller does not see


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({}, [1, 2, 3, 4]),
        ({"province": "32"}, [1, 2]),
        ({"province": "73"}, [3]),
        ({"province": "74"}, []),
        ({"stage": "active"}, [1, 3]),
        ({"kind": "co_loading"}, [3]),
        ({"kind": "data_sharing"}, [4]),
        ({"province": "32", "stage": "signed"}, [2]),
        ({"search": "bandung"}, [1]),  # the title, any case
        ({"search": "KILAT"}, [1, 3]),  # a party's brand
        ({"search": "cargo nasional"}, [4]),  # every word, in title or parties, any order
        ({"search": "pasundan makassar"}, []),  # the words are in different agreements
        ({"search": "  "}, [1, 2, 3, 4]),  # no words: no narrowing
    ],
)
def test_agreement_list_filters(filters, ids):
    assert [a.id for a in filter_agreements(AGREEMENTS, names=BRANDS, **filters)] == ids


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("budi@kilat.co.id", True),
        ("budi.santoso+dpw@pos.id", True),
        ("budi", False),
        ("budi@", False),
        ("a b@c.id", False),
    ],
)
def test_a_contact_email_is_checked_for_syntax(email, ok):
    problem = email_problem(email)
    assert (problem is None) is ok
    if problem:
        assert email in problem and "budi@kilat.co.id" in problem  # names the value and shows a good one


def _member(id: int, brand: str, kind: MemberType, regency: str, status: MemberStatus) -> Member:
    created = datetime(2026, 1, 1, tzinfo=UTC)
    nib = f"912000000000{id}"
    return Member(
        id, f"PT {brand}", brand, nib, kind, None, regency, regency[:2], None, None, None, status, created
    )


MEMBERS = [
    _member(1, "Kilat Ekspres", MemberType.EXPRESS, "32.73", MemberStatus.ACTIVE),
    _member(2, "Pos Pasundan", MemberType.POST, "32.01", MemberStatus.ACTIVE),
    _member(3, "Kargo Celebes", MemberType.FREIGHT_FORWARDER, "73.71", MemberStatus.SUSPENDED),
]


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({}, [1, 2, 3]),
        ({"province": "32"}, [1, 2]),
        ({"regency": "32.01"}, [2]),
        ({"status": "suspended"}, [3]),
        ({"kind": "express"}, [1]),
        ({"kind": "freight_forwarder", "province": "73"}, [3]),
        ({"search": "pt pasundan"}, [2]),
    ],
)
def test_member_list_filters(filters, ids):
    assert [m.id for m in filter_members(MEMBERS, **filters)] == ids


def test_a_password_of_exactly_the_minimum_length_is_accepted():
    assert password_problem("a" * (MIN_PASSWORD - 3) + "bcd", "budi@kilat.co.id") is None
    assert "at least" in (password_problem("abcdefghi"[: MIN_PASSWORD - 1], "budi@kilat.co.id") or "")


def test_the_failure_window_and_the_lock_end_exactly_on_time():
    """A failure exactly one window after the first starts a new window; a failure exactly when the
    lock runs out starts afresh (the lock is over, as `is_locked` says at that instant)."""
    t0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    state = after_failure(None, t0)
    assert after_failure(state, t0 + FAILURE_WINDOW - timedelta(seconds=1)).failures == 2
    assert after_failure(state, t0 + FAILURE_WINDOW) == Failures(1, t0 + FAILURE_WINDOW, None)
    locked = Failures(MAX_FAILURES, t0, t0 + timedelta(minutes=5))  # window still open at the lock's end
    assert is_locked(locked, t0 + timedelta(minutes=5) - timedelta(seconds=1))
    assert not is_locked(locked, t0 + timedelta(minutes=5))
    assert after_failure(locked, t0 + timedelta(minutes=5)).failures == 1


EASY = "The password is too easy to guess; do not use the e-mail address or a repeated character."


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kereta malam ke bandung", None),
        ("abcdefghi", "at least"),  # 9 characters
        ("x" * 201, "at most"),
        ("ab" + "c" * 198, None),  # 200 characters, three different
        ("Budi@Kilat.co.id ", EASY),  # the e-mail address, any case, spaces around
        ("abababababab", EASY),  # two different characters
        ("abcabcabcabc", None),  # three
    ],
)
def test_password_rules(password, why):
    problem = password_problem(password, "budi@kilat.co.id")
    assert problem is None if why is None else why in (problem or ""), problem
    if why is EASY:
        assert problem == EASY  # shown to the person as it is, so the whole sentence


def test_the_fifth_failure_in_a_window_locks_for_the_lockout_from_that_moment():
    t0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    state = None
    for i in range(MAX_FAILURES - 1):
        state = after_failure(state, t0 + timedelta(minutes=i))
        assert state.locked_until is None and not is_locked(state, t0 + timedelta(minutes=i))
    fifth = t0 + timedelta(minutes=MAX_FAILURES)
    state = after_failure(state, fifth)
    assert state == Failures(MAX_FAILURES, t0, fifth + LOCKOUT)
    assert is_locked(state, fifth) and is_locked(state, fifth + LOCKOUT - timedelta(seconds=1))
