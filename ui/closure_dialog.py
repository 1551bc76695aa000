"""Closing a procedure: date, statutory ground and justification."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClosureGround
from app.errors import UserError
from app.services.changes import Changes
from app.services.views import ProcedureDetail
from ui.context import AppContext
from ui.widgets import DateField, ErrorLabel, dialog_buttons


class ClosureDialog(QDialog):
    def __init__(
        self, context: AppContext, procedure: ProcedureDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._procedure_id = context, procedure.id
        self.setWindowTitle(f"Zakończenie procedury {procedure.number}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_edit = DateField()
        self.ground_combo = QComboBox()
        for ground in ClosureGround:
            self.ground_combo.addItem(ground.label, ground)
        self.justification_edit = QPlainTextEdit()
        self.justification_edit.setPlaceholderText(
            "Uzasadnienie decyzji grupy diagnostyczno-pomocowej"
        )
        form.addRow("&Data zakończenia*:", self.date_edit)
        form.addRow("&Podstawa*:", self.ground_combo)
        form.addRow("&Uzasadnienie:", self.justification_edit)
        layout.addLayout(form)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.buttons, self.save_button = dialog_buttons("Zakończ procedurę")
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.resize(620, 360)

    def _save(self) -> None:
        """Read the form here, on the GUI thread; the write itself runs off it."""
        closed_on = self.date_edit.value()
        assert closed_on is not None
        procedure_id, ground = self._procedure_id, ClosureGround(self.ground_combo.currentData())
        justification = self.justification_edit.toPlainText()
        self.save_button.setEnabled(False)
        self._context.ops.write(
            self,
            lambda reg: reg.procedures.close(procedure_id, closed_on, ground, justification),
            on_done=self._closed,
            on_user_error=self._refused,
            on_failed=lambda: self.save_button.setEnabled(True),
        )

    def _closed(self, _changes: Changes) -> None:
        self.accept()

    def _refused(self, exc: UserError) -> None:
        """The form stays open with what was typed; the reason shows under it."""
        self.error_label.show_message(exc.message)
