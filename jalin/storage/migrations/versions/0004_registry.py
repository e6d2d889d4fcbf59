"""registry: boards, officers, members and units, applications, agreements with parties,
districts and documents, meetings and follow-up actions, API keys, audit log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'], unique=False)
    op.create_table('boards',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('level', sa.String(length=3), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boards')),
    sa.UniqueConstraint('region_code', name=op.f('uq_boards_region_code'))
    )
    op.create_table('members',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('legal_name', sa.String(length=200), nullable=False),
    sa.Column('brand', sa.String(length=200), nullable=False),
    sa.Column('nib', sa.String(length=13), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('carrier_id', sa.String(length=16), nullable=True),
    sa.Column('regency_code', sa.String(length=5), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_email', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members')),
    sa.UniqueConstraint('carrier_id', name=op.f('uq_members_carrier_id')),
    sa.UniqueConstraint('nib', name=op.f('uq_members_nib'))
    )
    op.create_index(op.f('ix_members_province_code'), 'members', ['province_code'], unique=False)
    op.create_index(op.f('ix_members_regency_code'), 'members', ['regency_code'], unique=False)
    op.create_table('agreements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('stage', sa.String(length=12), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=True),
    sa.Column('fee_per_parcel', sa.Integer(), nullable=False),
    sa.Column('fee_payer_member_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['fee_payer_member_id'], ['members.id'], name=op.f('fk_agreements_fee_payer_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements'))
    )
    op.create_index(op.f('ix_agreements_province_code'), 'agreements', ['province_code'], unique=False)
    op.create_table('api_keys',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_api_keys_board_id_boards')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_api_keys_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('prefix', name=op.f('uq_api_keys_prefix'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('legal_name', sa.String(length=200), nullable=False),
    sa.Column('brand', sa.String(length=200), nullable=False),
    sa.Column('nib', sa.String(length=13), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('carrier_id', sa.String(length=16), nullable=True),
    sa.Column('regency_code', sa.String(length=5), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_applications_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications'))
    )
    op.create_index(op.f('ix_applications_province_code'), 'applications', ['province_code'], unique=False)
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('host_board_id', sa.Integer(), nullable=False),
    sa.Column('topics', sa.String(length=2000), nullable=False),
    sa.Column('outcomes', sa.String(length=4000), nullable=False),
    sa.Column('partners', sa.String(length=1000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['host_board_id'], ['boards.id'], name=op.f('fk_meetings_host_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    op.create_index(op.f('ix_meetings_host_board_id'), 'meetings', ['host_board_id'], unique=False)
    op.create_table('member_units',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_units_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_units'))
    )
    op.create_index(op.f('ix_member_units_member_id'), 'member_units', ['member_id'], unique=False)
    op.create_table('officers',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_officers_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officers'))
    )
    op.create_index(op.f('ix_officers_board_id'), 'officers', ['board_id'], unique=False)
    op.create_table('actions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_actions_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions'))
    )
    op.create_index(op.f('ix_actions_meeting_id'), 'actions', ['meeting_id'], unique=False)
    op.create_table('agreement_districts',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_districts_agreement_id_agreements')),
    sa.PrimaryKeyConstraint('agreement_id', 'district_code', name=op.f('pk_agreement_districts'))
    )
    op.create_table('agreement_documents',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_documents_agreement_id_agreements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_documents'))
    )
    op.create_index(op.f('ix_agreement_documents_agreement_id'), 'agreement_documents', ['agreement_id'], unique=False)
    op.create_table('agreement_parties',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_agreement_parties_member_id_members')),
    sa.PrimaryKeyConstraint('agreement_id', 'member_id', name=op.f('pk_agreement_parties'))
    )
    op.create_table('meeting_members',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_members_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_meeting_members_member_id_members')),
    sa.PrimaryKeyConstraint('meeting_id', 'member_id', name=op.f('pk_meeting_members'))
    )


def downgrade() -> None:
    op.drop_table('meeting_members')
    op.drop_table('agreement_parties')
    op.drop_index(op.f('ix_agreement_documents_agreement_id'), table_name='agreement_documents')
    op.drop_table('agreement_documents')
    op.drop_table('agreement_districts')
    op.drop_index(op.f('ix_actions_meeting_id'), table_name='actions')
    op.drop_table('actions')
    op.drop_index(op.f('ix_officers_board_id'), table_name='officers')
    op.drop_table('officers')
    op.drop_index(op.f('ix_member_units_member_id'), table_name='member_units')
    op.drop_table('member_units')
    op.drop_index(op.f('ix_meetings_host_board_id'), table_name='meetings')
    op.drop_table('meetings')
    op.drop_index(op.f('ix_applications_province_code'), table_name='applications')
    op.drop_table('applications')
    op.drop_table('api_keys')
    op.drop_index(op.f('ix_agreements_province_code'), table_name='agreements')
    op.drop_table('agreements')
    op.drop_index(op.f('ix_members_regency_code'), table_name='members')
    op.drop_index(op.f('ix_members_province_code'), table_name='members')
    op.drop_table('members')
    op.drop_table('boards')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')
    op.drop_table('audit_log')
