"""one form-record model for NK-A, NK-B, NK-C and NK-D; the people a form names in a table

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 08:00:00

`nka_record` becomes `form_record` with a `form` column (every stored record is an NK-A).
SQLite's own RENAME keeps every reference to the table (course events, deadline notes,
attachments) pointing at the same rows; a batch rebuild would drop the table and, with
foreign keys on, cascade into them. The JSON list `person_ids` becomes rows of
`form_record_person` in the same order; an id naming no stored person is left out, as
the register never showed it.
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_nka_record_procedure_id', 'nka_record')
    op.execute("ALTER TABLE nka_record RENAME TO form_record")
    op.create_index('ix_form_record_procedure_id', 'form_record', ['procedure_id'])
    op.add_column(
        'form_record',
        sa.Column('form', sa.String(length=8), nullable=False, server_default='NK-A'),
    )
    op.create_table('form_record_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_record_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['form_record_id'], ['form_record.id'], name=op.f('fk_form_record_person_form_record_id_form_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_form_record_person_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_record_person')),
    sa.UniqueConstraint('form_record_id', 'person_id', name=op.f('uq_form_record_person_form_record_id'))
    )
    op.create_index(op.f('ix_form_record_person_form_record_id'), 'form_record_person', ['form_record_id'])
    op.create_index(op.f('ix_form_record_person_person_id'), 'form_record_person', ['person_id'])
    op.execute(
        "INSERT OR IGNORE INTO form_record_person (form_record_id, person_id) "
        "SELECT r.id, CAST(j.value AS INTEGER) FROM form_record r, json_each(r.person_ids) j "
        "WHERE CAST(j.value AS INTEGER) IN (SELECT id FROM person) ORDER BY r.id, j.key"
    )
    op.execute("ALTER TABLE form_record DROP COLUMN person_ids")


def downgrade() -> None:
    op.add_column(
        'form_record', sa.Column('person_ids', sa.JSON(), nullable=False, server_default='[]')
    )
    op.execute(
        "UPDATE form_record SET person_ids = COALESCE((SELECT json_group_array(p.person_id) "
        "FROM (SELECT person_id FROM form_record_person WHERE form_record_id = form_record.id "
        "ORDER BY id) p), '[]')"
    )
    op.drop_table('form_record_person')
    op.execute("DELETE FROM form_record WHERE form != 'NK-A'")
    op.execute("ALTER TABLE form_record DROP COLUMN form")
    op.drop_index('ix_form_record_procedure_id', 'form_record')
    op.execute("ALTER TABLE form_record RENAME TO nka_record")
    op.create_index('ix_nka_record_procedure_id', 'nka_record', ['procedure_id'])
