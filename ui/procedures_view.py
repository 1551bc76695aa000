"""The "Sprawy" page: procedures list with search-as-you-type, filters and sorting."""

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import DUE_SOON_WORKING_DAYS
from app.domain.enums import ProcedureStatus
from app.domain.workdays import add_working_days
from app.services import search_text
from app.services.changes import Changes, Entity
from app.services.procedures import ProcedureQuery
from app.services.records import Page, ProcedureRow
from app.services.register import Register
from ui.context import AppContext
from ui.empty_notice import EmptyNotice, quoted
from ui.operations import LatestOnly
from ui.paged_model import PAGE_SIZE, PagedTableModel
from ui.table_model import Column
from ui.widgets import confirm, record_table

SEARCH_DELAY_MS = 200

COLUMNS: list[Column[ProcedureRow]] = [
    Column("Numer", lambda r: r.number, "number"),
    Column("Wszczęta", lambda r: r.started_on, "started_on"),
    Column("Status", lambda r: ProcedureStatus(r.status).label, "status"),
    Column("Osoby doznające przemocy", lambda r: r.victims, "victims"),
    Column("Osoby stosujące przemoc", lambda r: r.perpetrators, "perpetrators"),
    Column("NK-A", lambda r: r.nka_count, "nka_count"),
]
NEXT_DUE_HEADER = "Najbliższy termin"
OVERDUE_COLOUR = "#c62828"
SOON_COLOUR = "#b26a00"


class ProceduresView(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._sort = ("number", True)
        self._latest = LatestOnly()
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setMaxLength(search_text.MAX_QUERY_CHARS)
        self.search_edit.setPlaceholderText("Szukaj: numer, imię, nazwisko, PESEL…")
        self.search_edit.setClearButtonEnabled(True)
        bar.addWidget(self.search_edit, 3)
        self.status_combo = QComboBox()
        self.status_combo.addItem("Wszystkie statusy", None)
        for status in ProcedureStatus:
            self.status_combo.addItem(status.label, status)
        bar.addWidget(self.status_combo, 1)
        self.year_combo = QComboBox()
        bar.addWidget(self.year_combo, 1)
        layout.addLayout(bar)
        self.overdue_check = QCheckBox("Tylko &zaległe")
        self.overdue_check.setToolTip("Procedury, w których minął termin kroku procedury")
        bar.addWidget(self.overdue_check)
        self.model: PagedTableModel[ProcedureRow] = PagedTableModel(
            [*COLUMNS, self._next_due_column()], self._sort_by
        )
        # Sorting is switched on at the end: it asks the service, which needs the whole view.
        self.table = record_table(
            self.model,
            sortable=False,
            stretch_last=False,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(COLUMNS), QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty_notice = EmptyNotice(self.table)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("&Nowa procedura")
        self.open_button = QPushButton("&Otwórz")
        self.delete_button = QPushButton("&Usuń…")
        self.count_label = QLabel()
        for button in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        self._open_first = False
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._fill_years()
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

    def _next_due_column(self) -> Column[ProcedureRow]:
        """The next deadline: red once it has passed, amber within the working days ahead."""
        today = self._context.today()
        soon = add_working_days(today, DUE_SOON_WORKING_DAYS)

        def colour(row: ProcedureRow) -> str | None:
            if row.next_due_on is None:
                return None
            if row.next_due_on < today:
                return OVERDUE_COLOUR
            return SOON_COLOUR if row.next_due_on <= soon else None

        return Column(NEXT_DUE_HEADER, lambda r: r.next_due_on, "next_due_on", colour=colour)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.year_combo.currentIndexChanged.connect(self.reload)
        self.overdue_check.toggled.connect(self.reload)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self._delete_selected)
        self.search_edit.returnPressed.connect(self._open_first_result)
        self._context.changed.connect(self._on_changed)

    def query(self) -> ProcedureQuery:
        return ProcedureQuery(
            text=self.search_edit.text(),
            status=self.status_combo.currentData(),
            year=self.year_combo.currentData(),
            overdue=self.overdue_check.isChecked(),
            sort=self._sort[0],
            descending=self._sort[1],
        )

    def reload(self) -> None:
        """Show the first page of the list as the filters now say; older answers are dropped."""
        query = self.query()
        self._context.ops.query(
            self,
            lambda register: register.procedures.page(query, 0, PAGE_SIZE),
            self._latest.wrap(lambda page: self._show_first(page, query)),
        )

    def _show_first(self, page: Page[ProcedureRow], query: ProcedureQuery) -> None:
        selected = self.selected_id()

        def fetch_page(
            offset: int, limit: int, deliver: Callable[[Page[ProcedureRow]], None]
        ) -> None:
            self._context.ops.query(
                self, lambda register: register.procedures.page(query, offset, limit), deliver
            )

        self.model.show(page, fetch_page)
        self.empty_notice.set_text(empty_text(query))
        self.count_label.setText(f"Procedury: {page.total}")
        if self._open_first and page.rows:
            self.table.selectRow(0)
            self.table.setFocus()
            self._open_row(0)
        else:
            for index, row in enumerate(page.rows):
                if row.id == selected:
                    self.table.selectRow(index)
                    break
        self._open_first = False

    def _open_first_result(self) -> None:
        """Enter in the search box: search now, then open the first procedure found."""
        self._search_timer.stop()
        self._open_first = True
        self.reload()

    def _fill_years(self) -> None:
        self._context.ops.query(self, _years, self._show_years)

    def _show_years(self, years: list[int]) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("Wszystkie lata", None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def _sort_by(self, key: str, descending: bool) -> None:
        """Re-query in the new order; the header announcing the current order costs nothing."""
        if (key, descending) == self._sort:
            return
        self._sort = (key, descending)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.PROCEDURE) or changes.touches(Entity.PERSON):
            self._fill_years()
            self.reload()

    def selected_id(self) -> int | None:
        row = self._selected_row()
        return row.id if row is not None else None

    def _selected_row(self) -> ProcedureRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open_row(self, row: int) -> None:
        self.open_requested.emit(self.model.row_at(row).id)

    def _open_selected(self) -> None:
        procedure_id = self.selected_id()
        if procedure_id is not None:
            self.open_requested.emit(procedure_id)

    def _delete_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if not confirm(
            self,
            "Usunięcie procedury",
            f"Czy na pewno usunąć procedurę {row.number}?\n\n"
            "Procedura zniknie z listy; zdarzenie zostanie zapisane w jej chronologii.",
        ):
            return
        self._context.ops.write(self, lambda register: register.procedures.delete(row.id))


def empty_text(query: ProcedureQuery) -> str:
    """Why the list is empty: nothing matches the search, the filters, or nothing is there."""
    if query.overdue and not query.text.strip():
        return "Nic nie jest zaległe: w żadnej procedurze nie minął termin kroku."
    filtered = query.status is not None or query.year is not None or query.overdue
    if query.text.strip():
        found = f"Nie znaleziono procedur dla {quoted(query.text)}."
        return f"{found} Sprawdź też wybrany status, rok i „Tylko zaległe”." if filtered else found
    if filtered:
        return "Żadna procedura nie pasuje do wybranego statusu lub roku."
    return "Brak procedur. Dodaj pierwszą: Ctrl+N."


def _years(register: Register) -> list[int]:
    return register.procedures.years()
