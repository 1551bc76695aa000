"""SQLCipher's keying: the raw-key literal and a connection that can never write."""

from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from app.errors import CorruptDatabaseError


def key_pragma_value(key: bytes) -> str:
    """SQLCipher's raw-key literal for a 32-byte key."""
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    return f"x'{key.hex()}'"


@contextmanager
def read_only_connection(db_path: Path, key: bytes) -> Iterator[Any]:
    """A keyed connection that SQLite itself forbids to write to the file (`mode=ro`).

    A file that cannot be opened at all (a folder in its place, no permission) is a
    CorruptDatabaseError naming it, not an internal error.
    """
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    try:
        con = sqlcipher3.connect(uri, uri=True, check_same_thread=False)
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f'PRAGMA key = "{key_pragma_value(key)}"')
    except sqlcipher3.OperationalError as exc:
        raise CorruptDatabaseError(
            f"Nie można otworzyć pliku bazy danych {db_path} (to nie jest plik albo brak "
            "uprawnień do odczytu). Nic nie zostało zmienione."
        ) from exc
    with closing(con):
        yield con


def library_versions() -> tuple[str, str]:
    """SQLCipher's and its crypto library's versions, from a throw-away keyed memory base."""
    with closing(sqlcipher3.connect(":memory:")) as con:
        con.execute(f'PRAGMA key = "{key_pragma_value(bytes(32))}"')
        cipher = con.execute("PRAGMA cipher_version").fetchone()[0]
        provider = con.execute("PRAGMA cipher_provider").fetchone()[0]
        provider_version = con.execute("PRAGMA cipher_provider_version").fetchone()[0]
    name = str(provider_version)
    return str(cipher), name if str(provider).lower() in name.lower() else f"{provider} {name}"
