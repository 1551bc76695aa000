"""The "Instytucje" page: the directory of police stations, schools, courts and others.

The list is searched, sorted and paged by the service (diacritics-insensitive, every
word must match); the view shows the first page, fetches more as the user scrolls,
debounces typing, keeps the selection across reloads and opens dialogs.
"""

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import InstitutionType
from app.services import search_text
from app.services.changes import Changes, Entity
from app.services.institutions import InstitutionQuery
from app.services.records import InstitutionRow, Page
from ui.context import AppContext
from ui.empty_notice import EmptyNotice, quoted
from ui.institution_dialog import InstitutionDialog, open_institution_editor
from ui.operations import LatestOnly
from ui.paged_model import PAGE_SIZE, PagedTableModel
from ui.table_model import Column
from ui.widgets import add_shortcut, confirm, record_table

SEARCH_DELAY_MS = 200

COLUMNS: tuple[Column[InstitutionRow], ...] = (
    Column("Nazwa", lambda r: r.name, "name"),
    Column("Rodzaj", lambda r: InstitutionType(r.type).label, "type"),
    Column("Miejscowość", lambda r: r.city, "city"),
    Column("Telefon", lambda r: r.phone, "phone"),
    Column("E-mail", lambda r: r.email, "email"),
    Column("Osoby kontaktowe", lambda r: r.contacts, "contacts"),
)
COLUMN_WIDTHS = (280, 210, 140, 120, 190)


def count_text(count: int) -> str:
    """ "1 instytucja", "3 instytucje", "5 instytucji" — Polish plural forms."""
    if count == 1:
        return "1 instytucja"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} instytucje"
    return f"{count} instytucji"


def empty_text(query: InstitutionQuery) -> str:
    """Why the list is empty: nothing matches the search, the kind, or the directory is empty."""
    if query.text.strip():
        found = f"Nie znaleziono instytucji dla {quoted(query.text)}."
        return f"{found} Sprawdź też wybrany rodzaj." if query.type is not None else found
    if query.type is not None:
        return f"W katalogu nie ma instytucji rodzaju „{InstitutionType(query.type).label}”."
    return "Katalog instytucji jest pusty. Dodaj pierwszą: Ctrl+N."


class InstitutionsView(QWidget):
    """Searchable list of institutions with add, edit and delete."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._select_after_load: int | None = None
        self._sort = ("name", False)
        self._latest = LatestOnly()

        self.search_edit = QLineEdit()
        self.search_edit.setMaxLength(search_text.MAX_QUERY_CHARS)
        self.search_edit.setPlaceholderText(
            "Szukaj: nazwa, miejscowość, telefon, osoba kontaktowa…"
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Szukaj instytucji")
        self.type_combo = QComboBox()
        self.type_combo.addItem("Wszystkie rodzaje", None)
        for kind in InstitutionType:
            self.type_combo.addItem(kind.label, kind)
        self.type_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.model: PagedTableModel[InstitutionRow] = PagedTableModel(COLUMNS, self._sort_by)
        # Sorting asks the service again; the header shows the order the first query uses.
        self.table = record_table(self.model, sortable=False)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)

        self.empty_notice = EmptyNotice(self.table)

        self.add_button = QPushButton("&Dodaj instytucję…")
        # Ctrl+N is the main window's "new" action, which adds an institution on this page.
        self.add_button.setToolTip("Dodaj instytucję (Ctrl+N)")
        self.edit_button = QPushButton("&Edytuj…")
        self.delete_button = QPushButton("&Usuń")
        self.status_label = QLabel()

        self._open_first = False
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self._build_layout()
        self._connect_signals()
        self._update_buttons()
        self.reload()

    def _build_layout(self) -> None:
        filter_label = QLabel("&Rodzaj:")
        filter_label.setBuddy(self.type_combo)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(filter_label)
        top.addWidget(self.type_combo)

        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.status_label)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        chain = [
            self.search_edit,
            self.type_combo,
            self.table,
            self.add_button,
            self.edit_button,
            self.delete_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._open_first_result)
        self._search_timer.timeout.connect(self.reload)
        self.type_combo.currentIndexChanged.connect(self.reload)
        self.add_button.clicked.connect(self.add_institution)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.table.doubleClicked.connect(self._edit)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._context.changed.connect(self._on_changed)

        around_page = Qt.ShortcutContext.WidgetWithChildrenShortcut
        find = QKeySequence(QKeySequence.StandardKey.Find)
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        add_shortcut(self, find, self.search_edit.setFocus, around_page)
        add_shortcut(self.table, delete, self._delete)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(self.table, QKeySequence(key), self._edit)

    def query(self) -> InstitutionQuery:
        kind: InstitutionType | None = self.type_combo.currentData()
        sort, descending = self._sort
        return InstitutionQuery(self.search_edit.text(), kind, sort, descending)

    def reload(self) -> None:
        """Show the first page as the search and filter now say; older answers are dropped."""
        query = self.query()
        self._context.ops.query(
            self,
            lambda register: register.institutions.page(query, 0, PAGE_SIZE),
            self._latest.wrap(lambda page: self._show_first(page, query)),
        )

    def _show_first(self, page: Page[InstitutionRow], query: InstitutionQuery) -> None:
        keep = self._select_after_load or self._selected_id()
        self._select_after_load = None

        def fetch_page(
            offset: int, limit: int, deliver: Callable[[Page[InstitutionRow]], None]
        ) -> None:
            self._context.ops.query(
                self, lambda register: register.institutions.page(query, offset, limit), deliver
            )

        self.model.show(page, fetch_page)
        self.empty_notice.set_text(empty_text(query))
        self.status_label.setText(count_text(page.total))
        if self._open_first and page.rows:
            self.table.selectRow(0)
            self.table.setFocus()
            self._edit()
        elif keep is not None:
            self._select_id(keep)
        self._open_first = False

    def _open_first_result(self) -> None:
        """Enter in the search box: search now, then open the first institution found."""
        self._search_timer.stop()
        self._open_first = True
        self.reload()

    def _sort_by(self, key: str, descending: bool) -> None:
        """Re-query in the new order; the header announcing the current order costs nothing."""
        if (key, descending) == self._sort:
            return
        self._sort = (key, descending)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.INSTITUTION):
            self._select_after_load = changes.record_id
            self.reload()

    def _selected_row(self) -> InstitutionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        row = self._selected_row()
        return row.id if row is not None else None

    def _select_id(self, institution_id: int) -> None:
        """Select the institution if it is among the loaded rows (it may be pages further)."""
        for index, row in enumerate(self.model.rows()):
            if row.id == institution_id:
                self.table.selectRow(index)
                self.table.scrollTo(self.model.index(index, 0))
                return

    def _update_buttons(self) -> None:
        selected = self._selected_row() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def add_institution(self) -> None:
        """Open an empty institution dialog; public so the main window's Ctrl+N can use it."""
        InstitutionDialog(self._context, parent=self).exec()

    def _edit(self) -> None:
        row = self._selected_row()
        if row is not None:
            open_institution_editor(self._context, row.id, self)

    def _delete(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if not confirm(
            self,
            "Usuń instytucję",
            f"Czy na pewno usunąć instytucję „{row.name}” wraz z jej osobami kontaktowymi?\n\n"
            "Zapisane formularze NK-A zachowają nazwę tej instytucji.",
        ):
            return
        institution_id = row.id
        self._context.ops.write(self, lambda register: register.institutions.delete(institution_id))
