"""Adding and editing one institution of the directory, together with its contact people.

Nothing is written until "Zapisz": contact people are edited in memory and saved with
the institution in one service call, so "Anuluj" really discards everything. A stored
contact keeps its id through the edit, so the ZI, a GDP and meeting records still point
at the same person.
"""

import datetime as dt
import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import InstitutionType
from app.domain.procedure_rules import check_past_date
from app.services.records import ContactPersonData, InstitutionData
from app.services.views import InstitutionView
from ui.contact_fields import EmailField, PostalCodeField, add_checked_row
from ui.context import AppContext
from ui.date_field import DateField
from ui.form_dialog import FormDialog
from ui.saving_dialog import SavingDialog
from ui.table_model import Column, RecordTableModel
from ui.widgets import ErrorLabel, add_shortcut, dialog_buttons, record_table

FUNCTION_SUGGESTIONS = (
    "dzielnicowy",
    "kierownik posterunku",
    "pedagog",
    "psycholog",
    "dyrektor",
    "kurator sądowy",
    "kurator zawodowy",
    "prokurator",
    "pielęgniarka środowiskowa",
    "lekarz",
    "członek GKRPA",
    "pracownik socjalny",
    "asystent rodziny",
    "koordynator",
)

CONTACT_COLUMNS: tuple[Column[ContactPersonData], ...] = (
    Column("Imię", lambda c: c.first_name),
    Column("Nazwisko", lambda c: c.last_name),
    Column("Funkcja", lambda c: c.function),
    Column("Telefon", lambda c: c.phone),
    Column("E-mail", lambda c: c.email),
    Column("Oświadczenie o poufności", lambda c: c.confidentiality_signed_on),
)


def institution_data(institution: InstitutionView) -> InstitutionData:
    """An editable copy of the stored institution for the form."""
    return InstitutionData(
        name=institution.name,
        type=institution.type,
        street=institution.street,
        postal_code=institution.postal_code,
        city=institution.city,
        phone=institution.phone,
        email=institution.email,
        notes=institution.notes,
        contacts=[
            ContactPersonData(
                first_name=c.first_name,
                last_name=c.last_name,
                function=c.function,
                phone=c.phone,
                email=c.email,
                confidentiality_signed_on=c.confidentiality_signed_on,
                id=c.id,
            )
            for c in institution.contacts
        ],
    )


def open_institution_editor(context: AppContext, institution_id: int, parent: QWidget) -> None:
    """Read the institution, then open the dialog already filled in with it."""

    def open_dialog(institution: InstitutionView) -> None:
        InstitutionDialog(context, institution_data(institution), institution.id, parent).exec()

    context.ops.query(
        parent, lambda register: register.institutions.get(institution_id), open_dialog
    )


def _hint_label(text: str) -> QLabel:
    """Dimmed but readable: disabled-looking text is too faint for a hint."""
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class ContactPersonDialog(FormDialog):
    """One contact person; the data goes back to the institution dialog, not to the DB.

    `today` bounds the confidentiality statement's date (the register's clock when the
    institution dialog opens it)."""

    def __init__(
        self,
        data: ContactPersonData | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Osoba kontaktowa" if data else "Nowa osoba kontaktowa")
        data = data or ContactPersonData()
        self._id = data.id
        today = today or dt.date.today()
        self.first_name_edit = QLineEdit(data.first_name)
        self.last_name_edit = QLineEdit(data.last_name)
        function_edit = QLineEdit()
        function_edit.setPlaceholderText("wybierz z listy lub wpisz")
        self.function_combo = QComboBox()
        self.function_combo.setEditable(True)
        self.function_combo.setLineEdit(function_edit)
        self.function_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.function_combo.addItems(FUNCTION_SUGGESTIONS)
        self.function_combo.setCurrentText(data.function)
        self.phone_edit = QLineEdit(data.phone)
        self.email_edit = EmailField()
        self.email_edit.setText(data.email)
        self.signed_edit = DateField(
            today,
            optional=True,
            rule=lambda d: check_past_date(
                d, today, "confidentiality_signed_on", "Data oświadczenia o poufności"
            ),
        )
        self.signed_edit.set_value(data.confidentiality_signed_on)

        form = QFormLayout()
        form.addRow("&Imię:", self.first_name_edit)
        form.addRow("&Nazwisko:", self.last_name_edit)
        form.addRow("&Funkcja:", self.function_combo)
        form.addRow("&Telefon:", self.phone_edit)
        add_checked_row(form, "&E-mail:", self.email_edit)
        form.addRow("Oświadczenie o &poufności z dnia:", self.signed_edit)

        self.name_hint = hint = _hint_label("Podaj co najmniej imię albo nazwisko.")
        self.buttons, self.ok_button = dialog_buttons("OK", standard=True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(660, 0)

        self.first_name_edit.textChanged.connect(self._update_ok)
        self.last_name_edit.textChanged.connect(self._update_ok)
        self.email_edit.acceptable_changed.connect(self._update_ok)
        self.signed_edit.line.textChanged.connect(self._update_ok)
        self._update_ok()

    def value(self) -> ContactPersonData:
        return ContactPersonData(
            first_name=self.first_name_edit.text(),
            last_name=self.last_name_edit.text(),
            function=self.function_combo.currentText(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            confidentiality_signed_on=self.signed_edit.current(),
            id=self._id,
        )

    def _update_ok(self) -> None:
        """A row the save would refuse (no name, a broken e-mail or date) cannot be confirmed."""
        named = bool(self.first_name_edit.text().strip() or self.last_name_edit.text().strip())
        self.name_hint.setVisible(not named)  # the hint names only what is still missing
        dated = not self.signed_edit.problem()
        self.ok_button.setEnabled(named and self.email_edit.is_acceptable() and dated)


class InstitutionDialog(SavingDialog):
    """Form for one institution; the service validates, errors appear inside the dialog."""

    def __init__(
        self,
        context: AppContext,
        data: InstitutionData | None = None,
        institution_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._institution_id = institution_id
        # A new institution may arrive pre-filled (a name typed into an NK-A).
        title = "Nowa instytucja"
        if data is not None and institution_id is not None:
            title = f"Instytucja: {data.name}"
        self.setWindowTitle(title)

        self.name_edit = QLineEdit()
        self.type_combo = QComboBox()
        self.type_combo.setPlaceholderText("— wybierz rodzaj —")
        for kind in InstitutionType:
            self.type_combo.addItem(kind.label, kind.value)
        self.street_edit = QLineEdit()
        self.postal_code_edit = PostalCodeField()
        self.city_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.email_edit = EmailField()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.contacts_model: RecordTableModel[ContactPersonData] = RecordTableModel(CONTACT_COLUMNS)
        self.contacts_table = record_table(self.contacts_model, sortable=False)
        self.contacts_table.setMinimumHeight(120)
        for column, width in enumerate((90, 120, 140, 100, 150)):
            self.contacts_table.setColumnWidth(column, width)
        self.add_contact_button = QPushButton("&Dodaj osobę…")
        self.edit_contact_button = QPushButton("Ed&ytuj…")
        self.delete_contact_button = QPushButton("U&suń")

        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz", standard=True)

        self._field_widgets: dict[str, QWidget] = {
            "name": self.name_edit,
            "type": self.type_combo,
            "street": self.street_edit,
            "postal_code": self.postal_code_edit,
            "city": self.city_edit,
            "phone": self.phone_edit,
            "email": self.email_edit,
            "notes": self.notes_edit,
            "contacts": self.contacts_table,
        }
        self._build_layout()
        self._connect_signals()
        if data is not None:
            self._fill(data)
        self._update_contact_buttons()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Nazwa *:", self.name_edit)
        form.addRow("&Rodzaj *:", self.type_combo)
        form.addRow("&Ulica i numer:", self.street_edit)
        place = QHBoxLayout()
        place.addWidget(self.postal_code_edit, 1)
        city_label = QLabel("&Miejscowość:")
        city_label.setBuddy(self.city_edit)
        place.addWidget(city_label)
        place.addWidget(self.city_edit, 4)
        postal_label = QLabel("&Kod pocztowy:")
        postal_label.setBuddy(self.postal_code_edit)
        form.addRow(postal_label, place)
        form.addRow("", self.postal_code_edit.status_label)
        form.addRow("&Telefon:", self.phone_edit)
        add_checked_row(form, "&E-mail:", self.email_edit)
        form.addRow("U&wagi:", self.notes_edit)

        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(self.add_contact_button)
        contact_buttons.addWidget(self.edit_contact_button)
        contact_buttons.addWidget(self.delete_contact_button)
        contact_buttons.addStretch(1)
        contacts_box = QGroupBox("Osoby kontaktowe")
        contacts_layout = QVBoxLayout(contacts_box)
        contacts_layout.addWidget(self.contacts_table)
        contacts_layout.addLayout(contact_buttons)

        required = _hint_label("* pole wymagane")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(contacts_box, 1)
        layout.addWidget(required)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(820, 640)

        chain = [
            self.name_edit,
            self.type_combo,
            self.street_edit,
            self.postal_code_edit,
            self.city_edit,
            self.phone_edit,
            self.email_edit,
            self.notes_edit,
            self.contacts_table,
            self.add_contact_button,
            self.edit_contact_button,
            self.delete_contact_button,
            self.buttons,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.add_contact_button.clicked.connect(self._add_contact)
        self.edit_contact_button.clicked.connect(self._edit_contact)
        self.delete_contact_button.clicked.connect(self._delete_contact)
        self.contacts_table.doubleClicked.connect(self._edit_contact)
        self.contacts_table.selectionModel().selectionChanged.connect(self._update_contact_buttons)
        self.contacts_model.modelReset.connect(self._update_contact_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(self.contacts_table, QKeySequence(key), self._edit_contact)

    def _fill(self, data: InstitutionData) -> None:
        self.name_edit.setText(data.name)
        self.type_combo.setCurrentIndex(self.type_combo.findData(data.type))
        self.street_edit.setText(data.street)
        self.postal_code_edit.setText(data.postal_code)
        self.city_edit.setText(data.city)
        self.phone_edit.setText(data.phone)
        self.email_edit.setText(data.email)
        self.notes_edit.setPlainText(data.notes)
        self.contacts_model.set_rows(data.contacts)

    def value(self) -> InstitutionData:
        return InstitutionData(
            name=self.name_edit.text(),
            type=self.type_combo.currentData() or "",
            street=self.street_edit.text(),
            postal_code=self.postal_code_edit.value(),
            city=self.city_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            notes=self.notes_edit.toPlainText(),
            contacts=self.contacts_model.rows(),
        )

    def _extra_state(self) -> object:
        """The contact people listed in the table belong to the form."""
        return tuple(self.contacts_model.rows())

    def _save(self) -> None:
        """Read the form here, on the GUI thread; the write itself runs off it."""
        data, institution_id = self.value(), self._institution_id
        self._start_save(
            lambda register: register.institutions.save(data, institution_id),
            "Zapisywanie instytucji…",
        )

    def _selected_contact_row(self) -> int | None:
        rows = self.contacts_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_contact_buttons(self) -> None:
        selected = self._selected_contact_row() is not None
        self.edit_contact_button.setEnabled(selected)
        self.delete_contact_button.setEnabled(selected)

    def _add_contact(self) -> None:
        dialog = ContactPersonDialog(parent=self, today=self._context.today())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            rows = [*self.contacts_model.rows(), dialog.value()]
            self.contacts_model.set_rows(rows)
            self.contacts_table.selectRow(len(rows) - 1)

    def _edit_contact(self) -> None:
        row = self._selected_contact_row()
        if row is None:
            return
        dialog = ContactPersonDialog(
            self.contacts_model.row_at(row), parent=self, today=self._context.today()
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            rows = self.contacts_model.rows()
            rows[row] = dialog.value()
            self.contacts_model.set_rows(rows)
            self.contacts_table.selectRow(row)

    def _delete_contact(self) -> None:
        row = self._selected_contact_row()
        if row is None:
            return
        rows = self.contacts_model.rows()
        del rows[row]
        self.contacts_model.set_rows(rows)
        if rows:
            self.contacts_table.selectRow(min(row, len(rows) - 1))
