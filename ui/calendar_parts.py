"""The three views of the „Kalendarz” page — month, week, agenda — and how an item looks.

Each view is handed the loaded items and draws them; activating an item hands it on by
`item_opened`, and the page opens its meeting, its appointment or its procedure. Colours
follow „Dziś i zaległe”: red for an overdue deadline, amber for one close, plain for one
in time, grey-blue for what has already happened (a recorded step, a visit, a meeting).
The red and the amber are a shade darker than that table's, so small text stays readable
(contrast 4.5:1 or more) on the grey of weekends, the pink of holidays and the light
blue of the chosen day.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.typed_dates import WEEKDAYS, spelled_out
from app.domain.workdays import FIRST_YEAR, LAST_YEAR, holiday_name
from app.services.calendar import MONTH_GRID_DAYS, CalendarItem, CalendarItems, Tone

TONE_COLOURS = {
    Tone.OVERDUE: "#b71c1c",
    Tone.DUE_SOON: "#8a5300",
    Tone.PENDING: "#1b1b1b",
    Tone.DONE: "#455a64",
}
WEEKEND_BACKGROUND = "#eeeeee"
HOLIDAY_BACKGROUND = "#fde8e8"
HOLIDAY_COLOUR = "#a31515"
OTHER_MONTH_COLOUR = "#757575"
TODAY_COLOUR = "#0b57d0"
SELECTED_BACKGROUND = "#dde9fd"
TOOLTIP_ITEMS = 12
_CELL_LABELS = 12  # a month cell never needs more lines than this, however tall
_ITEM = Qt.ItemDataRole.UserRole  # the CalendarItem a row or cell stands for


def holiday(day: dt.date) -> str | None:
    """The public holiday on `day`; None also outside the years the holiday data covers,
    so paging far ahead never fails."""
    return holiday_name(day) if FIRST_YEAR <= day.year <= LAST_YEAR else None


def free_day_background(day: dt.date) -> QColor | None:
    """Holidays light red, Saturdays and Sundays grey; working days keep the view's own."""
    if holiday(day) is not None:
        return QColor(HOLIDAY_BACKGROUND)
    if day.weekday() >= 5:
        return QColor(WEEKEND_BACKGROUND)
    return None


def _time(item: CalendarItem) -> str:
    return f"{item.time:%H:%M} " if item.time is not None else ""


def cell_line(item: CalendarItem) -> str:
    """One line of a month cell (today's cell counts the overdue ones in its heading)."""
    return f"{_time(item)}{item.title}"


def week_text(item: CalendarItem) -> str:
    """A week cell: the number on a line of its own, so a narrow column never breaks it."""
    late = f"zaległe od {item.due_on:%d.%m}" if item.carried and item.due_on else ""
    lines = [late, f"{_time(item)}{item.number}", item.what, item.victims]
    return "\n".join(line for line in lines if line)


def headline(item: CalendarItem) -> str:
    """What and whom on one line; an overdue deadline repeated on today says so first."""
    late = f"Zaległe od {item.due_on:%d.%m.%Y} — " if item.carried and item.due_on else ""
    who = f" · {item.victims}" if item.victims else ""
    return f"{_time(item)}{late}{item.title}{who}"


def full_text(item: CalendarItem) -> str:
    """Two lines for a list: the headline, then what the law requires or the note."""
    return f"{headline(item)}\n{item.detail}" if item.detail else headline(item)


def by_day(items: Sequence[CalendarItem]) -> dict[dt.date, list[CalendarItem]]:
    days: dict[dt.date, list[CalendarItem]] = defaultdict(list)
    for item in items:
        days[item.day].append(item)
    return days


def day_heading(day: dt.date, today: dt.date) -> str:
    """„czwartek, 24 grudnia 2026 — Wigilia Bożego Narodzenia”, „… — dziś”."""
    parts = [spelled_out(day)]
    if day == today:
        parts.append("dziś")
    name = holiday(day)
    if name is not None:
        parts.append(name)
    return " — ".join(parts)


def entries(count: int) -> str:
    """„brak wpisów”, „1 wpis”, „3 wpisy”, „5 wpisów”."""
    if count == 0:
        return "brak wpisów"
    if count == 1:
        return "1 wpis"
    few = count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14)
    return f"{count} {'wpisy' if few else 'wpisów'}"


def left_out(shown: CalendarItems) -> int:
    """Overdue procedures today does not repeat (beyond OVERDUE_ON_TODAY)."""
    repeated = {item.procedure_id for item in shown.items if item.carried}
    return max(0, shown.overdue - len(repeated))


def left_out_note(count: int) -> str:
    return (
        f"Pozostałe procedury z zaległym terminem: {count} — wszystkie pokazuje lista Sprawy "
        "z zaznaczonym „Tylko zaległe”."
    )


class _KeepColour(QStyledItemDelegate):
    """A selected item keeps its own colour, so an overdue one stays red when chosen."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush):
            option.palette.setBrush(QPalette.ColorRole.HighlightedText, foreground)


def light_selection(view: QAbstractItemView) -> None:
    """A light highlight that every tone's colour can be read on."""
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTED_BACKGROUND))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(TONE_COLOURS[Tone.PENDING]))
    view.setPalette(palette)
    view.setItemDelegate(_KeepColour(view))


def _tooltip(items: Sequence[CalendarItem]) -> str:
    lines = [headline(item) for item in items[:TOOLTIP_ITEMS]]
    if len(items) > TOOLTIP_ITEMS:
        lines.append(f"… i {len(items) - TOOLTIP_ITEMS} więcej")
    return "\n".join(lines)


class _ItemList(QListWidget):
    """Items as two-line rows (optionally under day headings); Enter opens the procedure."""

    item_opened = Signal(object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setSpacing(3)
        light_selection(self)
        self.itemActivated.connect(self._activated)

    def add_heading(self, text: str, background: QColor | None) -> None:
        row = QListWidgetItem(text)
        row.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.font())
        font.setBold(True)
        row.setFont(font)
        row.setForeground(QBrush(self.palette().color(QPalette.ColorRole.Text)))
        row.setBackground(QBrush(background or self.palette().color(QPalette.ColorRole.Window)))
        self.addItem(row)

    def add_note(self, text: str) -> None:
        row = QListWidgetItem(text)
        row.setFlags(Qt.ItemFlag.NoItemFlags)
        row.setForeground(QBrush(QColor(TONE_COLOURS[Tone.OVERDUE])))
        self.addItem(row)

    def add_day(self, items: Sequence[CalendarItem], overdue_left_out: int) -> None:
        """A day's items; on today, the note of overdue ones left out follows them."""
        repeated = sum(item.carried for item in items)  # they come first
        for item in items[:repeated]:
            self.add_entry(item)
        if repeated and overdue_left_out:
            self.add_note(left_out_note(overdue_left_out))
        for item in items[repeated:]:
            self.add_entry(item)

    def add_entry(self, item: CalendarItem) -> None:
        row = QListWidgetItem(full_text(item))
        row.setForeground(QBrush(QColor(TONE_COLOURS[item.tone])))
        row.setToolTip(full_text(item))
        row.setData(_ITEM, item)
        self.addItem(row)

    def select_first_entry(self) -> None:
        for row in range(self.count()):
            if self.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                self.setCurrentRow(row)
                return

    def _activated(self, row: QListWidgetItem) -> None:
        item = row.data(_ITEM)
        if isinstance(item, CalendarItem):
            self.item_opened.emit(item)


class _Line(QLabel):
    """One line of a month cell, cut with „…” to the cell's width instead of wrapping."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def show_text(self, text: str, colour: str, bold: bool = False) -> None:
        self._full = text
        palette = self.palette()
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, QColor(colour))  # inside an item view a label draws Text
        self.setPalette(palette)
        font = QFont(self.font())
        font.setBold(bold)
        self.setFont(font)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        mode = Qt.TextElideMode.ElideRight
        self.setText(self.fontMetrics().elidedText(self._full, mode, max(self.width(), 0)))


class _DayCell(QWidget):
    """A day of the month grid: its number (and holiday), then as many of its items as
    the cell's height allows, „+N” beside the number for the rest. Clicks go through to
    the grid, which owns selection and the keys. Made once and refilled on every load,
    so no replaced cell lingers on screen until it is deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._count = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.number = _Line()
        self.number.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(self.number)
        self.note = _Line()
        top.addWidget(self.note, 1)
        self.more = QLabel()
        top.addWidget(self.more)
        layout.addLayout(top)
        self.lines = [_Line() for _ in range(_CELL_LABELS)]
        for line in self.lines:
            layout.addWidget(line)
        layout.addStretch(1)

    def show_day(
        self, day: dt.date, items: Sequence[CalendarItem], month: int, today: dt.date, overdue: int
    ) -> None:
        colour = OTHER_MONTH_COLOUR if day.month != month else TONE_COLOURS[Tone.PENDING]
        if day == today:
            colour = TODAY_COLOUR
        self.number.show_text(f"{day.day} dziś" if day == today else str(day.day), colour, True)
        self.number.setFixedWidth(
            self.number.fontMetrics().horizontalAdvance(self.number.full_text()) + 2
        )
        notes = [f"zaległe: {overdue}"] if overdue else []
        notes += [name for name in (holiday(day),) if name]
        colour = TONE_COLOURS[Tone.OVERDUE] if overdue else HOLIDAY_COLOUR
        self.note.show_text(" · ".join(notes), colour, bool(overdue))
        for line, item in zip(self.lines, items, strict=False):
            line.show_text(cell_line(item), TONE_COLOURS[item.tone])
        self._count = len(items)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(0, self.height() - self.number.sizeHint().height() - 4)
        shown = min(room // max(1, self.fontMetrics().height()), self._count, len(self.lines))
        for index, line in enumerate(self.lines):
            line.setVisible(index < shown)
        hidden = self._count - shown
        self.more.setText(f"+{hidden}" if hidden > 0 else "")

    def shown_lines(self) -> list[str]:
        """The item lines in view, as typed (not cut): what the tests read."""
        return [line.full_text() for line in self.lines if line.isVisibleTo(self)]


class MonthView(QWidget):
    """Six weeks from the Monday before the 1st; the chosen day's items in a list below.

    Arrows move between days, a click or a move shows that day's items below; Enter
    moves into that list, where Enter opens the procedure."""

    item_opened = Signal(object)
    day_chosen = Signal(object)  # dt.date

    def __init__(self) -> None:
        super().__init__()
        self._first = dt.date.min
        self._today = dt.date.min
        self._days: dict[dt.date, list[CalendarItem]] = {}
        self._left_out = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QTableWidget(MONTH_GRID_DAYS // 7, 7)
        self.grid.setHorizontalHeaderLabels(list(WEEKDAYS))
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setTabKeyNavigation(False)
        self.grid.setAccessibleName("Miesiąc")
        self.cells = [_DayCell() for _ in range(MONTH_GRID_DAYS)]
        for index, day_cell in enumerate(self.cells):
            self.grid.setCellWidget(*divmod(index, 7), day_cell)
        light_selection(self.grid)
        self.grid.currentCellChanged.connect(lambda row, column, *_: self._chosen(row, column))
        self.grid.cellActivated.connect(lambda *_: self._enter_day())
        layout.addWidget(self.grid, 4)
        self.day_label = QLabel()
        layout.addWidget(self.day_label)
        self.day_list = _ItemList("Wpisy wybranego dnia")
        self.day_list.item_opened.connect(self.item_opened)
        layout.addWidget(self.day_list, 1)

    def show_items(
        self, first: dt.date, chosen: dt.date, today: dt.date, shown: CalendarItems
    ) -> None:
        self._first, self._today, self._days = first, today, by_day(shown.items)
        self._left_out = left_out(shown)
        month = chosen.month
        self.grid.blockSignals(True)
        for index in range(MONTH_GRID_DAYS):
            day = first + dt.timedelta(days=index)
            row, column = divmod(index, 7)
            found = self._days.get(day, [])
            cell = QTableWidgetItem()
            background = free_day_background(day)
            if background is not None:
                cell.setBackground(QBrush(background))
            cell.setToolTip(_tooltip(found))
            cell.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{day_heading(day, today)}: {entries(len(found))}",
            )
            self.grid.setItem(row, column, cell)
            overdue = shown.overdue if day == today else 0
            self.cells[index].show_day(day, found, month, today, overdue)
        row, column = divmod((chosen - first).days, 7)
        self.grid.setCurrentCell(row, column)
        self.grid.blockSignals(False)
        self._show_day(chosen)

    def cell(self, day: dt.date) -> _DayCell:
        return self.cells[(day - self._first).days]

    def _chosen(self, row: int, column: int) -> None:
        if row < 0 or column < 0:
            return
        day = self._first + dt.timedelta(days=row * 7 + column)
        self._show_day(day)
        self.day_chosen.emit(day)

    def _show_day(self, day: dt.date) -> None:
        found = self._days.get(day, [])
        self.day_label.setText(f"{day_heading(day, self._today)} · {entries(len(found))}")
        self.day_list.clear()
        self.day_list.add_day(found, self._left_out if day == self._today else 0)

    def _enter_day(self) -> None:
        if self.day_list.count():
            self.day_list.setFocus()
            self.day_list.select_first_entry()


class WeekView(QWidget):
    """Seven columns, Monday to Sunday, one item per cell; Enter opens the procedure."""

    item_opened = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel("W tym tygodniu nie ma żadnych wpisów.")
        layout.addWidget(self.empty_label)
        self.table = QTableWidget(0, 7)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Tydzień")
        light_selection(self.table)
        self.table.itemActivated.connect(self._activated)
        layout.addWidget(self.table, 1)

    def show_items(
        self, first: dt.date, chosen: dt.date, today: dt.date, shown: CalendarItems
    ) -> None:
        days = by_day(shown.items)
        rows = max((len(found) for found in days.values()), default=0)
        self.empty_label.setVisible(rows == 0)
        self.table.clear()
        self.table.setRowCount(max(rows, 1))
        for column in range(7):
            day = first + dt.timedelta(days=column)
            lines = [WEEKDAYS[day.weekday()], f"{day:%d.%m}" + (" · dziś" if day == today else "")]
            name = holiday(day)
            header = QTableWidgetItem("\n".join([*lines, name] if name else lines))
            header.setToolTip(day_heading(day, today))
            if day == today:
                header.setForeground(QBrush(QColor(TODAY_COLOUR)))
            self.table.setHorizontalHeaderItem(column, header)
            found = days.get(day, [])
            background = free_day_background(day)
            for row in range(self.table.rowCount()):
                cell = QTableWidgetItem()
                if row < len(found):
                    item = found[row]
                    cell.setText(week_text(item))
                    cell.setToolTip(full_text(item))
                    cell.setForeground(QBrush(QColor(TONE_COLOURS[item.tone])))
                    cell.setData(_ITEM, item)
                else:
                    cell.setFlags(Qt.ItemFlag.NoItemFlags)
                if background is not None:
                    cell.setBackground(QBrush(background))
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        column = (chosen - first).days
        if days.get(chosen):
            self.table.setCurrentCell(0, column)

    def _activated(self, cell: QTableWidgetItem) -> None:
        item = cell.data(_ITEM)
        if isinstance(item, CalendarItem):
            self.item_opened.emit(item)


class AgendaView(QWidget):
    """Four weeks from the chosen day, grouped by day; starting today, it opens with what
    is overdue (in red), then what is due."""

    item_opened = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = _ItemList("Agenda")
        self.list.item_opened.connect(self.item_opened)
        layout.addWidget(self.list)

    def show_items(
        self, first: dt.date, chosen: dt.date, today: dt.date, shown: CalendarItems
    ) -> None:
        self.list.clear()
        if not shown.items:
            self.list.add_heading("W tych czterech tygodniach nie ma żadnych wpisów.", None)
            return
        overdue_left_out = left_out(shown)
        for day, found in by_day(shown.items).items():
            self.list.add_heading(day_heading(day, today), free_day_background(day))
            self.list.add_day(found, overdue_left_out if day == today else 0)
        self.list.select_first_entry()
