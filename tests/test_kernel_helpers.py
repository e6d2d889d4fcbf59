"""Helpers of the planner's kernels against brute force: the label queue, the binary heap and the
backward bound.

The property test of the whole planner cannot see a slip in any of them when the answer stays
right: settling labels out of time order, or a lower bound lower than it could be, only makes the
search slower (or picks other legs among equal options). So each is held to its own contract here:
the queue pops labels by time and then by label number, and loses nothing; the heap of
`backward_bound` pops the least cost first; `backward_bound` is exactly the least cost to a source
(a weaker bound would still give right answers, slowly; a stronger one would drop routes).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.routing import labels, lower_bounds
from tests.budget import examples

FAR = 10**12


@settings(max_examples=examples(300))
@given(st.lists(st.one_of(st.integers(0, 50), st.none()), max_size=60))
def test_the_heap_pops_the_least_time_first_and_keeps_every_label(steps: list[int | None]) -> None:
    """Pushes (an int: a time) and pops (None) interleaved, against a plain list as the model."""
    heap_t = np.empty(len(steps) + 1, np.int64)
    heap_l = np.empty(len(steps) + 1, np.int32)
    size = 0
    model: list[tuple[int, int]] = []  # (time, label)
    for label, step in enumerate(steps):
        if step is not None:
            size = lower_bounds._heap_push(heap_t, heap_l, size, step, label)
            model.append((step, label))
        elif model:
            popped, size = lower_bounds._heap_pop(heap_t, heap_l, size)
            least = min(t for t, _ in model)
            assert (least, popped) in model, (least, popped, model)
            model.remove((least, popped))
        assert size == len(model)
    while model:
        popped, size = lower_bounds._heap_pop(heap_t, heap_l, size)
        least = min(t for t, _ in model)
        assert (least, popped) in model
        model.remove((least, popped))
    assert size == 0


@settings(max_examples=examples(300))
@given(st.lists(st.one_of(st.integers(0, 50), st.none()), max_size=120))
def test_the_label_queue_pops_by_time_then_label_and_keeps_every_label(steps: list[int | None]) -> None:
    """Pushes (an int: a time, the label is its step number) and pops (None) interleaved, against a
    sorted list as the model: equal times come out in the order the labels were made."""
    queue = np.empty(len(steps) + 1, np.int64)
    size = 0
    model: list[tuple[int, int]] = []  # (time, label)
    for label, step in enumerate(steps):
        if step is not None:
            size = labels.queue_push(queue, size, (step << labels.LABEL_BITS) | label)
            model.append((step, label))
        elif model:
            key, size = labels.queue_pop(queue, size)
            assert (key >> labels.LABEL_BITS, key & labels.LABEL_MASK) == min(model)
            model.remove(min(model))
        assert size == len(model)
    while model:
        key, size = labels.queue_pop(queue, size)
        assert (key >> labels.LABEL_BITS, key & labels.LABEL_MASK) == min(model)
        model.remove(min(model))
    assert size == 0


def _csr(n: int, edges: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges (from, to, cost) grouped by their `to` facility: (ptr, from, cost), as the planner has them."""
    edges = sorted(edges, key=lambda e: e[1])
    ptr = np.zeros(n + 1, np.int64)
    for _, to, _ in edges:
        ptr[to + 1] += 1
    return (
        np.cumsum(ptr),
        np.array([e[0] for e in edges], np.int64),
        np.array([e[2] for e in edges], np.int64),
    )


def _least_cost(n, sources, linehauls, handovers):  # type: ignore[no-untyped-def]
    """Bellman-Ford: the least cost from each facility to any source, along edges as given."""
    dist = [FAR] * n
    for f, cost in sources:
        dist[f] = min(dist[f], cost)
    for _ in range(n + 1):
        for frm, to, cost in linehauls + handovers:
            if dist[to] < FAR:
                dist[frm] = min(dist[frm], dist[to] + cost)
    return dist


@st.composite
def graphs(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 8))
    node = st.integers(0, n - 1)
    edge = st.tuples(node, node, st.integers(0, 20))
    sources = draw(st.lists(st.tuples(node, st.integers(0, 20)), max_size=4))
    return n, sources, draw(st.lists(edge, max_size=16)), draw(st.lists(edge, max_size=8))


@settings(max_examples=examples(300))
@given(graphs())
def test_backward_bound_is_the_least_cost_to_a_source(graph) -> None:  # type: ignore[no-untyped-def]
    n, sources, linehauls, handovers = graph
    rl_ptr, rl_from, rl_cost = _csr(n, linehauls)
    rh_ptr, rh_from, rh_cost = _csr(n, handovers)
    dist = lower_bounds.backward_bound(
        n,
        np.array([f for f, _ in sources], np.int64),
        np.array([c for _, c in sources], np.int64),
        rl_ptr,
        rl_from,
        rl_cost,
        rh_ptr,
        rh_from,
        rh_cost,
        FAR,
    )
    assert dist.tolist() == _least_cost(n, sources, linehauls, handovers)
