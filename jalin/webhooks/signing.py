"""Standard Webhooks signatures.

`webhook-signature` = `v1,` + base64(HMAC-SHA256(key, `{webhook-id}.{webhook-timestamp}.{body}`))
where the key is the base64-decoded part of the secret after `whsec_` (32 random bytes).
`webhook-timestamp` is Unix seconds of the attempt (receivers refuse stale ones), so a retry is
signed anew while its `webhook-id` and body stay the same.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    """`whsec_` + base64 of 32 random bytes."""
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _key(secret: str) -> bytes:
    if not secret.startswith(PREFIX):
        raise ValueError("a webhook secret starts with whsec_")
    return base64.b64decode(secret[len(PREFIX) :])


def sign(secret: str, message_id: str, timestamp: int, body: str | bytes) -> str:
    """The `webhook-signature` value for one attempt."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    content = f"{message_id}.{timestamp}.".encode() + raw
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(secret: str, message_id: str, timestamp: int, body: str | bytes) -> dict[str, str]:
    """The three Standard Webhooks headers plus the JSON content type."""
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }


def verify(secret: str, message_id: str, timestamp: int, body: str | bytes, header: str) -> bool:
    """True if any `v1,` signature in `header` (space separated) matches; constant-time compare."""
    expected = sign(secret, message_id, timestamp, body)
    return any(hmac.compare_digest(expected, part) for part in header.split())
