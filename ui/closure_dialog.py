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
from app.storage.models import Procedure
from ui.context import AppContext
from ui.errors import show_save_error
from ui.widgets import DateField, ErrorLabel, dialog_buttons


class ClosureDialog(QDialog):
    def __init__(
        self, context: AppContext, procedure: Procedure, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._procedure = context, procedure
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
        closed_on = self.date_edit.value()
        assert closed_on is not None
        try:
            changes = self._context.procedures.close(
                self._procedure.id,
                closed_on,
                self.ground_combo.currentData(),
                self.justification_edit.toPlainText(),
            )
        except Exception as exc:  # noqa: BLE001 - shown in the form or by the presenter
            show_save_error(self.error_label, exc, {}, self, inline=UserError)
            return
        self._context.publish(changes)
        self.accept()
