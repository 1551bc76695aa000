"""One procedure in its own window: data and closure, people, NK-A, chronology, attachments,
the GDP, the NK-B, NK-C and NK-D forms, and the letters."""

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClosureGround, ProcedureStatus, Role
from app.domain.procedure_rules import check_start
from app.errors import NotFoundError, UserError
from app.services.changes import Changes
from app.services.views import ProcedureDetail
from ui.attachments_tab import AttachmentsTab
from ui.chronology_tab import ChronologyTab
from ui.closure_dialog import ClosureDialog
from ui.context import AppContext
from ui.date_field import first_date_problem
from ui.errors import show_error
from ui.form_keys import FormKeys, tab_leaves_notes
from ui.form_print_actions import bind_print_key
from ui.form_records_tab import FormRecordsTab
from ui.gdp_tab import GdpTab
from ui.i18n import format_date
from ui.letters_tab import LettersTab
from ui.nka_tab import NkaTab, service_text
from ui.operations import LatestOnly
from ui.overview_tab import OverviewTab
from ui.people_tab import PeopleTab
from ui.saving_dialog import SavingDialog
from ui.unsaved import ChangeTracker, SaveAnswer, ask_to_save
from ui.widgets import DateField, ErrorLabel, confirm, dialog_buttons


class NewProcedureDialog(SavingDialog):
    """Registers a procedure: start date; the number follows the configured pattern."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._latest_preview = LatestOnly()
        self.procedure_id: int | None = None
        self.setWindowTitle("Nowa procedura „Niebieskie Karty”")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        today = context.today()
        self.date_edit = DateField(today, rule=lambda day: check_start(day, today))
        self.number_label = QLabel()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(90)
        self._field_widgets = {"started_on": self.date_edit, "notes": self.notes_edit}
        hint = QLabel("dzień wypełnienia pierwszego formularza NK-A")
        hint.setStyleSheet("color: #555;")
        form.addRow("&Data wszczęcia*:", self.date_edit)
        form.addRow("", hint)
        form.addRow("Numer procedury:", self.number_label)
        form.addRow("&Uwagi:", self.notes_edit)
        layout.addLayout(form)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.buttons, self.save_button = dialog_buttons("Zarejestruj")
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self._preview_number)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._preview_number()
        self.resize(560, 260)

    def _preview_number(self) -> None:
        """The number the procedure would get; a preview for an earlier date is dropped."""
        started = self.date_edit.current()
        if started is None:
            self.number_label.setText("—")
            return
        year = started.year
        self._context.ops.query(
            self,
            lambda reg: reg.procedures.next_number(year),
            self._latest_preview.wrap(lambda taken: self.number_label.setText(taken[1])),
        )

    def _save(self) -> None:
        if not self._dates_ready():
            return
        started = self.date_edit.value()
        assert started is not None
        notes = self.notes_edit.toPlainText()
        self._start_save(
            lambda reg: reg.procedures.create(started, notes),
            "Rejestrowanie procedury…",
            on_saved=self._created,
        )

    def _created(self, changes: Changes) -> None:
        self.procedure_id = changes.record_id
        self._saved(changes)


class _DataTab(QWidget):
    """Start date, notes and the closure of the procedure.

    Typed changes survive a reload (another window's save reloads this one): the fields
    are refilled only while they hold nothing unsaved.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._on_saved: Callable[[], None] | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-weight: 600;")
        today = context.today()
        self.started_edit = DateField(today, rule=lambda day: check_start(day, today))
        self.status_label = QLabel()
        self.initiator_label = QLabel()
        self.initiator_label.setWordWrap(True)
        self.notes_edit = QPlainTextEdit()
        form.addRow("Numer:", self.number_label)
        form.addRow("&Data wszczęcia*:", self.started_edit)
        form.addRow("Status:", self.status_label)
        form.addRow("Wszczęta przez:", self.initiator_label)
        form.addRow("&Uwagi:", self.notes_edit)
        layout.addLayout(form)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.save_button = QPushButton("&Zapisz zmiany")
        layout.addLayout(_right(self.save_button))
        closure = QGroupBox("Zakończenie procedury")
        closure_layout = QVBoxLayout(closure)
        self.closure_label = QLabel()
        self.closure_label.setWordWrap(True)
        self.closure_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        closure_layout.addWidget(self.closure_label)
        self.close_button = QPushButton("Zakończ procedurę…")
        self.reopen_button = QPushButton("Cofnij zakończenie…")
        closure_layout.addLayout(_right(self.close_button, self.reopen_button))
        layout.addWidget(closure)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self._close_procedure)
        self.reopen_button.clicked.connect(self._reopen)
        self.tracker = ChangeTracker(self)
        FormKeys(self, self.save)
        tab_leaves_notes(self)

    def has_unsaved_changes(self) -> bool:
        return self.tracker.changed()

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        keep_typed = self.tracker.changed()
        self._procedure = procedure
        self.number_label.setText(procedure.number)
        if not keep_typed:
            self.started_edit.set_value(procedure.started_on)
            self.notes_edit.setPlainText(procedure.notes)
            self.tracker.mark_clean()
        self.status_label.setText(ProcedureStatus(procedure.status).label)
        first = procedure.opening_nka
        self.initiator_label.setText(
            "—  (brak formularza NK-A)"
            if first is None
            else ", ".join(
                part for part in (service_text(first), first.filled_by_institution_name) if part
            )
            + f" — pierwszy NK-A z {format_date(first.filled_on)}"
        )
        closed = procedure.status == ProcedureStatus.CLOSED
        if closed and procedure.closure_ground:
            self.closure_label.setText(
                f"Zakończona {format_date(procedure.closed_on)}.\n"
                f"Podstawa: {ClosureGround(procedure.closure_ground).label}.\n"
                f"Uzasadnienie: {procedure.closure_justification or '—'}"
            )
        else:
            self.closure_label.setText("Procedura jest w toku.")
        self.close_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Read the form here, on the GUI thread; the write itself runs off it.

        `then` runs once the save succeeded (closing the window after „Zapisać zmiany?”).
        """
        if self._procedure is None:
            return
        problem = first_date_problem(self)
        self.error_label.show_message(problem)
        if problem:
            return
        started = self.started_edit.value()
        assert started is not None
        procedure_id, notes = self._procedure.id, self.notes_edit.toPlainText()
        self._on_saved = then
        self._context.ops.write(
            self,
            lambda reg: reg.procedures.update(procedure_id, started, notes),
            on_done=self._saved,
            on_user_error=lambda exc: self.error_label.show_message(exc.message),
        )

    def _saved(self, _changes: Changes) -> None:
        """What was saved is the new baseline, so the reload that follows refills it."""
        self.error_label.show_message("")
        self.tracker.mark_clean()
        then, self._on_saved = self._on_saved, None
        if then is not None:
            then()

    def _close_procedure(self) -> None:
        assert self._procedure is not None
        ClosureDialog(self._context, self._procedure, self).exec()

    def _reopen(self) -> None:
        assert self._procedure is not None
        if confirm(
            self,
            "Cofnięcie zakończenia",
            f"Czy cofnąć zakończenie procedury {self._procedure.number}? "
            "Procedura wróci do stanu „w toku”.",
        ):
            procedure_id = self._procedure.id
            self._context.ops.write(self, lambda reg: reg.procedures.reopen(procedure_id))


class ProcedureWindow(QWidget):
    """Top-level window of one procedure; reloads itself when anything it shows changes."""

    closed = Signal(int)

    def __init__(self, context: AppContext, procedure_id: int) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self._context, self.procedure_id = context, procedure_id
        self._closed = False
        self._latest = LatestOnly()
        layout = QVBoxLayout(self)
        self.header_label = QLabel()
        self.header_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout.addWidget(self.header_label)
        self.tabs = QTabWidget()
        self.overview_tab = OverviewTab(context)
        self.data_tab = _DataTab(context)
        self.people_tab = PeopleTab(context)
        self.nka_tab = NkaTab(context)
        self.chronology_tab = ChronologyTab(context)
        self.attachments_tab = AttachmentsTab(context)
        self.gdp_tab = GdpTab(context)
        self.forms_tab = FormRecordsTab(context)
        self.letters_tab = LettersTab(context)
        self.tabs.addTab(self.overview_tab, "&1 Przebieg i terminy")
        self.tabs.addTab(self.data_tab, "&2 Dane procedury")
        self.tabs.addTab(self.people_tab, "&3 Osoby")
        self.tabs.addTab(self.nka_tab, "&4 Formularze NK-A")
        self.tabs.addTab(self.chronology_tab, "&5 Chronologia")
        self.tabs.addTab(self.attachments_tab, "&6 Załączniki")
        self.tabs.addTab(self.gdp_tab, "&7 Grupa i posiedzenia")
        self.tabs.addTab(self.forms_tab, "&8 NK-B, NK-C, NK-D")
        self.tabs.addTab(self.letters_tab, "&9 Pisma")
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        bind_print_key(self, self.print_selected)
        context.changed.connect(self._on_changed)
        self.resize(1000, 680)
        self.reload()

    def reload(self) -> None:
        """Load the procedure off the GUI thread; an overtaken load is dropped."""
        procedure_id = self.procedure_id
        self._context.ops.query(
            self,
            lambda reg: reg.procedures.detail(procedure_id),
            self._latest.wrap(self._show),
            on_user_error=self._not_loaded,
        )

    def _not_loaded(self, exc: UserError) -> None:
        """A procedure deleted meanwhile closes its window; other problems are shown."""
        if isinstance(exc, NotFoundError):
            self.close()
        else:
            show_error(self, exc)

    def _show(self, procedure: ProcedureDetail) -> None:
        self.setWindowTitle(f"Procedura {procedure.number} — NK Desk")
        victims = ", ".join(
            f"{p.person.first_name} {p.person.last_name}" for p in procedure.people_in(Role.VICTIM)
        )
        self.header_label.setText(
            f"{procedure.number} · {ProcedureStatus(procedure.status).label}"
            + (f" · {victims}" if victims else "")
        )
        for tab in (
            self.overview_tab,
            self.data_tab,
            self.people_tab,
            self.nka_tab,
            self.chronology_tab,
            self.attachments_tab,
            self.gdp_tab,
            self.forms_tab,
            self.letters_tab,
        ):
            tab.set_procedure(procedure)

    def print_selected(self) -> None:
        """Ctrl+P: the record selected on the forms tab in view; elsewhere nothing."""
        tab = self.tabs.currentWidget()
        if tab is self.nka_tab or tab is self.forms_tab:
            tab.print_selected()

    def _on_changed(self, changes: Changes) -> None:
        """Only notices naming this procedure reload it; work on others costs nothing here."""
        if changes.touches_procedure(self.procedure_id):
            self.reload()

    def has_unsaved_changes(self) -> bool:
        return self.data_tab.has_unsaved_changes()

    def forget_changes(self) -> None:
        """Take what is shown as saved (she chose to quit without saving)."""
        self.data_tab.tracker.mark_clean()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Ctrl+W, the close button or quitting: typed changes are not dropped unasked."""
        if not self._closed and self.has_unsaved_changes():
            self.tabs.setCurrentWidget(self.data_tab)
            answer = ask_to_save(self, self.windowTitle())
            if answer is SaveAnswer.SAVE:
                self.data_tab.save(then=lambda: QTimer.singleShot(0, self, self.close))
            if answer is not SaveAnswer.DISCARD:
                event.ignore()
                return
        if not self._closed:
            self._closed = True
            self._context.changed.disconnect(self._on_changed)
            self.closed.emit(self.procedure_id)
        super().closeEvent(event)


def _right(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.addStretch(1)
    for widget in widgets:
        layout.addWidget(widget)
    return layout
