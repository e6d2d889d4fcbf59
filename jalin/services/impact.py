"""Collaboration impact as officers ask for it: "what if X and Y sign", or "what if Z joins".

The comparison runs the production planner's one-to-all tariff (`Planner.tariff`) from every
origin over four networks: today's agreements, the proposal, each carrier alone (today's
network with max_handovers 0) and the ceiling (the proposal's feeds with every pair open and
free). The pure `jalin.impact` package applies the proposal and does the sums; this module
builds the planners, runs the searches (in a small thread pool: the kernels release the GIL
where the planner allows it) and shapes the answer shared by `jalin impact` and `POST /v1/impact`.

One-to-all answers on a given planner are cached per (origin, weight, size, ready_at,
max_handovers, handover_minutes) for as long as that planner lives, so a second proposal on the
same snapshot only pays for its own network.
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
    Grid,
    ImpactErrorCode,
    Joining,
    Network,
    Pair,
    Proposal,
    apply_proposal,
    capital_districts,
    compare,
    disadvantaged_regencies,
    totals,
)
from jalin.impact.compare import figures
from jalin.impact.places import DISADVANTAGED_SOURCE
from jalin.impact.ranking import gaps, screen
from jalin.network.model import Feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest
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


def _workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def one_to_all_grid(
    planner: Planner,
    request: QuoteRequest,
    origins: tuple[str, ...],
    districts: tuple[str, ...],
    *,
    workers: int | None = None,
) -> Grid:
    """Fastest delivery (s after ready) and cheapest price from each origin to each district."""
    ready = int(request.ready_at.timestamp())
    key_rest = (
        request.weight_kg,
        request.dims_cm,
        request.cod,
        ready,
        request.max_handovers,
        request.handover_minutes,
        districts,
    )

    def one(origin: str) -> tuple[np.ndarray, np.ndarray]:
        key = (origin, *key_rest)
        with _CACHE_LOCK:
            hit = _CACHE.get(planner, {}).get(key)
        if hit is not None:
            return hit
        rows = planner.tariff(replace(request, origin=origin, destination=origin), list(districts))
        t = np.array([-1 if e is None else int(e.timestamp()) - ready for _, e, _ in rows], np.int64)
        p = np.array([-1 if c is None else c for _, _, c in rows], np.int64)
        with _CACHE_LOCK:
            entries = _CACHE.setdefault(planner, {})
            if len(entries) >= _CACHE_PER_PLANNER:
                entries.pop(next(iter(entries)))
            entries[key] = (t, p)
        return t, p

    n = workers or _workers()
    if n > 1 and len(origins) > 1:
        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(one, origins))
    else:
        results = [one(o) for o in origins]
    shape = (len(origins), len(districts))
    time_s = np.stack([r[0] for r in results]) if results else np.empty(shape, np.int64)
    price = np.stack([r[1] for r in results]) if results else np.empty(shape, np.int64)
    return Grid(origins, districts, time_s, price)


# -- the use case ----------------------------------------------------------------------------------
@dataclass(slots=True)
class Planners:
    """Today's compiled network and planner (warm from the live snapshot, or built here)."""

    compiled: CompiledNetwork
    today: Planner

    @classmethod
    def build(cls, network: Network) -> Planners:
        compiled = CompiledNetwork(list(network.feeds))
        return cls(compiled, Planner(compiled, HandoverPolicy.from_pairs(list(network.pairs))))


def _policy(pairs: tuple[Pair, ...] | list[Pair]) -> HandoverPolicy:
    return HandoverPolicy.from_pairs(list(pairs))


def _origins(resolver: AddressResolver, texts: list[str] | None) -> list[str]:
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
    today: Network,
    proposal: Proposal,
    q: ImpactInput,
    *,
    atlas: Atlas,
    resolver: AddressResolver,
    planners: Planners | None = None,
    ceiling_today: Planner | None = None,
    pending: dict[frozenset[str], tuple[str, int]] | None = None,
    workers: int | None = None,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Compare today's network with `proposal`; the answer of `jalin impact --json` and the API.

    `ceiling_today` (the live snapshot's open planner) is reused when the proposal keeps the
    feeds; `pending` maps carrier pairs to their pipeline (stage, fee) for the ranking.
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
    origins = tuple(_origins(resolver, q.origins))
    after = apply_proposal(list(today.feeds), list(today.pairs), proposal)
    districts = tuple(sorted(a.code for a in atlas.areas(Level.DISTRICT)))
    request = QuoteRequest(
        origins[0], origins[0], weight, ready, dims, False, q.max_handovers, q.handover_minutes
    )

    planners = planners or Planners.build(today)
    after_compiled = CompiledNetwork(list(after.feeds)) if proposal.changes_feeds() else planners.compiled
    after_planner = Planner(after_compiled, _policy(after.pairs))
    lap("planners")

    def grid(planner: Planner, max_handovers: int | None = None) -> Grid:
        r = request if max_handovers is None else replace(request, max_handovers=max_handovers)
        return one_to_all_grid(planner, r, origins, districts, workers=workers)

    before_grid = grid(planners.today)
    lap("today")
    after_grid = grid(after_planner)
    lap("proposal")
    remote = disadvantaged_regencies()
    comparison = compare(before_grid, after_grid, remote)
    scenarios: dict[str, Any] = {
        "today": figures(before_grid).to_dict(),
        "proposal": figures(after_grid).to_dict(),
    }
    ceiling_grid = None
    if q.baselines or q.rank:
        scenarios["alone"] = figures(grid(planners.today, 0)).to_dict()
        lap("alone")
        ceiling = (
            ceiling_today
            if ceiling_today is not None and not proposal.changes_feeds()
            else Planner(after_compiled, HandoverPolicy.open())
        )
        ceiling_grid = grid(ceiling)
        scenarios["ceiling"] = figures(ceiling_grid).to_dict()
        lap("ceiling")

    ranking: list[dict[str, Any]] = []
    screened = 0
    if q.rank and ceiling_grid is not None:
        gap = gaps(after_grid, ceiling_grid)
        chosen = screen(after, gap, districts, q.rank)
        screened = len(chosen)
        for c in chosen:
            stage, fee = (pending or {}).get(frozenset((c.carrier_a, c.carrier_b)), (None, 0))
            extra: Pair = (c.carrier_a, c.carrier_b, fee, None)
            with_pair = grid(Planner(after_compiled, _policy([*after.pairs, extra])))
            gain = totals(after_grid, with_pair, remote)
            ranking.append(
                {
                    "carrier_a": c.carrier_a,
                    "carrier_b": c.carrier_b,
                    "stage": stage,
                    "fee_per_parcel": fee,
                    "screen_score": c.score,
                    **{
                        k: gain.to_dict()[k]
                        for k in (
                            "newly_reachable_pairs",
                            "faster_pairs",
                            "days_saved_median",
                            "cheaper_pairs",
                            "rupiah_saved_median",
                            "districts_gaining",
                            "remote_gaining",
                        )
                    },
                    "_score": gain.gain_score,
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
        "remote_source": DISADVANTAGED_SOURCE,
        "timing_s": timing,
    }
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
        "carriers_after": len(after.feeds),
        "agreements_after": len(after.pairs),
        "joined": sorted(joined),
    }


# -- the live network --------------------------------------------------------------------------------
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
    """`run_impact` on the live snapshot: today's planners come warm from it, the pipeline of
    not-yet-active agreements from the registry."""
    snapshot = state.snapshot()
    today_planner = snapshot.planner(open_handovers=False)
    with unit_of_work(state.engine) as uow:
        pending = pending_interline_pairs(uow.conn)
    return run_impact(
        Network(tuple(state.active_feeds()), tuple(snapshot.agreements)),
        proposal,
        q,
        atlas=atlas,
        resolver=resolver,
        planners=Planners(today_planner.net, today_planner),
        ceiling_today=snapshot.planner(open_handovers=True) if q.baselines or q.rank else None,
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
