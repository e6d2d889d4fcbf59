"""Compare two networks' one-to-all answers, per destination district, per province and nationally.

A `Grid` holds, for each origin (rows) and destination district (columns), the fastest delivery
as seconds after the parcel is ready and the cheapest price in rupiah, -1 where no route exists
(the two need not come from the same route: that is what a tariff book shows). Comparing a grid
before and after a proposal looks at every origin-destination pair:

- newly reachable: no route before, one after (lost: the reverse);
- faster / slower: reachable in both and the fastest delivery moved; days saved = before - after;
- cheaper / pricier: reachable in both and the cheapest price moved; rupiah saved = before - after.

A destination *gains* when at least one origin reaches it newly, faster or cheaper. Districts are
marked *remote* (disadvantaged) and *frontier* from published lists of regencies (`places`), and
each sum says what share of its marked districts gain. Medians are
the middle value (the mean of the two middle ones for an even count) and p90 the nearest-rank
90th percentile, both over the pairs that improved; None when no pair did.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

DAY_S = 86400


@dataclass(frozen=True, slots=True)
class Grid:
    """One scenario's answers: `time_s` and `price` are int64 [origins, districts], -1 = unreachable."""

    origins: tuple[str, ...]
    districts: tuple[str, ...]
    time_s: np.ndarray
    price: np.ndarray

    def __post_init__(self) -> None:
        shape = (len(self.origins), len(self.districts))
        if self.time_s.shape != shape or self.price.shape != shape:
            raise ValueError(f"grid arrays must be {shape}, got {self.time_s.shape} and {self.price.shape}")

    @property
    def reachable(self) -> np.ndarray:
        return self.time_s >= 0

    def with_rows(self, rows: Grid) -> Grid:
        """This grid with the rows of the origins in `rows` replaced by `rows`' answers."""
        if rows.districts != self.districts:
            raise ValueError("the rows must cover the same districts")
        index = [self.origins.index(o) for o in rows.origins]
        time_s, price = self.time_s.copy(), self.price.copy()
        time_s[index], price[index] = rows.time_s, rows.price
        return Grid(self.origins, self.districts, time_s, price)


def median(values: np.ndarray) -> float | None:
    return float(np.median(values)) if len(values) else None


def p90(values: np.ndarray) -> float | None:
    """Nearest-rank 90th percentile."""
    if not len(values):
        return None
    ordered = np.sort(values)
    return float(ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)])


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / DAY_S, 2)


def _rupiah(value: float | None) -> int | None:
    return None if value is None else round(value)


@dataclass(frozen=True, slots=True)
class Figures:
    """One scenario on its own: how much of the origin-destination grid it serves, and how well."""

    pairs: int
    reachable_pairs: int
    reachable_districts: int  # reached from at least one origin
    median_days: float | None
    median_price: int | None

    def to_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "reachable_pairs": self.reachable_pairs,
            "reachable_districts": self.reachable_districts,
            "median_days": self.median_days,
            "median_price": self.median_price,
        }


def figures(grid: Grid) -> Figures:
    ok = grid.reachable
    return Figures(
        pairs=int(ok.size),
        reachable_pairs=int(ok.sum()),
        reachable_districts=int(ok.any(axis=0).sum()),
        median_days=_days(median(grid.time_s[ok])),
        median_price=_rupiah(median(grid.price[ok])),
    )


@dataclass(frozen=True, slots=True)
class DistrictRow:
    """One destination district over the origin set (counts are origins; medians over origins)."""

    code: str
    remote: bool
    frontier: bool
    reach_before: int
    reach_after: int
    days_before: float | None  # median fastest delivery over the origins that reach it
    days_after: float | None
    price_before: int | None  # median cheapest price over the origins that reach it
    price_after: int | None
    newly_reachable: int
    lost: int
    faster: int
    slower: int
    cheaper: int
    pricier: int
    days_saved: float | None  # median over the origins it became faster from
    rupiah_saved: int | None  # median over the origins it became cheaper from

    @property
    def gains(self) -> bool:
        return bool(self.newly_reachable or self.faster or self.cheaper)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "remote": self.remote,
            "frontier": self.frontier,
            "reach_before": self.reach_before,
            "reach_after": self.reach_after,
            "days_before": self.days_before,
            "days_after": self.days_after,
            "price_before": self.price_before,
            "price_after": self.price_after,
            "newly_reachable": self.newly_reachable,
            "lost": self.lost,
            "faster": self.faster,
            "slower": self.slower,
            "cheaper": self.cheaper,
            "pricier": self.pricier,
            "days_saved": self.days_saved,
            "rupiah_saved": self.rupiah_saved,
            "gains": self.gains,
        }


@dataclass(frozen=True, slots=True)
class Totals:
    """A group of destination districts (a province, or the nation) summed over the origin set."""

    districts: int
    remote_districts: int
    reachable_pairs_before: int
    reachable_pairs_after: int
    newly_reachable_pairs: int
    lost_pairs: int
    newly_reachable_districts: int  # reached from no origin before, from at least one after
    lost_districts: int
    faster_pairs: int
    slower_pairs: int
    days_saved_median: float | None
    days_saved_p90: float | None
    cheaper_pairs: int
    pricier_pairs: int
    rupiah_saved_median: int | None
    districts_gaining: int
    remote_gaining: int
    frontier_districts: int
    frontier_gaining: int

    @property
    def remote_share_gaining(self) -> float | None:
        """Share (0-1) of the group's disadvantaged districts that gain; None when it has none."""
        return round(self.remote_gaining / self.remote_districts, 4) if self.remote_districts else None

    @property
    def frontier_share_gaining(self) -> float | None:
        """Share (0-1) of the group's frontier districts that gain; None when it has none."""
        return round(self.frontier_gaining / self.frontier_districts, 4) if self.frontier_districts else None

    def to_dict(self) -> dict[str, object]:
        return {
            "districts": self.districts,
            "remote_districts": self.remote_districts,
            "reachable_pairs_before": self.reachable_pairs_before,
            "reachable_pairs_after": self.reachable_pairs_after,
            "newly_reachable_pairs": self.newly_reachable_pairs,
            "lost_pairs": self.lost_pairs,
            "newly_reachable_districts": self.newly_reachable_districts,
            "lost_districts": self.lost_districts,
            "faster_pairs": self.faster_pairs,
            "slower_pairs": self.slower_pairs,
            "days_saved_median": self.days_saved_median,
            "days_saved_p90": self.days_saved_p90,
            "cheaper_pairs": self.cheaper_pairs,
            "pricier_pairs": self.pricier_pairs,
            "rupiah_saved_median": self.rupiah_saved_median,
            "districts_gaining": self.districts_gaining,
            "remote_gaining": self.remote_gaining,
            "remote_share_gaining": self.remote_share_gaining,
            "frontier_districts": self.frontier_districts,
            "frontier_gaining": self.frontier_gaining,
            "frontier_share_gaining": self.frontier_share_gaining,
        }

    @property
    def gain_score(self) -> tuple[int, float, int]:
        """How a proposal ranks against another: pairs newly reachable, then days saved in total
        (approximated as median x count), then pairs made cheaper."""
        return (
            self.newly_reachable_pairs,
            (self.days_saved_median or 0.0) * self.faster_pairs,
            self.cheaper_pairs,
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    rows: tuple[DistrictRow, ...]
    national: Totals
    provinces: dict[str, Totals]  # by province code of the destination


@dataclass(frozen=True, slots=True)
class _Deltas:
    """Boolean and value arrays [origins, districts] of one comparison."""

    before_ok: np.ndarray
    after_ok: np.ndarray
    new: np.ndarray
    lost: np.ndarray
    faster: np.ndarray
    slower: np.ndarray
    cheaper: np.ndarray
    pricier: np.ndarray
    saved_s: np.ndarray
    saved_rp: np.ndarray


def _deltas(before: Grid, after: Grid) -> _Deltas:
    if before.origins != after.origins or before.districts != after.districts:
        raise ValueError("before and after must cover the same origins and districts")
    b_ok, a_ok = before.reachable, after.reachable
    both = b_ok & a_ok
    saved_s = before.time_s - after.time_s
    saved_rp = before.price - after.price
    return _Deltas(
        b_ok,
        a_ok,
        a_ok & ~b_ok,
        b_ok & ~a_ok,
        both & (saved_s > 0),
        both & (saved_s < 0),
        both & (saved_rp > 0),
        both & (saved_rp < 0),
        saved_s,
        saved_rp,
    )


def _totals(d: _Deltas, cols: np.ndarray, remote: np.ndarray, frontier: np.ndarray) -> Totals:
    """Totals over the destination columns `cols` (indices)."""

    def sub(a: np.ndarray) -> np.ndarray:
        return a[:, cols]

    gaining = (sub(d.new) | sub(d.faster) | sub(d.cheaper)).any(axis=0)
    saved_days = sub(d.saved_s)[sub(d.faster)]
    saved_rp = sub(d.saved_rp)[sub(d.cheaper)]
    r, f = remote[cols], frontier[cols]
    before_any, after_any = sub(d.before_ok).any(axis=0), sub(d.after_ok).any(axis=0)
    return Totals(
        districts=len(cols),
        remote_districts=int(r.sum()),
        reachable_pairs_before=int(sub(d.before_ok).sum()),
        reachable_pairs_after=int(sub(d.after_ok).sum()),
        newly_reachable_pairs=int(sub(d.new).sum()),
        lost_pairs=int(sub(d.lost).sum()),
        newly_reachable_districts=int((after_any & ~before_any).sum()),
        lost_districts=int((before_any & ~after_any).sum()),
        faster_pairs=int(sub(d.faster).sum()),
        slower_pairs=int(sub(d.slower).sum()),
        days_saved_median=_days(median(saved_days)),
        days_saved_p90=_days(p90(saved_days)),
        cheaper_pairs=int(sub(d.cheaper).sum()),
        pricier_pairs=int(sub(d.pricier).sum()),
        rupiah_saved_median=_rupiah(median(saved_rp)),
        districts_gaining=int(gaining.sum()),
        remote_gaining=int((gaining & r).sum()),
        frontier_districts=int(f.sum()),
        frontier_gaining=int((gaining & f).sum()),
    )


def marked(districts: tuple[str, ...], regencies: Iterable[str]) -> np.ndarray:
    """Per district: whether its regency (NN.NN) is in `regencies`."""
    chosen = frozenset(regencies)
    return np.array([c[:5] in chosen for c in districts], np.bool_)


def compare(
    before: Grid, after: Grid, remote: Iterable[str] = (), frontier: Iterable[str] = ()
) -> Comparison:
    """Per destination district and summed per province and nationally; `remote` and `frontier`
    hold regency codes (NN.NN) whose districts count as disadvantaged and as frontier."""
    d = _deltas(before, after)
    is_remote, is_frontier = marked(before.districts, remote), marked(before.districts, frontier)
    rows = []
    for j, code in enumerate(before.districts):
        b_ok, a_ok = d.before_ok[:, j], d.after_ok[:, j]
        faster, cheaper = d.faster[:, j], d.cheaper[:, j]
        rows.append(
            DistrictRow(
                code=code,
                remote=bool(is_remote[j]),
                frontier=bool(is_frontier[j]),
                reach_before=int(b_ok.sum()),
                reach_after=int(a_ok.sum()),
                days_before=_days(median(before.time_s[b_ok, j])),
                days_after=_days(median(after.time_s[a_ok, j])),
                price_before=_rupiah(median(before.price[b_ok, j])),
                price_after=_rupiah(median(after.price[a_ok, j])),
                newly_reachable=int(d.new[:, j].sum()),
                lost=int(d.lost[:, j].sum()),
                faster=int(faster.sum()),
                slower=int(d.slower[:, j].sum()),
                cheaper=int(cheaper.sum()),
                pricier=int(d.pricier[:, j].sum()),
                days_saved=_days(median(d.saved_s[faster, j])),
                rupiah_saved=_rupiah(median(d.saved_rp[cheaper, j])),
            )
        )
    by_province: dict[str, list[int]] = {}
    for j, code in enumerate(before.districts):
        by_province.setdefault(code[:2], []).append(j)
    provinces = {
        p: _totals(d, np.array(cols, np.int64), is_remote, is_frontier)
        for p, cols in sorted(by_province.items())
    }
    national = _totals(d, np.arange(len(before.districts), dtype=np.int64), is_remote, is_frontier)
    return Comparison(tuple(rows), national, provinces)


def totals(before: Grid, after: Grid, remote: Iterable[str] = (), frontier: Iterable[str] = ()) -> Totals:
    """The national totals alone (what ranking a candidate agreement needs)."""
    d = _deltas(before, after)
    return _totals(
        d,
        np.arange(len(before.districts), dtype=np.int64),
        marked(before.districts, remote),
        marked(before.districts, frontier),
    )
