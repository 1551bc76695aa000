"""the procedure's course as dated events, reasons for late deadlines, the next due date

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 01:00:00

The NK-A's „received by the ZI chair” date becomes the first kind of course event. The
column is dropped with SQLite's own ALTER TABLE DROP COLUMN: a batch rebuild would drop
the nka_record table, and with foreign keys on that would cascade into the events just
written and unlink every attachment from its form. `next_due_on` starts empty; the first
unlock fills it (app.services.course.refresh_if_rules_changed), as after any rule change.
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_LIVE = sa.text('deleted_at IS NULL')


def upgrade() -> None:
    op.create_table('procedure_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('nka_record_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['nka_record_id'], ['nka_record.id'], name=op.f('fk_procedure_event_nka_record_id_nka_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_procedure_event_person_id_person')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_procedure_event_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_event'))
    )
    op.create_index(op.f('ix_procedure_event_nka_record_id'), 'procedure_event', ['nka_record_id'])
    op.create_index(op.f('ix_procedure_event_person_id'), 'procedure_event', ['person_id'])
    op.create_index(op.f('ix_procedure_event_procedure_id'), 'procedure_event', ['procedure_id'])
    op.create_index(op.f('ix_procedure_event_occurred_on'), 'procedure_event', ['occurred_on'])
    # The calendar's layers pick steps and visits within a span of days.
    op.create_index(
        'ix_chronology_entry_kind_occurred_on', 'chronology_entry', ['kind', 'occurred_on']
    )
    op.create_table('deadline_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=48), nullable=False),
    sa.Column('nka_record_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['nka_record_id'], ['nka_record.id'], name=op.f('fk_deadline_note_nka_record_id_nka_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_deadline_note_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_note')),
    sa.UniqueConstraint('procedure_id', 'step', 'nka_record_id', name=op.f('uq_deadline_note_procedure_id'))
    )
    op.create_index(op.f('ix_deadline_note_procedure_id'), 'deadline_note', ['procedure_id'])
    op.execute(
        "INSERT INTO procedure_event "
        "(procedure_id, kind, occurred_on, nka_record_id, person_id, note, created_at) "
        "SELECT procedure_id, 'nka_received_by_chair', received_by_chair_on, id, NULL, '', "
        "created_at FROM nka_record WHERE received_by_chair_on IS NOT NULL"
    )
    op.execute("ALTER TABLE nka_record DROP COLUMN received_by_chair_on")
    op.add_column('procedure', sa.Column('next_due_on', sa.Date(), nullable=True))
    op.create_index(
        'ix_procedure_live_next_due_on', 'procedure', ['next_due_on', 'year', 'seq'],
        sqlite_where=_LIVE,
    )


def downgrade() -> None:
    op.drop_index('ix_chronology_entry_kind_occurred_on', 'chronology_entry')
    op.drop_index('ix_procedure_live_next_due_on', 'procedure')
    op.execute("ALTER TABLE procedure DROP COLUMN next_due_on")
    op.add_column('nka_record', sa.Column('received_by_chair_on', sa.Date(), nullable=True))
    op.execute(
        "UPDATE nka_record SET received_by_chair_on = (SELECT MIN(e.occurred_on) "
        "FROM procedure_event e WHERE e.nka_record_id = nka_record.id "
        "AND e.kind = 'nka_received_by_chair')"
    )
    op.drop_table('deadline_note')
    op.drop_table('procedure_event')
