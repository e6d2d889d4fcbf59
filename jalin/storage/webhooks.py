"""Webhook endpoints, the outbox and the delivery log (tables `webhook_*`).

Callers own the transaction. `insert_messages` is called inside the transaction of the change
that causes the event, so the message exists if and only if the change committed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, String, bindparam, delete, func, select, union, update

from jalin.storage.tables import (
    members,
    shipment_legs,
    shipments,
    webhook_attempts,
    webhook_endpoints,
    webhook_messages,
)
from jalin.webhooks.records import Attempt, Claimed, Endpoint, Message, MessageStatus, Outcome


def endpoint_of(row: Any) -> Endpoint:
    return Endpoint(
        id=row.id,
        member_id=row.member_id,
        url=row.url,
        event_types=tuple(json.loads(row.event_types)),
        enabled=bool(row.enabled),
        failure_streak=row.failure_streak,
        failing_since=row.failing_since,
        disabled_at=row.disabled_at,
        disabled_reason=row.disabled_reason,
        created_at=row.created_at,
    )


def insert_endpoint(
    conn: Connection,
    *,
    id: str,
    member_id: int,
    url: str,
    event_types: Sequence[str],
    secret: str,
    now: datetime,
) -> Endpoint:
    conn.execute(
        webhook_endpoints.insert().values(
            id=id,
            member_id=member_id,
            url=url,
            event_types=json.dumps(list(event_types)),
            secret=secret,
            enabled=True,
            failure_streak=0,
            failing_since=None,
            created_at=now,
        )
    )
    found = endpoint(conn, id)
    assert found is not None
    return found


def endpoint(conn: Connection, endpoint_id: str) -> Endpoint | None:
    row = conn.execute(select(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id)).first()
    return endpoint_of(row) if row is not None else None


def _subscribed_statement() -> Select[Any]:
    number = bindparam("number", type_=String)
    shipment = select(shipments.c.id).where(shipments.c.number == number).scalar_subquery()
    concerned = union(
        select(shipments.c.booked_by.label("member_id")).where(shipments.c.number == number),
        select(members.c.id.label("member_id"))
        .join(shipment_legs, shipment_legs.c.carrier == members.c.carrier_id)
        .where(shipment_legs.c.shipment_id == shipment),
    )
    return (
        select(webhook_endpoints.c.id, webhook_endpoints.c.member_id, webhook_endpoints.c.event_types)
        .where(webhook_endpoints.c.member_id.in_(select(concerned.subquery().c.member_id)))
        .where(webhook_endpoints.c.enabled.is_(True))
        .order_by(webhook_endpoints.c.id)
    )


#: Built once: it runs inside every booking, confirmation and status change.
_SUBSCRIBED = _subscribed_statement()


def subscribed_to_shipment(conn: Connection, number: str, event_type: str) -> list[tuple[str, int]]:
    """(endpoint id, member id) of the enabled endpoints that chose `event_type` and belong to the
    member that booked shipment `number` or to a member running one of its legs' carriers; one
    statement."""
    rows = conn.execute(_SUBSCRIBED, {"number": number})
    return [(r.id, r.member_id) for r in rows if event_type in json.loads(r.event_types)]


def insert_messages(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Outbox rows: each needs id, endpoint_id, event_type, number, body, created_at."""
    if not rows:
        return
    conn.execute(
        webhook_messages.insert(),
        [
            {
                **r,
                "status": MessageStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": r["created_at"],
                "lease_until": None,
                "lease_owner": None,
                "finished_at": None,
            }
            for r in rows
        ],
    )


def member_exists(conn: Connection, member_id: int) -> bool:
    return conn.scalar(select(members.c.id).where(members.c.id == member_id)) is not None


# -- endpoints -------------------------------------------------------------------------------------
def endpoints(conn: Connection, member_id: int | None) -> list[Endpoint]:
    """A member's endpoints (every endpoint for None), oldest first."""
    q = select(webhook_endpoints).order_by(webhook_endpoints.c.created_at, webhook_endpoints.c.id)
    if member_id is not None:
        q = q.where(webhook_endpoints.c.member_id == member_id)
    return [endpoint_of(r) for r in conn.execute(q)]


def secret_of(conn: Connection, endpoint_id: str) -> str | None:
    return conn.scalar(select(webhook_endpoints.c.secret).where(webhook_endpoints.c.id == endpoint_id))


def delete_endpoint(conn: Connection, endpoint_id: str) -> None:
    """Remove the endpoint with its messages and log. The messages are locked first, so a worker
    recording an attempt on one of them finishes (and its row is deleted here) or finds it gone."""
    conn.execute(
        select(webhook_messages.c.id).where(webhook_messages.c.endpoint_id == endpoint_id).with_for_update()
    ).all()
    conn.execute(delete(webhook_attempts).where(webhook_attempts.c.endpoint_id == endpoint_id))
    conn.execute(delete(webhook_messages).where(webhook_messages.c.endpoint_id == endpoint_id))
    conn.execute(delete(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id))


def enable_endpoint(conn: Connection, endpoint_id: str) -> None:
    """Enabled again with a clean record: no streak, not failing."""
    conn.execute(
        update(webhook_endpoints)
        .where(webhook_endpoints.c.id == endpoint_id)
        .values(enabled=True, failure_streak=0, failing_since=None, disabled_at=None, disabled_reason=None)
    )


def disable_endpoint(conn: Connection, endpoint_id: str, now: datetime, reason: str) -> None:
    conn.execute(
        update(webhook_endpoints)
        .where(webhook_endpoints.c.id == endpoint_id)
        .values(enabled=False, disabled_at=now, disabled_reason=reason[:200])
    )


def endpoints_delivered(conn: Connection, endpoint_ids: Iterable[str]) -> None:
    """A delivery ends any failure streak."""
    ids = sorted(set(endpoint_ids))
    if ids:
        conn.execute(
            update(webhook_endpoints)
            .where(
                webhook_endpoints.c.id.in_(ids),
                (webhook_endpoints.c.failure_streak != 0) | webhook_endpoints.c.failing_since.is_not(None),
            )
            .values(failure_streak=0, failing_since=None)
        )


def endpoint_attempt_failed(conn: Connection, endpoint_id: str, at: datetime) -> None:
    """The first failed attempt after a success starts the clock of the streak."""
    conn.execute(
        update(webhook_endpoints)
        .where(webhook_endpoints.c.id == endpoint_id, webhook_endpoints.c.failing_since.is_(None))
        .values(failing_since=at)
    )


def endpoint_message_failed(conn: Connection, endpoint_id: str) -> Endpoint | None:
    """One more failed message in the streak; the endpoint as it now stands."""
    conn.execute(
        update(webhook_endpoints)
        .where(webhook_endpoints.c.id == endpoint_id)
        .values(failure_streak=webhook_endpoints.c.failure_streak + 1)
    )
    return endpoint(conn, endpoint_id)


# -- messages --------------------------------------------------------------------------------------
def _message(row: Any) -> Message:
    return Message(
        id=row.id,
        endpoint_id=row.endpoint_id,
        event_type=row.event_type,
        number=row.number,
        body=row.body,
        created_at=row.created_at,
        status=MessageStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        finished_at=row.finished_at,
    )


def message(conn: Connection, message_id: str) -> Message | None:
    row = conn.execute(select(webhook_messages).where(webhook_messages.c.id == message_id)).first()
    return _message(row) if row is not None else None


def requeue(conn: Connection, message_id: str, now: datetime) -> None:
    """Due now with a fresh round of the schedule (the log keeps counting attempts). A message a
    worker is sending right now (its lease runs) is left to that worker, so two workers never
    send it at the same time."""
    m = webhook_messages
    conn.execute(
        update(m)
        .where(m.c.id == message_id, m.c.lease_until.is_(None) | (m.c.lease_until <= now))
        .values(
            status=MessageStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            finished_at=None,
            lease_until=None,
            lease_owner=None,
        )
    )


def counts(conn: Connection, endpoint_id: str | None = None) -> dict[str, int]:
    """Messages per status (for reports and tests)."""
    q = select(webhook_messages.c.status, func.count()).group_by(webhook_messages.c.status)
    if endpoint_id is not None:
        q = q.where(webhook_messages.c.endpoint_id == endpoint_id)
    found = {status: n for status, n in conn.execute(q)}
    return {s.value: int(found.get(s.value, 0)) for s in MessageStatus}


def claim(conn: Connection, owner: str, now: datetime, lease_until: datetime, limit: int) -> list[Claimed]:
    """Take the lease of up to `limit` due messages of enabled endpoints, oldest due first.

    A message is due when pending, its next attempt has come and no lease on it is running. On
    PostgreSQL the candidate rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent workers
    claim disjoint sets without waiting on each other; on SQLite the unit of work holds the one
    write lock (`BEGIN IMMEDIATE`). The caller commits at once: the lease, not the row lock,
    keeps other workers away while this one delivers.
    """
    m, e = webhook_messages, webhook_endpoints
    candidates = (
        select(m.c.id)
        .join(e, e.c.id == m.c.endpoint_id)
        .where(
            m.c.status == MessageStatus.PENDING.value,
            m.c.next_attempt_at <= now,
            (m.c.lease_until.is_(None)) | (m.c.lease_until <= now),
            e.c.enabled.is_(True),
        )
        .order_by(m.c.next_attempt_at, m.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=m)
    )
    ids = list(conn.scalars(candidates))
    if not ids:
        return []
    conn.execute(update(m).where(m.c.id.in_(ids)).values(lease_until=lease_until, lease_owner=owner))
    rows = conn.execute(
        select(m.c.id, m.c.endpoint_id, m.c.body, m.c.attempts, e.c.url, e.c.secret)
        .join(e, e.c.id == m.c.endpoint_id)
        .where(m.c.id.in_(ids))
        .order_by(m.c.next_attempt_at, m.c.id)
    )
    return [Claimed(r.id, r.endpoint_id, r.url, r.secret, r.body, r.attempts) for r in rows]


def finish_attempt(
    conn: Connection,
    message_id: str,
    owner: str,
    *,
    status: MessageStatus,
    attempts: int,
    next_attempt_at: datetime | None,
    finished_at: datetime | None,
) -> bool:
    """Record the message's new state if this worker still holds its lease; False otherwise
    (the lease ran out and another worker took it, or the endpoint was deleted)."""
    result = conn.execute(
        update(webhook_messages)
        .where(webhook_messages.c.id == message_id, webhook_messages.c.lease_owner == owner)
        .values(
            status=status.value,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            finished_at=finished_at,
            lease_until=None,
            lease_owner=None,
        )
    )
    return bool(result.rowcount)


def finish_delivered(conn: Connection, message_ids: Sequence[str], owner: str, now: datetime) -> set[str]:
    """Mark delivered, in one statement, the messages whose lease this worker still holds; their ids."""
    if not message_ids:
        return set()
    m = webhook_messages
    result = conn.execute(
        update(m)
        .where(m.c.id.in_(list(message_ids)), m.c.lease_owner == owner)
        .values(
            status=MessageStatus.DELIVERED.value,
            attempts=m.c.attempts + 1,
            next_attempt_at=None,
            finished_at=now,
            lease_until=None,
            lease_owner=None,
        )
        .returning(m.c.id)
    )
    return set(result.scalars())


def still_there(conn: Connection, message_id: str) -> bool:
    """Lock the message row if it exists (so a delete waits for the log row written next)."""
    return (
        conn.execute(
            select(webhook_messages.c.id).where(webhook_messages.c.id == message_id).with_for_update()
        ).first()
        is not None
    )


# -- the delivery log ------------------------------------------------------------------------------
def log_attempts(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Delivery log rows; `attempt` is numbered per message across rounds (1, 2, ...)."""
    if not rows:
        return
    ids = sorted({r["message_id"] for r in rows})
    made: dict[str, int] = dict(
        conn.execute(
            select(webhook_attempts.c.message_id, func.count())
            .where(webhook_attempts.c.message_id.in_(ids), webhook_attempts.c.attempt > 0)
            .group_by(webhook_attempts.c.message_id)
        ).all()
    )
    out = []
    for r in rows:
        n = 0
        if r["outcome"] != Outcome.ENDPOINT_DISABLED.value:
            made[r["message_id"]] = made.get(r["message_id"], 0) + 1
            n = made[r["message_id"]]
        out.append({**r, "attempt": n})
    conn.execute(webhook_attempts.insert(), out)


def attempts(
    conn: Connection, endpoint_id: str, *, before: int | None, limit: int
) -> tuple[list[Attempt], bool]:
    """The endpoint's log, newest first, rows with id < `before`; and whether more follow."""
    a, m = webhook_attempts, webhook_messages
    q = (
        select(a, m.c.event_type)
        .join(m, m.c.id == a.c.message_id)
        .where(a.c.endpoint_id == endpoint_id)
        .order_by(a.c.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        q = q.where(a.c.id < before)
    rows = conn.execute(q).all()
    items = [
        Attempt(
            id=r.id,
            message_id=r.message_id,
            endpoint_id=r.endpoint_id,
            event_type=r.event_type,
            attempt=r.attempt,
            at=r.at,
            duration_ms=r.duration_ms,
            status_code=r.status_code,
            outcome=Outcome(r.outcome),
            error=r.error,
        )
        for r in rows[:limit]
    ]
    return items, len(rows) > limit
