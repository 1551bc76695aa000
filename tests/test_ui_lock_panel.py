"""The lock screen as the worker meets it: one panel in the main window, covers elsewhere.

Real registers; the password and the recovery code are checked by the data folder.
"""

import datetime as dt
import time
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import WrongPasswordError
from app.services.register import Register
from app.services.vault import DataFolder
from tests.conftest import PASSWORD, TEST_SETTINGS
from tests.qt_typing import type_text
from tests.support.clock import CLOCK
from ui.context import AppContext
from ui.lock import LockController
from ui.lock_screen import LOCKED_HEADING, LockPanel
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.unlock import RecoveryDialog, UnlockDialog

NEW_PASSWORD = "Nowe-Dlugie-Zdanie#2027"  # fictional
WAIT_S = 10


@pytest.fixture
def session(qtbot, ui_context: AppContext) -> Iterator[tuple[MainWindow, LockController]]:  # type: ignore[no-untyped-def]
    """The main window with its lock; the lock's filter goes with the test."""
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    lock = LockController(window, ui_context)
    window.show()
    yield window, lock
    app = QApplication.instance()
    assert app is not None
    app.removeEventFilter(lock)


def _gone(window: QWidget) -> bool:
    """Closed: hidden, or already deleted (procedure windows delete themselves)."""
    return not shiboken6.isValid(window) or not window.isVisible()


def _panel(lock: LockController) -> LockPanel:
    assert lock.panel is not None, "the program is not locked"
    return lock.panel


def _covered(window: QWidget) -> bool:
    covers = [c for c in window.findChildren(QWidget, "lockCover") if c.isVisible()]
    return any(c.geometry() == window.rect() for c in covers)


def _visible_texts(window: QWidget) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel) if label.isVisible()]


def _password_boxes_outside(window: QWidget) -> list[QLineEdit]:
    return [
        edit
        for edit in QApplication.allWidgets()
        if isinstance(edit, QLineEdit)
        and edit.isVisible()
        and edit.echoMode() == QLineEdit.EchoMode.Password
        and edit.window() is not window
    ]


def _when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Act on the next visible window of `kind` (it is modal, so it is found by polling)."""
    deadline = time.monotonic() + WAIT_S

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                act(widget)
                return
        if time.monotonic() > deadline:
            raise AssertionError(f"{kind.__name__} did not open within {WAIT_S} s")
        QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def _answer(button_text: str, asked: list[str]) -> None:
    """Press `button_text` in the next question; what it said goes into `asked`."""

    def press(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text() + "\n" + box.informativeText())
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    _when_shown(QMessageBox, press)


class _EditedWindow(QWidget):
    """A window in the middle of an edit, as the unsaved-changes check sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Procedura NK/7/2026 — NK Desk")
        self.edit = QLineEdit()
        QVBoxLayout(self).addWidget(self.edit)

    def has_unsaved_changes(self) -> bool:
        return True


def test_lock_shows_one_panel_in_the_main_window_and_no_other_password_box(
    qtbot, ui_context: AppContext, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    procedure_window = window.open_procedure(procedure_id)
    qtbot.waitUntil(lambda: "NK/1/2026" in procedure_window.windowTitle())

    qtbot.keyClick(procedure_window.tabs, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lock.locked)

    panel = _panel(lock)
    assert panel.isVisible() and panel.geometry() == window.rect()
    texts = _visible_texts(window)
    assert texts.count(LOCKED_HEADING) == 1, "one heading"
    assert "GOPS w Przykładowie" in texts, "the office is named"
    assert _covered(procedure_window)
    assert "Odblokuj program w oknie głównym." in _visible_texts(procedure_window)
    assert _password_boxes_outside(window) == [], "no separate password window"
    assert QApplication.focusWidget() is panel.password_edit
    _unlock(qtbot, lock)
    procedure_window.close()


def test_main_window_shortcuts_do_nothing_while_locked(
    qtbot, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    window.activateWindow()
    qtbot.keyClick(
        window.procedures_view.search_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier
    )
    assert window.stack.currentIndex() == 2, "the shortcut works while unlocked"
    window.show_page(0)

    window.lock_action.trigger()
    panel = _panel(lock)
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0 and window.isVisible()
    assert not window.menuBar().isEnabled(), "menus are out of reach"
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert panel.isAncestorOf(QApplication.focusWidget()), "Tab stays in the panel"
    _unlock(qtbot, lock)
    assert window.menuBar().isEnabled()
    assert window.focusWidget() is window.procedures_view.search_edit, "focus comes back"


def test_show_password_button_switches_the_echo_mode(
    qtbot, session: tuple[MainWindow, LockController], folder: DataFolder
) -> None:
    window, lock = session
    window.lock_action.trigger()
    field = _panel(lock).password_field
    type_text(field.edit, "tajne")
    qtbot.mouseClick(field.show_button, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Normal
    assert field.show_button.text() == "Ukryj"
    field.show_button.setFocus()
    qtbot.keyClick(field.show_button, Qt.Key.Key_Space)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password, "the keyboard hides it again"
    _unlock(qtbot, lock)

    dialog = UnlockDialog(folder, TaskRunner())
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.password_field.show_button, Qt.MouseButton.LeftButton)
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Normal, "start-up too"


def test_wrong_password_says_so_and_keeps_the_field(
    qtbot, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    window.lock_action.trigger()
    panel = _panel(lock)
    type_text(panel.password_edit, "zupełnie złe")
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_Return)

    assert lock.locked and panel.isVisible()
    assert panel.error_label.text().startswith("Nieprawidłowe hasło.")
    assert "\n" not in panel.error_label.text()
    assert QApplication.focusWidget() is panel.password_edit
    assert panel.password_edit.selectedText() == "zupełnie złe", "typed again over it"
    type_text(panel.password_edit, "T")
    assert panel.error_label.isHidden(), "the message is about the password no longer there"
    _unlock(qtbot, lock)


def test_password_unlocks_back_to_the_window_in_use_with_its_text(
    qtbot, ui_context: AppContext, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    procedure_window = window.open_procedure(procedure_id)
    notes = procedure_window.data_tab.notes_edit
    notes.setFocus()
    type_text(notes, "Wizyta w środę")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is procedure_window)

    qtbot.keyClick(notes, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lock.locked)
    assert QApplication.activeWindow() is window, "the main window is raised"
    type_text(notes, " i piątek")
    assert notes.toPlainText() == "Wizyta w środę", "nothing reaches a covered window"

    panel = _panel(lock)
    type_text(panel.password_edit, PASSWORD)
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_Return)

    assert not lock.locked and not panel.isVisible()
    assert not _covered(procedure_window)
    assert notes.toPlainText() == "Wizyta w środę"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is procedure_window)
    assert procedure_window.has_unsaved_changes(), "the typed notes are still to be saved"
    procedure_window.forget_changes()
    procedure_window.close()


def test_lock_over_a_modal_dialog_still_takes_the_password(
    qtbot, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    dialog = QDialog(window)
    edit = QLineEdit(dialog)
    seen: dict[str, object] = {}

    def in_dialog(_shown: QWidget) -> None:
        type_text(edit, "Łąkowska")
        qtbot.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: lock.locked)
        seen["covered"] = _covered(dialog)
        seen["panel reachable"] = QApplication.activeModalWidget() is window
        seen["boxes"] = _password_boxes_outside(window)
        _unlock(qtbot, lock)
        seen["dialog modal again"] = QApplication.activeModalWidget() is dialog
        seen["text"] = edit.text()
        dialog.reject()

    _when_shown(QDialog, in_dialog)
    dialog.exec()
    assert seen == {
        "covered": True,
        "panel reachable": True,
        "boxes": [],
        "dialog modal again": True,
        "text": "Łąkowska",
    }


def test_close_program_with_nothing_unsaved_closes_at_once(
    qtbot, ui_context: AppContext, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    procedure_window = window.open_procedure(procedure_id)
    window.lock_action.trigger()
    qtbot.mouseClick(_panel(lock).close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible() and _gone(procedure_window))
    assert window.procedure_windows == {}


def test_close_program_with_unsaved_changes_asks_first(
    qtbot, session: tuple[MainWindow, LockController]
) -> None:
    window, lock = session
    edited = _EditedWindow()
    qtbot.addWidget(edited)
    edited.show()
    window.lock_action.trigger()
    panel = _panel(lock)
    asked: list[str] = []

    _answer("Anuluj", asked)
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert "Procedura NK/7/2026 — NK Desk" in asked[0]
    assert "zablokowany" in asked[0]
    assert lock.locked and window.isVisible() and edited.isVisible()

    _answer("Odblokuj, aby zapisać", asked)
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert lock.locked and window.isVisible() and edited.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.password_edit)

    _answer("Zamknij bez zapisywania", asked)
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 3
    qtbot.waitUntil(lambda: not window.isVisible() and _gone(edited))


def test_recovery_code_from_the_lock_panel_sets_a_new_password(qtbot, folder: DataFolder) -> None:
    created = folder.create(PASSWORD, TEST_SETTINGS)
    TaskRunner.synchronous = True
    context = AppContext(folder, Register(created.database, CLOCK), TaskRunner())
    window = MainWindow(context)
    qtbot.addWidget(window)
    lock = LockController(window, context)
    window.show()
    window.lock_action.trigger()
    seen: dict[str, object] = {}

    def recover(dialog: QWidget) -> None:
        assert isinstance(dialog, RecoveryDialog)
        seen["dialog covered"] = _covered(dialog)
        dialog.code_edit.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        dialog.password_edit.setText(NEW_PASSWORD)
        dialog.repeat_edit.setText(NEW_PASSWORD)
        dialog.ok_button.click()
        seen["wrong code"] = dialog.error_label.text()
        seen["locked meanwhile"] = lock.locked
        dialog.code_edit.setText(created.recovery_code)
        dialog.ok_button.click()

    try:
        _when_shown(RecoveryDialog, recover)
        qtbot.mouseClick(_panel(lock).recovery_button, Qt.MouseButton.LeftButton)
        assert seen == {
            "dialog covered": False,
            "wrong code": "Kod odzyskiwania jest nieprawidłowy.",
            "locked meanwhile": True,
        }
        assert not lock.locked
        folder.check_password(NEW_PASSWORD)
        with pytest.raises(WrongPasswordError):
            folder.check_password(PASSWORD)
        assert context.register.procedures.create(dt.date(2026, 3, 2)).record_id == 1
    finally:
        TaskRunner.synchronous = False
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(lock)
        created.database.close()


def _unlock(qtbot, lock: LockController) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(lock)
    panel.password_edit.setText(PASSWORD)
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked


def test_quitting_from_the_lock_panel_without_saving_asks_nothing_more(
    qtbot, ui_context: AppContext, session: tuple[MainWindow, LockController]
) -> None:
    """A real procedure window with typed notes: one question, in the panel; the window
    does not ask again behind the cover, and nothing typed is written."""
    window, lock = session
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    assert procedure_id is not None
    procedure_window = window.open_procedure(procedure_id)
    type_text(procedure_window.data_tab.notes_edit, "Nie do zapisu")
    assert procedure_window.has_unsaved_changes()
    window.lock_action.trigger()
    asked: list[str] = []

    _answer("Zamknij bez zapisywania", asked)
    qtbot.mouseClick(_panel(lock).close_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 1 and procedure_window.windowTitle() in asked[0]
    qtbot.waitUntil(lambda: not window.isVisible() and _gone(procedure_window))
    assert ui_context.register.procedures.detail(procedure_id).notes == ""


def test_quitting_with_a_procedure_window_kept_open_keeps_the_program(
    qtbot, ui_context: AppContext, session: tuple[MainWindow, LockController], monkeypatch
) -> None:
    from tests.qt_questions import CANCEL, answer_save_questions

    window, _lock = session
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    assert procedure_id is not None
    procedure_window = window.open_procedure(procedure_id)
    type_text(procedure_window.data_tab.notes_edit, "Jeszcze piszę")
    questions = answer_save_questions(monkeypatch, CANCEL)

    assert not window.close()

    assert len(questions.asked) == 1
    assert window.isVisible() and procedure_window.isVisible()
    assert procedure_window.data_tab.notes_edit.toPlainText() == "Jeszcze piszę"


def test_quitting_from_the_lock_panel_ends_a_dialog_in_the_middle_of_a_save(
    qtbot, ui_context: AppContext, session: tuple[MainWindow, LockController]
) -> None:
    """A dialog whose save is still running refuses an ordinary close; quitting from
    the lock panel must not leave it covered, locked, with no way out."""
    from ui.chronology_dialog import ChronologyDialog

    window, lock = session
    procedure_id = ui_context.register.procedures.create(dt.date(2026, 3, 2)).record_id
    assert procedure_id is not None
    dialog = ChronologyDialog(ui_context, procedure_id, parent=window)
    dialog.show()
    type_text(dialog.title_edit, "Zapis w toku")
    dialog._set_saving(True)
    window.lock_action.trigger()
    asked: list[str] = []

    _answer("Zamknij bez zapisywania", asked)
    qtbot.mouseClick(_panel(lock).close_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not window.isVisible() and _gone(dialog))
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


def test_f1_on_the_lock_panel_opens_the_guide_uncovered_at_locking(
    qtbot, session: tuple[MainWindow, LockController]
) -> None:
    """The guide holds no case data: while locked it may explain how to unlock."""
    from ui import help_window
    from ui.help_key import install_help_key

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_help_key(app)
    window, lock = session
    window.lock_action.trigger()
    panel = _panel(lock)
    qtbot.keyClick(panel.password_edit, Qt.Key.Key_F1)

    guide = help_window._window
    assert guide is not None and guide.isVisible()
    assert guide.current_topic() == "blokowanie"
    assert not _covered(guide)
    type_text(guide.find_edit, "hasło")
    assert guide.find_edit.text() == "hasło", "the guide takes typing while locked"
    assert lock.locked and panel.isVisible()
    guide.close()
