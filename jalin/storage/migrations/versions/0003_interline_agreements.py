"""interline_agreements (carrier pairs that may hand over, with a fee) and change_counters

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interline_agreements",
        sa.Column("carrier_a", sa.String(16), nullable=False),
        sa.Column("carrier_b", sa.String(16), nullable=False),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("carrier_a", "carrier_b", name="pk_interline_agreements"),
    )
    op.create_table(
        "change_counters",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_change_counters"),
    )


def downgrade() -> None:
    op.drop_table("change_counters")
    op.drop_table("interline_agreements")
