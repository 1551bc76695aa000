"""SQLCipher engine: raw 256-bit key, WAL with full synchronous commits."""

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.errors import WrongPasswordError

DB_FILE_NAME = "nkdesk.db"


def key_pragma_value(key: bytes) -> str:
    """SQLCipher's raw-key literal for a 32-byte key."""
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    return f"x'{key.hex()}'"


def open_raw_connection(db_path: Path, key: bytes) -> Any:
    """A keyed sqlcipher3 connection with our pragmas; raises WrongPasswordError on a bad key."""
    con = sqlcipher3.connect(str(db_path), check_same_thread=False)
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f'PRAGMA key = "{key_pragma_value(key)}"')
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise WrongPasswordError("Nie można odszyfrować bazy danych tym kluczem.") from exc
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA cache_size = -65536")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA secure_delete = ON")
    con.execute("PRAGMA busy_timeout = 10000")
    return con


def make_engine(db_path: Path, key: bytes) -> Engine:
    """Engine whose every pooled connection is keyed and configured the same way."""

    def creator() -> Any:
        return open_raw_connection(db_path, key)

    engine = create_engine(
        "sqlite://", creator=creator, module=sqlcipher3, poolclass=QueuePool, pool_size=4
    )

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transaction_quirks(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so a write never fails half-way because
        # another thread committed between its read and its write; readers are unaffected
        # in WAL mode, and busy_timeout makes a second writer wait instead of failing.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Database:
    """An open, unlocked database: its engine and a session factory."""

    def __init__(self, db_path: Path, key: bytes) -> None:
        self.path = db_path
        self.engine = make_engine(db_path, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work: commits on success, rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def read_session(self) -> Session:
        """A session for reading only (caller closes it)."""
        return self._sessions()

    def integrity_problems(self) -> list[str]:
        """Results of SQLCipher's HMAC check and SQLite's integrity and FK checks."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            problems += [str(r[0]) for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            problems += [r for r in rows if r != "ok"]
            problems += [
                f"naruszony klucz obcy w tabeli {r[0]}"
                for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
            ]
        return problems

    def checkpoint(self) -> None:
        """Fold the WAL back into the main file (before copies and at close)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Release every connection; a WAL left by a busy checkpoint is valid on next open."""
        with suppress(OperationalError):
            self.checkpoint()
        self.engine.dispose()
