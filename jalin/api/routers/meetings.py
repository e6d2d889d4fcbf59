"""Meetings, their follow-up actions, and the association's reports."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from jalin.http.auth import Signed, Staff
from jalin.http.deps import AtlasDep, EngineDep
from jalin.services import registry as svc

router = APIRouter(tags=["meetings"])


class MeetingBody(BaseModel):
    held_on: date
    place: str = Field(min_length=2, max_length=200, examples=["Kantor Pos Regional Magelang"])
    host: str = Field(description="Host board: a province (DPW) or regency (DPD) code", examples=["33.08"])
    members: list[int] = Field(default_factory=list, description="Participating member ids")
    partners: str = Field(
        default="", max_length=1000, description="Other participants, e.g. the post's office"
    )
    topics: str = Field(min_length=2, max_length=2000)
    outcomes: str = Field(default="", max_length=4000)


class ActionBody(BaseModel):
    description: str = Field(min_length=2, max_length=1000)
    owner: str = Field(min_length=2, max_length=200)
    due_on: date


class ActionStatusBody(BaseModel):
    status: Literal["open", "done", "cancelled"]


@router.get("/v1/meetings")
def list_meetings(who: Signed, engine: EngineDep) -> list[dict[str, Any]]:
    return svc.list_meetings(engine, who)


@router.post("/v1/meetings", status_code=201)
def create_meeting(body: MeetingBody, who: Staff, engine: EngineDep) -> dict[str, Any]:
    return svc.create_meeting(
        engine,
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
def get_meeting(meeting_id: int, who: Signed, engine: EngineDep) -> dict[str, Any]:
    return svc.get_meeting(engine, who, meeting_id)


@router.post("/v1/meetings/{meeting_id}/actions", status_code=201)
def add_action(meeting_id: int, body: ActionBody, who: Staff, engine: EngineDep) -> dict[str, Any]:
    return svc.add_action(
        engine, who, meeting_id, description=body.description, owner=body.owner, due_on=body.due_on
    )


@router.patch("/v1/actions/{action_id}")
def set_action_status(
    action_id: int, body: ActionStatusBody, who: Staff, engine: EngineDep
) -> dict[str, Any]:
    return svc.set_action_status(engine, who, action_id, body.status)


@router.get("/v1/reports/agreement-pipeline")
def agreement_pipeline(who: Staff, engine: EngineDep) -> list[dict[str, Any]]:
    """Agreements per DPW (province) and stage."""
    return svc.report_pipeline(engine, who)


@router.get("/v1/reports/overdue-actions")
def overdue_actions(who: Staff, engine: EngineDep) -> list[dict[str, Any]]:
    """Open follow-up actions past their due date, oldest first."""
    return svc.report_overdue(engine, who, date.today())


@router.get("/v1/reports/members-per-province")
def members_per_province(who: Staff, engine: EngineDep, atlas: AtlasDep) -> list[dict[str, Any]]:
    return svc.report_members_per_province(engine, who, atlas)
