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
    Text,
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

#: Monotonic counters bumped by every write that changes what the planner sees ("network",
#: "agreements"), so a running process notices with one small query.
change_counters = Table(
    "change_counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

# -- registry ----------------------------------------------------------------------------------
boards = Table(
    "boards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("level", String(3), nullable=False),  # DPP, DPW, DPD
    Column("region_code", String(5), nullable=True, unique=True),  # province (DPW) or regency (DPD)
    Column("name", String(200), nullable=False),
)

officers = Table(
    "officers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("board_id", Integer, ForeignKey("boards.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("position", String(100), nullable=False),
    Column("email", String(200), nullable=True),
    Column("phone", String(30), nullable=True),
)

members = Table(
    "members",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("legal_name", String(200), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("nib", String(13), nullable=False, unique=True),
    Column("type", String(20), nullable=False),
    Column("carrier_id", String(16), nullable=True, unique=True),
    Column("regency_code", String(5), nullable=False, index=True),  # home DPD
    Column("province_code", String(2), nullable=False, index=True),
    Column("contact_name", String(200), nullable=True),
    Column("contact_email", String(200), nullable=True),
    Column("contact_phone", String(30), nullable=True),
    Column("status", String(10), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

member_units = Table(
    "member_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("region_code", String(5), nullable=False),
)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("legal_name", String(200), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("nib", String(13), nullable=False),
    Column("type", String(20), nullable=False),
    Column("carrier_id", String(16), nullable=True),
    Column("regency_code", String(5), nullable=False),
    Column("province_code", String(2), nullable=False, index=True),
    Column("contact_name", String(200), nullable=False),
    Column("contact_email", String(200), nullable=True),
    Column("contact_phone", String(30), nullable=True),
    Column("status", String(12), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("stage", String(12), nullable=False),
    Column("province_code", String(2), nullable=True, index=True),  # the DPW that carries it
    Column("fee_per_parcel", Integer, nullable=False),
    Column("fee_payer_member_id", Integer, ForeignKey("members.id"), nullable=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_until", Date, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

agreement_parties = Table(
    "agreement_parties",
    metadata,
    Column("agreement_id", Integer, ForeignKey("agreements.id"), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
)

agreement_districts = Table(
    "agreement_districts",
    metadata,
    Column("agreement_id", Integer, ForeignKey("agreements.id"), primary_key=True),
    Column("district_code", String(8), primary_key=True),
)

agreement_documents = Table(
    "agreement_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agreement_id", Integer, ForeignKey("agreements.id"), nullable=False, index=True),
    Column("filename", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("held_on", Date, nullable=False),
    Column("place", String(200), nullable=False),
    Column("host_board_id", Integer, ForeignKey("boards.id"), nullable=False, index=True),
    Column("topics", String(2000), nullable=False),
    Column("outcomes", String(4000), nullable=False),
    Column("partners", String(1000), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

meeting_members = Table(
    "meeting_members",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
)

actions = Table(
    "actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False, index=True),
    Column("description", String(1000), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("status", String(10), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("prefix", String(16), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False),
    Column("role", String(8), nullable=False),
    Column("board_id", Integer, ForeignKey("boards.id"), nullable=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=True),
    Column("label", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(64), nullable=True),
    Column("before", Text, nullable=True),
    Column("after", Text, nullable=True),
)
