"""Everyday use as a worker meets it: nothing typed is lost, dates are read as typed,
Enter and Tab behave the same in every form, Enter in a search box opens what it found."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.enums import ChronologyKind, InitiatorService, MeetingKind
from app.errors import ValidationError
from app.services.records import NkaData
from app.services.vault import DataFolder
from tests.qt_questions import CANCEL, DISCARD, SAVE, answer_questions, answer_save_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from tests.support.nka_people import nka_people
from ui.chronology_dialog import ChronologyDialog
from ui.closure_dialog import ClosureDialog
from ui.context import AppContext
from ui.date_field import DateField
from ui.description_dialog import DescriptionDialog
from ui.form_dialog import FormDialog
from ui.institution_dialog import ContactPersonDialog, InstitutionDialog
from ui.meeting_dialog import MeetingDialog, load_new
from ui.nka_dialog import NkaDialog
from ui.participant_dialog import AddressDialog, ContactDialog, ParticipantDialog
from ui.procedure_window import NewProcedureDialog, ProcedureWindow
from ui.procedures_view import ProceduresView
from ui.settings_dialog import SettingsDialog
from ui.tasks import TaskRunner
from ui.wizard import FirstRunWizard

STARTED = TODAY - dt.timedelta(days=20)


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    changes = ui_context.register.procedures.create(STARTED, "")
    assert changes.record_id is not None
    return changes.record_id


def _detail(context: AppContext, procedure_id: int) -> Any:
    return context.register.procedures.detail(procedure_id)


def _stored_attachment(context: AppContext, procedure_id: int) -> Any:
    changes = context.register.attachments.add(procedure_id, "skan.pdf", b"%PDF-1.4", "opis")
    assert changes.record_id is not None
    return context.register.attachments.read(changes.record_id)[0]


DialogFactory = Callable[[AppContext, int], QDialog]

DIALOGS: dict[str, DialogFactory] = {
    "nowa procedura": lambda c, _p: NewProcedureDialog(c),
    "osoba": lambda c, p: ParticipantDialog(c, p),
    "adres osoby": lambda _c, _p: AddressDialog(),
    "kontakt osoby": lambda _c, _p: ContactDialog(),
    "wpis chronologii": lambda c, p: ChronologyDialog(c, p),
    "zakończenie procedury": lambda c, p: ClosureDialog(c, _detail(c, p)),
    "formularz NK-A": lambda c, p: NkaDialog(c, _detail(c, p)),
    "instytucja": lambda c, _p: InstitutionDialog(c),
    "osoba kontaktowa": lambda _c, _p: ContactPersonDialog(),
    "posiedzenie ZI": lambda c, _p: MeetingDialog(c, load_new(c.register, MeetingKind.ZI, None)),
    "ustawienia": lambda c, _p: SettingsDialog(c),
    "opis załącznika": lambda c, p: DescriptionDialog(c, _stored_attachment(c, p)),
}

CLOSE_ROUTES: dict[str, Callable[[QtBot, QDialog], None]] = {
    "Escape": lambda qtbot, d: qtbot.keyClick(d.focusWidget() or d, Qt.Key.Key_Escape),
    "Anuluj": lambda qtbot, d: qtbot.mouseClick(
        next(b for b in d.findChildren(QWidget) if getattr(b, "text", lambda: "")() == "Anuluj"),
        Qt.MouseButton.LeftButton,
    ),
    "zamknięcie okna": lambda _qtbot, d: d.close(),
}


def _first_text_field(dialog: QDialog) -> QLineEdit | QPlainTextEdit:
    """The first free-text field the worker would type into (not a date, not a combo)."""
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
            return widget
        if (
            isinstance(widget, QLineEdit)
            and not widget.isReadOnly()
            and widget.isEnabled()
            and not isinstance(widget.parentWidget(), DateField | QComboBox | QAbstractSpinBox)
            and widget.inputMask() == ""
        ):
            return widget
    raise AssertionError("no text field")


def _shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.mark.parametrize("route", CLOSE_ROUTES)
@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_asks_before_typed_work_is_lost(
    qtbot: QtBot,
    ui_context: AppContext,
    procedure_id: int,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    route: str,
) -> None:
    dialog = _shown(qtbot, DIALOGS[name](ui_context, procedure_id))
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    field = _first_text_field(dialog)
    field.setFocus()
    type_text(field, "Ślad pracy")

    questions = answer_save_questions(monkeypatch, CANCEL)
    CLOSE_ROUTES[route](qtbot, dialog)
    assert len(questions.asked) == 1 and questions.asked[0].startswith("Zapisać zmiany?")
    assert dialog.isVisible() and finished == [], "„Anuluj” keeps the dialog"
    text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
    assert text.endswith("Ślad pracy"), "and everything typed in it"

    questions.answer = DISCARD
    CLOSE_ROUTES[route](qtbot, dialog)
    assert finished == [QDialog.DialogCode.Rejected]


@pytest.mark.parametrize("name", DIALOGS)
def test_a_dialog_without_changes_closes_at_once(
    qtbot: QtBot,
    ui_context: AppContext,
    procedure_id: int,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    dialog = _shown(qtbot, DIALOGS[name](ui_context, procedure_id))
    questions = answer_save_questions(monkeypatch, CANCEL)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert questions.asked == [] and not dialog.isVisible()


def test_yes_saves_the_entry_then_closes(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _shown(qtbot, ChronologyDialog(ui_context, procedure_id))
    type_text(dialog.title_edit, "Telefon od pedagoga")
    answer_save_questions(monkeypatch, SAVE)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted
    titles = [e.title for e in _detail(ui_context, procedure_id).chronology]
    assert "Telefon od pedagoga" in titles


def test_yes_on_an_incomplete_form_keeps_it_open_with_the_reason(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _shown(qtbot, ChronologyDialog(ui_context, procedure_id))
    type_text(dialog.body_edit, "Treść bez tytułu")
    answer_save_questions(monkeypatch, SAVE)
    dialog.close()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Podaj tytuł wpisu."
    assert dialog.body_edit.toPlainText() == "Treść bez tytułu"


# --- the procedure window ------------------------------------------------------------


def _procedure_window(qtbot: QtBot, context: AppContext, procedure_id: int) -> ProcedureWindow:
    window = ProcedureWindow(context, procedure_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_w_with_edited_notes_asks_and_yes_saves_them(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _procedure_window(qtbot, ui_context, procedure_id)
    notes = window.data_tab.notes_edit
    notes.setFocus()
    type_text(notes, "Rodzina przeprowadza się w grudniu.")
    questions = answer_save_questions(monkeypatch, CANCEL)

    qtbot.keyClick(notes, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert len(questions.asked) == 1 and window.isVisible()

    questions.answer = SAVE
    qtbot.keyClick(notes, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _detail(ui_context, procedure_id).notes == "Rodzina przeprowadza się w grudniu."


def test_typed_notes_survive_a_reload_caused_by_another_save(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _procedure_window(qtbot, ui_context, procedure_id)
    type_text(window.data_tab.notes_edit, "Pisane w trakcie")
    ui_context.ops.write(
        window,
        lambda reg: reg.chronology.add(procedure_id, TODAY, ChronologyKind.NOTE, "Inny zapis", ""),
    )
    assert "Inny zapis" in [e.title for e in _detail(ui_context, procedure_id).chronology]
    assert window.data_tab.notes_edit.toPlainText() == "Pisane w trakcie"
    answer_save_questions(monkeypatch, DISCARD)
    window.close()


def test_closing_the_window_without_changes_asks_nothing(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _procedure_window(qtbot, ui_context, procedure_id)
    questions = answer_save_questions(monkeypatch, CANCEL)
    qtbot.keyClick(window.data_tab.notes_edit, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert questions.asked == [] and not window.isVisible()


# --- the date field --------------------------------------------------------------------


def _date_dialog(qtbot: QtBot, context: AppContext, procedure_id: int) -> ChronologyDialog:
    dialog = _shown(qtbot, ChronologyDialog(context, procedure_id))
    return dialog


@pytest.mark.parametrize("typed", ["5.3.2025", "05.03.2025", "5-3-2025", "2025-03-05", "5.3.25"])
def test_typing_into_the_date_field_replaces_the_whole_date(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, typed: str
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    field = dialog.date_edit
    assert field.value() == TODAY
    dialog.kind_combo.setFocus()
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Backtab)  # Shift+Tab back into the date
    qtbot.wait(5)
    type_text(field.line, typed)
    assert field.value() == dt.date(2025, 3, 5)
    assert field.hint.text() == "środa, 5 marca 2025"


def test_clicking_into_the_date_field_then_typing_replaces_it(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    field = dialog.date_edit
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton)
    qtbot.wait(5)
    type_text(field.line, "29.11.2026")
    assert field.value() == dt.date(2026, 11, 29)


def test_an_unreadable_date_is_red_with_the_reason_and_saves_nothing(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    field = dialog.date_edit
    field.line.setFocus()
    field.line.selectAll()
    type_text(field.line, "31.02.2025")
    type_text(dialog.title_edit, "Wizyta")
    field.line.editingFinished.emit()
    assert field.hint.text() == "Luty 2025 ma 28 dni — nie ma dnia 31."
    assert "b00020" in field.line.styleSheet()
    before = len(_detail(ui_context, procedure_id).chronology)

    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Data: Luty 2025 ma 28 dni — nie ma dnia 31."
    assert QApplication.focusWidget() is field.line
    assert field.text() == "31.02.2025", "the typed text stays as typed"
    assert len(_detail(ui_context, procedure_id).chronology) == before


def test_a_future_date_is_refused_by_the_domain_rule_as_she_types(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    dialog.date_edit.set_value(TODAY + dt.timedelta(days=1))
    assert dialog.date_edit.hint.text() == "Data wpisu nie może być z przyszłości."


def test_one_tab_leaves_the_date_field(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    dialog.date_edit.line.setFocus()
    qtbot.keyClick(dialog.date_edit.line, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.kind_combo


def test_alt_down_opens_the_calendar_and_enter_picks_the_day(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    field = dialog.date_edit
    field.set_value(dt.date(2026, 11, 10))
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    (calendar,) = [w for w in field.findChildren(QCalendarWidget) if w.isVisible()]
    assert calendar.selectedDate().toPython() == dt.date(2026, 11, 10)
    days = calendar.findChild(QTableView)
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert field.value() == dt.date(2026, 11, 11)


def test_an_optional_date_may_be_emptied(qtbot: QtBot, ui_context: AppContext) -> None:
    field = DateField(TODAY, optional=True)
    qtbot.addWidget(field)
    assert field.value() is None and field.problem() == ""
    type_text(field.line, "1.2.2020")
    assert field.value() == dt.date(2020, 2, 1)
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.value() is None


def test_a_first_nka_is_dated_on_the_procedures_start_a_later_one_today(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    first = _shown(qtbot, NkaDialog(ui_context, _detail(ui_context, procedure_id)))
    assert isinstance(first, NkaDialog)
    assert first.filled_on_edit.value() == STARTED
    people = nka_people(ui_context.register.context, procedure_id)
    ui_context.register.nka.save(
        procedure_id,
        NkaData(filled_on=STARTED, filled_by_service=InitiatorService.POLICE, person_ids=people),
    )
    second = _shown(qtbot, NkaDialog(ui_context, _detail(ui_context, procedure_id)))
    assert isinstance(second, NkaDialog)
    assert second.filled_on_edit.value() == TODAY


# --- Enter and Tab ---------------------------------------------------------------------


def test_enter_in_the_title_moves_on_and_saves_nothing(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    before = len(_detail(ui_context, procedure_id).chronology)
    dialog.title_edit.setFocus()
    type_text(dialog.title_edit, "Rozmowa")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.body_edit
    assert len(_detail(ui_context, procedure_id).chronology) == before


def test_enter_in_notes_is_a_new_line_tab_moves_on_ctrl_enter_saves(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _date_dialog(qtbot, ui_context, procedure_id)
    type_text(dialog.title_edit, "Rozmowa")
    dialog.body_edit.setFocus()
    type_text(dialog.body_edit, "pierwszy")
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return)
    type_text(dialog.body_edit, "drugi")
    assert dialog.body_edit.toPlainText() == "pierwszy\ndrugi"
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.body_edit
    assert "\t" not in dialog.body_edit.toPlainText()

    dialog.body_edit.setFocus()
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = next(e for e in _detail(ui_context, procedure_id).chronology if e.title == "Rozmowa")
    assert entry.body == "pierwszy\ndrugi"


def test_every_notes_box_in_every_dialog_passes_tab_on(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    for make in DIALOGS.values():
        dialog = make(ui_context, procedure_id)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, FormDialog)
        for box in dialog.findChildren(QPlainTextEdit):
            assert box.tabChangesFocus(), f"{dialog.windowTitle()}: {box.objectName()}"


# --- search ----------------------------------------------------------------------------


def test_enter_in_the_search_box_opens_the_first_procedure_found(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    number = _detail(ui_context, procedure_id).number
    view = ProceduresView(ui_context)
    qtbot.addWidget(view)
    opened: list[int] = []
    view.open_requested.connect(opened.append)
    view.search_edit.setFocus()
    type_text(view.search_edit, number)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    assert opened == [procedure_id]


def test_enter_in_a_search_that_finds_nothing_opens_nothing_and_says_so(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    view = ProceduresView(ui_context)
    qtbot.addWidget(view)
    opened: list[int] = []
    view.open_requested.connect(opened.append)
    type_text(view.search_edit, "Zzyzx")
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    assert opened == []
    assert view.empty_notice.text() == "Nie znaleziono procedur dla „Zzyzx”."


def test_a_refused_fields_message_goes_once_that_field_is_edited(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _shown(qtbot, ChronologyDialog(ui_context, procedure_id))
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error_label.text() == "Podaj tytuł wpisu."
    assert QApplication.focusWidget() is dialog.title_edit
    type_text(dialog.title_edit, "W")
    assert dialog.error_label.isHidden(), "the message no longer describes the form"


def test_the_first_run_wizard_asks_before_dropping_what_was_typed(
    qtbot: QtBot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = FirstRunWizard(folder, TaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    wizard.reject()
    assert questions.asked == [] and not wizard.isVisible(), "nothing typed: closes at once"

    wizard.show()
    wizard.next()
    type_text(wizard.office_page.gmina_edit, "Gmina Przykładowo")
    wizard.reject()
    assert len(questions.asked) == 1 and wizard.isVisible()
    assert wizard.office_page.gmina_edit.text() == "Gmina Przykładowo"
    questions.answer = QMessageBox.StandardButton.Yes
    wizard.reject()
    assert not wizard.isVisible() and not folder.is_initialized()


def test_the_labels_alt_letter_and_shift_tab_reach_and_leave_the_date_field(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _shown(qtbot, ParticipantDialog(ui_context, procedure_id))
    assert isinstance(dialog, ParticipantDialog)
    assert QApplication.focusWidget() is dialog.first_name_edit, "typing starts with the name"
    type_text(dialog.last_name_edit, "Małecka")
    qtbot.keyClick(dialog.last_name_edit, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.birth_edit.line, "Alt+U: Data urodzenia"
    type_text(dialog.birth_edit.line, "3.7.2015")
    assert dialog.last_name_edit.text() == "Małecka"
    assert dialog.birth_edit.value() == dt.date(2015, 7, 3)
    qtbot.keyClick(dialog.birth_edit.line, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() not in (dialog.birth_edit, dialog.birth_edit.line)


def test_a_date_in_the_nka_form_read_into_the_future_is_refused(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _shown(qtbot, NkaDialog(ui_context, _detail(ui_context, procedure_id)))
    assert isinstance(dialog, NkaDialog)
    field_id, field = next(
        (key, widget)
        for key, widget in dialog.content_widgets.items()
        if isinstance(widget, DateField)
    )
    type_text(field.line, "1.11.36")
    assert "z przyszłości" in field.problem()
    content = {field_id: "2036-11-01"}
    people = nka_people(ui_context.register.context, procedure_id)
    data = NkaData(
        filled_on=STARTED,
        filled_by_service=InitiatorService.POLICE,
        content=content,
        person_ids=people,
    )
    with pytest.raises(ValidationError) as refused:
        ui_context.register.nka.save(procedure_id, data)
    assert refused.value.field == field_id
    assert _detail(ui_context, procedure_id).nka_records == ()


def test_ctrl_enter_while_a_save_runs_writes_nothing_twice(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = _shown(qtbot, ChronologyDialog(ui_context, procedure_id))
    assert isinstance(dialog, ChronologyDialog)
    type_text(dialog.title_edit, "Jeden wpis")
    before = len(_detail(ui_context, procedure_id).chronology)
    dialog._set_saving(True)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(_detail(ui_context, procedure_id).chronology) == before
    dialog._set_saving(False)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(_detail(ui_context, procedure_id).chronology) == before + 1


def test_the_wizards_passwords_can_be_shown_as_on_the_lock_panel(
    qtbot: QtBot, folder: DataFolder
) -> None:
    wizard = FirstRunWizard(folder, TaskRunner())
    qtbot.addWidget(wizard)
    page = wizard.password_page
    for field in (page.password_field, page.repeat_field):
        assert field.edit.echoMode() == QLineEdit.EchoMode.Password
        qtbot.mouseClick(field.show_button, Qt.MouseButton.LeftButton)
        assert field.edit.echoMode() == QLineEdit.EchoMode.Normal


def test_tab_goes_from_the_password_to_its_repetition_in_the_wizard(
    qtbot: QtBot, folder: DataFolder
) -> None:
    wizard = FirstRunWizard(folder, TaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    page = wizard.password_page
    page.password_edit.setFocus()
    qtbot.keyClick(page.password_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.repeat_edit
