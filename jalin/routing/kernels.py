"""numba kernels of the production planner: multi-criteria label setting over compiled arrays.

Labels are (time, price, handovers) at a facility, settled in time order (ties in the order the
labels were made) from a 4-ary heap of one int64 key per label. A label is dropped when another
label at the same facility is no worse in all three, or when an option already found beats it
even after adding the facility's lower bounds (remaining time, price and handovers to the
destination).

The arrays travel in three named bundles: `NetworkArrays` (the compiled network with one
handover policy, fixed per planner; the linehauls also as records, one cache line each, in the
order the search reads them), `QueryArrays` (one request: window, what its weight,
size and COD make of each service, pickups, calendar) and `TargetArrays` (one destination:
its delivery runs, lower bounds and branch pruning). Seeding from the pickups and expanding a
settled label are written once and shared by the point-to-point `search` and the one-to-all
`search_all`.

The lower bounds the search prunes with are computed by `lower_bounds.backward_bound`; the
labels, their admission and the queue live in `labels` (a store per thread, reused).

Capacity is fixed per call; a kernel that runs out of room stops with status `OVERFLOW` and
the caller retries with more room, up to `MAX_LABELS` (see `Planner`). Kernels release the
GIL, so threads of one process can plan at the same time. Times are UTC seconds, prices rupiah.
"""

from __future__ import annotations

from typing import NamedTuple

import numba as nb
import numpy as np

from jalin.routing.labels import LABEL_MASK, UNSETTLED, offer, queue_pop, thread_store

DAY = 86400

#: Kernel status: finished, or ran out of label (or option) room and must be called again with more.
DONE, OVERFLOW = 0, 1

#: How a label was reached (`Found.l_kind`): not the run kinds of `compiled.py`.
REACHED_BY_PICKUP, REACHED_BY_LINEHAUL, REACHED_BY_HANDOVER = 0, 1, 2

#: Columns of `NetworkArrays.lh_rec32` (int32) and `lh_rec64` (int64), one row per linehaul in
#: `lh_ptr` order (see `compiled.linehaul_records`).
LH_TO, LH_SVC, LH_DEP, LH_CUTOFF_LOCAL, LH_OFFSET, LH_MASK = 0, 1, 2, 3, 4, 5
LH_BASE, LH_PERKG, LH_DUR, LH_RUN = 0, 1, 2, 3
#: Columns of `TargetArrays.lb`: lower bounds on the remaining time (s), price (rupiah), handovers.
LB_T, LB_P, LB_H = 0, 1, 2


class NetworkArrays(NamedTuple):
    """The compiled network with one handover policy (see `CompiledNetwork`, `HandoverEdges`)."""

    run_to: np.ndarray  # int32 per run: destination facility, -1 for deliveries
    run_dep: np.ndarray  # int64: departure, seconds after local midnight
    run_cutoff: np.ndarray  # int64 seconds
    run_dur: np.ndarray  # int64 seconds
    run_offset: np.ndarray  # int64: the origin's UTC offset in seconds
    run_mask: np.ndarray  # int8: weekdays bit 0 = Monday
    run_svc: np.ndarray  # int32: service index
    run_base: np.ndarray  # int64 rupiah: the run's price before weight
    run_perkg: np.ndarray  # int64 rupiah per chargeable kg
    lh_ptr: np.ndarray  # int64 [n_facilities + 1]: linehauls by origin facility (CSR)
    lh_rec32: np.ndarray  # int32 [linehaul, 8]: to, service, departure, cutoff + offset, offset, mask
    lh_rec64: np.ndarray  # int64 [linehaul, 4]: base price, per kg, duration, run
    dl_ptr: np.ndarray  # int64 [n_facilities + 1]: deliveries by origin facility (CSR)
    dl_idx: np.ndarray  # int32
    ho_ptr: np.ndarray  # int64 [n_facilities + 1]: handover edges by leaving facility (CSR)
    ho_to: np.ndarray  # int32
    ho_fee: np.ndarray  # int64 rupiah


class QueryArrays(NamedTuple):
    """One request: its window, limits and what weight, size and COD make of each service.

    A run's price and whether it may carry the parcel follow from its service, so they are
    worked out in the kernel for the runs a search touches (`_run_price`, `_usable`), not for all.
    """

    ready: int  # UTC s
    end: int  # UTC s, ready + horizon
    max_handovers: int
    handover_s: int
    starts: np.ndarray  # int64: usable pickup runs covering the origin
    svc_kg: np.ndarray  # int64 per service: chargeable kg
    svc_ok: np.ndarray  # bool per service: takes the parcel's weight
    svc_delivers: np.ndarray  # bool per service: takes it and, for a COD parcel, collects
    override: np.ndarray  # int8 [service, day]: calendar exceptions, 0 none, 1 runs, 2 does not
    day0: int  # local day number of override's column 0


class TargetArrays(NamedTuple):
    """One destination: its usable delivery runs grouped by facility, lower bounds, branch pruning."""

    del_first: np.ndarray  # int64 per facility: first index into del_runs
    del_count: np.ndarray  # int64 per facility
    del_runs: np.ndarray  # int64: delivery runs covering the destination, sorted by facility
    lb: np.ndarray  # int64 [facility, 3]: lower bounds on the remaining time (s), price, handovers
    gateway: np.ndarray  # int64 per facility: the one way out of its branch, or -1
    useful: np.ndarray  # bool per facility: its branch delivers to the destination


class Found(NamedTuple):
    """What a search hands back. Labels keep how they were reached so the caller can list legs."""

    status: int  # DONE or OVERFLOW
    n_labels: int
    l_node: np.ndarray  # facility of each label
    l_t: np.ndarray  # time at the facility (UTC s)
    l_parent: np.ndarray  # previous label, -1 after a pickup
    l_kind: np.ndarray  # REACHED_BY_*
    l_ref: np.ndarray  # the run, or the handover edge
    l_dep: np.ndarray  # departure of the run (UTC s); for a handover, when it starts
    n_opt: int
    o_t: np.ndarray  # delivered at (UTC s)
    o_p: np.ndarray  # price (rupiah)
    o_h: np.ndarray  # handovers
    o_label: np.ndarray  # label the delivery run leaves from
    o_run: np.ndarray
    o_dep: np.ndarray
    o_alive: np.ndarray  # False when a later option dominated it
    best_t: np.ndarray  # search_all: earliest arrival per delivery run, -1 when unreachable
    best_p: np.ndarray  # search_all: lowest price per delivery run, -1 when unreachable


@nb.njit(cache=True, inline="always")
def _run_price(net, q, r):
    """Price of run r for this request (rupiah): base plus per-kg times the service's chargeable kg."""
    return net.run_base[r] + net.run_perkg[r] * q.svc_kg[net.run_svc[r]]


@nb.njit(cache=True, inline="always")
def _usable(net, q, r):
    """Whether linehaul or pickup r may carry the parcel (its service takes the weight)."""
    return q.svc_ok[net.run_svc[r]]


@nb.njit(cache=True, inline="always")
def _departure(q, dep_local, cutoff_local, offset, mask, svc, earliest):
    """First departure D of a run with D - cutoff >= earliest and D <= q.end (UTC s), or -1.

    The run leaves `dep_local` seconds after local midnight on the weekdays of `mask` (bit 0 =
    Monday) unless the calendar says otherwise; `cutoff_local` is its cutoff plus the origin's
    UTC offset (`offset`, seconds).
    """
    local = earliest + cutoff_local
    day = local // DAY
    if local - day * DAY > dep_local:
        day += 1
    nd = q.override.shape[1]
    while True:
        dep = day * DAY + dep_local - offset
        if dep > q.end:
            return -1
        k = day - q.day0
        ov = 0
        if k >= 0 and k < nd:
            ov = q.override[svc, k]
        if ov == 1:
            return dep
        if ov == 0 and (mask >> ((day + 3) % 7)) & 1:
            return dep
        day += 1


@nb.njit(cache=True, inline="always")
def next_departure(net, q, r, earliest):
    """First departure D of run r with D - cutoff >= earliest and D <= q.end (UTC s), or -1."""
    return _departure(
        q,
        net.run_dep[r],
        net.run_cutoff[r] + net.run_offset[r],
        net.run_offset[r],
        net.run_mask[r],
        net.run_svc[r],
        earliest,
    )


class _Options(NamedTuple):
    """The options found so far, and per handover count the staircase `_beaten` searches."""

    t: np.ndarray  # delivered at (UTC s)
    p: np.ndarray  # price (rupiah)
    h: np.ndarray  # handovers
    label: np.ndarray  # label the delivery run leaves from
    run: np.ndarray
    dep: np.ndarray
    alive: np.ndarray  # False when a later option dominated it
    stair_t: np.ndarray  # [handovers, option]: times ascending
    stair_raw: np.ndarray  # the option's price
    stair_p: np.ndarray  # the running minimum of stair_raw
    stair_n: np.ndarray  # options per handover count


@nb.njit(cache=True)
def _new_options(o_cap, max_handovers):
    return _Options(
        np.empty(o_cap, np.int64),
        np.empty(o_cap, np.int64),
        np.empty(o_cap, np.int8),
        np.empty(o_cap, np.int32),
        np.empty(o_cap, np.int64),
        np.empty(o_cap, np.int64),
        np.zeros(o_cap, np.bool_),
        np.empty((max_handovers + 1, o_cap), np.int64),
        np.empty((max_handovers + 1, o_cap), np.int64),
        np.empty((max_handovers + 1, o_cap), np.int64),
        np.zeros(max_handovers + 1, np.int64),
    )


@nb.njit(cache=True, inline="always")
def _beaten(t, p, h, opts):
    """True when an option found so far is no worse in all three than (t, p, h).

    Options are kept per handover count as a staircase: times ascending with the running
    minimum price, so each count needs one binary search.
    """
    for k in range(h + 1):
        n = opts.stair_n[k]
        if n == 0 or opts.stair_t[k, 0] > t:
            continue
        lo, hi = 0, n
        while hi - lo > 1:
            mid = (lo + hi) >> 1
            if opts.stair_t[k, mid] <= t:
                lo = mid
            else:
                hi = mid
        if opts.stair_p[k, lo] <= p:
            return True
    return False


@nb.njit(cache=True, inline="always")
def _stair_insert(opts, t, p, h):
    """Add an option to its handover count's staircase (sorted by time; `stair_p` is the running minimum)."""
    n = opts.stair_n[h]
    i = n
    while i > 0 and opts.stair_t[h, i - 1] > t:
        opts.stair_t[h, i] = opts.stair_t[h, i - 1]
        opts.stair_raw[h, i] = opts.stair_raw[h, i - 1]
        i -= 1
    opts.stair_t[h, i] = t
    opts.stair_raw[h, i] = p
    opts.stair_n[h] = n + 1
    best = opts.stair_raw[h, 0]
    for j in range(n + 1):
        best = min(best, opts.stair_raw[h, j])
        opts.stair_p[h, j] = best


@nb.njit(cache=True, inline="always")
def _seed(L, net, q, tg):
    """One label per usable pickup covering the origin, at its earliest departure; returns (n, size)."""
    n = 0
    size = 0
    for s in range(q.starts.shape[0]):
        r = q.starts[s]
        dep = next_departure(net, q, r, q.ready)
        g = net.run_to[r]
        if dep < 0 or dep + net.run_dur[r] > q.end or tg.lb[g, LB_H] > q.max_handovers:
            continue
        n, size = offer(
            L, n, size, g, dep + net.run_dur[r], _run_price(net, q, r), 0, -1, REACHED_BY_PICKUP, r, dep
        )
    return n, size


@nb.njit(cache=True, inline="always")
def _deliver(opts, n_opt, lab, node, t, p, h, net, q, tg):
    """Add the options delivering from settled label `lab` at `node` that no option found so far beats.

    An added option marks the earlier ones it beats dead; returns the new count of options.
    """
    for j in range(tg.del_first[node], tg.del_first[node] + tg.del_count[node]):
        r = tg.del_runs[j]
        dep = next_departure(net, q, r, t)
        if dep < 0 or dep + net.run_dur[r] > q.end:
            continue
        arr = dep + net.run_dur[r]
        total = p + _run_price(net, q, r)
        if _beaten(arr, total, h, opts):
            continue
        for i in range(n_opt):
            if opts.alive[i] and arr <= opts.t[i] and total <= opts.p[i] and h <= opts.h[i]:
                opts.alive[i] = False
        opts.t[n_opt], opts.p[n_opt], opts.h[n_opt] = arr, total, h
        opts.label[n_opt], opts.run[n_opt], opts.dep[n_opt], opts.alive[n_opt] = lab, r, dep, True
        n_opt += 1
        _stair_insert(opts, arr, total, h)
    return n_opt


@nb.njit(cache=True, inline="always")
def _keep_best(best_t, best_p, node, t, p, net, q):
    """One-to-all: lower the earliest arrival and the lowest price of every delivery run out of `node`."""
    for j in range(net.dl_ptr[node], net.dl_ptr[node + 1]):
        r = net.dl_idx[j]
        if not q.svc_delivers[net.run_svc[r]]:
            continue
        dep = next_departure(net, q, r, t)
        if dep < 0 or dep + net.run_dur[r] > q.end:
            continue
        if best_t[r] == -1 or dep + net.run_dur[r] < best_t[r]:
            best_t[r] = dep + net.run_dur[r]
        if best_p[r] == -1 or p + _run_price(net, q, r) < best_p[r]:
            best_p[r] = p + _run_price(net, q, r)


@nb.njit(cache=True, inline="always")
def _expand(L, n, size, lab, net, q, tg, opts):
    """Offer every linehaul and handover out of settled label `lab`; returns (n, size).

    A move is skipped when the lower bounds of where it leads show it cannot beat an option
    found so far, or when it enters a branch from its gateway that cannot deliver (`tg.useful`).
    """
    node = L.node[lab]
    t = L.t[lab]
    p = L.p[lab]
    h = L.h[lab]
    for j in range(net.lh_ptr[node], net.lh_ptr[node + 1]):
        g = net.lh_rec32[j, LH_TO]
        svc = net.lh_rec32[j, LH_SVC]
        if (
            not q.svc_ok[svc]
            or (tg.gateway[g] == node and not tg.useful[g])
            or h + tg.lb[g, LB_H] > q.max_handovers
        ):
            continue
        np_ = p + net.lh_rec64[j, LH_BASE] + net.lh_rec64[j, LH_PERKG] * q.svc_kg[svc]
        if L.settled[g, h] <= np_:  # a settled label there is no later and no worse: `admit`
            continue
        dep = _departure(
            q,
            net.lh_rec32[j, LH_DEP],
            net.lh_rec32[j, LH_CUTOFF_LOCAL],
            net.lh_rec32[j, LH_OFFSET],
            net.lh_rec32[j, LH_MASK],
            svc,
            t,
        )
        if dep < 0:
            continue
        arr = dep + net.lh_rec64[j, LH_DUR]
        if arr > q.end:
            continue
        if _beaten(arr + tg.lb[g, LB_T], np_ + tg.lb[g, LB_P], h + tg.lb[g, LB_H], opts):
            continue
        n, size = offer(L, n, size, g, arr, np_, h, lab, REACHED_BY_LINEHAUL, net.lh_rec64[j, LH_RUN], dep)
    at = t + q.handover_s
    if h >= q.max_handovers or at > q.end:
        return n, size
    for j in range(net.ho_ptr[node], net.ho_ptr[node + 1]):
        g = net.ho_to[j]
        np_ = p + net.ho_fee[j]
        if h + 1 + tg.lb[g, LB_H] > q.max_handovers or L.settled[g, h + 1] <= np_:
            continue
        if _beaten(at + tg.lb[g, LB_T], np_ + tg.lb[g, LB_P], h + 1 + tg.lb[g, LB_H], opts):
            continue
        n, size = offer(L, n, size, g, at, np_, h + 1, lab, REACHED_BY_HANDOVER, j, t)
    return n, size


@nb.njit(cache=True, nogil=True)
def _label_setting(L, net, q, tg, o_cap, to_all):
    """The search both entry points share; `to_all` keeps the best per delivery run instead of options.

    Allocates the option store, lets `_settle` fill it and the empty label store `L`, and hands
    back what it found (the label columns of `Found` are `L`'s own arrays).
    """
    opts = _new_options(o_cap, q.max_handovers)
    n_best = net.run_to.shape[0] if to_all else 0
    best_t = np.full(n_best, -1, np.int64)
    best_p = np.full(n_best, -1, np.int64)
    status, n, n_opt = _settle(L, opts, best_t, best_p, net, q, tg, to_all)
    return Found(
        status,
        n,
        L.node,
        L.t,
        L.parent,
        L.kind,
        L.ref,
        L.dep,
        n_opt,
        opts.t,
        opts.p,
        opts.h,
        opts.label,
        opts.run,
        opts.dep,
        opts.alive,
        best_t,
        best_p,
    )


# `_settle` is compiled without numba's reference counting (`_nrt=False`, a private option of
# numba's, there since its early releases; the loop allocates nothing and keeps no array beyond
# the call, so it needs none). With counting, every call of an inlined helper that takes a
# bundle (`_expand(L, ..., net, q, tg)`, `next_departure(net, q, ...)`) increments and then
# decrements the count of each array in the bundle, atomic calls that LLVM cannot remove across
# the helper's loops: 42 pairs per settled label, which made the search of fb112c9 about 30 %
# slower than the flat arguments before it. tests/test_kernels.py fails when the compiled loop
# counts references again.
@nb.njit(cache=True, nogil=True, _nrt=False)  # type: ignore[call-overload]  # a private option
def _settle(L, opts, best_t, best_p, net, q, tg, to_all):
    """The label-setting loop over the stores `_label_setting` holds; returns (status, labels, options).

    The label store comes in empty and goes out empty again (its label columns still readable).
    """
    n = 0
    n_opt = 0
    size = 0
    status = DONE
    if q.starts.shape[0] > L.nxt.shape[0]:
        status = OVERFLOW
    else:
        n, size = _seed(L, net, q, tg)

    while size > 0 and status == DONE:
        key, size = queue_pop(L.queue, size)
        lab = key & LABEL_MASK
        if not L.alive[lab]:
            continue
        L.alive[lab] = False
        node = L.node[lab]
        t = L.t[lab]
        p = L.p[lab]
        h = L.h[lab]
        for k in range(h, q.max_handovers + 1):
            if p < L.settled[node, k]:
                L.settled[node, k] = p
        if _beaten(t + tg.lb[node, LB_T], p + tg.lb[node, LB_P], h + tg.lb[node, LB_H], opts):
            continue
        room = net.lh_ptr[node + 1] - net.lh_ptr[node] + net.ho_ptr[node + 1] - net.ho_ptr[node]
        if n + room > L.nxt.shape[0] or n_opt + tg.del_count[node] > opts.t.shape[0]:
            status = OVERFLOW
            break
        if to_all:
            _keep_best(best_t, best_p, node, t, p, net, q)
        n_opt = _deliver(opts, n_opt, lab, node, t, p, h, net, q, tg)
        n, size = _expand(L, n, size, lab, net, q, tg, opts)
    for i in range(n):  # leave the store empty for the next search: only where labels went
        f = L.node[i]
        L.head[f] = -1
        for k in range(L.settled.shape[1]):
            L.settled[f, k] = UNSETTLED
    return status, n, n_opt


def search(net: NetworkArrays, q: QueryArrays, target: TargetArrays, cap: int, o_cap: int) -> Found:
    """Pareto options (delivered_at, price, handovers) from the origin's pickups to the destination.

    `target.gateway[g]` is the one facility through which every route out of g's branch of the
    network leaves (see `Planner._gateways`), or -1. Entering g from its gateway is skipped
    unless something in g's branch delivers to the destination (`target.useful[g]`): the parcel
    could only come back to the gateway later and dearer, which the label it left there beats.

    The label columns of the answer are the calling thread's store (`thread_store`): read them before
    the thread searches again.
    """
    L = thread_store(net.lh_ptr.shape[0] - 1, cap, q.max_handovers + 1)
    return _label_setting(L, net, q, target, o_cap, False)


def no_target(n_facilities: int) -> TargetArrays:
    """The target of a one-to-all search: no delivery of its own, zero bounds, no branch pruning."""
    zeros = np.zeros(n_facilities, np.int64)
    return TargetArrays(
        zeros,
        zeros,
        np.zeros(0, np.int64),
        np.zeros((n_facilities, 3), np.int64),
        np.full(n_facilities, -1, np.int64),
        np.zeros(n_facilities, np.bool_),
    )


def search_all(net: NetworkArrays, q: QueryArrays, target: TargetArrays, cap: int) -> Found:
    """One origin to every delivery run: the earliest arrival and the lowest price each run can give.

    Same moves and dominance as `search`, without a destination (`target` is `no_target`, so no
    pruning); `Found.best_t` / `best_p` hold the answer, -1 where a run is unreachable.
    """
    L = thread_store(net.lh_ptr.shape[0] - 1, cap, q.max_handovers + 1)
    return _label_setting(L, net, q, target, 1, True)
