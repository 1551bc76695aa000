"""Exports and saved copies never land in the data folder, never replace a file unasked,
and are readable by their owner only."""

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.errors import ValidationError
from app.sample_data import demo
from app.services.attachments import AttachmentService
from app.services.procedures import ProcedureService
from app.storage.db import Database
from tests.support.cli import one_polish_error, run_cli
from tests.support.clock import ctx
from tests.support.registers import copy_register
from ui import exchange_actions


@pytest.fixture(scope="module")
def template(demo_register: Path) -> Path:
    """The session's demo register: tests copy it, never change it."""
    return demo_register


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["keys.json", "nkdesk.db", "kopie-przed-aktualizacja/x.json"])
def test_cli_export_into_the_data_folder_is_refused(
    name: str, template: Path, tmp_path: Path
) -> None:
    folder = copy_register(template, tmp_path / "dane")
    before = {n: _digest(folder / n) for n in ("keys.json", "nkdesk.db")}

    result = run_cli(folder, "export-json", str(folder / name), password=demo.DEMO_PASSWORD)

    assert "w folderze danych programu" in one_polish_error(result)
    assert {n: _digest(folder / n) for n in before} == before
    reopened = run_cli(folder, "check", password=demo.DEMO_PASSWORD)
    assert reopened.returncode == 0, reopened.stderr


def test_cli_export_through_a_link_into_the_data_folder_is_refused(
    template: Path, tmp_path: Path
) -> None:
    folder = copy_register(template, tmp_path / "dane")
    link = tmp_path / "eksport.json"
    link.symlink_to(folder / "keys.json")
    before = _digest(folder / "keys.json")

    result = run_cli(folder, "export-json", str(link), "--force", password=demo.DEMO_PASSWORD)

    assert "w folderze danych programu" in one_polish_error(result)
    assert _digest(folder / "keys.json") == before


def test_cli_export_never_replaces_a_file_without_force(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    target = tmp_path / "eksport.json"
    target.write_text("ważny dokument", "utf-8")

    refused = run_cli(folder, "export-json", str(target), password=demo.DEMO_PASSWORD)
    assert "już istnieje" in one_polish_error(refused) and "--force" in refused.stderr
    assert target.read_text("utf-8") == "ważny dokument"

    forced = run_cli(folder, "export-json", str(target), "--force", password=demo.DEMO_PASSWORD)
    assert forced.returncode == 0, forced.stderr
    assert '"nkdesk-exchange"' in target.read_text("utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_gui_export_into_the_data_folder_is_refused(
    ui_context: object, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.context import AppContext

    assert isinstance(ui_context, AppContext)
    data_dir = ui_context.register.path.parent
    keys = data_dir / "keys.json"
    before = _digest(keys)
    warnings: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, *_rest: object) -> object:
        warnings.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", answer_yes)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(keys), exchange_actions.JSON_FILTER)
    )
    exchange_actions.export_register(ui_context, None)  # type: ignore[arg-type]

    assert "NIE jest zaszyfrowany" in warnings[0]
    assert "w folderze danych programu" in warnings[-1]
    assert _digest(keys) == before


def test_saved_attachment_copy_is_owner_only_and_not_in_the_data_folder(
    db: Database, tmp_path: Path
) -> None:
    procedure_id = ProcedureService(ctx(db)).create(dt.date(2025, 3, 3)).record_id
    attachments = AttachmentService(ctx(db))
    attachment_id = attachments.add(procedure_id, "skan.pdf", b"%PDF-1.4 fikcyjny skan").record_id
    target = tmp_path / "kopia.pdf"

    attachments.save_as(attachment_id, target)

    assert target.read_bytes() == b"%PDF-1.4 fikcyjny skan"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(ValidationError, match="już istnieje"):
        attachments.save_as(attachment_id, target)
    with pytest.raises(ValidationError, match="w folderze danych programu"):
        attachments.save_as(attachment_id, db.path.parent / "keys.json", overwrite=True)
