"""The OpenAPI document states every error status an operation can answer, and that routes open
to the public take a key only optionally.

`jalin.api.problems` builds the document (the Problem schema, the code enums, a `default` error
response) and calls `document_statuses` on it.
"""

from __future__ import annotations

from typing import Any

_WHY = {
    "401": "No API key where one is needed, or a key that is unknown, revoked or of an inactive member",
    "403": "The key's role may not do this",
    "404": "No such object, or it lies outside what the key may see",
    "409": "Conflicts with the current state (an illegal transition, a duplicate)",
    "413": "The request body is over this route's limit (docs/security.md)",
    "422": "Invalid input: `errors` or `field` name what is wrong",
    "503": "The database is not reachable",
}
_WRITES = {"post", "put", "patch", "delete"}
PROBLEM_JSON = "application/problem+json"


def statuses_of(path: str, method: str, operation: dict[str, Any]) -> set[str]:
    """The error statuses an operation may answer, from its roles, path, method and inputs."""
    roles = set(operation.get("x-roles", ()))
    wanted = {"401"}  # a wrong key is refused on any route, public ones too
    if "public" not in roles:
        wanted.add("403")
    if "{" in path or method in _WRITES:
        wanted.add("404")
    if method in _WRITES:
        wanted.add("409")
    if "requestBody" in operation:
        wanted.add("413")
    if operation.get("parameters") or "requestBody" in operation:
        wanted.add("422")
    if path == "/healthz":
        wanted.add("503")
    return wanted


def document_statuses(spec: dict[str, Any]) -> dict[str, Any]:
    """Add each operation's error statuses (problem+json) and make public routes' keys optional."""
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            responses = op.setdefault("responses", {})
            for status in sorted(statuses_of(path, method, op)):
                responses[status] = {
                    "description": _WHY[status],
                    "content": {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                    },
                }
            if "public" in op.get("x-roles", ()) and op.get("security"):
                op["security"] = [{}, *op["security"]]  # a key is optional here
    return spec
