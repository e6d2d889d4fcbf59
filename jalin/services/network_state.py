"""The live network: compiled snapshots of the active feeds and agreements, persisted and swapped.

Every write that changes what quotes see (publish, activate, agreements) bumps a counter in the
same transaction. `snapshot()` reads those counters (one small query); when they moved, it reads
what the network is built from: the active feed versions (carrier and content hash) and the
interline agreements in force today. Those, with the snapshot format and a fingerprint of the
code that compiles and plans, give the snapshot's key (a SHA-256). A snapshot file carries its
key in its name, so a file is used only for exactly the data it was built from: a publish, a
rollback or an agreement change gives another key, and a stale snapshot is never used.

With a snapshot folder (the CLI, the API and the benchmarks use `<data_dir>/snapshots`), the
compiled network and each planner are read from memory-mapped files when present (milliseconds,
shared between processes), and built and written on first use otherwise (parsing every active
feed: seconds). One process builds a key at a time (a file lock); the others wait and read.

The new snapshot replaces the old one in a single assignment: a quote that holds the old
snapshot finishes on it, the next one gets the new. Planners are made lazily per snapshot
(agreements, or open handovers).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from jalin.geo.atlas import Atlas
from jalin.routing.compiled import CompiledNetwork, HandoverPolicy
from jalin.routing.coverage import CompiledCoverage
from jalin.storage import feeds as store
from jalin.storage.agreements import active_interline_pairs
from jalin.storage.counters import read_counters
from jalin.storage.snapshots import SnapshotFiles

if TYPE_CHECKING:
    from jalin.network.model import Feed
    from jalin.routing.planner import Planner

#: Bump when the meaning of a snapshot file changes in a way the code fingerprint would miss.
SNAPSHOT_FORMAT = 1
_ROUTING = Path(__file__).resolve().parent.parent / "routing"
#: The code that decides a snapshot's content: a change to any of it changes every key.
_CODE = (
    "arrayfile.py",
    "compiled.py",
    "kernels.py",
    "labels.py",
    "lower_bounds.py",
    "model.py",
    "planner.py",
)

Agreements = list[tuple[str, str, int, frozenset[str] | None]]


def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for name in _CODE:
        h.update(name.encode() + b"\0" + (_ROUTING / name).read_bytes())
    return h.hexdigest()


def snapshot_key(active: list[tuple[str, int, str]], agreements: Agreements) -> str:
    """SHA-256 of what a snapshot is built from: active versions' content, agreements, code."""
    doc = {
        "format": SNAPSHOT_FORMAT,
        "code": _code_fingerprint(),
        "feeds": sorted((carrier, digest) for carrier, _, digest in active),
        "agreements": sorted(
            (a, b, fee, sorted(d) if d is not None else None) for a, b, fee, d in agreements
        ),
    }
    return hashlib.sha256(json.dumps(doc, separators=(",", ":")).encode()).hexdigest()[:32]


class Snapshot:
    """One consistent view: the compiled active feeds, the agreements, coverage and planners."""

    def __init__(
        self,
        key: str,
        network: CompiledNetwork,
        agreements: Agreements,
        atlas: Atlas,
        files: SnapshotFiles | None,
    ) -> None:
        self.key = key
        self.network = network
        self.agreements = agreements
        self.merged = CompiledCoverage(network, atlas)
        self._files = files
        self._planners: dict[bool, Planner] = {}
        self._lock = threading.Lock()

    def planner(self, *, open_handovers: bool) -> Planner:
        with self._lock:
            if open_handovers not in self._planners:
                self._planners[open_handovers] = self._make_planner(open_handovers)
            return self._planners[open_handovers]

    def _make_planner(self, open_handovers: bool) -> Planner:
        from jalin.routing.planner import Planner  # numba: only for quotes (see jalin.routing)

        policy = HandoverPolicy.open() if open_handovers else HandoverPolicy.from_pairs(self.agreements)
        files, part = self._files, "open" if open_handovers else "agreements"
        if files is None:
            return Planner(self.network, policy)
        stored = files.read(self.key, part)
        if stored is None:
            with files.building(self.key):
                stored = files.read(self.key, part)
                if stored is None:
                    planner = Planner(self.network, policy)
                    files.write(self.key, part, *planner.to_arrays())
                    return planner
        return Planner.from_arrays(self.network, policy, stored, stored.meta)


class NetworkState:
    def __init__(self, engine: Engine, atlas: Callable[[], Atlas], snapshot_dir: Path | None = None) -> None:
        """`atlas` is called on first use, so building the state costs nothing.

        `snapshot_dir`: where snapshot files are read and written; None keeps them in memory only.
        """
        self.engine, self._atlas = engine, atlas
        self.files = SnapshotFiles(snapshot_dir) if snapshot_dir is not None else None
        self._feeds: dict[int, Feed] = {}
        self._counters: dict[str, object] | None = None
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def remember(self, version_id: int, feed: Feed) -> None:
        """Hand over a feed already parsed (the demo publishes and then builds), saving a re-parse."""
        self._feeds[version_id] = feed

    def _counters_now(self, conn: Connection) -> dict[str, object]:
        """The change counters plus today's date (agreements start and end by date)."""
        return {**read_counters(conn), "today": date.today()}

    def snapshot(self, conn: Connection | None = None) -> Snapshot:
        """The current snapshot. `conn`: an open connection to read the change counters on (saves
        a checkout for a caller that holds one); a rebuild reads on its own connection."""
        if conn is None:
            with self.engine.connect() as own:
                counters = self._counters_now(own)
        else:
            counters = self._counters_now(conn)
        current = self._snapshot
        if current is not None and counters == self._counters:
            return current
        with self._lock:
            if self._snapshot is not None and counters == self._counters:
                return self._snapshot
            with self.engine.connect() as conn:
                counters = self._counters_now(conn)
                active = store.active_versions(conn)
                agreements = active_interline_pairs(conn, counters["today"])  # type: ignore[arg-type]
            key = snapshot_key(active, agreements)
            if self._snapshot is not None and self._snapshot.key == key:
                self._counters = counters  # counters moved, the data did not (e.g. a no-op change)
                return self._snapshot
            built = Snapshot(key, self._network(key, active), agreements, self._atlas(), self.files)
            self._snapshot, self._counters = built, counters
            return built

    def _network(self, key: str, active: list[tuple[str, int, str]]) -> CompiledNetwork:
        """The compiled network for `key`: read from its file, or compiled (and written)."""
        files = self.files
        if files is None:
            return CompiledNetwork(self._parsed(active))
        stored = files.read(key, "network")
        if stored is None:
            with files.building(key):
                stored = files.read(key, "network")
                if stored is None:
                    network = CompiledNetwork(self._parsed(active))
                    files.write(key, "network", *network.to_arrays())
                    files.prune(keep=key)
                    return network
        return CompiledNetwork.from_arrays(stored, stored.meta)

    def _parsed(self, active: list[tuple[str, int, str]]) -> list[Feed]:
        """The parsed active feeds; each version is parsed once per process (kept for rebuilds)."""
        from jalin.services.publishing import load_feed  # the validator: only when building

        feeds = []
        for _, version_id, _ in active:
            if version_id not in self._feeds:
                self._feeds[version_id] = load_feed(self.engine, version_id, self._atlas())
            feeds.append(self._feeds[version_id])
        live = {v for _, v, _ in active}
        for version_id in [v for v in self._feeds if v not in live]:
            del self._feeds[version_id]
        return feeds

    def active_feeds(self) -> list[Feed]:
        """The parsed active feeds, as of now (what-if comparisons rebuild networks from them);
        each version is parsed once per process."""
        with self.engine.connect() as conn:
            active = store.active_versions(conn)
        with self._lock:
            return self._parsed(active)

    def current(self) -> CompiledCoverage:
        """The coverage read model of the current snapshot."""
        return self.snapshot().merged
