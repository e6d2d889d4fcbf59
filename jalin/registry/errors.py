"""Error codes of the association registry (see `jalin.errors`).

Not found, forbidden and invalid request are `CommonErrorCode`s: the registry reports an
object outside the caller's view as not found, so ids do not leak.
"""

from __future__ import annotations

from enum import StrEnum


class RegistryErrorCode(StrEnum):
    INVALID_NIB = "invalid_nib"
    INVALID_CARRIER_ID = "invalid_carrier_id"
    INVALID_MEMBER_TYPE = "invalid_member_type"
    UNKNOWN_REGION = "unknown_region"
    DUPLICATE_CARRIER_ID = "duplicate_carrier_id"
    DUPLICATE_NIB = "duplicate_nib"
    ILLEGAL_TRANSITION = "illegal_transition"
    INVALID_AGREEMENT = "invalid_agreement"
