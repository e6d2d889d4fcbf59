"""Errors a caller can act on, each with a stable code (the API's problem+json `code`)."""

from __future__ import annotations

from enum import StrEnum


class FeedErrorCode(StrEnum):
    FEED_INVALID = "feed_invalid"
    FEED_VERSION_CONFLICT = "feed_version_conflict"
    UNKNOWN_CARRIER = "unknown_carrier"
    UNKNOWN_FEED_VERSION = "unknown_feed_version"
    CARRIER_MISMATCH = "carrier_mismatch"


class FeedError(Exception):
    def __init__(self, code: FeedErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
