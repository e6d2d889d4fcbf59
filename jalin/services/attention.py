"""What needs a person's attention today (the portal's home page), from the same services and
access rules as everything else.

Each read runs in its own unit of work, one after the other (the shipment services open theirs;
on SQLite a unit of work holds the one write lock, so they are never nested).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from jalin.errors import JalinError
from jalin.registry.access import Principal
from jalin.registry.records import Agreement, Application, OverdueAction
from jalin.registry.rules import ActionStatus, AgreementStage, ApplicationStatus, BoardLevel, Role
from jalin.services import registry as reg
from jalin.services.shipments import manifests, reading
from jalin.storage.uow import unit_of_work

#: Late shipments are looked for among this many most recent ones (one page of the list).
RECENT = 200
_DONE = ("delivered", "cancelled", "returned")


@dataclass
class MemberAttention:
    incoming: list[dict[str, Any]] = field(default_factory=list)  # manifests received today
    outgoing: list[dict[str, Any]] = field(default_factory=list)  # manifests given today
    late: list[dict[str, Any]] = field(default_factory=list)  # late, not yet delivered
    follow: list[tuple[Any, Any]] = field(default_factory=list)  # (meeting, open action), due first


@dataclass
class StaffAttention:
    applications: list[Application] = field(default_factory=list)  # waiting for this person
    overdue: list[OverdueAction] = field(default_factory=list)
    negotiating: list[Agreement] = field(default_factory=list)


def member_attention(engine: Engine, who: Principal, today: date) -> MemberAttention:
    """Today's handovers in and out (the DPP: every manifest of the day), late shipments among the
    most recent, and open follow-ups of meetings the member took part in."""
    ms = manifests.list_manifests(engine, who, day=today.isoformat())["items"]
    carrier = None
    with unit_of_work(engine) as uow:
        if who.member_id is not None:
            try:
                carrier = reg.member_carrier(uow, who)
            except JalinError:
                carrier = None  # a member without a network of its own hands nothing over
        meetings = reg.list_meetings(uow, who) if who.role is Role.MEMBER else []
    out = MemberAttention()
    if who.role is Role.ADMIN:
        out.incoming = ms
    else:
        out.incoming = [m for m in ms if m["to_carrier"] == carrier]
        out.outgoing = [m for m in ms if m["from_carrier"] == carrier]
    recent = reading.list_page(engine, who, limit=RECENT)["items"]
    out.late = [s for s in recent if s["late"] and s["status"] not in _DONE]
    follow = [(m, a) for m in meetings for a in m.actions if a.status == ActionStatus.OPEN]
    out.follow = sorted(follow, key=lambda pair: pair[1].due_on)
    return out


def staff_attention(engine: Engine, who: Principal, today: date) -> StaffAttention:
    """Applications waiting for this person's decision (a DPW: submitted in its province; the DPP:
    recommended), overdue follow-ups in the region, agreements being negotiated or signed."""
    with unit_of_work(engine) as uow:
        waiting = ApplicationStatus.RECOMMENDED if who.role is Role.ADMIN else ApplicationStatus.SUBMITTED
        apps = [a for a in reg.list_applications(uow, who) if a.status == waiting]
        if who.role is Role.OFFICER and who.board_level is not BoardLevel.DPW:
            apps = []  # a DPD officer follows applications; the DPW decides
        overdue = reg.report_overdue(uow, who, today)
        moving = (AgreementStage.NEGOTIATING, AgreementStage.SIGNED)
        negotiating = [a for a in reg.list_agreements(uow, who) if a.stage in moving]
    return StaffAttention(apps, overdue, negotiating)
