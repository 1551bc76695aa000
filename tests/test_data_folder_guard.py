"""Only a folder that holds a register, or an empty or new one, is ever used as the data
folder: a foreign folder is left exactly as it was."""

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.errors import ValidationError
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.search_text import MAX_QUERY_CHARS
from app.storage.db import Database
from tests.conftest import PASSWORD
from tests.support.cli import one_polish_error, run_cli
from tests.support.clock import ctx


def _state(folder: Path) -> tuple[list[str], int]:
    return sorted(p.name for p in folder.iterdir()), stat.S_IMODE(folder.stat().st_mode)


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    folder = tmp_path / "Dokumenty"
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "sprawozdanie.docx").write_bytes(b"fikcyjny dokument")
    return folder


@pytest.mark.parametrize("command", ["check", "export-json", "init"])
def test_cli_refuses_a_foreign_folder_and_changes_nothing(
    command: str, foreign: Path, tmp_path: Path
) -> None:
    before = _state(foreign)
    args = [command] + ([str(tmp_path / "x.json")] if command == "export-json" else [])

    result = run_cli(foreign, *args, password=PASSWORD)

    assert "nie jest folderem danych NK Desk" in one_polish_error(result)
    assert _state(foreign) == before


def test_cli_check_of_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "brak", "check", password=PASSWORD)

    assert "nie ma bazy danych NK Desk" in one_polish_error(result)
    assert not (tmp_path / "brak").exists()


def test_program_refuses_a_foreign_folder(
    qtbot: object, foreign: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import main as program

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    before = _state(foreign)

    assert program.main(["--data-dir", str(foreign)]) == 1

    assert shown and "nie jest folderem danych NK Desk" in shown[0]
    assert _state(foreign) == before


def test_an_empty_folder_is_taken(tmp_path: Path) -> None:
    folder = tmp_path / "pusty"
    folder.mkdir()

    result = run_cli(folder, "init", password=PASSWORD)

    assert result.returncode == 0, result.stderr
    assert (folder / "nkdesk.db").exists()
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_search_longer_than_any_name_is_refused_in_polish(db: Database) -> None:
    with pytest.raises(ValidationError, match="za długi"):
        ProcedureService(ctx(db)).list(ProcedureQuery(text="k" * 100_000))
    with pytest.raises(ValidationError, match="najwyżej 10 słów"):
        ProcedureService(ctx(db)).list(ProcedureQuery(text=" ".join(["ab"] * 30)))
    assert ProcedureService(ctx(db)).list(ProcedureQuery(text="k" * MAX_QUERY_CHARS)) == []


def test_search_boxes_hold_no_more_than_the_service_accepts(
    ui_context: object, qtbot: object
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(ui_context)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.procedures_view.search_edit.setText("k" * 100_000)

    assert len(window.procedures_view.search_edit.text()) == MAX_QUERY_CHARS
