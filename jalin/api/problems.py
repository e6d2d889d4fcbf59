"""RFC 9457 problem+json errors with a stable `code` per failure."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from jalin.services.registry import RegistryError

PROBLEM_JSON = "application/problem+json"
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

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Who is asking comes before what they sent: a protected route answers 401/403 first.
        refused = _refuse_caller(request)
        if refused is not None:
            return problem_response(
                refused.status, refused.code, refused.title, refused.detail, request.url.path, **refused.extra
            )
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
        code = {
            404: "not_found",
            405: "method_not_allowed",
            401: "unauthorized",
            403: "forbidden",
            413: "request_too_large",
        }.get(exc.status_code, "http_error")
        title = "Request too large" if exc.status_code == 413 else str(exc.detail)
        response = problem_response(exc.status_code, code, title, str(exc.detail), request.url.path)
        response.headers.update(exc.headers or {})  # 405 keeps its Allow header
        return response


def _refuse_caller(request: Request) -> Problem | None:
    """The 401/403 the matched route's `Allow` dependency gives this caller, or None."""
    from jalin.api.auth import Allow, route_roles  # auth raises Problem: imported here, not at the top

    route = request.scope.get("route")
    roles = route_roles(route) if isinstance(route, APIRoute) else None
    if roles is None:
        return None
    try:
        Allow(*roles).check(request)
    except Problem as exc:
        return exc
    return None
