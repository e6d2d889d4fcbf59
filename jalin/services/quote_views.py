"""Quote options as a person reads them: carriers and services by name, days on the way, badges.

Pure functions over the quote answer (the JSON of `POST /v1/quotes`), shared by the CLI and the
price-check page so both say the same. Nothing here changes the answer's contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Badge = Literal["fastest", "cheapest", "fewest_handovers"]
SortKey = Literal["arrival", "price", "handovers"]
SORT_KEYS: tuple[SortKey, ...] = ("arrival", "price", "handovers")


@dataclass(frozen=True, slots=True)
class Segment:
    """Consecutive runs of one carrier; `service` is the name of its longest run's service."""

    carrier: str  # code
    carrier_name: str
    service: str


@dataclass(slots=True)
class OptionView:
    index: int  # position in the answer (0 = earliest arrival)
    delivered_at: str  # ISO instant with the destination's offset
    days: int  # calendar days from the ready date (origin's zone) to the delivery date (destination's)
    price: int  # rupiah
    handovers: int
    pickup_at: str | None  # first run's departure, ISO with the origin's offset
    segments: list[Segment]
    legs: list[dict[str, Any]]
    badges: list[Badge] = field(default_factory=list)

    @property
    def delivered_at_utc(self) -> datetime:
        """The arrival as an aware instant (comparable across zones)."""
        return datetime.fromisoformat(self.delivered_at)

    @property
    def carriers(self) -> list[str]:
        return [s.carrier_name for s in self.segments]


def _segments(legs: list[dict[str, Any]]) -> list[Segment]:
    out: list[Segment] = []
    groups: list[list[dict[str, Any]]] = []
    for leg in legs:
        if leg["type"] != "run":
            continue
        if groups and groups[-1][0]["carrier"] == leg["carrier"]:
            groups[-1].append(leg)
        else:
            groups.append([leg])
    for runs in groups:
        longest = max(
            runs,
            key=lambda r: datetime.fromisoformat(r["arrival"]) - datetime.fromisoformat(r["departure"]),
        )
        first = runs[0]
        out.append(
            Segment(
                first["carrier"],
                first.get("carrier_name") or first["carrier"],
                longest.get("service_name") or longest["service"],
            )
        )
    return out


def _local_date(iso: str) -> date:
    return datetime.fromisoformat(iso).date()


def option_views(body: dict[str, Any]) -> list[OptionView]:
    """One view per option, in the answer's order, with the three badges given out once each.

    Ties go to the option listed first (the earlier arrival): the fastest is the earliest
    arrival, the cheapest the lowest price, "fewest handovers" the fewest (only when options
    differ in handovers, since otherwise it says nothing).
    """
    ready = _local_date(body["ready_at"])
    views = []
    for i, opt in enumerate(body["options"]):
        runs = [leg for leg in opt["legs"] if leg["type"] == "run"]
        views.append(
            OptionView(
                index=i,
                delivered_at=opt["delivered_at"],
                days=(_local_date(opt["delivered_at"]) - ready).days,
                price=opt["price"],
                handovers=opt["handovers"],
                pickup_at=runs[0]["departure"] if runs else None,
                segments=_segments(opt["legs"]),
                legs=opt["legs"],
            )
        )
    if not views:
        return views
    min(views, key=lambda v: (v.delivered_at_utc, v.index)).badges.append("fastest")
    min(views, key=lambda v: (v.price, v.index)).badges.append("cheapest")
    if len({v.handovers for v in views}) > 1:
        min(views, key=lambda v: (v.handovers, v.index)).badges.append("fewest_handovers")
    return views


def sort_views(views: list[OptionView], key: SortKey) -> list[OptionView]:
    """Sorted by arrival, price or handovers; the other two break ties in that order."""
    if key == "price":
        return sorted(views, key=lambda v: (v.price, v.delivered_at_utc, v.handovers))
    if key == "handovers":
        return sorted(views, key=lambda v: (v.handovers, v.delivered_at_utc, v.price))
    return sorted(views, key=lambda v: (v.delivered_at_utc, v.price, v.handovers))


def filter_views(
    views: list[OptionView], *, max_handovers: int | None = None, carrier: str | None = None
) -> list[OptionView]:
    """Options with at most `max_handovers` handovers that use `carrier` (a code) on some leg."""
    return [
        v
        for v in views
        if (max_handovers is None or v.handovers <= max_handovers)
        and (carrier is None or any(s.carrier == carrier for s in v.segments))
    ]


def carriers_in(views: list[OptionView]) -> list[tuple[str, str]]:
    """(code, name) of every carrier in the options, by name."""
    seen = {s.carrier: s.carrier_name for v in views for s in v.segments}
    return sorted(seen.items(), key=lambda kv: kv[1].lower())
