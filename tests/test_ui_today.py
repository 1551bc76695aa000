"""„Dziś i zaległe” after unlocking, and the next deadline in the procedures list."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.services.procedures import ProcedureQuery
from tests.support.calendar_cases import opened_procedure
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.procedures_view import NEXT_DUE_HEADER, OVERDUE_COLOUR, SOON_COLOUR, ProceduresView
from ui.today_view import TodayView

pytestmark = pytest.mark.usefixtures("no_error_shown")


@pytest.fixture
def procedures(ui_context: AppContext) -> dict[str, int]:
    """Overdue (NK-B never handed, 2.11), due soon (NK-A to the chair by 2.12), closed,
    and one with no NK-A yet; today is Monday 30.11.2026."""
    overdue = opened_procedure(ui_context.register, dt.date(2026, 11, 2), "Olga", nkb=False)
    soon = opened_procedure(ui_context.register, dt.date(2026, 11, 25), "Stefania", nkb=True)
    closed = opened_procedure(ui_context.register, dt.date(2026, 11, 3), "Celina", nkb=False)
    ui_context.register.procedures.close(closed, dt.date(2026, 11, 20), "no_grounds", "")
    empty = ui_context.register.procedures.create(dt.date(2026, 11, 30)).record_id
    assert empty is not None
    return {"overdue": overdue, "soon": soon, "closed": closed, "empty": empty}


def test_today_lists_the_overdue_in_red_first_and_enter_opens_it(
    qtbot: QtBot, ui_context: AppContext, procedures: dict[str, int]
) -> None:
    view = TodayView(ui_context)
    qtbot.addWidget(view)
    table = view.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [row[:3] for row in rows] == [
        ["02.11.2026", "NK/1/2026", "Fikcyjna Olga"],
        ["02.12.2026", "NK/2/2026", "Fikcyjna Stefania"],
    ]
    assert rows[0][3].startswith("Przekazać formularz NK-B osobie doznającej przemocy — termin")
    assert table.item(0, 0).foreground().color() == QColor("#c62828")
    assert table.item(1, 0).foreground().color() == QColor("#b26a00")
    assert view.summary_label.text() == (
        "Zaległe: 1 · termin w ciągu 3 dni roboczych: 1. Enter otwiera procedurę."
    )
    with qtbot.waitSignal(view.open_requested) as opened:
        table.setCurrentCell(0, 1)
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [procedures["overdue"]]


def test_after_unlocking_the_main_window_shows_what_is_due_first(
    qtbot: QtBot, ui_context: AppContext, procedures: dict[str, int]
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show_due_if_any()
    assert window.stack.currentWidget() is window.calendar_view
    assert window.nav_actions[1].isChecked()


def test_with_nothing_due_the_main_window_opens_on_the_procedures(
    qtbot: QtBot, ui_context: AppContext
) -> None:
    ui_context.register.procedures.create(dt.date(2026, 11, 30))
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show_due_if_any()
    assert window.stack.currentWidget() is window.procedures_view
    summary = window.calendar_view.today_view.summary_label.text()
    assert summary.startswith("Nic nie jest zaległe ani pilne")


def test_the_list_shows_the_next_deadline_filters_overdue_and_sorts_by_it(
    qtbot: QtBot, ui_context: AppContext, procedures: dict[str, int]
) -> None:
    view = ProceduresView(ui_context)
    qtbot.addWidget(view)
    model = view.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == NEXT_DUE_HEADER
    )
    shown = {
        model.index(r, 0).data(): (
            model.index(r, column).data(),
            model.index(r, column).data(Qt.ItemDataRole.ForegroundRole),
        )
        for r in range(model.rowCount())
    }
    assert shown == {
        "NK/1/2026": ("02.11.2026", QColor(OVERDUE_COLOUR)),
        "NK/2/2026": ("02.12.2026", QColor(SOON_COLOUR)),
        "NK/3/2026": ("", None),
        "NK/4/2026": ("", None),
    }

    view.overdue_check.setChecked(True)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["NK/1/2026"]

    view.overdue_check.setChecked(False)
    view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    numbers = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert numbers[:2] == ["NK/1/2026", "NK/2/2026"], "no deadline sorts last"


def test_the_overdue_filter_is_a_query_the_service_answers_in_sql(
    ui_context: AppContext, procedures: dict[str, int]
) -> None:
    rows = ui_context.register.procedures.list(ProcedureQuery(overdue=True, text="olga"))
    assert [r.id for r in rows] == [procedures["overdue"]]
    assert ui_context.register.procedures.list(ProcedureQuery(overdue=True, text="stefania")) == []
