"""What ingest reads from the live network: each carrier's facilities (to place an event) and
its status-code table (to map its codes). Built once per network snapshot and kept while that
snapshot is current."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from jalin.network.model import Feed
from jalin.services.network_state import NetworkState
from jalin.tracking import Status, table_from_rows
from jalin.tracking.replan import CarrierGraph


@dataclass(frozen=True, slots=True)
class NetworkIndex:
    """(carrier, facility_id) -> district code; carrier -> {code: status}; carrier -> its live
    feed, and its search graph for the ETA re-plan (built on first use)."""

    facilities: dict[tuple[str, str], str] = field(default_factory=dict)
    codes: dict[str, dict[str, Status]] = field(default_factory=dict)
    feeds: dict[str, Feed] = field(default_factory=dict)
    _graphs: dict[str, CarrierGraph] = field(default_factory=dict)

    def graph(self, carrier: str) -> CarrierGraph | None:
        """The carrier's graph, or None when it has no live feed."""
        found = self._graphs.get(carrier)
        if found is None and carrier in self.feeds:
            with _lock:
                found = self._graphs.get(carrier)
                if found is None:
                    found = self._graphs[carrier] = CarrierGraph(self.feeds[carrier])
        return found


_cache: dict[str, NetworkIndex] = {}
_lock = threading.Lock()


def network_index(state: NetworkState | None) -> NetworkIndex:
    """The index of the current snapshot (empty without a network state)."""
    if state is None:
        return NetworkIndex()
    snap = state.snapshot()
    with _lock:
        found = _cache.get(snap.key)
        if found is not None:
            return found
    net = snap.network
    facilities = {
        (str(c), str(f)): str(a) for c, f, a in zip(net.fac_carrier, net.fac_id, net.fac_area, strict=True)
    }
    codes: dict[str, dict[str, Status]] = {}
    feeds = {feed.carrier_id: feed for feed in state.active_feeds()}
    for feed in feeds.values():
        if feed.status_codes:
            codes[feed.carrier_id] = table_from_rows([(r.code, r.status) for r in feed.status_codes])
    index = NetworkIndex(facilities, codes, feeds)
    with _lock:
        _cache.clear()  # one snapshot is current at a time
        _cache[snap.key] = index
    return index
