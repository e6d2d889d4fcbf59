"""impact runs: collaboration impact comparisons asked from the portal, run in the background

Revision ID: 0012_impact_runs
Revises: 0011_agreement_parties_member
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_impact_runs"
down_revision = "0011_agreement_parties_member"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "impact_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("proposal", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_runs")),
    )
    with op.batch_alter_table("impact_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_impact_runs_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("impact_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_runs_created_at"))
    op.drop_table("impact_runs")
