"""Baseline for bench_quote.py: a networkx time-expanded Dijkstra (earliest arrival only).

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
    def __init__(self, net: CompiledNetwork, ready: int, days: int, handover_s: int = 7200) -> None:
        self.net, self.ready, self.end = net, ready, ready + days * DAY
        g = nx.DiGraph()
        ids: dict[tuple[int, int], int] = {}
        timeline: dict[int, set[int]] = defaultdict(set)

        def node(f: int, t: int) -> int:
            key = (f, t)
            if key not in ids:
                ids[key] = len(ids)
                timeline[f].add(t)
            return ids[key]

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
                    g.add_edge(
                        node(int(net.run_from[r]), board),
                        node(int(net.run_to[r]), d + dur),
                        weight=dur + cutoff,
                    )
                elif kind == KIND_DELIVERY:
                    self.delivery_boards.append((r, node(int(net.run_from[r]), board), dur + cutoff))
        for (f, t), _ in list(ids.items()):
            if net.fac_handover[f]:
                for h in by_area[net.fac_area[f]]:
                    if net.fac_carrier[h] != net.fac_carrier[f]:
                        g.add_edge(ids[(f, t)], node(h, t + handover_s), weight=handover_s)
        for f, times in timeline.items():
            ts = sorted(times)
            for a, b in itertools.pairwise(ts):
                g.add_edge(ids[(f, a)], ids[(f, b)], weight=b - a)
        self.graph = g
        self.times = {v: t for (_, t), v in ids.items()}

    def earliest(self, origin: str, destination: str) -> int | None:
        """Earliest delivery (UTC s) within the window, or None."""
        net, g = self.net, self.graph
        source, sink = -1, -2
        added = []
        for r in net.runs_covering(net.pickups_by_area, origin):
            for board, arrive in self.pickup_boards.get(r, []):
                if board >= self.ready:
                    g.add_edge(source, arrive, weight=self.times[arrive] - self.ready)
                    added.append((source, arrive))
        wanted = set(net.runs_covering(net.deliveries_by_area, destination))
        for r, board_node, w in self.delivery_boards:
            if r in wanted:
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
