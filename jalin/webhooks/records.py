"""Typed records of webhook endpoints, outbox messages and delivery attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MessageStatus(StrEnum):
    """A message is pending until one attempt is delivered or the schedule runs out (failed)."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class Outcome(StrEnum):
    """What one attempt came to, as the delivery log shows it."""

    DELIVERED = "delivered"  # 2xx within the timeout
    HTTP_ERROR = "http_error"  # any other status
    TIMEOUT = "timeout"  # no whole answer within the timeout
    NETWORK_ERROR = "network_error"  # refused, reset, TLS, DNS failure
    BLOCKED = "blocked"  # the host resolved to an address that is not allowed (SSRF rule)
    ENDPOINT_DISABLED = "endpoint_disabled"  # a log note: the streak rule disabled the endpoint


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A member's receiver. The secret is only ever shown by the answer that created it."""

    id: str
    member_id: int
    url: str
    event_types: tuple[str, ...]
    enabled: bool
    failure_streak: int
    failing_since: datetime | None
    disabled_at: datetime | None
    disabled_reason: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Message:
    """One event for one endpoint, as the outbox holds it."""

    id: str
    endpoint_id: str
    event_type: str
    number: str | None
    body: str
    created_at: datetime
    status: MessageStatus
    attempts: int
    next_attempt_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One row of the delivery log."""

    id: int
    message_id: str
    endpoint_id: str
    event_type: str
    attempt: int
    at: datetime
    duration_ms: int | None
    status_code: int | None
    outcome: Outcome
    error: str | None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A message a worker holds the lease of, with what it needs to send it."""

    id: str
    endpoint_id: str
    url: str
    secret: str
    body: str
    attempts: int  # attempts made before this one
