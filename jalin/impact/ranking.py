"""Which not-yet-active carrier pairs are worth evaluating, and in what order.

A candidate is a pair of carriers of the network that meet (each has a handover facility in a
common district) and have no agreement the planner may use. Evaluating one exactly costs a
planner and a one-to-all per origin, so candidates are first screened by an upper bound:

- the ceiling (every pair open, no fee) is at least as good as any network with fewer or dearer
  handovers, so where the ceiling does not beat today's network for a destination district
  (its *gap* is 0), no single agreement can either;
- a route through a new pair's handover ends with a delivery by either carrier, or by a carrier
  either hands over to through the network's agreements within the handovers left (A -> B, then
  B -> C under an agreement in force, and C delivers): a pair whose gaps over all those districts
  sum to 0 (`through`) cannot gain and is dropped;
- the others are ordered by the gaps of the districts either carrier itself delivers to
  (`score`), then by `through`. (`through` alone orders badly: in a network where most carriers
  have an agreement with a national one, most pairs reach nearly every district.)

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
    through: int  # the same over the districts a route through the pair's handover may end in


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


def within(network: Network, hops: int) -> dict[str, frozenset[str]]:
    """Per carrier: itself and the carriers it reaches through at most `hops` of the network's
    agreements (any fee, any district: an upper bound)."""
    linked: dict[str, set[str]] = {c: set() for c in network.carrier_ids}
    for a, b, *_ in network.pairs:
        if a != b and a in linked and b in linked:
            linked[a].add(b)
            linked[b].add(a)
    out = {}
    for start in linked:
        seen, frontier = {start}, {start}
        for _ in range(max(0, hops)):
            frontier = {n for c in frontier for n in linked[c]} - seen
            if not frontier:
                break
            seen |= frontier
        out[start] = frozenset(seen)
    return out


def screen(
    network: Network, gap: np.ndarray, districts: tuple[str, ...], limit: int, max_handovers: int = 2
) -> list[Candidate]:
    """The `limit` candidates with the highest `score`, then `through` (ties by carrier ids);
    pairs whose `through` is 0 cannot gain and are dropped. A route through a new pair's handover
    has `max_handovers - 1` handovers left, so it may end with any carrier within that many
    agreements of either: their districts count in `through`."""
    if limit <= 0 or max_handovers < 1:
        return []
    delivers = np.zeros((len(network.carriers), len(districts)), np.bool_)
    row = {c: i for i, c in enumerate(network.carrier_ids)}
    for c, cols in delivered(network, districts).items():
        delivers[row[c], cols] = True
    # Per carrier: the districts a route may end in once it holds the parcel, handovers left.
    ends = {
        c: delivers[[row[o] for o in sorted(others)]].any(axis=0)
        for c, others in within(network, max_handovers - 1).items()
    }
    scored = []
    for a, b in candidates(network):
        through = int(gap[ends[a] | ends[b]].sum())
        if through > 0:
            own = int(gap[delivers[row[a]] | delivers[row[b]]].sum())
            scored.append(Candidate(a, b, own, through))
    scored.sort(key=lambda c: (-c.score, -c.through, c.carrier_a, c.carrier_b))
    return scored[:limit]
