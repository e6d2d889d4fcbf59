"""Rows of feed_versions and active_feeds. Callers own the transaction (pass a Connection)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select

from jalin.storage.counters import bump
from jalin.storage.db import insert_id
from jalin.storage.tables import active_feeds, feed_versions


@dataclass(frozen=True, slots=True)
class VersionRow:
    id: int
    carrier_id: str
    carrier_name: str
    feed_version: str
    content_hash: str
    valid_from: date
    valid_until: date
    services: int
    facilities: int
    runs: int
    warnings: int
    published_at: datetime
    active: bool = False


_COLUMNS = [c for c in feed_versions.c if c.name != "archive"]


def _row(r, active_ids: set[int]) -> VersionRow:
    return VersionRow(**{c.name: getattr(r, c.name) for c in _COLUMNS}, active=r.id in active_ids)


def _active_ids(conn: Connection) -> set[int]:
    return set(conn.scalars(select(active_feeds.c.version_id)))


def find_version(conn: Connection, carrier_id: str, feed_version: str) -> VersionRow | None:
    r = conn.execute(
        select(*_COLUMNS).where(
            feed_versions.c.carrier_id == carrier_id, feed_versions.c.feed_version == feed_version
        )
    ).first()
    return _row(r, _active_ids(conn)) if r else None


def insert_version(conn: Connection, *, archive: bytes, **values: object) -> int:
    return insert_id(conn, feed_versions.insert().values(archive=archive, **values))


def set_active(conn: Connection, carrier_id: str, version_id: int, now: datetime) -> None:
    """Make `version_id` the carrier's one active version (insert or replace); readers see the change."""
    updated = conn.execute(
        active_feeds.update()
        .where(active_feeds.c.carrier_id == carrier_id)
        .values(version_id=version_id, activated_at=now)
    ).rowcount
    if not updated:
        conn.execute(
            active_feeds.insert().values(carrier_id=carrier_id, version_id=version_id, activated_at=now)
        )
    bump(conn, "network")


def active_version_ids(conn: Connection) -> dict[str, int]:
    """carrier_id -> active version id."""
    return dict(conn.execute(select(active_feeds.c.carrier_id, active_feeds.c.version_id)).all())


def active_versions(conn: Connection) -> list[tuple[str, int, str]]:
    """(carrier_id, version id, content hash) of every active version, by carrier."""
    rows = conn.execute(
        select(active_feeds.c.carrier_id, feed_versions.c.id, feed_versions.c.content_hash)
        .join(feed_versions, feed_versions.c.id == active_feeds.c.version_id)
        .order_by(active_feeds.c.carrier_id)
    ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def active_version(conn: Connection, carrier_id: str) -> VersionRow | None:
    r = conn.execute(
        select(*_COLUMNS)
        .join(active_feeds, active_feeds.c.version_id == feed_versions.c.id)
        .where(active_feeds.c.carrier_id == carrier_id)
    ).first()
    return _row(r, {r.id}) if r else None


def list_versions(conn: Connection, carrier_id: str | None = None) -> list[VersionRow]:
    q = select(*_COLUMNS).order_by(feed_versions.c.carrier_id, feed_versions.c.id)
    if carrier_id is not None:
        q = q.where(feed_versions.c.carrier_id == carrier_id)
    active = _active_ids(conn)
    return [_row(r, active) for r in conn.execute(q)]


def versions_by_id(
    conn: Connection, carrier_id: str | None, *, after_id: int | None, limit: int
) -> list[VersionRow]:
    """At most `limit` versions (of one carrier, or all) by id after `after_id`: a keyset page."""
    q = select(*_COLUMNS).order_by(feed_versions.c.id).limit(limit)
    if carrier_id is not None:
        q = q.where(feed_versions.c.carrier_id == carrier_id)
    if after_id is not None:
        q = q.where(feed_versions.c.id > after_id)
    active = _active_ids(conn)
    return [_row(r, active) for r in conn.execute(q)]


def load_archive(conn: Connection, version_id: int) -> bytes:
    return conn.execute(select(feed_versions.c.archive).where(feed_versions.c.id == version_id)).scalar_one()
