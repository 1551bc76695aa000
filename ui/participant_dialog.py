"""A person in a procedure: identity, addresses and contacts, role and role-bound data.

Which role-bound fields are shown comes from app.domain.permitted_data only, so the
dialog can never offer a data item the Act does not allow for the chosen role.

Protected addresses and contacts („nie ujawniać”) arrive masked. Until „Pokaż” fetches
their text the lists cannot be changed and saving leaves them as stored.
"""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import pesel as pesel_rules
from app.domain.enums import AddressKind, ContactKind, Role, Sex
from app.domain.identity import check_birth_date
from app.domain.permitted_data import (
    PARTICIPATION_FIELDS,
    allowed_fields,
    may_hold_contact_data,
)
from app.domain.protected_data import MASKED_ADDRESS, MASKED_CONTACT
from app.errors import UserError
from app.services.records import AddressData, ContactData, ParticipantData, PersonData
from app.services.views import (
    AddressView,
    ContactView,
    ParticipantView,
    PersonView,
    RevealedData,
)
from ui.contact_fields import (
    CheckedLineEdit,
    PostalCodeField,
    add_checked_row,
    email_rule,
    no_rule,
)
from ui.context import AppContext
from ui.form_dialog import FormDialog
from ui.saving_dialog import SavingDialog
from ui.table_model import Column, RecordTableModel
from ui.widgets import DateField, ErrorLabel, dialog_buttons, record_table

Masked = Callable[[AddressData | ContactData], bool]


def address_columns(masked: Masked) -> list[Column[AddressData]]:
    """`masked(row)`: the row stands for a protected address whose text was not fetched."""
    return [
        Column("Rodzaj", lambda a: AddressKind(a.kind).label),
        Column("Ulica i numer", lambda a: MASKED_ADDRESS if masked(a) else a.street, muted=masked),
        Column("Kod", lambda a: a.postal_code),
        Column("Miejscowość", lambda a: a.city),
        Column("Nie ujawniać", lambda a: "tak" if a.do_not_disclose else ""),
    ]


def contact_columns(masked: Masked) -> list[Column[ContactData]]:
    return [
        Column("Rodzaj", lambda c: ContactKind(c.kind).label),
        Column("Kontakt", lambda c: MASKED_CONTACT if masked(c) else c.value, muted=masked),
        Column("Nie ujawniać", lambda c: "tak" if c.do_not_disclose else ""),
    ]


def address_data(address: AddressView) -> AddressData:
    return AddressData(
        AddressKind(address.kind),
        address.street,
        address.postal_code,
        address.city,
        address.do_not_disclose,
    )


def contact_data(contact: ContactView) -> ContactData:
    return ContactData(ContactKind(contact.kind), contact.value, contact.do_not_disclose)


def person_data_of(person: PersonView) -> PersonData:
    """Editable copy of a stored person (withheld addresses and contacts without text)."""
    return PersonData(
        first_name=person.first_name,
        last_name=person.last_name,
        pesel=person.pesel or "",
        birth_date=person.birth_date,
        sex=person.sex,
        addresses=[address_data(a) for a in person.addresses],
        contacts=[contact_data(c) for c in person.contacts],
    )


class AddressDialog(FormDialog):
    def __init__(self, address: AddressData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Adres")
        form = QFormLayout(self)
        self.kind_combo = QComboBox()
        for kind in AddressKind:
            self.kind_combo.addItem(kind.label, kind)
        self.street_edit = QLineEdit()
        self.postal_edit = PostalCodeField()
        self.city_edit = QLineEdit()
        self.hidden_check = QCheckBox("nie ujawniać (np. adres schronienia)")
        form.addRow("&Rodzaj:", self.kind_combo)
        form.addRow("&Ulica i numer:", self.street_edit)
        add_checked_row(form, "&Kod pocztowy:", self.postal_edit)
        form.addRow("&Miejscowość:", self.city_edit)
        form.addRow("", self.hidden_check)
        buttons, self.ok_button = dialog_buttons("OK")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # A code the save would refuse cannot be confirmed (it used to vanish silently).
        self.postal_edit.acceptable_changed.connect(self.ok_button.setEnabled)
        if address is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(AddressKind(address.kind)))
            self.street_edit.setText(address.street)
            self.postal_edit.setText(address.postal_code)
            self.city_edit.setText(address.city)
            self.hidden_check.setChecked(address.do_not_disclose)

    def value(self) -> AddressData:
        return AddressData(
            self.kind_combo.currentData(),
            self.street_edit.text().strip(),
            self.postal_edit.value(),
            self.city_edit.text().strip(),
            self.hidden_check.isChecked(),
        )


class ContactDialog(FormDialog):
    def __init__(self, contact: ContactData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kontakt")
        form = QFormLayout(self)
        self.kind_combo = QComboBox()
        for kind in ContactKind:
            self.kind_combo.addItem(kind.label, kind)
        self.value_edit = CheckedLineEdit()
        self.hidden_check = QCheckBox("nie ujawniać")
        form.addRow("&Rodzaj:", self.kind_combo)
        add_checked_row(form, "&Numer / adres:", self.value_edit)
        form.addRow("", self.hidden_check)
        buttons, self.ok_button = dialog_buttons("OK")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.value_edit.acceptable_changed.connect(self.ok_button.setEnabled)
        if contact is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(ContactKind(contact.kind)))
            self.value_edit.setText(contact.value)
            self.hidden_check.setChecked(contact.do_not_disclose)

    def _kind_changed(self) -> None:
        """Only an e-mail address has a form to check; a phone number is taken as written."""
        is_email = self.kind_combo.currentData() == ContactKind.EMAIL
        self.value_edit.set_rule(email_rule() if is_email else no_rule)

    def value(self) -> ContactData:
        return ContactData(
            self.kind_combo.currentData(),
            self.value_edit.text().strip(),
            self.hidden_check.isChecked(),
        )


class ParticipantDialog(SavingDialog):
    """Add a new or existing person to a procedure, or edit a participation."""

    _inline_errors = UserError  # a refused person is always explained in the form

    def __init__(
        self,
        context: AppContext,
        procedure_id: int,
        participation: ParticipantView | None = None,
        existing_person: PersonView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure_id
        self._participation_id = participation.id if participation else None
        self._person = participation.person if participation else existing_person
        self._person_id = existing_person.id if existing_person else None
        # Protected rows hold no text until revealed; the generation drops a reveal
        # answered after the program was locked.
        self._withheld = self._person is not None and self._person.data_withheld
        self._revealed: tuple[list[AddressData], list[ContactData]] | None = None
        self._reveals = 0
        self._build_ui()
        self._connect_signals()
        if self._person is not None:
            self._load(person_data_of(self._person))
        if participation is not None:
            self.role_combo.setCurrentIndex(self.role_combo.findData(participation.role))
            for key, value in participation.details.items():
                if key in self.detail_edits:
                    self.detail_edits[key].setText(value)
        self._role_changed()
        self.setWindowTitle(
            "Osoba w procedurze" if participation or existing_person else "Nowa osoba w procedurze"
        )
        self.first_name_edit.setFocus()  # she starts typing the name at once

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        identity = QGroupBox("Osoba")
        form = QFormLayout(identity)
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(role.label, role)
        self.first_name_edit = QLineEdit()
        self.last_name_edit = QLineEdit()
        self.pesel_edit = QLineEdit()
        self.pesel_edit.setMaxLength(11)
        self.pesel_hint = QLabel()
        today = self._context.today()
        self.birth_edit = DateField(
            today, optional=True, rule=lambda day: check_birth_date(day, today)
        )
        self.sex_combo = QComboBox()
        self.sex_combo.addItem("—", None)
        for sex in Sex:
            self.sex_combo.addItem(sex.label, sex)
        form.addRow("&Rola*:", self.role_combo)
        form.addRow("&Imię*:", self.first_name_edit)
        form.addRow("&Nazwisko*:", self.last_name_edit)
        form.addRow("&PESEL:", self.pesel_edit)
        form.addRow("", self.pesel_hint)
        form.addRow("Data &urodzenia:", self.birth_edit)
        form.addRow("Pł&eć:", self.sex_combo)
        layout.addWidget(identity)

        self.contact_group = QGroupBox("Adresy i kontakty")
        contact_layout = QVBoxLayout(self.contact_group)
        self.withheld_note = QLabel(
            "Adres lub kontakt oznaczony „nie ujawniać” jest ukryty. "
            "Aby go zobaczyć albo zmienić adresy i kontakty, kliknij „Pokaż”."
        )
        self.withheld_note.setWordWrap(True)
        self.reveal_button = QPushButton("Pokaż")
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.withheld_note, 1)
        reveal_row.addWidget(self.reveal_button)
        contact_layout.addLayout(reveal_row)
        self.address_model: RecordTableModel[AddressData] = RecordTableModel(
            address_columns(self._masked)
        )
        self.address_table = self._small_table(self.address_model)
        self.add_address_button = QPushButton("Dodaj adres…")
        self.edit_address_button = QPushButton("Edytuj…")
        self.remove_address_button = QPushButton("Usuń")
        contact_layout.addWidget(self.address_table)
        contact_layout.addLayout(
            _row(self.add_address_button, self.edit_address_button, self.remove_address_button)
        )
        self.contact_model: RecordTableModel[ContactData] = RecordTableModel(
            contact_columns(self._masked)
        )
        self.contact_table = self._small_table(self.contact_model)
        self.add_contact_button = QPushButton("Dodaj telefon / e-mail…")
        self.remove_contact_button = QPushButton("Usuń")
        contact_layout.addWidget(self.contact_table)
        contact_layout.addLayout(_row(self.add_contact_button, self.remove_contact_button))
        self.contact_note = QLabel(
            "Dla członka gospodarstwa domowego ustawa nie przewiduje adresu ani kontaktu."
        )
        self.contact_note.setWordWrap(True)
        contact_layout.addWidget(self.contact_note)
        layout.addWidget(self.contact_group)

        self.details_group = QGroupBox("Dane dopuszczone dla tej roli (art. 9c ustawy)")
        details_form = QFormLayout(self.details_group)
        self.detail_edits: dict[str, QLineEdit] = {}
        self._detail_labels: dict[str, QLabel] = {}
        for key, label in PARTICIPATION_FIELDS.items():
            edit = QLineEdit()
            caption = QLabel(label[0].upper() + label[1:] + ":")
            caption.setWordWrap(True)
            caption.setMinimumWidth(260)
            details_form.addRow(caption, edit)
            self.detail_edits[key], self._detail_labels[key] = edit, caption
        layout.addWidget(self.details_group)
        layout.addStretch(1)

        self.error_label = ErrorLabel()
        outer.addWidget(self.error_label)
        self._field_widgets: dict[str, QWidget] = {
            "first_name": self.first_name_edit,
            "last_name": self.last_name_edit,
            "pesel": self.pesel_edit,
            "birth_date": self.birth_edit,
            "sex": self.sex_combo,
            "role": self.role_combo,
            "addresses": self.address_table,
            "contacts": self.contact_table,
            **self.detail_edits,
        }
        self.buttons, self.save_button = dialog_buttons("Zapisz")
        outer.addWidget(self.buttons)
        self.resize(720, 760)

    @staticmethod
    def _small_table(model: RecordTableModel) -> QTableView:  # type: ignore[type-arg]
        """A few rows inside a long form: low, plain, in the order they were entered.

        The address or contact itself (column 1) takes the room; the short columns fit
        their text, so the „Nie ujawniać” flag does not crowd out the address.
        """
        table = record_table(model, sortable=False, stretch_last=False)
        table.setMaximumHeight(110)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _connect_signals(self) -> None:
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.pesel_edit.textChanged.connect(self._pesel_changed)
        self.add_address_button.clicked.connect(self._add_address)
        self.edit_address_button.clicked.connect(self._edit_address)
        self.address_table.activated.connect(lambda _index: self._edit_address())
        self.remove_address_button.clicked.connect(
            lambda: self._remove_selected(self.address_table, self.address_model)
        )
        self.add_contact_button.clicked.connect(self._add_contact)
        self.remove_contact_button.clicked.connect(
            lambda: self._remove_selected(self.contact_table, self.contact_model)
        )
        self.reveal_button.clicked.connect(self._reveal)
        self._context.locking.connect(self._mask_again)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _masked(self, row: AddressData | ContactData) -> bool:
        return self._withheld and row.do_not_disclose

    def _reveal(self) -> None:
        """Fetch the text of the person's protected addresses and contacts, off the GUI thread."""
        assert self._person is not None
        person_id, reveals = self._person.id, self._reveals
        self.reveal_button.setEnabled(False)
        self._context.ops.query(
            self,
            lambda reg: reg.participants.reveal_protected(person_id),
            lambda data: self._fill_revealed(data, reveals),
            on_failed=lambda: self.reveal_button.setEnabled(True),
        )

    def _fill_revealed(self, data: RevealedData, reveals: int) -> None:
        self.reveal_button.setEnabled(True)
        if reveals != self._reveals:
            return  # the program was locked meanwhile
        addresses = [address_data(a) for a in data.addresses]
        contacts = [contact_data(c) for c in data.contacts]
        untouched = not self.has_unsaved_changes()
        self._withheld, self._revealed = False, (addresses, contacts)
        self.address_model.set_rows(addresses)
        self.contact_model.set_rows(contacts)
        self._role_changed()
        if untouched:  # showing what is stored is no change to save
            self.tracker.mark_clean()

    def _mask_again(self) -> None:
        """On locking, revealed text goes unless the worker has already changed the lists:
        that is an edit in progress, kept like anything else typed."""
        self._reveals += 1
        lists = (self.address_model.rows(), self.contact_model.rows())
        if self._person is None or self._revealed is None or lists != self._revealed:
            return
        data = person_data_of(self._person)
        untouched = not self.has_unsaved_changes()
        self._withheld, self._revealed = True, None
        self.address_model.set_rows(data.addresses or [])
        self.contact_model.set_rows(data.contacts or [])
        self._role_changed()
        if untouched:
            self.tracker.mark_clean()

    def _load(self, data: PersonData) -> None:
        self.first_name_edit.setText(data.first_name)
        self.last_name_edit.setText(data.last_name)
        self.pesel_edit.setText(data.pesel)
        self.birth_edit.set_value(data.birth_date)
        self.sex_combo.setCurrentIndex(max(self.sex_combo.findData(data.sex), 0))
        self.address_model.set_rows(data.addresses or [])
        self.contact_model.set_rows(data.contacts or [])

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def _role_changed(self) -> None:
        role = self.role()
        allowed = allowed_fields(role)
        for key, edit in self.detail_edits.items():
            edit.setVisible(key in allowed)
            self._detail_labels[key].setVisible(key in allowed)
        contact_allowed = self._may_hold_contact_data(role)
        self.address_table.setEnabled(contact_allowed)
        self.contact_table.setEnabled(contact_allowed)
        for widget in (
            self.add_address_button,
            self.edit_address_button,
            self.remove_address_button,
            self.add_contact_button,
            self.remove_contact_button,
        ):
            widget.setEnabled(contact_allowed and not self._withheld)
        self.contact_note.setVisible(not contact_allowed)
        self.withheld_note.setVisible(self._withheld)
        self.reveal_button.setVisible(self._withheld)

    def _may_hold_contact_data(self, role: Role) -> bool:
        """The roles the person holds elsewhere count too: a victim in another procedure
        keeps her address even where she is only a household member."""
        if self._person is None:
            return may_hold_contact_data({role})
        return self._person.may_hold_contact_data(role, self._participation_id)

    def _pesel_changed(self, text: str) -> None:
        if len(text) < 11:
            self.pesel_hint.setText("")
            return
        try:
            info = pesel_rules.decode(text)
        except pesel_rules.InvalidPeselError as exc:
            self.pesel_hint.setText(str(exc))
            self.pesel_hint.setStyleSheet("color: #b00020;")
            return
        self.pesel_hint.setStyleSheet("color: #2e7d32;")
        self.pesel_hint.setText(f"PESEL poprawny: ur. {info.birth_date:%d.%m.%Y}, {info.sex.label}")
        if not self.birth_edit.text().strip():
            self.birth_edit.set_value(info.birth_date)
        if self.sex_combo.currentData() is None:
            self.sex_combo.setCurrentIndex(self.sex_combo.findData(info.sex))

    def _add_address(self) -> None:
        dialog = AddressDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.address_model.set_rows([*self.address_model.rows(), dialog.value()])

    def _edit_address(self) -> None:
        selected = self.address_table.selectionModel().selectedRows()
        if not selected or self._withheld:
            return
        rows = self.address_model.rows()
        dialog = AddressDialog(rows[selected[0].row()], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            rows[selected[0].row()] = dialog.value()
            self.address_model.set_rows(rows)

    def _add_contact(self) -> None:
        dialog = ContactDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.contact_model.set_rows([*self.contact_model.rows(), dialog.value()])

    @staticmethod
    def _remove_selected(table: QTableView, model: RecordTableModel) -> None:  # type: ignore[type-arg]
        selected = table.selectionModel().selectedRows()
        if selected:
            rows = model.rows()
            del rows[selected[0].row()]
            model.set_rows(rows)

    def participant_data(self) -> ParticipantData:
        role = self.role()
        allowed = allowed_fields(role)
        # None leaves the stored lists as they are: never overwrite withheld rows.
        editable = self._may_hold_contact_data(role) and not self._withheld
        return ParticipantData(
            person=PersonData(
                first_name=self.first_name_edit.text(),
                last_name=self.last_name_edit.text(),
                pesel=self.pesel_edit.text(),
                birth_date=self.birth_edit.value(),
                sex=self.sex_combo.currentData(),
                addresses=self.address_model.rows() if editable else None,
                contacts=self.contact_model.rows() if editable else None,
            ),
            role=role,
            details={k: e.text() for k, e in self.detail_edits.items() if k in allowed},
        )

    def _save(self) -> None:
        """Read the form here, on the GUI thread; the write itself runs off it."""
        if not self._dates_ready():
            return
        data, procedure_id = self.participant_data(), self._procedure_id
        participation_id, person_id = self._participation_id, self._person_id
        self._start_save(
            lambda reg: reg.participants.save(procedure_id, data, participation_id, person_id),
            "Zapisywanie osoby…",
        )

    def _extra_state(self) -> object:
        """The addresses and contacts typed into the small tables belong to the form."""
        return (tuple(self.address_model.rows()), tuple(self.contact_model.rows()))


def _row(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return layout
