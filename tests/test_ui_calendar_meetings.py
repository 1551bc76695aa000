"""Meetings and her own appointments on the „Kalendarz” page: at their hours, in their
layers, opened by Enter; a new appointment typed in with the keyboard."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import MeetingKind
from app.services.appointments import AppointmentData
from app.services.calendar import CalendarService, Layer
from app.services.meetings import MeetingData
from tests.qt_typing import type_text
from tests.support.meeting_cases import Team, build_team, gdp_meeting
from ui.appointment_dialog import AppointmentDialog
from ui.calendar_view import CalendarView
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.meeting_dialog import MeetingDialog

pytestmark = pytest.mark.usefixtures("no_error_shown")
AGENDA = 2
DAY = dt.date(2026, 12, 2)


@pytest.fixture
def team(ui_context: AppContext) -> Team:
    register = ui_context.register
    team = build_team(register)
    register.meetings.save(gdp_meeting(team, DAY))
    register.meetings.save(
        MeetingData(MeetingKind.ZI, DAY, dt.time(8), dt.time(9), place="Urząd Gminy")
    )
    register.appointments.save(AppointmentData(DAY, "Szkolenie z procedury", dt.time(13)))
    return team


@pytest.fixture
def view(qtbot: QtBot, ui_context: AppContext, team: Team) -> CalendarView:
    shown = CalendarView(ui_context)
    qtbot.addWidget(shown)
    shown.resize(1200, 900)
    with qtbot.waitActive(shown):
        shown.show()
    return shown


def lines_of(items: QListWidget) -> list[str]:
    return [items.item(row).text().split("\n")[0] for row in range(items.count())]


def day_lines(view: CalendarView) -> list[str]:
    row, column = divmod((DAY - view.span()[0]).days, 7)
    view.month_view.grid.setCurrentCell(row, column)
    return lines_of(view.month_view.day_list)


def test_meetings_and_appointments_show_at_their_hours_and_their_layers_switch(
    view: CalendarView,
) -> None:
    assert day_lines(view) == [
        "08:00 posiedzenie ZI",
        "10:00 NK/1/2026: posiedzenie GDP · Zmyślona Anna",
        "13:00 Szkolenie z procedury",
    ]
    view.layer_checks[Layer.ZI_MEETINGS].setChecked(False)
    view.layer_checks[Layer.OWN].setChecked(False)
    assert day_lines(view) == ["10:00 NK/1/2026: posiedzenie GDP · Zmyślona Anna"]
    view.layer_checks[Layer.GDP_MEETINGS].setChecked(False)
    assert day_lines(view) == []
    view.layer_checks[Layer.OWN].setChecked(True)
    assert day_lines(view) == ["13:00 Szkolenie z procedury"]


def test_the_layers_answer_their_alt_keys(qtbot: QtBot, view: CalendarView) -> None:
    grid = view.month_view.grid
    grid.setFocus()
    for layer, key in ((Layer.ZI_MEETINGS, Qt.Key.Key_O), (Layer.OWN, Qt.Key.Key_J)):
        check = view.layer_checks[layer]
        qtbot.keyClick(grid, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda check=check: not check.isChecked())  # an animated click


def test_enter_in_the_agenda_opens_the_meeting_dialog(
    qtbot: QtBot, view: CalendarView, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def look(dialog: MeetingDialog) -> int:
        shown.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(MeetingDialog, "exec", look)
    view.show_view(AGENDA)
    items = view.agenda_view.list
    row = lines_of(items).index("10:00 NK/1/2026: posiedzenie GDP · Zmyślona Anna")
    items.setCurrentRow(row)
    with qtbot.assertNotEmitted(view.open_requested):
        qtbot.keyClick(items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["Posiedzenie GDP, NK/1/2026, 02.12.2026"]


def test_a_new_appointment_typed_with_the_keyboard_lands_on_its_day(
    qtbot: QtBot, view: CalendarView, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: AppointmentDialog) -> int:
        with qtbot.waitActive(dialog):
            dialog.show()
        dialog.day_edit.line.selectAll()
        type_text(dialog.day_edit.line, "03.12.2026")
        dialog.timed_check.setFocus()
        qtbot.keyClick(dialog.timed_check, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.timed_check, Qt.Key.Key_Tab)
        qtbot.waitUntil(dialog.starts_edit.hasFocus)  # Tab goes from the tick to the hour
        qtbot.keyClicks(dialog.starts_edit, "1430")
        type_text(dialog.title_edit, "Rozprawa w sądzie rodzinnym")
        type_text(dialog.number_edit, "NK/1/2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() != 0)
        return dialog.result()

    monkeypatch.setattr(AppointmentDialog, "exec", fill)
    view.month_view.grid.setFocus()
    qtbot.keyClick(view.month_view.grid, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: bool(
            ui_context.register.calendar.items(DAY, DAY + dt.timedelta(1), [Layer.OWN]).items[1:]
        )
    )
    items = ui_context.register.calendar.items(
        dt.date(2026, 12, 3), dt.date(2026, 12, 3), [Layer.OWN]
    ).items
    assert [(i.time, i.title) for i in items] == [
        (dt.time(14, 30), "NK/1/2026: Rozprawa w sądzie rodzinnym")
    ]


def test_an_unknown_procedure_number_is_refused_inline(
    qtbot: QtBot, ui_context: AppContext, team: Team
) -> None:
    dialog = AppointmentDialog(ui_context, None, day=DAY)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    assert not dialog.delete_button.isVisible(), "nothing stored to delete yet"
    type_text(dialog.title_edit, "Wizyta")
    type_text(dialog.number_edit, "NK/99/2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.text() != "")
    assert dialog.error_label.text() == "Nie ma procedury o numerze NK/99/2026."
    assert dialog.number_edit.hasFocus() and dialog.title_edit.text() == "Wizyta"


def test_the_hidden_calendar_waits_until_it_is_shown(
    qtbot: QtBot, ui_context: AppContext, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[dt.date] = []
    original = CalendarService.items

    def counted(service: CalendarService, first: dt.date, *rest: object) -> object:
        asked.append(first)
        return original(service, first, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(CalendarService, "items", counted)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    ui_context.ops.write(window, lambda reg: reg.appointments.save(AppointmentData(DAY, "Kurs")))
    assert asked == [], "the Sprawy page is in front: no month is read"
    window.show_page(1)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "13:00 Szkolenie z procedury" in day_lines(window.calendar_view)
