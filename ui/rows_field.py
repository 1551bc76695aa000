"""A `rows` field of a form (the NK-C help plan, the NK-D obligations) as an editable table.

The last row is always empty: typing in it adds the next one, so there is nothing to
press before writing a new line. Enter or F2 edits a cell and Enter ends the editing;
while typing, Tab goes on to the next cell and stops at the last one, and outside the
cells Tab leaves the table. Ctrl++ adds a row below the current one, Ctrl+- removes it.
"""

from PySide6.QtCore import QKeyCombination, QModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.unsaved import untracked
from ui.widgets import add_shortcut

Rows = list[list[str]]
ADD_KEYS = QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Plus))
REMOVE_KEYS = QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Minus))
KEYS_HINT = (
    "Enter albo F2 — wpisywanie w komórce, Enter — koniec wpisywania, "
    "Tab — następna komórka. Nowy wiersz pojawia się sam pod ostatnim."
)
FIRST_COLUMN_WEIGHT = 2  # the first column (e.g. "Działanie") holds the longest text
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RowsTable(QTableWidget):
    """The cells of the table, sized to show every row (the form scrolls, not the table)."""

    def __init__(self, columns: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels(list(columns))
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().sectionResized.connect(self._fit_height)
        self.model().rowsInserted.connect(self._fit_height)
        self.model().rowsRemoved.connect(self._fit_height)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter on a cell starts typing in it (Qt would only report the cell activated)."""
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in _ENTER_KEYS and not plain and not editing:
            if self.currentIndex().isValid():
                self.edit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def moveCursor(  # noqa: N802
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab while typing stops at the last cell instead of starting over at the first."""
        current = self.currentIndex()
        last = (self.rowCount() - 1, self.columnCount() - 1)
        if action == QAbstractItemView.CursorAction.MoveNext and (
            (current.row(), current.column()) == last
        ):
            return QModelIndex()
        if action == QAbstractItemView.CursorAction.MovePrevious and (
            (current.row(), current.column()) == (0, 0)
        ):
            return QModelIndex()
        return super().moveCursor(action, modifiers)

    def commit_editing(self) -> None:
        """A cell still being typed in counts as written (Ctrl+Enter saves mid-cell)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width out: the first column twice as wide as each other one."""
        count = self.columnCount()
        shares = FIRST_COLUMN_WEIGHT + count - 1
        width = self.viewport().width()
        used = 0
        for column in range(count):
            weight = FIRST_COLUMN_WEIGHT if column == 0 else 1
            part = width - used if column == count - 1 else width * weight // shares
            self.setColumnWidth(column, part)
            used += part

    def _fit_height(self) -> None:
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        self.setFixedHeight(self.horizontalHeader().height() + rows + 2 * self.frameWidth())


class RowsField(QWidget):
    """The table with its „Dodaj wiersz” and „Usuń wiersz” buttons; the value is the
    filled rows, each a list of its column texts, wholly empty rows left out."""

    def __init__(self, columns: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RowsTable(columns)
        untracked(self.table)  # a cell editor is no field; the form tracks `value()` itself
        self.table.setToolTip(KEYS_HINT)
        self.add_button = QPushButton("Dodaj wiersz")
        self.add_button.setToolTip("Dodaje pusty wiersz pod bieżącym (Ctrl++).")
        self.remove_button = QPushButton("Usuń wiersz")
        self.remove_button.setToolTip("Usuwa bieżący wiersz (Ctrl+-).")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut  # also while typing in a cell
        add_shortcut(self.table, ADD_KEYS, self.add_row, context)
        add_shortcut(self.table, REMOVE_KEYS, self.remove_row, context)
        self.table.itemChanged.connect(self._keep_empty_last_row)
        self.table.currentCellChanged.connect(self._update_buttons)
        self._keep_empty_last_row()

    def value(self) -> Rows:
        self.table.commit_editing()
        rows = [self._texts(row) for row in range(self.table.rowCount())]
        return [cells for cells in rows if any(cells)]

    def set_value(self, rows: Rows) -> None:
        with QSignalBlocker(self.table):  # filling is not typing: no empty row between
            self.table.setRowCount(len(rows))
            for row, cells in enumerate(rows):
                for column, text in enumerate(cells[: self.table.columnCount()]):
                    self.table.setItem(row, column, QTableWidgetItem(text))
        self._keep_empty_last_row()

    def add_row(self) -> None:
        """An empty row below the current one (or the empty last row), ready for typing."""
        table = self.table
        table.commit_editing()
        last, current = table.rowCount() - 1, table.currentRow()
        if current < 0 or current >= last:
            self._start_typing(last)
            return
        below = current + 1
        if not self._is_empty(below):
            table.insertRow(below)
        self._start_typing(below)

    def remove_row(self) -> None:
        """Remove the current row; the empty last row stays, it is where new rows begin."""
        table = self.table
        row, column = table.currentRow(), max(table.currentColumn(), 0)
        if row < 0 or row == table.rowCount() - 1:
            return
        table.removeRow(row)
        table.setCurrentCell(min(row, table.rowCount() - 1), column)
        table.setFocus()
        self._update_buttons()

    def _start_typing(self, row: int) -> None:
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)
        self.table.edit(self.table.currentIndex())

    def _texts(self, row: int) -> list[str]:
        items = (self.table.item(row, column) for column in range(self.table.columnCount()))
        return [item.text().strip() if item is not None else "" for item in items]

    def _is_empty(self, row: int) -> bool:
        return row >= self.table.rowCount() or not any(self._texts(row))

    def _keep_empty_last_row(self) -> None:
        """Typing in the empty last row makes it a row of the table and opens a new one."""
        if self.table.rowCount() == 0 or not self._is_empty(self.table.rowCount() - 1):
            self.table.insertRow(self.table.rowCount())
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        self.remove_button.setEnabled(0 <= row < self.table.rowCount() - 1)
