"""Error codes of webhook endpoints (see `jalin.errors`)."""

from __future__ import annotations

from enum import StrEnum


class WebhookErrorCode(StrEnum):
    """Every refusal of the webhooks domain (the API's problem+json `code`)."""

    INVALID_WEBHOOK_URL = "invalid_webhook_url"
    WEBHOOK_URL_NOT_ALLOWED = "webhook_url_not_allowed"
    INVALID_EVENT_TYPES = "invalid_event_types"
    WEBHOOK_DISABLED = "webhook_disabled"
    MESSAGE_NOT_FOUND = "message_not_found"
    TOO_MANY_WEBHOOKS = "too_many_webhooks"
