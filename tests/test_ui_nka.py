"""NK-A tab and dialog on a real encrypted DB: entry, lossless editing, validation, deletion."""

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain import nka_form, pesel
from app.domain.enums import InitiatorService, InstitutionType, Role, Sex
from app.domain.procedure_rules import NKA_NAMES_BOTH
from app.services.changes import Changes
from app.services.nka import NkaService
from app.services.records import InstitutionData, NkaData, ParticipantData, PersonData
from app.services.views import NkaView, ProcedureDetail
from tests.qt_questions import CANCEL, DISCARD, answer_questions, answer_save_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from tests.support.nka_people import nka_people
from ui import operations
from ui.context import AppContext
from ui.form_fields import ChecklistWidget
from ui.nka_dialog import UNVERIFIED_NOTE, NkaDialog
from ui.nka_tab import NkaTab
from ui.widgets import DateField

STARTED = TODAY - dt.timedelta(days=30)
DESCRIPTION = "Mąż uderzył żonę w twarz i wyzywał ją przy dzieciach; sąsiadka wezwała Policję."
WIDGET_TYPES: dict[str, type[QWidget]] = {
    "text": QLineEdit,
    "longtext": QPlainTextEdit,
    "date": DateField,
    "choice": QComboBox,
    "bool": QCheckBox,
    "checklist": ChecklistWidget,
}


def click_box(qtbot: QtBot, check: QCheckBox) -> None:
    """Click the tick box itself: a check box in a stretched grid column is wider than its text."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert check.isChecked()


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question box left by a test (e.g. when closing a changed form) must not block."""
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    """A procedure with a victim, a perpetrator and a child of the household."""
    changes = ui_context.register.procedures.create(STARTED)
    assert changes.record_id is not None
    for first, last, role in (
        ("Anna", "Nowak", Role.VICTIM),
        ("Jan", "Nowak", Role.PERPETRATOR),
        ("Zośka", "Nowak", Role.HOUSEHOLD_MEMBER),
    ):
        ui_context.register.participants.save(
            changes.record_id, ParticipantData(PersonData(first, last), role)
        )
    return changes.record_id


def load(context: AppContext, procedure_id: int) -> ProcedureDetail:
    """The procedure as its window gets it."""
    return context.register.procedures.detail(procedure_id)


def person_ids(procedure: ProcedureDetail) -> dict[Role, int]:
    return {p.role: p.person.id for p in procedure.participants}


def only_record(context: AppContext, procedure_id: int) -> NkaView:
    [record] = load(context, procedure_id).nka_records
    return record


def full_content() -> dict[str, Any]:
    """A value for every field of the definition, as the service stores it."""
    values: dict[str, Any] = {}
    for section in nka_form.definition().sections:
        for item in section.fields:
            if item.type == "checklist":
                checklist: dict[str, Any] = {"selected": list(item.options[:2])}
                if item.allow_other:
                    checklist["other"] = f"inne: {item.label} — żółć"
                values[item.id] = {k: v for k, v in checklist.items() if v}
            else:
                values[item.id] = {
                    "text": f"{item.label} — źdźbło",
                    "longtext": f"{item.label}\ndruga linia — ąęłńóśźż",
                    "date": (TODAY - dt.timedelta(days=3)).isoformat(),
                    "choice": item.options[-1] if item.options else None,
                    "bool": True,
                }[item.type]
    return values


def test_every_field_of_the_definition_has_its_widget(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    dialog = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    form = nka_form.definition()
    fields = [item for section in form.sections for item in section.fields]
    assert set(dialog.content_widgets) == {item.id for item in fields}
    for item in fields:
        assert isinstance(dialog.content_widgets[item.id], WIDGET_TYPES[item.type]), item.id
        if item.type == "checklist":
            widget = dialog.content_widgets[item.id]
            assert isinstance(widget, ChecklistWidget)
            assert list(widget.checks) == list(item.options)
            assert (widget.other_edit is not None) == item.allow_other
    titles = {box.title() for box in dialog.findChildren(QGroupBox)}
    for section in form.sections:
        expected = f"{section.number}. {section.title}" if section.number else section.title
        assert (expected in titles) == bool(section.fields), "register parts are edited above"
    if any(section.confidence != "high" for section in form.sections):
        notes = [label.text() for label in dialog.findChildren(QLabel)]
        assert notes.count(UNVERIFIED_NOTE) == 1, "said once per form, not on every section"


def test_new_nka_is_saved_with_its_content_and_people_and_listed_as_first(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    institution = ui_context.register.institutions.save(
        InstitutionData(name="Komisariat Policji w Łące", type=InstitutionType.POLICE)
    ).record_id
    procedure = load(ui_context, procedure_id)
    people = person_ids(procedure)
    dialog = NkaDialog(ui_context, procedure)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == f"Nowy formularz NK-A — {procedure.number}"
    assert dialog.checked_person_ids() == [people[Role.VICTIM], people[Role.PERPETRATOR]]

    filled_on = TODAY - dt.timedelta(days=2)
    dialog.filled_on_edit.set_value(filled_on)
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findText("funkcjonariusz Policji"))
    assert not dialog.service_other_edit.isEnabled()
    dialog.institution_combo.setCurrentIndex(dialog.institution_combo.findData(institution))
    type_text(dialog.filled_by_edit, "st. sierż. Paweł Żak")
    physical = dialog.content_widgets["physical"]
    psychological = dialog.content_widgets["psychological"]
    assert isinstance(physical, ChecklistWidget) and isinstance(psychological, ChecklistWidget)
    click_box(qtbot, physical.checks["bicie"])
    click_box(qtbot, psychological.checks["wyzywanie"])
    injuries = dialog.content_widgets["injuries_present"]
    assert isinstance(injuries, QComboBox) and injuries.currentText() == "—"
    injuries.setCurrentIndex(injuries.findText("tak"))
    type_text(dialog.content_widgets["description"], DESCRIPTION)

    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    record = only_record(ui_context, procedure_id)
    assert record.content == {
        "description": DESCRIPTION,
        "physical": {"selected": ["bicie"]},
        "psychological": {"selected": ["wyzywanie"]},
        "injuries_present": "tak",
    }
    assert sorted(record.person_ids) == sorted([people[Role.VICTIM], people[Role.PERPETRATOR]])
    assert (record.filled_on, record.filled_by_service) == (filled_on, InitiatorService.POLICE)
    assert record.filled_by_institution_id == institution
    assert record.filled_by_institution_name == "Komisariat Policji w Łące"
    assert record.filled_by_name == "st. sierż. Paweł Żak"
    assert record.received_by_chair_on is None

    tab = NkaTab(ui_context)
    qtbot.addWidget(tab)
    tab.set_procedure(load(ui_context, procedure_id))
    assert tab.model.rowCount() == 1
    cells = [
        tab.model.data(tab.model.index(0, column)) for column in range(tab.model.columnCount())
    ]
    assert cells == [
        "1 — pierwszy (wszczęcie)",
        filled_on.strftime("%d.%m.%Y"),
        "funkcjonariusz Policji",
        "Komisariat Policji w Łące",
        "st. sierż. Paweł Żak",
        "—",
        "fizyczna, psychiczna",
    ]


def test_editing_is_lossless_and_keeps_the_ticks(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    people = person_ids(load(ui_context, procedure_id))
    filled_on = TODAY - dt.timedelta(days=5)
    ui_context.register.nka.save(
        procedure_id,
        NkaData(
            filled_on=filled_on,
            filled_by_service=InitiatorService.OTHER,
            filled_by_service_other="kurator sądowy",
            filled_place="Łąka, ul. Polna 3",
            filled_by_institution_name="Sąd Rejonowy w Łące",
            filled_by_name="Halina Źrebiec",
            received_by_chair_on=filled_on + dt.timedelta(days=1),
            content=full_content(),
            person_ids=[
                people[Role.VICTIM],
                people[Role.PERPETRATOR],
                people[Role.HOUSEHOLD_MEMBER],
            ],
        ),
    )
    record = only_record(ui_context, procedure_id)
    procedure = load(ui_context, procedure_id)
    dialog = NkaDialog(ui_context, procedure, record)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Formularz NK-A z {filled_on:%d.%m.%Y} — {procedure.number}"
    assert dialog.service_other_edit.isEnabled()
    assert dialog.value() == NkaData(
        filled_on=record.filled_on,
        filled_by_service=record.filled_by_service,
        filled_place=record.filled_place,
        filled_by_service_other=record.filled_by_service_other,
        filled_by_institution_id=None,
        filled_by_institution_name=record.filled_by_institution_name,
        filled_by_name=record.filled_by_name,
        received_by_chair_on=record.received_by_chair_on,
        content=record.content,
        person_ids=list(record.person_ids),
    )

    physical = dialog.content_widgets["physical"]
    assert isinstance(physical, ChecklistWidget)
    physical.checks["bicie"].setChecked(False)
    physical.checks["duszenie"].setChecked(True)
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    edited = only_record(ui_context, procedure_id)
    assert edited.id == record.id
    expected = {**record.content, "physical": {**record.content["physical"]}}
    expected["physical"]["selected"] = ["szarpanie", "duszenie"]
    assert edited.content == expected

    reopened = NkaDialog(ui_context, load(ui_context, procedure_id), edited)
    qtbot.addWidget(reopened)
    physical = reopened.content_widgets["physical"]
    assert isinstance(physical, ChecklistWidget)
    ticked = [option for option, check in physical.checks.items() if check.isChecked()]
    assert ticked == ["szarpanie", "duszenie"]
    assert reopened.content() == edited.content
    assert reopened.checked_person_ids() == [
        people[Role.VICTIM],
        people[Role.PERPETRATOR],
        people[Role.HOUSEHOLD_MEMBER],
    ]


def test_directory_link_of_a_record_survives_editing(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    institution = ui_context.register.institutions.save(
        InstitutionData(name="Szkoła Podstawowa w Łące", type=InstitutionType.SCHOOL)
    ).record_id
    ui_context.register.nka.save(
        procedure_id,
        NkaData(
            filled_on=TODAY,
            filled_by_service=InitiatorService.TEACHER,
            filled_by_institution_id=institution,
            filled_by_institution_name="SP Łąka",
            person_ids=nka_people(ui_context.register.context, procedure_id),
        ),
    )
    dialog = NkaDialog(
        ui_context, load(ui_context, procedure_id), only_record(ui_context, procedure_id)
    )
    qtbot.addWidget(dialog)
    assert dialog.institution_combo.currentText() == "SP Łąka"
    assert (dialog.value().filled_by_institution_id, dialog.value().filled_by_institution_name) == (
        institution,
        "SP Łąka",
    )
    dialog.institution_combo.setEditText("Przedszkole nr 1")
    assert dialog.value().filled_by_institution_id is None


def test_an_untouched_form_naming_a_directory_entry_closes_without_asking(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "Komisariat Policji w Łące"
    ui_context.register.institutions.save(InstitutionData(name=name, type=InstitutionType.POLICE))
    ui_context.register.nka.save(
        procedure_id,
        NkaData(
            filled_on=TODAY,
            filled_by_service="police",
            filled_by_institution_name=name,
            person_ids=nka_people(ui_context.register.context, procedure_id),
        ),
    )
    dialog = NkaDialog(
        ui_context, load(ui_context, procedure_id), only_record(ui_context, procedure_id)
    )
    qtbot.addWidget(dialog)
    assert dialog.institution_combo.isEnabled()
    assert dialog.institution_combo.currentText() == name
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    dialog.reject()
    assert questions.asked == [] and dialog.result() == QDialog.DialogCode.Rejected


def test_rejected_save_keeps_the_dialog_open_with_the_message(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    dialog = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    type_text(dialog.content_widgets["description"], DESCRIPTION)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Wybierz służbę, która wypełniła formularz."
    assert dialog.focusWidget() is dialog.service_combo

    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.POLICE))
    dialog.filled_on_edit.set_value(TODAY - dt.timedelta(days=1))
    dialog.received_edit.set_value(TODAY - dt.timedelta(days=4))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.error_label.text() == (
        "Przewodniczący ZI nie mógł otrzymać formularza przed jego wypełnieniem."
    )
    assert not dialog.error_label.isHidden()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.focusWidget() is dialog.received_edit.line
    assert load(ui_context, procedure_id).nka_records == ()
    description = dialog.content_widgets["description"]
    assert isinstance(description, QPlainTextEdit)
    assert description.toPlainText() == DESCRIPTION


def test_an_unexpected_failure_does_not_leave_the_form_stuck(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    presented: list[BaseException] = []
    monkeypatch.setattr(operations, "show_error", lambda _parent, exc: presented.append(exc))

    def broken_save(*_args: object) -> Changes:
        raise RuntimeError("błąd programu")

    monkeypatch.setattr(NkaService, "save", broken_save)
    dialog = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.POLICE))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [type(exc) for exc in presented] == [RuntimeError]
    assert dialog.save_button.isEnabled()
    questions = answer_save_questions(monkeypatch, DISCARD)
    dialog.reject()
    assert len(questions.asked) == 1, "the chosen service is unsaved work"
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_closing_a_changed_form_asks_first(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    questions = answer_save_questions(monkeypatch, CANCEL)
    type_text(dialog.place_edit, "Łąka")
    dialog.reject()
    assert len(questions.asked) == 1 and finished == []

    questions.answer = DISCARD
    dialog.reject()
    assert finished == [QDialog.DialogCode.Rejected]

    untouched = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(untouched)
    questions = answer_save_questions(monkeypatch, CANCEL)
    untouched.reject()
    assert questions.asked == [] and untouched.result() == QDialog.DialogCode.Rejected


def test_scrolling_over_a_choice_does_not_change_it(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    dialog = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    combo = dialog.content_widgets["firearm_access"]
    assert isinstance(combo, QComboBox)
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, wheel)
    assert combo.currentIndex() == 0


def test_tab_edits_the_selected_record_and_deletes_only_after_yes(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for days in (1, 9):
        ui_context.register.nka.save(
            procedure_id,
            NkaData(
                filled_on=TODAY - dt.timedelta(days=days),
                filled_by_service="police",
                person_ids=nka_people(ui_context.register.context, procedure_id),
            ),
        )
    tab = NkaTab(ui_context)
    qtbot.addWidget(tab)
    ui_context.changed.connect(lambda _: tab.set_procedure(load(ui_context, procedure_id)))
    assert not tab.add_button.isEnabled()
    tab.set_procedure(load(ui_context, procedure_id))
    assert tab.add_button.isEnabled() and not tab.edit_button.isEnabled()
    assert [tab.model.data(tab.model.index(row, 0)) for row in range(2)] == [
        "1 — pierwszy (wszczęcie)",
        "2 — kolejny",
    ]

    opened: list[int | None] = []
    monkeypatch.setattr(NkaDialog, "exec", lambda self: opened.append(self._record_id) or 0)
    tab.table.selectRow(1)
    later = tab.selected_record()
    assert later is not None and later.filled_on == TODAY - dt.timedelta(days=1)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    with qtbot.waitActive(tab):
        tab.show()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    first = tab.table.visualRect(tab.model.index(0, 1)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    earlier = tab.model.row_at(0)
    assert opened == [later.id, later.id, earlier.id]
    assert tab.selected_record() is earlier

    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert f"z {earlier.filled_on:%d.%m.%Y}?" in questions.asked[0].text
    assert "wszczęto procedurę" in questions.asked[0].text
    assert len(load(ui_context, procedure_id).nka_records) == 2

    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    [left] = load(ui_context, procedure_id).nka_records
    assert left.id == later.id
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 0)) == "1 — pierwszy (wszczęcie)"


def test_choosing_another_service_warns_that_the_law_has_no_place_for_it(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    dialog = NkaDialog(ui_context, load(ui_context, procedure_id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.service_warning.isVisible()
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.OTHER))
    assert dialog.service_warning.isVisible()
    assert "art. 9a ust. 11–11d" in dialog.service_warning.text()
    assert dialog.service_other_edit.isEnabled()
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.POLICE))
    assert not dialog.service_warning.isVisible()


# --- whom the form names (Reg. § 2 ust. 4) and a perpetrator's age (Act art. 2 ust. 1 pkt 3)


def _case(
    context: AppContext, started: dt.date, *people: tuple[PersonData, Role]
) -> ProcedureDetail:
    created = context.register.procedures.create(started).record_id
    assert created is not None
    for person, role in people:
        context.register.participants.save(created, ParticipantData(person, role))
    return load(context, created)


def _police_form(qtbot: QtBot, context: AppContext, procedure: ProcedureDetail) -> NkaDialog:
    dialog = NkaDialog(context, procedure)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.POLICE))
    type_text(dialog.content_widgets["description"], DESCRIPTION)
    return dialog


def _untick(dialog: NkaDialog, person_id: int) -> None:
    for row in range(dialog.person_model.rowCount()):
        item = dialog.person_model.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == person_id:
            item.setCheckState(Qt.CheckState.Unchecked)


def _description(dialog: NkaDialog) -> str:
    widget = dialog.content_widgets["description"]
    assert isinstance(widget, QPlainTextEdit)
    return widget.toPlainText()


def test_leaving_out_a_perpetrator_asks_and_no_keeps_everything_typed(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    procedure = _case(
        ui_context,
        STARTED,
        (PersonData("Anna", "Nowak"), Role.VICTIM),
        (PersonData("Jan", "Nowak"), Role.PERPETRATOR),
        (PersonData("Piotr", "Nowak"), Role.PERPETRATOR),
    )
    anna, jan, piotr = (p.person.id for p in procedure.participants)
    dialog = _police_form(qtbot, ui_context, procedure)
    _untick(dialog, piotr)
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [(q.text, q.default) for q in questions.asked] == [
        (
            "Formularz NK-A powinien wskazywać wszystkie osoby doznające przemocy i stosujące "
            "przemoc w tej procedurze (rozp. § 2 ust. 4). Nie zaznaczono: Piotr Nowak. "
            "Zapisać mimo to?",
            QMessageBox.StandardButton.No,
        )
    ]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert load(ui_context, procedure.id).nka_records == ()
    assert dialog.checked_person_ids() == [anna, jan]
    assert _description(dialog) == DESCRIPTION
    assert dialog.service_combo.currentData() == InitiatorService.POLICE
    assert dialog.focusWidget() is dialog.person_list

    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sorted(only_record(ui_context, procedure.id).person_ids) == sorted([anna, jan])


def test_a_form_without_a_perpetrator_is_refused_in_the_dialog_without_asking(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    procedure = load(ui_context, procedure_id)
    dialog = _police_form(qtbot, ui_context, procedure)
    _untick(dialog, person_ids(procedure)[Role.PERPETRATOR])
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert questions.asked == [], "no question about a form the register refuses anyway"
    assert dialog.error_label.text() == NKA_NAMES_BOTH
    assert dialog.isVisible() and dialog.focusWidget() is dialog.person_list
    assert load(ui_context, procedure_id).nka_records == ()
    assert dialog.checked_person_ids() == [person_ids(procedure)[Role.VICTIM]]
    assert _description(dialog) == DESCRIPTION


def test_a_perpetrator_under_18_on_the_filled_date_is_warned_about(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    procedure = _case(
        ui_context,
        STARTED,
        (PersonData("Anna", "Nowak"), Role.VICTIM),
        (
            PersonData("Kacper", "Nowak", birth_date=STARTED.replace(year=STARTED.year - 16)),
            Role.PERPETRATOR,
        ),
    )
    dialog = _police_form(qtbot, ui_context, procedure)
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [(q.text, q.default) for q in questions.asked] == [
        (
            "Kacper Nowak ma według daty urodzenia 16 lat. Osoba stosująca przemoc domową to "
            "osoba pełnoletnia (ustawa art. 2 ust. 1 pkt 3). Zapisać mimo to?",
            QMessageBox.StandardButton.No,
        )
    ]
    assert dialog.isVisible() and load(ui_context, procedure.id).nka_records == ()
    assert _description(dialog) == DESCRIPTION

    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(load(ui_context, procedure.id).nka_records) == 1


def test_a_perpetrator_s_age_is_read_from_the_pesel_when_no_birth_date_is_recorded(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older record may hold the PESEL alone."""
    born = STARTED.replace(year=STARTED.year - 17)
    procedure = _case(
        ui_context,
        STARTED,
        (PersonData("Anna", "Nowak"), Role.VICTIM),
        (PersonData("Kacper", "Nowak", pesel=pesel.encode(born, 321, Sex.MALE)), Role.PERPETRATOR),
    )
    pesel_only = replace(
        procedure,
        participants=tuple(
            replace(p, person=replace(p.person, birth_date=None)) for p in procedure.participants
        ),
    )
    dialog = _police_form(qtbot, ui_context, pesel_only)
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [asked] = questions.asked
    assert asked.text.startswith("Kacper Nowak ma według daty urodzenia 17 lat.")
    assert load(ui_context, procedure.id).nka_records == ()


@pytest.mark.parametrize(
    ("born", "filled", "age"),
    [
        (dt.date(2008, 10, 31), dt.date(2026, 10, 31), None),  # 18 that very day
        (dt.date(2008, 11, 1), dt.date(2026, 10, 31), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), None),  # Civil Code art. 112
        (dt.date(2008, 2, 29), dt.date(2026, 2, 27), 17),
    ],
)
def test_a_perpetrator_is_an_adult_from_the_start_of_the_18th_birthday(
    ui_context: AppContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    born: dt.date,
    filled: dt.date,
    age: int | None,
) -> None:
    procedure = _case(
        ui_context,
        dt.date(2026, 2, 2),
        (PersonData("Anna", "Nowak"), Role.VICTIM),
        (PersonData("Kacper", "Nowak", birth_date=born), Role.PERPETRATOR),
    )
    dialog = _police_form(qtbot, ui_context, procedure)
    dialog.filled_on_edit.set_value(filled)
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    if age is None:
        assert questions.asked == []
        assert [r.filled_on for r in load(ui_context, procedure.id).nka_records] == [filled]
    else:
        [asked] = questions.asked
        assert asked.text.startswith(f"Kacper Nowak ma według daty urodzenia {age} lat.")
        assert load(ui_context, procedure.id).nka_records == ()
