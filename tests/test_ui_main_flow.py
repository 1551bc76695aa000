"""The program as a worker uses it: first-run wizard, unlock, a procedure with two people
and an attachment created through the windows, found by search, then lock and unlock."""

import datetime as dt
import time
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget, QWizard

from app.domain.enums import Role
from app.errors import WrongPasswordError
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.qt_typing import type_text
from ui.context import AppContext
from ui.lock import LockController
from ui.main_window import MainWindow
from ui.participant_dialog import ParticipantDialog
from ui.procedure_window import NewProcedureDialog
from ui.tasks import TaskRunner
from ui.unlock import UnlockDialog
from ui.wizard import FirstRunWizard


def _unlock(qtbot, lock: LockController) -> None:  # type: ignore[no-untyped-def]
    """Type the password into the lock panel: a lock left on would block later tests."""
    assert lock.panel is not None
    lock.panel.password_edit.setText(PASSWORD)
    qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked


def _covered(window: QWidget) -> bool:
    """True when an opaque lock cover spans the whole window."""
    covers = [c for c in window.findChildren(QWidget, "lockCover") if c.isVisible()]
    return any(c.geometry() == window.rect() for c in covers)


@pytest.fixture(autouse=True)
def inline_tasks():
    TaskRunner.synchronous = True
    yield
    TaskRunner.synchronous = False


def test_wizard_creates_database_and_shows_recovery_code_once(qtbot, tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "dane", kdf=FAST_KDF)
    folder.acquire()
    wizard = FirstRunWizard(folder, TaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    type_text(wizard.office_page.gmina_edit, "Gmina Łąka")
    type_text(wizard.office_page.office_edit, "GOPS w Łące")
    type_text(wizard.office_page.worker_edit, "Ewa Testowa")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    wizard.password_page.password_edit.setText("krótkie")
    assert not wizard.password_page.isComplete()
    assert "za krótkie" in wizard.password_page.strength_label.text()
    wizard.password_page.password_edit.setText(PASSWORD)
    wizard.password_page.repeat_edit.setText(PASSWORD + "x")
    assert not wizard.password_page.isComplete()
    wizard.password_page.repeat_edit.setText(PASSWORD)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.recovery_page
    code = wizard.recovery_page.code_label.text()
    assert len(code.replace("-", "")) == 32
    sheet = tmp_path / "kod.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(sheet))
    wizard.print_code(printer)
    printed = " ".join(PdfReader(sheet).pages[0].extract_text().split())
    assert code in printed and "GOPS w Łące" in printed
    assert "najpierw zamknij program NK Desk" in printed, "a copy of an open register loses data"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not wizard.recovery_page.isComplete(), "finish needs the written-down confirmation"
    wizard.recovery_page.confirm_check.setChecked(True)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.register is not None
    assert wizard.register.settings.load().gmina_name == "Gmina Łąka"
    wizard.register.close()
    # The code shown is the one that opens the database on another machine.
    folder.unlock_with_recovery(code, "Inne-Dlugie-Zdanie-77").close()
    folder.release()


def test_unlock_dialog_refuses_wrong_password_then_opens(qtbot, folder: DataFolder) -> None:
    folder.create(PASSWORD, TEST_SETTINGS).database.close()
    dialog = UnlockDialog(folder, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.password_edit, "złe-hasło")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Nieprawidłowe hasło" in dialog.error_label.text()
    assert dialog.register is None
    dialog.password_edit.setText(PASSWORD)
    dialog.password_edit.setFocus()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, "Enter in the password field opens"
    assert dialog.register is not None
    dialog.register.close()


DIALOG_WAIT_S = 10


def _accept_dialog_when_shown(qtbot, dialog_type, fill) -> None:  # type: ignore[no-untyped-def]
    """Fill and accept the next modal dialog of `dialog_type` opened by the code under test.

    A dialog `fill` leaves open (a refused save, a failed assertion) is rejected, so the
    code under test returns instead of hanging; a dialog that never opens fails the test.
    """
    deadline = time.monotonic() + DIALOG_WAIT_S

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, dialog_type) and widget.isVisible():
                try:
                    fill(widget)
                finally:
                    if widget.isVisible():
                        widget.done(
                            0
                        )  # left open by a failed step: closed without the save question
                return
        if time.monotonic() > deadline:
            raise AssertionError(f"{dialog_type.__name__} did not open within {DIALOG_WAIT_S} s")
        QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def test_create_procedure_with_two_people_and_attachment_then_find_lock_unlock(
    qtbot, ui_context: AppContext, tmp_path: Path, monkeypatch
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    lock = LockController(window, ui_context)
    window.show()

    def register(dialog: NewProcedureDialog) -> None:
        dialog.date_edit.set_value(dt.date(2026, 3, 2))
        assert dialog.number_label.text() == "NK/1/2026"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _accept_dialog_when_shown(qtbot, NewProcedureDialog, register)
    window.new_action.trigger()
    assert list(window.procedure_windows) == [1]
    procedure_window = window.procedure_windows[1]
    procedure_window.tabs.setCurrentWidget(procedure_window.people_tab)

    def add_person(first: str, last: str, role: Role, pesel: str = ""):  # type: ignore[no-untyped-def]
        def fill(dialog: ParticipantDialog) -> None:
            dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role))
            type_text(dialog.first_name_edit, first)
            type_text(dialog.last_name_edit, last)
            type_text(dialog.pesel_edit, pesel)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

        _accept_dialog_when_shown(qtbot, ParticipantDialog, fill)
        qtbot.mouseClick(procedure_window.people_tab.add_button, Qt.MouseButton.LeftButton)

    add_person("Łucja", "Żabińska", Role.VICTIM, "85030412362")
    add_person("Łukasz", "Żabiński", Role.PERPETRATOR)
    assert procedure_window.people_tab.model.rowCount() == 2

    scan = tmp_path / "skan-nk-a.pdf"
    scan.write_bytes(b"%PDF-1.4 fikcyjny skan")
    procedure_window.attachments_tab.add_files([scan])
    assert procedure_window.attachments_tab.model.rowCount() == 1

    stored = ui_context.register.procedures.detail(1)
    assert {(p.person.last_name, p.role) for p in stored.participants} == {
        ("Żabińska", Role.VICTIM),
        ("Żabiński", Role.PERPETRATOR),
    }
    assert stored.participants[0].person.birth_date == dt.date(1985, 3, 4)
    _, data = ui_context.register.attachments.read(stored.attachments[0].id)
    assert data == scan.read_bytes()

    view = window.procedures_view
    type_text(view.search_edit, "zabinska")
    qtbot.waitUntil(
        lambda: view.model.rowCount() == 1 and view.model.row_at(0).number == "NK/1/2026"
    )
    view.search_edit.clear()
    type_text(view.search_edit, "Kowalski")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)

    # Ctrl+L pressed inside the procedure window (not the main window) locks everything.
    procedure_window.activateWindow()
    qtbot.keyClick(procedure_window.tabs, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lock.locked)
    assert lock.panel is not None and lock.panel.isVisible()
    assert _covered(procedure_window), "every other window's content is covered while locked"
    lock.panel.password_edit.setText("zupełnie złe")
    qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.locked and lock.panel.isVisible()
    lock.panel.password_edit.setText(PASSWORD)
    qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked
    qtbot.waitUntil(lambda: not _covered(procedure_window))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    procedure_window.close()


def test_lock_screen_cannot_be_dismissed_without_password(qtbot, ui_context: AppContext) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    lock = LockController(window, ui_context)
    window.show()
    window.lock_action.trigger()
    assert lock.panel is not None
    qtbot.keyClick(lock.panel.password_edit, Qt.Key.Key_Escape)
    assert lock.locked and lock.panel.isVisible()
    with pytest.raises(WrongPasswordError):
        ui_context.folder.check_password("nie to hasło")
    _unlock(qtbot, lock)


def test_lock_during_an_open_dialog_keeps_what_was_typed(qtbot, ui_context: AppContext) -> None:
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    lock = LockController(window, ui_context)
    window.show()
    procedure_window = window.open_procedure(procedure_id)
    seen: dict[str, object] = {}

    def fill(dialog: ParticipantDialog) -> None:
        type_text(dialog.last_name_edit, "Łąkowska")
        qtbot.keyClick(dialog.last_name_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: lock.locked)
        seen["covered"] = _covered(dialog)
        assert lock.panel is not None
        lock.panel.password_edit.setText(PASSWORD)
        qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.last_name_edit.text()
        seen["open"] = dialog.isVisible()
        dialog.done(0)

    _accept_dialog_when_shown(qtbot, ParticipantDialog, fill)
    qtbot.mouseClick(procedure_window.people_tab.add_button, Qt.MouseButton.LeftButton)
    assert seen == {"covered": True, "after": "Łąkowska", "open": True}
    procedure_window.close()


def test_windows_appearing_or_vanishing_while_locked_are_handled(
    qtbot, ui_context: AppContext
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    lock = LockController(window, ui_context)
    window.show()
    doomed = QWidget()
    doomed.show()
    window.lock_action.trigger()
    assert _covered(doomed)
    late = QMessageBox()
    late.setText("Zapisano plik skan.pdf")
    late.show()
    assert _covered(late), "a window shown while locked is covered too"
    doomed.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(doomed))
    assert lock.panel is not None
    lock.panel.password_edit.setText(PASSWORD)
    qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked
    qtbot.waitUntil(lambda: not _covered(late))
    window.lock_action.trigger()
    assert lock.locked, "the lock still works after a covered window vanished"
    _unlock(qtbot, lock)
    late.close()
