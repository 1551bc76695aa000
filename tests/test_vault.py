"""The data folder's keys and locks, as the worker meets them when opening the register."""

import base64
import datetime as dt
import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.errors import (
    AlreadyInitializedError,
    DatabaseInUseError,
    MissingInstallationSecretError,
    ThrottledError,
    ValidationError,
    WrongPasswordError,
)
from app.security import keyfile, recovery_code
from app.security.keyfile import KEY_FILE_NAME, KeyFile
from app.security.secret_store import SecretStore
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.vault import DataFolder
from app.storage.db import Database
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.clock import ctx
from tests.support.keyrings import MemoryKeyring

WRONG_PASSWORD = "Zupełnie-Inne#Słowo7"
NEW_PASSWORD = "Nowe-Zaklęcie#2027"
NOTES = "Notatka testowa do procedury"
REPO_ROOT = Path(__file__).resolve().parents[1]

ACQUIRE_IN_CHILD = """
import sys
from pathlib import Path

from app.errors import DatabaseInUseError
from app.services.vault import DataFolder

folder = DataFolder(Path(sys.argv[1]))
try:
    folder.acquire()
except DatabaseInUseError as exc:
    print(exc.message)
    sys.exit(3)
folder.release()
print("OK")
"""


class FakeClock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def _create_closed(folder: DataFolder) -> str:
    """A new register with one procedure, closed again; returns the recovery code."""
    created = folder.create(PASSWORD, TEST_SETTINGS)
    ProcedureService(ctx(created.database)).create(dt.date(2025, 3, 1), notes=NOTES)
    created.database.close()
    return created.recovery_code


def _notes_and_close(database: Database) -> list[str]:
    """Notes of every procedure, read through the services; closes the database."""
    try:
        service = ProcedureService(ctx(database))
        return [service.detail(row.id).notes for row in service.list(ProcedureQuery())]
    finally:
        database.close()


def _digests(folder: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in ("nkdesk.db", KEY_FILE_NAME)
    }


def _acquire_in_child(path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-c", ACQUIRE_IN_CHILD, str(path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_created_register_unlocks_with_its_password(folder: DataFolder) -> None:
    code = _create_closed(folder)

    assert folder.is_initialized()
    assert folder.uses_os_secret()
    assert recovery_code.looks_valid(code)
    reopened = DataFolder(folder.path, kdf=FAST_KDF).unlock(PASSWORD)
    assert _notes_and_close(reopened) == [NOTES]


def test_create_never_replaces_an_existing_register(folder: DataFolder) -> None:
    _create_closed(folder)
    before = _digests(folder.path)

    with pytest.raises(AlreadyInitializedError, match="istnieje już baza"):
        folder.create(NEW_PASSWORD, TEST_SETTINGS)

    assert _digests(folder.path) == before
    assert _notes_and_close(folder.unlock(PASSWORD)) == [NOTES]


def test_wrong_password_is_refused_in_polish_and_changes_nothing(folder: DataFolder) -> None:
    _create_closed(folder)
    before = _digests(folder.path)

    with pytest.raises(WrongPasswordError, match=r"^Nieprawidłowe hasło"):
        folder.unlock(WRONG_PASSWORD)
    with pytest.raises(WrongPasswordError, match=r"^Nieprawidłowe hasło"):
        folder.check_password(WRONG_PASSWORD)

    assert _digests(folder.path) == before
    assert _notes_and_close(folder.unlock(PASSWORD)) == [NOTES]


def test_repeated_failures_throttle_even_across_a_restart_until_the_delay_ends(
    data_dir: Path,
) -> None:
    clock = FakeClock()
    folder = DataFolder(data_dir, kdf=FAST_KDF, clock=clock)
    _create_closed(folder)

    for attempt in range(1, 4):
        with pytest.raises(WrongPasswordError) as wrong:
            folder.unlock(WRONG_PASSWORD)
        assert ("Kolejna próba możliwa za 5 s" in wrong.value.message) == (attempt == 3)
    with pytest.raises(ThrottledError, match="Zbyt wiele nieudanych prób") as throttled:
        folder.unlock(PASSWORD)
    assert throttled.value.wait_seconds == pytest.approx(5.0)

    restarted = DataFolder(data_dir, kdf=FAST_KDF, clock=clock)
    clock.advance(4)
    with pytest.raises(ThrottledError):
        restarted.unlock(PASSWORD)
    with pytest.raises(ThrottledError):
        restarted.unlock_with_recovery("0000-0000-0000-0000-0000-0000-0000-0000", NEW_PASSWORD)

    clock.advance(1.5)
    assert _notes_and_close(restarted.unlock(PASSWORD)) == [NOTES]
    with pytest.raises(WrongPasswordError, match=r"^Nieprawidłowe hasło\.$"):
        restarted.unlock(WRONG_PASSWORD)


def test_recovery_code_opens_the_register_on_another_computer(
    folder: DataFolder, mem_keyring: MemoryKeyring
) -> None:
    code = _create_closed(folder)
    mem_keyring.entries.clear()  # the new computer's credential store knows nothing
    moved = DataFolder(folder.path, kdf=FAST_KDF)

    with pytest.raises(MissingInstallationSecretError, match="kodem odzyskiwania"):
        moved.unlock(PASSWORD)

    assert _notes_and_close(moved.unlock_with_recovery(code, NEW_PASSWORD)) == [NOTES]
    assert moved.uses_os_secret()
    assert len(mem_keyring.entries) == 1
    assert _notes_and_close(moved.unlock(NEW_PASSWORD)) == [NOTES]
    with pytest.raises(WrongPasswordError):
        moved.unlock(PASSWORD)
    # The printed code stays valid after it has been used once.
    third = "Trzecie-Zaklęcie#2028"
    assert _notes_and_close(moved.unlock_with_recovery(code, third)) == [NOTES]


def test_wrong_recovery_code_fails_cleanly(folder: DataFolder) -> None:
    code = _create_closed(folder)
    other_code = recovery_code.generate()
    assert other_code != code
    before = _digests(folder.path)

    with pytest.raises(WrongPasswordError, match="Kod odzyskiwania jest nieprawidłowy"):
        folder.unlock_with_recovery(other_code, NEW_PASSWORD)
    with pytest.raises(WrongPasswordError, match="Kod odzyskiwania jest nieprawidłowy"):
        folder.unlock_with_recovery("ABCD-1234", NEW_PASSWORD)

    assert _digests(folder.path) == before
    assert _notes_and_close(folder.unlock(PASSWORD)) == [NOTES]


def test_recovery_code_forgives_case_spaces_and_look_alike_letters(
    folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = "0A1B-2C3D-4E5F-6G7H-8J9K-MNPQ-RSTV-WXYZ"
    monkeypatch.setattr(recovery_code, "generate", lambda: printed)
    assert _create_closed(folder) == printed

    typed = " oa lb 2c3d  4e5f-6g7h 8j9k mnpq rstu wxyz "  # O→0, l→1, U→V, lower case, spaces
    assert recovery_code.normalize(typed) == printed
    assert _notes_and_close(folder.unlock_with_recovery(typed, NEW_PASSWORD)) == [NOTES]


def test_without_a_credential_store_the_password_alone_protects(folder: DataFolder) -> None:
    keyring.set_keyring(fail.Keyring())
    assert not folder.os_store_available()

    created = folder.create(PASSWORD, TEST_SETTINGS)
    created.database.close()

    assert not created.uses_os_secret
    assert json.loads((folder.path / KEY_FILE_NAME).read_text("utf-8"))["uses_os_secret"] is False
    reopened = DataFolder(folder.path, kdf=FAST_KDF).unlock(PASSWORD)
    assert _notes_and_close(reopened) == []


def test_key_file_holds_no_secret_in_clear(folder: DataFolder) -> None:
    code = _create_closed(folder)
    keys = KeyFile.load(folder.path)
    pepper = SecretStore().get(keys.installation_id)
    assert pepper is not None
    db_key = keyfile.unwrap_with_password(keys.password, PASSWORD, pepper)
    assert db_key is not None
    assert keyfile.unwrap_with_recovery(keys.recovery, recovery_code.normalize(code)) == db_key

    text = (folder.path / KEY_FILE_NAME).read_text("utf-8").lower()
    secrets = [PASSWORD, code, code.replace("-", "")]
    for key in (db_key, pepper):
        secrets += [
            key.hex(),
            base64.b64encode(key).decode(),
            base64.urlsafe_b64encode(key).decode(),
            base64.b32encode(key).decode(),
        ]
    leaked = [secret for secret in secrets if secret.lower() in text]
    assert leaked == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_data_folder_and_key_file_are_private_to_the_user(folder: DataFolder) -> None:
    _create_closed(folder)

    assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder.path / KEY_FILE_NAME).stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Krotkie1!", "za krótkie"),
        ("Qwerty-Mocne-2026", "zbyt łatwe do odgadnięcia"),
        ("Moje-Haslo-2026", "zbyt łatwe do odgadnięcia"),
        ("abababababab", "zbyt łatwe do odgadnięcia"),
    ],
)
def test_weak_password_is_refused_and_nothing_is_created(
    folder: DataFolder, mem_keyring: MemoryKeyring, password: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        folder.create(password, TEST_SETTINGS)

    assert refused.value.field == "password"
    assert not folder.is_initialized()
    assert sorted(p.name for p in folder.path.iterdir()) == ["nkdesk.lock"]
    assert mem_keyring.entries == {}


def test_second_program_on_the_same_folder_is_refused_until_release(folder: DataFolder) -> None:
    refused = _acquire_in_child(folder.path)
    assert refused.returncode == 3, refused.stderr
    assert "jest już otwarta w innym oknie NK Desk" in refused.stdout

    folder.release()
    allowed = _acquire_in_child(folder.path)
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.strip() == "OK"


def test_second_acquire_in_the_same_process_is_refused_too(folder: DataFolder) -> None:
    with pytest.raises(DatabaseInUseError):
        DataFolder(folder.path).acquire()


def test_a_folder_that_lost_its_database_is_not_started_over(data_dir: Path) -> None:
    """Creating anew over a surviving keys.json would make the restored database unopenable."""
    from app.errors import CorruptDatabaseError

    folder = DataFolder(data_dir, kdf=FAST_KDF)
    folder.acquire()
    folder.create(PASSWORD, TEST_SETTINGS).database.close()
    keys_before = (data_dir / "keys.json").read_bytes()
    (data_dir / "nkdesk.db").rename(data_dir.parent / "kwarantanna.db")
    with pytest.raises(CorruptDatabaseError, match=r"nkdesk\.db"):
        folder.create(PASSWORD, TEST_SETTINGS)
    with pytest.raises(CorruptDatabaseError, match="kopii zapasowej"):
        folder.unlock(PASSWORD)
    assert (data_dir / "keys.json").read_bytes() == keys_before
    (data_dir.parent / "kwarantanna.db").rename(data_dir / "nkdesk.db")
    folder.unlock(PASSWORD).close()
    folder.release()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_database_files_are_owner_only_even_in_an_existing_open_folder(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    folder = DataFolder(data_dir, kdf=FAST_KDF)
    folder.acquire()
    database = folder.create(PASSWORD, TEST_SETTINGS).database
    ProcedureService(ctx(database)).create(dt.date(2026, 1, 5))
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in ("nkdesk.db", "nkdesk.db-wal", "keys.json"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) & 0o077 == 0, name
    database.close()
    folder.release()
