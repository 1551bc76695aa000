"""the letters: templates the worker edited, letters sent in a procedure

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:00:00

Two new tables, nothing existing is rewritten. A letter without a template row uses
the default text shipped with the program.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('letter_template',
    sa.Column('name', sa.String(length=48), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_letter_template'))
    )
    op.create_table('letter_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('letter', sa.String(length=48), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('recipient', sa.String(length=300), nullable=False),
    sa.Column('how', sa.String(length=16), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('address_kind', sa.String(length=16), nullable=False),
    sa.Column('address_protected', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_letter_record_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_record'))
    )
    op.create_index(op.f('ix_letter_record_procedure_id'), 'letter_record', ['procedure_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_letter_record_procedure_id'), 'letter_record')
    op.drop_table('letter_record')
    op.drop_table('letter_template')
