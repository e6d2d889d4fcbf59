"""Webhook endpoints: register, list, delete, re-enable, send a test, read the delivery log, retry.

A member manages its own endpoints; the admin (DPP) sees and acts on every endpoint (support),
but only a member registers one (it receives that member's events). An endpoint outside the
caller's view is reported as not found, so ids do not leak. Each use case runs in the caller's
unit of work with its audit row. Registration checks the URL (https, public addresses: see
`jalin.webhooks.addresses`); the worker checks the addresses again at every connection.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, encode_cursor, page_of
from jalin.services.webhooks.transport import Resolver, resolve
from jalin.storage import webhooks as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import UnitOfWork
from jalin.webhooks.addresses import Target, blocked_reason, check_url
from jalin.webhooks.errors import WebhookErrorCode
from jalin.webhooks.events import SUBSCRIBABLE, EventType, message_body, new_message_id
from jalin.webhooks.records import Attempt, Endpoint, MessageStatus
from jalin.webhooks.signing import new_secret

#: Endpoints one member may register.
MAX_ENDPOINTS = 20
#: Delivery log page size bounds.
MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class CreatedEndpoint:
    """The endpoint and its signing secret, shown in this answer only."""

    endpoint: Endpoint
    secret: str


@dataclass(frozen=True, slots=True)
class Queued:
    """A message written to the outbox for the worker to deliver."""

    message_id: str
    endpoint_id: str
    event_type: str
    status: MessageStatus


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _not_found(endpoint_id: str) -> JalinError:
    return JalinError(CommonErrorCode.NOT_FOUND, f"webhook {endpoint_id} not found", field="id")


def check_target(url: object, *, allow_private: bool, resolver: Resolver = resolve) -> str:
    """The URL if it may receive webhooks, else `JalinError` naming the rule it breaks."""
    target = check_url(url, allow_private=allow_private)
    if not isinstance(target, Target):
        raise JalinError(WebhookErrorCode.INVALID_WEBHOOK_URL, target, field="url")
    reason = blocked_reason(resolver(target.host, target.port), allow_private=allow_private)
    if reason is not None:
        raise JalinError(
            WebhookErrorCode.WEBHOOK_URL_NOT_ALLOWED,
            f"{reason}; webhooks go to https URLs on public addresses only",
            field="url",
        )
    return target.url


def check_event_types(value: object) -> tuple[str, ...]:
    """A non-empty list of distinct subscribable event types, in the contract's order."""
    allowed = [t.value for t in SUBSCRIBABLE]
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(v, str) and v in allowed for v in value)
    ):
        raise JalinError(
            WebhookErrorCode.INVALID_EVENT_TYPES,
            f"event_types must be a non-empty list of: {', '.join(allowed)}",
            field="event_types",
            allowed=allowed,
        )
    chosen = set(value)
    return tuple(t for t in allowed if t in chosen)


def _visible(uow: UnitOfWork, who: Principal, endpoint_id: str) -> Endpoint:
    ep = store.endpoint(uow.conn, endpoint_id)
    if ep is None or (who.role is not Role.ADMIN and ep.member_id != who.member_id):
        raise _not_found(endpoint_id)
    return ep


def create(
    uow: UnitOfWork,
    who: Principal,
    url: object,
    event_types: object,
    *,
    allow_private: bool,
    member_id: int | None = None,
    resolver: Resolver = resolve,
) -> CreatedEndpoint:
    """Register an endpoint; the secret is returned once. A member registers its own; the admin
    (the CLI) names the member (`member_id`)."""
    if who.role is Role.MEMBER and who.member_id is not None and member_id in (None, who.member_id):
        owner = who.member_id
    elif who.role is Role.ADMIN and member_id is not None:
        if not store.member_exists(uow.conn, member_id):
            raise JalinError(CommonErrorCode.NOT_FOUND, f"member {member_id} not found", field="member")
        owner = member_id
    else:
        raise JalinError(CommonErrorCode.FORBIDDEN, "a member registers webhook endpoints for itself")
    types = check_event_types(event_types)
    checked = check_target(url, allow_private=allow_private, resolver=resolver)
    if len(store.endpoints(uow.conn, owner)) >= MAX_ENDPOINTS:
        raise JalinError(
            WebhookErrorCode.TOO_MANY_WEBHOOKS,
            f"a member has at most {MAX_ENDPOINTS} webhook endpoints; delete one first",
            field="url",
        )
    secret = new_secret()
    ep = store.insert_endpoint(
        uow.conn,
        id="ep_" + secrets.token_hex(12),
        member_id=owner,
        url=checked,
        event_types=types,
        secret=secret,
        now=_now(),
    )
    audit_record(
        uow.conn,
        who.actor,
        "webhook.create",
        "webhook",
        ep.id,
        after={"url": ep.url, "event_types": list(types)},
    )
    return CreatedEndpoint(ep, secret)


def endpoints_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`list_endpoints` a page at a time, oldest first (by creation time, then id)."""
    return page_of(
        list_endpoints(uow, who),
        tag="webhook",
        key=lambda e: (e.created_at.isoformat(timespec="microseconds"), e.id),
        cursor=cursor,
        limit=limit,
        shape=(str, str),
    )


def list_endpoints(uow: UnitOfWork, who: Principal) -> list[Endpoint]:
    """The member's endpoints (admin: every endpoint), oldest first, without secrets."""
    if who.role is Role.ADMIN:
        return store.endpoints(uow.conn, None)
    if who.member_id is None:
        return []
    return store.endpoints(uow.conn, who.member_id)


def get(uow: UnitOfWork, who: Principal, endpoint_id: str) -> Endpoint:
    return _visible(uow, who, endpoint_id)


def delete(uow: UnitOfWork, who: Principal, endpoint_id: str) -> Endpoint:
    """Remove the endpoint, its pending messages and its log; the endpoint as it was."""
    ep = _visible(uow, who, endpoint_id)
    store.delete_endpoint(uow.conn, ep.id)
    audit_record(uow.conn, who.actor, "webhook.delete", "webhook", ep.id, before={"url": ep.url})
    return ep


def enable(uow: UnitOfWork, who: Principal, endpoint_id: str) -> Endpoint:
    """Re-enable an endpoint (idempotent): its failure streak starts again from zero and its
    pending messages are delivered again."""
    ep = _visible(uow, who, endpoint_id)
    store.enable_endpoint(uow.conn, ep.id)
    if not ep.enabled or ep.failure_streak or ep.failing_since:
        audit_record(
            uow.conn,
            who.actor,
            "webhook.enable",
            "webhook",
            ep.id,
            before={"enabled": ep.enabled, "failure_streak": ep.failure_streak},
            after={"enabled": True, "failure_streak": 0},
        )
    fresh = store.endpoint(uow.conn, ep.id)
    assert fresh is not None
    return fresh


def _require_enabled(ep: Endpoint) -> None:
    if not ep.enabled:
        raise JalinError(
            WebhookErrorCode.WEBHOOK_DISABLED,
            f"webhook {ep.id} is disabled ({ep.disabled_reason}); enable it first",
            field="id",
        )


def send_test(uow: UnitOfWork, who: Principal, endpoint_id: str) -> Queued:
    """Queue a `webhook.test` message to the endpoint (whatever types it chose)."""
    ep = _visible(uow, who, endpoint_id)
    _require_enabled(ep)
    now = _now()
    mid = new_message_id()
    body = message_body(EventType.WEBHOOK_TEST, now, {"endpoint_id": ep.id, "message": "Halo dari Jalin"})
    store.insert_messages(
        uow.conn,
        [{"id": mid, "endpoint_id": ep.id, "event_type": EventType.WEBHOOK_TEST.value, "number": None,
          "body": body, "created_at": now}],
    )  # fmt: skip
    return Queued(mid, ep.id, EventType.WEBHOOK_TEST.value, MessageStatus.PENDING)


def deliveries(
    uow: UnitOfWork, who: Principal, endpoint_id: str, *, cursor: str | None = None, limit: int = 50
) -> tuple[list[Attempt], str | None]:
    """The endpoint's delivery log, newest first; the cursor of the next page or None."""
    ep = _visible(uow, who, endpoint_id)
    check_limit(limit, MAX_PAGE)
    before = decode_cursor(cursor, "delivery")
    items, more = store.attempts(uow.conn, ep.id, before=before, limit=limit)
    return items, (encode_cursor("delivery", items[-1].id) if more and items else None)


def retry(uow: UnitOfWork, who: Principal, endpoint_id: str, message_id: str) -> Queued:
    """Send a message again now with the same webhook-id and body (whatever its state): it is
    tried at once and, if that fails, on the retry schedule from the start."""
    ep = _visible(uow, who, endpoint_id)
    m = store.message(uow.conn, message_id)
    if m is None or m.endpoint_id != ep.id:
        raise JalinError(
            WebhookErrorCode.MESSAGE_NOT_FOUND,
            f"message {message_id} of webhook {ep.id} not found",
            field="message_id",
        )
    _require_enabled(ep)
    store.requeue(uow.conn, m.id, _now())
    audit_record(uow.conn, who.actor, "webhook.retry", "webhook", ep.id, after={"message_id": m.id})
    return Queued(m.id, ep.id, m.event_type, MessageStatus.PENDING)
