"""Files attached where the work happens: to an NK-A, to an edited chronology entry.

Real encrypted registers; background work runs inline. What the user notices: the file
is stored with the form or entry (or nothing is), the „Załączniki” tab names what it
belongs to, its description can be changed, an export keeps the link, an older register
keeps its files through the upgrade, and a file no program can open says so only.
"""

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from app.domain.enums import ChronologyKind, InitiatorService
from app.domain.file_names import MAX_DESCRIPTION_CHARS
from app.errors import ImportFormatError
from app.services.attachments import AttachmentService
from app.services.changes import Changes
from app.services.exchange import export_register, import_register
from app.services.nka import NkaService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import NkaData
from app.services.viewer_copies import view_dir
from app.services.views import ProcedureDetail
from app.storage import migrate
from app.storage.db import Database
from tests.qt_questions import CANCEL, answer_save_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY, ctx
from tests.support.nka_people import nka_people
from ui.attachments_tab import AttachmentsTab
from ui.chronology_dialog import ChronologyDialog
from ui.context import AppContext
from ui.description_dialog import DescriptionDialog
from ui.nka_dialog import NkaDialog

SCAN = b"%PDF-1.4 fikcyjny skan formularza NK-A " + bytes(range(256)) * 4
FILLED_ON = TODAY - dt.timedelta(days=2)


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    """A procedure with a victim and a perpetrator for its NK-A to name."""
    changes = ui_context.register.procedures.create(TODAY - dt.timedelta(days=10))
    assert changes.record_id is not None
    nka_people(ui_context.register.context, changes.record_id)
    return changes.record_id


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "NK-A skan.pdf"
    path.write_bytes(SCAN)
    return path


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the warning boxes shown, instead of the modal boxes."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    return shown


def _detail(context: AppContext, procedure_id: int) -> ProcedureDetail:
    return context.register.procedures.detail(procedure_id)


def _tab(qtbot: QtBot, context: AppContext, procedure_id: int) -> AttachmentsTab:
    """The „Załączniki” tab, reloaded after every change as the procedure window does."""
    tab = AttachmentsTab(context)
    qtbot.addWidget(tab)

    def reload(_changes: Changes) -> None:
        tab.set_procedure(_detail(context, procedure_id))

    context.changed.connect(reload)
    reload(Changes.of())
    return tab


def _new_nka_dialog(qtbot: QtBot, context: AppContext, procedure_id: int) -> NkaDialog:
    dialog = NkaDialog(context, _detail(context, procedure_id))
    qtbot.addWidget(dialog)
    dialog.filled_on_edit.set_value(FILLED_ON)
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.POLICE))
    return dialog


def _describe_new_file(dialog: NkaDialog | ChronologyDialog, row: int, text: str) -> None:
    """Type a description into the row's „Opis” cell, as a double click lets the user."""
    dialog.files_box.table.item(row, 2).setText(text)


def test_new_nka_with_a_scan_stores_it_linked_and_the_tab_names_the_form(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, scan: Path
) -> None:
    dialog = _new_nka_dialog(qtbot, ui_context, procedure_id)
    dialog.files_box.add_files([scan])
    _describe_new_file(dialog, 0, "  skan formularza z Policji  ")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    procedure = _detail(ui_context, procedure_id)
    [record] = procedure.nka_records
    [attachment] = procedure.attachments
    assert attachment.nka_record_id == record.id
    assert attachment.link == f"NK-A nr 1 z {FILLED_ON:%d.%m.%Y}"
    assert attachment.description == "skan formularza z Policji"
    assert ui_context.register.attachments.read(attachment.id)[1] == SCAN
    tab = _tab(qtbot, ui_context, procedure_id)
    assert tab.model.headerData(4, Qt.Orientation.Horizontal) == "Dotyczy"
    assert tab.model.index(0, 4).data() == f"NK-A nr 1 z {FILLED_ON:%d.%m.%Y}"
    assert tab.model.index(0, 1).data() == "skan formularza z Policji"


def test_unreadable_file_stops_the_nka_save_and_nothing_is_written(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, scan: Path, tmp_path: Path
) -> None:
    before = _detail(ui_context, procedure_id)
    dialog = _new_nka_dialog(qtbot, ui_context, procedure_id)
    dialog.show()
    dialog.files_box.add_files([scan, tmp_path / "zniknął.pdf"])

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "Nie można odczytać pliku „zniknął.pdf”" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.files_box.files == [scan, tmp_path / "zniknął.pdf"]
    after = _detail(ui_context, procedure_id)
    assert after.nka_records == () and after.attachments == ()
    assert after.chronology == before.chronology


def test_file_refused_by_the_register_stops_the_nka_save(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, scan: Path, tmp_path: Path
) -> None:
    """A name Windows cannot hold is refused like an unreadable file: all or nothing."""
    refused = tmp_path / "skan."
    refused.write_bytes(b"skan")
    dialog = _new_nka_dialog(qtbot, ui_context, procedure_id)
    dialog.files_box.add_files([scan, refused])

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.error_label.text().startswith("Pliku „skan.” nie można dołączyć:")
    after = _detail(ui_context, procedure_id)
    assert after.nka_records == () and after.attachments == ()


def test_editing_an_nka_lists_its_files_and_adds_new_ones(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, scan: Path, tmp_path: Path
) -> None:
    register = ui_context.register
    people = nka_people(register.context, procedure_id)
    record_id = register.nka.save(
        procedure_id, NkaData(FILLED_ON, InitiatorService.POLICE, person_ids=people)
    ).record_id
    register.attachments.add(procedure_id, "pierwsza strona.pdf", b"1", nka_record_id=record_id)
    register.attachments.add(procedure_id, "inny.pdf", b"2")
    [record] = _detail(ui_context, procedure_id).nka_records
    dialog = NkaDialog(ui_context, _detail(ui_context, procedure_id), record)
    qtbot.addWidget(dialog)

    table = dialog.files_box.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["pierwsza strona.pdf"]
    table.selectRow(0)
    assert not dialog.files_box.remove_file_button.isEnabled(), "stored files stay"
    dialog.files_box.add_files([scan])
    _describe_new_file(dialog, 1, "druga strona")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    linked = [a for a in _detail(ui_context, procedure_id).attachments if a.nka_record_id]
    assert {(a.file_name, a.description) for a in linked} == {
        ("pierwsza strona.pdf", ""),
        (scan.name, "druga strona"),
    }
    assert {a.nka_record_id for a in linked} == {record_id}


def test_closing_an_nka_form_with_an_added_file_asks_first(
    ui_context: AppContext,
    qtbot: QtBot,
    procedure_id: int,
    scan: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = NkaDialog(ui_context, _detail(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    dialog.files_box.add_files([scan])
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    questions = answer_save_questions(monkeypatch, CANCEL)

    dialog.reject()

    assert questions.asked == [
        f"Zapisać zmiany? {dialog.windowTitle()}: wpisane dane nie zostały jeszcze zapisane."
    ]
    assert finished == [], "„Anuluj” keeps the form with its file"
    assert dialog.files_box.files == [scan]


def test_editing_a_chronology_entry_adds_a_file_linked_to_it(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, scan: Path
) -> None:
    register = ui_context.register
    entry_id = register.chronology.add(
        procedure_id, TODAY, ChronologyKind.VISIT, "Wizyta domowa"
    ).record_id
    register.attachments.add(procedure_id, "notatka.txt", b"n", chronology_entry_id=entry_id)
    procedure = _detail(ui_context, procedure_id)
    [entry] = [e for e in procedure.chronology if e.id == entry_id]
    linked = [a for a in procedure.attachments if a.chronology_entry_id == entry_id]
    dialog = ChronologyDialog(ui_context, procedure_id, entry, linked=linked)
    qtbot.addWidget(dialog)
    assert dialog.files_box.table.item(0, 0).text() == "notatka.txt"

    dialog.title_edit.setText("Wizyta domowa — ustalenia")
    dialog.files_box.add_files([scan])
    _describe_new_file(dialog, 1, "oświadczenie")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    procedure = _detail(ui_context, procedure_id)
    files = {a.file_name: a for a in procedure.attachments}
    assert files[scan.name].chronology_entry_id == entry_id
    assert files[scan.name].description == "oświadczenie"
    assert files[scan.name].link == "Wizyta domowa — ustalenia"
    assert [e.title for e in procedure.chronology if e.id == entry_id] == [
        "Wizyta domowa — ustalenia"
    ]
    assert "Dodano załącznik: NK-A skan.pdf" in {e.title for e in procedure.chronology}


def test_editing_an_entry_with_an_unreadable_file_changes_nothing(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, tmp_path: Path
) -> None:
    register = ui_context.register
    entry_id = register.chronology.add(procedure_id, TODAY, ChronologyKind.NOTE, "Notatka")
    procedure = _detail(ui_context, procedure_id)
    [entry] = [e for e in procedure.chronology if e.id == entry_id.record_id]
    dialog = ChronologyDialog(ui_context, procedure_id, entry)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Notatka zmieniona")
    dialog.files_box.add_files([tmp_path / "brak.pdf"])

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "Nie można odczytać pliku „brak.pdf”" in dialog.error_label.text()
    assert _detail(ui_context, procedure_id) == procedure


def _stored_scan(context: AppContext, procedure_id: int) -> int:
    changes = context.register.attachments.add(procedure_id, "skan.pdf", SCAN, "stary opis")
    assert changes.record_id is not None
    return changes.record_id


def _in_description_dialog(act: Callable[[DescriptionDialog], None]) -> None:
    """Run `act` in the description dialog once its exec() has started; close it after."""

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, DescriptionDialog) and widget.isVisible():
                try:
                    act(widget)
                finally:
                    if widget.isVisible():
                        widget.done(0)
                return
        QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def test_description_is_changed_from_the_tab(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    attachment_id = _stored_scan(ui_context, procedure_id)
    tab = _tab(qtbot, ui_context, procedure_id)
    tab.table.selectRow(0)
    offered: list[str] = []

    def describe(dialog: DescriptionDialog) -> None:
        offered.append(dialog.description_edit.text())
        dialog.description_edit.selectAll()
        type_text(dialog.description_edit, "  skan wezwania na rozmowę  ")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _in_description_dialog(describe)
    qtbot.mouseClick(tab.describe_button, Qt.MouseButton.LeftButton)

    assert offered == ["stary opis"]
    view, _ = ui_context.register.attachments.read(attachment_id)
    assert view.description == "skan wezwania na rozmowę"
    assert tab.model.index(0, 1).data() == "skan wezwania na rozmowę"
    assert "Zmieniono opis pliku „skan.pdf”" in tab.status_label.text()


def test_too_long_description_shows_the_message_and_changes_nothing(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    attachment_id = _stored_scan(ui_context, procedure_id)
    tab = _tab(qtbot, ui_context, procedure_id)
    tab.table.selectRow(0)
    too_long = "ż" * (MAX_DESCRIPTION_CHARS + 1)
    seen: dict[str, object] = {}

    def describe_too_much(dialog: DescriptionDialog) -> None:
        dialog.description_edit.setText(too_long)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["message"] = dialog.error_label.text()
        seen["kept"] = dialog.description_edit.text() == too_long
        questions = answer_save_questions(monkeypatch, CANCEL)
        qtbot.keyClick(dialog.description_edit, Qt.Key.Key_Escape)
        seen["asked"] = len(questions.asked)
        seen["still open"] = dialog.isVisible()

    _in_description_dialog(describe_too_much)
    qtbot.mouseClick(tab.describe_button, Qt.MouseButton.LeftButton)

    assert seen == {
        "message": f"Opis pliku może mieć najwyżej {MAX_DESCRIPTION_CHARS} znaków "
        f"(wpisano {MAX_DESCRIPTION_CHARS + 1}).",
        "kept": True,
        "asked": 1,
        "still open": True,
    }
    view, _ = ui_context.register.attachments.read(attachment_id)
    assert view.description == "stary opis"


def test_export_and_import_keep_the_nka_link(db: Database, tmp_path: Path) -> None:
    context = ctx(db)
    procedure_id = ProcedureService(context).create(TODAY - dt.timedelta(days=5)).record_id
    assert procedure_id is not None
    record_id = (
        NkaService(context)
        .save(
            procedure_id,
            NkaData(
                FILLED_ON, InitiatorService.POLICE, person_ids=nka_people(context, procedure_id)
            ),
        )
        .record_id
    )
    AttachmentService(context).add(procedure_id, "skan.pdf", SCAN, nka_record_id=record_id)
    document = export_register(context)
    [exported] = document["procedures"][0]["attachments"]
    assert exported["nka_record_id"] == record_id

    target = _empty_register(tmp_path)
    try:
        import_register(ctx(target), document)
        [procedure] = [
            ProcedureService(ctx(target)).detail(row.id)
            for row in ProcedureService(ctx(target)).list(ProcedureQuery())
        ]
        [attachment] = procedure.attachments
        assert attachment.nka_record_id == procedure.nka_records[0].id
        assert attachment.link == f"NK-A nr 1 z {FILLED_ON:%d.%m.%Y}"
    finally:
        target.close()


def test_import_refuses_a_link_to_an_nka_of_another_procedure(db: Database, tmp_path: Path) -> None:
    context = ctx(db)
    procedure_id = ProcedureService(context).create(TODAY - dt.timedelta(days=5)).record_id
    assert procedure_id is not None
    AttachmentService(context).add(procedure_id, "skan.pdf", SCAN)
    document = export_register(context)
    document["procedures"][0]["attachments"][0]["nka_record_id"] = 999

    target = _empty_register(tmp_path)
    try:
        with pytest.raises(ImportFormatError, match="nie ma formularza NK-A o id 999"):
            import_register(ctx(target), document)
    finally:
        target.close()


def _empty_register(tmp_path: Path) -> Database:
    """A new register at the newest schema: enough to import into."""
    database = Database(tmp_path / "cel.db", os.urandom(32))
    migrate.upgrade(database.engine)
    return database


def test_deleting_an_nka_keeps_its_files(ui_context: AppContext, procedure_id: int) -> None:
    register = ui_context.register
    people = nka_people(register.context, procedure_id)
    record_id = register.nka.save(
        procedure_id, NkaData(FILLED_ON, InitiatorService.POLICE, person_ids=people)
    ).record_id
    assert record_id is not None
    register.attachments.add(procedure_id, "skan.pdf", SCAN, nka_record_id=record_id)

    register.nka.delete(procedure_id, record_id)

    [attachment] = _detail(ui_context, procedure_id).attachments
    assert (attachment.nka_record_id, attachment.link) == (None, "")


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def test_upgrade_from_0003_keeps_every_file(tmp_path: Path) -> None:
    """A register written before files could belong to an NK-A keeps all its files."""
    database = Database(tmp_path / "stary.db", os.urandom(32))
    try:
        with database.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0003")
            conn.exec_driver_sql(
                "INSERT INTO procedure (id, number, year, seq, started_on, status, "
                "closure_justification, notes, search_text, created_at, updated_at) "
                "VALUES (1, '1/2026', 2026, 1, '2026-11-01', 'open', '', '', '', "
                "'2026-11-01 10:00:00', '2026-11-01 10:00:00')"
            )
            conn.exec_driver_sql(
                "INSERT INTO chronology_entry (id, procedure_id, occurred_on, kind, title, "
                "body, author, created_at) VALUES (1, 1, '2026-11-02', 'visit', "
                "'Wizyta', '', '', '2026-11-02 10:00:00')"
            )
            for attachment_id, entry_id in ((1, 1), (2, None)):
                conn.exec_driver_sql(
                    "INSERT INTO attachment (id, procedure_id, chronology_entry_id, "
                    "file_name, media_type, size, sha256, description, created_at) "
                    "VALUES (?, 1, ?, ?, 'application/pdf', ?, '', 'opis', "
                    "'2026-11-02 10:00:00')",
                    (attachment_id, entry_id, f"plik{attachment_id}.pdf", len(SCAN)),
                )
                conn.exec_driver_sql(
                    "INSERT INTO attachment_content (attachment_id, data) VALUES (?, ?)",
                    (attachment_id, SCAN + bytes([attachment_id])),
                )

        migrate.upgrade(database.engine)

        assert migrate.current_revision(database.engine) == migrate.head_revision()
        assert database.integrity_problems() == []
        procedure = ProcedureService(ctx(database)).detail(1)
        links = {
            a.file_name: (a.chronology_entry_id, a.nka_record_id, a.link)
            for a in procedure.attachments
        }
        assert links == {"plik1.pdf": (1, None, "Wizyta"), "plik2.pdf": (None, None, "")}
        service = AttachmentService(ctx(database))
        assert [service.read(i)[1] for i in (1, 2)] == [SCAN + b"\x01", SCAN + b"\x02"]
    finally:
        database.close()


def test_file_no_program_can_open_says_only_that_and_leaves_no_copy(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, warnings: list[str]
) -> None:
    ui_context.register.attachments.add(procedure_id, "wywiad.xyz", b"dane")
    tab = _tab(qtbot, ui_context, procedure_id)
    tab.table.selectRow(0)
    tried: list[Path] = []

    def no_program(path: Path) -> bool:
        tried.append(path)
        return False

    tab.open_file = no_program
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)

    assert warnings == [
        "Nie ma programu do otwarcia plików .xyz. Zapisz plik na dysku („Zapisz jako…”) "
        "i otwórz go innym programem."
    ]
    assert "Otwarto" not in tab.status_label.text()
    [copy] = tried
    assert not copy.exists() and not copy.parent.exists()
    assert view_dir().exists(), "only the unused copy is removed"
