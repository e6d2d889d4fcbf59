"""SQLAlchemy Core tables. Instants are stored in UTC; money is integer rupiah."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: Provinces, regencies and districts (villages stay in the in-memory atlas).
regions = Table(
    "regions",
    metadata,
    Column("code", String(13), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("level", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("parent_code", String(13), ForeignKey("regions.code"), nullable=True, index=True),
    Column("zone", String(4), nullable=False),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("approximate", Boolean, nullable=False, default=True),
)

#: Every published feed version, immutable; `archive` holds the files exactly as validated.
feed_versions = Table(
    "feed_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("carrier_id", String(16), nullable=False, index=True),
    Column("carrier_name", String(200), nullable=False),
    Column("feed_version", String(100), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("archive", LargeBinary, nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("services", Integer, nullable=False),
    Column("facilities", Integer, nullable=False),
    Column("runs", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("carrier_id", "feed_version", name="uq_feed_versions_carrier_version"),
)

#: The one active version per carrier; history stays in feed_versions.
active_feeds = Table(
    "active_feeds",
    metadata,
    Column("carrier_id", String(16), primary_key=True),
    Column("version_id", Integer, ForeignKey("feed_versions.id"), nullable=False),
    Column("activated_at", DateTime(timezone=True), nullable=False),
)

#: Carrier pairs that may hand parcels over, with the fee per parcel (rupiah). The registry's
#: active interline_handover agreements will write here; until then `jalin agreements load`.
interline_agreements = Table(
    "interline_agreements",
    metadata,
    Column("carrier_a", String(16), primary_key=True),
    Column("carrier_b", String(16), primary_key=True),
    Column("fee", Integer, nullable=False),
)

#: Monotonic counters bumped by every write that changes what the planner sees ("network",
#: "agreements"), so a running process notices with one small query.
change_counters = Table(
    "change_counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)
