"""The "Chronologia" tab of a procedure: the dated record of work, newest first.

Entries written by the program itself (registration, deletions, attachments) are the
trace of work in the register, so they can be read and filtered but not edited.
"""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ChronologyKind
from app.services.views import ChronologyView, ProcedureDetail
from ui.chronology_dialog import ChronologyDialog
from ui.context import AppContext
from ui.empty_notice import EmptyNotice
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import record_table

EDIT_HINT = "Zmień datę, rodzaj, tytuł lub treść wybranego wpisu."
SYSTEM_HINT = (
    "Zdarzeń zapisanych przez program nie można zmieniać — są śladem pracy w rejestrze. "
    "Uzupełnienie dodaj jako nowy wpis."
)
WORKER_ENTRIES = "worker"
NO_SELECTION_HINT = "Wybierz wpis, aby zobaczyć jego treść."
EMPTY_BODY_HINT = "Ten wpis nie ma treści."


@dataclass(frozen=True)
class EntryRow:
    entry: ChronologyView
    attachments: int


COLUMNS: list[Column[EntryRow]] = [
    Column("Data", lambda r: r.entry.occurred_on),
    Column("Rodzaj", lambda r: r.entry.kind.label),
    Column("Tytuł", lambda r: r.entry.title),
    Column("Autor", lambda r: r.entry.author),
    Column("Załączniki", lambda r: r.attachments or None),
]


def entry_rows(procedure: ProcedureDetail) -> list[EntryRow]:
    """Every entry with its number of attachments, newest first (same day: later first)."""
    counts: dict[int, int] = {}
    for attachment in procedure.attachments:
        if attachment.chronology_entry_id is not None:
            key = attachment.chronology_entry_id
            counts[key] = counts.get(key, 0) + 1
    entries = sorted(
        procedure.chronology,
        key=lambda e: (e.occurred_on, e.created_at, e.id),
        reverse=True,
    )
    return [EntryRow(entry, counts.get(entry.id, 0)) for entry in entries]


class ChronologyTab(QWidget):
    """Lists the entries of one procedure with a preview of the selected entry's text."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._all_rows: list[EntryRow] = []
        self._select_next: int | None = None
        self._build_ui()
        self._connect_signals()
        self._update_selection()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        filter_label = QLabel("&Pokaż:")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("Wszystkie wpisy", None)
        self.kind_combo.addItem("Bez zdarzeń w rejestrze", WORKER_ENTRIES)
        for kind in ChronologyKind:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_label.setBuddy(self.kind_combo)
        bar.addWidget(filter_label)
        bar.addWidget(self.kind_combo)
        bar.addStretch(1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.model: RecordTableModel[EntryRow] = RecordTableModel(COLUMNS)
        self.table = record_table(self.model, stretch_last=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 95), (1, 170), (3, 140), (4, 90)):
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.empty_notice = EmptyNotice(self.table)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(NO_SELECTION_HINT)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 140])
        layout.addWidget(self.splitter, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Dodaj wpis…")
        self.edit_button = QPushButton("&Edytuj…")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        self.readonly_label = QLabel("Wpis zapisany przez program — tylko do odczytu.")
        self.readonly_label.setEnabled(False)
        buttons.addWidget(self.readonly_label)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._show_rows)
        self.table.selectionModel().selectionChanged.connect(self._update_selection)
        self.model.modelReset.connect(self._update_selection)
        self.table.activated.connect(lambda _index: self._edit_selected())
        self.add_button.clicked.connect(self._add_entry)
        self.edit_button.clicked.connect(self._edit_selected)

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        """Show the (re)loaded procedure; the filter and the selected entry stay."""
        self._procedure = procedure
        self._all_rows = entry_rows(procedure)
        self._show_rows()

    def _show_rows(self) -> None:
        selected = self.selected_row()
        wanted = self._select_next or (selected.entry.id if selected else None)
        kind = self.kind_combo.currentData()
        rows = [r for r in self._all_rows if _shown(r, kind)]
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        total = len(self._all_rows)
        shown = len(rows)
        self.empty_notice.set_text(
            "Brak wpisów w chronologii." if not total else "Brak wpisów wybranego rodzaju."
        )
        self.count_label.setText(
            f"Wpisy: {total}" if shown == total else f"Wpisy: {shown} z {total}"
        )
        for index, row in enumerate(self.model.rows()):
            if row.entry.id == wanted:
                self.table.selectRow(index)
                self._select_next = None
                break
        self._update_selection()

    def selected_row(self) -> EntryRow | None:
        return selected_row(self.table, self.model)

    def _update_selection(self) -> None:
        row = self.selected_row()
        self.add_button.setEnabled(self._procedure is not None)
        if row is None:
            self.preview.clear()
            self.preview.setPlaceholderText(NO_SELECTION_HINT)
        else:
            self.preview.setPlainText(row.entry.body)
            self.preview.setPlaceholderText(EMPTY_BODY_HINT)
        read_only = row is not None and not row.entry.editable
        self.edit_button.setEnabled(row is not None and not read_only)
        self.edit_button.setToolTip(SYSTEM_HINT if read_only else EDIT_HINT)
        self.readonly_label.setVisible(read_only)

    def _remember_saved(self, entry_id: int) -> None:
        """Select the saved entry once the window has reloaded the procedure."""
        self._select_next = entry_id

    def _add_entry(self) -> None:
        if self._procedure is None:
            return
        dialog = ChronologyDialog(self._context, self._procedure.id, parent=self)
        dialog.saved.connect(self._remember_saved)
        dialog.exec()

    def _edit_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.entry.editable or self._procedure is None:
            return
        linked = [a for a in self._procedure.attachments if a.chronology_entry_id == row.entry.id]
        dialog = ChronologyDialog(
            self._context, self._procedure.id, row.entry, parent=self, linked=linked
        )
        dialog.saved.connect(self._remember_saved)
        dialog.exec()


def _shown(row: EntryRow, kind: str | None) -> bool:
    if kind is None:
        return True
    if kind == WORKER_ENTRIES:
        return row.entry.editable
    return row.entry.kind == kind
