"""Reading and writing the tracking timeline: resolving numbers, storing events idempotently,
reading timelines in order, and writing the status and custody derived from them.

Plain functions over a `Connection` inside the caller's unit of work; every function is a fixed
number of statements whatever the batch size (no statement per event).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from jalin.storage.tables import members, shipment_events, shipment_legs, shipments, webhook_endpoints

#: Columns of a shipment that ingest needs (no personal data).
_SHIPMENT_COLS = (
    shipments.c.id,
    shipments.c.number,
    shipments.c.status,
    shipments.c.test,
    shipments.c.booked_by,
    shipments.c.origin,
    shipments.c.destination,
    shipments.c.planned_delivery,
    shipments.c.eta,
    shipments.c.late,
    shipments.c.cod_amount,
    shipments.c.cancelled_at,
    shipments.c.weight_kg,
    shipments.c.dims_cm,
)


def shipments_by_number(conn: Connection, numbers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Master number -> shipment (the columns ingest needs) for the numbers that exist."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    q = select(*_SHIPMENT_COLS).where(shipments.c.number.in_(wanted))
    return {r["number"]: dict(r) for r in conn.execute(q).mappings()}


def ids_by_number(conn: Connection, numbers: Iterable[str]) -> dict[str, int]:
    """Master number -> shipment id, for the numbers that exist."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    return dict(
        conn.execute(select(shipments.c.number, shipments.c.id).where(shipments.c.number.in_(wanted))).all()
    )


def lock_shipments(conn: Connection, ids: Iterable[int]) -> None:
    """PostgreSQL: hold these shipments' rows until the transaction ends (in id order, so two
    batches never wait on each other in a cycle): batches touching one shipment derive its
    status one after the other, each from the other's committed events. SQLite: the unit of
    work already holds the database's write lock."""
    wanted = sorted(set(ids))
    if wanted and conn.dialect.name == "postgresql":
        conn.execute(
            select(shipments.c.id)
            .where(shipments.c.id.in_(wanted))
            .order_by(shipments.c.id)
            .with_for_update()
        )


def frontiers(conn: Connection, shipment_ids: Iterable[int]) -> dict[int, Any]:
    """shipment id -> the latest occurred_at stored for it (shipments without events are absent);
    read from the timeline index, one row per shipment."""
    ids = sorted(set(shipment_ids))
    if not ids:
        return {}
    e = shipment_events.c
    q = select(e.shipment_id, func.max(e.occurred_at)).where(e.shipment_id.in_(ids)).group_by(e.shipment_id)
    return dict(conn.execute(q).all())


#: What ingest itself reads of a shipment (the ETA re-plan reads `_SHIPMENT_COLS`).
_INGEST_COLS = (
    shipments.c.id,
    shipments.c.number,
    shipments.c.status,
    shipments.c.test,
    shipments.c.booked_by,
    shipments.c.cancelled_at,
)


def shipments_by_id(conn: Connection, ids: Iterable[int], *, lean: bool = False) -> dict[int, dict[str, Any]]:
    """shipment id -> its columns (`lean`: only those ingest reads)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    q = select(*(_INGEST_COLS if lean else _SHIPMENT_COLS)).where(shipments.c.id.in_(wanted))
    return {r["id"]: dict(r) for r in conn.execute(q).mappings()}


def legs_by_ref(conn: Connection, refs: Iterable[str], carrier: str | None) -> list[dict[str, Any]]:
    """Legs whose carrier_ref is one of `refs` (of `carrier`, or of any carrier when None):
    `{carrier, carrier_ref, shipment_id}`."""
    wanted = sorted(set(refs))
    if not wanted:
        return []
    q = select(shipment_legs.c.carrier, shipment_legs.c.carrier_ref, shipment_legs.c.shipment_id).where(
        shipment_legs.c.carrier_ref.in_(wanted)
    )
    if carrier is not None:
        q = q.where(shipment_legs.c.carrier == carrier)
    return [dict(r) for r in conn.execute(q).mappings()]


def legs_of(conn: Connection, shipment_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """shipment id -> its legs in order (`id, seq, carrier, status, start/end kind, code, area,
    took_at, gave_at, planned_*`)."""
    ids = sorted(set(shipment_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    cols = [
        c for c in shipment_legs.c if c.name not in ("runs", "price", "planned_departure", "planned_arrival")
    ]
    q = (
        select(*cols)
        .where(shipment_legs.c.shipment_id.in_(ids))
        .order_by(shipment_legs.c.shipment_id, shipment_legs.c.seq)
    )
    for r in conn.execute(q).mappings():
        out[r["shipment_id"]].append(dict(r))
    return out


def known_events(conn: Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """(carrier, event_id) -> stored fingerprint, for the keys already stored."""
    wanted = sorted(set(keys))
    out: dict[tuple[str, str], str | None] = {}
    by_carrier: dict[str, list[str]] = {}
    for carrier, event_id in wanted:
        by_carrier.setdefault(carrier, []).append(event_id)
    for carrier, ids in by_carrier.items():
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            q = select(shipment_events.c.event_id, shipment_events.c.fingerprint).where(
                shipment_events.c.carrier == carrier, shipment_events.c.event_id.in_(chunk)
            )
            for event_id, fp in conn.execute(q).all():
                out[(carrier, event_id)] = fp
    return out


def insert_events(conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[tuple[str, str], int]:
    """Insert events, skipping any whose (carrier, event_id) is already stored (a concurrent
    batch won the unique constraint); returns the keys this call inserted with their row ids.

    A plain executemany with ON CONFLICT DO NOTHING (RETURNING over many rows costs several
    times the insert on PostgreSQL), then the rows read back by key: a row is this call's when it
    carries this batch's `received_at` and fingerprint. Another batch cannot have stored the same
    content at the same instant: the content names the shipment, whose row the caller holds
    locked (PostgreSQL) or the database is written by one transaction at a time (SQLite)."""
    if not rows:
        return {}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(
        dialect.insert(shipment_events).on_conflict_do_nothing(index_elements=["carrier", "event_id"]),
        list(rows),
    )
    mine = {(r["carrier"], r["event_id"]): (r["fingerprint"], r["received_at"]) for r in rows}
    by_carrier: dict[str, list[str]] = {}
    for carrier, event_id in mine:
        by_carrier.setdefault(carrier, []).append(event_id)
    e = shipment_events.c
    out: dict[tuple[str, str], int] = {}
    for carrier, event_ids in by_carrier.items():
        for start in range(0, len(event_ids), 1000):
            q = select(e.event_id, e.id, e.fingerprint, e.received_at).where(
                e.carrier == carrier, e.event_id.in_(event_ids[start : start + 1000])
            )
            for event_id, row_id, fp, received in conn.execute(q).all():
                if (fp, received) == mine[(carrier, event_id)]:
                    out[(carrier, event_id)] = row_id
    return out


def timelines(conn: Connection, shipment_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """shipment id -> its events ordered by occurred_at, received_at, id."""
    ids = sorted(set(shipment_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    e = shipment_events.c
    q = (
        select(
            e.id,
            e.shipment_id,
            e.carrier,
            e.event_id,
            e.code,
            e.status,
            e.occurred_at,
            e.received_at,
            e.location,
            e.area,
            e.description,
            e.reason,
            e.received_by,
            e.cod_collected,
        )
        .where(e.shipment_id.in_(ids))
        .order_by(e.shipment_id, e.occurred_at, e.received_at, e.id)
    )
    for r in conn.execute(q).mappings():
        out[r["shipment_id"]].append(dict(r))
    return out


def lean_timelines(conn: Connection, shipment_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """shipment id -> what the status and custody rules read of its events (id, carrier,
    status, occurred_at, received_at), in the timeline's order."""
    ids = sorted(set(shipment_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    e = shipment_events.c
    q = (
        select(e.id, e.shipment_id, e.carrier, e.status, e.occurred_at, e.received_at)
        .where(e.shipment_id.in_(ids))
        .order_by(e.shipment_id, e.occurred_at, e.received_at, e.id)
    )
    for r in conn.execute(q).mappings():
        out[r["shipment_id"]].append(dict(r))
    return out


def events_by_id(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    q = select(shipment_events).where(shipment_events.c.id.in_(wanted))
    return {r["id"]: dict(r) for r in conn.execute(q).mappings()}


def set_shipment_columns(conn: Connection, changes: Sequence[dict[str, Any]]) -> None:
    """`[{"id", column: value, ...}]` (the same columns in every dict): one executemany."""
    if not changes:
        return
    cols = sorted(k for k in changes[0] if k != "id")
    stmt = (
        update(shipments)
        .where(shipments.c.id == bindparam("_id"))
        .values({c: bindparam("_" + c) for c in cols})
    )
    conn.execute(stmt, [{"_" + k: v for k, v in ch.items()} for ch in changes])


def set_leg_custody(conn: Connection, changes: Sequence[dict[str, Any]]) -> None:
    """`[{"id", "status", "took_at", "gave_at"}]` for legs whose custody changed."""
    if not changes:
        return
    stmt = (
        update(shipment_legs)
        .where(shipment_legs.c.id == bindparam("_id"))
        .values(status=bindparam("_status"), took_at=bindparam("_took_at"), gave_at=bindparam("_gave_at"))
    )
    conn.execute(stmt, [{"_" + k: v for k, v in ch.items()} for ch in changes])


def quality(conn: Connection, carrier: str | None) -> list[dict[str, Any]]:
    """Per carrier: events stored, events without a status (unmapped code), distinct unmapped
    codes, and the latest event received."""
    e = shipment_events.c
    unmapped = and_(e.status.is_(None), e.code.is_not(None))
    q = (
        select(
            e.carrier,
            func.count().label("events"),
            func.count().filter(unmapped).label("unmapped"),
            func.count(func.distinct(e.code)).filter(unmapped).label("unmapped_codes"),
            func.max(e.received_at).label("last_received_at"),
        )
        .where(e.carrier.is_not(None), e.event_id.is_not(None))
        .group_by(e.carrier)
        .order_by(e.carrier)
    )
    if carrier is not None:
        q = q.where(e.carrier == carrier)
    return [dict(r) for r in conn.execute(q).mappings()]


def top_unmapped(conn: Connection, carrier: str | None, limit: int = 20) -> list[dict[str, Any]]:
    """The most frequent unmapped codes per carrier."""
    e = shipment_events.c
    q = (
        select(e.carrier, e.code, func.count().label("events"))
        .where(e.status.is_(None), e.code.is_not(None), e.event_id.is_not(None))
        .group_by(e.carrier, e.code)
        .order_by(func.count().desc(), e.carrier, e.code)
        .limit(limit)
    )
    if carrier is not None:
        q = q.where(e.carrier == carrier)
    return [dict(r) for r in conn.execute(q).mappings()]


def subscribers(conn: Connection) -> dict[str, set[int]]:
    """event type -> the members with an enabled endpoint that chose it (one small query: a
    member has a handful of endpoints), so a batch asks the outbox only about shipments someone
    listens to."""
    out: dict[str, set[int]] = {}
    q = select(webhook_endpoints.c.member_id, webhook_endpoints.c.event_types).where(
        webhook_endpoints.c.enabled.is_(True)
    )
    for member_id, types in conn.execute(q).all():
        for t in json.loads(types):
            out.setdefault(t, set()).add(member_id)
    return out


def carrier_members(conn: Connection, carriers: Iterable[str]) -> dict[str, int]:
    """carrier id -> the member that runs it."""
    wanted = sorted(set(carriers))
    if not wanted:
        return {}
    q = select(members.c.carrier_id, members.c.id).where(members.c.carrier_id.in_(wanted))
    return {c: i for c, i in conn.execute(q).all()}


__all__ = [
    "carrier_members",
    "events_by_id",
    "frontiers",
    "ids_by_number",
    "insert_events",
    "known_events",
    "lean_timelines",
    "legs_by_ref",
    "legs_of",
    "lock_shipments",
    "quality",
    "set_leg_custody",
    "set_shipment_columns",
    "shipments_by_id",
    "shipments_by_number",
    "subscribers",
    "timelines",
    "top_unmapped",
]
