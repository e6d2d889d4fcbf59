"""Which not-yet-active carrier pairs are worth evaluating, and in what order.

A candidate is a pair of carriers of the network that meet (each has a handover facility in a
common district) and have no agreement the planner may use. Evaluating one exactly costs a
planner and a one-to-all per origin, so candidates are first screened by an upper bound:

- the ceiling (every pair open, no fee) is at least as good as any network with fewer or dearer
  handovers, so where the ceiling does not beat today's network for a destination district
  (its *gap* is 0), no single agreement can either;
- a pair is scored by the gaps of the districts either carrier delivers to, the districts where
  its own deliveries could bring a gain.

The screen only orders candidates; the ranking shown is the exact gain of the best-screened
pairs, each evaluated alone against the proposal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jalin.impact.compare import Grid
from jalin.impact.proposal import Network

#: The figures of a ranked pair's gain, in the order reports show them (the answer's `ranking`,
#: the ranking CSV, the report's and the portal's tables): keys of `Totals.to_dict()`.
RANKED_FIGURES = (
    "newly_reachable_pairs",
    "faster_pairs",
    "days_saved_median",
    "cheaper_pairs",
    "rupiah_saved_median",
    "districts_gaining",
    "remote_gaining",
    "frontier_gaining",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    carrier_a: str
    carrier_b: str
    score: int  # sum of gaps (origins the ceiling serves better) over the districts either delivers to


def gaps(network: Grid, ceiling: Grid, axis: int = 0) -> np.ndarray:
    """Per destination district (axis 0): origins for which the ceiling is newly reachable, faster
    or cheaper; per origin (axis 1): districts for which it is."""
    n_ok, c_ok = network.reachable, ceiling.reachable
    both = n_ok & c_ok
    better = (
        (c_ok & ~n_ok) | (both & (ceiling.time_s < network.time_s)) | (both & (ceiling.price < network.price))
    )
    return better.sum(axis=axis).astype(np.int64)


def delivered(network: Network, districts: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Per carrier: indices of the districts (in `districts`) its delivery runs cover."""
    index: dict[str, list[int]] = {}
    for j, d in enumerate(districts):
        for k in (2, 5, 8):
            index.setdefault(d[:k], []).append(j)
    out = {}
    for carrier in network.carriers:
        cols = sorted({j for a in carrier.delivery_areas for j in index.get(a, ())})
        out[carrier.carrier_id] = np.array(cols, np.int64)
    return out


def candidates(network: Network) -> list[tuple[str, str]]:
    """Pairs that meet somewhere and have no agreement in `network`, sorted."""
    agreed = {frozenset((p[0], p[1])) for p in network.pairs}
    by_district: dict[str, list[str]] = {}
    for carrier in network.carriers:
        for d in carrier.handover_districts:
            by_district.setdefault(d, []).append(carrier.carrier_id)
    pairs: set[tuple[str, str]] = set()
    for carriers in by_district.values():
        cs = sorted(carriers)
        for i, a in enumerate(cs):
            for b in cs[i + 1 :]:
                if frozenset((a, b)) not in agreed:
                    pairs.add((a, b))
    return sorted(pairs)


def screen(network: Network, gap: np.ndarray, districts: tuple[str, ...], limit: int) -> list[Candidate]:
    """The `limit` candidates with the highest score (ties by carrier ids); pairs scoring 0 are dropped."""
    if limit <= 0:
        return []
    cols = delivered(network, districts)
    scored = []
    for a, b in candidates(network):
        union = np.union1d(cols.get(a, np.empty(0, np.int64)), cols.get(b, np.empty(0, np.int64)))
        score = int(gap[union].sum()) if len(union) else 0
        if score > 0:
            scored.append(Candidate(a, b, score))
    scored.sort(key=lambda c: (-c.score, c.carrier_a, c.carrier_b))
    return scored[:limit]
