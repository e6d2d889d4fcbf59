"""The label store of one search: labels, per-facility queues, settled prices, the time-ordered queue.

A label is (time, price, handovers) at a facility, with how it was reached. Labels are offered
by the search (`offer`), admitted unless a label at the same facility is no worse in all three
(`admit`), and settled from a 4-ary heap of int64 keys in time order (`queue_push`,
`queue_pop`). Stores are allocated once per room and thread and left empty by every search,
so the next search reuses them (`thread_store`). Times are UTC seconds, prices rupiah.
"""

from __future__ import annotations

import threading
from typing import NamedTuple

import numba as nb
import numpy as np

#: A queued label's key is `time << LABEL_BITS | label`: one int64 compare orders by time, then by
#: label number (creation order), so the order of settling never depends on the heap's shape.
#: Times are UTC seconds (< 2**39 until the year 19,000); a search holds < 2**LABEL_BITS labels.
LABEL_BITS = 24
LABEL_MASK = (1 << LABEL_BITS) - 1

#: A facility's settled price before anything settles there (`Labels.settled`).
UNSETTLED = np.iinfo(np.int64).max


@nb.njit(cache=True, inline="always")
def queue_push(queue, size, key):
    """Add `key` to the 4-ary min-heap `queue[:size]`; returns the new size."""
    i = size
    while i > 0:
        parent = (i - 1) >> 2
        if queue[parent] <= key:
            break
        queue[i] = queue[parent]
        i = parent
    queue[i] = key
    return size + 1


@nb.njit(cache=True, inline="always")
def queue_pop(queue, size):
    """Remove the least key of the 4-ary min-heap `queue[:size]`; returns (key, new size)."""
    top = queue[0]
    size -= 1
    key = queue[size]
    i = 0
    while True:
        c = 4 * i + 1
        if c >= size:
            break
        least = c
        least_key = queue[c]
        for k in range(c + 1, min(c + 4, size)):
            if queue[k] < least_key:
                least_key = queue[k]
                least = k
        if key <= least_key:
            break
        queue[i] = least_key
        i = least
    queue[i] = key
    return top, size


class Labels(NamedTuple):
    """The label store of one search: per facility the queued labels and what the settled ones allow.

    Labels leave the queue in time order, so every settled label at a facility is no later than
    any label offered there afterwards: whether a settled label is no worse than an offer then
    depends on price and handovers only, which `settled[facility, h]` (the least price of the
    settled labels with at most h handovers) answers in one read. The per-facility lists hold
    the labels still queued, which are all the admission scan walks.
    """

    head: np.ndarray  # int32 per facility: first queued label, -1 when none
    nxt: np.ndarray  # int32 per label: next label at the same facility
    node: np.ndarray
    t: np.ndarray
    p: np.ndarray
    h: np.ndarray
    parent: np.ndarray
    kind: np.ndarray
    ref: np.ndarray
    dep: np.ndarray
    alive: np.ndarray  # queued and not beaten: False once settled or beaten
    queue: np.ndarray  # int64 keys `time << LABEL_BITS | label` (`queue_push`)
    settled: np.ndarray  # int64 [facility, handovers + 1]: least settled price with <= h handovers


def label_store(n_fac: int, cap: int, columns: int) -> Labels:
    """An empty store: room for `cap` labels, `columns` >= max_handovers + 1 of settled prices.

    Empty means no label at any facility (`head` all -1) and nothing settled (`settled` all
    `UNSETTLED`); a search leaves its store empty again (`kernels._settle`), so stores are reused.
    """
    return Labels(
        np.full(n_fac, -1, np.int32),
        np.empty(cap, np.int32),
        np.empty(cap, np.int32),
        np.empty(cap, np.int64),
        np.empty(cap, np.int64),
        np.empty(cap, np.int8),
        np.empty(cap, np.int32),
        np.empty(cap, np.int8),
        np.empty(cap, np.int64),
        np.empty(cap, np.int64),
        np.zeros(cap, np.bool_),
        np.empty(cap, np.int64),
        np.full((n_fac, columns), UNSETTLED, np.int64),
    )


#: Label stores of up to this room are kept, one per room and thread, and reused by the thread's
#: next search (`thread_store`): a fresh store of national size cost each quote about a thousand
#: page faults (pages the operating system zeroes on first touch). Larger ones, rare, are not.
KEEP_ROOM = 1 << 20
#: Settled-price columns a kept store has at least: max_handovers up to 4 (the quote's limit).
KEEP_COLUMNS = 5
_kept = threading.local()


def thread_store(n_fac: int, cap: int, columns: int) -> Labels:
    """This thread's empty store of room `cap` for a network of `n_fac` facilities."""
    kept: dict[int, Labels] = _kept.__dict__.setdefault("by_room", {})
    L = kept.get(cap)
    if L is None or L.head.shape[0] != n_fac or L.settled.shape[1] < columns:
        L = label_store(n_fac, cap, max(columns, KEEP_COLUMNS))
        if cap <= KEEP_ROOM:
            kept[cap] = L
    return L


@nb.njit(cache=True, inline="always")
def admit(L, node, t, p, h):
    """True when no label at `node`, settled or queued, is no worse; kills the queued ones the new one beats.

    Offers are made at or after the time of every settled label (see `Labels`), so a settled
    label is no worse when its price and handovers are. One pass over the queued labels
    suffices: they never dominate each other, so if one beats the new label, nothing the new
    one beats can still be queued. Settled and beaten labels are unlinked on the way.
    """
    if L.settled[node, h] <= p:
        return False
    prev = -1
    j = L.head[node]
    while j != -1:
        if L.alive[j] and L.t[j] <= t and L.p[j] <= p and L.h[j] <= h:
            return False
        if L.alive[j] and t <= L.t[j] and p <= L.p[j] and h <= L.h[j]:
            L.alive[j] = False
        if not L.alive[j]:
            if prev == -1:
                L.head[node] = L.nxt[j]
            else:
                L.nxt[prev] = L.nxt[j]
        else:
            prev = j
        j = L.nxt[j]
    return True


@nb.njit(cache=True, inline="always")
def offer(L, n, size, node, t, p, h, parent, kind, ref, dep):
    """Store label n at `node` and queue it when `admit` lets it in; returns (labels, heap size)."""
    if not admit(L, node, t, p, h):
        return n, size
    L.node[n] = node
    L.t[n] = t
    L.p[n] = p
    L.h[n] = h
    L.parent[n] = parent
    L.kind[n] = kind
    L.ref[n] = ref
    L.dep[n] = dep
    L.alive[n] = True
    L.nxt[n] = L.head[node]
    L.head[node] = n
    return n + 1, queue_push(L.queue, size, (t << LABEL_BITS) | n)
