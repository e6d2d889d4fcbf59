"""ASGI middleware every response passes through: request body limits and security headers.

Both are plain ASGI (not `BaseHTTPMiddleware`), so streaming and background work are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jalin.network.source import MAX_TOTAL_BYTES
from jalin.services.registry import MAX_DOCUMENT_BYTES

#: Default limit of a request body (JSON, forms): 1 MiB.
MAX_BODY_BYTES = 1024 * 1024
#: Room for the multipart envelope (boundaries, part headers) around an uploaded file.
MULTIPART_SLACK = 64 * 1024

#: Routes that take uploads, with their limit: the documented file limit plus the envelope.
BODY_LIMITS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^/v1/feeds/?$"), MAX_TOTAL_BYTES + MULTIPART_SLACK),
    (re.compile(r"^/portal/jaringan/?$"), MAX_TOTAL_BYTES + MULTIPART_SLACK),  # the portal's feed upload
    (re.compile(r"^/v1/agreements/[^/]+/documents/?$"), MAX_DOCUMENT_BYTES + MULTIPART_SLACK),
    # 1,000 tracking events with every text field at its limit (about 1.3 KB each) fit.
    (re.compile(r"^/v1/events/?$"), 2 * 1024 * 1024),
)


def body_limit(path: str) -> int:
    """The largest request body, in bytes, accepted on `path`."""
    for pattern, limit in BODY_LIMITS:
        if pattern.match(path):
            return limit
    return MAX_BODY_BYTES


class BodyTooLarge(HTTPException):
    """413: raised while the body streams in, so an oversized body is never parsed."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"The request body is larger than {limit:,} bytes, the limit of this route; "
            "send less (see docs/security.md for the limits).",
        )


class BodyLimit:
    """Refuse bodies over `limit_for(path)` with 413: by Content-Length up front, and by counting
    the bytes that actually arrive (chunked uploads carry no Content-Length)."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int] = body_limit) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self.app(scope, _refuse(limit), send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


def _refuse(limit: int) -> Receive:
    async def receive() -> Message:
        raise BodyTooLarge(limit)

    return receive


#: Pages: own scripts and styles only (inline styles allowed for the templates' <style> blocks).
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Swagger UI and ReDoc are vendored under /static and start from scripts there (no inline
#: script); they inject styles at run time and ReDoc runs its search in a blob: worker.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
#: Everything else (JSON, CSV, downloads) loads nothing.
API_CSP = "default-src 'none'; frame-ancestors 'none'"
_DOCS = re.compile(r"^/(docs|redoc)(/.*)?$")


#: The one page that may show map tiles from another host (when JALIN_MAP_TILE_URL is set).
MAP_PAGE = "/portal/peta"


def csp_for(path: str, content_type: str, tile_origin: str | None = None) -> str:
    """The CSP of an answer. `tile_origin` (the configured tile host, `https://host`) is added to
    `img-src` on the coverage map page only; every other page keeps `img-src 'self' data:`."""
    if not content_type.startswith("text/html"):
        return API_CSP
    if _DOCS.match(path):
        return DOCS_CSP
    if tile_origin and path == MAP_PAGE:
        return PAGE_CSP.replace("img-src 'self' data:;", f"img-src 'self' data: {tile_origin};")
    return PAGE_CSP


class SecurityHeaders:
    """Adds the security headers to every HTTP response and drops any `server` header.

    `Cache-Control: no-store` goes on every response to a request that carries credentials
    unless the route set its own caching: such an answer is private to the key, and the only
    answers that carry a secret (a new key, on key creation and application approval) need a key."""

    def __init__(self, app: ASGIApp, tile_origin: str | None = None) -> None:
        self.app = app
        self.tile_origin = tile_origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = dict(scope["headers"])
        credentialed = b"x-api-key" in request_headers or b"authorization" in request_headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"server"
                ]
                names = {k.lower() for k, _ in headers}
                content_type = next((v.decode("latin-1") for k, v in headers if k == b"content-type"), "")
                extra: list[tuple[str, str]] = [
                    ("x-content-type-options", "nosniff"),
                    ("x-frame-options", "DENY"),
                    ("referrer-policy", "no-referrer"),
                    ("content-security-policy", csp_for(scope["path"], content_type, self.tile_origin)),
                    ("cross-origin-opener-policy", "same-origin"),
                ]
                if b"cache-control" not in names and credentialed:
                    extra.append(("cache-control", "no-store"))
                headers += [(k.encode(), v.encode()) for k, v in extra if k.encode() not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
