"""The arithmetic of the DPP's shipment reports (services/shipments/stats.py) against a slow,
obviously-correct reference: weekly counts in WIB ISO weeks, on-time rates per carrier and per
handover pair (each delivered shipment counted once per carrier and once per pair)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jalin.services.shipments.stats import on_time_rates, week_of, weekly_counts

T0 = datetime(2026, 11, 1, tzinfo=UTC)
CARRIERS = ("AA", "BB", "CC")


def test_a_week_is_the_iso_week_in_wib():
    # Sunday 2026-11-29 17:30 UTC is Monday 00:30 WIB: the next week already
    assert week_of(datetime(2026, 11, 29, 16, 59, tzinfo=UTC)) == "2026-W48"
    assert week_of(datetime(2026, 11, 29, 17, 30, tzinfo=UTC)) == "2026-W49"


shipment = st.builds(
    lambda status, legs, pairs, planned, delivered: {
        "status": status,
        "planned_delivery": T0 + timedelta(hours=planned),
        "legs": [{"carrier": c, "gave_at": None} for c in legs[:-1]]
        + [{"carrier": legs[-1], "gave_at": None if delivered is None else T0 + timedelta(hours=delivered)}],
        "pairs": pairs,
    },
    st.sampled_from(["delivered", "booked", "returned"]),
    st.lists(st.sampled_from(CARRIERS), min_size=1, max_size=3),
    st.lists(st.tuples(st.sampled_from(CARRIERS), st.sampled_from(CARRIERS)), max_size=2),
    st.integers(0, 100),
    st.one_of(st.none(), st.integers(0, 100)),
)


@given(st.lists(shipment, max_size=30))
def test_on_time_rates_match_a_reference(shipments):
    carriers, pairs = on_time_rates(shipments)
    for figures, keys_of in (
        (carriers, lambda s: {leg["carrier"] for leg in s["legs"]}),
        (pairs, lambda s: {f"{a}→{b}" for a, b in s["pairs"]}),
    ):
        expected = {}
        for key in sorted({k for s in shipments for k in keys_of(s)}):
            done = [
                s
                for s in shipments
                if key in keys_of(s) and s["status"] == "delivered" and s["legs"][-1]["gave_at"] is not None
            ]
            if done:
                late = [s for s in done if s["legs"][-1]["gave_at"] > s["planned_delivery"]]
                expected[key] = (len(done), len(done) - len(late))
        assert {f.key: (f.delivered, f.on_time) for f in figures} == expected
        for f in figures:
            assert f.percent == round(100 * f.on_time / f.delivered)


@given(st.lists(st.integers(0, 24 * 60), max_size=40))
def test_weekly_counts_add_up(hours):
    moments = [T0 + timedelta(hours=h) for h in hours]
    counts = weekly_counts(moments)
    assert sum(counts.values()) == len(moments) and list(counts) == sorted(counts)
    for w, n in counts.items():
        assert n == sum(1 for m in moments if week_of(m) == w)
