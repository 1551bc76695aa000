"""A table model for long lists: rows arrive a page at a time as the user scrolls.

The view asks `canFetchMore`/`fetchMore` when the user nears the end of what is loaded;
the model then asks for the next page through `fetch_page`, which runs the query off the
GUI thread and calls back with a `Page`. A page answering an older query (the search
text changed meanwhile) is dropped.
"""

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt

from app.services.records import Page
from ui.table_model import AnyIndex, Column, RecordTableModel

Row = TypeVar("Row")

PAGE_SIZE = 100

# fetch_page(offset, limit, deliver) runs the list's query and calls deliver(page) later.
PageFetcher = Callable[[int, int, Callable[[Page[Row]], None]], None]


class PagedTableModel(RecordTableModel[Row]):
    """A record table whose rows come a page at a time; sorting always re-queries."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        sorter: Callable[[str, bool], None],
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(columns, sorter)
        self._query_sorter = sorter
        self.page_size = page_size
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the query's job: ask for the list again in the new order."""
        key = self._columns[column].sort_key
        if key is not None:
            self._query_sorter(key, order == Qt.SortOrder.DescendingOrder)
