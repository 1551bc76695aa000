"""The NK-A tab of a procedure window: the forms filed in the procedure, in filing order.

The first form is the one that opened the procedure; later ones document further
incidents. Which one is first is the register's rule (`NkaView.ordinal`), not this
tab's. The window reloads the procedure after every change and hands it back through
`set_procedure`.
"""

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
from app.services.views import NkaView, ProcedureDetail
from ui.context import AppContext
from ui.form_print_actions import PrintActions, Printout, nka_printout
from ui.i18n import format_date
from ui.nka_dialog import NkaDialog
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import add_shortcut, confirm, record_table

VIOLENCE_SECTION = "violence_forms"
MAX_COLUMN_WIDTH = 160
FREE_TEXT_COLUMNS = (2, 3, 4)


def ordinal_text(record: NkaView) -> str:
    if record.opened_procedure:
        return f"{record.ordinal} — pierwszy (wszczęcie)"
    return f"{record.ordinal} — kolejny"


def service_text(record: NkaView) -> str:
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


COLUMNS: list[Column[NkaView]] = [
    Column("Lp.", ordinal_text),
    Column("Data\nwypełnienia", lambda r: r.filled_on),
    Column("Służba", service_text),
    Column("Instytucja", lambda r: r.filled_by_institution_name),
    Column("Wypełnił(a)", lambda r: r.filled_by_name),
    Column("Wpłynęło do\nprzewodniczącego ZI", lambda r: r.received_by_chair_on or "—"),
    Column("Formy przemocy", lambda r: violence_summary(r.content)),
]


class NkaTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._build_ui()
        self._connect_signals()
        self._update_buttons()

    def _build_ui(self) -> None:
        self.model: RecordTableModel[NkaView] = RecordTableModel(COLUMNS)
        self.table = record_table(self.model, sortable=False)
        self.add_button = QPushButton("&Dodaj NK-A…")
        self.edit_button = QPushButton("&Edytuj…")
        self.delete_button = QPushButton("&Usuń…")
        self.printing = PrintActions(self._context, self, self.selected_printout)
        self.printing.offer_on_right_click(self.table)
        self.print_button = self.printing.button("Dru&kuj…")
        self.print_button.setToolTip(
            "Drukuje zaznaczony formularz (Ctrl+P); strzałka: podgląd wydruku, zapis jako PDF."
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
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

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        """Show the (re)loaded procedure, keeping the selected form selected."""
        selected = self.selected_record()
        self._procedure = procedure
        self.model.set_rows(procedure.nka_records)
        self._fit_columns()
        for row, record in enumerate(procedure.nka_records):
            if selected is not None and record.id == selected.id:
                self.table.selectRow(row)
                break

    def _fit_columns(self) -> None:
        """Fit columns to their text, but let long free text elide instead of pushing off."""
        self.table.resizeColumnsToContents()
        for column in FREE_TEXT_COLUMNS:
            width = min(self.table.columnWidth(column), MAX_COLUMN_WIDTH)
            self.table.setColumnWidth(column, width)

    def selected_record(self) -> NkaView | None:
        return selected_row(self.table, self.model)

    def selected_printout(self) -> Printout | None:
        record = self.selected_record()
        if self._procedure is None or record is None:
            return None
        return nka_printout(self._procedure, record)

    def print_selected(self) -> None:
        self.printing.print_current()

    def _update_buttons(self) -> None:
        selected = self.selected_record() is not None
        self.add_button.setEnabled(self._procedure is not None)
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.print_button.setEnabled(selected)
        self.printing.set_enabled(selected)

    def _add(self) -> None:
        if self._procedure is not None:
            NkaDialog(self._context, self._procedure, parent=self).exec()

    def _edit_selected(self) -> None:
        record = self.selected_record()
        if self._procedure is not None and record is not None:
            NkaDialog(self._context, self._procedure, record, parent=self).exec()

    def _delete_selected(self) -> None:
        record = self.selected_record()
        if self._procedure is None or record is None:
            return
        warning = (
            "To pierwszy formularz — ten, którym wszczęto procedurę.\n\n"
            if record.opened_procedure
            else ""
        )
        if not confirm(
            self,
            "Usunięcie formularza NK-A",
            f"Czy na pewno usunąć formularz NK-A z {format_date(record.filled_on)}?\n\n"
            f"{warning}Usunięcie zostanie odnotowane w chronologii procedury.",
        ):
            return
        procedure_id, record_id = self._procedure.id, record.id
        self._context.ops.write(
            self,
            lambda reg: reg.nka.delete(procedure_id, record_id),
            progress="Usuwanie formularza NK-A…",
        )
