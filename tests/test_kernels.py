"""The compiled search loop does no reference counting, and leaves the label store it reuses empty.

Reference counting was the cause of fb112c9's 30 % slowdown:

`kernels._settle` passes whole bundles (labels, options, network, query, target) to inlined
helpers on every settled label and every run it looks at. Compiled with numba's reference
counting, each such call increments and decrements the count of every array in the bundle
(atomic calls LLVM cannot remove), which made the planner about 30 % slower. The loop is
compiled with `_nrt=False`; this test compiles it afresh with the same options for the types a
real quote passes and fails when its LLVM code calls `NRT_incref` or `NRT_decref` again.

A thread's label store is reused by its next search (`labels.thread_store`), which is only right
if every search, finished or out of room, leaves it as a fresh one: no label at any facility and
nothing settled.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import numba as nb
import numpy as np
import pytest

from jalin.network.validator import validate_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest, kernels, labels, planner

READY = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture(scope="module")
def small_planner(small_network, atlas):  # type: ignore[no-untyped-def]
    _, folder = small_network
    feeds = [validate_feed(p, atlas).feed for p in sorted(folder.iterdir()) if p.is_dir()]
    return Planner(CompiledNetwork(feeds), HandoverPolicy.open())


def _settle_llvm(*args: object) -> str:
    """LLVM code of `_settle` compiled afresh (not from numba's cache) for the types of `args`."""
    options = {k: v for k, v in kernels._settle.targetoptions.items() if k not in ("cache", "nopython")}
    fresh = nb.njit(**options)(kernels._settle.py_func)
    signature = tuple(nb.typeof(a) for a in args)
    fresh.compile(signature)
    return str(fresh.inspect_llvm(signature))


def test_the_search_loop_counts_no_references(small_planner, monkeypatch):
    calls = []
    real = planner.kernels.search

    def capture(net, q, target, cap, o_cap):  # type: ignore[no-untyped-def]
        calls.append((net, q, target))
        return real(net, q, target, cap, o_cap)

    monkeypatch.setattr(planner.kernels, "search", capture)
    options, _ = small_planner.quote(QuoteRequest("31.71.06", "95.01.01", Decimal("2.5"), READY))
    assert options and calls
    net, q, target = calls[0]
    store = labels.label_store(net.lh_ptr.shape[0] - 1, 16, q.max_handovers + 1)
    found = kernels._new_options(4, q.max_handovers)
    none = np.full(0, -1, np.int64)
    llvm = _settle_llvm(store, found, none, none, net, q, target, False)
    assert "_settle" in llvm
    counting = re.findall(r"call \w+ @NRT_(?:incref|decref)", llvm)
    assert counting == [], f"{len(counting)} reference-count calls in the compiled search loop"


def _assert_empty(store: labels.Labels) -> None:
    assert (store.head == -1).all(), "a facility still lists labels of the last search"
    assert (store.settled == labels.UNSETTLED).all(), "a facility still holds a settled price"


@pytest.mark.parametrize("room", [planner._FIRST_CAP, 8])  # 8: the first try runs out of room
def test_a_search_leaves_the_store_it_reuses_empty(small_planner, monkeypatch, room):
    monkeypatch.setattr(planner, "_FIRST_CAP", room)
    one = QuoteRequest("31.71.06", "95.01.01", Decimal("2.5"), READY)
    box = (Decimal(60), Decimal(40), Decimal(30))
    other = QuoteRequest("95.01.01", "31.71.06", Decimal("12"), READY, box)
    labels._kept.__dict__.pop("by_room", None)  # the first search makes its store afresh
    first = small_planner.quote(one)
    kept = labels._kept.by_room
    assert room in kept, "the search did not keep its store"
    used = kept[room]
    _assert_empty(used)
    assert small_planner.quote(other)[0]
    assert kept[room] is used  # reused, not made again
    _assert_empty(used)
    again = small_planner.quote(one)  # on the reused store: the same options, legs included
    assert again == first and [o.legs for o in again[0]] == [o.legs for o in first[0]]
