"""Only the operating system's credential store counts as "klucz tego komputera".

A keyring backend that keeps the secret in a file in the home folder (keyrings.alt's
PlaintextKeyring and the like) must give password-only protection, and the program must
say so — never "hasło + klucz tego komputera".
"""

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backends import chainer, fail, null
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.security import secret_store
from app.security.keyfile import KEY_FILE_NAME
from app.security.secret_store import SERVICE, SecretStore
from app.services.register import Register
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.cli import run_cli
from tests.support.keyrings import MemoryKeyring
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.wizard import FirstRunWizard

PASSWORD_ONLY_STATUS = "Ochrona: tylko hasło (brak schowka haseł systemu)"
OS_SECRET_STATUS = "Ochrona: hasło + klucz tego komputera"


@pytest.fixture
def plaintext_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the plaintext keyring would write; its default location is sent to tmp too."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local-app-data"))
    return tmp_path / "keyring" / "keyring_pass.cfg"


def _plaintext_keyring(path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(path)  # an instance-level override of the home-folder default
    return backend


@pytest.fixture
def plaintext(plaintext_file: Path) -> PlaintextKeyring:
    """keyrings.alt's PlaintextKeyring, in tmp, set as the process keyring."""
    plaintext_file.parent.mkdir()
    backend = _plaintext_keyring(plaintext_file)
    keyring.set_keyring(backend)
    return backend


ChainOf = Callable[..., chainer.ChainerBackend]


@pytest.fixture
def chain_of(monkeypatch: pytest.MonkeyPatch) -> ChainOf:
    """Make the real ChainerBackend chain exactly the given backends, and use it."""

    def use(*backends: keyring.backend.KeyringBackend) -> chainer.ChainerBackend:
        monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: list(backends))
        chain = chainer.ChainerBackend()
        keyring.set_keyring(chain)
        return chain

    return use


@pytest.fixture(autouse=True)
def inline_tasks() -> Iterator[None]:
    TaskRunner.synchronous = True
    yield
    TaskRunner.synchronous = False


def _create_closed(folder: DataFolder) -> bool:
    created = folder.create(PASSWORD, TEST_SETTINGS)
    created.database.close()
    return created.uses_os_secret


def test_allowlist_names_real_backends_of_the_keyring_package() -> None:
    listed = {name for name in secret_store.OS_CREDENTIAL_STORES if name.startswith("keyring.")}
    assert len(listed) == 6
    for name in listed:
        module_name, _, class_name = name.rpartition(".")
        backend_class = getattr(importlib.import_module(module_name), class_name)
        assert issubclass(backend_class, keyring.backend.KeyringBackend)
        assert secret_store.backend_id(backend_class) == name


def test_plaintext_keyring_is_not_an_os_store(
    plaintext: PlaintextKeyring, plaintext_file: Path
) -> None:
    assert plaintext.priority > 0, "keyring itself would happily use it"
    store = SecretStore()

    assert not store.is_available
    assert store.create("installation") is None
    assert store.get("installation") is None
    store.delete("installation")
    assert not plaintext_file.exists(), "nothing may be written to the plaintext file"


def test_register_on_plaintext_keyring_is_password_only(
    plaintext: PlaintextKeyring, plaintext_file: Path, data_dir: Path, tmp_path: Path
) -> None:
    folder = DataFolder(data_dir, kdf=FAST_KDF)
    assert not folder.os_store_available()

    assert _create_closed(folder) is False
    assert not folder.uses_os_secret()
    keys = json.loads((data_dir / KEY_FILE_NAME).read_text("utf-8"))
    assert keys["uses_os_secret"] is False
    assert not plaintext_file.exists()
    assert not (tmp_path / "xdg-data").exists() and not (tmp_path / "local-app-data").exists()

    keyring.set_keyring(fail.Keyring())  # no store at all: the password alone opens it
    DataFolder(data_dir, kdf=FAST_KDF).unlock(PASSWORD).close()


def test_secret_already_in_a_plaintext_file_is_not_read(plaintext_file: Path) -> None:
    plaintext_file.parent.mkdir()
    writer = _plaintext_keyring(plaintext_file)
    writer.set_password(SERVICE, "installation", "00" * 32)  # as an older version could have
    assert writer.get_password(SERVICE, "installation") == "00" * 32
    keyring.set_keyring(_plaintext_keyring(plaintext_file))

    assert SecretStore().get("installation") is None


def test_chainer_uses_only_its_os_store_even_when_plaintext_ranks_first(
    chain_of: ChainOf, plaintext_file: Path, data_dir: Path
) -> None:
    plaintext_file.parent.mkdir()
    memory = MemoryKeyring()
    memory.priority = 0.2  # type: ignore[assignment]  # below PlaintextKeyring's 0.5
    chain = chain_of(_plaintext_keyring(plaintext_file), memory)
    assert type(chain.backends[0]) is PlaintextKeyring, "the chainer alone would write there"

    assert SecretStore().is_available
    folder = DataFolder(data_dir, kdf=FAST_KDF)
    assert _create_closed(folder) is True
    assert [service for service, _ in memory.entries] == [SERVICE]
    assert not plaintext_file.exists()
    DataFolder(data_dir, kdf=FAST_KDF).unlock(PASSWORD).close()


def test_chainer_without_an_os_store_is_password_only(
    chain_of: ChainOf, plaintext_file: Path, data_dir: Path
) -> None:
    plaintext_file.parent.mkdir()
    chain_of(_plaintext_keyring(plaintext_file), fail.Keyring(), null.Keyring())

    assert not SecretStore().is_available
    assert _create_closed(DataFolder(data_dir, kdf=FAST_KDF)) is False
    assert not plaintext_file.exists()


class _UnknownKeyring(MemoryKeyring):
    """A third-party backend (here: a subclass of a trusted one) with a high priority."""

    priority = 20  # type: ignore[assignment]


@pytest.mark.parametrize(
    "backend", [fail.Keyring(), null.Keyring(), _UnknownKeyring()], ids=lambda b: type(b).__name__
)
def test_other_backends_are_not_os_stores(backend: keyring.backend.KeyringBackend) -> None:
    keyring.set_keyring(backend)
    store = SecretStore()

    assert not store.is_available
    assert store.create("installation") is None
    assert store.get("installation") is None


def test_test_memory_keyring_is_still_trusted(mem_keyring: MemoryKeyring) -> None:
    store = SecretStore()

    assert store.is_available
    secret = store.create("installation")
    assert secret is not None and store.get("installation") == secret
    assert mem_keyring.entries[(SERVICE, "installation")] == secret.hex()


def test_wizard_and_status_bar_say_password_only_on_plaintext_keyring(
    qtbot: QtBot, plaintext: PlaintextKeyring, plaintext_file: Path, folder: DataFolder
) -> None:
    wizard = FirstRunWizard(folder, TaskRunner())
    qtbot.addWidget(wizard)
    notes = [label.text() for label in wizard.password_page.findChildren(QLabel)]
    assert any("chroniona tylko hasłem" in text for text in notes)
    assert not any("powiązane z tym komputerem" in text for text in notes)

    created = folder.create(PASSWORD, TEST_SETTINGS)
    window = MainWindow(AppContext(folder, Register(created.database), TaskRunner()))
    qtbot.addWidget(window)

    assert window.protection_label.text() == PASSWORD_ONLY_STATUS
    assert "tego komputera" not in window.protection_label.text()
    assert not plaintext_file.exists()
    window.close()
    created.database.close()


def test_status_bar_names_the_computer_key_with_an_os_store(
    qtbot: QtBot, ui_context: AppContext
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)

    assert window.protection_label.text() == OS_SECRET_STATUS


def test_cli_init_on_plaintext_keyring_says_password_only(tmp_path: Path) -> None:
    created = run_cli(
        tmp_path / "dane",
        "init",
        password=PASSWORD,
        keyring_backend="keyrings.alt.file.PlaintextKeyring",
    )

    assert created.returncode == 0, created.stderr
    assert "baza chroniona tylko hasłem" in created.stdout
    assert "najpierw zamknij program NK Desk" in created.stdout
    keys = json.loads((tmp_path / "dane" / "keys.json").read_text("utf-8"))
    assert keys["uses_os_secret"] is False
    assert not list((tmp_path / "xdg-data").rglob("*.cfg")), "nothing written to a plaintext file"
