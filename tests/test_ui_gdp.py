"""The GDP tab: creating the group from the overview's next step hands the NK-A over,
its meetings are listed and a new one starts from the tab or the next step."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.enums import CourseEvent, MeetingKind, MeetingStatus
from tests.support.clock import TODAY
from tests.support.meeting_cases import FILLED, build_team, gdp_meeting
from ui import overview_tab
from ui.context import AppContext
from ui.gdp_dialog import GdpDialog
from ui.procedure_window import ProcedureWindow

pytestmark = pytest.mark.usefixtures("no_error_shown")


def opened(qtbot: QtBot, ui_context: AppContext, procedure_id: int) -> ProcedureWindow:
    window = ProcedureWindow(ui_context, procedure_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.overview_tab.next_label.text() != "")
    return window


def tick(dialog: GdpDialog, label_start: str) -> None:
    for row in range(dialog.members_list.count()):
        item = dialog.members_list.item(row)
        if item.text().startswith(label_start):
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(label_start)


def test_the_next_step_creates_the_group_and_hands_the_nka_over(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = build_team(ui_context.register, gdp=False)
    window = opened(qtbot, ui_context, team.procedure_id)
    tab = window.overview_tab
    assert tab.next_label.text().startswith("Utworzyć grupę diagnostyczno-pomocową")
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)

    def create(dialog: GdpDialog) -> int:
        assert dialog.windowTitle() == "Utworzenie grupy diagnostyczno-pomocowej"
        assert dialog.passed_edit.value() == TODAY, "handing over today is offered"
        qtbot.keyClicks(dialog.filter_edit, "dzielni")
        visible = [
            dialog.members_list.item(r).text()
            for r in range(dialog.members_list.count())
            if not dialog.members_list.item(r).isHidden()
        ]
        assert visible == ["Testowy Piotr — dzielnicowy, Posterunek Policji w Zmyślinie"]
        dialog.filter_edit.clear()
        tick(dialog, "Próbna Ewa")
        tick(dialog, "Testowy Piotr")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.result() != 0)
        return dialog.result()

    monkeypatch.setattr(GdpDialog, "exec", create)
    qtbot.mouseClick(tab.do_button, Qt.MouseButton.LeftButton)
    assert asked == [
        "Bez oświadczenia o zachowaniu poufności: Testowy Piotr.\nDodać do grupy mimo to?"
    ]
    qtbot.waitUntil(lambda: window.gdp_tab.has_gdp())
    assert "Testowy Piotr — dzielnicowy" in window.gdp_tab.gdp_label.text()
    assert "brak oświadczenia o poufności" in window.gdp_tab.gdp_label.text()
    qtbot.waitUntil(lambda: not tab.next_label.text().startswith("Utworzyć grupę"))
    events = [e.kind for e in ui_context.register.course.view(team.procedure_id).events]
    assert CourseEvent.NKA_PASSED_TO_GDP in events


def test_declining_the_confidentiality_question_saves_nothing(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = build_team(ui_context.register, gdp=False)
    contacts = ui_context.register.zi.contacts()
    dialog = GdpDialog(ui_context, team.procedure_id, None, contacts)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No)
    tick(dialog, "Testowy Piotr")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ui_context.register.gdp.view(team.procedure_id) is None
    assert dialog.member_ids() == [team.officer_id], "the ticks stay as they were"


def test_a_group_without_members_is_refused_inline(qtbot: QtBot, ui_context: AppContext) -> None:
    team = build_team(ui_context.register, gdp=False)
    dialog = GdpDialog(ui_context, team.procedure_id, None, ui_context.register.zi.contacts())
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.text() != "")
    assert dialog.error_label.text().startswith("Wybierz członków grupy")
    assert dialog.members_list.hasFocus()


def test_the_tab_lists_the_meetings_and_the_next_step_starts_one(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = build_team(ui_context.register)
    register = ui_context.register
    register.course.add_event(team.procedure_id, CourseEvent.PERPETRATOR_PRESENT_AT_OPENING, FILLED)
    register.meetings.save(gdp_meeting(team, dt.date(2026, 12, 2), team.victim_id))
    window = opened(qtbot, ui_context, team.procedure_id)
    table = window.gdp_tab.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert [table.item(0, c).text() for c in range(7)] == [
        "02.12.2026",
        "10:00–11:00",
        MeetingStatus.PLANNED.label,
        "Zmyślona Anna",
        "2",
        "",
        "GOPS, pokój 4",
    ]
    started: list[tuple[MeetingKind, int | None]] = []
    monkeypatch.setattr(
        overview_tab,
        "new_meeting",
        lambda _c, _p, kind, procedure_id=None, day=None: started.append((kind, procedure_id)),
    )
    assert window.overview_tab.next_label.text().startswith("Zwołać pierwsze")
    qtbot.mouseClick(window.overview_tab.do_button, Qt.MouseButton.LeftButton)
    assert started == [(MeetingKind.GDP, team.procedure_id)]
    opened_ids: list[int] = []
    monkeypatch.setattr(
        "ui.gdp_tab.open_meeting", lambda _c, _p, meeting_id: opened_ids.append(meeting_id)
    )
    window.tabs.setCurrentWidget(window.gdp_tab)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened_ids == [register.meetings.for_procedure(team.procedure_id)[0].id]
