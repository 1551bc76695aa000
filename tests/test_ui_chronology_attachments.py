"""Chronology and attachments tabs against a real encrypted database (tasks run inline)."""

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.domain.enums import ChronologyKind
from app.services.attachments import AttachmentService
from app.services.changes import Changes
from app.services.viewer_copies import purge_view_copies
from app.services.views import ChronologyView, ProcedureDetail
from app.storage.models import Attachment, AttachmentContent
from tests.qt_questions import answer_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.attachments_tab import AttachmentsTab, format_size
from ui.chronology_dialog import ChronologyDialog
from ui.chronology_tab import ChronologyTab
from ui.context import AppContext

FILE_BYTES = b"%PDF-1.4 fikcyjna notatka " + bytes(range(256)) * 6
TITLE = "Wizyta u Państwa Żółkiewskich"
BODY = "Rozmowa z panią Łucją; ustalono kolejną wizytę za dwa tygodnie."


@pytest.fixture(autouse=True)
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Viewer copies go to this test's own temporary folder, not the machine's."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    changes = ui_context.register.procedures.create(TODAY - dt.timedelta(days=3))
    assert changes.record_id is not None
    return changes.record_id


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "notatka służbowa.pdf"
    path.write_bytes(FILE_BYTES)
    return path


def _detail(ui_context: AppContext, procedure_id: int) -> ProcedureDetail:
    """The procedure as its window gets it."""
    return ui_context.register.procedures.detail(procedure_id)


def _follow(ui_context: AppContext, procedure_id: int, tab: ChronologyTab | AttachmentsTab) -> None:
    """Reload the tab after every change, as the procedure window does."""

    def reload(_changes: Changes) -> None:
        tab.set_procedure(_detail(ui_context, procedure_id))

    ui_context.changed.connect(reload)
    reload(Changes.of())


def _entries(ui_context: AppContext, procedure_id: int) -> list[ChronologyView]:
    return list(_detail(ui_context, procedure_id).chronology)


def _attachment_count(ui_context: AppContext, procedure_id: int) -> int:
    return len(_detail(ui_context, procedure_id).attachments)


def _opened_into(opened: list[Path]) -> Callable[[Path], bool]:
    """A system viewer that has a program for every file and notes what it opened."""

    def open_file(path: Path) -> bool:
        opened.append(path)
        return True

    return open_file


def _select(tab: ChronologyTab | AttachmentsTab, predicate: Any) -> None:
    for index, row in enumerate(tab.model.rows()):
        if predicate(row):
            tab.table.selectRow(index)
            return
    raise AssertionError("no such row")


def test_format_size_is_polish() -> None:
    assert format_size(512) == "512 B"
    assert format_size(12_595) == "12,3 kB"
    assert format_size(1_258_291) == "1,2 MB"
    assert format_size(1024 * 1024 - 1) == "1,0 MB"


def test_new_entry_with_file_is_saved_linked_and_shown(
    qtbot: Any,
    ui_context: AppContext,
    procedure_id: int,
    sample_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = ChronologyTab(ui_context)
    qtbot.addWidget(tab)
    _follow(ui_context, procedure_id, tab)

    def fill_and_save(dialog: ChronologyDialog) -> int:
        assert dialog.date_edit.value() == TODAY
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ChronologyKind.VISIT))
        type_text(dialog.title_edit, TITLE)
        type_text(dialog.body_edit, BODY)
        dialog.files_box.add_files([sample_file])
        dialog.files_box.add_files([sample_file])
        assert dialog.files_box.files == [sample_file]
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ChronologyDialog, "exec", fill_and_save)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)

    entry = next(e for e in _entries(ui_context, procedure_id) if e.title == TITLE)
    assert (entry.kind, entry.body, entry.author) == (ChronologyKind.VISIT, BODY, "Ewa Testowa")
    with ui_context.register.context.read() as session:
        attachment = session.scalars(select(Attachment)).one()
        data = session.scalar(select(AttachmentContent.data))
    assert attachment.chronology_entry_id == entry.id
    assert attachment.file_name == sample_file.name
    assert data == FILE_BYTES

    row = tab.selected_row()
    assert row is not None and row.entry.id == entry.id
    titles = [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())]
    position = titles.index(TITLE)
    assert tab.model.index(position, 1).data() == "wizyta"
    assert tab.model.index(position, 4).data() == "1"
    assert tab.preview.toPlainText() == BODY
    assert tab.preview.isReadOnly()
    assert tab.edit_button.isEnabled()


def test_system_entries_cannot_be_edited(
    qtbot: Any, ui_context: AppContext, procedure_id: int
) -> None:
    tab = ChronologyTab(ui_context)
    qtbot.addWidget(tab)
    _follow(ui_context, procedure_id, tab)
    ui_context.register.chronology.add(procedure_id, TODAY, ChronologyKind.NOTE, "Notatka")
    tab.set_procedure(_detail(ui_context, procedure_id))

    _select(tab, lambda row: row.entry.kind == ChronologyKind.SYSTEM)
    assert not tab.edit_button.isEnabled()
    assert "nie można zmieniać" in tab.edit_button.toolTip()
    _select(tab, lambda row: row.entry.kind == ChronologyKind.NOTE)
    assert tab.edit_button.isEnabled()


def test_kind_filter_includes_register_events(
    qtbot: Any, ui_context: AppContext, procedure_id: int
) -> None:
    tab = ChronologyTab(ui_context)
    qtbot.addWidget(tab)
    ui_context.register.chronology.add(procedure_id, TODAY, ChronologyKind.NOTE, "Notatka")
    _follow(ui_context, procedure_id, tab)
    assert tab.model.rowCount() == 2

    tab.kind_combo.setCurrentIndex(tab.kind_combo.findText("zdarzenie w rejestrze"))
    assert [row.entry.kind for row in tab.model.rows()] == [ChronologyKind.SYSTEM]
    assert tab.count_label.text() == "Wpisy: 1 z 2"
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findText("Bez zdarzeń w rejestrze"))
    assert [row.entry.kind for row in tab.model.rows()] == [ChronologyKind.NOTE]


def test_edit_dialog_updates_entry(qtbot: Any, ui_context: AppContext, procedure_id: int) -> None:
    ui_context.register.chronology.add(procedure_id, TODAY, ChronologyKind.NOTE, "Notatka")
    entry = next(e for e in _entries(ui_context, procedure_id) if e.title == "Notatka")
    dialog = ChronologyDialog(ui_context, procedure_id, entry)
    qtbot.addWidget(dialog)
    assert not dialog.files_box.isHidden()
    assert dialog.kind_combo.findData(ChronologyKind.SYSTEM) == -1
    dialog.title_edit.clear()
    type_text(dialog.title_edit, "Notatka poprawiona — świadek")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    titles = {e.title for e in _entries(ui_context, procedure_id)}
    assert "Notatka poprawiona — świadek" in titles
    assert "Notatka" not in titles


def test_missing_title_shows_error_and_writes_nothing(
    qtbot: Any, ui_context: AppContext, procedure_id: int, sample_file: Path
) -> None:
    before = len(_entries(ui_context, procedure_id))
    dialog = ChronologyDialog(ui_context, procedure_id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.body_edit, BODY)
    dialog.files_box.add_files([sample_file])

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Podaj tytuł wpisu."
    assert dialog.body_edit.toPlainText() == BODY
    assert dialog.files_box.files == [sample_file]
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert len(_entries(ui_context, procedure_id)) == before
    assert _attachment_count(ui_context, procedure_id) == 0


def test_unreadable_file_stops_save_before_writing(
    qtbot: Any, ui_context: AppContext, procedure_id: int, tmp_path: Path
) -> None:
    before = len(_entries(ui_context, procedure_id))
    dialog = ChronologyDialog(ui_context, procedure_id)
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, TITLE)
    dialog.files_box.add_files([tmp_path / "zniknął.pdf"])

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "Nie można odczytać pliku „zniknął.pdf”" in dialog.error_label.text()
    assert len(_entries(ui_context, procedure_id)) == before


def test_file_that_cannot_be_attached_stops_the_whole_entry(
    qtbot: Any, ui_context: AppContext, procedure_id: int, sample_file: Path, tmp_path: Path
) -> None:
    """An entry is never stored without the files it was saved with."""
    refused = tmp_path / "skan."
    refused.write_bytes(b"skan")
    before = len(_entries(ui_context, procedure_id))
    dialog = ChronologyDialog(ui_context, procedure_id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.title_edit, TITLE)
    dialog.files_box.add_files([sample_file, refused])

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.error_label.text().startswith("Pliku „skan.” nie można dołączyć:")
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.focusWidget() is dialog.files_box.table
    assert dialog.files_box.files == [sample_file, refused]
    assert len(_entries(ui_context, procedure_id)) == before
    assert _attachment_count(ui_context, procedure_id) == 0


def test_dialog_file_buttons(
    qtbot: Any,
    ui_context: AppContext,
    procedure_id: int,
    sample_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = ChronologyDialog(ui_context, procedure_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_args, **_kw: ([str(sample_file)], "")
    )
    qtbot.mouseClick(dialog.files_box.add_files_button, Qt.MouseButton.LeftButton)
    assert dialog.files_box.files == [sample_file]

    dialog.files_box.table.selectRow(0)
    qtbot.mouseClick(dialog.files_box.remove_file_button, Qt.MouseButton.LeftButton)
    assert dialog.files_box.files == []
    assert dialog.files_box.table.rowCount() == 0


@pytest.fixture
def attachments_tab(
    qtbot: Any, ui_context: AppContext, procedure_id: int, sample_file: Path
) -> AttachmentsTab:
    tab = AttachmentsTab(ui_context)
    qtbot.addWidget(tab)
    _follow(ui_context, procedure_id, tab)
    tab.add_files([sample_file])
    tab.table.selectRow(0)
    return tab


def test_add_files_shows_name_and_polish_size(
    attachments_tab: AttachmentsTab, sample_file: Path
) -> None:
    model = attachments_tab.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == sample_file.name
    assert model.index(0, 2).data() == "1,5 kB"
    assert model.index(0, 4).data() == "—"


def test_add_button_uses_file_dialog(
    qtbot: Any,
    attachments_tab: AttachmentsTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    second = tmp_path / "pismo.txt"
    second.write_bytes(b"tresc")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_kw: ([str(second)], ""))
    qtbot.mouseClick(attachments_tab.add_files_button, Qt.MouseButton.LeftButton)
    names = {row.file_name for row in attachments_tab.model.rows()}
    assert names == {"notatka służbowa.pdf", "pismo.txt"}


def test_unreadable_file_is_reported_and_others_are_added(
    attachments_tab: AttachmentsTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    good = tmp_path / "dobry.txt"
    good.write_bytes(b"ok")
    attachments_tab.add_files([tmp_path / "brak.pdf", good])
    assert attachments_tab.model.rowCount() == 2
    assert len(warnings) == 1 and "brak.pdf" in warnings[0]


def test_open_uses_temporary_copy_outside_data_folder(
    qtbot: Any, ui_context: AppContext, attachments_tab: AttachmentsTab
) -> None:
    opened: list[Path] = []
    attachments_tab.open_file = _opened_into(opened)
    qtbot.mouseClick(attachments_tab.open_button, Qt.MouseButton.LeftButton)

    assert len(opened) == 1
    assert opened[0].read_bytes() == FILE_BYTES
    assert not opened[0].resolve().is_relative_to(ui_context.folder.path.resolve())
    assert "usunięta" in attachments_tab.status_label.text()
    assert "usuwana" in attachments_tab.open_button.toolTip()


def test_copy_removed_by_a_lock_meanwhile_is_not_opened(
    qtbot: Any, attachments_tab: AttachmentsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The program locked while the copy was made: the lock removed it, nothing opens."""
    make_copy = AttachmentService.view_copy

    def copy_then_lock(service: AttachmentService, attachment_id: int) -> Path:
        path = make_copy(service, attachment_id)
        purge_view_copies()
        return path

    monkeypatch.setattr(AttachmentService, "view_copy", copy_then_lock)
    opened: list[Path] = []
    attachments_tab.open_file = _opened_into(opened)
    qtbot.mouseClick(attachments_tab.open_button, Qt.MouseButton.LeftButton)

    assert opened == []
    assert "usunięta przy blokadzie" in attachments_tab.status_label.text()


def test_delete_asks_first(
    qtbot: Any,
    ui_context: AppContext,
    procedure_id: int,
    attachments_tab: AttachmentsTab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(attachments_tab.delete_button, Qt.MouseButton.LeftButton)
    assert "notatka służbowa.pdf" in questions.asked[0].text
    assert questions.asked[0].default == QMessageBox.StandardButton.No
    assert _attachment_count(ui_context, procedure_id) == 1

    questions.answer = QMessageBox.StandardButton.Yes
    attachments_tab.table.selectRow(0)
    qtbot.mouseClick(attachments_tab.delete_button, Qt.MouseButton.LeftButton)
    assert _attachment_count(ui_context, procedure_id) == 0
    assert attachments_tab.model.rowCount() == 0
    titles = [e.title for e in _entries(ui_context, procedure_id)]
    assert "Usunięto załącznik: notatka służbowa.pdf" in titles


def test_save_as_warns_about_missing_encryption(
    qtbot: Any,
    attachments_tab: AttachmentsTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "eksport" / "kopia.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_kw: (str(target), ""))
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(attachments_tab.save_as_button, Qt.MouseButton.LeftButton)
    assert "NIE będzie zaszyfrowana" in questions.asked[0].text
    assert questions.asked[0].default == QMessageBox.StandardButton.No
    assert not target.exists()

    questions.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(attachments_tab.save_as_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == FILE_BYTES


def test_attachment_linked_to_entry_shows_its_title(
    qtbot: Any, ui_context: AppContext, procedure_id: int
) -> None:
    changes = ui_context.register.chronology.add(
        procedure_id, TODAY, ChronologyKind.LETTER_SENT, "Pismo do szkoły"
    )
    ui_context.register.attachments.add(
        procedure_id, "pismo.pdf", b"x", chronology_entry_id=changes.record_id
    )
    tab = AttachmentsTab(ui_context)
    qtbot.addWidget(tab)
    _follow(ui_context, procedure_id, tab)
    assert tab.model.index(0, 4).data() == "Pismo do szkoły"
    assert tab.model.index(0, 2).data() == "1 B"
