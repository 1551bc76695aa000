"""A damaged register is reported as damaged, never taken for a wrong password or started
over, and no command writes a byte to it."""

import hashlib
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from app import cli
from app.errors import CorruptDatabaseError
from app.sample_data import demo
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF
from tests.support.cli import one_polish_error, run_cli
from tests.support.registers import copy_register
from ui.tasks import TaskRunner
from ui.unlock import UnlockDialog

PAGE = 4096
DAMAGED = "uszkodz"


@pytest.fixture(scope="module")
def template(demo_register: Path) -> Path:
    """The session's demo register: tests copy it, never change it."""
    return demo_register


@pytest.fixture(scope="module")
def exchange_file(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("wymiana") / "rejestr.json"
    assert (
        run_cli(template, "export-json", str(target), password=demo.DEMO_PASSWORD).returncode == 0
    )
    return target


def _fingerprint(folder: Path) -> dict[str, str]:
    """Hashes of the register's own files (the lock and viewer files may come and go)."""
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in ("nkdesk.db", "keys.json")
    }


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x5A]))


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(size)


def _zero_whole_file(path: Path) -> None:
    path.write_bytes(bytes(path.stat().st_size))


Damage = Callable[[Path], None]
_rng = random.Random(2026)


def _cases() -> list[object]:
    """Random offsets in the regions that fail differently, drawn once with a fixed seed."""
    cases: list[object] = []
    for i in range(3):
        first = _rng.randrange(16, PAGE)  # past the salt: page 1 holds the schema
        middle = _rng.random()
        last = _rng.randrange(1, PAGE)
        cut = _rng.random()
        cases += [
            pytest.param(lambda p, o=first: _flip(p, o), id=f"first-page-{i}"),
            pytest.param(
                lambda p, f=middle: _flip(p, PAGE + int(f * (p.stat().st_size - 2 * PAGE))),
                id=f"middle-{i}",
            ),
            pytest.param(lambda p, o=last: _flip(p, p.stat().st_size - o), id=f"last-page-{i}"),
            pytest.param(
                lambda p, f=cut: _truncate(p, PAGE + int(f * (p.stat().st_size - PAGE))),
                id=f"truncated-{i}",
            ),
        ]
    cases += [
        pytest.param(lambda p: _truncate(p, 0), id="empty"),
        pytest.param(lambda p: _truncate(p, 3 * PAGE), id="truncated-at-page"),
        pytest.param(_zero_whole_file, id="zeroed"),
    ]
    return cases


def _in_process_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setenv(cli.PASSWORD_ENV, demo.DEMO_PASSWORD)
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("damage", _cases())
def test_every_command_reports_damage_and_writes_nothing(
    damage: Damage,
    template: Path,
    exchange_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = copy_register(template, tmp_path / "dane")
    damage(folder / "nkdesk.db")
    before = _fingerprint(folder)

    code, out, err = _in_process_cli(["--data-dir", str(folder), "check"], monkeypatch, capsys)
    assert code == 1, err
    assert err.startswith("Błąd: Baza danych jest uszkodzona"), err
    assert "hasło" not in err.lower()
    assert "\n - " in out, "check lists at least one finding"

    for args in (["export-json", str(tmp_path / "wy.json")], ["import-json", str(exchange_file)]):
        code, _out, err = _in_process_cli(["--data-dir", str(folder), *args], monkeypatch, capsys)
        assert code == 1, err
        # An import stops at the first thing it finds: damage, or a register that is not empty.
        assert DAMAGED in err or "tylko do pustego rejestru" in err, err
        assert "hasło" not in err.lower() and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "wy.json").exists()

    try:
        database = DataFolder(folder, kdf=FAST_KDF).unlock(demo.DEMO_PASSWORD)
    except CorruptDatabaseError as refused:
        assert DAMAGED in refused.message
    else:  # damage the opening did not touch: the check the window runs after unlock finds it
        try:
            assert database.page_damage()
        finally:
            database.close()
    assert _fingerprint(folder) == before


def test_check_names_the_damaged_page_and_table(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    db_file = folder / "nkdesk.db"
    pages = db_file.stat().st_size // PAGE
    _flip(db_file, (pages // 2) * PAGE + 200)
    before = _fingerprint(folder)

    result = run_cli(folder, "check", password=demo.DEMO_PASSWORD)

    assert "Baza danych jest uszkodzona" in one_polish_error(result)
    assert f"strona {pages // 2 + 1}: suma kontrolna się nie zgadza" in result.stdout
    assert "tabela „" in result.stdout or "struktura bazy" in result.stdout
    assert _fingerprint(folder) == before


def test_damaged_first_page_is_not_called_a_wrong_password(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    _flip(folder / "nkdesk.db", 100)

    exported = run_cli(folder, "export-json", str(tmp_path / "x.json"), password=demo.DEMO_PASSWORD)

    message = one_polish_error(exported)
    assert "jest uszkodzony" in message and "kopii zapasowej" in message
    assert "hasło" not in message.lower()
    wrong = run_cli(folder, "export-json", str(tmp_path / "x.json"), password="Inne-Haslo#2026")
    assert "Nieprawidłowe hasło" in one_polish_error(wrong)


def test_an_empty_database_file_is_refused_not_started_over(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    _truncate(folder / "nkdesk.db", 0)

    checked = run_cli(folder, "check", password=demo.DEMO_PASSWORD)
    exported = run_cli(folder, "export-json", str(tmp_path / "x.json"), password=demo.DEMO_PASSWORD)

    assert "jest pusty (0 bajtów)" in checked.stdout
    assert "uszkodzona" in one_polish_error(checked)
    assert "jest uszkodzony" in one_polish_error(exported)
    assert (folder / "nkdesk.db").stat().st_size == 0


def test_a_database_without_its_schema_is_refused(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    database = DataFolder(folder, kdf=FAST_KDF).unlock(demo.DEMO_PASSWORD)
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    database.close()
    before = _fingerprint(folder)

    checked = run_cli(folder, "check", password=demo.DEMO_PASSWORD)

    assert "brak schematu rejestru" in checked.stdout
    one_polish_error(checked)
    with pytest.raises(CorruptDatabaseError, match=DAMAGED):
        DataFolder(folder, kdf=FAST_KDF).unlock(demo.DEMO_PASSWORD)
    assert _fingerprint(folder) == before


def _unlock_in_window(qtbot: object, folder: Path) -> UnlockDialog:
    TaskRunner.synchronous = True
    try:
        dialog = UnlockDialog(DataFolder(folder, kdf=FAST_KDF), TaskRunner())
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.show()
        dialog.password_edit.setText(demo.DEMO_PASSWORD)
        dialog.ok_button.click()
    finally:
        TaskRunner.synchronous = False
    return dialog


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: _truncate(p, 0), id="empty"),
        pytest.param(lambda p: _flip(p, 100), id="first-page"),
    ],
)
def test_unlock_window_says_the_register_is_damaged(
    qtbot: object, damage: Damage, template: Path, tmp_path: Path
) -> None:
    folder = copy_register(template, tmp_path / "dane")
    damage(folder / "nkdesk.db")
    before = _fingerprint(folder)

    dialog = _unlock_in_window(qtbot, folder)

    shown = dialog.error_label.text()
    assert dialog.register is None and dialog.isVisible()
    assert "jest uszkodzony" in shown and "kopii zapasowej" in shown
    assert "Nieprawidłowe hasło" not in shown
    label = dialog.error_label
    assert label.height() >= label.heightForWidth(label.width()), "the message is cut off"
    assert _fingerprint(folder) == before


@pytest.mark.parametrize("damaged", [True, False])
def test_damage_the_opening_missed_is_reported_after_unlock(
    damaged: bool, qtbot: object, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ui.damage_notice import check_pages_in_background

    folder = copy_register(template, tmp_path / "dane")
    db_file = folder / "nkdesk.db"
    if damaged:
        _flip(db_file, db_file.stat().st_size - 300)
    database = DataFolder(folder, kdf=FAST_KDF).unlock(demo.DEMO_PASSWORD)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText()))
    )
    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    TaskRunner.synchronous = True
    try:
        check_pages_in_background(
            database.page_damage, database.path, TaskRunner(), window, delay_ms=0
        )
    finally:
        TaskRunner.synchronous = False
        database.close()

    if not damaged:
        assert shown == []
        return
    assert len(shown) == 1
    text, details = shown[0]
    assert "jest uszkodzony" in text and "kopii zapasowej" in text
    pages = db_file.stat().st_size // PAGE
    assert f"strona {pages}: suma kontrolna" in details
