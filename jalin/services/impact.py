"""Collaboration impact as officers ask for it: "what if X and Y sign", or "what if Z joins".

The comparison runs the production planner's one-to-all search (`Planner.one_to_all`, read per
district as `Planner.tariff` reads it) from every origin over four networks: today's agreements,
the proposal, each carrier alone (today's network with max_handovers 0) and the ceiling (the
proposal's carriers with every pair open and free). The pure `jalin.impact` package applies the
proposal and does the sums; this module builds the planners, runs the searches and shapes the
answer shared by `jalin impact` and `POST /v1/impact`.

Work is shared and reused rather than repeated:
- today's network, planner and open planner come memory-mapped from the live snapshot
  (`live_today`); the network after a proposal that adds or removes members is composed from
  it (`jalin.routing.compose`), parsing only the newcomers' feeds;
- planners for one-to-all searches build only their handover edges (gateways and bounds are for
  point-to-point quotes);
- every (scenario, origin) search of a comparison goes to one small thread pool (the kernel
  releases the GIL), so both cores stay busy across scenarios;
- a candidate agreement of the ranking is searched only from the origins where the ceiling beats
  the proposal somewhere: elsewhere no single agreement can change anything;
- answers are cached per planner and (origin, weight, size, ready_at, max_handovers,
  handover_minutes) for as long as the planner lives, so a second question on the same snapshot
  pays only for its own network.

One module on purpose (about 640 lines): the planners, the searches, the cache and the answer's
shape are one use case whose parts share the cache and the pool; the pure sums live in
`jalin.impact`. Splitting the answer's shaping (`_place`, `_district`, `_proposal_view`) into its
own module is the next step if it grows.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import numpy as np
from sqlalchemy import Engine

from jalin.errors import JalinError
from jalin.geo import AddressResolver, Atlas, Level
from jalin.impact import (
    AgreementTerms,
    Carrier,
    Grid,
    ImpactErrorCode,
    Joining,
    Network,
    Pair,
    Proposal,
    apply_proposal,
    capital_districts,
    compare,
    published_places,
    totals,
)
from jalin.impact.compare import figures
from jalin.impact.ranking import RANKED_FIGURES, gaps, screen
from jalin.network.model import Feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest
from jalin.routing.compose import compose
from jalin.services.network_state import NetworkState
from jalin.services.publishing import load_feed
from jalin.services.quotes import (
    check_handovers,
    local,
    parse_dims,
    parse_ready_at,
    parse_weight,
    resolve_place,
)
from jalin.storage.interline import feed_version_exists, pending_interline_pairs
from jalin.storage.uow import unit_of_work

MAX_ORIGINS = 100
MAX_RANK = 10
WIB = timezone(timedelta(hours=7))


def default_ready_at(now: datetime | None = None) -> datetime:
    """Tomorrow 09:00 WIB: the same reference for a whole day, so answers repeat and cache."""
    today = (now or datetime.now(UTC)).astimezone(WIB).date()
    return datetime.combine(today + timedelta(days=1), datetime.min.time(), WIB).replace(hour=9)


@dataclass(slots=True)
class ImpactInput:
    """What an officer asks besides the proposal. `origins` None: the 38 provinces' capitals."""

    origins: list[str] | None = None
    weight: object = "1"
    dims: object = None
    ready_at: object = None
    max_handovers: int = 2
    handover_minutes: int = 120
    rank: int = 3
    baselines: bool = True


# -- one-to-all grids ------------------------------------------------------------------------------
_CACHE: weakref.WeakKeyDictionary[Planner, dict[tuple, tuple[np.ndarray, np.ndarray]]] = (
    weakref.WeakKeyDictionary()
)
_CACHE_LOCK = threading.Lock()
_CACHE_PER_PLANNER = 512
_FAR = np.iinfo(np.int64).max


def _workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class DistrictCover:
    """Which delivery runs cover each district, to turn a one-to-all answer per run into one per
    district with array operations (`Planner.tariff` does the same with a loop over areas).

    `runs` are the delivery runs grouped by the area they name (`starts`: each area's first), for
    the areas that are a district or contain districts; `cover[k, j]` is the area of district j's
    province (k 0), regency (1) and district (2), or the index one past the last area (none)."""

    runs: np.ndarray
    starts: np.ndarray
    cover: np.ndarray

    @classmethod
    def build(cls, net: CompiledNetwork, districts: tuple[str, ...]) -> DistrictCover:
        prefixes = {d[:k] for d in districts for k in (2, 5, 8)}
        areas = [a for a in net.deliveries_by_area if a in prefixes]
        position = {a: i for i, a in enumerate(areas)}
        chunks = [np.asarray(net.deliveries_by_area[a], np.int64) for a in areas]
        lengths = np.array([len(c) for c in chunks], np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) if areas else lengths
        cover = np.array(
            [[position.get(d[:k], len(areas)) for d in districts] for k in (2, 5, 8)], np.int64
        ).reshape(3, len(districts))
        runs = np.concatenate(chunks) if chunks else np.zeros(0, np.int64)
        return cls(runs, starts, cover)

    def per_district(self, per_run: np.ndarray) -> np.ndarray:
        """The least value of the runs covering each district (per_run: -1 = none), -1 if none."""
        values = per_run[self.runs]
        values = np.where(values < 0, _FAR, values)
        best = np.minimum.reduceat(values, self.starts) if len(self.starts) else values[:0]
        best = np.append(best, _FAR)
        out = np.minimum(np.minimum(best[self.cover[0]], best[self.cover[1]]), best[self.cover[2]])
        return np.where(out == _FAR, -1, out)


_COVERS: weakref.WeakKeyDictionary[CompiledNetwork, dict[tuple[str, ...], DistrictCover]] = (
    weakref.WeakKeyDictionary()
)


def district_cover(net: CompiledNetwork, districts: tuple[str, ...]) -> DistrictCover:
    with _CACHE_LOCK:
        known = _COVERS.setdefault(net, {}).get(districts)
    if known is None:
        known = DistrictCover.build(net, districts)
        with _CACHE_LOCK:
            _COVERS[net][districts] = known
    return known


@dataclass(frozen=True, slots=True)
class Search:
    """One grid to fill: a planner, the request (its origin is replaced per row) and the origins."""

    planner: Planner
    request: QuoteRequest
    origins: tuple[str, ...]


def grids(searches: list[Search], districts: tuple[str, ...], *, workers: int | None = None) -> list[Grid]:
    """Fastest delivery (s after ready) and cheapest price from each origin to each district, for
    each search. Every (search, origin) is one one-to-all run of the planner's kernel, which
    releases the GIL: they all go to one small thread pool together, so the cores stay busy
    across scenarios. Answers are cached per planner (see the module's docstring)."""

    def one(search: Search, origin: str) -> tuple[np.ndarray, np.ndarray]:
        request, planner = search.request, search.planner
        ready = int(request.ready_at.timestamp())
        key = (
            origin,
            request.weight_kg,
            request.dims_cm,
            request.cod,
            ready,
            request.max_handovers,
            request.handover_minutes,
            districts,
        )
        with _CACHE_LOCK:
            hit = _CACHE.get(planner, {}).get(key)
        if hit is not None:
            return hit
        best_t, best_p = planner.one_to_all(replace(request, origin=origin, destination=origin))
        cover = district_cover(planner.net, districts)
        t = cover.per_district(best_t)
        t = np.where(t >= 0, t - ready, -1)
        p = cover.per_district(best_p)
        with _CACHE_LOCK:
            entries = _CACHE.setdefault(planner, {})
            if len(entries) >= _CACHE_PER_PLANNER:
                entries.pop(next(iter(entries)))
            entries[key] = (t, p)
        return t, p

    tasks = [(s, o) for s in searches for o in s.origins]
    n = workers or _workers()
    if n > 1 and len(tasks) > 1:
        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(lambda task: one(*task), tasks))
    else:
        results = [one(*task) for task in tasks]
    out, i = [], 0
    for s in searches:
        rows = results[i : i + len(s.origins)]
        i += len(s.origins)
        shape = (len(s.origins), len(districts))
        time_s = np.stack([r[0] for r in rows]) if rows else np.empty(shape, np.int64)
        price = np.stack([r[1] for r in rows]) if rows else np.empty(shape, np.int64)
        out.append(Grid(s.origins, districts, time_s, price))
    return out


def one_to_all_grid(
    planner: Planner,
    request: QuoteRequest,
    origins: tuple[str, ...],
    districts: tuple[str, ...],
    *,
    workers: int | None = None,
) -> Grid:
    """One search's grid (see `grids`)."""
    return grids([Search(planner, request, origins)], districts, workers=workers)[0]


# -- the use case ----------------------------------------------------------------------------------
def carriers_of(net: CompiledNetwork) -> tuple[Carrier, ...]:
    """The carrier facts a proposal needs, read from a compiled network (no feed parsed)."""
    handover: dict[str, set[str]] = {c: set() for c in net.carriers}
    for i in np.nonzero(net.fac_handover)[0].tolist():
        handover[net.fac_carrier[i]].add(net.fac_area[i])
    svc_carrier = list(net.svc_carrier)
    delivery: dict[str, set[str]] = {c: set() for c in net.carriers}
    for area in net.deliveries_by_area:
        for s in np.unique(net.run_svc[net.deliveries_by_area[area]]).tolist():
            delivery[svc_carrier[s]].add(area)
    return tuple(Carrier(c, frozenset(handover[c]), frozenset(delivery[c])) for c in sorted(net.carriers))


@dataclass(slots=True)
class Today:
    """Today's network: its carriers and agreements, compiled, and its planners (warm from the
    live snapshot, or built here). The open planner (every pair free) is made on first use."""

    network: Network
    compiled: CompiledNetwork
    planner: Planner
    open_source: Callable[[], Planner] | None = None
    open_planner: Planner | None = None

    @classmethod
    def of_feeds(cls, feeds: list[Feed] | tuple[Feed, ...], pairs: list[Pair] | tuple[Pair, ...]) -> Today:
        compiled = CompiledNetwork(list(feeds))
        return cls(Network.of_feeds(feeds, pairs), compiled, Planner(compiled, _policy(pairs)))

    def ceiling(self) -> Planner:
        if self.open_planner is None:
            self.open_planner = (
                self.open_source()
                if self.open_source is not None
                else Planner(self.compiled, HandoverPolicy.open())
            )
        return self.open_planner


def _policy(pairs: tuple[Pair, ...] | list[Pair]) -> HandoverPolicy:
    return HandoverPolicy.from_pairs(list(pairs))


def resolve_origins(resolver: AddressResolver, texts: list[str] | None) -> list[str]:
    if texts is None:
        return capital_districts()
    if not texts:
        raise JalinError(
            ImpactErrorCode.INVALID_ORIGINS, "give at least one origin district", field="origins"
        )
    if len(texts) > MAX_ORIGINS:
        raise JalinError(
            ImpactErrorCode.INVALID_ORIGINS,
            f"{len(texts)} origins given; at most {MAX_ORIGINS} per comparison",
            field="origins",
        )
    codes: list[str] = []
    for text in texts:
        code = resolve_place(resolver, text, "origins").code
        if code not in codes:
            codes.append(code)
    return codes


def run_impact(
    today: Today,
    proposal: Proposal,
    q: ImpactInput,
    *,
    atlas: Atlas,
    resolver: AddressResolver,
    pending: dict[frozenset[str], tuple[str, int]] | None = None,
    workers: int | None = None,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Compare today's network with `proposal`; the answer of `jalin impact --json` and the API.

    `pending` maps carrier pairs to their pipeline (stage, fee) for the ranking. The network after
    the proposal is today's compiled network with the newcomers composed in and the leavers out.
    """
    started = time.perf_counter()
    timing: dict[str, float] = {}

    def lap(name: str) -> None:
        timing[name] = round(time.perf_counter() - started - sum(timing.values()), 2)
        if progress is not None:
            progress(name)

    weight = parse_weight(q.weight)
    dims = parse_dims(q.dims)
    ready = default_ready_at(now) if q.ready_at is None or q.ready_at == "" else parse_ready_at(q.ready_at)
    check_handovers(q.max_handovers, q.handover_minutes)
    if not 0 <= q.rank <= MAX_RANK:
        raise JalinError(
            ImpactErrorCode.INVALID_PROPOSAL,
            f"rank must be between 0 and {MAX_RANK}, got {q.rank}",
            field="rank",
        )
    origins = tuple(resolve_origins(resolver, q.origins))
    after = apply_proposal(today.network, proposal)
    districts = tuple(sorted(a.code for a in atlas.areas(Level.DISTRICT)))
    request = QuoteRequest(
        origins[0], origins[0], weight, ready, dims, False, q.max_handovers, q.handover_minutes
    )

    if proposal.changes_feeds():
        after_compiled = compose(
            today.compiled,
            drop=frozenset(after.left),
            add=[CompiledNetwork([f]) for f in after.joined],
        )
    else:
        after_compiled = today.compiled
    after_planner = Planner(after_compiled, _policy(after.pairs))
    with_baselines = q.baselines or q.rank > 0
    ceiling = None
    if with_baselines:
        ceiling = (
            today.ceiling()
            if not proposal.changes_feeds()
            else Planner(after_compiled, HandoverPolicy.open())
        )
    lap("planners")

    searches = [Search(today.planner, request, origins), Search(after_planner, request, origins)]
    if ceiling is not None:
        searches += [
            Search(today.planner, replace(request, max_handovers=0), origins),
            Search(ceiling, request, origins),
        ]
    found = grids(searches, districts, workers=workers)
    before_grid, after_grid = found[0], found[1]
    lap("searches")
    places = published_places()
    comparison = compare(before_grid, after_grid, places.remote, places.frontier)
    scenarios: dict[str, Any] = {
        "today": figures(before_grid).to_dict(),
        "proposal": figures(after_grid).to_dict(),
    }
    ceiling_grid = None
    if ceiling is not None:
        scenarios["alone"] = figures(found[2]).to_dict()
        ceiling_grid = found[3]
        scenarios["ceiling"] = figures(ceiling_grid).to_dict()

    ranking: list[dict[str, Any]] = []
    screened = 0
    if q.rank and ceiling_grid is not None:
        gap = gaps(after_grid, ceiling_grid)
        chosen = screen(after, gap, districts, q.rank, q.max_handovers)
        screened = len(chosen)
        # Only origins the ceiling serves better somewhere can gain from any single agreement.
        rows = np.nonzero(gaps(after_grid, ceiling_grid, axis=1))[0]
        useful = tuple(origins[i] for i in rows)
        evaluated = []
        for c in chosen:
            stage, fee = (pending or {}).get(frozenset((c.carrier_a, c.carrier_b)), (None, 0))
            extra: Pair = (c.carrier_a, c.carrier_b, fee, None)
            planner = Planner(after_compiled, _policy([*after.pairs, extra]))
            evaluated.append((c, stage, fee, Search(planner, request, useful)))
        partial = grids([e[3] for e in evaluated], districts, workers=workers)
        for (c, stage, fee, _), part in zip(evaluated, partial, strict=True):
            with_pair = after_grid.with_rows(part)
            gain_totals = totals(after_grid, with_pair, places.remote, places.frontier)
            changes = (
                gain_totals.newly_reachable_pairs or gain_totals.faster_pairs or gain_totals.cheaper_pairs
            )
            if stage is None and not changes:
                # Screened in, but alone it changes nothing: not worth an officer's line. (Not
                # `gain_score`: its days are rounded to 0,01, so minutes saved would read as none.)
                continue
            gain = gain_totals.to_dict()
            ranking.append(
                {
                    "carrier_a": c.carrier_a,
                    "carrier_b": c.carrier_b,
                    "stage": stage,
                    "fee_per_parcel": fee,
                    "screen_score": c.score,
                    **{k: gain[k] for k in RANKED_FIGURES},
                    "_score": gain_totals.gain_score,
                }
            )
        ranking.sort(key=lambda r: (tuple(-x for x in r["_score"]), r["carrier_a"], r["carrier_b"]))
        for r in ranking:
            del r["_score"]
        lap("ranking")

    names = {a.code: a for a in atlas.areas(Level.PROVINCE)}
    body = {
        "origins": [_place(atlas, o) for o in origins],
        "ready_at": local(ready, origins[0]),
        "weight_kg": str(weight),
        "dims_cm": [str(d) for d in dims] if dims else None,
        "max_handovers": q.max_handovers,
        "handover_minutes": q.handover_minutes,
        "proposal": _proposal_view(proposal, after),
        "scenarios": scenarios,
        "national": comparison.national.to_dict(),
        "provinces": [
            {"code": p, "name": names[p].name if p in names else p, **t.to_dict()}
            for p, t in comparison.provinces.items()
        ],
        "districts": [_district(atlas, r.to_dict()) for r in comparison.rows],
        "ranking": {"screened": screened, "pairs": ranking},
        "remote_source": places.remote_source,
        "frontier_source": places.frontier_source,
        "timing_s": timing,
    }
    lap("sums")
    timing["total"] = round(time.perf_counter() - started, 2)
    return body


def _place(atlas: Atlas, code: str) -> dict[str, str]:
    area = atlas.get(code)
    if area is None:
        return {"code": code, "name": code, "regency": "", "province": ""}
    lineage = atlas.lineage(area)
    return {
        "code": code,
        "name": area.name,
        "regency": lineage[1].name if len(lineage) > 1 else "",
        "province": lineage[0].name if lineage else "",
    }


def _district(atlas: Atlas, row: dict[str, Any]) -> dict[str, Any]:
    place = _place(atlas, row["code"])
    return {
        "code": row["code"],
        "name": place["name"],
        "regency": place["regency"],
        "province": place["province"],
        **{k: v for k, v in row.items() if k != "code"},
    }


def _terms_view(t: AgreementTerms) -> dict[str, Any]:
    return {
        "carrier_a": t.carrier_a,
        "carrier_b": t.carrier_b,
        "fee_per_parcel": t.fee,
        "districts": sorted(t.districts) if t.districts is not None else None,
    }


def _proposal_view(p: Proposal, after: Network) -> dict[str, Any]:
    joined = {j.feed.carrier_id for j in p.join}
    return {
        "add": [_terms_view(t) for t in p.add],
        "end": [{"carrier_a": a, "carrier_b": b} for a, b in p.end],
        "change": [_terms_view(t) for t in p.change],
        "join": [
            {
                "carrier_id": j.feed.carrier_id,
                "carrier_name": j.feed.info.carrier_name,
                "neighbour_fee": j.neighbour_fee,
                "agreements_added": sorted(
                    (a if b == j.feed.carrier_id else b)
                    for a, b, *_ in after.added
                    if j.feed.carrier_id in (a, b)
                ),
            }
            for j in p.join
        ],
        "leave": list(p.leave),
        "carriers_after": len(after.carriers),
        "agreements_after": len(after.pairs),
        "joined": sorted(joined),
    }


# -- the live network --------------------------------------------------------------------------------
_CARRIERS: weakref.WeakKeyDictionary[CompiledNetwork, tuple[Carrier, ...]] = weakref.WeakKeyDictionary()


def live_today(state: NetworkState) -> Today:
    """Today's network from the live snapshot: compiled network and planners memory-mapped from
    its files (or built once and written), no feed parsed."""
    snapshot = state.snapshot()
    with _CACHE_LOCK:
        carriers = _CARRIERS.get(snapshot.network)
    if carriers is None:
        carriers = carriers_of(snapshot.network)
        with _CACHE_LOCK:
            _CARRIERS[snapshot.network] = carriers
    return Today(
        Network(carriers, tuple(snapshot.agreements)),
        snapshot.network,
        snapshot.planner(open_handovers=False),
        open_source=lambda: snapshot.planner(open_handovers=True),
    )


def run_live_impact(
    state: NetworkState,
    proposal: Proposal,
    q: ImpactInput,
    *,
    atlas: Atlas,
    resolver: AddressResolver,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """`run_impact` on the live snapshot (`live_today`), with the pipeline of not-yet-active
    agreements from the registry."""
    today = live_today(state)
    with unit_of_work(state.engine) as uow:
        pending = pending_interline_pairs(uow.conn)
    return run_impact(
        today,
        proposal,
        q,
        atlas=atlas,
        resolver=resolver,
        pending=pending,
        workers=workers,
        progress=progress,
    )


def stored_feed(engine: Engine, version_id: int, atlas: Atlas) -> Feed:
    """A stored feed version (any, active or not) for a member joining in a proposal."""
    with unit_of_work(engine) as uow:
        known = feed_version_exists(uow.conn, version_id)
    if not known:
        raise JalinError(
            ImpactErrorCode.UNKNOWN_JOINING_FEED,
            f"there is no stored feed version {version_id}; list them with GET /v1/feeds",
            field="join.feed_version_id",
        )
    return load_feed(engine, version_id, atlas)


# -- proposals as typed on the command line --------------------------------------------------------
def parse_terms(text: str, where: str) -> AgreementTerms:
    """`A:B[:FEE[:D1,D2,...]]` (fee in rupiah per parcel, default 0; districts default anywhere)."""
    parts = text.strip().split(":")
    if len(parts) < 2 or len(parts) > 4 or not parts[0].strip() or not parts[1].strip():
        raise JalinError(
            ImpactErrorCode.INVALID_PROPOSAL,
            f"{where} '{text}' must be CARRIER_A:CARRIER_B[:FEE[:DISTRICT,...]], e.g. POS:KNEX1:1500",
            field=where,
        )
    fee = 0
    if len(parts) > 2 and parts[2].strip():
        try:
            fee = int(parts[2])
        except ValueError:
            raise JalinError(
                ImpactErrorCode.INVALID_PROPOSAL,
                f"{where} '{text}': fee '{parts[2]}' is not whole rupiah",
                field=where,
            ) from None
    districts = None
    if len(parts) > 3 and parts[3].strip():
        districts = frozenset(d.strip() for d in parts[3].split(",") if d.strip())
    return AgreementTerms(parts[0].strip().upper(), parts[1].strip().upper(), fee, districts)


def parse_pair(text: str, where: str) -> tuple[str, str]:
    t = parse_terms(text, where)
    return (t.carrier_a, t.carrier_b)


def proposal_from_parts(
    *,
    add: list[AgreementTerms],
    end: list[tuple[str, str]],
    change: list[AgreementTerms],
    join: list[tuple[Feed, int | None]],
    leave: list[str],
    atlas: Atlas,
) -> Proposal:
    """A proposal with its district codes checked against the map."""
    for t in [*add, *change]:
        for d in t.districts or ():
            area = atlas.get(d)
            if area is None or area.level != Level.DISTRICT:
                raise JalinError(
                    ImpactErrorCode.INVALID_PROPOSAL,
                    f"handover district '{d}' of {t.carrier_a}-{t.carrier_b} is not a district code "
                    "(NN.NN.NN, e.g. 32.73.09)",
                    field="districts",
                )
    return Proposal(
        add=tuple(add),
        end=tuple(end),
        change=tuple(change),
        join=tuple(Joining(f, fee) for f, fee in join),
        leave=tuple(c.strip().upper() for c in leave),
    )
