"""The numba kernel of the planner's lower bounds: least cost from every facility to delivery.

A plain Dijkstra over reversed edges (linehauls and handover edges), with its own binary heap of
(cost, facility). `Planner._bounds` runs it three times per destination province (time, price,
handovers); the search in `kernels` then prunes with what it gives. Costs are non-negative
integers (seconds, rupiah or a count).
"""

from __future__ import annotations

import numba as nb
import numpy as np


@nb.njit(cache=True, inline="always")
def _heap_push(heap_t, heap_l, size, t, label):
    """Add (cost `t`, facility `label`) to the binary min-heap in two arrays; returns the new size."""
    i = size
    heap_t[i] = t
    heap_l[i] = label
    while i > 0:
        parent = (i - 1) >> 1
        if heap_t[parent] <= heap_t[i]:
            break
        heap_t[i], heap_t[parent] = heap_t[parent], heap_t[i]
        heap_l[i], heap_l[parent] = heap_l[parent], heap_l[i]
        i = parent
    return size + 1


@nb.njit(cache=True, inline="always")
def _heap_pop(heap_t, heap_l, size):
    """Remove the least cost; returns (its facility, the new size)."""
    label = heap_l[0]
    size -= 1
    heap_t[0] = heap_t[size]
    heap_l[0] = heap_l[size]
    i = 0
    while True:
        left = 2 * i + 1
        if left >= size:
            break
        child = left
        if left + 1 < size and heap_t[left + 1] < heap_t[left]:
            child = left + 1
        if heap_t[i] <= heap_t[child]:
            break
        heap_t[i], heap_t[child] = heap_t[child], heap_t[i]
        heap_l[i], heap_l[child] = heap_l[child], heap_l[i]
        i = child
    return label, size


@nb.njit(cache=True, nogil=True)
def backward_bound(n_fac, source_fac, source_cost, rl_ptr, rl_from, rl_cost, rh_ptr, rh_from, rh_cost, far):
    """Least cost from every facility to any source (facilities that can deliver), edges reversed.

    `rl_*` are linehauls grouped by destination facility, `rh_*` handover edges grouped by the
    receiving facility; costs are non-negative. Unreachable facilities get `far`.
    """
    dist = np.full(n_fac, far, np.int64)
    heap_t = np.empty(n_fac + rl_from.shape[0] + rh_from.shape[0] + source_fac.shape[0], np.int64)
    heap_l = np.empty(heap_t.shape[0], np.int32)
    size = 0
    for i in range(source_fac.shape[0]):
        f = source_fac[i]
        if source_cost[i] < dist[f]:
            dist[f] = source_cost[i]
            size = _heap_push(heap_t, heap_l, size, source_cost[i], f)
    while size > 0:
        d = heap_t[0]
        f, size = _heap_pop(heap_t, heap_l, size)
        if d > dist[f]:
            continue
        for j in range(rl_ptr[f], rl_ptr[f + 1]):
            g = rl_from[j]
            nd = d + rl_cost[j]
            if nd < dist[g]:
                dist[g] = nd
                size = _heap_push(heap_t, heap_l, size, nd, g)
        for j in range(rh_ptr[f], rh_ptr[f + 1]):
            g = rh_from[j]
            nd = d + rh_cost[j]
            if nd < dist[g]:
                dist[g] = nd
                size = _heap_push(heap_t, heap_l, size, nd, g)
    return dist
