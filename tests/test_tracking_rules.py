"""The tracking domain on its own (no database): event rules at their limits, code mapping,
timeline order and status (against a slow obviously-correct reference), custody per leg."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jalin.tracking import (
    EVENT_STATUSES,
    MEANING,
    EventCode,
    EventInput,
    Moment,
    Rejection,
    Status,
    aftership_tag,
    custody,
    map_event,
    ordered,
    parse,
    shipment_status,
    table_from_rows,
)
from jalin.tracking.timeline import resume

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
WITA = timezone(timedelta(hours=8))


def _raw(**changes):
    e = {
        "event_id": "JNE-1",
        "number": "JL123456785ID",
        "status": "arrived",
        "occurred_at": "2026-12-02T14:05:00+08:00",
    }
    e.update(changes)
    return {k: v for k, v in e.items() if v is not None}


def test_the_vocabulary_is_the_contracts_table():
    assert [s.value for s in Status] == [
        "booked", "picked_up", "departed", "arrived", "handed_over", "out_for_delivery",
        "delivery_failed", "delivered", "returning", "returned", "exception", "cancelled",
    ]  # fmt: skip
    assert set(MEANING) == set(Status)
    assert aftership_tag(Status.DELIVERED) == "Delivered" and aftership_tag(Status.CANCELLED) == "Expired"
    assert aftership_tag(Status.DELIVERY_FAILED) == "AttemptFail"
    assert set(Status) - {Status.BOOKED, Status.CANCELLED} == EVENT_STATUSES


@pytest.mark.parametrize(
    ("ahead", "ok"),
    [(timedelta(minutes=10), True), (timedelta(minutes=10, seconds=1), False), (timedelta(0), True)],
)
def test_occurred_at_may_be_at_most_ten_minutes_ahead(ahead, ok):
    got = parse(_raw(occurred_at=(NOW + ahead).astimezone(WITA).isoformat()), NOW)
    assert isinstance(got, EventInput) == ok
    if not ok:
        assert isinstance(got, Rejection) and got.code is EventCode.INVALID_TIME


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"occurred_at": "2026-12-02T14:05:00"}, EventCode.INVALID_TIME),
        ({"occurred_at": "kemarin"}, EventCode.INVALID_TIME),
        ({"occurred_at": "1999-12-31T23:59:59+07:00"}, EventCode.INVALID_TIME),
        ({"status": None}, EventCode.MISSING_CODE_OR_STATUS),
        ({"status": "booked"}, EventCode.INVALID_STATUS),
        ({"status": "cancelled"}, EventCode.INVALID_STATUS),
        ({"status": "Arrived"}, EventCode.INVALID_STATUS),
        ({"event_id": ""}, EventCode.INVALID_EVENT),
        ({"event_id": "has space"}, EventCode.INVALID_EVENT),
        ({"event_id": "x" * 129}, EventCode.INVALID_EVENT),
        ({"number": None}, EventCode.INVALID_EVENT),
        ({"code": "x" * 65}, EventCode.INVALID_EVENT),
        ({"description": "x" * 501}, EventCode.INVALID_EVENT),
        ({"cod_collected": True}, EventCode.INVALID_EVENT),
        ({"cod_collected": "150000"}, EventCode.INVALID_EVENT),
    ],
)
def test_refused_events_name_a_stable_code(changes, code):
    got = parse(_raw(**changes), NOW)
    assert isinstance(got, Rejection) and got.code is code and " / " in got.message


def test_limits_that_pass_and_the_fingerprint():
    ok = parse(
        _raw(event_id="x" * 128, code="c" * 64, description="d" * 500, cod_collected=0, status=None), NOW
    )
    assert isinstance(ok, EventInput) and ok.status is None and ok.code == "c" * 64
    a = parse(_raw(), NOW)
    b = parse(_raw(occurred_at="2026-12-02T13:05:00+07:00"), NOW)  # the same instant in WIB
    c = parse(_raw(description="lain"), NOW)
    assert isinstance(a, EventInput) and isinstance(b, EventInput) and isinstance(c, EventInput)
    assert a.fingerprint("JL123456785ID") == b.fingerprint("JL123456785ID") != c.fingerprint("JL123456785ID")


def test_code_mapping_is_a_table_lookup():
    tables = {
        "JNE": table_from_rows(
            [("OP-21", "arrived"), ("OP-21", "departed"), ("X", "nonsense"), ("B", "booked")]
        )
    }
    assert tables["JNE"] == {"OP-21": Status.ARRIVED}
    assert map_event("JNE", "OP-21", None, tables).status is Status.ARRIVED
    assert map_event("JNE", "OP-21", Status.DELIVERED, tables).status is Status.DELIVERED  # explicit wins
    unmapped = map_event("JNE", "OP-99", None, tables)
    assert unmapped.status is None and unmapped.unmapped
    assert map_event("POS", "OP-21", None, tables).unmapped  # tables are per carrier


# -- timeline ---------------------------------------------------------------------------------------
T0 = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
statuses = st.sampled_from([None, *sorted(EVENT_STATUSES)])
moments_st = st.lists(
    st.tuples(statuses, st.integers(0, 5), st.integers(0, 3)),
    max_size=12,
).map(
    lambda items: [
        Moment(s, "A", T0 + timedelta(hours=h), T0 + timedelta(days=1, minutes=r), i)
        for i, (s, h, r) in enumerate(items)
    ]
)


def _reference_status(moments):
    """The latest event with a status: by occurred_at, then received_at, then storage order."""
    best = None
    for m in moments:
        if m.status is None:
            continue
        if best is None or (m.occurred_at, m.received_at, m.seq) >= (
            best.occurred_at,
            best.received_at,
            best.seq,
        ):
            best = m
    return best.status if best else Status.BOOKED


@given(moments_st, st.randoms(use_true_random=False))
def test_status_is_the_latest_event_whatever_the_arrival_order(moments, rnd):
    shuffled = list(moments)
    rnd.shuffle(shuffled)
    assert shipment_status(shuffled) == _reference_status(moments)
    assert shipment_status(shuffled, cancelled=True) is Status.CANCELLED


def _m(status, carrier, hour, seq=0):
    return Moment(status, carrier, T0 + timedelta(hours=hour), T0 + timedelta(days=9), seq)


def _h(hour):
    return T0 + timedelta(hours=hour)


def test_custody_per_leg():
    S = Status
    legs = ["A", "B", "C"]
    # The usual walk: A picks up, hands over to B (reported by B), B to C (reported by B), C delivers.
    walk = [
        _m(S.PICKED_UP, "A", 1),
        _m(S.ARRIVED, "A", 2),
        _m(S.HANDED_OVER, "B", 3),
        _m(S.HANDED_OVER, "B", 5),  # the giving side reports this one
        _m(S.OUT_FOR_DELIVERY, "C", 6),
        _m(S.DELIVERED, "C", 7),
        _m(S.ARRIVED, "A", 2, seq=1),  # a late duplicate of A's: changes nothing
    ]
    got = custody(legs, walk)
    assert [(c.took_at, c.gave_at) for c in got] == [(_h(1), _h(3)), (_h(3), _h(5)), (_h(5), _h(7))]
    assert [c.leg_status for c in got] == ["completed"] * 3
    # Out of order arrival gives the same custody.
    assert custody(legs, list(reversed(walk))) == got
    # Nothing yet; only the first carrier; B reports before anyone handed over (A never reported).
    assert [c.leg_status for c in custody(legs, [])] == ["planned"] * 3
    only_a = custody(legs, [_m(S.PICKED_UP, "A", 1), _m(None, "A", 2)])
    assert [c.leg_status for c in only_a] == ["active", "planned", "planned"]
    skip = custody(legs, [_m(S.ARRIVED, "B", 4)])
    assert (skip[0].took_at, skip[0].gave_at, skip[1].took_at, skip[1].gave_at) == (_h(4), _h(4), _h(4), None)
    # Events of carriers not on the shipment change nothing.
    assert custody(legs, [_m(S.ARRIVED, "Z", 1)]) == custody(legs, [])


carriers_st = st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=4).filter(
    lambda cs: all(a != b for a, b in pairwise(cs))
)
walk_st = st.lists(
    st.tuples(
        st.sampled_from([None, *sorted(EVENT_STATUSES)]),
        st.sampled_from(["A", "B", "C", "Z"]),
        st.integers(0, 40),
    ),
    max_size=14,
)


@given(carriers_st, walk_st, st.integers(0, 14))
def test_custody_resumes_from_its_own_state(carriers, items, cut):
    """Ingest's fast path: custody of the events so far, continued over later events, equals
    custody walked over the whole timeline."""
    moments = ordered(
        Moment(s, c, T0 + timedelta(hours=h), T0 + timedelta(days=9), i) for i, (s, c, h) in enumerate(items)
    )
    head, tail = moments[:cut], moments[cut:]
    assert resume(carriers, custody(carriers, head), tail) == custody(carriers, moments)
