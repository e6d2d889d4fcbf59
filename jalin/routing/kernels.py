"""numba kernels of the production planner: multi-criteria label setting over compiled arrays.

Labels are (time, price, handovers) at a facility, settled in time order from a binary heap.
A label is dropped when another label at the same facility is no worse in all three, or when
an option already found beats it even after adding the facility's lower bounds (remaining
time, price and handovers to the destination). Capacity is fixed per call; the caller retries
with more room when a kernel reports it ran out (status 1).
"""

from __future__ import annotations

import numba as nb
import numpy as np

DAY = 86400
OVERFLOW = 1


@nb.njit(cache=True, inline="always")
def next_departure(r, earliest, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0):
    """First departure D of run r with D - cutoff >= earliest and D <= end (UTC s), or -1."""
    local = earliest + run_cutoff[r] + run_offset[r]
    day = local // DAY
    if local - day * DAY > run_dep[r]:
        day += 1
    nd = override.shape[1]
    while True:
        dep = day * DAY + run_dep[r] - run_offset[r]
        if dep > end:
            return -1
        k = day - day0
        ov = 0
        if k >= 0 and k < nd:
            ov = override[run_svc[r], k]
        if ov == 1:
            return dep
        if ov == 0 and (run_mask[r] >> ((day + 3) % 7)) & 1:
            return dep
        day += 1


@nb.njit(cache=True, inline="always")
def _heap_push(heap_t, heap_l, size, t, label):
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


@nb.njit(cache=True, inline="always")
def _admit(node, t, p, h, head, nxt, l_t, l_p, l_h, alive):
    """True when no live label at `node` is no worse; kills the live labels the new one beats.

    One pass suffices: live labels never dominate each other, so if some label beats the new
    one, nothing the new one beats can still be alive. Dead labels are unlinked on the way.
    """
    prev = -1
    j = head[node]
    while j != -1:
        if alive[j] and l_t[j] <= t and l_p[j] <= p and l_h[j] <= h:
            return False
        if alive[j] and t <= l_t[j] and p <= l_p[j] and h <= l_h[j]:
            alive[j] = False
        if not alive[j]:
            if prev == -1:
                head[node] = nxt[j]
            else:
                nxt[prev] = nxt[j]
        else:
            prev = j
        j = nxt[j]
    return True


@nb.njit(cache=True, inline="always")
def _beaten(t, p, h, stair_t, stair_p, stair_n):
    """True when an option found so far is no worse in all three than (t, p, h).

    Options are kept per handover count as a staircase: times ascending with the running
    minimum price, so each count needs one binary search.
    """
    for k in range(h + 1):
        n = stair_n[k]
        if n == 0 or stair_t[k, 0] > t:
            continue
        lo, hi = 0, n
        while hi - lo > 1:
            mid = (lo + hi) >> 1
            if stair_t[k, mid] <= t:
                lo = mid
            else:
                hi = mid
        if stair_p[k, lo] <= p:
            return True
    return False


@nb.njit(cache=True)
def _stair_insert(stair_t, stair_raw, stair_p, stair_n, t, p, h):
    """Add an option to its handover count's staircase (sorted by time; `stair_p` is the running minimum)."""
    n = stair_n[h]
    i = n
    while i > 0 and stair_t[h, i - 1] > t:
        stair_t[h, i] = stair_t[h, i - 1]
        stair_raw[h, i] = stair_raw[h, i - 1]
        i -= 1
    stair_t[h, i] = t
    stair_raw[h, i] = p
    stair_n[h] = n + 1
    best = stair_raw[h, 0]
    for j in range(n + 1):
        best = min(best, stair_raw[h, j])
        stair_p[h, j] = best


@nb.njit(cache=True, inline="always")
def _link(n, node, t, p, h, head, nxt, l_node, l_t, l_p, l_h, alive, heap_t, heap_l, size):
    """Store label n (time t, price p, handovers h) at `node` and queue it; returns the heap size."""
    l_node[n] = node
    l_t[n] = t
    l_p[n] = p
    l_h[n] = h
    alive[n] = True
    nxt[n] = head[node]
    head[node] = n
    return _heap_push(heap_t, heap_l, size, t, n)


@nb.njit(cache=True)
def search(
    ready,
    end,
    max_handovers,
    handover_s,
    start_runs,
    del_first,
    del_count,
    del_runs,
    run_to,
    run_dep,
    run_cutoff,
    run_dur,
    run_offset,
    run_mask,
    run_svc,
    override,
    day0,
    usable,
    price,
    lh_ptr,
    lh_idx,
    ho_ptr,
    ho_to,
    ho_fee,
    lb_t,
    lb_p,
    lb_h,
    gateway,
    useful,
    cap,
    o_cap,
):
    """Pareto options (delivered_at, price, handovers) from the origin's pickups to the destination.

    `gateway[g]` is the one facility through which every route out of g's branch of the network
    leaves (see `Planner._gateways`), or -1. Entering g from its gateway is skipped unless
    something in g's branch delivers to the destination (`useful[g]`): the parcel could only
    come back to the gateway later and dearer, which the label it left there beats.
    Each label also keeps how it was reached (parent label, kind 0 pickup / 1 linehaul /
    2 handover, the run or handover edge, the departure) so the caller can list the legs.
    """
    n_fac = del_first.shape[0]
    head = np.full(n_fac, -1, np.int32)
    nxt = np.empty(cap, np.int32)
    l_node = np.empty(cap, np.int32)
    l_t = np.empty(cap, np.int64)
    l_p = np.empty(cap, np.int64)
    l_h = np.empty(cap, np.int8)
    l_parent = np.empty(cap, np.int32)
    l_kind = np.empty(cap, np.int8)
    l_ref = np.empty(cap, np.int64)
    l_dep = np.empty(cap, np.int64)
    alive = np.zeros(cap, np.bool_)
    heap_t = np.empty(cap, np.int64)
    heap_l = np.empty(cap, np.int32)

    o_t = np.empty(o_cap, np.int64)
    o_p = np.empty(o_cap, np.int64)
    o_h = np.empty(o_cap, np.int8)
    o_label = np.empty(o_cap, np.int32)
    o_run = np.empty(o_cap, np.int64)
    o_dep = np.empty(o_cap, np.int64)
    o_alive = np.zeros(o_cap, np.bool_)
    stair_t = np.empty((max_handovers + 1, o_cap), np.int64)
    stair_raw = np.empty((max_handovers + 1, o_cap), np.int64)
    stair_p = np.empty((max_handovers + 1, o_cap), np.int64)
    stair_n = np.zeros(max_handovers + 1, np.int64)
    n = 0
    n_opt = 0
    size = 0
    status = 0 if start_runs.shape[0] <= cap else OVERFLOW

    for s in range(start_runs.shape[0] if status == 0 else 0):
        r = start_runs[s]
        dep = next_departure(
            r, ready, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0
        )
        g = run_to[r]
        if dep < 0 or dep + run_dur[r] > end or lb_h[g] > max_handovers:
            continue
        if _admit(g, dep + run_dur[r], price[r], 0, head, nxt, l_t, l_p, l_h, alive):
            size = _link(
                n,
                g,
                dep + run_dur[r],
                price[r],
                0,
                head,
                nxt,
                l_node,
                l_t,
                l_p,
                l_h,
                alive,
                heap_t,
                heap_l,
                size,
            )
            l_parent[n], l_kind[n], l_ref[n], l_dep[n] = -1, 0, r, dep
            n += 1

    while size > 0 and status == 0:
        lab, size = _heap_pop(heap_t, heap_l, size)
        if not alive[lab]:
            continue
        node = l_node[lab]
        t = l_t[lab]
        p = l_p[lab]
        h = l_h[lab]
        if _beaten(t + lb_t[node], p + lb_p[node], h + lb_h[node], stair_t, stair_p, stair_n):
            continue
        room = lh_ptr[node + 1] - lh_ptr[node] + ho_ptr[node + 1] - ho_ptr[node]
        if n + room > cap or n_opt + del_count[node] > o_cap:
            status = OVERFLOW
            break
        for j in range(del_first[node], del_first[node] + del_count[node]):
            r = del_runs[j]
            dep = next_departure(
                r, t, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0
            )
            if dep < 0 or dep + run_dur[r] > end:
                continue
            arr = dep + run_dur[r]
            total = p + price[r]
            if _beaten(arr, total, h, stair_t, stair_p, stair_n):
                continue
            for i in range(n_opt):
                if o_alive[i] and arr <= o_t[i] and total <= o_p[i] and h <= o_h[i]:
                    o_alive[i] = False
            o_t[n_opt], o_p[n_opt], o_h[n_opt] = arr, total, h
            o_label[n_opt], o_run[n_opt], o_dep[n_opt], o_alive[n_opt] = lab, r, dep, True
            n_opt += 1
            _stair_insert(stair_t, stair_raw, stair_p, stair_n, arr, total, h)
        for j in range(lh_ptr[node], lh_ptr[node + 1]):
            r = lh_idx[j]
            g = run_to[r]
            if not usable[r] or (gateway[g] == node and not useful[g]) or h + lb_h[g] > max_handovers:
                continue
            dep = next_departure(
                r, t, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0
            )
            if dep < 0 or dep + run_dur[r] > end:
                continue
            arr = dep + run_dur[r]
            np_ = p + price[r]
            if _beaten(arr + lb_t[g], np_ + lb_p[g], h + lb_h[g], stair_t, stair_p, stair_n):
                continue
            if _admit(g, arr, np_, h, head, nxt, l_t, l_p, l_h, alive):
                size = _link(n, g, arr, np_, h, head, nxt, l_node, l_t, l_p, l_h, alive, heap_t, heap_l, size)
                l_parent[n], l_kind[n], l_ref[n], l_dep[n] = lab, 1, r, dep
                n += 1
        at = t + handover_s
        if h >= max_handovers or at > end:
            continue
        for j in range(ho_ptr[node], ho_ptr[node + 1]):
            g = ho_to[j]
            np_ = p + ho_fee[j]
            if h + 1 + lb_h[g] > max_handovers:
                continue
            if _beaten(at + lb_t[g], np_ + lb_p[g], h + 1 + lb_h[g], stair_t, stair_p, stair_n):
                continue
            if _admit(g, at, np_, h + 1, head, nxt, l_t, l_p, l_h, alive):
                size = _link(
                    n, g, at, np_, h + 1, head, nxt, l_node, l_t, l_p, l_h, alive, heap_t, heap_l, size
                )
                l_parent[n], l_kind[n], l_ref[n], l_dep[n] = lab, 2, j, t
                n += 1
    return (
        status,
        n,
        l_node,
        l_t,
        l_p,
        l_h,
        l_parent,
        l_kind,
        l_ref,
        l_dep,
        n_opt,
        o_t,
        o_p,
        o_h,
        o_label,
        o_run,
        o_dep,
        o_alive,
    )


@nb.njit(cache=True)
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


@nb.njit(cache=True)
def search_all(
    ready,
    end,
    max_handovers,
    handover_s,
    start_runs,
    run_to,
    run_dep,
    run_cutoff,
    run_dur,
    run_offset,
    run_mask,
    run_svc,
    override,
    day0,
    usable,
    price,
    lh_ptr,
    lh_idx,
    dl_ptr,
    dl_idx,
    ho_ptr,
    ho_to,
    ho_fee,
    n_runs,
    cap,
):
    """One origin to every delivery run: the earliest arrival and the lowest price each run can give.

    Same moves and dominance as `search`, without a destination (so without target pruning).
    Returns (status, labels, best_time per run, best_price per run); -1 where a run is unreachable.
    """
    n_fac = lh_ptr.shape[0] - 1
    head = np.full(n_fac, -1, np.int32)
    nxt = np.empty(cap, np.int32)
    l_node = np.empty(cap, np.int32)
    l_t = np.empty(cap, np.int64)
    l_p = np.empty(cap, np.int64)
    l_h = np.empty(cap, np.int8)
    alive = np.zeros(cap, np.bool_)
    heap_t = np.empty(cap, np.int64)
    heap_l = np.empty(cap, np.int32)
    best_t = np.full(n_runs, -1, np.int64)
    best_p = np.full(n_runs, -1, np.int64)
    n = 0
    size = 0
    status = 0 if start_runs.shape[0] <= cap else OVERFLOW
    for s in range(start_runs.shape[0] if status == 0 else 0):
        r = start_runs[s]
        dep = next_departure(
            r, ready, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0
        )
        g = run_to[r]
        if (
            dep >= 0
            and dep + run_dur[r] <= end
            and _admit(g, dep + run_dur[r], price[r], 0, head, nxt, l_t, l_p, l_h, alive)
        ):
            size = _link(
                n,
                g,
                dep + run_dur[r],
                price[r],
                0,
                head,
                nxt,
                l_node,
                l_t,
                l_p,
                l_h,
                alive,
                heap_t,
                heap_l,
                size,
            )
            n += 1
    while size > 0 and status == 0:
        lab, size = _heap_pop(heap_t, heap_l, size)
        if not alive[lab]:
            continue
        node = l_node[lab]
        t = l_t[lab]
        p = l_p[lab]
        h = l_h[lab]
        if n + lh_ptr[node + 1] - lh_ptr[node] + ho_ptr[node + 1] - ho_ptr[node] > cap:
            status = OVERFLOW
            break
        for j in range(dl_ptr[node], dl_ptr[node + 1]):
            r = dl_idx[j]
            if not usable[r]:
                continue
            dep = next_departure(
                r, t, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0
            )
            if dep < 0 or dep + run_dur[r] > end:
                continue
            if best_t[r] == -1 or dep + run_dur[r] < best_t[r]:
                best_t[r] = dep + run_dur[r]
            if best_p[r] == -1 or p + price[r] < best_p[r]:
                best_p[r] = p + price[r]
        for j in range(lh_ptr[node], lh_ptr[node + 1]):
            r = lh_idx[j]
            if not usable[r]:
                continue
            dep = next_departure(
                r, t, end, run_dep, run_cutoff, run_offset, run_mask, run_svc, override, day0
            )
            if dep < 0 or dep + run_dur[r] > end:
                continue
            g = run_to[r]
            if _admit(g, dep + run_dur[r], p + price[r], h, head, nxt, l_t, l_p, l_h, alive):
                size = _link(
                    n,
                    g,
                    dep + run_dur[r],
                    p + price[r],
                    h,
                    head,
                    nxt,
                    l_node,
                    l_t,
                    l_p,
                    l_h,
                    alive,
                    heap_t,
                    heap_l,
                    size,
                )
                n += 1
        if h < max_handovers and t + handover_s <= end:
            for j in range(ho_ptr[node], ho_ptr[node + 1]):
                g = ho_to[j]
                if _admit(g, t + handover_s, p + ho_fee[j], h + 1, head, nxt, l_t, l_p, l_h, alive):
                    size = _link(
                        n,
                        g,
                        t + handover_s,
                        p + ho_fee[j],
                        h + 1,
                        head,
                        nxt,
                        l_node,
                        l_t,
                        l_p,
                        l_h,
                        alive,
                        heap_t,
                        heap_l,
                        size,
                    )
                    n += 1
    return status, n, best_t, best_p
