"""The merged network compiled to flat arrays for the planner (built once per set of active feeds).

Times are int64 seconds since the Unix epoch (UTC); a run's `departs_at` is seconds after local
midnight at its origin, with the origin's zone offset alongside. Facilities get a global index
(`CARRIER:FACILITY`), services too (`CARRIER:SERVICE`). Linehauls and handover edges are in
CSR form by origin facility; pickup and delivery runs are indexed by the area code they name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from jalin.geo.zones import zone_of
from jalin.network.model import Feed, RunKind
from jalin.routing.arrayfile import StringColumn
from jalin.routing.model import HandoverPolicy

KIND_PICKUP, KIND_LINEHAUL, KIND_DELIVERY = 0, 1, 2
_KIND = {RunKind.PICKUP: KIND_PICKUP, RunKind.LINEHAUL: KIND_LINEHAUL, RunKind.DELIVERY: KIND_DELIVERY}
_EPOCH = date(1970, 1, 1)


class AreaIndex(Mapping[str, np.ndarray]):
    """Runs by the area code they name (pickups by origin area, deliveries by destination area).

    Kept as sorted keys with CSR offsets into one array of run indices, so it can be stored in
    and read from an array file without building a dict of lists.
    """

    def __init__(self, keys: Sequence[str], ptr: np.ndarray, runs: np.ndarray) -> None:
        self._keys = list(keys)
        self._pos = {k: i for i, k in enumerate(self._keys)}
        self.ptr, self.runs = ptr, runs

    @classmethod
    def build(cls, by_area: Mapping[str, list[int]]) -> AreaIndex:
        keys = sorted(by_area)
        ptr = np.zeros(len(keys) + 1, np.int64)
        np.cumsum([len(by_area[k]) for k in keys], out=ptr[1:])
        runs = np.array([r for k in keys for r in by_area[k]], np.int64)
        return cls(keys, ptr, runs)

    def __getitem__(self, area: str) -> np.ndarray:
        i = self._pos[area]
        return self.runs[self.ptr[i] : self.ptr[i + 1]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@dataclass(frozen=True, slots=True)
class HandoverEdges:
    """Handover edges for one policy, CSR by the facility the parcel leaves (and reversed)."""

    ptr: np.ndarray  # int64 [n_facilities + 1]
    to: np.ndarray  # int32
    fee: np.ndarray  # int64
    rptr: np.ndarray  # int64 [n_facilities + 1], grouped by receiving facility
    rfrom: np.ndarray  # int32
    rfee: np.ndarray  # int64

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {prefix + f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str) -> HandoverEdges:
        return cls(**{f.name: arrays[prefix + f.name] for f in fields(cls)})


#: Attributes of `CompiledNetwork` that are numpy arrays, stored as they are.
_ARRAYS = (
    "fac_handover",
    "svc_cod",
    "run_svc",
    "run_kind",
    "run_from",
    "run_to",
    "run_dep",
    "run_cutoff",
    "run_dur",
    "run_offset",
    "run_mask",
    "run_base",
    "run_perkg",
    "lh_idx",
    "lh_ptr",
    "lh_rec32",
    "lh_rec64",
    "rl_idx",
    "rl_from",
    "rl_ptr",
    "dl_idx",
    "dl_ptr",
    "cal_svc",
    "cal_day",
    "cal_type",
)
#: Attributes that are sequences of strings, stored as `StringColumn`s.
_STRINGS = ("fac_carrier", "fac_id", "fac_area", "svc_carrier", "svc_id", "run_id", "run_area")


def linehaul_records(net: CompiledNetwork) -> tuple[np.ndarray, np.ndarray]:
    """What the search reads of each linehaul, row by row in `lh_idx` order (kernels' `LH_*` columns).

    int32 [linehaul, 8]: destination facility, service, departure (s after local midnight), cutoff
    plus the origin's UTC offset (s), that offset, weekday mask, two unused; int64 [linehaul, 4]:
    base price and price per kg (rupiah), duration (s), run index. The search reads a facility's
    linehauls one after another, so their 64 bytes sit together instead of in ten run arrays
    indexed at random (which cost the search about a quarter of its time in cache misses).
    """
    lh = np.asarray(net.lh_idx, np.int64)
    rec32 = np.zeros((len(lh), 8), np.int32)
    columns: tuple[np.ndarray, ...] = (
        net.run_to[lh],
        net.run_svc[lh],
        net.run_dep[lh],
        net.run_cutoff[lh] + net.run_offset[lh],
        net.run_offset[lh],
        net.run_mask[lh],
    )
    for col, values in enumerate(columns):
        rec32[:, col] = values
    rec64 = np.stack([net.run_base[lh], net.run_perkg[lh], net.run_dur[lh], lh], axis=1).astype(np.int64)
    return rec32, rec64


class CompiledNetwork:
    """The active feeds as arrays: built from feeds once, or read back from a snapshot file."""

    carriers: list[str]
    carrier_names: dict[str, str]
    service_names: dict[tuple[str, str], str]
    fac_carrier: Sequence[str]
    fac_id: Sequence[str]
    fac_area: Sequence[str]
    svc_carrier: Sequence[str]
    svc_id: Sequence[str]
    svc_max_kg: list[Decimal]
    svc_divisor: list[int]
    run_id: Sequence[str]
    run_area: Sequence[str | None]
    pickups_by_area: AreaIndex
    deliveries_by_area: AreaIndex

    def __init__(self, feeds: list[Feed]) -> None:
        feeds = sorted(feeds, key=lambda f: f.carrier_id)
        self.carriers = [f.carrier_id for f in feeds]
        self.carrier_names = {f.carrier_id: f.info.carrier_name for f in feeds}
        #: (carrier, service_id) -> the service's name as the feed gives it ("Reguler", "Kilat").
        self.service_names = {
            (f.carrier_id, s.service_id): s.name for f in feeds for s in f.services.values()
        }
        fac_index: dict[tuple[str, str], int] = {}
        self.fac_carrier: list[str] = []
        self.fac_id: list[str] = []
        self.fac_area: list[str] = []
        handover: list[bool] = []
        svc_index: dict[tuple[str, str], int] = {}
        self.svc_carrier: list[str] = []
        self.svc_id: list[str] = []
        self.svc_max_kg: list[Decimal] = []
        self.svc_divisor: list[int] = []
        svc_cod: list[bool] = []
        for feed in feeds:
            c = feed.carrier_id
            for f in feed.facilities.values():
                fac_index[(c, f.facility_id)] = len(self.fac_id)
                self.fac_carrier.append(c)
                self.fac_id.append(f.facility_id)
                self.fac_area.append(f.area_code)
                handover.append(f.handover)
            for s in feed.services.values():
                svc_index[(c, s.service_id)] = len(self.svc_id)
                self.svc_carrier.append(c)
                self.svc_id.append(s.service_id)
                self.svc_max_kg.append(s.max_weight_kg)
                self.svc_divisor.append(s.volumetric_divisor)
                svc_cod.append(s.cod)
        self.fac_handover = np.array(handover, dtype=np.bool_)
        self.svc_cod = np.array(svc_cod, dtype=np.bool_)
        self.n_facilities = len(self.fac_id)

        runs = [(feed, r) for feed in feeds for r in feed.runs]
        n = len(runs)
        self.n_runs = n
        self.run_id = [r.run_id for _, r in runs]
        self.run_svc = np.empty(n, np.int32)
        self.run_kind = np.empty(n, np.int8)
        self.run_from = np.full(n, -1, np.int32)
        self.run_to = np.full(n, -1, np.int32)
        self.run_dep = np.empty(n, np.int64)
        self.run_cutoff = np.empty(n, np.int64)
        self.run_dur = np.empty(n, np.int64)
        self.run_offset = np.empty(n, np.int64)
        self.run_mask = np.empty(n, np.int8)
        self.run_base = np.empty(n, np.int64)
        self.run_perkg = np.empty(n, np.int64)
        run_area: list[str | None] = [None] * n
        pickups_by_area: dict[str, list[int]] = defaultdict(list)
        deliveries_by_area: dict[str, list[int]] = defaultdict(list)
        offsets: dict[str, int] = {}
        for i, (feed, r) in enumerate(runs):
            c = feed.carrier_id
            self.run_svc[i] = svc_index[(c, r.service_id)]
            kind = _KIND[r.kind]
            self.run_kind[i] = kind
            if r.origin.facility_id is not None:
                self.run_from[i] = fac_index[(c, r.origin.facility_id)]
            if r.destination.facility_id is not None:
                self.run_to[i] = fac_index[(c, r.destination.facility_id)]
            origin_area = r.origin.area_code or self.fac_area[self.run_from[i]]
            province = origin_area[:2]
            if province not in offsets:
                offsets[province] = zone_of(province).offset_hours * 3600
            self.run_offset[i] = offsets[province]
            self.run_dep[i] = r.departs_at * 60
            self.run_cutoff[i] = r.cutoff_minutes * 60
            self.run_dur[i] = r.duration_minutes * 60
            self.run_mask[i] = sum(1 << d for d, ch in enumerate(r.days) if ch == "1")
            self.run_base[i] = r.base_price
            self.run_perkg[i] = r.price_per_kg
            if kind == KIND_PICKUP:
                run_area[i] = r.origin.area_code
                pickups_by_area[r.origin.area_code].append(i)  # type: ignore[index]
            elif kind == KIND_DELIVERY:
                run_area[i] = r.destination.area_code
                deliveries_by_area[r.destination.area_code].append(i)  # type: ignore[index]
        self.run_area = run_area
        self.pickups_by_area = AreaIndex.build(pickups_by_area)
        self.deliveries_by_area = AreaIndex.build(deliveries_by_area)

        # Linehauls by origin facility (CSR).
        lh = np.nonzero(self.run_kind == KIND_LINEHAUL)[0]
        order = lh[np.argsort(self.run_from[lh], kind="stable")]
        self.lh_idx = order.astype(np.int32)
        self.lh_ptr = np.zeros(self.n_facilities + 1, np.int64)
        np.add.at(self.lh_ptr, self.run_from[order] + 1, 1)
        self.lh_ptr = np.cumsum(self.lh_ptr)
        self.lh_rec32, self.lh_rec64 = linehaul_records(self)
        # Linehauls by destination facility (reverse CSR), for the lower bounds.
        order = lh[np.argsort(self.run_to[lh], kind="stable")]
        self.rl_idx = order.astype(np.int32)
        self.rl_from = self.run_from[order].astype(np.int32)
        self.rl_ptr = np.zeros(self.n_facilities + 1, np.int64)
        np.add.at(self.rl_ptr, self.run_to[order] + 1, 1)
        self.rl_ptr = np.cumsum(self.rl_ptr)
        # Deliveries by origin facility (CSR), for one-to-all.
        dl = np.nonzero(self.run_kind == KIND_DELIVERY)[0]
        order = dl[np.argsort(self.run_from[dl], kind="stable")]
        self.dl_idx = order.astype(np.int32)
        self.dl_ptr = np.zeros(self.n_facilities + 1, np.int64)
        np.add.at(self.dl_ptr, self.run_from[order] + 1, 1)
        self.dl_ptr = np.cumsum(self.dl_ptr)

        # Calendar exceptions: (service, local day number since 1970-01-01, type), sorted by day.
        cal = [
            (svc_index[(f.carrier_id, c.service_id)], (c.date - _EPOCH).days, c.exception_type)
            for f in feeds
            for c in f.calendar
        ]
        cal.sort(key=lambda x: x[1])
        self.cal_svc = np.array([x[0] for x in cal], np.int32)
        self.cal_day = np.array([x[1] for x in cal], np.int64)
        self.cal_type = np.array([x[2] for x in cal], np.int8)
        self._handover_cache: dict[object, HandoverEdges] = {}

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Everything needed to rebuild this network with `from_arrays`: arrays and JSON metadata."""
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        for name in _STRINGS:
            column = StringColumn.encode(getattr(self, name))
            arrays[name + ".data"], arrays[name + ".offsets"] = column.arrays
        for name in ("pickups_by_area", "deliveries_by_area"):
            index = getattr(self, name)
            arrays[name + ".ptr"], arrays[name + ".runs"] = index.ptr, index.runs
        meta = {
            "carriers": self.carriers,
            "carrier_names": self.carrier_names,
            "svc_max_kg": [str(v) for v in self.svc_max_kg],
            "svc_name": [
                self.service_names[(c, s)] for c, s in zip(self.svc_carrier, self.svc_id, strict=True)
            ],
            "svc_divisor": self.svc_divisor,
            "pickup_areas": list(self.pickups_by_area),
            "delivery_areas": list(self.deliveries_by_area),
        }
        return arrays, meta

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> CompiledNetwork:
        """The network `to_arrays` described; the arrays are used as they are (memory-mapped, read-only)."""
        net = cls.__new__(cls)
        for name in _ARRAYS:
            setattr(net, name, arrays[name])
        for name in _STRINGS:
            setattr(net, name, StringColumn(arrays[name + ".data"], arrays[name + ".offsets"]))
        net.pickups_by_area = AreaIndex(
            meta["pickup_areas"], arrays["pickups_by_area.ptr"], arrays["pickups_by_area.runs"]
        )
        net.deliveries_by_area = AreaIndex(
            meta["delivery_areas"], arrays["deliveries_by_area.ptr"], arrays["deliveries_by_area.runs"]
        )
        net.carriers = list(meta["carriers"])
        net.carrier_names = dict(meta["carrier_names"])
        net.svc_max_kg = [Decimal(v) for v in meta["svc_max_kg"]]
        net.service_names = {
            (c, s): name for c, s, name in zip(net.svc_carrier, net.svc_id, meta["svc_name"], strict=True)
        }
        net.svc_divisor = [int(v) for v in meta["svc_divisor"]]
        net.n_facilities = len(net.fac_id)
        net.n_runs = len(net.run_id)
        net._handover_cache = {}
        return net

    def handover_edges(self, policy: HandoverPolicy) -> HandoverEdges:
        """Directed edges between handover facilities of different carriers in one district."""
        key = policy.key()
        cached = self._handover_cache.get(key)
        if cached is not None:
            return cached
        by_area: dict[str, list[int]] = defaultdict(list)
        for i in np.nonzero(self.fac_handover)[0].tolist():
            by_area[self.fac_area[i]].append(i)
        src: list[int] = []
        dst: list[int] = []
        fee: list[int] = []
        for members in by_area.values():
            for a in members:
                for b in members:
                    f = policy.fee(self.fac_carrier[a], self.fac_carrier[b], self.fac_area[a])
                    if f is not None:
                        src.append(a)
                        dst.append(b)
                        fee.append(f)
        src_a, dst_a, fee_a = np.array(src, np.int64), np.array(dst, np.int64), np.array(fee, np.int64)
        order = np.argsort(src_a, kind="stable")
        ptr = np.zeros(self.n_facilities + 1, np.int64)
        np.add.at(ptr, src_a + 1, 1)
        rorder = np.argsort(dst_a, kind="stable")
        rptr = np.zeros(self.n_facilities + 1, np.int64)
        np.add.at(rptr, dst_a + 1, 1)
        edges = HandoverEdges(
            np.cumsum(ptr),
            dst_a[order].astype(np.int32),
            fee_a[order],
            np.cumsum(rptr),
            src_a[rorder].astype(np.int32),
            fee_a[rorder],
        )
        self._handover_cache[key] = edges
        return edges

    def runs_covering(self, index: AreaIndex, district: str) -> list[int]:
        """Pickup or delivery runs whose area covers the district (province, regency or district)."""
        parts = district.split(".")
        out: list[int] = []
        for i in range(1, len(parts) + 1):
            out.extend(index.get(".".join(parts[:i]), ()))
        return out
