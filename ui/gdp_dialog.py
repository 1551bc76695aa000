"""Creating a procedure's GDP or changing its members, and handing the NK-A over to them.

Members are ticked in the directory's contacts (a filter line narrows the list). A
member without a confidentiality statement is allowed after a question: the statement
may be on paper and not yet noted here.
"""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.text import fold
from app.services.gdp import GdpData, GdpView
from app.services.zi import ContactOption
from ui.context import AppContext
from ui.date_field import DateField
from ui.saving_dialog import SavingDialog
from ui.widgets import ErrorLabel, confirm, dialog_buttons

_CONTACT = Qt.ItemDataRole.UserRole
NO_CONTACTS = "Katalog instytucji nie ma jeszcze osób kontaktowych: dodaj je w „Instytucje”."


def open_gdp_editor(context: AppContext, parent: QWidget, procedure_id: int) -> None:
    """Read the GDP (if any) and the directory, then open the dialog filled in."""
    context.ops.query(
        parent,
        lambda register: (register.gdp.view(procedure_id), register.zi.contacts()),
        lambda loaded: GdpDialog(context, procedure_id, *loaded, parent).exec(),
    )


class GdpDialog(SavingDialog):
    def __init__(
        self,
        context: AppContext,
        procedure_id: int,
        gdp: GdpView | None,
        contacts: tuple[ContactOption, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure_id
        self._contacts = {c.id: c for c in contacts}
        today = context.today()
        self.setWindowTitle(
            "Utworzenie grupy diagnostyczno-pomocowej"
            if gdp is None
            else "Grupa diagnostyczno-pomocowa"
        )
        self.created_edit = DateField(today)
        self.created_edit.set_value(gdp.created_on if gdp is not None else today)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("szukaj: nazwisko, funkcja, instytucja")
        self.members_list = QListWidget()
        self.members_list.setAccessibleName("Członkowie grupy")
        chosen = {m.id for m in gdp.members} if gdp is not None else set()
        for contact in sorted(contacts, key=lambda c: c.id not in chosen):
            item = QListWidgetItem(contact.label)
            item.setData(_CONTACT, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if contact.id in chosen else Qt.CheckState.Unchecked
            )
            missing = contact.confidentiality_signed_on is None
            item.setToolTip(
                contact.label + ("\nBrak oświadczenia o zachowaniu poufności" if missing else "")
            )
            self.members_list.addItem(item)
        waiting = gdp is None or gdp.nka_waiting > 0
        self.passed_edit = DateField(today, optional=True)
        self.passed_edit.set_value(today if gdp is None else None)
        self.passed_edit.setEnabled(waiting)
        self.note_edit = QPlainTextEdit(gdp.note if gdp is not None else "")
        self.note_edit.setFixedHeight(60)
        form = QFormLayout()
        form.addRow("&Utworzona dnia*:", self.created_edit)
        form.addRow("&Szukaj:", self.filter_edit)
        form.addRow("&Członkowie*:", self.members_list)
        if not contacts:
            form.addRow(QLabel(NO_CONTACTS))
        form.addRow("&NK-A przekazana członkom:", self.passed_edit)
        form.addRow("U&wagi:", self.note_edit)
        hint = QLabel(
            "Data przekazania NK-A zapisuje ten krok procedury dla każdej NK-A, "
            "która nie została jeszcze przekazana."
            if waiting
            else "Wszystkie NK-A tej procedury są już przekazane członkom grupy."
        )
        hint.setWordWrap(True)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._field_widgets = {
            "created_on": self.created_edit.line,
            "member_ids": self.members_list,
            "nka_passed_on": self.passed_edit.line,
        }
        self.filter_edit.textChanged.connect(self._filter)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.resize(880, 600)

    def member_ids(self) -> list[int]:
        return [
            int(item.data(_CONTACT))
            for item in (self.members_list.item(r) for r in range(self.members_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _filter(self, text: str) -> None:
        wanted = fold(text.strip())
        for row in range(self.members_list.count()):
            item = self.members_list.item(row)
            item.setHidden(bool(wanted) and wanted not in fold(item.text()))

    def _save(self) -> None:
        if not self._dates_ready():
            return
        created = self.created_edit.value()
        assert created is not None
        members = self.member_ids()
        unsigned = [
            self._contacts[m].name
            for m in members
            if self._contacts[m].confidentiality_signed_on is None
        ]
        if unsigned and not confirm(
            self,
            self.windowTitle(),
            f"Bez oświadczenia o zachowaniu poufności: {', '.join(unsigned)}.\n"
            "Dodać do grupy mimo to?",
        ):
            return
        data = GdpData(created, members, self.note_edit.toPlainText(), self._passed_on())
        procedure_id = self._procedure_id
        self._start_save(
            lambda register: register.gdp.save(procedure_id, data), "Zapisywanie grupy…"
        )

    def _passed_on(self) -> dt.date | None:
        return self.passed_edit.value() if self.passed_edit.isEnabled() else None
