"""attachments may belong to an NK-A record (e.g. the scan of the paper form)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:00:00

SQLite adds a referencing column only with a bare column constraint, which the models do
not describe, so the attachment table is rebuilt. A rebuild drops the old table, and with
foreign keys on (they cannot be switched off inside the migration's transaction) that
deletes every file's bytes, which cascade from their attachment row; so the bytes wait in
a side table meanwhile. That copies them twice, once, on the upgrade: slower on a large
register, never a lost file.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_KEPT = 'attachment_content_kept'


def upgrade() -> None:
    with _bytes_kept_aside(), op.batch_alter_table('attachment') as batch:
        batch.add_column(sa.Column('nka_record_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f('fk_attachment_nka_record_id_nka_record'),
            'nka_record',
            ['nka_record_id'],
            ['id'],
            ondelete='SET NULL',
        )
        batch.create_index(op.f('ix_attachment_nka_record_id'), ['nka_record_id'])


def downgrade() -> None:
    with _bytes_kept_aside(), op.batch_alter_table('attachment') as batch:
        batch.drop_index(op.f('ix_attachment_nka_record_id'))
        batch.drop_constraint(op.f('fk_attachment_nka_record_id_nka_record'), type_='foreignkey')
        batch.drop_column('nka_record_id')


@contextmanager
def _bytes_kept_aside() -> Iterator[None]:
    """The attachments' bytes copied aside before the rebuild and put back after it."""
    op.execute(f'CREATE TABLE {_KEPT} AS SELECT attachment_id, data FROM attachment_content')
    yield
    op.execute(
        f'INSERT INTO attachment_content (attachment_id, data) '  # noqa: S608 - fixed names
        f'SELECT attachment_id, data FROM {_KEPT}'
    )
    op.execute(f'DROP TABLE {_KEPT}')
