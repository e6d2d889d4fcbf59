"""Error codes of feeds: reading an upload, publishing, activating (see `jalin.errors`).

Problems inside a feed are notices (`jalin.network.notices`), not errors: a feed with ERROR
notices is refused as a whole with `feed_invalid`, and its report travels with the error.
"""

from __future__ import annotations

from enum import StrEnum


class FeedErrorCode(StrEnum):
    FEED_INVALID = "feed_invalid"
    FEED_VERSION_CONFLICT = "feed_version_conflict"
    UNKNOWN_CARRIER = "unknown_carrier"
    UNKNOWN_FEED_VERSION = "unknown_feed_version"
    CARRIER_MISMATCH = "carrier_mismatch"
    INVALID_ARCHIVE = "invalid_archive"
