"""One table model for every list: columns are declared, rows are plain records.

Sorting is delegated to a callback when given (the procedures list sorts in the
service, in Polish order), else done here with the Polish sort key.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView

from app.domain.text import polish_sort_key
from ui.i18n import format_date

Row = TypeVar("Row")
MUTED_COLOUR = QColor("#6b6b6b")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    """`muted(row)` marks a cell holding a stand-in rather than data (e.g. a masked
    protected address): it is drawn in grey italics."""

    header: str
    value: Callable[[Row], Any]
    sort_key: str | None = None
    muted: Callable[[Row], bool] | None = None
    colour: Callable[[Row], str | None] | None = None
    """The cell's text colour (a deadline gone by in red), or None for the usual."""


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(
        self,
        columns: Sequence[Column[Row]],
        sorter: Callable[[str, bool], None] | None = None,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._sorter = sorter

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column, row = self._columns[index.column()], self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display(column.value(row))
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            if colour is not None:
                return QColor(colour)
        if column.muted is None or not column.muted(row):
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return MUTED_COLOUR
        return None

    def replace_rows(self, change: Callable[[Row], Row]) -> None:
        """Swap each record for `change(record)` in place: order and selection stay."""
        self._rows = [change(row) for row in self._rows]
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        spec = self._columns[column]
        if self._sorter is not None and spec.sort_key is not None:
            self._sorter(spec.sort_key, descending)
            return

        def key(row: Row) -> Any:
            value = spec.value(row)
            if isinstance(value, str):
                return (0, polish_sort_key(value))
            return (1, value) if value is not None else (2, 0)

        self.beginResetModel()
        self._rows.sort(key=key, reverse=descending)
        self.endResetModel()


def selected_row(view: QAbstractItemView, model: RecordTableModel[Row]) -> Row | None:
    """The record in the view's selected row; record tables select one whole row at a time."""
    rows = view.selectionModel().selectedRows()
    return model.row_at(rows[0].row()) if rows else None
