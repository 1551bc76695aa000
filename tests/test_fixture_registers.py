"""The `db` register is copied from one built per session: each test must still get its own.

A copy that leaked between tests, or lost the OS-store binding a freshly created register
has, would make other tests pass or fail for the wrong reason.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.errors import MissingInstallationSecretError
from app.services.procedures import ProcedureService
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.storage.db import Database
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.clock import ctx
from tests.support.keyrings import MemoryKeyring
from tests.support.registers import RegisterCopies


@pytest.fixture
def no_os_store(mem_keyring: MemoryKeyring) -> Iterator[None]:
    """No credential store at all, put in place before the `db` fixture runs."""
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(mem_keyring)


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_starts_with_an_empty_register(run: int, db: Database) -> None:
    procedures = ProcedureService(ctx(db))
    assert procedures.next_number(2026)[0] == 1, f"run {run} sees another test's procedure"

    procedures.create(dt.date(2026, 3, 1))

    assert procedures.next_number(2026)[0] == 2


def test_the_register_has_the_test_settings(db: Database) -> None:
    assert SettingsService(ctx(db)).load() == TEST_SETTINGS


def test_the_register_is_bound_to_this_tests_keyring(
    folder: DataFolder, db: Database, mem_keyring: MemoryKeyring
) -> None:
    assert folder.uses_os_secret()
    assert len(mem_keyring.entries) == 1
    folder.check_password(PASSWORD)

    mem_keyring.entries.clear()  # as on another computer

    with pytest.raises(MissingInstallationSecretError):
        folder.check_password(PASSWORD)


def test_a_keyring_set_before_the_register_is_made_is_used(
    no_os_store: None, folder: DataFolder, db: Database, mem_keyring: MemoryKeyring
) -> None:
    assert not folder.uses_os_secret()
    assert mem_keyring.entries == {}
    folder.check_password(PASSWORD)


def test_a_second_register_in_a_test_is_another_register(
    folder: DataFolder, db: Database, register_copies: RegisterCopies, tmp_path: Path
) -> None:
    second = DataFolder(tmp_path / "drugi", kdf=FAST_KDF)
    second.acquire()
    try:
        other = register_copies.open(second)
        try:
            ProcedureService(ctx(db)).create(dt.date(2026, 3, 1))
            assert ProcedureService(ctx(other)).next_number(2026)[0] == 1
        finally:
            other.close()
        (second.path / "keys.json").write_bytes((folder.path / "keys.json").read_bytes())

        assert second.check(PASSWORD), "the first register's key file opened the second"
    finally:
        second.release()
