"""Registers built once and copied into each test's own folder.

The demo register is password-only, so any test's keyring opens it. The empty registers
(`db`, `register_copies`) keep the OS-secret mode `folder.create` gives in a test: their
secret is put into the test's own in-memory store when they are copied.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.sample_data import demo
from app.security import secret_store
from app.services.vault import DataFolder
from app.storage.db import Database
from app.storage.instance_lock import LOCK_FILE_NAME
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.keyrings import MemoryKeyring


def build_demo_register(folder_path: Path) -> Path:
    """The demo register (fictional data) with fast key derivation and no OS secret."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        folder = DataFolder(folder_path, kdf=FAST_KDF)
        folder.acquire()
        try:
            demo.create_demo_folder(folder)
        finally:
            folder.release()
    finally:
        keyring.set_keyring(previous)
    (folder_path / "nkdesk.lock").unlink(missing_ok=True)
    return folder_path


def copy_register(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


@dataclass(frozen=True)
class RegisterTemplate:
    """A closed register folder to copy, and the OS-store entries it needs to open."""

    path: Path
    secrets: dict[tuple[str, str], str]


def build_empty_register(folder_path: Path) -> RegisterTemplate:
    """The `db` fixture's register (TEST_SETTINGS, PASSWORD), bound to a trusted store.

    Built as `folder.create` builds it in a test under `mem_keyring`, so copies keep
    the "password + this computer's key" mode that tests of that mode look at.
    """
    store = MemoryKeyring()
    trusted = secret_store.OS_CREDENTIAL_STORES | {secret_store.backend_id(MemoryKeyring)}
    previous = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(secret_store, "OS_CREDENTIAL_STORES", trusted)
        keyring.set_keyring(store)
        try:
            folder = DataFolder(folder_path, kdf=FAST_KDF)
            folder.acquire()
            try:
                created = folder.create(PASSWORD, TEST_SETTINGS)
                created.database.close()
            finally:
                folder.release()
        finally:
            keyring.set_keyring(previous)
    assert created.uses_os_secret, "the template must hold an OS-store secret"
    (folder_path / LOCK_FILE_NAME).unlink(missing_ok=True)
    return RegisterTemplate(folder_path, dict(store.entries))


def open_copy(template: RegisterTemplate, folder: DataFolder, store: MemoryKeyring) -> Database:
    """Copy the register into `folder` (claimed, still empty) and unlock it with PASSWORD.

    The OS-store secret goes into `store`, the test's own keyring, where `folder.create`
    would have put it; the files keep their owner-only permissions.
    """
    for file in template.path.iterdir():
        shutil.copy(file, folder.path / file.name)
    for (service, username), value in template.secrets.items():
        store.set_password(service, username, value)
    return folder.unlock(PASSWORD)


class RegisterTemplates:
    """Empty registers kept for the whole session.

    The first `ready` are built at once, while no test's patches are in place yet (a
    session fixture is set up before a test's own fixtures); more are built on demand.
    """

    def __init__(self, factory: pytest.TempPathFactory, ready: int = 2) -> None:
        self._factory = factory
        self._built: list[RegisterTemplate] = []
        if ready:
            self.get(ready - 1)

    def get(self, index: int) -> RegisterTemplate:
        """The `index`-th template: a test's registers are copies of different ones."""
        while len(self._built) <= index:
            self._built.append(build_empty_register(self._factory.mktemp("pusty") / "dane"))
        return self._built[index]


class RegisterCopies:
    """New registers for one test, each what `folder.create(PASSWORD, TEST_SETTINGS)` gives.

    Every register a test opens is a copy of a different template, so two registers in
    one test never share a database key, key file or OS-store entry. A test that put
    another keyring in place gets a register created afresh under that keyring.
    """

    def __init__(self, templates: RegisterTemplates, store: MemoryKeyring) -> None:
        self._templates = templates
        self._store = store
        self._opened = 0

    def open(self, folder: DataFolder) -> Database:
        """A new register in `folder` (claimed, empty, made with FAST_KDF), unlocked."""
        if keyring.get_keyring() is not self._store or not folder.os_store_available():
            return folder.create(PASSWORD, TEST_SETTINGS).database
        template = self._templates.get(self._opened)
        self._opened += 1
        return open_copy(template, folder, self._store)
