"""The pure registry rules, as tables written from docs/registry.md: who sees which region, how
the audit log names a caller, what a NIB and a carrier_id look like."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jalin.network.model import CARRIER_ID
from jalin.registry.access import CLI_ADMIN, PUBLIC, Principal, may_act_on_agreement
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
from jalin.registry.records import Agreement, ApiKey, Application, Meeting, Member, Party, as_dict
from jalin.registry.rules import (
    AgreementKind,
    AgreementStage,
    ApplicationStatus,
    BoardLevel,
    MemberStatus,
    MemberType,
    Role,
    email_problem,
    nib_problem,
)
from jalin.registry.visibility import (
    Scope,
    scope_of,
    sees_agreement,
    sees_application,
    sees_key,
    sees_meeting,
    sees_member,
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


# Who sees which object, by hand from docs/registry.md: members and applications by where they are
# registered (a member: itself), agreements by the DPW that carries them or a party's region (a
# member: those it is party to), meetings by the host board's region (a member: those it attended),
# API keys (a member: its own; an officer: the key it presents).
T0 = datetime(2026, 1, 1, tzinfo=UTC)
HOME = 7  # MEMBER's member id, registered in Kendari (74.71)
SEATS = {
    7: Party(7, "74.71", "74"),
    8: Party(8, "32.73", "32"),
    9: Party(9, "32.01", "32"),
    10: Party(10, "74.71", "74"),
}
VIEWERS = {"admin": CLI_ADMIN, "dpw": DPW_JABAR, "dpd": DPD_BANDUNG, "member": MEMBER, "public": PUBLIC}
VIEWERS["unbound"] = UNBOUND_OFFICER


def _seen(objects, sees):  # type: ignore[no-untyped-def]
    return {name: sorted(k for k, o in objects.items() if sees(who, o)) for name, who in VIEWERS.items()}


def test_who_sees_which_member_and_application():
    members = {
        i: _member(i, f"M{i}", MemberType.COURIER, SEATS[i].regency_code, MemberStatus.ACTIVE) for i in SEATS
    }
    expected = {"admin": [7, 8, 9, 10], "dpw": [8, 9], "dpd": [8], "member": [7], "public": [], "unbound": []}
    assert _seen(members, sees_member) == expected
    applications = {
        i: Application(
            i,
            "PT A",
            "A",
            m.nib,
            m.type,
            None,
            m.regency_code,
            m.province_code,
            "Budi",
            None,
            None,
            ApplicationStatus.SUBMITTED,
            None,
            T0,
        )
        for i, m in members.items()
    }
    expected["member"] = []  # applications are the boards' business, even the member's own region's
    assert _seen(applications, sees_application) == expected


def test_who_sees_which_agreement():
    agreements = {
        "carried by Jabar, a party in Bandung": _agreement(1, "a", K.CO_LOADING, S.ACTIVE, "32", [7, 8]),
        "carried by no DPW, a party elsewhere in Jabar": _agreement(
            2, "b", K.CO_LOADING, S.ACTIVE, None, [7, 9]
        ),
        "carried by Sultra, both parties there": _agreement(3, "c", K.CO_LOADING, S.ACTIVE, "74", [7, 10]),
        "carried by Jabar, no party there": _agreement(4, "d", K.CO_LOADING, S.ACTIVE, "32", [10]),
    }
    seen = _seen(agreements, lambda who, a: sees_agreement(who, a, [SEATS[p] for p in a.parties]))
    assert seen == {
        "admin": sorted(agreements),
        "dpw": [
            "carried by Jabar, a party in Bandung",
            "carried by Jabar, no party there",
            "carried by no DPW, a party elsewhere in Jabar",
        ],
        "dpd": ["carried by Jabar, a party in Bandung"],  # the province as a whole is the DPW's
        "member": [
            "carried by Jabar, a party in Bandung",
            "carried by Sultra, both parties there",
            "carried by no DPW, a party elsewhere in Jabar",
        ],
        "public": [],
        "unbound": [],
    }


def test_who_sees_which_meeting_and_key():
    hosts = {"DPW Jabar": (None, "32"), "DPD Bandung": ("32.73", "32"), "DPP": (None, None)}
    meetings = {
        host: (Meeting(i, T0.date(), "x", i, "", "", "", T0, [HOME] if host == "DPW Jabar" else [8]), region)
        for i, (host, region) in enumerate(hosts.items())
    }
    assert _seen(meetings, lambda who, mr: sees_meeting(who, *mr)) == {
        "admin": ["DPD Bandung", "DPP", "DPW Jabar"],
        "dpw": ["DPD Bandung", "DPW Jabar"],
        "dpd": ["DPD Bandung"],
        "member": ["DPW Jabar"],
        "public": [],
        "unbound": [],
    }
    keys = {
        prefix: ApiKey(i, prefix, role, None, member, "", T0, None)
        for i, (prefix, role, member) in enumerate(
            [
                ("jln_aaaa0004", Role.MEMBER, HOME),
                ("jln_other007", Role.MEMBER, HOME),
                ("jln_member08", Role.MEMBER, 8),
                ("jln_aaaa0001", Role.OFFICER, None),
                ("jln_aaaa0002", Role.OFFICER, None),
                ("jln_admin001", Role.ADMIN, None),
            ]
        )
    }
    assert _seen(keys, sees_key) == {
        "admin": sorted(keys),
        "dpw": ["jln_aaaa0001"],  # the key it presents
        "dpd": ["jln_aaaa0002"],
        "member": ["jln_aaaa0004", "jln_other007"],  # its member's keys
        "public": [],
        "unbound": [],
    }


@pytest.mark.parametrize(
    ("who", "scope"),
    [
        (CLI_ADMIN, Scope(everything=True)),
        (DPW_JABAR, Scope(province="32")),
        (DPD_BANDUNG, Scope(regency="32.73")),
        (MEMBER, Scope(member_id=7)),
        (PUBLIC, Scope()),
        (UNBOUND_OFFICER, Scope()),
        (Principal(Role.MEMBER, "jln_aaaa0005"), Scope()),  # a member key without a member
    ],
)
def test_the_scope_lists_are_filtered_by(who, scope):
    assert scope_of(who) == scope


JABAR = [Party(8, "32.73", "32"), Party(9, "32.01", "32")]
BANDUNG = [Party(8, "32.73", "32"), Party(11, "32.73", "32")]


@pytest.mark.parametrize(
    ("who", "carried_by", "parties", "may"),
    [
        (CLI_ADMIN, None, [], True),  # the DPP acts on every agreement
        (CLI_ADMIN, "74", [SEATS[7]], True),
        (DPW_JABAR, "32", JABAR, True),  # every party in the province, carried by its DPW
        (DPW_JABAR, None, JABAR, True),  # or by no DPW
        (DPW_JABAR, "33", JABAR, False),  # carried by another DPW
        (DPW_JABAR, "32", [*JABAR, SEATS[7]], False),  # a party elsewhere: the DPP records it
        (DPW_JABAR, "32", [], False),  # no parties: nothing to speak for
        (DPD_BANDUNG, "32", BANDUNG, True),  # a DPD acts when every party is in its regency
        (DPD_BANDUNG, None, BANDUNG, True),
        (DPD_BANDUNG, "32", JABAR, False),  # a party elsewhere in the province
        (DPD_BANDUNG, "33", BANDUNG, False),
        (UNBOUND_OFFICER, None, BANDUNG, False),
        (UNBOUND_OFFICER, "32", BANDUNG, False),  # an officer bound to no board, whoever carries it
        (MEMBER, None, [SEATS[7]], False),  # members and the public never act
        (PUBLIC, None, BANDUNG, False),
    ],
)
def test_who_may_act_on_an_agreement(who, carried_by, parties, may):
    assert may_act_on_agreement(who, carried_by, parties) is may


def test_a_record_as_a_plain_dict():
    member = as_dict(MEMBERS[0])
    assert member["brand"] == "Kilat Ekspres" and member["type"] == MemberType.EXPRESS and member["id"] == 1
