"""The data folder: create the encrypted database, unlock it, recover it on a new PC.

Flow: a random 256-bit database key is wrapped by (a) Argon2id(password) mixed with a
per-installation secret from the OS credential store — or the password alone where no
store works — and (b) the recovery code. Unlocking unwraps the key, opens SQLCipher
with it as a raw key and brings the schema up to date (after a safety copy).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import (
    AlreadyInitializedError,
    CorruptDatabaseError,
    MissingInstallationSecretError,
    NotInitializedError,
    StorageError,
    ValidationError,
    WrongPasswordError,
)
from app.security import crypto, keyfile, password_policy, recovery_code
from app.security.crypto import KdfParams
from app.security.keyfile import KeyFile
from app.security.secret_store import SecretStore
from app.security.throttle import STATE_FILE_NAME, Clock, UnlockThrottle
from app.settings import Settings
from app.storage.files import DB_FILE_NAME, SAFETY_COPY_DIR, damaged_database_message
from app.storage.instance_lock import LOCK_FILE_NAME, InstanceLock

if TYPE_CHECKING:
    from app.storage.db import Database

DEFAULT_KDF = KdfParams()
# Printed with the recovery code (wizard sheet, CLI `init`): the code needs the whole
# folder, and a copy made while the program runs may miss changes still in the WAL file.
RECOVERY_SHEET_HINT = (
    "Kod otwiera bazę danych razem z całym folderem danych, także na nowym komputerze. "
    "Aby przenieść bazę, najpierw zamknij program NK Desk, a potem skopiuj cały folder "
    "danych (z plikami nkdesk.db i keys.json) — kopia zrobiona przy otwartym programie "
    "może nie zawierać ostatnich zmian. Przechowuj kod w zamkniętej szafie lub sejfie, "
    "oddzielnie od komputera."
)
# Everything the program itself keeps in a data folder; any other file makes it foreign.
_OWN_FILE_NAMES = frozenset(
    {
        DB_FILE_NAME,
        keyfile.KEY_FILE_NAME,
        LOCK_FILE_NAME,
        STATE_FILE_NAME,
        f"{DB_FILE_NAME}-wal",
        f"{DB_FILE_NAME}-shm",
        SAFETY_COPY_DIR,
    }
)
_TEMP_FILE = re.compile(r"\.(keys\.json|unlock-attempts\.json)\..+\.tmp")  # left by a crash


@dataclass(frozen=True)
class Created:
    """Result of creating a database: show the code once, tell about the OS store."""

    database: Database
    recovery_code: str
    uses_os_secret: bool


def _require_strong(password: str) -> None:
    strength = password_policy.assess(password)
    if not strength.acceptable:
        raise ValidationError(strength.message, field="password")


@contextmanager
def owner_only_files() -> Iterator[None]:
    """New files (database, WAL, safety copies) readable by their owner only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


class DataFolder:
    """One data folder: database, key file, attempt counter, instance lock."""

    def __init__(
        self,
        path: Path,
        secret_store: SecretStore | None = None,
        kdf: KdfParams | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.path = path
        self._secrets = secret_store or SecretStore()
        self._kdf = kdf or DEFAULT_KDF
        self._throttle = UnlockThrottle(path, clock) if clock else UnlockThrottle(path)
        self._instance = InstanceLock(path) if path.exists() else None

    @property
    def db_path(self) -> Path:
        return self.path / DB_FILE_NAME

    def is_initialized(self) -> bool:
        return self.db_path.exists() and (self.path / keyfile.KEY_FILE_NAME).exists()

    def is_incomplete(self) -> bool:
        """Only one of database and key file is here: never start over on top of it."""
        return self.db_path.exists() != (self.path / keyfile.KEY_FILE_NAME).exists()

    def require_complete(self) -> None:
        """Refuse a folder that lost its database or key file (restore it from a backup)."""
        if not self.is_incomplete():
            return
        missing = (
            "plik bazy danych (nkdesk.db)"
            if not self.db_path.exists()
            else ("plik kluczy (keys.json)")
        )
        raise CorruptDatabaseError(
            f"W folderze {self.path} brakuje: {missing}. Nie zakładam nowej bazy, żeby nie "
            "utracić danych — przywróć brakujący plik z kopii zapasowej."
        )

    def uses_os_secret(self) -> bool:
        return KeyFile.load(self.path).uses_os_secret

    def os_store_available(self) -> bool:
        return self._secrets.is_available

    def acquire(self, create: bool = True) -> None:
        """Claim the folder for this program; raises DatabaseInUseError if taken.

        Only a folder that holds a register, or an empty or new one, is used: a folder
        with other files is refused before anything in it is created or changed.
        `create=False` (commands that need an existing register) never makes a folder.
        """
        self._require_own_folder()
        if not create and not self.path.exists():
            raise NotInitializedError(
                f"W folderze {self.path} nie ma bazy danych NK Desk — folder nie istnieje."
            )
        self._ensure_folder()
        assert self._instance is not None
        self._instance.acquire()

    def release(self) -> None:
        if self._instance is not None:
            self._instance.release()

    def _require_own_folder(self) -> None:
        if not self.path.exists():
            return
        if not self.path.is_dir():
            raise ValidationError(f"{self.path} to plik, a nie folder danych.")
        names = {entry.name for entry in self.path.iterdir()}
        if all(name in _OWN_FILE_NAMES or _TEMP_FILE.fullmatch(name) for name in names):
            return
        raise ValidationError(
            f"Folder {self.path} zawiera inne pliki i nie jest folderem danych NK Desk. "
            "Wskaż pusty folder albo folder z bazą NK Desk — w tym folderze nic nie zmieniono."
        )

    def _ensure_folder(self) -> None:
        """Create the folder owner-only (and tighten an existing one where the OS allows)."""
        if not self.path.exists():
            with owner_only_files():
                self.path.mkdir(parents=True, mode=0o700)
        elif os.name == "posix":
            # A read-only medium or another owner's folder cannot be tightened; the files
            # themselves are still created owner-only, and a write there fails with a message.
            with suppress(OSError):
                self.path.chmod(0o700)
        if self._instance is None:
            self._instance = InstanceLock(self.path)

    def create(self, password: str, settings: Settings | None = None) -> Created:
        """Make a new empty database protected by `password`; returns the recovery code."""
        self._ensure_folder()
        self.require_complete()
        if self.is_initialized():
            raise AlreadyInitializedError("W tym folderze istnieje już baza danych NK Desk.")
        _require_strong(password)
        db_key = crypto.random_key()
        code = recovery_code.generate()
        recovery = keyfile.wrap_for_recovery(db_key, recovery_code.normalize(code))
        database: Database | None = None
        try:
            uses_os_secret = self._save_keys(db_key, password, recovery)
            database = self._open(db_key, creating=True)
            if settings is not None:
                from app.services.register_file import save_settings

                save_settings(database, settings)
        except BaseException as exc:
            if database is not None:
                database.close()
            self._remove_unfinished_register()
            if isinstance(exc, OSError):
                raise StorageError(
                    f"Nie można zapisać bazy danych w folderze {self.path} (brak miejsca lub "
                    "uprawnień). Nic nie zostało utworzone — popraw to i spróbuj ponownie."
                ) from exc
            raise
        return Created(database=database, recovery_code=code, uses_os_secret=uses_os_secret)

    def _remove_unfinished_register(self) -> None:
        """Undo a creation that failed half-way, so the folder can be set up again.

        Runs only after `create` found neither a database nor a key file here, so every
        file it removes is one this creation wrote.
        """
        with suppress(CorruptDatabaseError):
            self._secrets.delete(KeyFile.load(self.path).installation_id)
        for name in (
            keyfile.KEY_FILE_NAME,
            DB_FILE_NAME,
            f"{DB_FILE_NAME}-wal",
            f"{DB_FILE_NAME}-shm",
        ):
            with suppress(OSError):
                (self.path / name).unlink(missing_ok=True)

    def unlock(self, password: str) -> Database:
        """Open the database with the password (throttled after repeated failures)."""
        return self._open(self._key_from_password(password))

    def check(self, password: str) -> list[str]:
        """Examine the register file read-only: damage findings in Polish, [] when sound."""
        from app.services.register_file import check_register

        return check_register(self.db_path, self._key_from_password(password))

    def check_password(self, password: str) -> None:
        """Verify the password without opening anything (the lock screen uses this)."""
        self._key_from_password(password)

    def unlock_with_recovery(self, code: str, new_password: str) -> Database:
        """Open with the recovery code and set a new password bound to this computer."""
        db_key, keys = self._key_from_recovery(code, new_password)
        database = self._open(db_key)
        self._save_keys(db_key, new_password, keys.recovery)
        return database

    def set_password_with_recovery(self, code: str, new_password: str) -> None:
        """The lock screen's recovery: the register is already open, so only the code is
        checked and the new password bound to this computer; nothing else is opened."""
        db_key, keys = self._key_from_recovery(code, new_password)
        self._save_keys(db_key, new_password, keys.recovery)

    def _key_from_recovery(self, code: str, new_password: str) -> tuple[bytes, KeyFile]:
        """The database key unwrapped with the recovery code (throttled like the password)."""
        self._require_initialized()
        self._throttle.check()
        _require_strong(new_password)
        keys = KeyFile.load(self.path)
        db_key = None
        if recovery_code.looks_valid(code):
            db_key = keyfile.unwrap_with_recovery(keys.recovery, recovery_code.normalize(code))
        if db_key is None:
            self._throttle.record_failure()
            raise WrongPasswordError("Kod odzyskiwania jest nieprawidłowy.")
        self._throttle.record_success()
        return db_key, keys

    def _save_keys(self, db_key: bytes, password: str, recovery: keyfile.WrappedKey) -> bool:
        """Bind the password to this computer (new OS-store secret) and write keys.json.

        Returns whether the OS credential store took the secret (else password-only).
        """
        installation_id = keyfile.new_installation_id()
        pepper = self._secrets.create(installation_id)
        KeyFile(
            installation_id=installation_id,
            uses_os_secret=pepper is not None,
            password=keyfile.wrap_for_password(db_key, password, pepper, self._kdf),
            recovery=recovery,
        ).save(self.path)
        return pepper is not None

    def _require_initialized(self) -> None:
        self.require_complete()
        if not self.is_initialized():
            raise NotInitializedError(
                f"W folderze {self.path} nie ma bazy danych NK Desk. Utwórz ją najpierw."
            )

    def _key_from_password(self, password: str) -> bytes:
        self._require_initialized()
        self._throttle.check()
        keys = KeyFile.load(self.path)
        pepper = None
        if keys.uses_os_secret:
            pepper = self._secrets.get(keys.installation_id)
            if pepper is None:
                raise MissingInstallationSecretError(
                    "W schowku haseł systemu na tym komputerze nie ma klucza tej bazy. "
                    "Jeśli baza została przeniesiona z innego komputera, otwórz ją kodem "
                    "odzyskiwania."
                )
        db_key = keyfile.unwrap_with_password(keys.password, password, pepper)
        if db_key is None:
            delay = self._throttle.record_failure()
            hint = f" Kolejna próba możliwa za {int(delay)} s." if delay else ""
            raise WrongPasswordError("Nieprawidłowe hasło." + hint)
        self._throttle.record_success()
        return db_key

    def _open(self, db_key: bytes, creating: bool = False) -> Database:
        """Open the register; only `create` may write a schema into a file without one.

        An existing file that is empty, has no schema or is damaged is refused as it is:
        starting over inside it would silently replace the register with an empty one.
        """
        if not creating and self.db_path.stat().st_size == 0:
            raise CorruptDatabaseError(damaged_database_message(self.db_path))
        # The database layer loads on first use: see app.services.register_file.
        from app.services.register_file import open_database

        with owner_only_files():
            return open_database(self.db_path, db_key, creating)
