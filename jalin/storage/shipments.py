"""Reading and writing shipments, legs, handovers, manifests, events and idempotency keys.

Plain functions over a `Connection` inside the caller's unit of work; rows come back as dicts.
The few statements that differ between SQLite and PostgreSQL (insert-or-ignore, the advisory
lock) are chosen here by dialect.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from jalin.shipments.model import PlannedHandover, PlannedLeg
from jalin.storage.tables import (
    handovers,
    idempotency_keys,
    manifests,
    members,
    shipment_events,
    shipment_legs,
    shipments,
)


def _rows(result: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in result]


# -- idempotency ----------------------------------------------------------------------------------
_KEY_MATCH = and_(idempotency_keys.c.scope == bindparam("scope"), idempotency_keys.c.key == bindparam("key"))
_FIND_KEY = select(idempotency_keys).where(_KEY_MATCH)
#: PostgreSQL: the advisory lock and the key's row in one statement (one row; the key's columns
#: are NULL when it is not stored).
_LOCK_AND_FIND_KEY = select(
    func.pg_try_advisory_xact_lock(bindparam("lock")).label("locked"), *idempotency_keys.c
).select_from(select(literal(1).label("one")).subquery().outerjoin(idempotency_keys, _KEY_MATCH))


def lock_and_find_key(conn: Connection, scope: str, key: str) -> tuple[bool, dict[str, Any] | None]:
    """In a booking's transaction: (whether this transaction may go on with the key, its stored
    row if any, of any age: the caller decides whether it has expired).

    PostgreSQL: takes a transaction-scoped advisory lock for (scope, key) without waiting; False
    when another transaction holds it (a request with that key is running). SQLite: the unit of
    work holds the database's write lock already, so it is always True. Either way the unique
    constraint on (scope, key) is what guarantees one shipment per key."""
    if conn.dialect.name != "postgresql":
        return True, find_key(conn, scope, key)
    digest = hashlib.sha256(f"idem\x1f{scope}\x1f{key}".encode()).digest()
    lock = int.from_bytes(digest[:8], "big", signed=True)
    row = dict(conn.execute(_LOCK_AND_FIND_KEY, {"scope": scope, "key": key, "lock": lock}).mappings().one())
    locked = bool(row.pop("locked"))
    return locked, (row if row["id"] is not None else None)


def drop_key(conn: Connection, key_id: int) -> None:
    """Forget an expired key (its row id), so the key can book again."""
    conn.execute(delete(idempotency_keys).where(idempotency_keys.c.id == key_id))


def find_key(conn: Connection, scope: str, key: str) -> dict[str, Any] | None:
    """The stored key (any age: the caller decides whether it has expired)."""
    r = conn.execute(_FIND_KEY, {"scope": scope, "key": key}).mappings().first()
    return dict(r) if r else None


def save_key(
    conn: Connection,
    scope: str,
    key: str,
    fingerprint: str,
    status_code: int,
    response: dict[str, Any],
    shipment_id: int,
    at: datetime,
) -> None:
    conn.execute(
        idempotency_keys.insert(),
        {
            "scope": scope,
            "key": key,
            "fingerprint": fingerprint,
            "status_code": status_code,
            "response": json.dumps(response, ensure_ascii=False),
            "shipment_id": shipment_id,
            "created_at": at,
        },
    )


# -- shipments ------------------------------------------------------------------------------------
# Inserts take their values as parameters (not `.values(...)`), so SQLAlchemy compiles each
# statement once per process; they return the stored rows (RETURNING, on SQLite and PostgreSQL)
# exactly as a later read gives them, so a booking's answer needs no read-back.
_NEW_SHIPMENT = shipments.insert().returning(*shipments.c)
_NEW_LEGS = shipment_legs.insert().returning(*shipment_legs.c, sort_by_parameter_order=True)
_NEW_HANDOVERS = handovers.insert().returning(*handovers.c, sort_by_parameter_order=True)


def insert_shipment(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """Insert a shipment; returns its stored row (with `id`)."""
    return dict(conn.execute(_NEW_SHIPMENT, values).mappings().one())


def insert_legs(
    conn: Connection, shipment_id: int, legs: Sequence[PlannedLeg], status: str
) -> list[dict[str, Any]]:
    """Insert the legs; returns their stored rows in `legs`' order."""
    result = conn.execute(
        _NEW_LEGS,
        [
            {
                "shipment_id": shipment_id,
                "seq": leg.seq,
                "carrier": leg.carrier,
                "carrier_ref": None,
                "status": status,
                "start_kind": leg.start.kind,
                "start_code": leg.start.code,
                "end_kind": leg.end.kind,
                "end_code": leg.end.code,
                "start_area": leg.start_area,
                "end_area": leg.end_area,
                "price": leg.price,
                "planned_departure": leg.planned_departure,
                "planned_arrival": leg.planned_arrival,
                "runs": json.dumps(list(leg.runs), ensure_ascii=False),
            }
            for leg in legs
        ],
    )
    return [dict(r) for r in result.mappings()]


_NEW_MANIFEST = {
    name: dialect.insert(manifests).on_conflict_do_nothing(index_elements=["id"])
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def ensure_manifests(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Create the manifest rows that do not exist yet (concurrent bookings may race to create
    one)."""
    if rows:
        conn.execute(_NEW_MANIFEST[conn.dialect.name], list(rows))


def insert_handovers(
    conn: Connection,
    shipment_id: int,
    planned: Sequence[tuple[PlannedHandover, str]],
    status: str,
    fee_payees: Mapping[int, int | None] | None = None,
) -> list[dict[str, Any]]:
    """The handovers on their manifests; `fee_payees` (handover seq -> member) records who is paid
    each fee (settlement-v1), fixed at booking. Returns their stored rows in `planned`'s order."""
    if not planned:
        return []
    result = conn.execute(
        _NEW_HANDOVERS,
        [
            {
                "shipment_id": shipment_id,
                "seq": h.seq,
                "from_carrier": h.from_carrier,
                "from_facility": h.from_facility,
                "to_carrier": h.to_carrier,
                "to_facility": h.to_facility,
                "district": h.district,
                "planned_at": h.planned_at,
                "fee": h.fee,
                "fee_payee": (fee_payees or {}).get(h.seq),
                "status": status,
                "manifest_id": manifest,
            }
            for h, manifest in planned
        ],
    )
    return [dict(r) for r in result.mappings()]


def get_shipment(conn: Connection, number: str, *, lock: bool = False) -> dict[str, Any] | None:
    """The shipment row; `lock` holds it (FOR UPDATE on PostgreSQL) until the transaction ends, so
    a check on its status and the write that follows see no concurrent change. SQLite needs no
    row lock: a unit of work there holds the database's write lock from its first statement."""
    q = select(shipments).where(shipments.c.number == number)
    r = conn.execute(q.with_for_update() if lock else q).mappings().first()
    return dict(r) if r else None


def legs_of(conn: Connection, shipment_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in shipment_ids}
    if shipment_ids:
        q = (
            select(shipment_legs)
            .where(shipment_legs.c.shipment_id.in_(shipment_ids))
            .order_by(shipment_legs.c.shipment_id, shipment_legs.c.seq)
        )
        for r in conn.execute(q).mappings():
            out[r["shipment_id"]].append(dict(r))
    return out


def handovers_of(conn: Connection, shipment_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in shipment_ids}
    if shipment_ids:
        q = (
            select(handovers)
            .where(handovers.c.shipment_id.in_(shipment_ids))
            .order_by(handovers.c.shipment_id, handovers.c.seq)
        )
        for r in conn.execute(q).mappings():
            out[r["shipment_id"]].append(dict(r))
    return out


def events_of(conn: Connection, shipment_id: int) -> list[dict[str, Any]]:
    q = (
        select(shipment_events)
        .where(shipment_events.c.shipment_id == shipment_id)
        .order_by(shipment_events.c.occurred_at, shipment_events.c.received_at, shipment_events.c.id)
    )
    return _rows(conn.execute(q).mappings())


def member_codes(conn: Connection, member_ids: Iterable[int | None]) -> dict[int, str | None]:
    """member id -> its carrier_id (None for members without a carrier)."""
    ids = sorted({i for i in member_ids if i is not None})
    if not ids:
        return {}
    return dict(conn.execute(select(members.c.id, members.c.carrier_id).where(members.c.id.in_(ids))).all())


def member(conn: Connection, member_id: int) -> dict[str, Any] | None:
    r = conn.execute(select(members).where(members.c.id == member_id)).mappings().first()
    return dict(r) if r else None


def carrier_brands(conn: Connection, carriers: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(carriers))
    if not wanted:
        return {}
    return dict(
        conn.execute(
            select(members.c.carrier_id, members.c.brand).where(members.c.carrier_id.in_(wanted))
        ).all()
    )


def list_shipments(
    conn: Connection,
    *,
    member_id: int | None,
    carrier_of_member: str | None,
    status: str | None,
    carrier: str | None,
    booked_from: datetime | None,
    booked_to: datetime | None,
    after_id: int | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Shipments newest first (by id); for a member only those it booked or carries."""
    q = select(shipments).order_by(shipments.c.id.desc()).limit(limit)
    if member_id is not None:
        mine = [shipments.c.booked_by == member_id]
        if carrier_of_member:
            mine.append(
                shipments.c.id.in_(
                    select(shipment_legs.c.shipment_id).where(shipment_legs.c.carrier == carrier_of_member)
                )
            )
        q = q.where(or_(*mine))
    if status:
        q = q.where(shipments.c.status == status)
    if carrier:
        q = q.where(
            shipments.c.id.in_(select(shipment_legs.c.shipment_id).where(shipment_legs.c.carrier == carrier))
        )
    if booked_from is not None:
        q = q.where(shipments.c.created_at >= booked_from)
    if booked_to is not None:
        q = q.where(shipments.c.created_at < booked_to)
    if after_id is not None:
        q = q.where(shipments.c.id < after_id)
    return _rows(conn.execute(q).mappings())


def set_shipment(conn: Connection, shipment_id: int, **values: Any) -> None:
    conn.execute(update(shipments).where(shipments.c.id == shipment_id).values(**values))


def set_legs(conn: Connection, shipment_id: int, seqs: Sequence[int] | None, **values: Any) -> None:
    q = update(shipment_legs).where(shipment_legs.c.shipment_id == shipment_id)
    if seqs is not None:
        q = q.where(shipment_legs.c.seq.in_(list(seqs)))
    conn.execute(q.values(**values))


def set_handovers(conn: Connection, shipment_id: int, seqs: Sequence[int] | None, **values: Any) -> None:
    q = update(handovers).where(handovers.c.shipment_id == shipment_id)
    if seqs is not None:
        q = q.where(handovers.c.seq.in_(list(seqs)))
    conn.execute(q.values(**values))


def carrier_ref_owner(conn: Connection, carrier: str, ref: str) -> int | None:
    """The leg id that already uses this carrier_ref for this carrier, if any."""
    return conn.scalar(
        select(shipment_legs.c.id).where(
            shipment_legs.c.carrier == carrier, shipment_legs.c.carrier_ref == ref
        )
    )


def insert_event(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(shipment_events.insert().values(**values))


# -- manifests ------------------------------------------------------------------------------------
def get_manifest(conn: Connection, manifest_id: str) -> dict[str, Any] | None:
    r = conn.execute(select(manifests).where(manifests.c.id == manifest_id)).mappings().first()
    return dict(r) if r else None


def manifest_lines(conn: Connection, manifest_id: str) -> list[dict[str, Any]]:
    q = (
        select(
            handovers,
            shipments.c.number,
            shipments.c.weight_kg,
            shipments.c.dims_cm,
            shipments.c.cod_amount,
            shipments.c.test,
            shipments.c.status.label("shipment_status"),
        )
        .join(shipments, shipments.c.id == handovers.c.shipment_id)
        .where(handovers.c.manifest_id == manifest_id)
        .order_by(handovers.c.planned_at, shipments.c.number)
    )
    return _rows(conn.execute(q).mappings())


def list_manifests(
    conn: Connection,
    *,
    carrier: str | None,
    facility: str | None,
    day: Any,
    other: str | None,
    after: tuple[Any, str] | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Manifests a carrier gives or receives (all for None), newest date first then by id, with
    line counts: at most `limit`, after the `(date, id)` key `after` (a keyset page)."""
    counts = (
        select(handovers.c.manifest_id, func.count().label("lines"))
        .group_by(handovers.c.manifest_id)
        .subquery()
    )
    q = select(manifests, func.coalesce(counts.c.lines, 0).label("lines")).outerjoin(
        counts, counts.c.manifest_id == manifests.c.id
    )
    if carrier is not None:
        q = q.where(or_(manifests.c.from_carrier == carrier, manifests.c.to_carrier == carrier))
    if facility:
        q = q.where(
            or_(
                manifests.c.facility == facility,
                manifests.c.id.in_(
                    select(handovers.c.manifest_id).where(handovers.c.from_facility == facility)
                ),
            )
        )
    if day is not None:
        q = q.where(manifests.c.date == day)
    if other:
        q = q.where(or_(manifests.c.from_carrier == other, manifests.c.to_carrier == other))
    if after is not None:
        q = q.where(
            or_(manifests.c.date < after[0], and_(manifests.c.date == after[0], manifests.c.id > after[1]))
        )
    q = q.order_by(manifests.c.date.desc(), manifests.c.id).limit(limit)
    return _rows(conn.execute(q).mappings())


def confirm_manifest(conn: Connection, manifest_id: str, at: datetime) -> None:
    conn.execute(
        update(manifests)
        .where(and_(manifests.c.id == manifest_id, manifests.c.confirmed_at.is_(None)))
        .values(confirmed_at=at)
    )


def complete_handover(conn: Connection, handover_id: int, at: datetime) -> bool:
    """Mark a planned handover completed; False when it was not planned any more (already done)."""
    result = conn.execute(
        update(handovers)
        .where(handovers.c.id == handover_id, handovers.c.status == "planned")
        .values(status="completed", completed_at=at)
    )
    return result.rowcount == 1


def latest_event_time(conn: Connection, shipment_id: int) -> datetime | None:
    return conn.scalar(
        select(func.max(shipment_events.c.occurred_at)).where(shipment_events.c.shipment_id == shipment_id)
    )


def member_by_carrier(conn: Connection, carrier_id: str) -> int | None:
    return conn.scalar(select(members.c.id).where(members.c.carrier_id == carrier_id))
