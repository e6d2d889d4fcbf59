"""Publishing feeds: validate, store an immutable version, activate it; roll back; diff.

Every write is one transaction: a failure anywhere leaves the previous active version in place.
A version is identified by carrier, feed_version and content hash. Publishing identical content
again is a no-op; reusing a feed_version for different content is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from jalin.geo.atlas import Atlas
from jalin.network.archive import content_hash, pack, unpack
from jalin.network.diff import FeedDiff, diff_feeds
from jalin.network.model import Feed
from jalin.network.notices import Severity
from jalin.network.validator import ValidationResult, validate_feed, validate_files
from jalin.services.errors import FeedError, FeedErrorCode
from jalin.storage import feeds as store


class PublishStatus(StrEnum):
    PUBLISHED = "published"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    status: PublishStatus
    version: store.VersionRow
    validation: ValidationResult
    previous: store.VersionRow | None


def publish_path(
    engine: Engine, path: Path, atlas: Atlas, *, today: date | None = None, carrier_id: str | None = None
) -> PublishOutcome:
    """Validate the feed at `path` and publish it (see `publish_validated`)."""
    return publish_validated(engine, validate_feed(path, atlas, today=today), carrier_id=carrier_id)


def publish_validated(
    engine: Engine, result: ValidationResult, *, carrier_id: str | None = None, now: datetime | None = None
) -> PublishOutcome:
    """Store and activate a validated feed. `carrier_id`, when given, must match the feed's."""
    if not result.valid or result.feed is None:
        raise FeedError(
            FeedErrorCode.FEED_INVALID,
            f"the feed has {result.notices.count(Severity.ERROR)} error(s) and cannot be published",
        )
    feed = result.feed
    if carrier_id is not None and feed.carrier_id != carrier_id:
        raise FeedError(
            FeedErrorCode.CARRIER_MISMATCH,
            f"this feed is for carrier {feed.carrier_id}, but you may only publish {carrier_id}",
        )
    digest = content_hash(result.files)
    now = now or datetime.now(UTC)
    try:
        with engine.begin() as conn:
            previous = store.active_version(conn, feed.carrier_id)
            existing = store.find_version(conn, feed.carrier_id, feed.info.feed_version)
            if existing is not None:
                if existing.content_hash != digest:
                    raise FeedError(
                        FeedErrorCode.FEED_VERSION_CONFLICT,
                        f"feed_version {feed.info.feed_version!r} of {feed.carrier_id} was already published "
                        "with different content; give this feed a new feed_version",
                    )
                return PublishOutcome(PublishStatus.UNCHANGED, existing, result, previous)
            version_id = store.insert_version(
                conn,
                archive=pack(result.files),
                carrier_id=feed.carrier_id,
                carrier_name=feed.info.carrier_name,
                feed_version=feed.info.feed_version,
                content_hash=digest,
                valid_from=feed.info.valid_from,
                valid_until=feed.info.valid_until,
                services=len(feed.services),
                facilities=len(feed.facilities),
                runs=len(feed.runs),
                warnings=result.notices.count(Severity.WARNING),
                published_at=now,
            )
            store.set_active(conn, feed.carrier_id, version_id, now)
            stored = store.find_version(conn, feed.carrier_id, feed.info.feed_version)
            assert stored is not None
    except IntegrityError:
        # A concurrent publish of the same version won the race: report what is stored now.
        with engine.connect() as conn:
            existing = store.find_version(conn, feed.carrier_id, feed.info.feed_version)
        if existing is None or existing.content_hash != digest:
            raise
        return PublishOutcome(PublishStatus.UNCHANGED, existing, result, None)
    return PublishOutcome(PublishStatus.PUBLISHED, stored, result, previous)


def activate(
    engine: Engine, carrier_id: str, feed_version: str, *, now: datetime | None = None
) -> store.VersionRow:
    """Make an earlier (or later) stored version the active one: the rollback."""
    with engine.begin() as conn:
        row = _version(conn, carrier_id, feed_version)
        store.set_active(conn, carrier_id, row.id, now or datetime.now(UTC))
        return store.find_version(conn, carrier_id, feed_version)  # type: ignore[return-value]


def _version(conn, carrier_id: str, feed_version: str) -> store.VersionRow:
    row = store.find_version(conn, carrier_id, feed_version)
    if row is not None:
        return row
    known = [v.feed_version for v in store.list_versions(conn, carrier_id)]
    if not known:
        raise FeedError(FeedErrorCode.UNKNOWN_CARRIER, f"carrier {carrier_id} has no published feed")
    raise FeedError(
        FeedErrorCode.UNKNOWN_FEED_VERSION,
        f"{carrier_id} has no feed_version {feed_version!r}; known: {', '.join(known)}",
    )


def load_feed(engine: Engine, version_id: int, atlas: Atlas) -> Feed:
    """The parsed feed of a stored version."""
    with engine.connect() as conn:
        archive = store.load_archive(conn, version_id)
    result = validate_files(unpack(archive), atlas)
    assert result.feed is not None, f"stored version {version_id} no longer parses"
    return result.feed


def diff_versions(engine: Engine, atlas: Atlas, carrier_id: str, a: str, b: str) -> FeedDiff:
    with engine.connect() as conn:
        va, vb = _version(conn, carrier_id, a), _version(conn, carrier_id, b)
    return diff_feeds(load_feed(engine, va.id, atlas), load_feed(engine, vb.id, atlas), atlas)
