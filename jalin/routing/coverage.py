"""Coverage (who picks up and delivers where) read from the compiled network.

Gives the same answers as `jalin.network.merged.MergedNetwork`, which reads the parsed feeds,
but needs only the compiled arrays, so a snapshot read from disk answers without parsing a
feed. A run's area is a province, regency or district code, so the runs covering a district
are the runs whose area is one of its three prefixes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jalin.geo.atlas import Atlas, Level
from jalin.network.merged import CarrierCoverage
from jalin.routing.compiled import AreaIndex, CompiledNetwork


class CompiledCoverage:
    """Coverage per district and the per-province summary over one compiled network."""

    def __init__(self, network: CompiledNetwork, atlas: Atlas) -> None:
        self.net, self.atlas = network, atlas

    @property
    def carrier_count(self) -> int:
        return len(self.net.carriers)

    def _by_carrier(self, index: AreaIndex, district: str) -> dict[str, set[str]]:
        net = self.net
        out: dict[str, set[str]] = defaultdict(set)
        for r in net.runs_covering(index, district):
            s = int(net.run_svc[r])
            out[net.svc_carrier[s]].add(net.svc_id[s])
        return out

    def coverage(self, district: str) -> dict[str, list[CarrierCoverage]]:
        area = self.atlas.get(district)
        known = area is not None and area.level == Level.DISTRICT
        result = {}
        for key, index in (("pickup", self.net.pickups_by_area), ("delivery", self.net.deliveries_by_area)):
            by_carrier = self._by_carrier(index, district) if known else {}
            result[key] = [
                CarrierCoverage(c, self.net.carrier_names[c], tuple(sorted(s)))
                for c, s in sorted(by_carrier.items())
            ]
        return result

    def _carriers_per_area(self, index: AreaIndex) -> dict[str, set[str]]:
        net = self.net
        return {
            area: {net.svc_carrier[s] for s in net.run_svc[runs].tolist()} for area, runs in index.items()
        }

    def summary(self) -> list[dict[str, Any]]:
        """Per province: districts and how many are reached by 0, 1 and 2+ carriers (pickup, delivery)."""
        tables = {
            "pickup": self._carriers_per_area(self.net.pickups_by_area),
            "delivery": self._carriers_per_area(self.net.deliveries_by_area),
        }
        empty: set[str] = set()
        rows = []
        for p in sorted(self.atlas.areas(Level.PROVINCE), key=lambda a: a.code):
            districts = self.atlas.districts_within(p.code)
            row: dict[str, Any] = {"code": p.code, "name": p.name, "districts": len(districts)}
            for label, per_area in tables.items():
                counts = {"0": 0, "1": 0, "2+": 0}
                for d in districts:
                    n = len(per_area.get(d[:2], empty) | per_area.get(d[:5], empty) | per_area.get(d, empty))
                    counts["0" if n == 0 else "1" if n == 1 else "2+"] += 1
                row[label] = counts
            rows.append(row)
        return rows
