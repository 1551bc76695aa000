"""The procedure window opens on its course: the next step, its button, deadlines, events."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.enums import CourseEvent as E
from app.domain.enums import Role
from app.services.records import NkaData, ParticipantData, PersonData
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.context import AppContext
from ui.course_dialogs import CourseEventDialog, ReasonDialog
from ui.procedure_window import ProcedureWindow

pytestmark = pytest.mark.usefixtures("no_error_shown")
FILLED = dt.date(2026, 11, 23)  # Monday: 5 working days → 30.11 (today)


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    register = ui_context.register
    created = register.procedures.create(FILLED).record_id
    assert created is not None
    for first, role in (("Alicja", Role.VICTIM), ("Bogdan", Role.PERPETRATOR)):
        register.participants.save(created, ParticipantData(PersonData(first, "Wzorcowa"), role))
    people = [p.person.id for p in register.procedures.detail(created).participants]
    register.nka.save(
        created,
        NkaData(
            filled_on=FILLED,
            filled_by_service="police",
            content={"nkb_handed": True},
            person_ids=people,
        ),
    )
    return created


def opened(qtbot: QtBot, ui_context: AppContext, procedure_id: int) -> ProcedureWindow:
    window = ProcedureWindow(ui_context, procedure_id)
    qtbot.addWidget(window)
    window.show()
    return window


def column(window: ProcedureWindow, number: int) -> list[str]:
    table = window.overview_tab.deadlines_table
    return [table.item(row, number).text() for row in range(table.rowCount())]


def test_the_window_opens_on_the_next_step_the_law_requires(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    window = opened(qtbot, ui_context, procedure_id)
    assert window.tabs.currentWidget() is window.overview_tab
    tab = window.overview_tab
    assert tab.next_label.text() == (
        "Przekazać NK-A przewodniczącemu zespołu interdyscyplinarnego — do 30.11.2026 "
        "(5 dni roboczych, § 7)"
    )
    assert column(window, 0) == ["NK-A u przewodniczącego ZI", "NK-B u osoby doznającej przemocy"]
    assert column(window, 3) == ["30.11.2026", "23.11.2026"]
    assert column(window, 5) == ["termin blisko", "dotrzymany"]
    assert tab.people_label.text() == (
        "Doznające przemocy: Alicja Wzorcowa · Stosujące przemoc: Bogdan Wzorcowa"
    )


def test_the_next_steps_button_records_it_and_the_clock_moves_on(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened(qtbot, ui_context, procedure_id)
    tab = window.overview_tab

    def save_as_offered(dialog: CourseEventDialog) -> int:
        assert dialog.kind() is E.NKA_RECEIVED_BY_CHAIR
        assert dialog.nka_combo.currentText() == "NK-A nr 1 z 23.11.2026"
        assert dialog.date_edit.value() == TODAY
        dialog.date_edit.line.selectAll()
        type_text(dialog.date_edit.line, "26.11.2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CourseEventDialog, "exec", save_as_offered)
    qtbot.mouseClick(tab.do_button, Qt.MouseButton.LeftButton)

    assert column(window, 5)[0] == "dotrzymany"
    assert tab.events_table.item(0, 1).text() == (
        "NK-A otrzymana przez przewodniczącego ZI (NK-A nr 1)"
    )
    # 3 working days from Thursday 26.11 → Tuesday 1.12.
    assert tab.next_label.text() == (
        "Utworzyć grupę diagnostyczno-pomocową i przekazać NK-A jej członkom — do 01.12.2026 "
        "(3 dni robocze, § 7)"
    )
    nka_tab_record = ui_context.register.procedures.detail(procedure_id).nka_records[0]
    assert nka_tab_record.received_by_chair_on == dt.date(2026, 11, 26)


def test_a_late_step_takes_a_reason_and_shows_it(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = ui_context.register
    record = register.procedures.detail(procedure_id).nka_records[0]
    register.nka.save(
        procedure_id,
        NkaData(filled_on=FILLED, filled_by_service="police", person_ids=list(record.person_ids)),
        record.id,
    )
    register.course.add_event(
        procedure_id, E.NKB_HANDED, dt.date(2026, 11, 25), nka_record_id=record.id
    )
    window = opened(qtbot, ui_context, procedure_id)
    tab = window.overview_tab
    assert column(window, 5)[1] == "po terminie (2 dn. rob.)"
    assert not tab.reason_button.isEnabled()
    tab.deadlines_table.selectRow(1)
    assert tab.reason_button.isEnabled()

    def give_reason(dialog: ReasonDialog) -> int:
        type_text(dialog.reason_edit, "Osoba nieobecna w domu do 25.11.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", give_reason)
    qtbot.mouseClick(tab.reason_button, Qt.MouseButton.LeftButton)
    assert column(window, 7)[1] == "Osoba nieobecna w domu do 25.11."


def test_the_event_form_offers_only_the_people_a_step_is_about(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    detail = ui_context.register.procedures.detail(procedure_id)
    dialog = CourseEventDialog(ui_context, detail, kind=E.NKD_FILLED)
    qtbot.addWidget(dialog)
    people = [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]
    assert people == ["— (nie wskazano)", "Bogdan Wzorcowa"]
    assert not dialog.nka_combo.isEnabled()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(E.NKB_HANDED))
    assert dialog.nka_combo.isEnabled() and not dialog.person_combo.isEnabled()
    assert dialog.hint.text() == "Ten krok dotyczy jednego formularza NK-A."


def test_a_refused_step_keeps_the_form_open_with_the_reason(
    qtbot: QtBot, ui_context: AppContext, procedure_id: int
) -> None:
    detail = ui_context.register.procedures.detail(procedure_id)
    dialog = CourseEventDialog(ui_context, detail, kind=E.NKA_PASSED_TO_GDP)
    qtbot.addWidget(dialog)
    dialog.date_edit.line.selectAll()
    type_text(dialog.date_edit.line, "20.11.2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == (
        "Data (NK-A przekazana członkom GDP) nie może być wcześniejsza niż wszczęcie "
        "procedury (23.11.2026)."
    )
    assert ui_context.register.course.view(procedure_id).events == ()
    assert dialog.isVisible() or dialog.result() == 0


def test_a_procedure_without_an_nka_asks_for_it_first(qtbot: QtBot, ui_context: AppContext) -> None:
    created = ui_context.register.procedures.create(TODAY).record_id
    assert created is not None
    window = opened(qtbot, ui_context, created)
    assert window.overview_tab.next_label.text() == (
        "Zapisz formularz NK-A (zakładka „Formularze NK-A”): od jego daty liczą się terminy."
    )
    assert not window.overview_tab.do_button.isEnabled()
