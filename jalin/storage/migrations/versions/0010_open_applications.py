"""open applications: at most one open application per NIB and per carrier_id, held by the database

Revision ID: 0010_open_applications
Revises: 0009_users
Create Date: 2026-12-04

The service checked for an open application before inserting, which two concurrent submits on
PostgreSQL (READ COMMITTED) could both pass. Partial unique indexes over the open statuses make
the second insert fail; the service answers it as the 409 the check gives. A database that
already holds two open applications for one NIB must have one decided before upgrading.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_open_applications"
down_revision = "0009_users"
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('submitted', 'recommended')")


def upgrade() -> None:
    for name, column in (("ux_applications_open_nib", "nib"), ("ux_applications_open_carrier", "carrier_id")):
        op.create_index(
            name, "applications", [column], unique=True, sqlite_where=OPEN, postgresql_where=OPEN
        )


def downgrade() -> None:
    op.drop_index("ux_applications_open_carrier", table_name="applications")
    op.drop_index("ux_applications_open_nib", table_name="applications")
