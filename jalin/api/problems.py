"""RFC 9457 problem+json: one table from error code to HTTP status, one handler per error kind.

Every error a caller can act on is a `JalinError` whose `code` belongs to one of the enums in
`CODE_ENUMS`; `STATUS` gives each code its HTTP status. The body is
`{type, title, status, detail, code, instance}`, plus `field` when the error names an input
field, plus the error's structured `extra` (e.g. `allowed`, `candidates`, `report`).
Framework errors (request validation, unknown routes, unforeseen exceptions) answer in the
same shape with a code from `CommonErrorCode`.

`python -m jalin.api.errors_doc docs/errors.md` regenerates the documented table of codes.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match

from jalin.api.openapi import document_statuses
from jalin.errors import CommonErrorCode, JalinError
from jalin.geo.errors import GeoErrorCode
from jalin.http.auth import Allow, route_roles
from jalin.impact.errors import ImpactErrorCode
from jalin.network.errors import FeedErrorCode
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.people import UserErrorCode
from jalin.routing.errors import RoutingErrorCode
from jalin.services.quotes import QuoteErrorCode
from jalin.settlement.model import SettlementErrorCode
from jalin.shipments.model import ShipmentErrorCode
from jalin.tracking import TrackingErrorCode
from jalin.web import portal
from jalin.webhooks.errors import WebhookErrorCode

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("jalin.api")

#: Every enum of error codes the API can answer with, by domain (the order of docs/errors.md).
CODE_ENUMS: tuple[type[StrEnum], ...] = (
    CommonErrorCode,
    GeoErrorCode,
    FeedErrorCode,
    QuoteErrorCode,
    RoutingErrorCode,
    RegistryErrorCode,
    ImpactErrorCode,
    ShipmentErrorCode,
    WebhookErrorCode,
    TrackingErrorCode,
    SettlementErrorCode,
    UserErrorCode,
)

#: The one table from code to HTTP status. A code missing here fails `test_every_code_has_a_status`.
STATUS: dict[str, int] = {
    CommonErrorCode.INVALID_REQUEST: 422,
    CommonErrorCode.INVALID_QUERY: 422,
    CommonErrorCode.INVALID_CURSOR: 422,
    CommonErrorCode.UNAUTHORIZED: 401,
    CommonErrorCode.INVALID_API_KEY: 401,
    CommonErrorCode.FORBIDDEN: 403,
    CommonErrorCode.NOT_FOUND: 404,
    CommonErrorCode.METHOD_NOT_ALLOWED: 405,
    CommonErrorCode.UPLOAD_TOO_LARGE: 413,
    CommonErrorCode.HTTP_ERROR: 400,  # any other HTTP error keeps its own status
    CommonErrorCode.DATABASE_UNAVAILABLE: 503,
    CommonErrorCode.INTERNAL_ERROR: 500,
    GeoErrorCode.UNKNOWN_AREA: 404,
    GeoErrorCode.NOT_A_DISTRICT: 422,
    FeedErrorCode.FEED_INVALID: 422,
    FeedErrorCode.FEED_VERSION_CONFLICT: 409,
    FeedErrorCode.UNKNOWN_CARRIER: 422,
    FeedErrorCode.UNKNOWN_FEED_VERSION: 422,
    FeedErrorCode.CARRIER_MISMATCH: 403,
    FeedErrorCode.INVALID_ARCHIVE: 422,
    QuoteErrorCode.INVALID_WEIGHT: 422,
    QuoteErrorCode.INVALID_DIMENSIONS: 422,
    QuoteErrorCode.INVALID_READY_AT: 422,
    QuoteErrorCode.INVALID_MAX_HANDOVERS: 422,
    QuoteErrorCode.INVALID_HANDOVER_MINUTES: 422,
    QuoteErrorCode.UNKNOWN_PLACE: 422,
    QuoteErrorCode.AMBIGUOUS_PLACE: 422,
    RoutingErrorCode.SEARCH_TOO_LARGE: 422,
    RegistryErrorCode.INVALID_NIB: 422,
    RegistryErrorCode.INVALID_CARRIER_ID: 422,
    RegistryErrorCode.INVALID_MEMBER_TYPE: 422,
    RegistryErrorCode.UNKNOWN_REGION: 422,
    RegistryErrorCode.DUPLICATE_CARRIER_ID: 409,
    RegistryErrorCode.DUPLICATE_NIB: 409,
    RegistryErrorCode.ILLEGAL_TRANSITION: 409,
    RegistryErrorCode.INVALID_AGREEMENT: 422,
    RegistryErrorCode.INVALID_FILENAME: 422,
    ImpactErrorCode.PROPOSAL_UNKNOWN_CARRIER: 422,
    ImpactErrorCode.INVALID_PROPOSAL: 422,
    ImpactErrorCode.INVALID_ORIGINS: 422,
    ImpactErrorCode.UNKNOWN_JOINING_FEED: 422,
    ImpactErrorCode.INVALID_RANK: 422,
    ShipmentErrorCode.IDEMPOTENCY_KEY_MISSING: 400,
    ShipmentErrorCode.INVALID_IDEMPOTENCY_KEY: 400,
    ShipmentErrorCode.IDEMPOTENCY_KEY_REUSED: 422,
    ShipmentErrorCode.IDEMPOTENCY_IN_PROGRESS: 409,
    ShipmentErrorCode.INVALID_PHONE: 422,
    ShipmentErrorCode.INVALID_PARTY: 422,
    ShipmentErrorCode.INVALID_AMOUNT: 422,
    ShipmentErrorCode.INVALID_TEXT: 422,
    ShipmentErrorCode.INVALID_CHOICE: 422,
    ShipmentErrorCode.INVALID_OPTION: 422,
    ShipmentErrorCode.OPTION_UNAVAILABLE: 409,
    ShipmentErrorCode.NO_ROUTE: 422,
    ShipmentErrorCode.INVALID_NUMBER: 422,
    ShipmentErrorCode.INVALID_CARRIER_REF: 422,
    ShipmentErrorCode.CARRIER_REF_TAKEN: 409,
    ShipmentErrorCode.INVALID_FILTER: 422,
    ShipmentErrorCode.UNKNOWN_MEMBER: 422,
    ShipmentErrorCode.ALREADY_MOVING: 409,
    ShipmentErrorCode.NOT_YOUR_LEG: 403,
    ShipmentErrorCode.NOT_RECEIVING_CARRIER: 403,
    ShipmentErrorCode.NOT_BOOKING_MEMBER: 403,
    WebhookErrorCode.INVALID_WEBHOOK_URL: 422,
    WebhookErrorCode.WEBHOOK_URL_NOT_ALLOWED: 422,
    WebhookErrorCode.INVALID_EVENT_TYPES: 422,
    WebhookErrorCode.WEBHOOK_DISABLED: 409,
    WebhookErrorCode.MESSAGE_NOT_FOUND: 404,
    WebhookErrorCode.TOO_MANY_WEBHOOKS: 409,
    TrackingErrorCode.INVALID_EVENTS: 422,
    TrackingErrorCode.TOO_MANY_EVENTS: 422,
    TrackingErrorCode.NOT_A_TEST_SHIPMENT: 409,
    SettlementErrorCode.INVALID_PERIOD: 422,
    SettlementErrorCode.PERIOD_NOT_ENDED: 409,
    SettlementErrorCode.PERIOD_CLOSED: 409,
    SettlementErrorCode.INVALID_EXPORT_FORMAT: 422,
    SettlementErrorCode.INVALID_ADJUSTMENT: 422,
    UserErrorCode.INVALID_CREDENTIALS: 401,
    UserErrorCode.TOO_MANY_ATTEMPTS: 429,
    UserErrorCode.CSRF_FAILED: 403,
    UserErrorCode.WEAK_PASSWORD: 422,
    UserErrorCode.EMAIL_TAKEN: 409,
    UserErrorCode.INVALID_INVITE: 404,
    UserErrorCode.INVALID_EMAIL: 422,
}

_BY_HTTP_STATUS = {
    401: CommonErrorCode.UNAUTHORIZED,
    403: CommonErrorCode.FORBIDDEN,
    404: CommonErrorCode.NOT_FOUND,
    405: CommonErrorCode.METHOD_NOT_ALLOWED,
    413: CommonErrorCode.UPLOAD_TOO_LARGE,
}


def _title(code: str) -> str:
    return code.replace("_", " ").capitalize()


def problem_response(
    code: StrEnum,
    detail: str,
    instance: str,
    *,
    status: int | None = None,
    title: str | None = None,
    field: str | None = None,
    **extra: Any,
) -> JSONResponse:
    """The problem+json answer for `code` (its status from `STATUS` unless `status` is given)."""
    status = status or STATUS[code]
    body: dict[str, Any] = {
        "type": f"https://jalin.id/problems/{code.value}",
        "title": title or _title(code.value),
        "status": status,
        "detail": detail,
        "code": code.value,
        "instance": instance,
    }
    if field is not None:
        body["field"] = field
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    """Answer every error as problem+json and document the shape and codes in the OpenAPI."""

    @app.exception_handler(JalinError)
    async def _jalin(request: Request, exc: JalinError) -> Response:
        if portal.is_portal(request.url.path):  # a person at a browser: the refusal as a page
            return await run_in_threadpool(
                portal.error_page, request, exc.code, exc.message, STATUS[exc.code]
            )
        return problem_response(exc.code, exc.message, request.url.path, field=exc.field, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # Who is asking comes before what they sent: a protected route answers 401/403 first.
        if portal.is_portal(request.url.path):
            route = request.scope.get("route")
            roles = route_roles(route) if isinstance(route, APIRoute) else None
            answer = await run_in_threadpool(portal.refusal, request, roles)
            if answer is not None:
                return answer
        refused = None if portal.is_portal(request.url.path) else _refuse_caller(request)
        if refused is not None:
            return await _jalin(request, refused)
        errors = [
            {"field": _field(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        where = {loc for e in exc.errors() for loc in e.get("loc", ())[:1]}
        code = (
            CommonErrorCode.INVALID_QUERY if where <= {"query", "path"} else CommonErrorCode.INVALID_REQUEST
        )
        if portal.is_portal(request.url.path):
            return await run_in_threadpool(portal.error_page, request, code, detail, 422)
        # One field at fault (a bad `limit`, say): name it as every other error does.
        fields = {e["field"] for e in errors}
        field = fields.pop() if len(fields) == 1 else None
        return problem_response(
            code, detail, request.url.path, title="Invalid request", field=field, errors=errors
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        """Anything unforeseen: one problem+json, no traceback to the caller (the server log has it)."""
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            CommonErrorCode.INTERNAL_ERROR,
            "Something went wrong on our side; nothing was changed. Try again later.",
            request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _BY_HTTP_STATUS.get(exc.status_code, CommonErrorCode.HTTP_ERROR)
        if portal.is_portal(request.url.path) and exc.status_code in (404, 405):
            return await run_in_threadpool(portal.error_page, request, code, str(exc.detail), exc.status_code)
        response = problem_response(
            code, str(exc.detail), request.url.path, status=exc.status_code, title=_title(code.value)
        )
        response.headers.update(exc.headers or {})
        if exc.status_code == 405 and (allowed := _allowed_methods(request)):
            response.headers["Allow"] = ", ".join(sorted(allowed))
        return response

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]


def _allowed_methods(request: Request, routes: list[Any] | None = None) -> set[str]:
    """Every method some route serves at this path (Starlette names only the first route's).

    Routers are included without a prefix of their own, so their routes' paths are complete."""
    methods: set[str] = set()
    for route in request.app.router.routes if routes is None else routes:
        included = getattr(route, "original_router", None)  # FastAPI's wrapper of an included router
        if included is not None:
            methods |= _allowed_methods(request, included.routes)
        elif isinstance(route, BaseRoute) and route.matches(request.scope)[0] is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return methods


def _refuse_caller(request: Request) -> JalinError | None:
    """The 401/403 the matched route's `Allow` dependency gives this caller, or None."""
    route = request.scope.get("route")
    roles = route_roles(route) if isinstance(route, APIRoute) else None
    if roles is None:
        return None
    try:
        Allow(*roles).check(request)
    except JalinError as exc:
        return exc
    return None


# -- OpenAPI -----------------------------------------------------------------------------------
def _problem_schema() -> dict[str, Any]:
    codes = {e.__name__: [c.value for c in e] for e in CODE_ENUMS}
    return {
        "title": "Problem",
        "type": "object",
        "description": "RFC 9457 problem details. `code` is stable; match on it, not on `detail`.",
        "required": ["type", "title", "status", "detail", "code", "instance"],
        "properties": {
            "type": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string", "description": "What is wrong and how to fix it (English)."},
            "code": {"anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in codes]},
            "instance": {"type": "string", "description": "The request path."},
            "field": {"type": "string", "description": "The input field the error concerns, if one."},
        },
        "additionalProperties": True,
    }


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the problem+json shape, the code enums, and a `default` error
    response on every operation."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for enum in CODE_ENUMS:
        schemas[enum.__name__] = {
            "title": enum.__name__,
            "type": "string",
            "enum": [c.value for c in enum],
            "description": (enum.__doc__ or "").strip() or f"Error codes: {enum.__name__}.",
        }
    schemas["Problem"] = _problem_schema()
    problem = {
        "description": "Problem (see the `code` enums and docs/errors.md)",
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("default", problem)
            if "422" in responses:
                responses["422"] = problem
    document_statuses(schema)
    app.openapi_schema = schema
    return schema
