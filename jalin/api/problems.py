"""RFC 9457 problem+json errors with a stable `code` per failure."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from jalin.errors import JalinError
from jalin.services.registry import RegistryError
from jalin.shipments.model import ShipmentErrorCode

PROBLEM_JSON = "application/problem+json"

#: HTTP status per `JalinError` code; any code not listed is a 422 (the input is wrong).
STATUS: dict[str, int] = {
    ShipmentErrorCode.IDEMPOTENCY_KEY_MISSING: 400,
    ShipmentErrorCode.INVALID_IDEMPOTENCY_KEY: 400,
    ShipmentErrorCode.IDEMPOTENCY_KEY_REUSED: 422,
    ShipmentErrorCode.IDEMPOTENCY_IN_PROGRESS: 409,
    ShipmentErrorCode.OPTION_UNAVAILABLE: 409,
    ShipmentErrorCode.ALREADY_MOVING: 409,
    ShipmentErrorCode.CARRIER_REF_TAKEN: 409,
    ShipmentErrorCode.NOT_FOUND: 404,
    ShipmentErrorCode.NOT_YOUR_LEG: 403,
    ShipmentErrorCode.NOT_RECEIVING_CARRIER: 403,
    ShipmentErrorCode.NOT_BOOKING_MEMBER: 403,
}
log = logging.getLogger("jalin.api")


class Problem(Exception):
    """Raise from a route or dependency to answer with problem+json."""

    def __init__(self, status: int, code: str, detail: str, *, title: str | None = None, **extra: Any):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title or code.replace("_", " ").capitalize()
        self.extra = extra


def problem_response(
    status: int, code: str, title: str, detail: str, instance: str, **extra: Any
) -> JSONResponse:
    body = {
        "type": f"https://jalin.id/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "instance": instance,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.code, exc.title, exc.detail, request.url.path, **exc.extra)

    @app.exception_handler(RegistryError)
    async def _registry(request: Request, exc: RegistryError) -> JSONResponse:
        return problem_response(
            exc.status,
            exc.code.value,
            exc.code.value.replace("_", " ").capitalize(),
            exc.message,
            request.url.path,
            **exc.extra,
        )

    @app.exception_handler(JalinError)
    async def _jalin(request: Request, exc: JalinError) -> JSONResponse:
        extra = dict(exc.extra)
        if exc.field is not None:
            extra["field"] = exc.field
        return problem_response(
            STATUS.get(exc.code.value, 422),
            exc.code.value,
            exc.code.value.replace("_", " ").capitalize(),
            exc.message,
            request.url.path,
            **extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        where = {loc for e in exc.errors() for loc in e.get("loc", ())[:1]}
        code = "invalid_query" if where <= {"query", "path"} else "invalid_request"
        return problem_response(422, code, "Invalid request", detail, request.url.path, errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        """Anything unforeseen: one problem+json, no traceback to the caller (the server log has it)."""
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            500,
            "internal_error",
            "Internal error",
            "Something went wrong on our side; nothing was changed. Try again later.",
            request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}.get(
            exc.status_code, "http_error"
        )
        return problem_response(exc.status_code, code, str(exc.detail), str(exc.detail), request.url.path)
