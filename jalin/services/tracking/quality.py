"""`GET /v1/reports/tracking-quality`: per carrier, how much of what it reports Jalin can read.

For each carrier: events stored, how many have no status because their code has no mapping
(`unmapped`, and its share), how many distinct unmapped codes, the most frequent of them (to add
to the feed's `status_codes.csv`), how many codes the carrier's live feed maps, and when its
latest event arrived. A member sees its own carrier's row; the admin sees every carrier.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from jalin.registry.access import Principal
from jalin.services.network_state import NetworkState
from jalin.services.paging import check_limit, decode_cursor, page_of
from jalin.services.shipments.access import caller
from jalin.services.tracking.network import network_index
from jalin.storage import tracking as store
from jalin.storage.uow import unit_of_work

TOP_CODES = 5


def report(
    engine: Engine,
    state: NetworkState | None,
    who: Principal,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Per carrier (by carrier id), `limit` carriers after `cursor` (None: all)."""
    if limit is not None:
        check_limit(limit)
    decode_cursor(cursor, "quality", str)
    index = network_index(state)
    with unit_of_work(engine) as uow:
        c = caller(uow.conn, who)
        if not c.admin and c.carrier is None:
            return {"items": [], "next_cursor": None}
        only = None if c.admin else c.carrier
        rows = store.quality(uow.conn, only)
        tops = store.top_unmapped(uow.conn, only, limit=TOP_CODES * max(1, len(rows)) * 20)
    by_carrier: dict[str, list[dict[str, Any]]] = {}
    for t in tops:
        found = by_carrier.setdefault(t["carrier"], [])
        if len(found) < TOP_CODES:
            found.append({"code": t["code"], "events": int(t["events"])})
    items = [
        {
            "carrier": r["carrier"],
            "events": int(r["events"]),
            "unmapped": int(r["unmapped"]),
            "unmapped_share": round(int(r["unmapped"]) / int(r["events"]), 4) if r["events"] else 0.0,
            "unmapped_codes": int(r["unmapped_codes"]),
            "top_unmapped": by_carrier.get(r["carrier"], []),
            "codes_in_feed": len(index.codes.get(r["carrier"], {})),
            "last_received_at": r["last_received_at"].isoformat() if r["last_received_at"] else None,
        }
        for r in rows
    ]
    return page_of(items, tag="quality", key=lambda i: i["carrier"], cursor=cursor, limit=limit, shape=str)
