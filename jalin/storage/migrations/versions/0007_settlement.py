"""settlement: periods, lines, the double-entry journal; handovers record the fee's payee

Lines and journal rows are permanent: triggers refuse UPDATE and DELETE on both databases (and
TRUNCATE on PostgreSQL), refuse a line in a period that is not open, and refuse any change to a
closed period.

Revision ID: 0007_settlement
Revises: 0006_webhooks
Create Date: 2026-12-04 18:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007_settlement'
down_revision = '0006_webhooks'
branch_labels = None
depends_on = None

IMMUTABLE = ('settlement_lines', 'journal_entries', 'journal_postings')

PG_FUNCTIONS = [
    """
    CREATE FUNCTION settlement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'settlement: % on % refused: lines and journal entries are permanent',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END $$
    """,
    """
    CREATE FUNCTION settlement_line_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE s text;
    BEGIN
        -- FOR SHARE waits for a concurrent close and then reads the closed row.
        SELECT status INTO s FROM settlement_periods WHERE id = NEW.period FOR SHARE;
        IF s IS DISTINCT FROM 'open' THEN
            RAISE EXCEPTION 'settlement: period % is not open', NEW.period
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE FUNCTION settlement_period_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR OLD.status = 'closed' THEN
            RAISE EXCEPTION 'settlement: period % is closed or permanent', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$
    """,
]


def _pg_triggers() -> None:
    for sql in PG_FUNCTIONS:
        op.execute(sql)
    for table in IMMUTABLE:
        op.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION settlement_immutable()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION settlement_immutable()"
        )
    op.execute(
        "CREATE TRIGGER settlement_lines_period_open BEFORE INSERT ON settlement_lines "
        "FOR EACH ROW EXECUTE FUNCTION settlement_line_period_open()"
    )
    op.execute(
        "CREATE TRIGGER settlement_periods_frozen BEFORE UPDATE OR DELETE ON settlement_periods "
        "FOR EACH ROW EXECUTE FUNCTION settlement_period_frozen()"
    )


def _sqlite_triggers() -> None:
    for table in IMMUTABLE:
        for what in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER {table}_no_{what.lower()} BEFORE {what} ON {table} BEGIN "
                f"SELECT RAISE(ABORT, 'settlement: {what} on {table} refused: lines and journal "
                "entries are permanent'); END"
            )
    op.execute(
        "CREATE TRIGGER settlement_lines_period_open BEFORE INSERT ON settlement_lines "
        "WHEN (SELECT status FROM settlement_periods WHERE id = NEW.period) IS NOT 'open' BEGIN "
        "SELECT RAISE(ABORT, 'settlement: period is not open'); END"
    )
    op.execute(
        "CREATE TRIGGER settlement_periods_frozen BEFORE UPDATE ON settlement_periods "
        "WHEN OLD.status = 'closed' BEGIN SELECT RAISE(ABORT, 'settlement: period is closed'); END"
    )
    op.execute(
        "CREATE TRIGGER settlement_periods_no_delete BEFORE DELETE ON settlement_periods BEGIN "
        "SELECT RAISE(ABORT, 'settlement: periods are permanent'); END"
    )


def upgrade() -> None:
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fee_payee', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_handovers_fee_payee_members'), 'members', ['fee_payee'], ['id']
        )

    op.create_table('settlement_periods',
    sa.Column('id', sa.String(length=8), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=True),
    sa.Column('gross', sa.BigInteger(), nullable=True),
    sa.Column('net_total', sa.BigInteger(), nullable=True),
    sa.Column('bilateral_total', sa.BigInteger(), nullable=True),
    sa.Column('line_count', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_settlement_periods_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_periods'))
    )
    op.create_table('settlement_lines',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=13), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('payer', sa.Integer(), nullable=False),
    sa.Column('payee', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint('amount > 0', name=op.f('ck_settlement_lines_amount_positive')),
    sa.CheckConstraint('payer <> payee', name=op.f('ck_settlement_lines_two_members')),
    sa.CheckConstraint("kind IN ('leg', 'handover_fee', 'cod', 'adjustment')", name=op.f('ck_settlement_lines_kind')),
    sa.ForeignKeyConstraint(['payee'], ['members.id'], name=op.f('fk_settlement_lines_payee_members')),
    sa.ForeignKeyConstraint(['payer'], ['members.id'], name=op.f('fk_settlement_lines_payer_members')),
    sa.ForeignKeyConstraint(['period'], ['settlement_periods.id'], name=op.f('fk_settlement_lines_period_settlement_periods')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_settlement_lines_shipment_id_shipments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_lines')),
    sa.UniqueConstraint('shipment_id', 'kind', 'seq', name='uq_settlement_lines_step')
    )
    op.create_index('ix_settlement_lines_period_payer', 'settlement_lines', ['period', 'payer'])
    op.create_index('ix_settlement_lines_period_payee', 'settlement_lines', ['period', 'payee'])
    op.create_table('journal_entries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount > 0', name=op.f('ck_journal_entries_amount_positive')),
    sa.ForeignKeyConstraint(['line_id'], ['settlement_lines.id'], name=op.f('fk_journal_entries_line_id_settlement_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entries')),
    sa.UniqueConstraint('id', 'amount', name='uq_journal_entries_id_amount'),
    sa.UniqueConstraint('line_id', name=op.f('uq_journal_entries_line_id'))
    )
    op.create_table('journal_postings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=6), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("side IN ('debit', 'credit')", name=op.f('ck_journal_postings_side')),
    sa.ForeignKeyConstraint(['entry_id', 'amount'], ['journal_entries.id', 'journal_entries.amount'], name='fk_journal_postings_entry_amount'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_journal_postings_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_postings')),
    sa.UniqueConstraint('entry_id', 'side', name='uq_journal_postings_entry_side')
    )
    op.create_index(op.f('ix_journal_postings_member_id'), 'journal_postings', ['member_id'])
    if op.get_bind().dialect.name == 'postgresql':
        _pg_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        for table in ('journal_postings', 'journal_entries', 'settlement_lines', 'settlement_periods'):
            op.execute(f'DROP TABLE {table} CASCADE')
        for fn in ('settlement_immutable', 'settlement_line_period_open', 'settlement_period_frozen'):
            op.execute(f'DROP FUNCTION {fn}()')
    else:
        for table in ('journal_postings', 'journal_entries', 'settlement_lines', 'settlement_periods'):
            op.drop_table(table)
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_handovers_fee_payee_members'), type_='foreignkey')
        batch_op.drop_column('fee_payee')
