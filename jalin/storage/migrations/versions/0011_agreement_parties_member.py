"""agreement parties by member: an index for the lookups that start from a member

Revision ID: 0011_agreement_parties_member
Revises: 0010_open_applications
Create Date: 2026-12-05

The primary key (agreement_id, member_id) serves lookups by agreement. Every booking asks which
interline agreement between two members priced a handover (the fee's payer), which starts from
the members: without this index PostgreSQL scanned the whole table twice per handover.
"""

from alembic import op

revision = "0011_agreement_parties_member"
down_revision = "0010_open_applications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_agreement_parties_member", "agreement_parties", ["member_id", "agreement_id"])


def downgrade() -> None:
    op.drop_index("ix_agreement_parties_member", table_name="agreement_parties")
