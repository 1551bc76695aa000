"""Recording a step of the procedure's course, and the reason a deadline was not met.

The event form offers the NK-A only for steps the law ties to one form, and only the
people of the role a step is about; the service checks the same again (one rule).
"""

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import PER_NKA_EVENTS, Deadline
from app.domain.enums import CourseEvent
from app.services.course import PERSON_EVENTS, EventView
from app.services.views import ProcedureDetail
from ui.context import AppContext
from ui.date_field import DateField
from ui.saving_dialog import SavingDialog
from ui.widgets import ErrorLabel, dialog_buttons


class CourseEventDialog(SavingDialog):
    """A new step (`kind` preset when a deadline's button opened it) or a recorded one."""

    def __init__(
        self,
        context: AppContext,
        procedure: ProcedureDetail,
        parent: QWidget | None = None,
        *,
        kind: CourseEvent | None = None,
        nka_record_id: int | None = None,
        event: EventView | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure = procedure
        self._event_id = event.id if event is not None else None
        self.setWindowTitle("Krok procedury" if event is None else "Zmiana kroku procedury")
        today = context.today()
        self.kind_combo = QComboBox()
        for item in CourseEvent:
            self.kind_combo.addItem(item.label, item)
        self.nka_combo = QComboBox()
        for record in procedure.nka_records:
            self.nka_combo.addItem(record.label, record.id)
        self.person_combo = QComboBox()
        self.date_edit = DateField(today)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(70)
        form = QFormLayout()
        form.addRow("&Krok:", self.kind_combo)
        form.addRow("&Formularz NK-A:", self.nka_combo)
        form.addRow("&Osoba:", self.person_combo)
        form.addRow("&Data*:", self.date_edit)
        form.addRow("&Uwagi:", self.note_edit)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._field_widgets = {
            "occurred_on": self.date_edit.line,
            "nka": self.nka_combo,
            "person_id": self.person_combo,
        }
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._preset(kind, nka_record_id, event, today)

    def _preset(
        self,
        kind: CourseEvent | None,
        nka_record_id: int | None,
        event: EventView | None,
        today: dt.date,
    ) -> None:
        chosen = event.kind if event is not None else kind
        if chosen is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(chosen))
        self.kind_combo.setEnabled(event is None)
        self._kind_changed()
        record = event.nka_record_id if event is not None else nka_record_id
        if record is not None:
            self.nka_combo.setCurrentIndex(self.nka_combo.findData(record))
        if event is not None:
            self.date_edit.set_value(event.occurred_on)
            self.note_edit.setPlainText(event.note)
            if event.person_id is not None:
                self.person_combo.setCurrentIndex(self.person_combo.findData(event.person_id))
        else:
            self.date_edit.set_value(today)

    def kind(self) -> CourseEvent:
        return CourseEvent(self.kind_combo.currentData())  # Qt hands the value back as str

    def _kind_changed(self) -> None:
        kind = self.kind()
        per_nka = kind in PER_NKA_EVENTS
        self.nka_combo.setEnabled(per_nka and self._event_id is None)
        role = PERSON_EVENTS.get(kind)
        self.person_combo.clear()
        self.person_combo.addItem("— (nie wskazano)", None)
        if role is not None:
            for part in self._procedure.people_in(role):
                self.person_combo.addItem(
                    f"{part.person.first_name} {part.person.last_name}", part.person.id
                )
        self.person_combo.setEnabled(role is not None)
        self.hint.setText("Ten krok dotyczy jednego formularza NK-A." if per_nka else "")

    def _save(self) -> None:
        if not self._dates_ready():
            return
        day = self.date_edit.value()
        assert day is not None
        kind, note = self.kind(), self.note_edit.toPlainText()
        nka = self.nka_combo.currentData() if kind in PER_NKA_EVENTS else None
        person = self.person_combo.currentData()
        procedure_id, event_id = self._procedure.id, self._event_id
        if event_id is None:
            self._start_save(
                lambda reg: reg.course.add_event(procedure_id, kind, day, nka, person, note),
                "Zapisywanie kroku procedury…",
            )
        else:
            self._start_save(
                lambda reg: reg.course.update_event(procedure_id, event_id, day, person, note),
                "Zapisywanie kroku procedury…",
            )


class ReasonDialog(SavingDialog):
    """Why a deadline was late or missed, in the worker's words (empty removes it)."""

    def __init__(
        self,
        context: AppContext,
        procedure_id: int,
        deadline: Deadline,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure_id
        self._deadline = deadline
        self.setWindowTitle("Powód niedotrzymania terminu")
        what = QLabel(f"{deadline.rule.title}: {deadline.state.label} — {deadline.when()}")
        what.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(deadline.reason)
        self.reason_edit.setMinimumWidth(460)
        form = QFormLayout()
        form.addRow(what)
        form.addRow("&Powód:", self.reason_edit)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._field_widgets = {"reason": self.reason_edit}
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _save(self) -> None:
        procedure_id, (step, nka) = self._procedure_id, self._deadline.key
        text = self.reason_edit.toPlainText()
        self._start_save(
            lambda reg: reg.course.set_reason(procedure_id, step, nka, text),
            "Zapisywanie powodu…",
        )
