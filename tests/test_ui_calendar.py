"""The „Kalendarz” page's month, week and agenda: items on their days in their colours,
layers switched on and off, paging with the keys, and Enter opening the procedure."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import CourseEvent as E
from app.services.calendar import Layer, Tone
from tests.support.calendar_cases import fill
from tests.support.clock import TODAY
from ui.calendar_parts import HOLIDAY_BACKGROUND, TONE_COLOURS, WEEKEND_BACKGROUND
from ui.calendar_view import CalendarView
from ui.context import AppContext
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("no_error_shown")
MONTH, WEEK, AGENDA = range(3)


@pytest.fixture
def ids(ui_context: AppContext) -> dict[str, int]:
    return fill(ui_context.register)


@pytest.fixture
def view(qtbot: QtBot, ui_context: AppContext, ids: dict[str, int]) -> CalendarView:
    shown = CalendarView(ui_context)
    qtbot.addWidget(shown)
    shown.resize(1200, 900)
    with qtbot.waitActive(shown):  # the keys of the page are shortcuts: they need it
        shown.show()
    return shown


def day_items(view: CalendarView, day: dt.date) -> list[str]:
    """The first line of each item of `day` in the list under the month."""
    row, column = divmod((day - view.span()[0]).days, 7)
    view.month_view.grid.setCurrentCell(row, column)
    return first_lines(view.month_view.day_list)


def colour(label: QLabel) -> QColor:
    return label.palette().color(label.foregroundRole())


def first_lines(items: QListWidget) -> list[str]:
    return [items.item(row).text().split("\n")[0] for row in range(items.count())]


def test_the_month_shows_each_layer_on_its_day(view: CalendarView) -> None:
    assert view.period_label.text() == "listopad 2026"
    assert view.span() == (dt.date(2026, 10, 26), dt.date(2026, 12, 6))
    assert day_items(view, dt.date(2026, 11, 6)) == [
        "NK/1/2026: NK-A u członków GDP · Fikcyjna Olga"
    ]
    assert day_items(view, dt.date(2026, 11, 17)) == [
        "NK/3/2026: NK-A otrzymana przez przewodniczącego ZI · Fikcyjna Renata"
    ]
    assert day_items(view, dt.date(2026, 11, 20)) == ["NK/1/2026: wizyta · Fikcyjna Olga"]
    assert day_items(view, dt.date(2026, 11, 24)) == [
        "NK/3/2026: posiedzenie GDP · Fikcyjna Renata"
    ]
    assert day_items(view, dt.date(2026, 12, 3)) == [
        "NK/2/2026: NK-A u przewodniczącego ZI · Fikcyjna Stefania"
    ]
    assert day_items(view, TODAY) == [
        "Zaległe od 06.11.2026 — NK/1/2026: NK-A u członków GDP · Fikcyjna Olga"
    ]
    assert view.month_view.day_label.text() == "poniedziałek, 30 listopada 2026 — dziś · 1 wpis"
    today = view.month_view.cell(TODAY)
    assert today.note.text() == "zaległe: 1"
    assert today.shown_lines() == ["NK/1/2026: NK-A u członków GDP"]
    assert today.lines[0].palette().color(today.lines[0].foregroundRole()) == QColor(
        TONE_COLOURS[Tone.OVERDUE]
    )
    soon = view.month_view.cell(dt.date(2026, 12, 3))
    assert soon.lines[0].palette().color(soon.lines[0].foregroundRole()) == QColor(
        TONE_COLOURS[Tone.DUE_SOON]
    )
    assert "NK/4/2026" not in view.month_view.grid.item(0, 3).toolTip()  # closed: 4.11


def test_a_crowded_day_shows_what_fits_and_counts_the_rest(
    qtbot: QtBot, ui_context: AppContext, ids: dict[str, int]
) -> None:
    for _ in range(8):
        ui_context.register.course.add_event(ids["on_course"], E.GDP_MEETING, dt.date(2026, 11, 24))
    shown = CalendarView(ui_context)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    qtbot.waitExposed(shown)
    cell = shown.month_view.cell(dt.date(2026, 11, 24))
    visible = len(cell.shown_lines())
    assert 1 <= visible < 9
    assert cell.more.text() == f"+{9 - visible}"
    assert len(day_items(shown, dt.date(2026, 11, 24))) == 9, "the list below has them all"


def test_december_2026_starts_on_monday_30_11_and_marks_the_christmas_holidays(
    qtbot: QtBot, view: CalendarView
) -> None:
    view.month_view.grid.setFocus()
    qtbot.keyClick(view.month_view.grid, Qt.Key.Key_PageDown)
    assert view.period_label.text() == "grudzień 2026"
    assert view.span() == (dt.date(2026, 11, 30), dt.date(2027, 1, 10))
    grid = view.month_view.grid
    assert [grid.horizontalHeaderItem(c).text() for c in range(7)] == [
        "poniedziałek",
        "wtorek",
        "środa",
        "czwartek",
        "piątek",
        "sobota",
        "niedziela",
    ]
    assert view.month_view.cell(dt.date(2026, 11, 30)).number.text() == "30 dziś"
    for day, name in (
        (24, "Wigilia Bożego Narodzenia"),
        (25, "Boże Narodzenie (pierwszy dzień)"),
        (26, "Boże Narodzenie (drugi dzień)"),
    ):
        row, column = divmod((dt.date(2026, 12, day) - dt.date(2026, 11, 30)).days, 7)
        assert grid.item(row, column).background().color() == QColor(HOLIDAY_BACKGROUND)
        assert view.month_view.cell(dt.date(2026, 12, day)).note.full_text() == name
    assert grid.item(3, 6).background().color() == QColor(WEEKEND_BACKGROUND)  # Sunday 27.12
    assert grid.item(3, 0).background().style() == Qt.BrushStyle.NoBrush  # Monday 21.12

    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    assert view.period_label.text() == "październik 2026"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.period_label.text() == "listopad 2026"
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert view.period_label.text() == "listopad 2026"
    assert view.chosen_day() == TODAY


def test_a_day_of_the_next_month_turns_the_page_to_it(qtbot: QtBot, view: CalendarView) -> None:
    view.month_view.grid.setCurrentCell(5, 3)  # Thursday 3.12 in November's grid
    assert view.period_label.text() == "grudzień 2026"
    assert view.chosen_day() == dt.date(2026, 12, 3)
    assert first_lines(view.month_view.day_list) == [
        "NK/2/2026: NK-A u przewodniczącego ZI · Fikcyjna Stefania"
    ]


def test_switching_layers_off_removes_their_items_from_month_and_agenda(
    view: CalendarView,
) -> None:
    view.layer_checks[Layer.DEADLINES].setChecked(False)
    assert day_items(view, dt.date(2026, 11, 6)) == []
    assert day_items(view, TODAY) == []
    assert view.month_view.cell(TODAY).note.text() == ""
    assert day_items(view, dt.date(2026, 11, 24)) == [
        "NK/3/2026: posiedzenie GDP · Fikcyjna Renata"
    ]
    view.layer_checks[Layer.GDP_MEETINGS].setChecked(False)
    view.layer_checks[Layer.VISITS].setChecked(False)
    assert day_items(view, dt.date(2026, 11, 24)) == []
    assert day_items(view, dt.date(2026, 11, 20)) == []
    assert day_items(view, dt.date(2026, 11, 17)) != [], "steps are still on"

    view.go_today()
    view.show_view(AGENDA)
    assert first_lines(view.agenda_view.list) == [
        "W tych czterech tygodniach nie ma żadnych wpisów."
    ]
    view.layer_checks[Layer.DEADLINES].setChecked(True)
    assert first_lines(view.agenda_view.list)[0] == "poniedziałek, 30 listopada 2026 — dziś"


def test_the_agenda_starts_today_with_the_overdue_in_red(view: CalendarView) -> None:
    view.show_view(AGENDA)
    assert view.period_label.text() == "30.11.2026 – 27.12.2026"
    items = view.agenda_view.list
    assert first_lines(items) == [
        "poniedziałek, 30 listopada 2026 — dziś",
        "Zaległe od 06.11.2026 — NK/1/2026: NK-A u członków GDP · Fikcyjna Olga",
        "czwartek, 3 grudnia 2026",
        "NK/2/2026: NK-A u przewodniczącego ZI · Fikcyjna Stefania",
    ]
    assert items.item(1).foreground().color() == QColor(TONE_COLOURS[Tone.OVERDUE])
    assert items.item(3).foreground().color() == QColor(TONE_COLOURS[Tone.DUE_SOON])
    assert items.currentRow() == 1, "the first overdue one is chosen, ready for Enter"
    assert not items.item(0).flags() & Qt.ItemFlag.ItemIsSelectable


def test_the_week_lays_out_seven_days(qtbot: QtBot, view: CalendarView) -> None:
    view.show_view(WEEK)
    table = view.week_view.table
    assert view.period_label.text() == "30.11.2026 – 06.12.2026"
    assert table.horizontalHeaderItem(0).text() == "poniedziałek\n30.11 · dziś"
    assert table.item(0, 0).text() == (
        "zaległe od 06.11\nNK/1/2026\nNK-A u członków GDP\nFikcyjna Olga"
    )
    assert table.item(0, 3).text().startswith("NK/2/2026\nNK-A u przewodniczącego ZI")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_PageUp)
    assert view.period_label.text() == "23.11.2026 – 29.11.2026"
    assert table.item(0, 1).text().startswith("NK/3/2026\nposiedzenie GDP")


def test_the_views_answer_their_alt_keys(qtbot: QtBot, view: CalendarView) -> None:
    grid = view.month_view.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.agenda_view)  # an animated click
    qtbot.keyClick(view.agenda_view.list, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.week_view)
    assert "(Alt+T)" in view.view_buttons.button(WEEK).toolTip()
    assert view.next_button.toolTip() == "Następny tydzień (PgDn)"


def test_enter_in_the_agenda_opens_the_procedure_window(
    qtbot: QtBot, ui_context: AppContext, ids: dict[str, int]
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page(1)
    page = window.calendar_view
    page.show_view(AGENDA)
    items = page.agenda_view.list
    items.setCurrentRow(3)  # NK/2/2026, due 3.12
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(items, Qt.Key.Key_Return)
    assert opened.args == [ids["soon"]]
    procedure = window.procedure_windows[ids["soon"]]
    assert procedure.isVisible()
    assert procedure.tabs.currentWidget() is procedure.overview_tab


def test_enter_on_a_day_moves_into_its_items_and_enter_opens_one(
    qtbot: QtBot, view: CalendarView, ids: dict[str, int]
) -> None:
    grid = view.month_view.grid
    row, column = divmod((dt.date(2026, 11, 24) - view.span()[0]).days, 7)
    grid.setFocus()
    grid.setCurrentCell(row, column)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    day_list = view.month_view.day_list
    assert day_list.hasFocus() and day_list.currentRow() == 0
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(day_list, Qt.Key.Key_Return)
    assert opened.args == [ids["on_course"]]


def test_a_change_to_a_procedure_redraws_the_calendar(
    qtbot: QtBot, ui_context: AppContext, view: CalendarView, ids: dict[str, int]
) -> None:
    ui_context.ops.write(
        view, lambda reg: reg.course.add_event(ids["on_course"], E.GDP_MEETING, TODAY)
    )
    assert day_items(view, TODAY)[-1] == "NK/3/2026: posiedzenie GDP · Fikcyjna Renata"
