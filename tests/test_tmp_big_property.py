"""The production planner returns exactly the reference planner's Pareto set on random networks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from jalin.routing import CompiledNetwork, Planner, chargeable_kg, reference_quote
from tests.random_networks import DISTRICTS, scenarios


def keys(options):
    return [(o.delivered_at.astimezone(UTC), o.price, o.handovers) for o in options]


@settings(max_examples=8000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_planner_matches_reference(scenario):
    feeds, policy, request = scenario
    expected, why_expected = reference_quote(feeds, request, policy)
    got, why = Planner(CompiledNetwork(feeds), policy).quote(request)
    assert keys(got) == keys(expected)
    assert why == why_expected
    for option in got:  # the legs add up to the option
        runs = [leg for leg in option.legs if hasattr(leg, "run_id")]
        fees = [leg.fee for leg in option.legs if hasattr(leg, "fee")]
        assert sum(leg.price for leg in runs) + sum(fees) == option.price
        assert len(fees) == option.handovers
        assert runs[-1].arrival == option.delivered_at
        assert runs[0].departure >= request.ready_at


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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_tariff_is_the_best_of_each_quote(scenario):
    """One-to-all gives, per district, the earliest delivery and the lowest price of the full quote."""
    feeds, policy, request = scenario
    planner = Planner(CompiledNetwork(feeds), policy)
    districts = sorted(DISTRICTS)
    for district, earliest, cheapest in planner.tariff(request, districts):
        options, _ = reference_quote(feeds, replace(request, destination=district), policy)
        assert earliest == (min(o.delivered_at for o in options).astimezone(UTC) if options else None)
        assert cheapest == (min(o.price for o in options) if options else None)


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
    assert len(calls) == 2 and keys(got) == keys(expected) and len(expected) > 2
