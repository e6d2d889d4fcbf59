"""What ingest reads from the live network: each carrier's facilities (to place an event) and
its status-code table (to map its codes). Built once per network snapshot and kept while that
snapshot is current."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from jalin.services.network_state import NetworkState
from jalin.tracking import Status, table_from_rows


@dataclass(frozen=True, slots=True)
class NetworkIndex:
    """(carrier, facility_id) -> district code; carrier -> {code: status}."""

    facilities: dict[tuple[str, str], str] = field(default_factory=dict)
    codes: dict[str, dict[str, Status]] = field(default_factory=dict)


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
    for feed in state.active_feeds():
        rows = getattr(feed, "status_codes", None)
        if rows:
            codes[feed.carrier_id] = table_from_rows([(r.code, r.status) for r in rows])
    index = NetworkIndex(facilities, codes)
    with _lock:
        _cache.clear()  # one snapshot is current at a time
        _cache[snap.key] = index
    return index
