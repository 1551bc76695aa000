"""The NK-A tab of a procedure window: the forms filed in the procedure, oldest first.

The first form (by date of filling) is the one that opened the procedure; later ones
document further incidents. The window reloads the procedure after every change and
hands it back through `set_procedure`.
"""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import nka_form
from app.domain.enums import InitiatorService
from app.domain.nka_form import Content
from app.storage.models import NkaRecord, Procedure
from ui.context import AppContext
from ui.errors import show_error
from ui.i18n import format_date
from ui.nka_dialog import NkaDialog
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import add_shortcut, confirm, record_table

VIOLENCE_SECTION = "violence_forms"
MAX_COLUMN_WIDTH = 160
FREE_TEXT_COLUMNS = (2, 3, 4)


@dataclass(frozen=True)
class NkaRow:
    """One line of the table: the record and its place in the procedure."""

    ordinal: int
    record: NkaRecord


def ordinal_text(ordinal: int) -> str:
    return f"{ordinal} — pierwszy (wszczęcie)" if ordinal == 1 else f"{ordinal} — kolejny"


def service_text(record: NkaRecord) -> str:
    service = InitiatorService(record.filled_by_service)
    if service is InitiatorService.OTHER and record.filled_by_service_other:
        return record.filled_by_service_other
    return service.label


def violence_summary(content: Content) -> str:
    """Ticked categories of the "forms of violence" section, e.g. "fizyczna, psychiczna"."""
    section = next((s for s in nka_form.definition().sections if s.id == VIOLENCE_SECTION), None)
    if section is None:
        return ""
    return ", ".join(
        item.label.removeprefix("przemoc ") for item in section.fields if content.get(item.id)
    )


COLUMNS: list[Column[NkaRow]] = [
    Column("Lp.", lambda r: ordinal_text(r.ordinal)),
    Column("Data\nwypełnienia", lambda r: r.record.filled_on),
    Column("Służba", lambda r: service_text(r.record)),
    Column("Instytucja", lambda r: r.record.filled_by_institution_name),
    Column("Wypełnił(a)", lambda r: r.record.filled_by_name),
    Column("Wpłynęło do\nprzewodniczącego ZI", lambda r: r.record.received_by_chair_on or "—"),
    Column("Formy przemocy", lambda r: violence_summary(r.record.content)),
]


class NkaTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: Procedure | None = None
        self._build_ui()
        self._connect_signals()
        self._update_buttons()

    def _build_ui(self) -> None:
        self.model: RecordTableModel[NkaRow] = RecordTableModel(COLUMNS)
        self.table = record_table(self.model, sortable=False)
        self.add_button = QPushButton("&Dodaj NK-A…")
        self.edit_button = QPushButton("&Edytuj…")
        self.delete_button = QPushButton("&Usuń…")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.doubleClicked.connect(self._edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(self.table, QKeySequence(key), self._edit_selected)
        add_shortcut(self.table, QKeySequence.StandardKey.Delete, self._delete_selected)

    def set_procedure(self, procedure: Procedure) -> None:
        selected = self.selected_record()
        self._procedure = procedure
        records = sorted(procedure.nka_records, key=lambda r: (r.filled_on, r.id))
        self.model.set_rows([NkaRow(index, record) for index, record in enumerate(records, 1)])
        self._fit_columns()
        for row, record in enumerate(records):
            if selected is not None and record.id == selected.id:
                self.table.selectRow(row)
                break

    def _fit_columns(self) -> None:
        """Fit columns to their text, but let long free text elide instead of pushing off."""
        self.table.resizeColumnsToContents()
        for column in FREE_TEXT_COLUMNS:
            width = min(self.table.columnWidth(column), MAX_COLUMN_WIDTH)
            self.table.setColumnWidth(column, width)

    def selected_record(self) -> NkaRecord | None:
        row = selected_row(self.table, self.model)
        return row.record if row is not None else None

    def _update_buttons(self) -> None:
        selected = self.selected_record() is not None
        self.add_button.setEnabled(self._procedure is not None)
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def _add(self) -> None:
        if self._procedure is not None:
            NkaDialog(self._context, self._procedure, parent=self).exec()

    def _edit_selected(self) -> None:
        record = self.selected_record()
        if self._procedure is not None and record is not None:
            NkaDialog(self._context, self._procedure, record, parent=self).exec()

    def _delete_selected(self) -> None:
        row = selected_row(self.table, self.model)
        if self._procedure is None or row is None:
            return
        warning = (
            "To pierwszy formularz — ten, którym wszczęto procedurę.\n\n"
            if row.ordinal == 1
            else ""
        )
        if not confirm(
            self,
            "Usunięcie formularza NK-A",
            f"Czy na pewno usunąć formularz NK-A z {format_date(row.record.filled_on)}?\n\n"
            f"{warning}Usunięcie zostanie odnotowane w chronologii procedury.",
        ):
            return
        try:
            self._context.publish(self._context.nka.delete(self._procedure.id, row.record.id))
        except Exception as exc:  # noqa: BLE001 - shown by the presenter
            show_error(self, exc)
