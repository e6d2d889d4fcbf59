"""Error codes of impact comparisons (see `jalin.errors`)."""

from __future__ import annotations

from enum import StrEnum


class ImpactErrorCode(StrEnum):
    """Why a proposal or an impact comparison cannot be computed."""

    PROPOSAL_UNKNOWN_CARRIER = "proposal_unknown_carrier"
    INVALID_PROPOSAL = "invalid_proposal"
    INVALID_ORIGINS = "invalid_origins"
    UNKNOWN_JOINING_FEED = "unknown_joining_feed"
    INVALID_RANK = "invalid_rank"
