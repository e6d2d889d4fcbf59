"""The OpenAPI document says what the API really answers: every error is RFC 9457
`application/problem+json` (401, 403, 404, 409, 413, 422, 503 where they can occur), and routes
open to the public mark their key as optional.

FastAPI generates the document; `document` completes it once per app and caches it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from jalin.api.problems import PROBLEM_JSON

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details with Jalin's stable `code` (extra members may follow).",
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string", "examples": ["https://jalin.id/problems/invalid_request"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What is wrong and how to fix it"},
        "code": {"type": "string", "description": "Stable machine-readable code"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "One entry per invalid field (422)",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}

_WHY = {
    "401": "No API key where one is needed, or a key that is unknown, revoked or of an inactive member",
    "403": "The key's role may not do this",
    "404": "No such object, or it lies outside what the key may see",
    "409": "Conflicts with the current state (an illegal transition, a duplicate)",
    "413": "The request body is over this route's limit",
    "422": "Invalid input: `errors` names every invalid field",
    "503": "The database is not reachable",
}
_WRITES = {"post", "put", "patch", "delete"}


def _problem(status: str) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Problem"}
    return {"description": _WHY[status], "content": {PROBLEM_JSON: {"schema": ref}}}


def complete(spec: dict[str, Any]) -> dict[str, Any]:
    """Add the problem+json error responses and optional security of public routes to `spec`."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            roles = set(op.get("x-roles", ()))
            responses = op.setdefault("responses", {})
            has_params = bool(op.get("parameters")) or "requestBody" in op
            wanted = {"401"}  # a wrong key is refused on any route, public ones too
            if "public" not in roles:
                wanted.add("403")
            if "{" in path or method in _WRITES:
                wanted.add("404")
            if method in _WRITES:
                wanted.add("409")
            if "requestBody" in op:
                wanted.add("413")
            if has_params:
                wanted.add("422")
            if path == "/healthz":
                wanted.add("503")
            for status in sorted(wanted):
                responses[status] = _problem(status)
            if "public" in roles and op.get("security"):
                op["security"] = [{}, *op["security"]]  # a key is optional here
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec


def install_openapi(app: FastAPI) -> None:
    """Serve the completed document at /openapi.json."""

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
