"""stored sort keys and NK-A counts, so lists sort and page in SQL

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 19:00:00
"""

import sqlalchemy as sa
from alembic import op

from app.domain.enums import Role
from app.domain.text import polish_sort_text

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Kept in step with models.LIVE_PROCEDURE_ORDERS (a migration never imports the models).
_PROCEDURE_INDEXES = {
    'ix_procedure_live_number': ['year', 'seq'],
    'ix_procedure_live_started_on': ['started_on', 'year', 'seq'],
    'ix_procedure_live_status': ['status', 'year', 'seq'],
    'ix_procedure_live_victims_sort': ['victims_sort', 'year', 'seq'],
    'ix_procedure_live_perpetrators_sort': ['perpetrators_sort', 'year', 'seq'],
    'ix_procedure_live_nka_count': ['nka_count', 'year', 'seq'],
}
_LIVE = sa.text('deleted_at IS NULL')


def upgrade() -> None:
    with op.batch_alter_table('procedure') as batch:
        batch.add_column(sa.Column('victims_sort', sa.Text(), nullable=False, server_default=''))
        batch.add_column(
            sa.Column('perpetrators_sort', sa.Text(), nullable=False, server_default='')
        )
        batch.add_column(sa.Column('nka_count', sa.Integer(), nullable=False, server_default='0'))
    for table in ('person', 'institution'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('name_sort', sa.Text(), nullable=False, server_default=''))
    _fill_keys()
    for name, columns in _PROCEDURE_INDEXES.items():
        op.create_index(name, 'procedure', columns, sqlite_where=_LIVE)
    op.create_index('ix_person_name_sort', 'person', ['name_sort'])
    op.create_index('ix_institution_name_sort', 'institution', ['name_sort'])
    # It led SQLite to sort whole lists instead of walking the sort indexes.
    op.drop_index('ix_procedure_deleted_at', 'procedure')
    for statement in _SEARCH_INDEX:
        op.execute(statement)


# The trigram index of app.storage.search_index, filled now and kept by the triggers.
_SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE procedure_search USING fts5("
    "search_text, content='procedure', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER procedure_search_insert AFTER INSERT ON procedure BEGIN "
    "INSERT INTO procedure_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER procedure_search_delete AFTER DELETE ON procedure BEGIN "
    "INSERT INTO procedure_search(procedure_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER procedure_search_update AFTER UPDATE OF search_text ON procedure BEGIN "
    "INSERT INTO procedure_search(procedure_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO procedure_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO procedure_search(procedure_search) VALUES ('rebuild')",
)


def _fill_keys() -> None:
    """Compute the keys of the records already in the register, with the same rule."""
    bind = op.get_bind()
    names: dict[tuple[int, str], list[str]] = {}
    for procedure_id, role, first, last in bind.execute(
        sa.text(
            'SELECT pa.procedure_id, pa.role, pe.first_name, pe.last_name '
            'FROM participation pa JOIN person pe ON pe.id = pa.person_id ORDER BY pa.id'
        )
    ):
        names.setdefault((procedure_id, role), []).append(f'{last} {first}'.strip())
    counts: dict[int, int] = dict(
        bind.execute(
            sa.text('SELECT procedure_id, count(*) FROM nka_record GROUP BY procedure_id')
        ).all()
    )
    for (procedure_id,) in bind.execute(sa.text('SELECT id FROM procedure')).all():
        bind.execute(
            sa.text(
                'UPDATE procedure SET victims_sort = :v, perpetrators_sort = :p, nka_count = :n '
                'WHERE id = :id'
            ),
            {
                'v': polish_sort_text(', '.join(names.get((procedure_id, Role.VICTIM), []))),
                'p': polish_sort_text(', '.join(names.get((procedure_id, Role.PERPETRATOR), []))),
                'n': counts.get(procedure_id, 0),
                'id': procedure_id,
            },
        )
    for table, expression in (
        ('person', "last_name || ' ' || first_name"),
        ('institution', 'name'),
    ):
        for record_id, text in bind.execute(
            sa.text(f'SELECT id, {expression} FROM {table}')  # noqa: S608 - fixed names
        ).all():
            bind.execute(
                sa.text(f'UPDATE {table} SET name_sort = :k WHERE id = :id'),  # noqa: S608
                {'k': polish_sort_text(text), 'id': record_id},
            )


def downgrade() -> None:
    for trigger in ('insert', 'delete', 'update'):
        op.execute(f'DROP TRIGGER procedure_search_{trigger}')
    op.execute('DROP TABLE procedure_search')
    op.create_index('ix_procedure_deleted_at', 'procedure', ['deleted_at'])
    op.drop_index('ix_institution_name_sort', 'institution')
    op.drop_index('ix_person_name_sort', 'person')
    for name in _PROCEDURE_INDEXES:
        op.drop_index(name, 'procedure')
    for table in ('person', 'institution'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('name_sort')
    with op.batch_alter_table('procedure') as batch:
        batch.drop_column('nka_count')
        batch.drop_column('perpetrators_sort')
        batch.drop_column('victims_sort')
