"""The production planner returns exactly the independent reference's Pareto set (quote-v1).

Scenarios come from tests/planner_scenarios.py (a covering path, then noise, aimed at the hard
cases); the reference is tests/reference_planner.py, which shares no pricing, fee, zone or Pareto
code with jalin.routing. Each example is labelled with `hypothesis.event()`; the mix of labels
over the run is printed at the end of the test log (conftest.py) and held to a floor by
`test_the_generator_reaches_the_hard_cases`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import event, given, settings

from jalin.routing import (
    CompiledNetwork,
    HandoverLeg,
    HandoverPolicy,
    Planner,
    QuoteRequest,
    RunLeg,
    chargeable_kg,
)
from tests import planner_scenarios as ps
from tests.budget import examples
from tests.reference_planner import Route, plan

#: Labels per example over this session, printed by conftest.pytest_terminal_summary.
MIX: Counter[str] = Counter()


def reference(s: ps.Scenario, **changes: object) -> tuple[list[Route], str | None]:
    s = replace(s, **changes)  # type: ignore[arg-type]
    return plan(s.feeds, s.origin, s.destination, s.weight_kg, s.ready_at, **s.request_kwargs())


def production(s: ps.Scenario, destination: str | None = None):  # type: ignore[no-untyped-def]
    policy = HandoverPolicy.open() if s.agreements is None else HandoverPolicy.from_pairs(list(s.agreements))
    request = QuoteRequest(
        s.origin,
        destination or s.destination,
        Decimal(s.weight_kg),
        s.ready_at,
        tuple(Decimal(d) for d in s.dims_cm) if s.dims_cm else None,  # type: ignore[arg-type]
        s.cod,
        s.max_handovers,
        s.handover_minutes,
        s.horizon,
    )
    return Planner(CompiledNetwork(s.feeds), policy), request


def labels(s: ps.Scenario, routes: list[Route], why: str | None) -> list[str]:
    """What makes this example interesting (counterfactuals are answered by the reference)."""
    keys = [r.key for r in routes]
    out = [f"no route: {why}"] if why else ["has a route"]
    if any(r.handovers for r in routes):
        out.append("handover in the answer")
    if any(st.kind == "handover" and st.price > 0 for r in routes for st in r.steps):
        out.append("paid handover in the answer")
    if any(st.kind == "run" and st.departure - st.cutoff == st.ready for r in routes for st in r.steps):
        out.append("boards exactly at a cutoff")
    end = s.ready_at + s.horizon
    if any(end - r.delivered_at <= timedelta(hours=1) for r in routes) or why == "not_within_horizon":
        out.append("near the horizon")
    if s.cod and [r.key for r in reference(s, cod=False)[0]] != keys:
        out.append("COD changes the answer")
    roomy = [
        replace(f, services={k: replace(v, max_weight_kg=Decimal(1000)) for k, v in f.services.items()})
        for f in s.feeds
    ]
    if [r.key for r in reference(s, feeds=roomy)[0]] != keys:
        out.append("a weight limit changes the answer")
    if s.agreements is not None:
        anywhere = [(a, b, fee, None) for a, b, fee, _ in s.agreements]
        if [r.key for r in reference(s, agreements=anywhere)[0]] != keys:
            out.append("a district limit changes the answer")
    return out


def assert_a_route(s: ps.Scenario, option) -> None:  # type: ignore[no-untyped-def]
    """The option's legs are a journey through the scenario's feeds, read from the feeds alone: each
    run is the feed's run (service, from, to, duration, boarded no later than its cutoff allows),
    each leg starts where and with whom the last one ended, a handover joins two handover points
    of one district after the handover time, and the journey starts in an area covering the origin
    and ends in one covering the destination."""
    feeds = {f.carrier_id: f for f in s.feeds}

    def end(point) -> str:  # type: ignore[no-untyped-def]
        return point.facility_id if point.facility_id is not None else f"area:{point.area_code}"

    def covers(leg_end: str, district: str) -> bool:
        area = leg_end.removeprefix("area:")
        return leg_end.startswith("area:") and (district == area or district.startswith(area + "."))

    at, t = None, s.ready_at
    for leg in option.legs:
        if isinstance(leg, RunLeg):
            [run] = [r for r in feeds[leg.carrier_id].runs if r.run_id == leg.run_id]
            assert (leg.service_id, leg.origin, leg.destination) == (
                run.service_id,
                end(run.origin),
                end(run.destination),
            )
            assert leg.arrival - leg.departure == timedelta(minutes=run.duration_minutes)
            assert leg.departure - timedelta(minutes=run.cutoff_minutes) >= t
            assert at in (None, (leg.carrier_id, leg.origin))
            at, t = (leg.carrier_id, leg.destination), leg.arrival
        else:
            assert isinstance(leg, HandoverLeg) and at == (leg.from_carrier, leg.from_facility)
            giver, taker = feeds[leg.from_carrier], feeds[leg.to_carrier]
            assert leg.from_carrier != leg.to_carrier and taker.facilities[leg.to_facility].handover
            assert giver.facilities[leg.from_facility].area_code == leg.area_code
            assert taker.facilities[leg.to_facility].area_code == leg.area_code
            assert leg.at == t + timedelta(minutes=s.handover_minutes)
            at, t = (leg.to_carrier, leg.to_facility), leg.at
    first, last = option.legs[0], option.legs[-1]
    assert isinstance(first, RunLeg) and covers(first.origin, s.origin)
    assert isinstance(last, RunLeg) and covers(last.destination, s.destination)


def keys_of(options) -> list[tuple[datetime, int, int]]:  # type: ignore[no-untyped-def]
    return [(o.delivered_at.astimezone(UTC), o.price, o.handovers) for o in options]


@settings(max_examples=examples(300), deadline=None)
@given(scenario=ps.scenarios())
def test_planner_matches_reference(scenario):
    routes, why_expected = reference(scenario)
    for label in labels(scenario, routes, why_expected):
        event(label)
        MIX[label] += 1
    MIX["examples"] += 1
    planner, request = production(scenario)
    got, why = planner.quote(request)
    assert keys_of(got) == [r.key for r in routes]
    assert (why.value if why else None) == why_expected
    for option in got:  # the legs add up to the option
        runs = [leg for leg in option.legs if hasattr(leg, "run_id")]
        fees = [leg.fee for leg in option.legs if hasattr(leg, "fee")]
        assert sum(leg.price for leg in runs) + sum(fees) == option.price
        assert len(fees) == option.handovers
        assert runs[-1].arrival == option.delivered_at
        assert runs[0].departure >= request.ready_at
        assert_a_route(scenario, option)


@settings(max_examples=examples(100), deadline=None)
@given(scenario=ps.scenarios())
def test_tariff_is_the_best_of_each_quote(scenario):
    """One-to-all gives, per district, the earliest delivery and the lowest price of the full quote."""
    planner, request = production(scenario)
    for district, earliest, cheapest in planner.tariff(request, sorted(ps.DISTRICTS)):
        routes, _ = reference(scenario, destination=district)
        assert earliest == (min(r.delivered_at for r in routes) if routes else None)
        assert cheapest == (min(r.price for r in routes) if routes else None)


def test_the_generator_reaches_the_hard_cases():
    """The mix the property test sees, on a fixed sample: most examples are not trivial."""
    seen: Counter[str] = Counter()

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(scenario=ps.scenarios())
    def sample(scenario):  # type: ignore[no-untyped-def]
        routes, why = reference(scenario)
        seen.update(labels(scenario, routes, why))
        seen["examples"] += 1

    sample()
    n = seen["examples"]
    share = {k: round(v / n, 3) for k, v in seen.items()}
    assert share.get("handover in the answer", 0) >= 0.40, share
    for label in (
        "paid handover in the answer",
        "boards exactly at a cutoff",
        "near the horizon",
        "COD changes the answer",
        "a weight limit changes the answer",
        "a district limit changes the answer",
    ):
        assert share.get(label, 0) >= 0.03, (label, share)
    assert share.get("has a route", 0) >= 0.5, share


NAIVE = datetime(2026, 12, 1, 9)  # no UTC offset


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weight_kg": Decimal(0)}, "weight_kg must be greater than 0"),
        ({"handover_minutes": -1}, "handover_minutes must be 0 or more"),
        ({"max_handovers": 5}, "max_handovers must be between 0 and 4"),
        ({"ready_at": NAIVE}, "ready_at needs a UTC offset, e.g. 2026-11-27T09:00:00+07:00"),
    ],
)
def test_a_request_out_of_range_is_refused_naming_the_field(change, message):
    ready = datetime(2026, 12, 1, 9, tzinfo=UTC)
    base = {"origin": "31.71.06", "destination": "74.71.01", "weight_kg": Decimal(1), "ready_at": ready}
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        QuoteRequest(**{**base, **change})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("weight", "dims", "divisor", "expected"),
    [
        ("0.2", None, 6000, 1),
        ("1", None, 6000, 1),
        ("1.01", None, 6000, 2),
        ("2", ("30", "20", "10"), 6000, 2),  # 6000 cm3 / 6000 = 1 kg < 2 kg
        ("2", ("30", "20", "11"), 6000, 2),  # 1.1 kg volumetric, actual weight wins
        ("1", ("40", "40", "40"), 6000, 11),  # 64000/6000 = 10.67 -> 11
        ("1", ("40", "40", "40"), 5000, 13),  # 12.8 -> 13
        ("12", ("10", "10", "10"), 5000, 12),
        ("0.5", ("25.5", "25.5", "25.5"), 6000, 3),  # 16581.375/6000 = 2.76 -> 3
    ],
)
def test_chargeable_kg_is_exact(weight, dims, divisor, expected):
    d = tuple(Decimal(x) for x in dims) if dims else None
    assert chargeable_kg(Decimal(weight), d, divisor) == expected


def test_running_out_of_room_retries_with_more(small_network, monkeypatch):
    """A search that overflows its label or option arrays is rerun larger, with the same answer."""
    from datetime import datetime, timedelta, timezone

    from jalin.routing import HandoverPolicy, QuoteRequest
    from jalin.routing import planner as planner_module

    network, _ = small_network
    planner = Planner(CompiledNetwork(network.feeds), HandoverPolicy.open())
    request = QuoteRequest(
        "31.71.06", "95.01.01", Decimal("1"), datetime(2026, 11, 27, 9, tzinfo=timezone(timedelta(hours=7)))
    )
    expected, _ = planner.quote(request)
    real, calls = planner_module.kernels.search, []

    def cramped(*args):
        calls.append(args[-2:])
        return real(*args[:-2], *((3, 2) if len(calls) == 1 else args[-2:]))

    monkeypatch.setattr(planner_module.kernels, "search", cramped)
    got, _ = planner.quote(request)
    assert len(calls) == 2 and keys_of(got) == keys_of(expected) and len(expected) > 2
