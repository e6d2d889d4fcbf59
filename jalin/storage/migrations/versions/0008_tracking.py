"""tracking: event fingerprints (idempotent ingest) and the timeline index

Revision ID: 0008_tracking
Revises: 0007_settlement
Create Date: 2026-12-04 18:40:00

- `shipment_events.fingerprint`: sha256 of what the event says, so a resent (carrier,
  event_id) is told apart as a duplicate (same content) or a conflict (other content) by
  comparing one column.
- `ix_shipment_events_timeline` (shipment_id, occurred_at): one shipment's timeline in order
  from the index; it replaces the single-column index on shipment_id.
- `ix_shipment_events_carrier_status` (carrier, status): the per-carrier data-quality report.
Leg custody (`took_at`, `gave_at`) was created with the legs in 0005.
"""

from alembic import op
import sqlalchemy as sa


revision = "0008_tracking"
down_revision = "0007_settlement"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shipment_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=64), nullable=True))
        batch_op.drop_index("ix_shipment_events_shipment_id")
        batch_op.create_index("ix_shipment_events_timeline", ["shipment_id", "occurred_at"], unique=False)
        batch_op.create_index("ix_shipment_events_carrier_status", ["carrier", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("shipment_events", schema=None) as batch_op:
        batch_op.drop_index("ix_shipment_events_carrier_status")
        batch_op.drop_index("ix_shipment_events_timeline")
        batch_op.create_index("ix_shipment_events_shipment_id", ["shipment_id"], unique=False)
        batch_op.drop_column("fingerprint")
