"""Meetings, their follow-up actions, and the association's reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from jalin.api.models import MeetingPage, MembersPerProvincePage, OverdueActionPage, PipelinePage
from jalin.api.types import DEFAULT_PAGE, BodyDate, BodyId, Cursor, Id, Limit
from jalin.http.auth import Signed, Staff
from jalin.http.deps import AtlasDep, UowDep
from jalin.registry.records import Action, Meeting
from jalin.registry.rules import ActionStatus
from jalin.services import registry as svc

router = APIRouter(tags=["meetings"])


class MeetingBody(BaseModel):
    held_on: BodyDate
    place: str = Field(min_length=2, max_length=200, examples=["Kantor Pos Regional Magelang"])
    host: str = Field(description="Host board: a province (DPW) or regency (DPD) code", examples=["33.08"])
    members: list[BodyId] = Field(
        default_factory=list, max_length=500, description="Participating member ids"
    )
    partners: str = Field(
        default="", max_length=1000, description="Other participants, e.g. the post's office"
    )
    topics: str = Field(min_length=2, max_length=2000)
    outcomes: str = Field(default="", max_length=4000)


class ActionBody(BaseModel):
    description: str = Field(min_length=2, max_length=1000)
    owner: str = Field(min_length=2, max_length=200)
    due_on: BodyDate


class ActionStatusBody(BaseModel):
    status: ActionStatus


@router.get("/v1/meetings", response_model=MeetingPage)
def list_meetings(
    who: Signed, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Meetings the caller may see (admin: all; officer: their region's; member: those it took
    part in), by id (the order they were recorded), a page at a time."""
    return svc.meetings_page(uow, who, cursor=cursor, limit=limit)


@router.post("/v1/meetings", status_code=201)
def create_meeting(body: MeetingBody, who: Staff, uow: UowDep) -> Meeting:
    return svc.create_meeting(
        uow,
        who,
        held_on=body.held_on,
        place=body.place,
        host=body.host,
        member_ids=body.members,
        partners=body.partners,
        topics=body.topics,
        outcomes=body.outcomes,
    )


@router.get("/v1/meetings/{meeting_id}")
def get_meeting(meeting_id: Id, who: Signed, uow: UowDep) -> Meeting:
    return svc.get_meeting(uow, who, meeting_id)


@router.post("/v1/meetings/{meeting_id}/actions", status_code=201)
def add_action(meeting_id: Id, body: ActionBody, who: Staff, uow: UowDep) -> Action:
    return svc.add_action(
        uow, who, meeting_id, description=body.description, owner=body.owner, due_on=body.due_on
    )


@router.patch("/v1/actions/{action_id}")
def set_action_status(action_id: Id, body: ActionStatusBody, who: Staff, uow: UowDep) -> Action:
    return svc.set_action_status(uow, who, action_id, body.status)


@router.get("/v1/reports/agreement-pipeline", response_model=PipelinePage)
def agreement_pipeline(
    who: Staff, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Agreements per DPW (province) and stage, by province code (agreements no DPW carries
    first), a page at a time."""
    return svc.pipeline_page(uow, who, cursor=cursor, limit=limit)


@router.get("/v1/reports/overdue-actions", response_model=OverdueActionPage)
def overdue_actions(
    who: Staff, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Open follow-up actions past their due date, oldest due first (then by id), a page at a time."""
    return svc.overdue_page(uow, who, date.today(), cursor=cursor, limit=limit)


@router.get("/v1/reports/members-per-province", response_model=MembersPerProvincePage)
def members_per_province(
    who: Staff, uow: UowDep, atlas: AtlasDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Members per province and status, by province code, a page at a time."""
    return svc.members_per_province_page(uow, who, atlas, cursor=cursor, limit=limit)
