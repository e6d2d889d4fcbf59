"""The production planner: per-query arrays in numpy, the search in a numba kernel."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

import numpy as np

from jalin.errors import JalinError
from jalin.routing import kernels, labels, lower_bounds
from jalin.routing.compiled import CompiledNetwork, HandoverEdges
from jalin.routing.errors import RoutingErrorCode
from jalin.routing.model import (
    HandoverLeg,
    HandoverPolicy,
    NoRoute,
    Option,
    QuoteRequest,
    RunLeg,
    chargeable_kg,
)

_DAY = 86400
_MAX_ZONE_S = 9 * 3600
_FAR = np.int64(1) << 50


#: Label room of one search at most: about 60 bytes a label, so 1 GB. A quote that needs more
#: stops with `SEARCH_TOO_LARGE` instead of growing without end. (The kernels' queue keys hold a
#: label number in `LABEL_BITS` bits, so this is also their limit.)
MAX_LABELS = 1 << labels.LABEL_BITS
#: First label room of a point-to-point search: enough for nearly every national quote.
_FIRST_CAP = 1 << 18


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(int(seconds), UTC)


def _grow(run: Callable[[int, int], kernels.Found], cap: int, o_cap: int) -> kernels.Found:
    """Call a kernel with label room `cap` (options `o_cap`), four times more after each overflow.

    Raises `JalinError(SEARCH_TOO_LARGE)` once `MAX_LABELS` would be exceeded.
    """
    while True:
        found = run(cap, o_cap)
        if found.status != kernels.OVERFLOW:
            return found
        if cap >= MAX_LABELS:
            raise JalinError(
                RoutingErrorCode.SEARCH_TOO_LARGE,
                f"this search needs more than {MAX_LABELS:,} labels (the planner's memory limit); "
                "ask with fewer max_handovers or without open handovers",
            )
        cap, o_cap = min(cap * 4, MAX_LABELS), o_cap * 4


@dataclass(frozen=True, slots=True)
class Bounds:
    """Lower bounds from each facility to delivery anywhere in one province.

    time: seconds of cutoffs and durations, no waiting; price: rupiah at 1 chargeable kg;
    handovers: count. Weight, size and COD limits are ignored, so they only ever underestimate.
    `table` holds the three side by side, int64 [facility, 3] in the kernels' `LB_*` columns, so
    the search reads a facility's bounds from one cache line.
    """

    table: np.ndarray


class Planner:
    """Answers quotes on one compiled network with one handover policy. Thread-safe once built."""

    def __init__(self, network: CompiledNetwork, policy: HandoverPolicy) -> None:
        """Gateways and lower bounds (seconds at national scale) are made on the first quote that
        needs them: a one-to-all search (`tariff`, the impact comparison) never does."""
        self.net = network
        self.policy = policy
        self.edges: HandoverEdges = network.handover_edges(policy)
        self.arrays = self._arrays()

    @cached_property
    def gateway(self) -> np.ndarray:
        return self._gateways()

    @cached_property
    def bounds(self) -> dict[str, Bounds]:
        return {p: self._bounds(p) for p in sorted({a[:2] for a in self.net.deliveries_by_area})}

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """What `from_arrays` needs besides the network and the policy: edges, gateways, bounds."""
        provinces = sorted(self.bounds)
        tables = [self.bounds[p].table for p in provinces]
        arrays = {
            **self.edges.to_arrays("edges."),
            "gateway": self.gateway,
            "bounds": np.stack(tables) if tables else np.zeros((0, self.net.n_facilities, 3), np.int64),
        }
        return arrays, {"provinces": provinces}

    @classmethod
    def from_arrays(
        cls,
        network: CompiledNetwork,
        policy: HandoverPolicy,
        arrays: Mapping[str, np.ndarray],
        meta: Mapping[str, Any],
    ) -> Planner:
        """A planner as `to_arrays` stored it, without recomputing edges, gateways or bounds."""
        planner = cls.__new__(cls)
        planner.net, planner.policy = network, policy
        planner.edges = HandoverEdges.from_arrays(arrays, "edges.")
        planner.gateway = arrays["gateway"]
        planner.bounds = {p: Bounds(arrays["bounds"][i]) for i, p in enumerate(meta["provinces"])}
        planner.arrays = planner._arrays()
        return planner

    def _gateways(self) -> np.ndarray:
        """Per facility g, the facility every route out of g's branch passes through, or -1.

        Built bottom-up: a facility without handover edges whose linehauls all go to one facility
        f, apart from facilities that already have g as their gateway, has gateway f. Agents under
        a branch, branches under a hub and post offices under their sorting centre come out this way.
        """
        net = self.net
        gateway = np.full(net.n_facilities, -1, np.int64)
        no_handover = np.diff(self.edges.ptr) == 0
        exits = {
            int(f): set(net.run_to[net.lh_idx[net.lh_ptr[f] : net.lh_ptr[f + 1]]].tolist())
            for f in np.nonzero(no_handover & (np.diff(net.lh_ptr) > 0))[0]
        }
        changed = True
        while changed:
            changed = False
            for g, outs in exits.items():
                if gateway[g] != -1:
                    continue
                rest = {x for x in outs if gateway[x] != g}
                if len(rest) == 1:
                    gateway[g] = rest.pop()
                    changed = True
        return gateway

    def _useful(self, delivery_facilities: np.ndarray) -> np.ndarray:
        """Facilities whose branch holds a facility delivering to the destination (and their gateways)."""
        useful = np.zeros(self.net.n_facilities, np.bool_)
        for f in delivery_facilities.tolist():
            while f != -1 and not useful[f]:
                useful[f] = True
                f = int(self.gateway[f])
        return useful

    def _bounds(self, province: str) -> Bounds:
        net, e = self.net, self.edges
        runs = np.array(
            [r for area, rs in net.deliveries_by_area.items() if area[:2] == province for r in rs], np.int64
        )
        src = net.run_from[runs]
        rl = net.rl_idx
        time_cost = net.run_cutoff + net.run_dur
        price_cost = net.run_base + net.run_perkg
        zero_runs = np.zeros(len(rl), np.int64)

        def solve(source_cost, run_cost, handover_cost):
            return lower_bounds.backward_bound(
                net.n_facilities,
                src,
                source_cost,
                net.rl_ptr,
                net.rl_from,
                run_cost,
                e.rptr,
                e.rfrom,
                handover_cost,
                _FAR,
            )

        table = np.empty((net.n_facilities, 3), np.int64)
        table[:, kernels.LB_T] = solve(time_cost[runs], time_cost[rl], np.zeros(len(e.rfrom), np.int64))
        table[:, kernels.LB_P] = solve(price_cost[runs], price_cost[rl], e.rfee)
        table[:, kernels.LB_H] = solve(
            np.zeros(len(runs), np.int64), zero_runs, np.ones(len(e.rfrom), np.int64)
        )
        return Bounds(table)

    def _prepare(self, request: QuoteRequest) -> kernels.QueryArrays:
        ready = int(request.ready_at.timestamp())
        end = int((request.ready_at + request.horizon).timestamp())
        ck, ok, delivers = self._services(request)
        run_svc = self.net.run_svc
        starts = np.array(
            [r for r in self.net.runs_covering(self.net.pickups_by_area, request.origin) if ok[run_svc[r]]],
            np.int64,
        )
        override, day0 = self._calendar(ready, end)
        return kernels.QueryArrays(
            ready,
            end,
            request.max_handovers,
            request.handover_minutes * 60,
            starts,
            ck,
            ok,
            delivers,
            override,
            day0,
        )

    # -- per-query arrays ----------------------------------------------------------------------
    def _services(self, request: QuoteRequest) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per service: chargeable kg, whether it takes the weight, and whether it may deliver.

        A service may deliver when it takes the weight and, for a COD parcel, collects cash. The
        kernel prices the runs it touches from these (`run_base + run_perkg * kg`).
        """
        net = self.net
        by_divisor: dict[int, int] = {}
        ck = np.empty(len(net.svc_id), np.int64)
        ok = np.empty(len(net.svc_id), np.bool_)
        for s, (divisor, max_kg) in enumerate(zip(net.svc_divisor, net.svc_max_kg, strict=True)):
            if divisor not in by_divisor:
                by_divisor[divisor] = chargeable_kg(request.weight_kg, request.dims_cm, divisor)
            ck[s] = by_divisor[divisor]
            ok[s] = request.weight_kg <= max_kg
        delivers = ok & net.svc_cod if request.cod else ok
        return ck, ok, delivers

    def _calendar(self, ready: int, end: int) -> tuple[np.ndarray, int]:
        """Exceptions as a [service, day] matrix (0 none, 1 runs, 2 does not) over the horizon."""
        net = self.net
        day0 = (ready // _DAY) - 1
        ndays = (end + _MAX_ZONE_S) // _DAY - day0 + 2
        override = np.zeros((max(1, len(net.svc_id)), ndays), np.int8)
        lo, hi = np.searchsorted(net.cal_day, [day0, day0 + ndays])
        override[net.cal_svc[lo:hi], net.cal_day[lo:hi] - day0] = net.cal_type[lo:hi]
        return override, int(day0)

    def _deliveries(
        self, destination: str, delivers: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        run_svc = self.net.run_svc
        runs = [
            r
            for r in self.net.runs_covering(self.net.deliveries_by_area, destination)
            if delivers[run_svc[r]]
        ]
        first = np.zeros(self.net.n_facilities, np.int64)
        count = np.zeros(self.net.n_facilities, np.int64)
        arr = np.array(sorted(runs, key=lambda r: self.net.run_from[r]), np.int64)
        for j, r in enumerate(arr):
            f = self.net.run_from[r]
            if count[f] == 0:
                first[f] = j
            count[f] += 1
        return first, count, arr, len(runs)

    # -- the quote -----------------------------------------------------------------------------
    def _arrays(self) -> kernels.NetworkArrays:
        net, e = self.net, self.edges
        return kernels.NetworkArrays(
            net.run_to,
            net.run_dep,
            net.run_cutoff,
            net.run_dur,
            net.run_offset,
            net.run_mask,
            net.run_svc,
            net.run_base,
            net.run_perkg,
            net.lh_ptr,
            net.lh_rec32,
            net.lh_rec64,
            net.dl_ptr,
            net.dl_idx,
            e.ptr,
            e.to,
            e.fee,
        )

    def one_to_all(self, request: QuoteRequest) -> tuple[np.ndarray, np.ndarray]:
        """Per delivery run: earliest arrival (UTC s) and lowest price from the request's origin; -1 if none.

        `request.destination` is ignored; `tariff` maps runs to the districts they cover.
        """
        q = self._prepare(request)
        target = kernels.no_target(self.net.n_facilities)
        found = _grow(lambda cap, _: kernels.search_all(self.arrays, q, target, cap), 1 << 20, 1)
        return found.best_t, found.best_p

    def tariff(
        self, request: QuoteRequest, districts: list[str]
    ) -> list[tuple[str, datetime | None, int | None]]:
        """Per district: the earliest delivery and the lowest price from the origin (None: unreachable)."""
        best_t, best_p = self.one_to_all(request)
        index = {d: i for i, d in enumerate(districts)}
        by_prefix: dict[str, list[int]] = {}
        for d, i in index.items():
            parts = d.split(".")
            for k in range(1, len(parts) + 1):
                by_prefix.setdefault(".".join(parts[:k]), []).append(i)
        far = np.iinfo(np.int64).max
        t_min = np.full(len(districts), far, np.int64)
        p_min = np.full(len(districts), far, np.int64)
        for area, runs in self.net.deliveries_by_area.items():
            cover = by_prefix.get(area)
            if not cover:
                continue
            rs = np.array(runs, np.int64)
            ts, ps = best_t[rs], best_p[rs]
            ts, ps = ts[ts >= 0], ps[ps >= 0]
            if len(ts):
                idx = np.array(cover, np.int64)
                t_min[idx] = np.minimum(t_min[idx], ts.min())
                p_min[idx] = np.minimum(p_min[idx], ps.min())
        return [
            (d, None if t_min[i] == far else _utc(t_min[i]), None if p_min[i] == far else int(p_min[i]))
            for d, i in index.items()
        ]

    def quote(self, request: QuoteRequest) -> tuple[list[Option], NoRoute | None]:
        net, q = self.net, self._prepare(request)
        del_first, del_count, del_runs, n_deliveries = self._deliveries(request.destination, q.svc_delivers)
        if len(q.starts) == 0:
            return [], NoRoute.NO_PICKUP
        if n_deliveries == 0:
            return [], NoRoute.NO_DELIVERY
        lb = self.bounds[request.destination[:2]]
        useful = self._useful(np.unique(net.run_from[del_runs]))
        target = kernels.TargetArrays(del_first, del_count, del_runs, lb.table, self.gateway, useful)
        found = _grow(lambda cap, o_cap: kernels.search(self.arrays, q, target, cap, o_cap), _FIRST_CAP, 256)
        options = self._options(found, q.svc_kg)
        return (options, None) if options else ([], NoRoute.NOT_WITHIN_HORIZON)

    def _options(self, found: kernels.Found, ck: np.ndarray) -> list[Option]:
        """The live options with their legs, sorted by (delivered_at, price, handovers).

        Options share the path to a common label (a national answer: about 18 options, 140 legs,
        far fewer distinct ones), so each label's legs are made once (`_path`).
        """
        paths: dict[int, tuple[RunLeg | HandoverLeg, ...]] = {-1: ()}
        options = []
        for i in range(found.n_opt):
            if not found.o_alive[i]:
                continue
            legs = (
                *self._path(found, int(found.o_label[i]), ck, paths),
                self._run_leg(int(found.o_run[i]), int(found.o_dep[i]), ck),
            )
            options.append(Option(_utc(found.o_t[i]), int(found.o_p[i]), int(found.o_h[i]), legs))
        options.sort(key=lambda o: o.key)
        return options

    def _path(
        self,
        found: kernels.Found,
        lab: int,
        ck: np.ndarray,
        paths: dict[int, tuple[RunLeg | HandoverLeg, ...]],
    ) -> tuple[RunLeg | HandoverLeg, ...]:
        """The legs from the pickup to label `lab`, memoised per label in `paths` (-1: none)."""
        chain = []
        while lab not in paths:
            chain.append(lab)
            lab = int(found.l_parent[lab])
        legs = paths[lab]
        for lab in reversed(chain):
            legs = (*legs, self._label_leg(found, lab, ck))
            paths[lab] = legs
        return legs

    def _label_leg(self, found: kernels.Found, lab: int, ck: np.ndarray) -> RunLeg | HandoverLeg:
        """The leg that reached label `lab`: a run (pickup or linehaul) or a handover."""
        ref = int(found.l_ref[lab])
        if found.l_kind[lab] != kernels.REACHED_BY_HANDOVER:
            return self._run_leg(ref, int(found.l_dep[lab]), ck)
        src = int(found.l_node[found.l_parent[lab]])
        dst = int(found.l_node[lab])
        return HandoverLeg(
            self.net.fac_carrier[src],
            self.net.fac_id[src],
            self.net.fac_carrier[dst],
            self.net.fac_id[dst],
            self.net.fac_area[dst],
            _utc(found.l_t[lab]),
            int(self.edges.fee[ref]),
        )

    def _run_leg(self, r: int, dep: int, ck: np.ndarray) -> RunLeg:
        net = self.net
        svc = int(net.run_svc[r])
        f, g = int(net.run_from[r]), int(net.run_to[r])
        origin = net.fac_id[f] if f >= 0 else f"area:{net.run_area[r]}"
        destination = net.fac_id[g] if g >= 0 else f"area:{net.run_area[r]}"
        return RunLeg(
            carrier_id=net.svc_carrier[svc],
            service_id=net.svc_id[svc],
            run_id=net.run_id[r],
            origin=origin,
            destination=destination,
            origin_area=net.fac_area[f] if f >= 0 else net.run_area[r],  # type: ignore[arg-type]
            destination_area=net.fac_area[g] if g >= 0 else net.run_area[r],  # type: ignore[arg-type]
            departure=_utc(dep),
            arrival=_utc(dep + int(net.run_dur[r])),
            chargeable_kg=int(ck[svc]),
            price=int(net.run_base[r]) + int(net.run_perkg[r]) * int(ck[svc]),
        )
