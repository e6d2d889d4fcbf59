"""Publishing feeds: validate, store an immutable version, activate it; roll back; diff.

Every use case runs inside the caller's unit of work, together with its audit row: a failure
anywhere leaves the previous active version in place and no audit row behind. A version is
identified by carrier, feed_version and content hash. Publishing identical content again is a
no-op; reusing a feed_version for different content is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from jalin.errors import JalinError
from jalin.geo.atlas import Atlas
from jalin.network.archive import content_hash, pack, unpack
from jalin.network.diff import FeedDiff, diff_feeds
from jalin.network.errors import FeedErrorCode
from jalin.network.model import Feed
from jalin.network.notices import Severity
from jalin.network.validator import ValidationResult, validate_feed, validate_files
from jalin.registry.access import Principal
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page
from jalin.storage import audit
from jalin.storage import feeds as store
from jalin.storage.uow import UnitOfWork


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
    uow: UnitOfWork,
    who: Principal,
    path: Path,
    atlas: Atlas,
    *,
    today: date | None = None,
    carrier_id: str | None = None,
) -> PublishOutcome:
    """Validate the feed at `path` and publish it (see `publish_validated`)."""
    return publish_validated(uow, who, validate_feed(path, atlas, today=today), carrier_id=carrier_id)


def publish_validated(
    uow: UnitOfWork,
    who: Principal,
    result: ValidationResult,
    *,
    carrier_id: str | None = None,
    now: datetime | None = None,
) -> PublishOutcome:
    """Store and activate a validated feed, and audit it as `feed.published` or `feed.unchanged`.

    `carrier_id`, when given, must match the feed's (a member key publishes its own carrier only).
    A feed with ERROR notices is refused with `feed_invalid`, its report in `report`."""
    if not result.valid or result.feed is None:
        raise JalinError(
            FeedErrorCode.FEED_INVALID,
            f"the feed has {result.notices.count(Severity.ERROR)} error(s) and cannot be published",
            report=result.to_dict(),
        )
    feed = result.feed
    if carrier_id is not None and feed.carrier_id != carrier_id:
        raise JalinError(
            FeedErrorCode.CARRIER_MISMATCH,
            f"this feed is for carrier {feed.carrier_id}, but you may only publish {carrier_id}",
        )
    digest = content_hash(result.files)
    now = now or datetime.now(UTC)
    conn = uow.conn
    previous = store.active_version(conn, feed.carrier_id)
    existing = store.find_version(conn, feed.carrier_id, feed.info.feed_version)
    if existing is None:
        try:
            with conn.begin_nested():
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
        except IntegrityError:
            # A concurrent publish of the same version won the race: report what is stored now.
            existing = store.find_version(conn, feed.carrier_id, feed.info.feed_version)
            if existing is None:
                raise
            previous = None
    if existing is not None and existing.content_hash != digest:
        raise JalinError(
            FeedErrorCode.FEED_VERSION_CONFLICT,
            f"feed_version {feed.info.feed_version!r} of {feed.carrier_id} was already published "
            "with different content; give this feed a new feed_version",
            field="feed_info.feed_version",
        )
    status = PublishStatus.PUBLISHED if existing is None else PublishStatus.UNCHANGED
    version = existing or store.find_version(conn, feed.carrier_id, feed.info.feed_version)
    assert version is not None
    _audit(uow, who, f"feed.{status.value}", version)
    return PublishOutcome(status, version, result, previous)


def activate(
    uow: UnitOfWork, who: Principal, carrier_id: str, feed_version: str, *, now: datetime | None = None
) -> store.VersionRow:
    """Make an earlier (or later) stored version the active one (the rollback), audited."""
    row = _version(uow.conn, carrier_id, feed_version)
    store.set_active(uow.conn, carrier_id, row.id, now or datetime.now(UTC))
    active = store.find_version(uow.conn, carrier_id, feed_version)
    assert active is not None
    _audit(uow, who, "feed.activate", active)
    return active


def list_versions(uow: UnitOfWork, carrier_id: str | None = None) -> list[store.VersionRow]:
    """Published versions of one carrier (or all), the active one marked."""
    return store.list_versions(uow.conn, carrier_id)


def versions_page(
    uow: UnitOfWork, carrier_id: str | None = None, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`list_versions` a page at a time, by id (the order they were published)."""
    check_limit(limit)
    after = decode_cursor(cursor, "feed")
    rows = store.versions_by_id(uow.conn, carrier_id, after_id=after, limit=limit + 1)
    return page(rows, limit, "feed", lambda v: v.id)


def _audit(uow: UnitOfWork, who: Principal, action: str, version: store.VersionRow) -> None:
    audit.record(
        uow.conn,
        who.actor,
        action,
        "feed_version",
        version.id,
        None,
        {"carrier_id": version.carrier_id, "feed_version": version.feed_version},
    )


def _version(conn: Connection, carrier_id: str, feed_version: str) -> store.VersionRow:
    row = store.find_version(conn, carrier_id, feed_version)
    if row is not None:
        return row
    known = [v.feed_version for v in store.list_versions(conn, carrier_id)]
    if not known:
        raise JalinError(FeedErrorCode.UNKNOWN_CARRIER, f"carrier {carrier_id} has no published feed")
    raise JalinError(
        FeedErrorCode.UNKNOWN_FEED_VERSION,
        f"{carrier_id} has no feed_version {feed_version!r}; known: {', '.join(known)}",
    )


def load_feed(engine: Engine, version_id: int, atlas: Atlas) -> Feed:
    """The parsed feed of a stored version (for the network snapshot, outside any use case)."""
    with engine.connect() as conn:
        return _stored_feed(conn, version_id, atlas)


def _stored_feed(conn: Connection, version_id: int, atlas: Atlas) -> Feed:
    result = validate_files(unpack(store.load_archive(conn, version_id)), atlas)
    assert result.feed is not None, f"stored version {version_id} no longer parses"
    return result.feed


def diff_versions(uow: UnitOfWork, atlas: Atlas, carrier_id: str, a: str, b: str) -> FeedDiff:
    """What changed between two stored versions of one carrier's feed."""
    va, vb = _version(uow.conn, carrier_id, a), _version(uow.conn, carrier_id, b)
    return diff_feeds(_stored_feed(uow.conn, va.id, atlas), _stored_feed(uow.conn, vb.id, atlas), atlas)
