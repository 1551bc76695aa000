"""Opening the register's database file and bringing its schema up to date.

The heaviest part of unlocking (SQLAlchemy, Alembic): the data folder imports it on
first use, so the unlock window shows before these libraries load, and the GUI loads
them in the background while the password is being typed.
"""

from pathlib import Path

from app.errors import CorruptDatabaseError
from app.services.context import ServiceContext
from app.services.integrity import check_register
from app.services.settings_service import SettingsService
from app.settings import Settings
from app.storage import migrate
from app.storage.db import Database, damaged_database_message, key_pragma_value
from app.storage.integrity import damage_findings

__all__ = ["Database", "check_register", "open_database", "save_settings"]


def open_database(db_path: Path, db_key: bytes, creating: bool) -> Database:
    """The open register, its schema current; only `creating` may write a first schema.

    A damaged file is refused before any upgrade, after the safety copy otherwise.
    """
    database = Database(db_path, db_key)
    try:
        _bring_up_to_date(database, db_key, creating)
    except BaseException as exc:
        if isinstance(exc, CorruptDatabaseError):
            database.mark_damaged()
        database.close()
        raise
    return database


def save_settings(database: Database, settings: Settings) -> None:
    SettingsService(ServiceContext(database)).save(settings)


def _bring_up_to_date(database: Database, db_key: bytes, creating: bool) -> None:
    if not migrate.needs_upgrade(database.engine):
        return
    if creating:
        migrate.upgrade(database.engine)
        return
    if migrate.current_revision(database.engine) is None:
        raise CorruptDatabaseError(damaged_database_message(database.path))
    if damage_findings(database.path, db_key).findings:
        raise CorruptDatabaseError(
            damaged_database_message(database.path) + " Uszkodzonej bazy nie aktualizuję."
        )
    migrate.safety_copy(database.engine, database.path.parent, key_pragma_value(db_key))
    migrate.upgrade(database.engine)
