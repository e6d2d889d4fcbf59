"""The pure registry rules, as tables written from docs/registry.md: who sees which region, how
the audit log names a caller, what a NIB and a carrier_id look like."""

from __future__ import annotations

import pytest

from jalin.network.model import CARRIER_ID
from jalin.registry.access import CLI_ADMIN, PUBLIC, Principal
from jalin.registry.rules import BoardLevel, Role, nib_problem

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
