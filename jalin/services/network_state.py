"""The live network: merged read model and compiled planners, rebuilt when the data changes.

Every write that changes what quotes see (publish, activate, agreements) bumps a counter in
the same transaction. `snapshot()` reads those counters (one small query); when they moved, it
reads the active versions and agreements and builds a new `Snapshot`, parsing each feed version
once per process. The new snapshot replaces the old one in a single assignment: a quote that
holds the old snapshot finishes on it, the next one gets the new. Planners are compiled lazily
per snapshot (agreements, or open handovers).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import cached_property

from sqlalchemy import Engine

from jalin.geo.atlas import Atlas
from jalin.network.merged import MergedNetwork
from jalin.network.model import Feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner
from jalin.services.publishing import load_feed
from jalin.services.registry import active_interline_pairs
from jalin.storage import feeds as store
from jalin.storage.counters import read_counters


class Snapshot:
    """One consistent view: the active feeds, their merged coverage, the agreements and planners."""

    def __init__(
        self, feeds: list[Feed], agreements: list[tuple[str, str, int, frozenset[str] | None]], atlas: Atlas
    ) -> None:
        self.feeds = feeds
        self.agreements = agreements
        self._atlas = atlas
        self._compiled: CompiledNetwork | None = None
        self._planners: dict[bool, Planner] = {}
        self._lock = threading.Lock()

    @cached_property
    def merged(self) -> MergedNetwork:
        """Coverage read model (built on first use: quotes do not need it)."""
        return MergedNetwork(self.feeds, self._atlas)

    def planner(self, *, open_handovers: bool) -> Planner:
        with self._lock:
            if open_handovers not in self._planners:
                if self._compiled is None:
                    self._compiled = CompiledNetwork(self.feeds)
                policy = (
                    HandoverPolicy.open() if open_handovers else HandoverPolicy.from_pairs(self.agreements)
                )
                self._planners[open_handovers] = Planner(self._compiled, policy)
            return self._planners[open_handovers]


class NetworkState:
    def __init__(self, engine: Engine, atlas: Callable[[], Atlas]) -> None:
        """`atlas` is called on first use, so building the state costs nothing."""
        self.engine, self._atlas = engine, atlas
        self._feeds: dict[int, Feed] = {}
        self._counters: dict[str, object] | None = None
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def _counters_now(self, conn) -> dict[str, object]:
        """The change counters plus today's date (agreements start and end by date)."""
        return {**read_counters(conn), "today": date.today()}

    def snapshot(self) -> Snapshot:
        with self.engine.connect() as conn:
            counters = self._counters_now(conn)
        current = self._snapshot
        if current is not None and counters == self._counters:
            return current
        with self._lock:
            if self._snapshot is not None and counters == self._counters:
                return self._snapshot
            with self.engine.connect() as conn:
                counters = self._counters_now(conn)
                active = sorted(store.active_version_ids(conn).items())
                agreements = active_interline_pairs(conn, counters["today"])  # type: ignore[arg-type]
            feeds = []
            for _, version_id in active:
                if version_id not in self._feeds:
                    self._feeds[version_id] = load_feed(self.engine, version_id, self._atlas())
                feeds.append(self._feeds[version_id])
            built = Snapshot(feeds, agreements, self._atlas())
            self._snapshot, self._counters = built, counters
            return built

    def current(self) -> MergedNetwork:
        """The merged coverage read model of the current snapshot."""
        return self.snapshot().merged
