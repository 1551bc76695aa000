"""NK-B hand-overs, NK-C and NK-D in the procedure window, on a real encrypted register:
what she types is what the register stores, a refused save loses nothing, and the list
follows every change."""

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain import form_rules, forms
from app.domain.enums import Role
from app.services.records import FormData, ParticipantData, PersonData
from app.services.views import ProcedureDetail
from tests.qt_questions import CANCEL, answer_questions, answer_save_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.context import AppContext
from ui.form_record_dialog import FormRecordDialog
from ui.procedure_window import ProcedureWindow
from ui.rows_field import RowsField

pytestmark = pytest.mark.usefixtures("no_error_shown")

STARTED = TODAY - dt.timedelta(days=30)
VICTIM = "Anna Próbna — osoba doznająca przemocy domowej"
PERPETRATOR = "Jan Próbny — osoba stosująca przemoc domową"
CHILD = "Zosia Próbna — inny członek gospodarstwa domowego / dziecko"
FIRST_ACT = "W marcu mąż popchnął ją na szafę; siniaki na ramieniu, wizyta u lekarza."


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    """A procedure with a victim, a perpetrator and a child of the household."""
    created = ui_context.register.procedures.create(STARTED).record_id
    assert created is not None
    for first, last, role in (
        ("Anna", "Próbna", Role.VICTIM),
        ("Jan", "Próbny", Role.PERPETRATOR),
        ("Zosia", "Próbna", Role.HOUSEHOLD_MEMBER),
    ):
        ui_context.register.participants.save(
            created, ParticipantData(PersonData(first, last), role)
        )
    return created


def load(context: AppContext, procedure_id: int) -> ProcedureDetail:
    return context.register.procedures.detail(procedure_id)


def person(context: AppContext, procedure_id: int, role: Role) -> int:
    [part] = load(context, procedure_id).people_in(role)
    return part.person.id


def opened(qtbot: QtBot, context: AppContext, procedure_id: int) -> ProcedureWindow:
    """The procedure window at its forms tab, loaded."""
    window = ProcedureWindow(context, procedure_id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.tabs.setCurrentWidget(window.forms_tab)
    qtbot.waitUntil(window.forms_tab.handover_button.isEnabled)
    return window


def on_open(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, fill: Callable[[FormRecordDialog], None]
) -> None:
    """Each dialog the tab opens is shown, handed to `fill` (which saves or not), closed."""

    def run(dialog: FormRecordDialog) -> int:
        with qtbot.waitActive(dialog):
            dialog.show()
        QApplication.processEvents()  # the focus settles in the shown dialog
        fill(dialog)
        if dialog.isVisible():
            dialog.hide()
        return dialog.result()

    monkeypatch.setattr(FormRecordDialog, "exec", run)


def type_keys(text: str) -> None:
    """Type where the focus is, as the keyboard does: the first letter typed on a cell
    opens its editor, and the rest goes into it."""
    for char in text:
        focused = QApplication.focusWidget()
        assert focused is not None
        type_text(focused, char)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)
    QApplication.processEvents()  # a cell's Enter commits through the event loop


def combo_texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(index) for index in range(combo.count())]


def plan(dialog: FormRecordDialog, field: str = "help_plan") -> RowsField:
    widget = dialog.content_widgets[field]
    assert isinstance(widget, RowsField)
    return widget


def save(qtbot: QtBot, dialog: FormRecordDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)


def test_an_nkc_with_a_two_row_help_plan_typed_is_stored_and_listed(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened(qtbot, ui_context, procedure_id)
    number = load(ui_context, procedure_id).number

    def fill(dialog: FormRecordDialog) -> None:
        assert dialog.windowTitle() == f"Formularz NK-C — {number}"
        assert dialog.person_combo.currentText() == VICTIM, "the only victim is proposed"
        type_text(dialog.place_edit, "GOPS w Przykładowie")
        table = plan(dialog).table
        table.setFocus()
        table.setCurrentCell(0, 0)
        for cell in ("Konsultacje psychologiczne", "psycholog PCPR", "do 30.06", "w toku"):
            type_keys(cell)
            press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Home)
        for cell in ("Grupa wsparcia", "OIK"):
            type_keys(cell)
            press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Return)
        assert table.rowCount() == 3, "an empty row waits under the typed ones"
        save(qtbot, dialog)

    on_open(qtbot, monkeypatch, fill)
    qtbot.mouseClick(window.forms_tab.nkc_button, Qt.MouseButton.LeftButton)

    [record] = load(ui_context, procedure_id).forms
    assert (record.form, record.filled_on, record.filled_place) == (
        "NK-C",
        TODAY,
        "GOPS w Przykładowie",
    )
    assert record.person_id == person(ui_context, procedure_id, Role.VICTIM)
    assert record.content == {
        "help_plan": [
            ["Konsultacje psychologiczne", "psycholog PCPR", "do 30.06", "w toku"],
            ["Grupa wsparcia", "OIK", "", ""],
        ]
    }
    tab = window.forms_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    cells = [tab.model.data(tab.model.index(0, column)) for column in range(4)]
    assert cells == [f"{TODAY:%d.%m.%Y}", "NK-C", "Anna Próbna", "Działania: 2"]


def test_each_form_offers_only_the_people_it_may_name(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    procedure = load(ui_context, procedure_id)
    offered = {}
    for form in ("NK-B", "NK-C", "NK-D"):
        dialog = FormRecordDialog(ui_context, procedure, form)
        qtbot.addWidget(dialog)
        offered[form] = combo_texts(dialog.person_combo)
    assert offered == {
        "NK-B": ["— nie wskazano —", VICTIM, CHILD],
        "NK-C": [VICTIM],
        "NK-D": [PERPETRATOR],
    }

    without_perpetrator = ui_context.register.procedures.create(STARTED).record_id
    assert without_perpetrator is not None
    window = opened(qtbot, ui_context, without_perpetrator)
    assert not window.forms_tab.nkd_button.isEnabled()
    assert "osobę stosującą przemoc" in window.forms_tab.nkd_button.toolTip()


def test_a_refused_save_keeps_everything_typed_and_says_why(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    dialog = FormRecordDialog(ui_context, load(ui_context, procedure_id), "NK-C")
    qtbot.addWidget(dialog)
    type_text(dialog.content_widgets["first_act"], FIRST_ACT)
    plan(dialog).set_value([["Konsultacje", "psycholog", "", ""]])
    dialog.filled_on_edit.line.setText(f"{TODAY + dt.timedelta(days=3):%d.%m.%Y}")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Data wypełnienia NK-C nie może być z przyszłości."
    assert dialog.focusWidget() is dialog.filled_on_edit.line

    dialog.filled_on_edit.set_value(TODAY)
    dialog.person_combo.setCurrentIndex(-1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == (
        "NK-C wypełnia się z osobą doznającą przemocy domowej z tej procedury — wybierz ją."
    )
    assert dialog.focusWidget() is dialog.person_combo

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert load(ui_context, procedure_id).forms == ()
    assert dialog.content()["first_act"] == FIRST_ACT
    assert plan(dialog).value() == [["Konsultacje", "psycholog", "", ""]]


def test_an_opened_record_shows_what_was_saved_and_saves_the_change(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    perpetrator = person(ui_context, procedure_id, Role.PERPETRATOR)
    content = {
        "obligations": [["Udział w programie korekcyjnym", "do 31.12", "zgłoszony"]],
        "substance_abuse": "nie wiadomo",
        "programme_referral": True,
    }
    filled = TODAY - dt.timedelta(days=2)
    data = FormData("NK-D", filled, perpetrator, content, "GOPS", "Ewa Testowa")
    ui_context.register.forms.save(procedure_id, data)
    window = opened(qtbot, ui_context, procedure_id)
    table = window.forms_tab.table
    seen: dict[str, object] = {}

    def fill(dialog: FormRecordDialog) -> None:
        referral = dialog.content_widgets["programme_referral"]
        abuse = dialog.content_widgets["substance_abuse"]
        assert isinstance(referral, QCheckBox) and isinstance(abuse, QComboBox)
        seen.update(
            date=dialog.filled_on_edit.value(),
            person=dialog.person_combo.currentText(),
            place=dialog.place_edit.text(),
            by=dialog.filled_by_edit.text(),
            rows=plan(dialog, "obligations").value(),
            abuse=abuse.currentText(),
            referral=referral.isChecked(),
        )
        item = plan(dialog, "obligations").table.item(0, 2)
        assert item is not None
        item.setText("rozpoczęty")
        save(qtbot, dialog)

    on_open(qtbot, monkeypatch, fill)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)

    assert seen == {
        "date": filled,
        "person": PERPETRATOR,
        "place": "GOPS",
        "by": "Ewa Testowa",
        "rows": [["Udział w programie korekcyjnym", "do 31.12", "zgłoszony"]],
        "abuse": "nie wiadomo",
        "referral": True,
    }
    [record] = load(ui_context, procedure_id).forms
    assert record.content["obligations"] == [
        ["Udział w programie korekcyjnym", "do 31.12", "rozpoczęty"]
    ]


def test_a_record_is_shown_against_its_own_version(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = person(ui_context, procedure_id, Role.VICTIM)
    ui_context.register.forms.save(
        procedure_id, FormData("NK-C", TODAY, victim, {"first_act": FIRST_ACT})
    )
    monkeypatch.setitem(form_rules.CURRENT_VERSIONS, "NK-C", "2099")  # a newer form, no file
    procedure = load(ui_context, procedure_id)
    dialog = FormRecordDialog(ui_context, procedure, "NK-C", procedure.forms[0])
    qtbot.addWidget(dialog)
    definition = forms.definition("NK-C", "2023")
    # Every field of its own version, but its date, which the header asks once.
    assert list(dialog.content_widgets) == [
        f.id for s in definition.sections for f in s.fields if f.id != "meeting_date"
    ]
    assert dialog.content() == {"first_act": FIRST_ACT}


def test_deleting_asks_naming_the_record_then_removes_it(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = person(ui_context, procedure_id, Role.VICTIM)
    filled = TODAY - dt.timedelta(days=1)
    ui_context.register.forms.save(procedure_id, FormData("NK-B", STARTED, victim))
    ui_context.register.forms.save(procedure_id, FormData("NK-C", filled, victim))
    window = opened(qtbot, ui_context, procedure_id)
    tab = window.forms_tab
    tab.table.selectRow(1)
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [asked.text.splitlines()[0] for asked in questions.asked] == [
        f"Czy na pewno usunąć formularz NK-C z {filled:%d.%m.%Y} (Anna Próbna)?"
    ]
    assert questions.asked[0].default == QMessageBox.StandardButton.No
    assert len(load(ui_context, procedure_id).forms) == 2

    questions.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert [r.form for r in load(ui_context, procedure_id).forms] == ["NK-B"]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.data(tab.model.index(0, 1)) == "NK-B (przekazanie)"


def test_the_plan_table_grows_as_she_types_and_keys_add_and_remove_rows(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = FormRecordDialog(ui_context, load(ui_context, procedure_id), "NK-C")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    rows = plan(dialog)
    table = rows.table
    assert table.rowCount() == 1 and not rows.remove_button.isEnabled()
    table.setFocus()
    table.setCurrentCell(0, 0)
    type_keys("Pierwsze")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)
    type_keys("Trzecie")
    press(qtbot, Qt.Key.Key_Return)
    assert table.rowCount() == 3

    table.setCurrentCell(0, 0)
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert table.currentRow() == 1, "the new row comes under the current one"
    type_keys("Drugie")
    press(qtbot, Qt.Key.Key_Return)
    assert [cells[0] for cells in rows.value()] == ["Pierwsze", "Drugie", "Trzecie"]

    table.setCurrentCell(0, 0)
    assert rows.remove_button.isEnabled()
    press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert [cells[0] for cells in rows.value()] == ["Drugie", "Trzecie"]
    table.setCurrentCell(table.rowCount() - 1, table.columnCount() - 1)
    press(qtbot, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is table, "Tab in the last cell ends the typing"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is rows.add_button, "the next Tab leaves the table"

    questions = answer_save_questions(monkeypatch, CANCEL)
    dialog.reject()
    assert len(questions.asked) == 1, "typed rows are unsaved work"
    assert dialog.isVisible()


def test_a_person_the_form_may_no_longer_name_is_shown_and_the_save_says_why(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    child = person(ui_context, procedure_id, Role.HOUSEHOLD_MEMBER)
    ui_context.register.forms.save(procedure_id, FormData("NK-B", TODAY, child))
    ui_context.register.participants.save(
        procedure_id,
        ParticipantData(PersonData("Zosia", "Próbna"), Role.PERPETRATOR),
        person_id=child,
    )
    procedure = load(ui_context, procedure_id)
    dialog = FormRecordDialog(ui_context, procedure, "NK-B", procedure.forms[0])
    qtbot.addWidget(dialog)
    assert dialog.person_combo.currentText() == f"{CHILD}, osoba stosująca przemoc domową"

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("NK-B nie może trafić do osoby stosującej przemoc")
    assert dialog.focusWidget() is dialog.person_combo
    assert load(ui_context, procedure_id).forms[0].person_id == child
