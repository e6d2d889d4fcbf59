"""Webhook endpoints (tracking-v1, Standard Webhooks): register, list, delete, re-enable, test,
the delivery log and manual retry. Delivery itself is the worker's (`jalin worker`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from jalin.api.types import DEFAULT_PAGE, Cursor, Limit
from jalin.http.auth import AdminOrMember, Allow
from jalin.http.deps import SettingsDep, UowDep
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.services.webhooks import endpoints as svc
from jalin.services.webhooks.endpoints import Queued
from jalin.webhooks.events import SUBSCRIBABLE
from jalin.webhooks.records import Attempt, Endpoint

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

MemberOnly = Annotated[Principal, Depends(Allow(Role.MEMBER))]
EndpointId = Annotated[
    str,
    Path(min_length=1, max_length=40, description="e.g. ep_3f2a9c01d4e5b6a7c8d9e0f1"),
]
MessageId = Annotated[
    str, Path(min_length=1, max_length=40, description="the webhook-id, msg_ + 32 hex digits")
]


class WebhookBody(BaseModel):
    url: str = Field(max_length=2000, examples=["https://hooks.example.co.id/jalin"])
    event_types: list[str] = Field(
        min_length=1,
        max_length=len(SUBSCRIBABLE),
        examples=[["shipment.status_changed", "shipment.delivered"]],
    )


@dataclass(frozen=True, slots=True)
class CreatedWebhook(Endpoint):
    """The new endpoint with its signing secret (`whsec_...`), shown in this answer only."""

    secret: str


@dataclass(frozen=True, slots=True)
class WebhookList:
    items: list[Endpoint]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class DeliveryLog:
    """Attempts newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[Attempt]
    next_cursor: str | None


@router.post("", status_code=201)
def create(body: WebhookBody, who: MemberOnly, uow: UowDep, settings: SettingsDep) -> CreatedWebhook:
    """Register an endpoint for the calling member; the answer shows `secret` once."""
    made = svc.create(uow, who, body.url, body.event_types, allow_private=settings.webhooks_allow_private)
    return CreatedWebhook(
        **{f: getattr(made.endpoint, f) for f in Endpoint.__dataclass_fields__}, secret=made.secret
    )


@router.get("")
def list_webhooks(
    who: AdminOrMember, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> WebhookList:
    """The member's endpoints (admin: all), never their secrets; oldest first (by creation time,
    then id), a page at a time."""
    found = svc.endpoints_page(uow, who, cursor=cursor, limit=limit)
    return WebhookList(found["items"], found["next_cursor"])


@router.delete("/{endpoint_id}")
def delete(endpoint_id: EndpointId, who: AdminOrMember, uow: UowDep) -> Endpoint:
    """Remove the endpoint with its pending messages and delivery log; answers it as it was."""
    return svc.delete(uow, who, endpoint_id)


@router.post("/{endpoint_id}/enable")
def enable(endpoint_id: EndpointId, who: AdminOrMember, uow: UowDep) -> Endpoint:
    """Re-enable an endpoint (e.g. disabled after a failure streak); resets the streak."""
    return svc.enable(uow, who, endpoint_id)


@router.post("/{endpoint_id}/test", status_code=202)
def send_test(endpoint_id: EndpointId, who: AdminOrMember, uow: UowDep) -> Queued:
    """Queue a signed `webhook.test` message; the worker delivers it and logs the attempt."""
    return svc.send_test(uow, who, endpoint_id)


@router.get("/{endpoint_id}/deliveries")
def deliveries(
    endpoint_id: EndpointId,
    who: AdminOrMember,
    uow: UowDep,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=svc.MAX_PAGE)] = 50,
) -> DeliveryLog:
    """Every attempt to this endpoint (and a note when it was disabled), newest first."""
    items, next_cursor = svc.deliveries(uow, who, endpoint_id, cursor=cursor, limit=limit)
    return DeliveryLog(items, next_cursor)


@router.post("/{endpoint_id}/deliveries/{message_id}/retry", status_code=202)
def retry(endpoint_id: EndpointId, message_id: MessageId, who: AdminOrMember, uow: UowDep) -> Queued:
    """Send the message again now (same webhook-id and body), then on the schedule if it fails."""
    return svc.retry(uow, who, endpoint_id, message_id)
