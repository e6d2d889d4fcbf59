"""The merged national network: the active feeds of every carrier, read together.

Coverage answers who picks up and who delivers in a district (with which services), and how
many districts per province are reached by 0, 1 or 2+ carriers: the remote-district picture.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Protocol

from jalin.geo.atlas import Atlas, Level
from jalin.network.model import Feed, RunKind


def _districts(feed: Feed, atlas: Atlas, kind: RunKind) -> dict[str, set[str]]:
    """district -> services that pick up (or deliver) there."""
    cache: dict[str, list[str]] = {}
    out: dict[str, set[str]] = defaultdict(set)
    for run in feed.runs:
        if run.kind is not kind:
            continue
        code = (run.origin if kind is RunKind.PICKUP else run.destination).area_code
        assert code is not None
        if code not in cache:
            cache[code] = atlas.districts_within(code)
        for d in cache[code]:
            out[d].add(run.service_id)
    return out


def pickup_districts(feed: Feed, atlas: Atlas) -> dict[str, set[str]]:
    return _districts(feed, atlas, RunKind.PICKUP)


def delivery_districts(feed: Feed, atlas: Atlas) -> dict[str, set[str]]:
    return _districts(feed, atlas, RunKind.DELIVERY)


@dataclass(frozen=True, slots=True)
class CarrierCoverage:
    carrier_id: str
    carrier_name: str
    services: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "carrier_id": self.carrier_id,
            "carrier_name": self.carrier_name,
            "services": list(self.services),
        }


class CoverageView(Protocol):
    """What coverage answers need; `MergedNetwork` (from feeds) and `CompiledCoverage` (from a
    compiled snapshot) both provide it, with identical results."""

    @property
    def carrier_count(self) -> int: ...

    def coverage(self, district: str) -> dict[str, list[CarrierCoverage]]: ...

    def summary(self) -> list[dict[str, Any]]: ...


class MergedNetwork:
    """Read model over the active feeds; immutable once built (swap a new one in to update)."""

    def __init__(self, feeds: list[Feed], atlas: Atlas) -> None:
        self.atlas = atlas
        self.feeds = {f.carrier_id: f for f in sorted(feeds, key=lambda f: f.carrier_id)}
        self.pickup: dict[str, dict[str, set[str]]] = defaultdict(dict)
        self.delivery: dict[str, dict[str, set[str]]] = defaultdict(dict)
        for feed in self.feeds.values():
            for d, services in pickup_districts(feed, atlas).items():
                self.pickup[d][feed.carrier_id] = services
            for d, services in delivery_districts(feed, atlas).items():
                self.delivery[d][feed.carrier_id] = services

    @property
    def carrier_count(self) -> int:
        return len(self.feeds)

    def _list(self, by_carrier: dict[str, set[str]]) -> list[CarrierCoverage]:
        return [
            CarrierCoverage(c, self.feeds[c].info.carrier_name, tuple(sorted(s)))
            for c, s in sorted(by_carrier.items())
        ]

    def coverage(self, district: str) -> dict[str, list[CarrierCoverage]]:
        return {
            "pickup": self._list(self.pickup.get(district, {})),
            "delivery": self._list(self.delivery.get(district, {})),
        }

    def summary(self) -> list[dict[str, Any]]:
        """Per province: districts and how many are reached by 0, 1 and 2+ carriers (pickup, delivery)."""
        rows = []
        for p in sorted(self.atlas.areas(Level.PROVINCE), key=lambda a: a.code):
            districts = self.atlas.districts_within(p.code)
            row: dict[str, Any] = {"code": p.code, "name": p.name, "districts": len(districts)}
            for label, table in (("pickup", self.pickup), ("delivery", self.delivery)):
                counts = {"0": 0, "1": 0, "2+": 0}
                for d in districts:
                    n = len(table.get(d, {}))
                    counts["0" if n == 0 else "1" if n == 1 else "2+"] += 1
                row[label] = counts
            rows.append(row)
        return rows
