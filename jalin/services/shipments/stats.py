"""Shipment reports for the DPP (the portal's reports page): shipments booked per week, and the
on-time rate per carrier and per handover pair.

Definitions (docs/portal.md):
- a week is an ISO week in WIB (UTC+7), labelled `YYYY-Www`, like settlement periods;
- a shipment is *delivered* when its status is `delivered`; it was delivered at its last leg's
  `gave_at` (when the last carrier gave up custody, to the recipient);
- it is *on time* when delivered at or before `planned_delivery`;
- a carrier's rate counts every delivered shipment it carried a leg of (once per shipment); a
  handover pair's rate every delivered shipment with that handover (once per shipment);
- rates are whole percent of delivered shipments, None when none was delivered.
Test shipments are left out. Only the DPP may read these (network-wide figures)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Engine

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.storage import shipment_stats as store

WIB = timezone(timedelta(hours=7))


@dataclass(frozen=True, slots=True)
class OnTime:
    """Delivered shipments and how many of them on time, for one carrier or one handover pair."""

    key: str
    delivered: int
    on_time: int

    @property
    def percent(self) -> int | None:
        return None if self.delivered == 0 else round(100 * self.on_time / self.delivered)


def week_of(at: datetime) -> str:
    """The ISO week of `at` in WIB, as `YYYY-Www`."""
    year, week, _ = at.astimezone(WIB).isocalendar()
    return f"{year}-W{week:02d}"


def weekly_counts(created: Iterable[datetime]) -> dict[str, int]:
    """Shipments booked per WIB ISO week, weeks in order (weeks without shipments left out)."""
    out: dict[str, int] = {}
    for at in created:
        w = week_of(at)
        out[w] = out.get(w, 0) + 1
    return dict(sorted(out.items()))


def on_time_rates(shipments: list[dict[str, Any]]) -> tuple[list[OnTime], list[OnTime]]:
    """From `[{status, planned_delivery, legs: [{carrier, gave_at}], pairs: [(from, to)]}]`:
    on-time figures per carrier and per handover pair `from→to`, each sorted by key."""
    carriers: dict[str, list[int]] = {}
    pairs: dict[str, list[int]] = {}
    for s in shipments:
        if s["status"] != "delivered" or not s["legs"] or s["legs"][-1]["gave_at"] is None:
            continue
        on_time = int(s["legs"][-1]["gave_at"] <= s["planned_delivery"])
        for c in {leg["carrier"] for leg in s["legs"]}:
            carriers.setdefault(c, [0, 0])
            carriers[c][0] += 1
            carriers[c][1] += on_time
        for key in {f"{a}→{b}" for a, b in s["pairs"]}:
            pairs.setdefault(key, [0, 0])
            pairs[key][0] += 1
            pairs[key][1] += on_time
    return (
        [OnTime(k, d, o) for k, (d, o) in sorted(carriers.items())],
        [OnTime(k, d, o) for k, (d, o) in sorted(pairs.items())],
    )


def shipment_report(
    engine: Engine, who: Principal, *, weeks: int = 12, now: datetime | None = None
) -> dict[str, Any]:
    """`{weeks: {week: count}, carriers: [OnTime], pairs: [OnTime]}` over real shipments booked in
    the last `weeks` weeks. The DPP only."""
    if who.role is not Role.ADMIN:
        raise JalinError(CommonErrorCode.FORBIDDEN, "only the DPP reads network-wide shipment figures")
    since = (now or datetime.now(UTC)) - timedelta(weeks=weeks)
    with engine.connect() as conn:
        rows = store.shipments_since(conn, since)
        legs, pairs = store.legs_and_pairs(conn, [r["id"] for r in rows])
    full = [{**r, "legs": legs.get(r["id"], []), "pairs": pairs.get(r["id"], [])} for r in rows]
    by_carrier, by_pair = on_time_rates(full)
    return {"weeks": weekly_counts(r["created_at"] for r in rows), "carriers": by_carrier, "pairs": by_pair}
