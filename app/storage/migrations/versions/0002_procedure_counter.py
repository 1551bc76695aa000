"""procedure numbers from a counter row per year

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('procedure_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_procedure_counter'))
    )
    # Every number already given out (deleted procedures included) stays taken.
    op.execute(
        "INSERT INTO procedure_counter (year, last_seq) "
        "SELECT year, MAX(seq) FROM procedure GROUP BY year"
    )


def downgrade() -> None:
    op.drop_table('procedure_counter')
