"""SQLCipher engine: raw 256-bit key, WAL with full synchronous commits.

Errors that come from the file or the disk (a damaged page, a full or read-only disk, a
pulled stick) leave here as Polish `UserError`s that name the file; only our own
mistakes stay internal errors.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.pool import QueuePool

from app.errors import CorruptDatabaseError, StorageError, UserError
from app.storage.cipher import key_pragma_value
from app.storage.files import DB_FILE_NAME, damaged_database_message
from app.storage.integrity import damage_findings, page_damage

__all__ = [
    "DB_FILE_NAME",
    "Database",
    "damaged_database_message",
    "key_pragma_value",
    "open_raw_connection",
]


# SQLite's primary result codes that say the file or the medium is at fault.
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
_SQLITE_READONLY = 8


def storage_error(exc: BaseException, db_path: Path) -> UserError | None:
    """The Polish error for a failure of the file or the disk, or None for anything else."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return CorruptDatabaseError(damaged_database_message(db_path))
    if primary == _SQLITE_FULL:
        return StorageError(
            f"Brak miejsca na dysku z bazą danych ({db_path.parent}). Ostatnia zmiana nie "
            "została zapisana; zwolnij miejsce i spróbuj ponownie."
        )
    if primary == _SQLITE_READONLY:
        return StorageError(
            f"Folder danych {db_path.parent} jest tylko do odczytu. Zmiana nie została zapisana."
        )
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StorageError(
            f"Błąd odczytu lub zapisu dysku z bazą danych ({db_path.parent}) — nośnik mógł "
            "zostać odłączony. Ostatnia zmiana nie została zapisana."
        )
    return None


def open_raw_connection(db_path: Path, key: bytes, *, read_only: bool = False) -> Any:
    """A keyed sqlcipher3 connection with our pragmas.

    The key always comes from an authenticated unwrap, so a file it cannot decrypt is
    damaged (or belongs to another key file) — never a wrong password. `read_only`
    connections (checks of a possibly damaged file) set nothing that could write.
    """
    try:
        con = sqlcipher3.connect(str(db_path), check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise storage_error(exc, db_path) or exc from exc
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f'PRAGMA key = "{key_pragma_value(key)}"')
        if read_only:
            con.execute("PRAGMA query_only = ON")
            return con
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.Error as exc:
        con.close()
        raise storage_error(exc, db_path) or exc from exc
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA cache_size = -65536")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA secure_delete = ON")
    con.execute("PRAGMA busy_timeout = 10000")
    return con


def make_engine(db_path: Path, key: bytes, on_damage: Callable[[], None] | None = None) -> Engine:
    """Engine whose every pooled connection is keyed and configured the same way."""

    def creator() -> Any:
        return open_raw_connection(db_path, key)

    # LIFO: the connection used last is reused first, so its page cache (decrypted pages)
    # stays warm for the next list query instead of each query starting cold.
    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher3,
        poolclass=QueuePool,
        pool_size=4,
        pool_use_lifo=True,
    )

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transaction_quirks(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None

    @event.listens_for(engine, "handle_error")
    def _file_or_disk_fault(context: Any) -> None:
        error = storage_error(context.original_exception, db_path)
        if isinstance(error, CorruptDatabaseError) and on_damage is not None:
            on_damage()
        if error is not None:
            raise error from context.original_exception

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so a write never fails half-way because
        # another thread committed between its read and its write, and busy_timeout makes
        # a second writer wait instead of failing. A reading session takes no write lock
        # (WAL readers see one consistent snapshot), so a long export blocks no one.
        reading = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


_STAMP = "stamp"
_READ_ONLY = "nkdesk_read_only"


def _stamp_records(session: Session, _context: Any, _instances: Any) -> None:
    """Give added and changed records the unit's time where the model keeps one."""
    stamp = session.info.get(_STAMP)
    if stamp is None:
        return
    for record in session.new:
        for column in ("created_at", "updated_at"):
            if hasattr(record, column) and getattr(record, column) is None:
                setattr(record, column, stamp)
    for record in session.dirty:
        if hasattr(record, "updated_at") and session.is_modified(record):
            record.updated_at = stamp
            # Marked even when the value is unchanged, so the model's own `onupdate`
            # (the system clock) never takes over.
            flag_modified(record, "updated_at")


class Database:
    """An open, unlocked database: its engine and a session factory."""

    def __init__(self, db_path: Path, key: bytes) -> None:
        self.path = db_path
        self._key = key
        self._damaged = False
        self.engine = make_engine(db_path, key, self.mark_damaged)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_records)
        reader = self.engine.execution_options(**{_READ_ONLY: True})
        self._read_sessions = sessionmaker(reader, expire_on_commit=False)

    @contextmanager
    def session(self, stamp: dt.datetime | None = None) -> Iterator[Session]:
        """One short unit of work: commits on success, rolls back on error.

        `stamp` (naive UTC) is written as the creation and change time of the records the
        unit adds or changes, so the services' clock decides it, not the system clock.
        """
        with self._sessions() as session, session.begin():
            if stamp is not None:
                session.info[_STAMP] = stamp
            yield session

    def read_session(self) -> Session:
        """A session for reading only (caller closes it); it never takes the write lock."""
        return self._read_sessions()

    def integrity_problems(self) -> list[str]:
        """Damage findings of the file (pages, structure, tables, foreign keys), in Polish."""
        return list(damage_findings(self.path, self._key).findings)

    def page_damage(self) -> list[str]:
        """Pages whose checksum fails, in Polish; [] when every page reads back intact."""
        return page_damage(self.path, self._key)

    def require_undamaged(self) -> None:
        """Refuse to go on (e.g. to import into it) when any page of the file is damaged."""
        if self.page_damage():
            self.mark_damaged()
            raise CorruptDatabaseError(damaged_database_message(self.path))

    def checkpoint(self) -> None:
        """Fold the WAL back into the main file (before copies and at close)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def mark_damaged(self) -> None:
        """The file was found damaged: closing must not fold anything more into it."""
        self._damaged = True

    def close(self) -> None:
        """Release every connection; a WAL left by a busy checkpoint is valid on next open.

        A damaged file gets no checkpoint of ours. (SQLite itself may still fold a WAL into
        the file when the last connection closes; Python offers no way to stop that.)
        """
        if not self._damaged:
            with suppress(OperationalError, UserError):
                self.checkpoint()
        self.engine.dispose()
