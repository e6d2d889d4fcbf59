"""Error codes of the planner (see `jalin.errors`)."""

from __future__ import annotations

from enum import StrEnum


class RoutingErrorCode(StrEnum):
    #: The search outgrew the planner's memory limit (`planner.MAX_LABELS`).
    SEARCH_TOO_LARGE = "search_too_large"
