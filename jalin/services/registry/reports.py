"""Reports for the DPP and DPWs, and the audit log."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from jalin.geo.atlas import Atlas, Level
from jalin.registry.access import Principal
from jalin.registry.records import AuditEntry, OverdueAction, as_dict
from jalin.registry.rules import AgreementStage, MemberStatus, Role
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
    uow: UnitOfWork, who: Principal, *, limit: int = 100, offset: int = 0, entity: str | None = None
) -> list[AuditEntry]:
    """Every write: who, when, the values before and after. Newest first. Admins only."""
    require(who, Role.ADMIN)
    return audit_log.entries(uow.conn, limit=limit, offset=offset, entity=entity)
