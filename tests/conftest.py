"""Shared fixtures: offscreen Qt, a private keyring, fast key derivation, a real SQLCipher DB."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "pl_PL.UTF-8")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import pytest

from app.security.crypto import KdfParams
from app.services.vault import DataFolder
from app.settings import Settings
from app.storage.db import Database
from tests.support.keyrings import MemoryKeyring

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from tests.support.registers import RegisterCopies, RegisterTemplates

FAST_KDF = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)
PASSWORD = "Testowe-Zdanie#2026"  # fictional test password
TEST_SETTINGS = Settings(
    gmina_name="Gmina Przykładowo",
    office_name="GOPS w Przykładowie",
    worker_name="Ewa Testowa",
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Viewer copies and other cache files go to the test's temp folder, not the user's."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture(autouse=True)
def mem_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory credential store, never the machine's."""
    from app.security import secret_store
    from tests.support.keyrings import FileKeyring

    # The test stores stand in for the OS credential store, so trust them like one.
    trusted = {secret_store.backend_id(MemoryKeyring), secret_store.backend_id(FileKeyring)}
    monkeypatch.setattr(
        secret_store, "OS_CREDENTIAL_STORES", secret_store.OS_CREDENTIAL_STORES | trusted
    )
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


_IN_TEST_BODY = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Marks the test's own steps, apart from the closing of its windows at teardown."""
    item.stash[_IN_TEST_BODY] = True
    try:
        return (yield)
    finally:
        item.stash[_IN_TEST_BODY] = False


@pytest.fixture(autouse=True)
def unexpected_save_questions(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """A „Zapisać zmiany?” question is never left waiting for an answer: it is answered
    „Nie zapisuj”, and one the test itself did not expect fails it. Windows that
    teardown closes with changes in them are discarded quietly."""
    import ui.unsaved
    from tests.qt_questions import DISCARD, press_button

    unexpected: list[str] = []

    def discard(box: "QMessageBox") -> None:
        if request.node.stash.get(_IN_TEST_BODY, False):
            unexpected.append(box.informativeText())
        press_button(box, DISCARD)

    monkeypatch.setattr(ui.unsaved, "_run_box", discard)
    yield
    assert not unexpected, f"Nieoczekiwane pytanie o zapisanie zmian: {unexpected}"


@pytest.fixture(autouse=True)
def unexpected_yes_no_questions(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """A yes/no question (ui.widgets.confirm) is never left waiting either: one the test
    did not expect gets its safe default and fails the test; at teardown, closing a
    window that asks first (the first-run wizard) is answered „Tak”."""
    from PySide6.QtWidgets import QMessageBox

    unexpected: list[str] = []

    def question(
        _parent: object, _title: str, text: str, _buttons: object, default: object
    ) -> object:
        if request.node.stash.get(_IN_TEST_BODY, False):
            unexpected.append(text)
            return default
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    yield
    assert not unexpected, f"Nieoczekiwane pytanie: {unexpected}"


@pytest.fixture
def no_error_shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """Errors the widgets would show, collected instead of a modal box that would hang the
    test; any at all fails it. ui.operations presents what a query or write raised;
    ui.errors holds show_save_error, through which dialogs report what they do not show
    inline."""
    shown: list[BaseException] = []
    for module in ("ui.operations", "ui.errors", "ui.procedure_window"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, exc: shown.append(exc))
    yield shown
    assert shown == []


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "dane"


@pytest.fixture
def folder(data_dir: Path) -> Iterator[DataFolder]:
    f = DataFolder(data_dir, kdf=FAST_KDF)
    f.acquire()
    yield f
    f.release()


@pytest.fixture(scope="session")
def register_templates(tmp_path_factory: pytest.TempPathFactory) -> "RegisterTemplates":
    """Empty registers created once per session (key derivation, schema, settings)."""
    from tests.support.registers import RegisterTemplates

    return RegisterTemplates(tmp_path_factory)


@pytest.fixture
def register_copies(
    mem_keyring: MemoryKeyring, register_templates: "RegisterTemplates"
) -> "RegisterCopies":
    """New registers for this test: `register_copies.open(folder)` instead of `create`."""
    from tests.support.registers import RegisterCopies

    return RegisterCopies(register_templates, mem_keyring)


@pytest.fixture(scope="session")
def demo_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The password-only demo register, built once: copy it with `copy_register`."""
    from tests.support.registers import build_demo_register

    return build_demo_register(tmp_path_factory.mktemp("demo") / "dane")


@pytest.fixture
def db(folder: DataFolder, register_copies: "RegisterCopies") -> Iterator[Database]:
    """This test's own new register, bound to this test's keyring."""
    database = register_copies.open(folder)
    yield database
    database.close()


@pytest.fixture
def ui_context(qtbot: object, folder: DataFolder, db: Database) -> Iterator[object]:
    """An unlocked session for widget tests; background work runs inline."""
    from app.services.register import Register
    from tests.support.clock import CLOCK
    from ui.context import AppContext
    from ui.tasks import TaskRunner

    TaskRunner.synchronous = True
    yield AppContext(folder, Register(db, CLOCK), TaskRunner())
    TaskRunner.synchronous = False
