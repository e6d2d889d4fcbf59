"""The planner's memory is bounded: a search that outgrows its label room fails with a clear error."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from jalin.errors import JalinError
from jalin.network.validator import validate_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest, planner
from jalin.routing.errors import RoutingErrorCode

READY = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture(scope="module")
def small_planner(small_network, atlas):  # type: ignore[no-untyped-def]
    _, folder = small_network
    feeds = [validate_feed(p, atlas).feed for p in sorted(folder.iterdir()) if p.is_dir()]
    return Planner(CompiledNetwork(feeds), HandoverPolicy.open())


def test_label_room_grows_until_the_limit_then_says_why(small_planner, monkeypatch):
    request = QuoteRequest("31.71.06", "95.01.01", Decimal("2.5"), READY)
    calls: list[int] = []
    real = planner.kernels.search

    def counting(net, q, target, cap, o_cap):  # type: ignore[no-untyped-def]
        calls.append(cap)
        return real(net, q, target, 4, o_cap)  # room for 4 labels only: always overflows

    monkeypatch.setattr(planner.kernels, "search", counting)
    monkeypatch.setattr(planner, "MAX_LABELS", 1 << 22)
    with pytest.raises(JalinError) as exc:
        small_planner.quote(request)
    assert exc.value.code == RoutingErrorCode.SEARCH_TOO_LARGE
    assert "labels" in exc.value.message
    assert calls == [1 << 18, 1 << 20, 1 << 22]  # grew four-fold, stopped at the limit


def test_overflow_retry_gives_the_same_answer(small_planner, monkeypatch):
    request = QuoteRequest("31.71.06", "95.01.01", Decimal("2.5"), READY)
    expected = small_planner.quote(request)
    monkeypatch.setattr(planner, "_FIRST_CAP", 8)
    assert small_planner.quote(request) == expected
