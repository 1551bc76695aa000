"""One procedure in its own window: data and closure, people, NK-A, chronology, attachments."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
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
from app.errors import NotFoundError, UserError
from app.services.changes import Changes
from app.services.views import ProcedureDetail
from ui.attachments_tab import AttachmentsTab
from ui.chronology_tab import ChronologyTab
from ui.closure_dialog import ClosureDialog
from ui.context import AppContext
from ui.errors import show_error
from ui.i18n import format_date
from ui.nka_tab import NkaTab, service_text
from ui.operations import LatestOnly
from ui.people_tab import PeopleTab
from ui.widgets import DateField, ErrorLabel, confirm, dialog_buttons


class NewProcedureDialog(QDialog):
    """Registers a procedure: start date; the number follows the configured pattern."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._latest_preview = LatestOnly()
        self.procedure_id: int | None = None
        self.setWindowTitle("Nowa procedura „Niebieskie Karty”")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_edit = DateField()
        self.number_label = QLabel()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(90)
        self.date_edit.setMaximumWidth(160)
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
        started = self.date_edit.value()
        if started is None:
            return
        year = started.year
        self._context.ops.query(
            self,
            lambda reg: reg.procedures.next_number(year),
            self._latest_preview.wrap(lambda taken: self.number_label.setText(taken[1])),
        )

    def _save(self) -> None:
        started = self.date_edit.value()
        assert started is not None
        notes = self.notes_edit.toPlainText()
        self.save_button.setEnabled(False)
        self._context.ops.write(
            self,
            lambda reg: reg.procedures.create(started, notes),
            on_done=self._created,
            on_user_error=self._refused,
            on_failed=lambda: self.save_button.setEnabled(True),
        )

    def _created(self, changes: Changes) -> None:
        self.procedure_id = changes.record_id
        self.accept()

    def _refused(self, exc: UserError) -> None:
        """The dialog stays open with what was typed; the reason shows under it."""
        self.error_label.show_message(exc.message)


class _DataTab(QWidget):
    """Start date, notes and the closure of the procedure."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-weight: 600;")
        self.started_edit = DateField()
        self.started_edit.setMaximumWidth(160)
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
        self.save_button.clicked.connect(self._save)
        self.close_button.clicked.connect(self._close_procedure)
        self.reopen_button.clicked.connect(self._reopen)

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        self._procedure = procedure
        self.number_label.setText(procedure.number)
        self.started_edit.set_value(procedure.started_on)
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
        self.notes_edit.setPlainText(procedure.notes)
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

    def _save(self) -> None:
        """Read the form here, on the GUI thread; the write itself runs off it."""
        assert self._procedure is not None
        started = self.started_edit.value()
        assert started is not None
        procedure_id, notes = self._procedure.id, self.notes_edit.toPlainText()
        self._context.ops.write(
            self,
            lambda reg: reg.procedures.update(procedure_id, started, notes),
            on_done=lambda _changes: self.error_label.show_message(""),
            on_user_error=lambda exc: self.error_label.show_message(exc.message),
        )

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
        self.data_tab = _DataTab(context)
        self.people_tab = PeopleTab(context)
        self.nka_tab = NkaTab(context)
        self.chronology_tab = ChronologyTab(context)
        self.attachments_tab = AttachmentsTab(context)
        self.tabs.addTab(self.data_tab, "&1 Dane procedury")
        self.tabs.addTab(self.people_tab, "&2 Osoby")
        self.tabs.addTab(self.nka_tab, "&3 Formularze NK-A")
        self.tabs.addTab(self.chronology_tab, "&4 Chronologia")
        self.tabs.addTab(self.attachments_tab, "&5 Załączniki")
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
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
            self.data_tab,
            self.people_tab,
            self.nka_tab,
            self.chronology_tab,
            self.attachments_tab,
        ):
            tab.set_procedure(procedure)

    def _on_changed(self, changes: Changes) -> None:
        """Only notices naming this procedure reload it; work on others costs nothing here."""
        if changes.touches_procedure(self.procedure_id):
            self.reload()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
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
