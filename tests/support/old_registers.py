"""Rows written straight into a register at an older schema revision, for the tests of
the migrations that follow it. All data is fictional."""

from sqlalchemy import Connection


def insert_procedure(conn: Connection) -> None:
    """Procedure 1, NK/1/2026, started on 2.11.2026 and in progress, with one NK-A counted."""
    conn.exec_driver_sql(
        "INSERT INTO procedure (id, number, year, seq, started_on, status, "
        "closure_justification, notes, search_text, victims_sort, perpetrators_sort, "
        "nka_count, created_at, updated_at) VALUES (1, 'NK/1/2026', 2026, 1, "
        "'2026-11-02', 'in_progress', '', '', '', '', '', 1, "
        "'2026-11-02 10:00:00', '2026-11-02 10:00:00')"
    )
