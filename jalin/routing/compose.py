"""A compiled network changed by whole carriers: some leave, others (compiled on their own) join.

What-if questions ("what if Z joins", "what if Y leaves") need the network after the change.
Compiling it from parsed feeds means parsing every active feed first (seconds to a minute at
national scale); composing it from the live snapshot's compiled arrays and the joining feeds
compiled alone takes a fraction of a second and parses nothing but the newcomers.

A composed network plans exactly as one compiled from the same feeds: the arrays hold the same
facilities, services, runs and calendar exceptions, only the order of the carriers' blocks may
differ (the planner's answers do not depend on it; a test holds the two equal).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from jalin.routing.compiled import (
    KIND_DELIVERY,
    KIND_LINEHAUL,
    KIND_PICKUP,
    AreaIndex,
    CompiledNetwork,
    linehaul_records,
)

_RUN_ARRAYS = (
    "run_kind",
    "run_dep",
    "run_cutoff",
    "run_dur",
    "run_offset",
    "run_mask",
    "run_base",
    "run_perkg",
)


def _csr(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(order, ptr): positions sorted stably by `keys` (0..n-1), and the CSR offsets."""
    order = np.argsort(keys, kind="stable")
    ptr = np.zeros(n + 1, np.int64)
    np.add.at(ptr, keys + 1, 1)
    return order, np.cumsum(ptr)


def compose(
    base: CompiledNetwork, *, drop: frozenset[str] = frozenset(), add: Sequence[CompiledNetwork] = ()
) -> CompiledNetwork:
    """`base` without the carriers in `drop`, with the carriers of `add`.

    A carrier may be in one place only: a carrier of `add` must be new or dropped from `base`.
    """
    seen = set(base.carriers) - drop
    for p in add:
        twice = seen & set(p.carriers)
        if twice:
            raise ValueError(f"carriers {sorted(twice)} would be in the network twice")
        seen |= set(p.carriers)
    parts = [(base, drop), *((p, frozenset[str]()) for p in add)]
    net = CompiledNetwork.__new__(CompiledNetwork)
    fac_carrier: list[str] = []
    fac_id: list[str] = []
    fac_area: list[str] = []
    fac_handover, svc_cod, cal = [], [], []
    svc_carrier: list[str] = []
    svc_id: list[str] = []
    net.svc_max_kg, net.svc_divisor, net.service_names, net.carrier_names = [], [], {}, {}
    run_id: list[str] = []
    run_area: list[str | None] = []
    runs: dict[str, list[np.ndarray]] = {name: [] for name in (*_RUN_ARRAYS, "run_svc", "run_from", "run_to")}
    for p, gone in parts:
        keep_fac = np.array(
            [c not in gone for c in p.fac_carrier] if gone else [True] * p.n_facilities, np.bool_
        )
        keep_svc = np.array(
            [c not in gone for c in p.svc_carrier] if gone else [True] * len(p.svc_id), np.bool_
        )
        keep_run = keep_svc[p.run_svc] if len(p.run_svc) else np.zeros(0, np.bool_)
        # New index of each kept facility and service (-1 when dropped).
        fac_new = np.full(len(keep_fac), -1, np.int64)
        fac_new[keep_fac] = len(fac_id) + np.arange(int(keep_fac.sum()))
        svc_new = np.full(len(keep_svc), -1, np.int64)
        svc_new[keep_svc] = len(svc_id) + np.arange(int(keep_svc.sum()))
        kept_f = np.nonzero(keep_fac)[0].tolist()
        fac_carrier += [p.fac_carrier[i] for i in kept_f]
        fac_id += [p.fac_id[i] for i in kept_f]
        fac_area += [p.fac_area[i] for i in kept_f]
        fac_handover.append(np.asarray(p.fac_handover)[keep_fac])
        for s in np.nonzero(keep_svc)[0].tolist():
            c, sid = p.svc_carrier[s], p.svc_id[s]
            svc_carrier.append(c)
            svc_id.append(sid)
            net.svc_max_kg.append(p.svc_max_kg[s])
            net.svc_divisor.append(p.svc_divisor[s])
            net.service_names[(c, sid)] = p.service_names[(c, sid)]
        svc_cod.append(np.asarray(p.svc_cod)[keep_svc])
        net.carrier_names.update({c: n for c, n in p.carrier_names.items() if c not in gone})
        kept_r = np.nonzero(keep_run)[0]
        run_id += [p.run_id[i] for i in kept_r.tolist()]
        run_area += [p.run_area[i] or None for i in kept_r.tolist()]
        for name in _RUN_ARRAYS:
            runs[name].append(np.asarray(getattr(p, name))[kept_r])
        runs["run_svc"].append(svc_new[np.asarray(p.run_svc)[kept_r]])
        for name in ("run_from", "run_to"):
            old = np.asarray(getattr(p, name))[kept_r].astype(np.int64)
            runs[name].append(np.where(old >= 0, fac_new[np.maximum(old, 0)], -1))
        keep_cal = keep_svc[p.cal_svc] if len(p.cal_svc) else np.zeros(0, np.bool_)
        cal.append(
            (
                svc_new[np.asarray(p.cal_svc)[keep_cal]],
                np.asarray(p.cal_day)[keep_cal],
                np.asarray(p.cal_type)[keep_cal],
            )
        )

    net.carriers = sorted(net.carrier_names)
    net.fac_carrier, net.fac_id, net.fac_area = fac_carrier, fac_id, fac_area
    net.fac_handover = np.concatenate(fac_handover) if fac_handover else np.zeros(0, np.bool_)
    net.svc_carrier, net.svc_id = svc_carrier, svc_id
    net.svc_cod = np.concatenate(svc_cod) if svc_cod else np.zeros(0, np.bool_)
    net.n_facilities = len(fac_id)
    net.run_id, net.run_area = run_id, run_area
    net.n_runs = len(run_id)
    for name, pieces in runs.items():
        dtype = {"run_svc": np.int32, "run_from": np.int32, "run_to": np.int32}.get(name)
        arr = np.concatenate(pieces) if pieces else np.zeros(0, np.int64)
        setattr(net, name, arr.astype(dtype) if dtype is not None else arr)

    by_area: dict[int, dict[str, list[int]]] = {KIND_PICKUP: {}, KIND_DELIVERY: {}}
    for i, (kind, area) in enumerate(zip(net.run_kind.tolist(), run_area, strict=True)):
        if kind in by_area and area is not None:
            by_area[kind].setdefault(area, []).append(i)
    net.pickups_by_area = AreaIndex.build(by_area[KIND_PICKUP])
    net.deliveries_by_area = AreaIndex.build(by_area[KIND_DELIVERY])

    n = net.n_facilities
    lh = np.nonzero(net.run_kind == KIND_LINEHAUL)[0]
    order, net.lh_ptr = _csr(net.run_from[lh].astype(np.int64), n)
    net.lh_idx = lh[order].astype(np.int32)
    net.lh_rec32, net.lh_rec64 = linehaul_records(net)
    order, net.rl_ptr = _csr(net.run_to[lh].astype(np.int64), n)
    net.rl_idx = lh[order].astype(np.int32)
    net.rl_from = net.run_from[net.rl_idx].astype(np.int32)
    dl = np.nonzero(net.run_kind == KIND_DELIVERY)[0]
    order, net.dl_ptr = _csr(net.run_from[dl].astype(np.int64), n)
    net.dl_idx = dl[order].astype(np.int32)

    cal_svc = np.concatenate([c[0] for c in cal]) if cal else np.zeros(0, np.int64)
    cal_day = np.concatenate([c[1] for c in cal]) if cal else np.zeros(0, np.int64)
    cal_type = np.concatenate([c[2] for c in cal]) if cal else np.zeros(0, np.int8)
    by_day = np.argsort(cal_day, kind="stable")
    net.cal_svc = cal_svc[by_day].astype(np.int32)
    net.cal_day = cal_day[by_day].astype(np.int64)
    net.cal_type = cal_type[by_day].astype(np.int8)
    net._handover_cache = {}
    return net
