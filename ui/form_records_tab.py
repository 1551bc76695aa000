"""The procedure window's tab of NK-B hand-overs and filled NK-C and NK-D forms.

The window reloads the procedure after every change notice naming it and hands it back
through `set_procedure`, so the list always shows what the register holds. Enter (or a
double click) opens the selected record, Delete removes it after a question.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.domain import forms
from app.domain.enums import Role
from app.services.views import FormRecordView, ProcedureDetail
from ui.context import AppContext
from ui.form_print_actions import (
    PrintActions,
    Printout,
    form_record_printout,
    handover_sheet,
    print_form,
)
from ui.form_record_dialog import FormRecordDialog
from ui.i18n import format_date
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import add_shortcut, confirm, record_table

SUMMARY_TYPES = ("rows", "choice")
_FORM_TEXT = {"NK-B": "NK-B (przekazanie)", "NK-C": "NK-C", "NK-D": "NK-D"}
_NEEDS = {
    "NK-C": (Role.VICTIM, "Najpierw dodaj osobę doznającą przemocy w zakładce „Osoby”."),
    "NK-D": (Role.PERPETRATOR, "Najpierw dodaj osobę stosującą przemoc w zakładce „Osoby”."),
}


def summary(record: FormRecordView) -> str:
    """A line about what the record holds: its tables' row counts and its choices
    ("Działania: 2; Zagrożenie życia lub zdrowia: tak"), else its first text."""
    definition = forms.definition(record.form, record.form_version)
    items = [item for section in definition.sections for item in section.fields]
    parts = []
    for item in items:
        value = record.content.get(item.id)
        if item.type in SUMMARY_TYPES and value:
            parts.append(f"{item.label}: {len(value) if item.type == 'rows' else value}")
    if parts:
        return "; ".join(parts)
    texts = (record.content.get(i.id) for i in items if i.type in ("text", "longtext"))
    first = next((text for text in texts if text), "")
    return first.splitlines()[0] if first else ""


def what_it_is(record: FormRecordView) -> str:
    if record.form == "NK-B":
        return f"zapis przekazania formularza NK-B z {format_date(record.filled_on)}"
    return f"formularz {record.form} z {format_date(record.filled_on)}"


class FormRecordsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._names: dict[int, str] = {}
        self._build_ui()
        self._connect_signals()
        self._update_buttons()

    def _build_ui(self) -> None:
        columns: list[Column[FormRecordView]] = [
            Column("Data", lambda r: r.filled_on),
            Column("Formularz", lambda r: _FORM_TEXT.get(r.form, r.form)),
            Column("Osoba", self.person_name),
            Column("Treść", summary),
        ]
        self.model: RecordTableModel[FormRecordView] = RecordTableModel(columns)
        self.table = record_table(self.model, sortable=False)
        self.table.setToolTip("Enter: otwórz zaznaczony zapis, Delete: usuń go, Ctrl+P: wydrukuj.")
        self.sheet_button = QPushButton("&Wydruk NK-B do przekazania…")
        self.sheet_button.setToolTip(
            "Drukuje formularz NK-B do wręczenia: telefony pomocowe i kontakty w gminie."
        )
        self.handover_button = QPushButton("&Przekazanie NK-B…")
        self.nkc_button = QPushButton("Nowy NK-&C…")
        self.nkd_button = QPushButton("Nowy NK-&D…")
        self.open_button = QPushButton("&Otwórz…")
        self.delete_button = QPushButton("&Usuń…")
        self.printing = PrintActions(self._context, self, self.selected_printout)
        self.printing.offer_on_right_click(self.table)
        self.print_button = self.printing.button("Dru&kuj…")
        self.print_button.setToolTip(
            "Drukuje zaznaczony zapis (Ctrl+P); strzałka: podgląd wydruku, zapis jako PDF."
        )
        buttons = QHBoxLayout()
        for button in (self.sheet_button, self.handover_button, self.nkc_button, self.nkd_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.sheet_button.clicked.connect(self.print_handover_sheet)
        self.handover_button.clicked.connect(lambda: self.new_record("NK-B"))
        self.nkc_button.clicked.connect(lambda: self.new_record("NK-C"))
        self.nkd_button.clicked.connect(lambda: self.new_record("NK-D"))
        self.open_button.clicked.connect(self._open_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.doubleClicked.connect(self._open_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(self.table, QKeySequence(key), self._open_selected)
        add_shortcut(self.table, QKeySequence.StandardKey.Delete, self._delete_selected)

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        """Show the (re)loaded procedure, keeping the selected record (else the first) selected."""
        selected = self.selected_record()
        self._procedure = procedure
        self._names = {
            p.person.id: f"{p.person.first_name} {p.person.last_name}".strip()
            for p in procedure.participants
        }
        self.model.set_rows(procedure.forms)
        self.table.resizeColumnsToContents()
        ids = [record.id for record in procedure.forms]
        if ids:  # Enter opens a record as soon as the list has the focus
            self.table.selectRow(ids.index(selected.id) if selected and selected.id in ids else 0)
        self._update_buttons()

    def person_name(self, record: FormRecordView) -> str:
        return self._names.get(record.person_id, "") if record.person_id is not None else "—"

    def selected_record(self) -> FormRecordView | None:
        return selected_row(self.table, self.model)

    def selected_printout(self) -> Printout | None:
        record = self.selected_record()
        if self._procedure is None or record is None:
            return None
        return form_record_printout(self._procedure, record)

    def print_selected(self) -> None:
        self.printing.print_current()

    def print_handover_sheet(self) -> None:
        if self._procedure is not None:
            print_form(self._context, self, handover_sheet(self._procedure))

    def _update_buttons(self) -> None:
        procedure, selected = self._procedure, self.selected_record() is not None
        self.sheet_button.setEnabled(procedure is not None)
        self.handover_button.setEnabled(procedure is not None)
        for button, form in ((self.nkc_button, "NK-C"), (self.nkd_button, "NK-D")):
            role, missing = _NEEDS[form]
            possible = procedure is not None and bool(procedure.people_in(role))
            button.setEnabled(possible)
            button.setToolTip("" if possible or procedure is None else missing)
        self.open_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.print_button.setEnabled(selected)
        self.printing.set_enabled(selected)

    def new_record(self, form: str) -> None:
        if self._procedure is not None:
            FormRecordDialog(self._context, self._procedure, form, parent=self).exec()

    def _open_selected(self) -> None:
        record = self.selected_record()
        if self._procedure is not None and record is not None:
            FormRecordDialog(self._context, self._procedure, record.form, record, self).exec()

    def _delete_selected(self) -> None:
        record = self.selected_record()
        if self._procedure is None or record is None:
            return
        person = self.person_name(record) if record.person_id is not None else ""
        if not confirm(
            self,
            "Usunięcie formularza",
            f"Czy na pewno usunąć {what_it_is(record)}{f' ({person})' if person else ''}?\n\n"
            "Usunięcie zostanie odnotowane w chronologii procedury.",
        ):
            return
        procedure_id, record_id = self._procedure.id, record.id
        self._context.ops.write(
            self,
            lambda reg: reg.forms.delete(procedure_id, record_id),
            progress="Usuwanie formularza…",
        )
