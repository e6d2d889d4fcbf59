"""The live merged network: rebuilt when the set of active versions changes, swapped atomically.

`current()` asks the database which version each carrier has active (one small query). When
that set differs from the one the cached network was built from, a new `MergedNetwork` is
built from the parsed feeds (each version parsed once per process and kept) and then replaces
the old one in a single assignment. Callers holding the old network keep using it safely.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import Engine

from jalin.geo.atlas import Atlas
from jalin.network.merged import MergedNetwork
from jalin.network.model import Feed
from jalin.services.publishing import load_feed
from jalin.storage import feeds as store


class NetworkState:
    def __init__(self, engine: Engine, atlas: Callable[[], Atlas]) -> None:
        """`atlas` is called on first use, so building the state costs nothing."""
        self.engine, self._atlas = engine, atlas
        self._feeds: dict[int, Feed] = {}
        self._key: frozenset[tuple[str, int]] | None = None
        self._network: MergedNetwork | None = None
        self._lock = threading.Lock()

    def active_key(self) -> frozenset[tuple[str, int]]:
        with self.engine.connect() as conn:
            return frozenset(store.active_version_ids(conn).items())

    def current(self) -> MergedNetwork:
        key = self.active_key()
        network = self._network
        if network is not None and key == self._key:
            return network
        with self._lock:
            if self._network is not None and key == self._key:
                return self._network
            feeds = []
            for _, version_id in sorted(key):
                if version_id not in self._feeds:
                    self._feeds[version_id] = load_feed(self.engine, version_id, self._atlas())
                feeds.append(self._feeds[version_id])
            built = MergedNetwork(feeds, self._atlas())
            self._network, self._key = built, key
            return built
