"""Standard Webhooks for Jalin, the pure rules (tracking-v1, section Webhooks).

Event types, message bodies and ids, signing (`webhook-id`, `webhook-timestamp`,
`webhook-signature`), the retry schedule, the rules on target addresses (SSRF) and the rule that
disables an endpoint after a streak of failures. Nothing here touches the network, a clock it
was not handed, a database or a framework: services and the worker do the I/O.
"""

from jalin.webhooks.addresses import blocked_reason, check_url, is_public_address
from jalin.webhooks.errors import WebhookErrorCode
from jalin.webhooks.events import SUBSCRIBABLE, EventType, message_body, new_message_id
from jalin.webhooks.schedule import DEFAULT_SCHEDULE, next_delay, parse_schedule
from jalin.webhooks.signing import new_secret, sign, signed_headers, verify
from jalin.webhooks.streak import DisableRule, should_disable

__all__ = [
    "DEFAULT_SCHEDULE",
    "SUBSCRIBABLE",
    "DisableRule",
    "EventType",
    "WebhookErrorCode",
    "blocked_reason",
    "check_url",
    "is_public_address",
    "message_body",
    "new_message_id",
    "new_secret",
    "next_delay",
    "parse_schedule",
    "should_disable",
    "sign",
    "signed_headers",
    "verify",
]
