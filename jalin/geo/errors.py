"""Error codes of the geography (see `jalin.errors`)."""

from __future__ import annotations

from enum import StrEnum


class GeoErrorCode(StrEnum):
    UNKNOWN_AREA = "unknown_area"
    NOT_A_DISTRICT = "not_a_district"
