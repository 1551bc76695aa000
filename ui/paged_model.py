"""A table model for long lists: rows arrive a page at a time as the user scrolls.

The view asks `canFetchMore`/`fetchMore` when the user nears the end of what is loaded;
the model then asks for the next page through `fetch_page`, which runs the query off the
GUI thread and calls back with a `Page`. A page answering an older query (the search
text changed meanwhile) is dropped.
"""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.records import Page
from ui.table_model import Column, display

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100

# fetch_page(offset, limit, deliver) runs the list's query and calls deliver(page) later.
PageFetcher = Callable[[int, int, Callable[[Page[Row]], None]], None]


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(
        self,
        columns: Sequence[Column[Row]],
        sorter: Callable[[str, bool], None],
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._sorter = sorter
        self.page_size = page_size
        self._rows: list[Row] = []
        self._total = 0
        self._fetch: PageFetcher[Row] | None = None
        self._generation = 0
        self._fetching = False

    @property
    def total(self) -> int:
        """How many rows the whole list has (loaded or not)."""
        return self._total

    def show(self, first: Page[Row], fetch_page: PageFetcher[Row]) -> None:
        """Start over with a new query's first page; later pages come from `fetch_page`."""
        self._generation += 1
        self._fetching = False
        self.beginResetModel()
        self._rows, self._total, self._fetch = list(first.rows), first.total, fetch_page
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or self._fetch is None or self._fetching:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        self._fetching = True
        generation = self._generation

        def deliver(page: Page[Row]) -> None:
            if generation != self._generation:
                return  # answers a query that has since been replaced
            self._fetching = False
            self._append(page)

        self._fetch(len(self._rows), self.page_size, deliver)

    def _append(self, page: Page[Row]) -> None:
        """Add a page below the loaded rows; a short page means the list ends there."""
        if page.offset != len(self._rows):
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        if len(page.rows) < self.page_size:
            self._total = len(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display(self._columns[index.column()].value(self._rows[index.row()]))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the query's job: ask for the list again in the new order."""
        key = self._columns[column].sort_key
        if key is not None:
            self._sorter(key, order == Qt.SortOrder.DescendingOrder)
