"""The procedure window's first tab: what the law requires next, the course, the people.

Everything shown here comes from the course service (`app.services.course`), which
judges the deadlines with the one rule engine; the tab only colours and lists them.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import Deadline, DeadlineState
from app.domain.enums import CourseEvent, MeetingKind, Role
from app.services.course import CourseView, EventView
from app.services.views import ProcedureDetail
from ui.context import AppContext
from ui.course_dialogs import CourseEventDialog, ReasonDialog
from ui.gdp_dialog import open_gdp_editor
from ui.i18n import format_date
from ui.meeting_dialog import new_meeting
from ui.operations import LatestOnly
from ui.widgets import confirm, item_table

STATE_COLOURS = {
    DeadlineState.MISSED: "#c62828",
    DeadlineState.LATE: "#ad5c00",
    DeadlineState.DUE_SOON: "#b26a00",
    DeadlineState.MET: "#2e7d32",
}
NO_NKA_YET = "Zapisz formularz NK-A (zakładka „Formularze NK-A”): od jego daty liczą się terminy."
LATE_STATES = (DeadlineState.LATE, DeadlineState.MISSED)
DEADLINE_COLUMNS = ("Krok", "NK-A", "Początek", "Termin", "Wykonano", "Stan", "Podstawa", "Powód")
EVENT_COLUMNS = ("Data", "Krok", "Uwagi")


def _item(text: str, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if colour is not None:
        item.setForeground(QBrush(QColor(colour)))
    return item


def state_text(deadline: Deadline) -> str:
    if deadline.state in (DeadlineState.LATE, DeadlineState.MISSED):
        return f"{deadline.state.label} ({deadline.days_late} {_unit(deadline)})"
    return deadline.state.label


def _unit(deadline: Deadline) -> str:
    return "dn. rob." if deadline.rule.count.value == "working" else "dn."


class OverviewTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._view: CourseView | None = None
        self._latest = LatestOnly()
        layout = QVBoxLayout(self)

        step_box = QGroupBox("Następny krok")
        step_layout = QHBoxLayout(step_box)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.do_button = QPushButton("&Zapisz wykonanie…")
        self.do_button.clicked.connect(self._do_next_step)
        step_layout.addWidget(self.next_label, 1)
        step_layout.addWidget(self.do_button)
        layout.addWidget(step_box)

        self.people_label = QLabel()
        self.people_label.setWordWrap(True)
        layout.addWidget(self.people_label)

        deadlines_header = QHBoxLayout()
        deadlines_header.addWidget(QLabel("Terminy (Enter: zapisz wykonanie):"), 1)
        self.reason_button = QPushButton("&Powód spóźnienia…")
        self.reason_button.setEnabled(False)
        self.reason_button.clicked.connect(self._give_reason)
        deadlines_header.addWidget(self.reason_button)
        layout.addLayout(deadlines_header)
        self.deadlines_table = item_table(DEADLINE_COLUMNS)
        self.deadlines_table.itemActivated.connect(lambda _item: self._deadline_activated())
        self.deadlines_table.itemSelectionChanged.connect(self._deadline_selected)
        layout.addWidget(self.deadlines_table, 3)
        self._shown_deadlines: list[Deadline] = []

        events_header = QHBoxLayout()
        events_header.addWidget(QLabel("Zapisane kroki procedury:"), 1)
        self.add_button = QPushButton("&Dodaj krok…")
        self.edit_button = QPushButton("Z&mień…")
        self.delete_button = QPushButton("&Usuń…")
        for button in (self.add_button, self.edit_button, self.delete_button):
            events_header.addWidget(button)
        layout.addLayout(events_header)
        self.events_table = item_table(EVENT_COLUMNS)
        self.events_table.itemActivated.connect(lambda _item: self._edit_event())
        layout.addWidget(self.events_table, 2)
        self.add_button.clicked.connect(lambda: self._open_event_dialog())
        self.edit_button.clicked.connect(self._edit_event)
        self.delete_button.clicked.connect(self._delete_event)

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        self._procedure = procedure
        self.people_label.setText(_people_line(procedure))
        procedure_id = procedure.id
        self._context.ops.query(
            self, lambda reg: reg.course.view(procedure_id), self._latest.wrap(self._show)
        )

    def _show(self, view: CourseView) -> None:
        self._view = view
        step = view.next_step
        if step is None:
            self.next_label.setText(
                NO_NKA_YET
                if self._procedure is not None and not self._procedure.nka_records
                else "Nic nie czeka: wszystkie kroki z terminem są wykonane."
            )
            self.next_label.setStyleSheet("")
        else:
            self.next_label.setText(step.guidance())
            colour = STATE_COLOURS.get(step.state)
            self.next_label.setStyleSheet(
                f"font-weight: 600; color: {colour};" if colour else "font-weight: 600;"
            )
        self.do_button.setEnabled(step is not None)
        shown = [d for d in view.deadlines if d.state is not DeadlineState.WAITING]
        self.deadlines_table.setRowCount(len(shown))
        for row, deadline in enumerate(shown):
            colour = STATE_COLOURS.get(deadline.state)
            cells = (
                deadline.rule.title,
                str(deadline.nka_ordinal or ""),
                format_date(deadline.starts_on),
                format_date(deadline.due_on) or "bez terminu",
                format_date(deadline.done_on),
                state_text(deadline),
                f"{deadline.rule.basis} ({deadline.rule.confidence.label})",
                deadline.reason,
            )
            for column, text in enumerate(cells):
                item = _item(text, colour if column in (3, 5) else None)
                if column == 6:
                    item.setToolTip(f"{deadline.rule.basis_full}\n{deadline.rule.confidence_note}")
                self.deadlines_table.setItem(row, column, item)
        self._shown_deadlines = shown
        self.deadlines_table.resizeColumnsToContents()
        self._deadline_selected()
        self.events_table.setRowCount(len(view.events))
        for row, event in enumerate(view.events):
            for column, text in enumerate(
                (format_date(event.occurred_on), event.label, event.note)
            ):
                self.events_table.setItem(row, column, _item(text))
        self.events_table.resizeColumnsToContents()
        has_events = bool(view.events)
        self.edit_button.setEnabled(has_events)
        self.delete_button.setEnabled(has_events)

    def _do_next_step(self) -> None:
        if self._view is not None and self._view.next_step is not None:
            self._record_done(self._view.next_step)

    def _record_done(self, deadline: Deadline) -> None:
        """The document that does the step: the GDP dialog hands the NK-A over, a GDP
        meeting is recorded as a meeting; other steps are dated events."""
        kind = CourseEvent(deadline.rule.done_by)
        procedure = self._procedure
        has_gdp = self._view is not None and self._view.has_gdp
        if procedure is not None and kind is CourseEvent.NKA_PASSED_TO_GDP:
            open_gdp_editor(self._context, self, procedure.id)
        elif procedure is not None and kind is CourseEvent.GDP_MEETING:
            if has_gdp:
                new_meeting(self._context, self, MeetingKind.GDP, procedure.id)
            else:
                open_gdp_editor(self._context, self, procedure.id)
        else:
            self._open_event_dialog(kind, deadline.nka_record_id)

    def _selected_deadline(self) -> Deadline | None:
        row = self.deadlines_table.currentRow()
        return self._shown_deadlines[row] if 0 <= row < len(self._shown_deadlines) else None

    def _deadline_activated(self) -> None:
        """Enter: record what is still to do; on a late one, give the reason."""
        deadline = self._selected_deadline()
        if deadline is None:
            return
        if deadline.state.needs_action:
            self._record_done(deadline)
        elif deadline.state is DeadlineState.LATE:
            self._give_reason()

    def _give_reason(self) -> None:
        deadline = self._selected_deadline()
        if deadline is not None and deadline.state in LATE_STATES and self._procedure:
            ReasonDialog(self._context, self._procedure.id, deadline, self).exec()

    def _deadline_selected(self) -> None:
        deadline = self._selected_deadline()
        self.reason_button.setEnabled(deadline is not None and deadline.state in LATE_STATES)

    def _open_event_dialog(
        self, kind: CourseEvent | None = None, nka_record_id: int | None = None
    ) -> None:
        if self._procedure is None:
            return
        CourseEventDialog(
            self._context, self._procedure, self, kind=kind, nka_record_id=nka_record_id
        ).exec()

    def _selected_event(self) -> EventView | None:
        row = self.events_table.currentRow()
        if self._view is None or not 0 <= row < len(self._view.events):
            return None
        return self._view.events[row]

    def _edit_event(self) -> None:
        event = self._selected_event()
        if event is not None and self._procedure is not None:
            CourseEventDialog(self._context, self._procedure, self, event=event).exec()

    def _delete_event(self) -> None:
        event = self._selected_event()
        if event is None or self._procedure is None:
            return
        if confirm(
            self,
            "Usunięcie kroku",
            f"Czy usunąć zapisany krok „{event.label}” z {format_date(event.occurred_on)}? "
            "Terminy zostaną przeliczone.",
        ):
            procedure_id, event_id = self._procedure.id, event.id
            self._context.ops.write(
                self, lambda reg: reg.course.delete_event(procedure_id, event_id)
            )


def _people_line(procedure: ProcedureDetail) -> str:
    parts = []
    for role, heading in (
        (Role.VICTIM, "Doznające przemocy"),
        (Role.PERPETRATOR, "Stosujące przemoc"),
        (Role.HOUSEHOLD_MEMBER, "Inni domownicy"),
    ):
        names = ", ".join(
            f"{p.person.first_name} {p.person.last_name}" for p in procedure.people_in(role)
        )
        if names:
            parts.append(f"{heading}: {names}")
    return " · ".join(parts) or "Osoby: jeszcze nikogo nie dodano (zakładka „Osoby”)."
