"""Adding and editing one NK-A record: who filled it, whom it names, and what happened.

The content part is generated from the form definition (resources/forms/nka-*.json), so
aligning the program with the official annex is an edit of that file, never of this one.
Nothing is written until "Zapisz"; a rejected save keeps everything typed. Files added
in „Załączniki” (e.g. the scan of the paper form) are stored with the form, all or none.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain import nka_form
from app.domain.enums import InitiatorService, Role
from app.domain.identity import ADULT_AGE, age_on, known_birth_date
from app.domain.institution_kinds import institution_kind_for
from app.domain.nka_form import Content
from app.domain.procedure_rules import (
    check_nka_dates,
    check_past_date,
    left_out_of_nka,
    names_victim_and_perpetrator,
)
from app.errors import UserError, ValidationError
from app.services.changes import Changes
from app.services.records import InstitutionRow, NkaData
from app.services.views import NkaView, PersonView, ProcedureDetail
from ui.attachment_files import AttachmentFilesBox, read_files
from ui.context import AppContext
from ui.date_field import first_date_problem
from ui.directory_offer import offer_to_directory
from ui.form_fields import (
    form_layout,
    lay_out_form_dialog,
    read_content,
    section_box,
    unverified_note,
    unverified_text,
    write_field,
)
from ui.form_print_actions import add_print_button, nka_printout
from ui.i18n import format_date
from ui.saving_dialog import SavingDialog
from ui.widgets import DateField, ErrorLabel, confirm

OTHER_SERVICE_WARNING = (
    "Uwaga: NK-A wypełniają tylko przedstawiciele podmiotów z art. 9a ust. 11–11d ustawy "
    "(rozp. § 2 ust. 2) — „inna służba” nie ma podstawy w przepisach."
)
UNVERIFIED_NOTE = unverified_text(nka_form.FORM)
LEFT_OUT_QUESTION = (
    "Formularz NK-A powinien wskazywać wszystkie osoby doznające przemocy i stosujące "
    "przemoc w tej procedurze (rozp. § 2 ust. 4). Nie zaznaczono: {names}. Zapisać mimo to?"
)
MINOR_AGE = "{name} ma według daty urodzenia {age}."
MINOR_QUESTION = (
    "{ages} Osoba stosująca przemoc domową to osoba pełnoletnia (ustawa art. 2 ust. 1 "
    "pkt 3). Zapisać mimo to?"
)
DEFAULT_ROLES = frozenset({Role.VICTIM, Role.PERPETRATOR})
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_PEOPLE = 5


class NkaDialog(SavingDialog):
    """One NK-A form of a procedure; the service validates, errors appear inside the dialog."""

    def __init__(
        self,
        context: AppContext,
        procedure: ProcedureDetail,
        record: NkaView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure.id
        self._record_id = record.id if record is not None else None
        self._started_on = procedure.started_on
        self._participants = procedure.participants
        self._opened_with_institution = record.filled_by_institution_name.strip() if record else ""
        self._linked_institution: tuple[int, str] | None = None
        self._form = nka_form.definition()
        if record is None:
            self.setWindowTitle(f"Nowy formularz NK-A — {procedure.number}")
        else:
            self.setWindowTitle(
                f"Formularz NK-A z {format_date(record.filled_on)} — {procedure.number}"
            )
        self._build_ui(procedure)
        printout = nka_printout(procedure, record) if record is not None else None
        add_print_button(context, self, self.buttons, printout, self.has_unsaved_changes)
        self._connect_signals()
        self._load(record, procedure)
        self._context.ops.query(self, lambda reg: reg.institutions.list(), self._show_institutions)

    def _build_ui(self, procedure: ProcedureDetail) -> None:
        body = QWidget()
        body_layout = QVBoxLayout(body)
        if any(section.confidence != "high" for section in self._form.sections):
            body_layout.addWidget(unverified_note(UNVERIFIED_NOTE))
        body_layout.addWidget(self._build_header())
        body_layout.addWidget(self._build_people(procedure))
        self.content_widgets: dict[str, QWidget] = {}
        for section in self._form.sections:
            # Parts printed from the register (people, who filled it) are edited above.
            if section.fields:
                body_layout.addWidget(
                    section_box(section, self._context.today(), self.content_widgets)
                )
        self.files_box = AttachmentFilesBox(
            "Np. skan papierowego formularza. Pliki zostaną zapisane w zaszyfrowanej bazie "
            "razem z formularzem."
        )
        if self._record_id is not None:
            self.files_box.show_stored(
                [a for a in procedure.attachments if a.nka_record_id == self._record_id]
            )
        body_layout.addWidget(self.files_box)
        body_layout.addStretch(1)

        self.scroll_area, self.error_label, self.buttons, self.save_button = lay_out_form_dialog(
            self, body
        )
        self.resize(900, 700)

        self._field_widgets: dict[str, QWidget] = {
            "filled_on": self.filled_on_edit,
            "filled_place": self.place_edit,
            "filled_by_service": self.service_combo,
            "filled_by_service_other": self.service_other_edit,
            "filled_by_institution_id": self.institution_combo,
            "filled_by_institution_name": self.institution_combo,
            "filled_by_name": self.filled_by_edit,
            "received_by_chair_on": self.received_edit,
            "person_ids": self.person_list,
            "files": self.files_box.table,
            **self.content_widgets,
        }

    def _build_header(self) -> QGroupBox:
        today, started_on = self._context.today(), self._started_on
        self.filled_on_edit = DateField(
            today, rule=lambda day: check_nka_dates(day, None, started_on, today)
        )
        self.place_edit = QLineEdit()
        self.service_combo = QComboBox()
        self.service_combo.setPlaceholderText("— wybierz służbę —")
        for service in InitiatorService:
            self.service_combo.addItem(service.label, service.value)
        self.service_other_edit = QLineEdit()
        self.service_other_edit.setPlaceholderText("gdy wybrano „inna służba”")
        self.service_other_edit.setEnabled(False)
        self.service_warning = ErrorLabel()
        self.institution_combo = QComboBox()
        self.institution_combo.setEditable(True)
        self.institution_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.institution_combo.setEnabled(False)  # until the directory has been read
        self.institution_combo.lineEdit().setPlaceholderText("wybierz z katalogu lub wpisz")
        self.institution_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.filled_by_edit = QLineEdit()
        self.received_edit = DateField(
            today,
            optional=True,
            rule=lambda day: check_past_date(
                day, today, "received_by_chair_on", "Data wpływu do przewodniczącego ZI"
            ),
        )

        box = QGroupBox("Kto i kiedy wypełnił")
        form = form_layout()
        box.setLayout(form)
        form.addRow("Data &wypełnienia *:", self.filled_on_edit)
        form.addRow("&Miejsce wypełnienia:", self.place_edit)
        form.addRow("&Służba *:", self.service_combo)
        form.addRow("N&azwa innej służby:", self.service_other_edit)
        form.addRow(self.service_warning)
        form.addRow("&Instytucja:", self.institution_combo)
        form.addRow("Imię i &nazwisko osoby wypełniającej:", self.filled_by_edit)
        form.addRow("Wpłynęło do p&rzewodniczącego ZI:", self.received_edit)
        return box

    def _build_people(self, procedure: ProcedureDetail) -> QGroupBox:
        self.person_model = QStandardItemModel(self)
        roles: dict[int, list[Role]] = {}
        self._default_people: set[int] = set()
        names: dict[int, str] = {}
        for part in procedure.participants:
            person = part.person
            roles.setdefault(person.id, []).append(part.role)
            names[person.id] = _full_name(person)
            if part.role in DEFAULT_ROLES:
                self._default_people.add(person.id)
        for person_id, person_roles in roles.items():
            labels = ", ".join(role.label for role in person_roles)
            item = QStandardItem(f"{names[person_id]} — {labels}")
            item.setData(person_id, PERSON_ID_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            self.person_model.appendRow(item)
        self.person_list = QListView()
        self.person_list.setModel(self.person_model)
        self.person_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.person_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        box = QGroupBox("Osoby wskazane w formularzu")
        layout = QVBoxLayout(box)
        layout.addWidget(self.person_list)
        rows = min(max(self.person_model.rowCount(), 1), VISIBLE_PEOPLE)
        row_height = self.person_list.sizeHintForRow(0)
        if row_height <= 0:
            row_height = self.person_list.fontMetrics().height() + 4
        self.person_list.setFixedHeight(row_height * rows + 2 * self.person_list.frameWidth() + 4)
        if not roles:
            empty = QLabel("Procedura nie ma jeszcze osób — dodaj je, aby wskazać je w formularzu.")
            empty.setWordWrap(True)
            empty.setEnabled(False)
            layout.addWidget(empty)
        return box

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.service_combo.currentIndexChanged.connect(self._update_service_other)

    def _load(self, record: NkaView | None, procedure: ProcedureDetail) -> None:
        """A new form is dated on the procedure's start when it is the first one."""
        if record is None:
            if procedure.opening_nka is None:
                self.filled_on_edit.set_value(procedure.started_on)
            self._check_people(self._default_people)
            return
        self.filled_on_edit.set_value(record.filled_on)
        self.place_edit.setText(record.filled_place)
        self.service_combo.setCurrentIndex(self.service_combo.findData(record.filled_by_service))
        self.service_other_edit.setText(record.filled_by_service_other)
        if record.filled_by_institution_id is not None:
            self._linked_institution = (
                record.filled_by_institution_id,
                record.filled_by_institution_name,
            )
        self.institution_combo.setEditText(record.filled_by_institution_name)
        self.filled_by_edit.setText(record.filled_by_name)
        self.received_edit.set_value(record.received_by_chair_on)
        self._check_people(set(record.person_ids))
        for field_id, widget in self.content_widgets.items():
            write_field(widget, record.content.get(field_id))

    def _show_institutions(self, rows: list[InstitutionRow]) -> None:
        """Offer the directory, keeping the text already shown or typed.

        An untouched form stays untouched: its starting state is taken again with the
        directory known, so closing it asks nothing.
        """
        untouched = not self.has_unsaved_changes()
        text = self.institution_combo.currentText()
        for row in rows:
            self.institution_combo.addItem(row.name, row.id)
        self.institution_combo.setCurrentIndex(-1)
        self.institution_combo.setEditText(text)
        self.institution_combo.setEnabled(True)
        if untouched and self.tracker.loaded:
            self.tracker.mark_clean()

    def _check_people(self, person_ids: set[int]) -> None:
        for row in range(self.person_model.rowCount()):
            item = self.person_model.item(row)
            checked = item.data(PERSON_ID_ROLE) in person_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _update_service_other(self) -> None:
        other = self.service_combo.currentData() == InitiatorService.OTHER
        self.service_other_edit.setEnabled(other)
        self.service_warning.show_message(OTHER_SERVICE_WARNING if other else "")

    def _institution(self) -> tuple[int | None, str]:
        """A directory entry when the text names one; the record's own link while unchanged."""
        name = self.institution_combo.currentText().strip()
        index = self.institution_combo.findText(name, Qt.MatchFlag.MatchExactly)
        if name and index >= 0:
            return self.institution_combo.itemData(index), name
        if self._linked_institution is not None and self._linked_institution[1] == name:
            return self._linked_institution[0], name
        return None, name

    def checked_person_ids(self) -> list[int]:
        return [
            self.person_model.item(row).data(PERSON_ID_ROLE)
            for row in range(self.person_model.rowCount())
            if self.person_model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def content(self) -> Content:
        """The content part as stored: only filled fields, in definition order."""
        return read_content(self.content_widgets)

    def value(self) -> NkaData:
        filled_on = self.filled_on_edit.value()
        assert filled_on is not None
        service = self.service_combo.currentData() or ""
        institution_id, institution_name = self._institution()
        return NkaData(
            filled_on=filled_on,
            filled_by_service=service,
            filled_place=self.place_edit.text(),
            filled_by_service_other=(
                self.service_other_edit.text() if service == InitiatorService.OTHER else ""
            ),
            filled_by_institution_id=institution_id,
            filled_by_institution_name=institution_name,
            filled_by_name=self.filled_by_edit.text(),
            received_by_chair_on=self.received_edit.value(),
            content=self.content(),
            person_ids=self.checked_person_ids(),
        )

    def _extra_state(self) -> object:
        """The people ticked in the list and the files added belong to the form."""
        return (tuple(self.checked_person_ids()), tuple(self.files_box.new_files()))

    def _save(self) -> None:
        problem = first_date_problem(self)
        if problem:
            self.error_label.show_message(problem)
            focused = self.focusWidget()
            if focused is not None:
                self.scroll_area.ensureWidgetVisible(focused)
            return
        if self.service_combo.currentIndex() < 0:
            self._show_invalid("Wybierz służbę, która wypełniła formularz.", "filled_by_service")
            return
        data, procedure_id, record_id = self.value(), self._procedure_id, self._record_id
        if not self._people_confirmed(data):
            self._go_to("person_ids")
            return
        files = self.files_box.new_files()
        self._start_save(
            lambda reg: reg.nka.save(procedure_id, data, record_id, read_files(files)),
            "Zapisywanie formularza NK-A…",
            lambda changes: self._saved_then_offer(changes, data),
        )

    def _people_confirmed(self, data: NkaData) -> bool:
        """Ask before saving a form that leaves out a victim or perpetrator of the procedure
        or names a perpetrator under 18 by the birth date (or PESEL) on the day it was filled.

        A form naming no victim or no perpetrator goes unasked: the service refuses it.
        """
        named = set(data.person_ids)
        if not names_victim_and_perpetrator(
            p.role for p in self._participants if p.person.id in named
        ):
            return True
        people = {p.person.id: p.person for p in self._participants}
        left_out = left_out_of_nka(named, ((p.person.id, p.role) for p in self._participants))
        if left_out and not confirm(
            self,
            "Osoby wskazane w formularzu",
            LEFT_OUT_QUESTION.format(names=", ".join(_full_name(people[pid]) for pid in left_out)),
        ):
            return False
        ages = []
        for part in self._participants:
            born = known_birth_date(part.person.birth_date, part.person.pesel)
            if part.role is Role.PERPETRATOR and part.person.id in named and born is not None:
                age = age_on(born, data.filled_on)
                if age < ADULT_AGE:
                    ages.append(MINOR_AGE.format(name=_full_name(part.person), age=_years(age)))
        return not ages or confirm(
            self, "Osoba stosująca przemoc", MINOR_QUESTION.format(ages=" ".join(ages))
        )

    def _saved_then_offer(self, changes: Changes, data: NkaData) -> None:
        """Close the saved form, then offer a newly typed institution to the directory.

        The offer waits for the event loop, so the lists show the saved form behind it.
        """
        self._saved(changes)
        name = self._unlisted_institution(data)
        if name:
            parent, context = self.parentWidget() or self, self._context
            kind = institution_kind_for(data.filled_by_service)
            QTimer.singleShot(0, parent, lambda: offer_to_directory(context, parent, name, kind))

    def _unlisted_institution(self, data: NkaData) -> str:
        """A name typed by hand, new on this form, that no directory entry bears ("" if none)."""
        name = data.filled_by_institution_name.strip()
        if not name or data.filled_by_institution_id is not None:
            return ""
        if name == self._opened_with_institution:
            return ""
        combo = self.institution_combo
        listed = {combo.itemText(index).casefold() for index in range(combo.count())}
        return "" if name.casefold() in listed else name

    def _refused(self, exc: UserError) -> None:
        """The refused field may be far down the long form: scroll to it."""
        self._show_invalid(exc.message, exc.field if isinstance(exc, ValidationError) else None)

    def _show_invalid(self, message: str, field: str | None) -> None:
        self.error_label.show_message(message)
        self._go_to(field)

    def _go_to(self, field: str | None) -> None:
        widget = self._field_widgets.get(field or "")
        if widget is not None:
            self.scroll_area.ensureWidgetVisible(widget)
            widget.setFocus()


def _full_name(person: PersonView) -> str:
    """A person as the form's list and its questions name them."""
    return f"{person.first_name} {person.last_name}".strip()


def _years(age: int) -> str:
    """ "1 rok", "2 lata", "5 lat" — Polish plural forms of an age."""
    if age == 1:
        return "1 rok"
    if age % 10 in (2, 3, 4) and age % 100 not in (12, 13, 14):
        return f"{age} lata"
    return f"{age} lat"
