"""Shared fixtures: offscreen Qt, a private keyring, fast key derivation, a real SQLCipher DB."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "pl_PL.UTF-8")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402

from app.security.crypto import KdfParams  # noqa: E402
from app.services.vault import DataFolder  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.storage.db import Database  # noqa: E402
from tests.support.keyrings import MemoryKeyring  # noqa: E402

FAST_KDF = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)
PASSWORD = "Testowe-Haslo#2026"  # noqa: S105 - fictional test password
TEST_SETTINGS = Settings(
    gmina_name="Gmina Przykładowo",
    office_name="GOPS w Przykładowie",
    worker_name="Ewa Testowa",
)


@pytest.fixture(autouse=True)
def mem_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory credential store, never the machine's."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "dane"


@pytest.fixture
def folder(data_dir: Path) -> Iterator[DataFolder]:
    f = DataFolder(data_dir, kdf=FAST_KDF)
    f.acquire()
    yield f
    f.release()


@pytest.fixture
def db(folder: DataFolder) -> Iterator[Database]:
    created = folder.create(PASSWORD, TEST_SETTINGS)
    yield created.database
    created.database.close()
