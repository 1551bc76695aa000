"""The list of people a meeting can invite: who is ticked, their function or role, the
confidentiality statement, and — once the meeting has been held — who came.

Every candidate stays listed whether ticked or not, so unticking someone by mistake
loses nothing; a stored participant whose contact has since left the directory keeps
the name the meeting recorded.
"""

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.domain.enums import Attendance
from app.services.meetings import Invitee, ParticipantData, ParticipantView
from app.services.zi import ContactOption
from ui.i18n import format_date
from ui.widgets import item_table

COLUMNS = ("Osoba (zaznacz zaproszonych)", "Funkcja / rola", "Oświadczenie o poufności", "Obecność")
COLUMN_WIDTHS = (230, 300, 170)
NO_STATEMENT = "brak oświadczenia"
WARNING_COLOUR = QColor("#b00020")
_CANDIDATE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Candidate:
    """One row: a directory contact, a person of the procedure, or a stored participant
    whose contact is gone (neither id; kept by `participant_id`)."""

    name: str
    function: str
    contact_id: int | None = None
    person_id: int | None = None
    participant_id: int | None = None
    signed_on: dt.date | None = None

    @property
    def key(self) -> tuple[int | None, int | None, int | None]:
        if self.contact_id is None and self.person_id is None:
            return (None, None, self.participant_id)
        return (self.contact_id, self.person_id, None)

    def statement(self) -> str:
        """What the confidentiality column says: only directory contacts sign one."""
        if self.person_id is not None:
            return "nie dotyczy"
        if self.contact_id is None:
            return "osoby nie ma już w katalogu"
        return format_date(self.signed_on) if self.signed_on else NO_STATEMENT


def invitee_candidate(invitee: Invitee) -> Candidate:
    return Candidate(
        invitee.name,
        invitee.function,
        invitee.contact_id,
        invitee.person_id,
        signed_on=invitee.confidentiality_signed_on,
    )


def contact_candidate(option: ContactOption) -> Candidate:
    where = ", ".join(part for part in (option.function, option.institution) if part)
    return Candidate(option.name, where, option.id, signed_on=option.confidentiality_signed_on)


def stored_candidate(participant: ParticipantView, signed_on: dt.date | None) -> Candidate:
    return Candidate(
        participant.name,
        participant.function,
        participant.contact_id,
        participant.person_id,
        participant.id,
        signed_on,
    )


class ParticipantsTable(QTableWidget):
    """Tick with a click or Space anywhere in the row; attendance is a choice per row,
    open only for a held meeting and a ticked person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        item_table(COLUMNS, self)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setWordWrap(False)  # one line a person; a long function ends in "…" (tooltip)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 6)
        self._held = False
        self.itemChanged.connect(self._item_changed)

    # --- rows ------------------------------------------------------------------------

    def add(
        self, candidate: Candidate, ticked: bool, attendance: Attendance = Attendance.UNKNOWN
    ) -> None:
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem(candidate.name)
        name.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        name.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        name.setData(_CANDIDATE_ROLE, candidate)
        name.setToolTip(candidate.name)
        statement = QTableWidgetItem(candidate.statement())
        if statement.text() == NO_STATEMENT:
            statement.setForeground(WARNING_COLOUR)
        function = QTableWidgetItem(candidate.function)
        function.setToolTip(candidate.function)
        self.blockSignals(True)  # the row is complete only once its attendance is set
        self.setItem(row, 0, name)
        self.setItem(row, 1, function)
        self.setItem(row, 2, statement)
        self.setItem(row, 3, QTableWidgetItem())
        self.blockSignals(False)
        combo = QComboBox()
        for choice in Attendance:
            combo.addItem(choice.label, choice)
        combo.setCurrentIndex(combo.findData(attendance))
        combo.setAccessibleName(f"Obecność: {candidate.name}")
        self.setCellWidget(row, 3, combo)
        self._enable_attendance(row)

    def _name_item(self, row: int) -> QTableWidgetItem:
        item = self.item(row, 0)
        assert item is not None  # every row gets its items in `add`
        return item

    def candidates(self) -> list[Candidate]:
        return [self._name_item(row).data(_CANDIDATE_ROLE) for row in range(self.rowCount())]

    def contact_ids(self) -> set[int]:
        return {c.contact_id for c in self.candidates() if c.contact_id is not None}

    def is_ticked(self, row: int) -> bool:
        return self._name_item(row).checkState() == Qt.CheckState.Checked

    def set_ticked(self, row: int, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self._name_item(row).setCheckState(state)

    def attendance_combo(self, row: int) -> QComboBox:
        combo = self.cellWidget(row, 3)
        assert isinstance(combo, QComboBox)
        return combo

    def attendance_combos(self) -> list[QComboBox]:
        return [self.attendance_combo(row) for row in range(self.rowCount())]

    # --- what the meeting saves ------------------------------------------------------

    def participants(self) -> list[ParticipantData]:
        """The ticked, with their attendance when the meeting was held."""
        chosen = []
        for row, candidate in enumerate(self.candidates()):
            if not self.is_ticked(row):
                continue
            attendance = Attendance(self.attendance_combo(row).currentData())
            chosen.append(
                ParticipantData(
                    candidate.contact_id,
                    candidate.person_id,
                    attendance if self._held else Attendance.UNKNOWN,
                    candidate.participant_id,
                )
            )
        return chosen

    def unsigned_newly_invited(self) -> list[str]:
        """Ticked contacts without a confidentiality statement who were not invited before
        (she was asked about those already)."""
        return [
            c.name
            for row, c in enumerate(self.candidates())
            if self.is_ticked(row)
            and c.contact_id is not None
            and c.signed_on is None
            and c.participant_id is None
        ]

    def ticks(self) -> tuple[object, ...]:
        """Who is listed and who is ticked, for the form's change tracking."""
        return tuple((c.key, self.is_ticked(row)) for row, c in enumerate(self.candidates()))

    # --- attendance ------------------------------------------------------------------

    def set_held(self, held: bool) -> None:
        self._held = held
        for row in range(self.rowCount()):
            self._enable_attendance(row)

    def _enable_attendance(self, row: int) -> None:
        self.attendance_combo(row).setEnabled(self._held and self.is_ticked(row))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0 and self.cellWidget(item.row(), 3) is not None:
            self._enable_attendance(item.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Space ticks or unticks the current row, whichever of its cells is current."""
        row = self.currentRow()
        if event.key() == Qt.Key.Key_Space and row >= 0:
            self.set_ticked(row, not self.is_ticked(row))
            event.accept()
            return
        super().keyPressEvent(event)
