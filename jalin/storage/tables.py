"""SQLAlchemy Core tables. Instants are stored in UTC; money is integer rupiah.

Why one module past 500 lines: it is the schema, one table after another in the order of the
migrations, and Alembic's autogenerate and the migration tests compare it as one metadata; the
query modules beside it (storage/registry.py, storage/shipments.py, ...) hold the logic.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)


class UtcDateTime(TypeDecorator[datetime]):
    """An instant, always timezone-aware in UTC when read back: SQLite keeps no offset, so without
    this a stored instant comes back naive and the API would answer it without one. A naive value
    written is taken as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


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
    Column("published_at", UtcDateTime(), nullable=False),
    UniqueConstraint("carrier_id", "feed_version", name="uq_feed_versions_carrier_version"),
)

#: The one active version per carrier; history stays in feed_versions.
active_feeds = Table(
    "active_feeds",
    metadata,
    Column("carrier_id", String(16), primary_key=True),
    Column("version_id", Integer, ForeignKey("feed_versions.id"), nullable=False),
    Column("activated_at", UtcDateTime(), nullable=False),
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
    Column("created_at", UtcDateTime(), nullable=False),
)

member_units = Table(
    "member_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("region_code", String(5), nullable=False),
)

#: The statuses of an application still awaiting a decision (a partial index condition).
OPEN_APPLICATION = "status IN ('submitted', 'recommended')"

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
    Column("created_at", UtcDateTime(), nullable=False),
    # A company has at most one open application: the database holds it under concurrent submits.
    Index(
        "ux_applications_open_nib",
        "nib",
        unique=True,
        sqlite_where=text(OPEN_APPLICATION),
        postgresql_where=text(OPEN_APPLICATION),
    ),
    Index(
        "ux_applications_open_carrier",
        "carrier_id",
        unique=True,
        sqlite_where=text(OPEN_APPLICATION),
        postgresql_where=text(OPEN_APPLICATION),
    ),
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
    Column("created_at", UtcDateTime(), nullable=False),
)

agreement_parties = Table(
    "agreement_parties",
    metadata,
    Column("agreement_id", Integer, ForeignKey("agreements.id"), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
    # A member's agreements (every booking's handover-fee lookup starts from the two members).
    Index("ix_agreement_parties_member", "member_id", "agreement_id"),
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
    Column("uploaded_at", UtcDateTime(), nullable=False),
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
    Column("created_at", UtcDateTime(), nullable=False),
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
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime(), nullable=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(64), nullable=True),
    Column("before", Text, nullable=True),
    Column("after", Text, nullable=True),
)

# -- shipments (shipments-v1) ---------------------------------------------------------------------
#: One parcel under one master number. Numbers are unique for ever (cancelled rows stay).
shipments = Table(
    "shipments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number", String(13), nullable=False, unique=True),
    Column("status", String(20), nullable=False),
    Column("test", Boolean, nullable=False, default=False),
    Column("booked_by", Integer, ForeignKey("members.id"), nullable=True, index=True),
    Column("created_at", UtcDateTime(), nullable=False, index=True),
    Column("origin", String(8), nullable=False),
    Column("destination", String(8), nullable=False),
    Column("origin_village", String(200), nullable=True),  # kelurahan/desa name when resolved
    Column("destination_village", String(200), nullable=True),
    Column("weight_kg", String(20), nullable=False),  # exact decimal as text
    Column("dims_cm", String(40), nullable=True),  # "30x20x10" or NULL
    Column("ready_at", UtcDateTime(), nullable=False),
    Column("cod_amount", Integer, nullable=False),
    Column("declared_value", Integer, nullable=False),
    Column("contents", String(200), nullable=True),
    Column("reference", String(100), nullable=True),
    Column("price", Integer, nullable=False),
    Column("planned_delivery", UtcDateTime(), nullable=False),
    Column("eta", UtcDateTime(), nullable=False),
    Column("late", Boolean, nullable=False, default=False),
    Column("shipper_name", String(200), nullable=False),
    Column("shipper_phone", String(20), nullable=False),
    Column("shipper_address", String(200), nullable=False),
    Column("recipient_name", String(200), nullable=False),
    Column("recipient_phone", String(20), nullable=False),
    Column("recipient_address", String(200), nullable=False),
    Column("option", Text, nullable=False),  # the quote option booked, as the quote wrote it (JSON)
    Column("cancelled_at", UtcDateTime(), nullable=True),
)

#: A leg: one carrier's consecutive runs. `took_at`/`gave_at`: when its carrier took and gave up custody.
shipment_legs = Table(
    "shipment_legs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("shipment_id", Integer, ForeignKey("shipments.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("carrier", String(16), nullable=False, index=True),
    Column("carrier_ref", String(64), nullable=True),
    Column("status", String(12), nullable=False),
    Column("start_kind", String(8), nullable=False),  # district | facility
    Column("start_code", String(100), nullable=False),
    Column("end_kind", String(8), nullable=False),
    Column("end_code", String(100), nullable=False),
    Column("start_area", String(13), nullable=False),
    Column("end_area", String(13), nullable=False),
    Column("price", Integer, nullable=False),
    Column("planned_departure", UtcDateTime(), nullable=False),
    Column("planned_arrival", UtcDateTime(), nullable=False),
    Column("runs", Text, nullable=False),  # JSON: the quote's run legs
    Column("took_at", UtcDateTime(), nullable=True),
    Column("gave_at", UtcDateTime(), nullable=True),
    UniqueConstraint("shipment_id", "seq", name="uq_shipment_legs_shipment_seq"),
    UniqueConstraint("carrier", "carrier_ref", name="uq_shipment_legs_carrier_ref"),
)

#: The manifest of one receiving facility, local date, giving and receiving carrier.
manifests = Table(
    "manifests",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("facility", String(100), nullable=False, index=True),
    Column("date", Date, nullable=False, index=True),
    Column("from_carrier", String(16), nullable=False, index=True),
    Column("to_carrier", String(16), nullable=False, index=True),
    Column("district", String(8), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("confirmed_at", UtcDateTime(), nullable=True),
)

#: A handover joins leg `seq` and leg `seq + 1`; the receiving carrier confirms it on its manifest.
handovers = Table(
    "handovers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("shipment_id", Integer, ForeignKey("shipments.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("from_carrier", String(16), nullable=False),
    Column("from_facility", String(100), nullable=False),
    Column("to_carrier", String(16), nullable=False),
    Column("to_facility", String(100), nullable=False),
    Column("district", String(8), nullable=False),
    Column("planned_at", UtcDateTime(), nullable=False),
    Column("fee", Integer, nullable=False),
    #: who is paid the fee (settlement-v1): the receiving carrier's member, or the giving one's
    #: when the agreement names the receiving member as fee payer; fixed at booking.
    Column("fee_payee", Integer, ForeignKey("members.id"), nullable=True),
    Column("status", String(12), nullable=False),
    Column("manifest_id", String(32), ForeignKey("manifests.id"), nullable=False, index=True),
    Column("completed_at", UtcDateTime(), nullable=True),
    UniqueConstraint("shipment_id", "seq", name="uq_handovers_shipment_seq"),
)

#: The timeline (tracking-v1): carriers' events and Jalin's own (handed_over on a confirmed manifest).
shipment_events = Table(
    "shipment_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("shipment_id", Integer, ForeignKey("shipments.id"), nullable=False),
    Column("carrier", String(16), nullable=True),
    Column("event_id", String(128), nullable=True),  # the carrier's id; NULL for Jalin's own events
    Column("code", String(64), nullable=True),
    Column("status", String(20), nullable=True),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("location", String(100), nullable=True),  # district code or facility id
    Column("area", String(8), nullable=True),  # the district it happened in
    Column("description", String(500), nullable=True),
    Column("reason", String(200), nullable=True),
    Column("received_by", String(200), nullable=True),
    Column("cod_collected", Integer, nullable=True),
    Column("fingerprint", String(64), nullable=True),  # sha256 of the posted content (duplicates)
    UniqueConstraint("carrier", "event_id", name="uq_shipment_events_carrier_event"),
    Index("ix_shipment_events_timeline", "shipment_id", "occurred_at"),
    Index("ix_shipment_events_carrier_status", "carrier", "status"),
)

#: Idempotency-Key records, per calling member (`scope`), kept 24 hours; only successful
#: bookings leave one, written in the same transaction as the shipment.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scope", String(32), nullable=False),
    Column("key", String(255), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("response", Text, nullable=False),
    Column("shipment_id", Integer, ForeignKey("shipments.id"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False, index=True),
    UniqueConstraint("scope", "key", name="uq_idempotency_keys_scope_key"),
)


# -- settlement (settlement-v1; migration 0007) ----------------------------------------------------
#: One row per period that has (or had) lines: ISO weeks in WIB. A closed period's totals are
#: frozen here at close; a trigger refuses any change to a closed row and any new line in it.
settlement_periods = Table(
    "settlement_periods",
    metadata,
    Column("id", String(8), primary_key=True),  # YYYY-Www
    Column("starts_at", UtcDateTime(), nullable=False),
    Column("ends_at", UtcDateTime(), nullable=False),
    Column("status", String(8), nullable=False),  # open | closed
    Column("closed_at", UtcDateTime(), nullable=True),
    Column("closed_by", String(100), nullable=True),
    Column("gross", BigInteger, nullable=True),  # frozen at close
    Column("net_total", BigInteger, nullable=True),
    Column("bilateral_total", BigInteger, nullable=True),
    Column("line_count", Integer, nullable=True),
    CheckConstraint("status IN ('open', 'closed')", name="status"),
)

#: Obligations. (shipment_id, kind, seq) is the step that earned a line: recording it twice
#: makes one line. Never updated or deleted (triggers on both databases).
settlement_lines = Table(
    "settlement_lines",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(8), ForeignKey("settlement_periods.id"), nullable=False),
    Column("shipment_id", Integer, ForeignKey("shipments.id"), nullable=True),
    Column("number", String(13), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("payer", Integer, ForeignKey("members.id"), nullable=False),
    Column("payee", Integer, ForeignKey("members.id"), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("description", String(300), nullable=False),
    Column("reason", String(500), nullable=True),  # adjustments
    Column("recorded_by", String(100), nullable=True),  # adjustments: the admin
    CheckConstraint("amount > 0", name="amount_positive"),
    CheckConstraint("payer <> payee", name="two_members"),
    CheckConstraint("kind IN ('leg', 'handover_fee', 'cod', 'adjustment')", name="kind"),
    UniqueConstraint("shipment_id", "kind", "seq", name="uq_settlement_lines_step"),
    Index("ix_settlement_lines_period_payer", "period", "payer"),
    Index("ix_settlement_lines_period_payee", "period", "payee"),
)

#: The double-entry journal: one entry per line, with exactly one debit posting (the payer's
#: account) and one credit posting (the payee's) of the entry's amount. The composite foreign key
#: (entry_id, amount) makes a posting's amount equal its entry's; (entry_id, side) is unique.
journal_entries = Table(
    "journal_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("line_id", Integer, ForeignKey("settlement_lines.id"), nullable=False, unique=True),
    Column("period", String(8), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("posted_at", UtcDateTime(), nullable=False),
    CheckConstraint("amount > 0", name="amount_positive"),
    UniqueConstraint("id", "amount", name="uq_journal_entries_id_amount"),
)

journal_postings = Table(
    "journal_postings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", Integer, nullable=False),
    Column("side", String(6), nullable=False),  # debit | credit
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("amount", BigInteger, nullable=False),
    CheckConstraint("side IN ('debit', 'credit')", name="side"),
    ForeignKeyConstraint(
        ["entry_id", "amount"],
        ["journal_entries.id", "journal_entries.amount"],
        name="fk_journal_postings_entry_amount",
    ),
    UniqueConstraint("entry_id", "side", name="uq_journal_postings_entry_side"),
)

# -- webhooks (tracking-v1, docs/webhooks.md) ---------------------------------------------------
#: A member's receiver. `secret` signs every message (shown once at creation). `failure_streak`
#: counts failed messages since the last delivered one; `failing_since` is the first failed
#: attempt since then. A disabled endpoint receives nothing until re-enabled.
webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("id", String(32), primary_key=True),  # ep_ + 24 hex digits
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("event_types", Text, nullable=False),  # JSON list of event type names
    Column("secret", String(64), nullable=False),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("failure_streak", Integer, nullable=False, default=0),
    Column("failing_since", UtcDateTime(), nullable=True),
    Column("disabled_at", UtcDateTime(), nullable=True),
    Column("disabled_reason", String(200), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

#: The outbox: one message per event and endpoint, written in the transaction of the change.
#: `id` (the webhook-id) and `body` never change; `status` is pending until delivered or failed.
#: A worker owns a pending message while `lease_until` is in the future.
webhook_messages = Table(
    "webhook_messages",
    metadata,
    Column("id", String(40), primary_key=True),  # msg_ + 32 hex digits
    Column("endpoint_id", String(32), ForeignKey("webhook_endpoints.id"), nullable=False, index=True),
    Column("event_type", String(40), nullable=False),
    Column("number", String(13), nullable=True, index=True),  # the shipment, if any
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("status", String(10), nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime(), nullable=True),
    Column("lease_until", UtcDateTime(), nullable=True),
    Column("lease_owner", String(64), nullable=True),
    Column("finished_at", UtcDateTime(), nullable=True),
    Index("ix_webhook_messages_due", "status", "next_attempt_at"),
)

#: The delivery log: one row per attempt (and one when the endpoint is disabled).
webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(40), ForeignKey("webhook_messages.id"), nullable=False, index=True),
    Column("endpoint_id", String(32), ForeignKey("webhook_endpoints.id"), nullable=False, index=True),
    Column("attempt", Integer, nullable=False),  # 1 for the first try; 0 for a log note
    Column("at", UtcDateTime(), nullable=False),
    Column("duration_ms", Integer, nullable=True),
    Column("status_code", Integer, nullable=True),
    Column("outcome", String(20), nullable=False),
    Column("error", String(500), nullable=True),
    Column("worker", String(64), nullable=True),
)

# -- people: portal users, their sessions and invitations (docs/portal.md) ------------------------
#: A person who signs in to the portal. Role and tenant exactly as an API key has them: an officer
#: is bound to a board (DPW or DPD), member staff to a member. `password_hash` (argon2id) is NULL
#: until the invited person chooses a password.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False, unique=True),  # lower-cased
    Column("name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=True),
    Column("role", String(8), nullable=False),
    Column("board_id", Integer, ForeignKey("boards.id"), nullable=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("password_changed_at", UtcDateTime(), nullable=True),
    Column("disabled_at", UtcDateTime(), nullable=True),
)

#: Server-side sessions. The cookie carries a random token; only its SHA-256 is stored (`id`), so a
#: copy of the table opens no session. `user_id` is NULL for a visitor who has not signed in yet
#: (the sign-in form's CSRF token needs a session to belong to); signing in replaces the row.
user_sessions = Table(
    "user_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=True, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
)

#: One-time invitation links (SHA-256 of the token stored); used once, within their validity.
user_invites = Table(
    "user_invites",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("used_at", UtcDateTime(), nullable=True),
)

#: Failed sign-ins per e-mail address as typed (lower-cased), whether or not such a user exists,
#: so a locked address looks the same for a real account and a made-up one (no enumeration).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("email", String(254), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_started_at", UtcDateTime(), nullable=False),
    Column("locked_until", UtcDateTime(), nullable=True),
)

#: Collaboration impact comparisons asked from the portal, run in the background and kept so any
#: server process can show them: the question (`proposal`, JSON as `jalin.services.impact_runs`
#: writes it), the state (queued -> running -> done | failed), the answer (`result`, the JSON of
#: `POST /v1/impact`) or the reason it failed. `requested_by` is the audit actor (`user:12`).
impact_runs = Table(
    "impact_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requested_by", String(64), nullable=False),
    Column("proposal", Text, nullable=False),
    Column("status", String(8), nullable=False),
    Column("result", Text, nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False, index=True),
    Column("started_at", UtcDateTime(), nullable=True),
    Column("finished_at", UtcDateTime(), nullable=True),
)
