"""Names of the register's files, and what to say when the main one cannot be read.

Kept apart from the database layer so the data folder can be examined (and the unlock
window shown) before SQLAlchemy and Alembic are loaded.
"""

from pathlib import Path

DB_FILE_NAME = "nkdesk.db"
SAFETY_COPY_DIR = "kopie-przed-aktualizacja"


def damaged_database_message(db_path: Path) -> str:
    """What the worker reads when the register file cannot be read back."""
    return (
        f"Plik bazy danych {db_path} jest uszkodzony albo nie pasuje do pliku kluczy "
        "(keys.json) — nie można go odczytać. Nic nie zostało zmienione. Przywróć bazę "
        "z kopii zapasowej."
    )
