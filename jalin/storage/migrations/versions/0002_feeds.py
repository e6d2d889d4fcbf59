"""feed_versions and active_feeds: versioned publishing with one active version per carrier

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("carrier_id", sa.String(16), nullable=False),
        sa.Column("carrier_name", sa.String(200), nullable=False),
        sa.Column("feed_version", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("archive", sa.LargeBinary(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("services", sa.Integer(), nullable=False),
        sa.Column("facilities", sa.Integer(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feed_versions"),
        sa.UniqueConstraint("carrier_id", "feed_version", name="uq_feed_versions_carrier_version"),
    )
    op.create_index("ix_feed_versions_carrier_id", "feed_versions", ["carrier_id"])
    op.create_table(
        "active_feeds",
        sa.Column("carrier_id", sa.String(16), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["feed_versions.id"], name="fk_active_feeds_version_id_feed_versions"),
        sa.PrimaryKeyConstraint("carrier_id", name="pk_active_feeds"),
    )


def downgrade() -> None:
    op.drop_table("active_feeds")
    op.drop_index("ix_feed_versions_carrier_id", table_name="feed_versions")
    op.drop_table("feed_versions")
