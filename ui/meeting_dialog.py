"""One meeting of the ZI or of a procedure's GDP: when and where, who is invited, who
came, the minutes and the decisions.

The ZI page, the procedure window's GDP tab and the calendar open it through
`new_meeting` and `open_meeting`. The service guards the separation of the victim from
the perpetrator; a refused save keeps everything typed and names the reason inline.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import InvitationMethod, MeetingKind, MeetingStatus
from app.domain.procedure_rules import check_past_date
from app.services.meetings import Invitee, MeetingData, MeetingView
from app.services.register import Register
from app.services.zi import ContactOption
from ui.contact_picker import ContactPicker
from ui.context import AppContext
from ui.date_field import DateField
from ui.i18n import format_date
from ui.meeting_participants import (
    ParticipantsTable,
    contact_candidate,
    invitee_candidate,
    stored_candidate,
)
from ui.saving_dialog import SavingDialog
from ui.time_field import time_field, time_of
from ui.unsaved import untracked
from ui.widgets import ErrorLabel, confirm, dialog_buttons

DEFAULT_HOURS = (dt.time(10), dt.time(11))


@dataclass(frozen=True)
class MeetingSetup:
    """What the dialog needs from the register, read in one go before it opens."""

    kind: MeetingKind
    procedure_id: int | None
    number: str | None  # the procedure's number, for a GDP meeting
    invitees: tuple[Invitee, ...]
    contacts: tuple[ContactOption, ...]  # the directory, for guests and statements
    meeting: MeetingView | None = None


def load_new(register: Register, kind: MeetingKind, procedure_id: int | None) -> MeetingSetup:
    number = None if procedure_id is None else register.procedures.detail(procedure_id).number
    return MeetingSetup(
        kind,
        procedure_id,
        number,
        register.meetings.invitees(kind, procedure_id),
        register.zi.contacts(),
    )


def load_stored(register: Register, meeting_id: int) -> MeetingSetup:
    meeting = register.meetings.get(meeting_id)
    return MeetingSetup(
        meeting.kind,
        meeting.procedure_id,
        meeting.number,
        register.meetings.invitees(meeting.kind, meeting.procedure_id),
        register.zi.contacts(),
        meeting,
    )


def new_meeting(
    context: AppContext,
    parent: QWidget,
    kind: MeetingKind,
    procedure_id: int | None = None,
    day: dt.date | None = None,
) -> None:
    """Open an empty meeting on `day` (today by default): members ticked, the
    procedure's people listed but not ticked."""

    def show(setup: MeetingSetup) -> None:
        MeetingDialog(context, setup, day, parent).exec()

    context.ops.query(parent, lambda register: load_new(register, kind, procedure_id), show)


def open_meeting(context: AppContext, parent: QWidget, meeting_id: int) -> None:
    """Open a stored meeting filled in, its participants ticked with their attendance."""

    def show(setup: MeetingSetup) -> None:
        MeetingDialog(context, setup, parent=parent).exec()

    context.ops.query(parent, lambda register: load_stored(register, meeting_id), show)


def _notes(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 5 + 12)
    return edit


def _buddy(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def unsigned_question(names: list[str]) -> str:
    who = f"{names[0]} nie złożył(a)" if len(names) == 1 else f"{', '.join(names)} nie złożyli"
    return (
        f"{who} oświadczenia o zachowaniu poufności. Zaprosić mimo to?\n\n"
        "Datę oświadczenia wpiszesz przy osobie kontaktowej na stronie Instytucje."
    )


class MeetingDialog(SavingDialog):
    """The whole meeting in one form; only a stored one can be deleted."""

    def __init__(
        self,
        context: AppContext,
        setup: MeetingSetup,
        day: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._setup = setup
        self._meeting_id = setup.meeting.id if setup.meeting is not None else None
        self._build_fields(day or context.today())
        self._build_layout()
        self._connect_signals()
        self._fill(setup)
        self._update_title()

    # --- building --------------------------------------------------------------------

    def _build_fields(self, day: dt.date) -> None:
        today = self._context.today()
        self.date_edit = DateField(today)
        self.date_edit.set_value(day)
        self.starts_edit = time_field(DEFAULT_HOURS[0], "Godzina rozpoczęcia")
        self.ends_edit = time_field(DEFAULT_HOURS[1], "Godzina zakończenia")
        self.status_combo = QComboBox()
        for status in MeetingStatus:
            self.status_combo.addItem(status.label, status)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("np. GOPS, sala narad")
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://… — gdy posiedzenie jest zdalne")
        self.sent_edit = DateField(
            today,
            optional=True,
            rule=lambda d: check_past_date(d, today, "invitations_sent_on", "Data zaproszeń"),
        )
        self.how_combo = QComboBox()
        self.how_combo.addItem("— (nie wskazano)", None)
        for method in InvitationMethod:
            self.how_combo.addItem(method.label, method)
        self.participants = ParticipantsTable()
        self.picker = ContactPicker()
        untracked(self.picker)
        self.add_guest_button = QPushButton("Dodaj na lis&tę")
        self.agenda_edit = _notes("Sprawy do omówienia…")
        self.minutes_edit = _notes("Przebieg posiedzenia…")
        self.decisions_edit = _notes("Co ustalono, kto i do kiedy…")
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz", standard=True)
        self.delete_button = QPushButton("&Usuń posiedzenie")  # apart from „Zapisz”
        self.delete_button.setVisible(self._meeting_id is not None)
        self._field_widgets = {
            "held_on": self.date_edit,
            "starts_at": self.starts_edit,
            "ends_at": self.ends_edit,
            "status": self.status_combo,
            "place": self.place_edit,
            "remote_link": self.link_edit,
            "invitations_sent_on": self.sent_edit,
            "invitations_how": self.how_combo,
            "participants": self.participants,
            "agenda": self.agenda_edit,
            "minutes": self.minutes_edit,
            "decisions": self.decisions_edit,
        }

    def _build_layout(self) -> None:
        hours = QHBoxLayout()
        hours.addWidget(self.starts_edit)
        hours.addWidget(QLabel("–"))
        hours.addWidget(self.ends_edit)
        hours.addStretch(1)
        when = QFormLayout()  # the dates, with room for their spelled-out days
        when.addRow("&Data *:", self.date_edit)
        when.addRow(_buddy("&Godziny *:", self.starts_edit), hours)
        when.addRow("Zaproszenia &wysłane:", self.sent_edit)
        when.addRow("Sposób &przekazania:", self.how_combo)
        where = QFormLayout()
        where.addRow("&Status:", self.status_combo)
        where.addRow("&Miejsce:", self.place_edit)
        where.addRow("&Link do spotkania:", self.link_edit)
        top = QHBoxLayout()
        top.addLayout(when, 4)
        top.addSpacing(16)
        top.addLayout(where, 3)

        guests = QHBoxLayout()
        guests.addWidget(_buddy("Zaproś też z &katalogu:", self.picker))
        guests.addWidget(self.picker, 1)
        guests.addWidget(self.add_guest_button)

        notes = QGridLayout()
        for column, (text, edit) in enumerate(
            (
                ("Porządek &obrad:", self.agenda_edit),
                ("P&rotokół (przebieg):", self.minutes_edit),
                ("Ustalenia i d&ecyzje:", self.decisions_edit),
            )
        ):
            notes.addWidget(_buddy(text, edit), 0, column)
            notes.addWidget(edit, 1, column)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            _buddy(
                "U&czestnicy — zaznacz zaproszonych; obecność odnotujesz po posiedzeniu:",
                self.participants,
            )
        )
        layout.addWidget(self.participants, 1)
        layout.addLayout(guests)
        layout.addLayout(notes)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        self.resize(980, 760)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._delete)
        self.add_guest_button.clicked.connect(self._add_guest)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.starts_edit.timeChanged.connect(self._keep_end_after_start)
        self.date_edit.dateChanged.connect(self._update_title)

    def _chain_tabs(self) -> None:
        """Tab goes through the form top to bottom, through the attendance of each row."""
        chain: list[QWidget] = [
            self.date_edit,
            self.starts_edit,
            self.ends_edit,
            self.sent_edit,
            self.how_combo,
            self.status_combo,
            self.place_edit,
            self.link_edit,
            self.participants,
            *self.participants.attendance_combos(),
            self.picker,
            self.add_guest_button,
            self.agenda_edit,
            self.minutes_edit,
            self.decisions_edit,
            self.delete_button,
            self.buttons,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- filling ---------------------------------------------------------------------

    def _fill(self, setup: MeetingSetup) -> None:
        meeting = setup.meeting
        signed = {c.id: c.confidentiality_signed_on for c in setup.contacts}
        listed: set[tuple[int | None, int | None, int | None]] = set()
        if meeting is not None:
            self.date_edit.set_value(meeting.held_on)
            self.starts_edit.setTime(QTime(meeting.starts_at.hour, meeting.starts_at.minute))
            self.ends_edit.setTime(QTime(meeting.ends_at.hour, meeting.ends_at.minute))
            self.status_combo.setCurrentIndex(self.status_combo.findData(meeting.status))
            self.place_edit.setText(meeting.place)
            self.link_edit.setText(meeting.remote_link)
            self.sent_edit.set_value(meeting.invitations_sent_on)
            self.how_combo.setCurrentIndex(max(self.how_combo.findData(meeting.invitations_how), 0))
            self.agenda_edit.setPlainText(meeting.agenda)
            self.minutes_edit.setPlainText(meeting.minutes)
            self.decisions_edit.setPlainText(meeting.decisions)
            for participant in meeting.participants:
                contact_id = participant.contact_id
                candidate = stored_candidate(
                    participant, signed.get(contact_id) if contact_id is not None else None
                )
                self.participants.add(candidate, True, participant.attendance)
                listed.add(candidate.key)
        for invitee in setup.invitees:
            candidate = invitee_candidate(invitee)
            if candidate.key not in listed:
                self.participants.add(candidate, meeting is None and invitee.member)
        self._status_changed()
        self._offer_guests()

    def _offer_guests(self) -> None:
        listed = self.participants.contact_ids()
        self.picker.set_options(c for c in self._setup.contacts if c.id not in listed)
        self._chain_tabs()

    def _add_guest(self) -> None:
        """A directory contact outside the team, invited to this meeting only."""
        contact_id = self.picker.contact_id()
        option = next((c for c in self._setup.contacts if c.id == contact_id), None)
        if option is None:
            self.error_label.show_message("Wybierz z listy osobę z katalogu instytucji.")
            self.picker.setFocus()
            return
        self.participants.add(contact_candidate(option), True)
        self.participants.selectRow(self.participants.rowCount() - 1)
        self._offer_guests()
        self.picker.setFocus()

    # --- reactions -------------------------------------------------------------------

    def status(self) -> MeetingStatus:
        return MeetingStatus(self.status_combo.currentData())  # Qt hands the value back as str

    def _status_changed(self) -> None:
        self.participants.set_held(self.status() is MeetingStatus.HELD)

    def _keep_end_after_start(self, starts: QTime) -> None:
        if self.ends_edit.time() <= starts:
            self.ends_edit.setTime(starts.addSecs(3600))

    def _update_title(self) -> None:
        kind = self._setup.kind.label
        title = f"Nowe {kind}" if self._meeting_id is None else kind[:1].upper() + kind[1:]
        parts = [title, self._setup.number, format_date(self.date_edit.current())]
        self.setWindowTitle(", ".join(part for part in parts if part))

    def _extra_state(self) -> object:
        """Who is listed and ticked belongs to the form (attendance is in its combos)."""
        return self.participants.ticks()

    # --- saving ----------------------------------------------------------------------

    def value(self) -> MeetingData:
        held_on = self.date_edit.value()
        assert held_on is not None  # a required date field that is ready holds a date
        how = self.how_combo.currentData()
        return MeetingData(
            kind=self._setup.kind,
            held_on=held_on,
            starts_at=time_of(self.starts_edit),
            ends_at=time_of(self.ends_edit),
            procedure_id=self._setup.procedure_id,
            status=self.status(),
            place=self.place_edit.text(),
            remote_link=self.link_edit.text(),
            agenda=self.agenda_edit.toPlainText(),
            invitations_sent_on=self.sent_edit.value(),
            invitations_how=InvitationMethod(how) if how else None,
            minutes=self.minutes_edit.toPlainText(),
            decisions=self.decisions_edit.toPlainText(),
            participants=self.participants.participants(),
        )

    def _save(self) -> None:
        """Read the form here, on the GUI thread; a contact without a confidentiality
        statement is invited only once she has said so."""
        if not self._dates_ready():
            return
        unsigned = self.participants.unsigned_newly_invited()
        if unsigned and not confirm(self, "Oświadczenie o poufności", unsigned_question(unsigned)):
            self.participants.setFocus()
            return
        data, meeting_id = self.value(), self._meeting_id
        self._start_save(
            lambda register: register.meetings.save(data, meeting_id),
            "Zapisywanie posiedzenia…",
        )

    def _set_saving(self, saving: bool) -> None:
        super()._set_saving(saving)
        self.delete_button.setEnabled(not saving)

    def _delete(self) -> None:
        meeting_id = self._meeting_id
        if meeting_id is None or not confirm(
            self,
            "Usuń posiedzenie",
            f"Czy na pewno usunąć: {self.windowTitle()}?\n\n"
            "Znikną też lista zaproszonych, obecność, protokół i ustalenia.",
        ):
            return
        self._start_save(
            lambda register: register.meetings.delete(meeting_id), "Usuwanie posiedzenia…"
        )
