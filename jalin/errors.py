"""One error model for every error a caller can act on.

Each domain declares its stable codes as one `StrEnum` (for example `FeedErrorCode`,
`QuoteErrorCode`, `RegistryErrorCode`, `ShipmentErrorCode`) next to its rules, and raises
`JalinError(code, message, field=..., **extra)`. The code is the API's problem+json `code`
and the key of the message catalogue; the API maps codes to HTTP statuses in one table
(`jalin.api.problems`), the CLI prints the message and exits 2. `extra` carries structured,
JSON-serialisable context (for example `allowed` transitions or `candidates`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


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
