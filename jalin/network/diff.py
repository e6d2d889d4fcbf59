"""What changed between two versions of one carrier's feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jalin.geo.atlas import Atlas
from jalin.network.merged import delivery_districts, pickup_districts
from jalin.network.model import Feed


@dataclass(slots=True)
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed}


def _compare(a: dict[str, object], b: dict[str, object]) -> Changes:
    return Changes(
        added=sorted(b.keys() - a.keys()),
        removed=sorted(a.keys() - b.keys()),
        changed=sorted(k for k in a.keys() & b.keys() if a[k] != b[k]),
    )


@dataclass(slots=True)
class FeedDiff:
    carrier_id: str
    version_a: str
    version_b: str
    services: Changes
    facilities: Changes
    runs: Changes
    pickup_gained: list[str]
    pickup_lost: list[str]
    delivery_gained: list[str]
    delivery_lost: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "carrier_id": self.carrier_id,
            "from": self.version_a,
            "to": self.version_b,
            "services": self.services.to_dict(),
            "facilities": self.facilities.to_dict(),
            "runs": self.runs.to_dict(),
            "pickup": {"gained": self.pickup_gained, "lost": self.pickup_lost},
            "delivery": {"gained": self.delivery_gained, "lost": self.delivery_lost},
        }


def diff_feeds(a: Feed, b: Feed, atlas: Atlas) -> FeedDiff:
    """Services, facilities and runs (by id) added, removed and changed; districts gained and lost."""
    pa, pb = set(pickup_districts(a, atlas)), set(pickup_districts(b, atlas))
    da, db = set(delivery_districts(a, atlas)), set(delivery_districts(b, atlas))
    return FeedDiff(
        carrier_id=b.carrier_id,
        version_a=a.info.feed_version,
        version_b=b.info.feed_version,
        services=_compare(dict(a.services), dict(b.services)),
        facilities=_compare(dict(a.facilities), dict(b.facilities)),
        runs=_compare({r.run_id: r for r in a.runs}, {r.run_id: r for r in b.runs}),
        pickup_gained=sorted(pb - pa),
        pickup_lost=sorted(pa - pb),
        delivery_gained=sorted(db - da),
        delivery_lost=sorted(da - db),
    )
