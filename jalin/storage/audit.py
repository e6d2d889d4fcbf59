"""The audit log: one row per write (who, when, what, the values before and after).

Callers own the transaction: the audit row of a use case is written on the same Connection as
the change it records, so both commit or neither does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from jalin.registry.records import AuditEntry
from jalin.storage.tables import audit_log


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


def record(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one audit row; `before`/`after` are stored as JSON (dates as ISO strings)."""
    conn.execute(
        audit_log.insert(),
        {
            "at": datetime.now(UTC),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "before": _json(before),
            "after": _json(after),
        },
    )


def _entry(row: Any) -> AuditEntry:
    """An audit row with its before/after values decoded."""
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        before=json.loads(row.before) if row.before else None,
        after=json.loads(row.after) if row.after else None,
    )


def entries(
    conn: Connection, *, limit: int = 100, before_id: int | None = None, entity: str | None = None
) -> list[AuditEntry]:
    """Newest first (by id, descending), from just before `before_id`: a keyset page."""
    q = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(audit_log.c.id < before_id)
    if entity:
        q = q.where(audit_log.c.entity == entity)
    return [_entry(r) for r in conn.execute(q)]


def history(conn: Connection, entity: str, entity_id: object) -> list[AuditEntry]:
    """Every audit row of one object, oldest first."""
    q = (
        select(audit_log)
        .where(audit_log.c.entity == entity, audit_log.c.entity_id == str(entity_id))
        .order_by(audit_log.c.id)
    )
    return [_entry(r) for r in conn.execute(q)]
