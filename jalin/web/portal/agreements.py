"""For officers and the DPP: the agreement pipeline by stage (moving an agreement is one action,
only to the stages its state machine allows, and only where `may_act_on_agreement` lets the
visitor act), and meetings with their follow-ups, overdue first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from jalin.http.deps import UowDep
from jalin.http.session import StaffForm, StaffPage
from jalin.registry.records import Agreement
from jalin.registry.rules import AGREEMENT_TRANSITIONS, ActionStatus, AgreementKind, AgreementStage
from jalin.services import registry as svc
from jalin.web.portal.common import page, redirect

router = APIRouter(include_in_schema=False)

Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


def _brands(uow: UowDep, visitor: StaffPage) -> dict[int, str]:
    return {m.id: m.brand for m in svc.list_members(uow, visitor.principal)}


#: Stages of an interline agreement whose impact is still a question (not active, not ended).
_PENDING = (
    AgreementStage.EXPLORING,
    AgreementStage.NEGOTIATING,
    AgreementStage.SIGNED,
    AgreementStage.SUSPENDED,
)


def _impact_links(uow: UowDep, visitor: StaffPage, found: list[Agreement]) -> dict[int, str]:
    """For each pending interline agreement between two carriers: the impact form with the pair,
    its fee and its handover districts filled in."""
    carriers = {m.id: m.carrier_id for m in svc.list_members(uow, visitor.principal) if m.carrier_id}
    links = {}
    for a in found:
        pair = [carriers[p] for p in a.parties if p in carriers]
        if a.kind == AgreementKind.INTERLINE_HANDOVER and a.stage in _PENDING and len(pair) >= 2:
            query = {"a": pair[0], "b": pair[1], "biaya": str(a.fee_per_parcel)}
            if a.districts:
                query["kecamatan"] = ", ".join(a.districts)
            links[a.id] = "/portal/dampak?" + urlencode(query)
    return links


@router.get("/portal/perjanjian", response_class=HTMLResponse)
def pipeline(request: Request, visitor: StaffPage, uow: UowDep) -> HTMLResponse:
    """Every agreement the visitor sees, in columns by stage; where the visitor may act on it, a
    button per stage the state machine allows next (in the machine's order, ending last)."""
    rights = svc.list_agreements_with_rights(uow, visitor.principal)
    found = [a for a, _ in rights]
    stages = [(stage.value, [a for a in found if a.stage == stage]) for stage in AgreementStage]
    order = list(AgreementStage)
    moves = {
        a.id: [s.value for s in sorted(AGREEMENT_TRANSITIONS[a.stage], key=order.index)] if may else []
        for a, may in rights
    }
    return page(
        request,
        visitor,
        "portal/perjanjian.html",
        stages=stages,
        moves=moves,
        brands=_brands(uow, visitor),
        impact=_impact_links(uow, visitor, found),
    )


@router.post("/portal/perjanjian/{agreement_id}/tahap")
def move(
    visitor: StaffForm,
    uow: UowDep,
    agreement_id: Id,
    stage: Annotated[str, Form(max_length=20)],
) -> Response:
    """Move an agreement to `stage` (409 page for a move the state machine refuses, 403 where the
    visitor may see but not act)."""
    svc.move_agreement(uow, visitor.principal, agreement_id, stage)
    return redirect(f"/portal/perjanjian#a{agreement_id}", notice="portal.agreements.moved")


def _today() -> datetime:
    return datetime.now(UTC) + timedelta(hours=7)


@router.get("/portal/rapat", response_class=HTMLResponse)
def meetings(request: Request, visitor: StaffPage, uow: UowDep) -> HTMLResponse:
    """Overdue follow-ups first, then meetings newest first with their follow-ups."""
    today = _today().date()
    overdue = svc.report_overdue(uow, visitor.principal, today)
    found = sorted(svc.list_meetings(uow, visitor.principal), key=lambda m: m.held_on, reverse=True)
    return page(
        request,
        visitor,
        "portal/rapat.html",
        overdue=overdue,
        meetings=found,
        today=today,
        brands=_brands(uow, visitor),
    )


@router.post("/portal/rapat/tindak-lanjut/{action_id}")
def set_action(
    visitor: StaffForm,
    uow: UowDep,
    action_id: Id,
    status: Annotated[str, Form(pattern="^(open|done|cancelled)$")],
) -> Response:
    svc.set_action_status(uow, visitor.principal, action_id, ActionStatus(status))
    return redirect("/portal/rapat", notice="portal.meetings.updated")
