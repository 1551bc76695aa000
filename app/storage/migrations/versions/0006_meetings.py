"""the ZI and its members, a GDP per procedure, meetings, the worker's own appointments

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 03:30:00

Only new tables and one new nullable column (the contact's confidentiality statement
date), so nothing existing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'contact_person', sa.Column('confidentiality_signed_on', sa.Date(), nullable=True)
    )
    op.create_table('zi_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_person_id', sa.Integer(), nullable=False),
    sa.Column('is_chair', sa.Boolean(), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['contact_person_id'], ['contact_person.id'], name=op.f('fk_zi_member_contact_person_id_contact_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zi_member')),
    sa.UniqueConstraint('contact_person_id', name=op.f('uq_zi_member_contact_person_id'))
    )
    op.create_table('gdp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_gdp_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gdp')),
    sa.UniqueConstraint('procedure_id', name=op.f('uq_gdp_procedure_id'))
    )
    op.create_table('gdp_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gdp_id', sa.Integer(), nullable=False),
    sa.Column('contact_person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_person_id'], ['contact_person.id'], name=op.f('fk_gdp_member_contact_person_id_contact_person')),
    sa.ForeignKeyConstraint(['gdp_id'], ['gdp.id'], name=op.f('fk_gdp_member_gdp_id_gdp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gdp_member')),
    sa.UniqueConstraint('gdp_id', 'contact_person_id', name=op.f('uq_gdp_member_gdp_id'))
    )
    op.create_index(op.f('ix_gdp_member_gdp_id'), 'gdp_member', ['gdp_id'])
    op.create_index(op.f('ix_gdp_member_contact_person_id'), 'gdp_member', ['contact_person_id'])
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('remote_link', sa.String(length=500), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('invitations_sent_on', sa.Date(), nullable=True),
    sa.Column('invitations_how', sa.String(length=16), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_meeting_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    op.create_index(op.f('ix_meeting_procedure_id'), 'meeting', ['procedure_id'])
    op.create_index(op.f('ix_meeting_held_on'), 'meeting', ['held_on'])
    op.create_table('meeting_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('contact_person_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('function', sa.String(length=300), nullable=False),
    sa.Column('attendance', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['contact_person_id'], ['contact_person.id'], name=op.f('fk_meeting_participant_contact_person_id_contact_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_participant_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_meeting_participant_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participant'))
    )
    op.create_index(op.f('ix_meeting_participant_meeting_id'), 'meeting_participant', ['meeting_id'])
    op.create_index(op.f('ix_meeting_participant_contact_person_id'), 'meeting_participant', ['contact_person_id'])
    op.create_index(op.f('ix_meeting_participant_person_id'), 'meeting_participant', ['person_id'])
    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_appointment_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    op.create_index(op.f('ix_appointment_day'), 'appointment', ['day'])
    op.create_index(op.f('ix_appointment_procedure_id'), 'appointment', ['procedure_id'])


def downgrade() -> None:
    op.drop_table('appointment')
    op.drop_table('meeting_participant')
    op.drop_table('meeting')
    op.drop_table('gdp_member')
    op.drop_table('gdp')
    op.drop_table('zi_member')
    op.execute("ALTER TABLE contact_person DROP COLUMN confidentiality_signed_on")
