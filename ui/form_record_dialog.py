"""Recording the hand-over of NK-B, or an NK-C or NK-D filled in, for one procedure.

The header says when, with whom (only the people the form may name are offered: NK-C a
victim, NK-D a perpetrator, NK-B anyone but a perpetrator), where and by whom; the
content part is generated from the definition of the record's own version. Nothing is
written until "Zapisz"; a refused save keeps everything typed and focuses the field.
"""

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import form_rules, forms
from app.domain.enums import Role
from app.domain.forms import Content, FormDefinition
from app.errors import UserError
from app.services.records import FormData
from app.services.views import FormRecordView, ProcedureDetail
from ui.context import AppContext
from ui.form_fields import (
    form_layout,
    lay_out_form_dialog,
    read_content,
    section_box,
    unverified_note,
    unverified_text,
    write_field,
)
from ui.form_print_actions import add_print_button, form_record_printout
from ui.rows_field import RowsField
from ui.saving_dialog import SavingDialog
from ui.widgets import DateField

HANDED_OVER = "NK-B"
_PERSON_LABEL = {
    "NK-B": "&Osoba, której przekazano:",
    "NK-C": "&Osoba doznająca przemocy *:",
    "NK-D": "&Osoba stosująca przemoc *:",
}
_MISSING_PERSON = {
    "NK-C": "Procedura nie ma osoby doznającej przemocy — dodaj ją w zakładce „Osoby”.",
    "NK-D": "Procedura nie ma osoby stosującej przemoc — dodaj ją w zakładce „Osoby”.",
}


def dialog_title(form: str, number: str) -> str:
    what = "Przekazanie formularza NK-B" if form == HANDED_OVER else f"Formularz {form}"
    return f"{what} — {number}"


@dataclass(frozen=True)
class PersonChoice:
    id: int
    label: str  # "Anna Próbna — osoba doznająca przemocy domowej"
    roles: frozenset[Role]


def person_choices(procedure: ProcedureDetail) -> list[PersonChoice]:
    """Everyone in the procedure once, with all their roles, in the procedure's order."""
    roles: dict[int, list[Role]] = {}
    names: dict[int, str] = {}
    for part in procedure.participants:
        roles.setdefault(part.person.id, []).append(part.role)
        names[part.person.id] = f"{part.person.first_name} {part.person.last_name}".strip()
    return [
        PersonChoice(pid, f"{names[pid]} — {', '.join(r.label for r in held)}", frozenset(held))
        for pid, held in roles.items()
    ]


class FormRecordDialog(SavingDialog):
    """One NK-B hand-over, NK-C or NK-D of a procedure; the service validates it."""

    def __init__(
        self,
        context: AppContext,
        procedure: ProcedureDetail,
        form: str,
        record: FormRecordView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure.id
        self._record_id = record.id if record is not None else None
        self._form = form
        version = record.form_version if record else form_rules.CURRENT_VERSIONS[form]
        self._definition = forms.definition(form, version)
        self.setWindowTitle(dialog_title(form, procedure.number))
        self._build_ui(procedure)
        printout = form_record_printout(procedure, record) if record is not None else None
        add_print_button(context, self, self.buttons, printout, self.has_unsaved_changes)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._load(record, procedure)

    def _build_ui(self, procedure: ProcedureDetail) -> None:
        body = QWidget()
        body_layout = QVBoxLayout(body)
        if any(section.confidence != "high" for section in self._definition.sections):
            body_layout.addWidget(unverified_note(unverified_text(self._form)))
        body_layout.addWidget(self._build_header(procedure))
        self.content_widgets: dict[str, QWidget] = {}
        today = self._context.today()
        for section in _editable_sections(self._definition):
            body_layout.addWidget(section_box(section, today, self.content_widgets))
        body_layout.addStretch(1)
        self.scroll_area, self.error_label, self.buttons, self.save_button = lay_out_form_dialog(
            self, body
        )
        self.resize(860, 680)

        self._field_widgets = {
            "filled_on": self.filled_on_edit,
            "person_id": self.person_combo,
            "filled_place": self.place_edit,
            "filled_by_name": self.filled_by_edit,
            **{
                field_id: widget.table if isinstance(widget, RowsField) else widget
                for field_id, widget in self.content_widgets.items()
            },
        }

    def _build_header(self, procedure: ProcedureDetail) -> QGroupBox:
        today, started_on, form = self._context.today(), procedure.started_on, self._form
        handed = form == HANDED_OVER
        self.filled_on_edit = DateField(
            today, rule=lambda day: form_rules.check_form_date(form, day, started_on, today)
        )
        self.person_combo = QComboBox()
        if form_rules.requires_person(form):
            self.person_combo.setPlaceholderText("— wybierz osobę —")
        else:
            self.person_combo.addItem("— nie wskazano —", None)
        self._people = {choice.id: choice for choice in person_choices(procedure)}
        for choice in self._people.values():
            if form_rules.may_name(form, choice.roles):
                self.person_combo.addItem(choice.label, choice.id)
        self.place_edit = QLineEdit()
        self.filled_by_edit = QLineEdit()
        self.filled_by_edit.setPlaceholderText("imię i nazwisko")

        box = QGroupBox("Przekazanie" if handed else "Kiedy, z kim i kto wypełnił")
        form_rows = form_layout()
        box.setLayout(form_rows)
        form_rows.addRow(
            "Data &przekazania *:" if handed else "Data &wypełnienia *:", self.filled_on_edit
        )
        form_rows.addRow(_PERSON_LABEL[form], self.person_combo)
        missing = _MISSING_PERSON.get(form)
        if missing and self.person_combo.count() == 0:
            hint = QLabel(missing)
            hint.setWordWrap(True)
            hint.setEnabled(False)
            form_rows.addRow(hint)
        form_rows.addRow("&Miejsce:", self.place_edit)
        form_rows.addRow("Przekazał(&a):" if handed else "Wypełnił(&a):", self.filled_by_edit)
        return box

    def _load(self, record: FormRecordView | None, procedure: ProcedureDetail) -> None:
        """A new record names the procedure's only victim (NK-B, NK-C) or perpetrator (NK-D)."""
        if record is None:
            role = Role.PERPETRATOR if self._form == "NK-D" else Role.VICTIM
            only = {part.person.id for part in procedure.people_in(role)}
            if len(only) == 1:
                self._choose_person(only.pop())
            return
        self.filled_on_edit.set_value(record.filled_on)
        self._choose_person(record.person_id)
        self.place_edit.setText(record.filled_place)
        self.filled_by_edit.setText(record.filled_by_name)
        for field_id, widget in self.content_widgets.items():
            write_field(widget, record.content.get(field_id))

    def _choose_person(self, person_id: int | None) -> None:
        """Select the person; one the form may no longer name is still shown, so the
        refusal on saving says why instead of the record silently changing."""
        index = self.person_combo.findData(person_id)
        if index < 0 and person_id in self._people:
            self.person_combo.addItem(self._people[person_id].label, person_id)
            index = self.person_combo.count() - 1
        self.person_combo.setCurrentIndex(index)

    def content(self) -> Content:
        return read_content(self.content_widgets)

    def value(self) -> FormData:
        filled_on = self.filled_on_edit.value()
        assert filled_on is not None
        return FormData(
            form=self._form,
            filled_on=filled_on,
            person_id=self.person_combo.currentData(),
            content=self.content(),
            filled_place=self.place_edit.text(),
            filled_by_name=self.filled_by_edit.text(),
        )

    def _extra_state(self) -> object:
        """The rows of the tables are part of the form, though no plain field holds them."""
        return tuple(
            repr(widget.value())
            for widget in self.content_widgets.values()
            if isinstance(widget, RowsField)
        )

    def _save(self) -> None:
        if not self._dates_ready():
            self._scroll_to_focus()
            return
        data, procedure_id, record_id = self.value(), self._procedure_id, self._record_id
        self._start_save(
            lambda reg: reg.forms.save(procedure_id, data, record_id),
            f"Zapisywanie formularza {self._form}…",
        )

    def _refused(self, exc: UserError) -> None:
        """The refused field may be far down the form: scroll to it."""
        super()._refused(exc)
        self._scroll_to_focus()

    def _scroll_to_focus(self) -> None:
        focused = self.focusWidget()
        if focused is not None and self.scroll_area.isAncestorOf(focused):
            self.scroll_area.ensureWidgetVisible(focused)


def _editable_sections(definition: FormDefinition) -> list[forms.FormSection]:
    """Sections with fields to fill: the printed-only ones (e.g. signatures) are skipped,
    and so is the field that is the record's own date (asked once, in the header)."""
    dated = form_rules.DATE_FIELD.get(definition.form)
    trimmed = [
        replace(section, fields=tuple(f for f in section.fields if f.id != dated))
        for section in definition.sections
    ]
    return [section for section in trimmed if section.fields]
