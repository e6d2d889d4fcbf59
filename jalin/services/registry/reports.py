"""Reports for the DPP and DPWs, and the audit log."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from jalin.geo.atlas import Atlas, Level
from jalin.registry.access import Principal
from jalin.registry.records import AuditEntry, OverdueAction, as_dict
from jalin.registry.rules import AgreementStage, MemberStatus, Role
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page, page_of
from jalin.services.registry.agreements import list_agreements
from jalin.services.registry.common import require
from jalin.services.registry.members import list_members
from jalin.storage import agreements as agreements_store
from jalin.storage import audit as audit_log
from jalin.storage import meetings as meetings_store
from jalin.storage.uow import UnitOfWork


def report_pipeline(uow: UnitOfWork, who: Principal) -> list[dict[str, Any]]:
    """Agreements per DPW (province) and stage, over the agreements the caller may see."""
    if who.role is Role.ADMIN:
        data = agreements_store.stage_counts(uow.conn)
    else:
        counts = Counter((a.province_code, a.stage) for a in list_agreements(uow, who))
        data = [(p, s, n) for (p, s), n in counts.items()]
    out: dict[str | None, dict[str, int]] = {}
    for province, stage, n in data:
        out.setdefault(province, {s.value: 0 for s in AgreementStage})[stage] = n
    return [{"province_code": p, **stages} for p, stages in sorted(out.items(), key=lambda kv: kv[0] or "")]


def report_overdue(uow: UnitOfWork, who: Principal, today: date) -> list[OverdueAction]:
    """Open follow-up actions past their due date, oldest first, of meetings the caller may see."""
    require(who, Role.ADMIN, Role.OFFICER)
    out = []
    for action, meeting, host_region in meetings_store.overdue_actions(uow.conn, today):
        if who.sees_region(*host_region):
            days = (today - action.due_on).days
            out.append(OverdueAction(**as_dict(action), **meeting, days_overdue=days))
    return out


def report_members_per_province(uow: UnitOfWork, who: Principal, atlas: Atlas) -> list[dict[str, Any]]:
    """Members per province and status, over the members the caller may see."""
    require(who, Role.ADMIN, Role.OFFICER)
    counts: dict[str, dict[str, int]] = {}
    for m in list_members(uow, who):
        counts.setdefault(m.province_code, {s.value: 0 for s in MemberStatus})[m.status] += 1
    names = {p.code: p.name for p in atlas.areas(Level.PROVINCE)}
    return [{"province_code": p, "province": names.get(p, p), **c} for p, c in sorted(counts.items())]


def list_audit(
    uow: UnitOfWork, who: Principal, *, limit: int = 100, entity: str | None = None
) -> list[AuditEntry]:
    """The newest `limit` audit entries (of one entity kind, or all), newest first. Admins only."""
    require(who, Role.ADMIN)
    return audit_log.entries(uow.conn, limit=limit, entity=entity)


def audit_page(
    uow: UnitOfWork,
    who: Principal,
    *,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
    entity: str | None = None,
) -> dict[str, Any]:
    """Every write: who, when, the values before and after; newest first (by id, descending),
    a page at a time. Admins only."""
    require(who, Role.ADMIN)
    check_limit(limit)
    before = decode_cursor(cursor, "audit")
    rows = audit_log.entries(uow.conn, limit=limit + 1, before_id=before, entity=entity)
    return page(rows, limit, "audit", lambda e: e.id)


def pipeline_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`report_pipeline` a page at a time, by province code (the row of no DPW first)."""
    require(who, Role.ADMIN, Role.OFFICER)
    rows = report_pipeline(uow, who)
    return page_of(rows, tag="pipeline", key=_province_key, cursor=cursor, limit=limit, shape=str)


def overdue_page(
    uow: UnitOfWork, who: Principal, today: date, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`report_overdue` a page at a time, oldest due first (by due date, then action id)."""
    rows = report_overdue(uow, who, today)
    return page_of(
        rows,
        tag="overdue",
        key=lambda a: (a.due_on.isoformat(), a.id),
        cursor=cursor,
        limit=limit,
        shape=(str, int),
    )


def members_per_province_page(
    uow: UnitOfWork, who: Principal, atlas: Atlas, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`report_members_per_province` a page at a time, by province code."""
    rows = report_members_per_province(uow, who, atlas)
    return page_of(rows, tag="provinces", key=_province_key, cursor=cursor, limit=limit, shape=str)


def _province_key(row: dict[str, Any]) -> str:
    return str(row["province_code"] or "")
