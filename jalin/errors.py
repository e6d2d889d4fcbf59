"""One error model for every error a caller can act on.

Each domain declares its stable codes as one `StrEnum` (`GeoErrorCode` in `jalin.geo.errors`,
`FeedErrorCode` in `jalin.network.errors`, `RegistryErrorCode` in `jalin.registry.errors`,
`QuoteErrorCode` in `jalin.services.quotes`, ...) and raises
`JalinError(code, message, field=..., **extra)`. Codes every domain shares (not found,
forbidden, invalid request, ...) are `CommonErrorCode`, here. A code is the API's problem+json
`code` and the key of its entry in the message catalogue (`jalin.i18n`); the API maps codes to
HTTP statuses in one table (`jalin.api.problems`), the CLI prints the localized message and
exits. `extra` carries structured, JSON-serialisable context (for example `allowed`
transitions or `candidates`). Code strings never change: members' tools match on them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

E = TypeVar("E", bound=StrEnum)


class CommonErrorCode(StrEnum):
    """Codes any use case or adapter may raise."""

    INVALID_REQUEST = "invalid_request"
    INVALID_QUERY = "invalid_query"
    INVALID_CURSOR = "invalid_cursor"
    UNAUTHORIZED = "unauthorized"
    INVALID_API_KEY = "invalid_api_key"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UPLOAD_TOO_LARGE = "upload_too_large"
    HTTP_ERROR = "http_error"
    DATABASE_UNAVAILABLE = "database_unavailable"
    INTERNAL_ERROR = "internal_error"


class JalinError(Exception):
    """An error with a stable code, a message naming what is wrong and how to fix it, and
    optionally the input field it concerns."""

    def __init__(self, code: StrEnum, message: str, field: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.extra = extra

    def __repr__(self) -> str:
        return f"JalinError({self.code.value!r}, {self.message!r}, field={self.field!r})"


def choice(enum: type[E], value: object, code: StrEnum, field: str) -> E:
    """`value` as a member of `enum` (adapters may hand over the enum or its text), or one
    `JalinError(code)` naming the field and every allowed value."""
    try:
        return enum(str(value))
    except ValueError:
        raise JalinError(
            code, f"{field} '{value}' must be one of {', '.join(enum)}", field=field, allowed=list(enum)
        ) from None
