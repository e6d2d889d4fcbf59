"""Interline agreement pairs (carrier_a < carrier_b), read by the planner."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, select

from jalin.storage.counters import bump
from jalin.storage.tables import interline_agreements


def replace_agreements(engine: Engine, pairs: list[tuple[str, str, int]]) -> int:
    """Replace every pair in one transaction; a pair given twice keeps its lower fee. Returns the count."""
    best: dict[tuple[str, str], int] = {}
    for a, b, fee in pairs:
        if a == b:
            raise ValueError(f"an agreement needs two different carriers, got {a} twice")
        if fee < 0:
            raise ValueError(f"fee for {a}-{b} is negative ({fee}); fees are rupiah >= 0")
        key = (min(a, b), max(a, b))
        best[key] = min(fee, best.get(key, fee))
    with engine.begin() as conn:
        conn.execute(delete(interline_agreements))
        if best:
            conn.execute(
                interline_agreements.insert(),
                [{"carrier_a": a, "carrier_b": b, "fee": f} for (a, b), f in sorted(best.items())],
            )
        bump(conn, "agreements")
    return len(best)


def list_agreements(conn: Connection) -> list[tuple[str, str, int]]:
    rows = conn.execute(
        select(interline_agreements).order_by(
            interline_agreements.c.carrier_a, interline_agreements.c.carrier_b
        )
    )
    return [(r.carrier_a, r.carrier_b, r.fee) for r in rows]
