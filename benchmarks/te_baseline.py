"""Baselines for bench_quote.py: a time-expanded Dijkstra (earliest arrival only), twice.

networkx (pure Python) and scipy's compiled `csgraph.dijkstra` search the same graph.

The textbook approach: one node per (facility, instant) event, run arcs from the boarding
instant (departure - cutoff) to the arrival, waiting arcs along each facility's timeline,
handover arcs (open: any pair, no limit, no fee) and, per query, a source and a sink. It answers
an easier question than the planner (one criterion, no handover limit, a window of `days` days
instead of 14), so the speedup it yields understates the planner's.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import networkx as nx
import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra

from jalin.routing.compiled import KIND_DELIVERY, KIND_LINEHAUL, KIND_PICKUP, CompiledNetwork

DAY = 86400


def _departures(net: CompiledNetwork, r: int, start: int, end: int) -> list[int]:
    """Departures of run r (UTC s) in [start, end], days mask only (calendar ignored)."""
    out = []
    first = (start + net.run_offset[r]) // DAY - 1
    for day in range(first, (end + net.run_offset[r]) // DAY + 1):
        if (net.run_mask[r] >> ((day + 3) % 7)) & 1:
            d = day * DAY + int(net.run_dep[r]) - int(net.run_offset[r])
            if start <= d <= end:
                out.append(d)
    return out


class TimeExpandedBaseline:
    """The time-expanded graph, searched by networkx (pure Python) or scipy (compiled C)."""

    def __init__(self, net: CompiledNetwork, ready: int, days: int, handover_s: int = 7200) -> None:
        self.net, self.ready, self.end = net, ready, ready + days * DAY
        ids: dict[tuple[int, int], int] = {}
        timeline: dict[int, set[int]] = defaultdict(set)
        src: list[int] = []
        dst: list[int] = []
        weight: list[int] = []

        def node(f: int, t: int) -> int:
            key = (f, t)
            if key not in ids:
                ids[key] = len(ids)
                timeline[f].add(t)
            return ids[key]

        def arc(u: int, v: int, w: int) -> None:
            src.append(u)
            dst.append(v)
            weight.append(w)

        self.pickup_boards: dict[int, list[tuple[int, int]]] = defaultdict(list)  # run -> (board time, node)
        self.delivery_boards: list[tuple[int, int, int]] = []  # (run, node, weight to arrival)
        handover = np.nonzero(net.fac_handover)[0]
        by_area: dict[str, list[int]] = defaultdict(list)
        for f in handover:
            by_area[net.fac_area[f]].append(int(f))
        for r in range(net.n_runs):
            kind = net.run_kind[r]
            cutoff, dur = int(net.run_cutoff[r]), int(net.run_dur[r])
            for d in _departures(net, r, ready, self.end):
                board = d - cutoff
                if kind == KIND_PICKUP:
                    arrive = node(int(net.run_to[r]), d + dur)
                    self.pickup_boards[r].append((board, arrive))
                elif kind == KIND_LINEHAUL:
                    arc(node(int(net.run_from[r]), board), node(int(net.run_to[r]), d + dur), dur + cutoff)
                elif kind == KIND_DELIVERY:
                    self.delivery_boards.append((r, node(int(net.run_from[r]), board), dur + cutoff))
        for (f, t), _ in list(ids.items()):
            if net.fac_handover[f]:
                for h in by_area[net.fac_area[f]]:
                    if net.fac_carrier[h] != net.fac_carrier[f]:
                        arc(ids[(f, t)], node(h, t + handover_s), handover_s)
        for f, times in timeline.items():
            ts = sorted(times)
            for a, b in itertools.pairwise(ts):
                arc(ids[(f, a)], ids[(f, b)], b - a)
        self.times = {v: t for (_, t), v in ids.items()}
        self.n_nodes = len(ids)
        self._arcs = (np.array(src, np.int64), np.array(dst, np.int64), np.array(weight, np.float64))
        self.graph: nx.DiGraph | None = None
        self.matrix: csr_array | None = None

    @property
    def n_arcs(self) -> int:
        return len(self._arcs[0])

    def build_networkx(self) -> None:
        g = nx.DiGraph()
        src, dst, w = self._arcs
        g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), w.tolist(), strict=True))
        self.graph = g

    def build_scipy(self) -> None:
        """CSR of the same arcs; parallel arcs keep the lightest (csr would add them up)."""
        src, dst, w = self._arcs
        order = np.lexsort((w, dst, src))
        src, dst, w = src[order], dst[order], w[order]
        first = np.ones(len(src), np.bool_)
        first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
        # Zero-length arcs would vanish from a sparse matrix: the search needs only reachability
        # within the window, so every arc gets one extra (harmless) second.
        self.matrix = csr_array(
            (w[first] + 1.0, (src[first], dst[first])), shape=(self.n_nodes, self.n_nodes)
        )
        self._node_time = np.zeros(self.n_nodes, np.int64)
        for v, t in self.times.items():
            self._node_time[v] = t

    def _query(self, origin: str, destination: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(pickup arrival nodes with their offset from ready, delivery board nodes with their weight)."""
        net = self.net
        sources = [
            (arrive, self.times[arrive] - self.ready)
            for r in net.runs_covering(net.pickups_by_area, origin)
            for board, arrive in self.pickup_boards.get(r, [])
            if board >= self.ready
        ]
        wanted = set(net.runs_covering(net.deliveries_by_area, destination))
        sinks = [(board_node, w) for r, board_node, w in self.delivery_boards if r in wanted]
        return sources, sinks

    def earliest(self, origin: str, destination: str) -> int | None:
        """Earliest delivery (UTC s) within the window, or None: networkx Dijkstra from a super-source."""
        assert self.graph is not None, "call build_networkx() first"
        g = self.graph
        sources, sinks = self._query(origin, destination)
        source, sink = -1, -2
        added = []
        for arrive, offset in sources:
            g.add_edge(source, arrive, weight=offset)
            added.append((source, arrive))
        for board_node, w in sinks:
            g.add_edge(board_node, sink, weight=w)
            added.append((board_node, sink))
        try:
            dist = nx.dijkstra_path_length(g, source, sink) if source in g and sink in g else None
        except nx.NetworkXNoPath:
            dist = None
        g.remove_edges_from(added)
        for n in (source, sink):
            if n in g:
                g.remove_node(n)
        return None if dist is None else self.ready + int(dist)

    def earliest_compiled(self, origin: str, destination: str) -> int | None:
        """The same answer from scipy's compiled Dijkstra: multi-source, `min_only=True`.

        Every arc goes forward in time, so the earliest delivery is the earliest arrival of a
        delivery run boarded at a node that any pickup reaches.
        """
        assert self.matrix is not None, "call build_scipy() first"
        sources, sinks = self._query(origin, destination)
        if not sources or not sinks:
            return None
        dist = dijkstra(self.matrix, directed=True, indices=[a for a, _ in sources], min_only=True)
        best = None
        for board_node, w in sinks:
            if np.isfinite(dist[board_node]):
                arrival = int(self._node_time[board_node]) + w
                best = arrival if best is None else min(best, arrival)
        return best
