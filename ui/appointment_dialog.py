"""The worker's own appointment in the calendar: a day, optionally its hours, what it is,
where, and the procedure it concerns (by number)."""

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.appointments import AppointmentData, AppointmentView
from ui.context import AppContext
from ui.date_field import DateField
from ui.saving_dialog import SavingDialog
from ui.time_field import time_field, time_of
from ui.widgets import ErrorLabel, confirm, dialog_buttons

TITLE = "Mój termin"


def new_appointment(context: AppContext, parent: QWidget, day: dt.date | None = None) -> None:
    AppointmentDialog(context, None, parent, day=day or context.today()).exec()


def open_appointment(context: AppContext, parent: QWidget, appointment_id: int) -> None:
    """Read the appointment, then open it filled in."""
    context.ops.query(
        parent,
        lambda register: register.appointments.get(appointment_id),
        lambda stored: AppointmentDialog(context, stored, parent).exec(),
    )


class AppointmentDialog(SavingDialog):
    def __init__(
        self,
        context: AppContext,
        stored: AppointmentView | None,
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._id = stored.id if stored is not None else None
        self.setWindowTitle(TITLE if stored is None else f"{TITLE} — {stored.day:%d.%m.%Y}")
        self.day_edit = DateField(context.today())
        self.day_edit.set_value(stored.day if stored is not None else day)
        self.timed_check = QCheckBox("o &godzinie")
        starts = stored.starts_at if stored is not None and stored.starts_at else dt.time(9)
        ends = stored.ends_at if stored is not None and stored.ends_at else dt.time(10)
        self.starts_edit = time_field(starts, "Godzina rozpoczęcia")
        self.ends_edit = time_field(ends, "Godzina zakończenia")
        self.ends_check = QCheckBox("do")
        self.title_edit = QLineEdit(stored.title if stored is not None else "")
        self.place_edit = QLineEdit(stored.place if stored is not None else "")
        self.number_edit = QLineEdit(stored.procedure_number if stored is not None else "")
        self.number_edit.setPlaceholderText("np. NK/3/2026 (nieobowiązkowo)")
        self.note_edit = QPlainTextEdit(stored.note if stored is not None else "")
        self.note_edit.setFixedHeight(70)
        hours = QHBoxLayout()
        for widget in (self.timed_check, self.starts_edit, self.ends_check, self.ends_edit):
            hours.addWidget(widget)
        hours.addStretch(1)
        form = QFormLayout()
        form.addRow("&Dzień*:", self.day_edit)
        form.addRow("Godziny:", hours)
        form.addRow("&Co*:", self.title_edit)
        form.addRow("&Miejsce:", self.place_edit)
        form.addRow("&Procedura:", self.number_edit)
        form.addRow("&Uwagi:", self.note_edit)
        notice = QLabel(
            "Do pliku .ics trafia tylko „Termin własny” i numer procedury — bez opisu i miejsca."
        )
        notice.setWordWrap(True)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz")
        self.delete_button = QPushButton("&Usuń termin")
        self.buttons.addButton(self.delete_button, self.buttons.ButtonRole.DestructiveRole)
        self.delete_button.setVisible(self._id is not None)  # after addButton, which shows it
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(notice)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._field_widgets = {
            "day": self.day_edit.line,
            "title": self.title_edit,
            "starts_at": self.starts_edit,
            "ends_at": self.ends_edit,
            "procedure_number": self.number_edit,
        }
        self.timed_check.setChecked(stored is not None and stored.starts_at is not None)
        self.ends_check.setChecked(stored is not None and stored.ends_at is not None)
        self.timed_check.toggled.connect(self._hours_changed)
        self.ends_check.toggled.connect(self._hours_changed)
        self._hours_changed()
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._delete)
        self.setMinimumWidth(480)

    def _hours_changed(self) -> None:
        timed = self.timed_check.isChecked()
        self.starts_edit.setEnabled(timed)
        self.ends_check.setEnabled(timed)
        self.ends_edit.setEnabled(timed and self.ends_check.isChecked())

    def value(self) -> AppointmentData:
        day = self.day_edit.value()
        assert day is not None
        timed = self.timed_check.isChecked()
        return AppointmentData(
            day,
            self.title_edit.text(),
            time_of(self.starts_edit) if timed else None,
            time_of(self.ends_edit) if timed and self.ends_check.isChecked() else None,
            self.place_edit.text(),
            self.note_edit.toPlainText(),
            self.number_edit.text(),
        )

    def _save(self) -> None:
        if not self._dates_ready():
            return
        data, stored = self.value(), self._id
        self._start_save(
            lambda register: register.appointments.save(data, stored), "Zapisywanie terminu…"
        )

    def _delete(self) -> None:
        stored = self._id
        if stored is None or not confirm(self, TITLE, "Usunąć ten termin z kalendarza?"):
            return
        self.tracker.mark_clean()
        self._start_save(lambda register: register.appointments.delete(stored), "Usuwanie…")
