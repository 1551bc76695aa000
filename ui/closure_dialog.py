"""Closing a procedure: date, statutory ground and justification."""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClosureGround
from app.domain.procedure_rules import check_closure
from app.services.views import ProcedureDetail
from ui.context import AppContext
from ui.saving_dialog import SavingDialog
from ui.widgets import DateField, ErrorLabel, dialog_buttons


class ClosureDialog(SavingDialog):
    def __init__(
        self, context: AppContext, procedure: ProcedureDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure.id
        self._field_widgets = {}
        self.setWindowTitle(f"Zakończenie procedury {procedure.number}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        today = context.today()
        started_on = procedure.started_on
        self.date_edit = DateField(today, rule=lambda day: check_closure(started_on, day, today))
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
        if not self._dates_ready():
            return
        closed_on = self.date_edit.value()
        assert closed_on is not None
        procedure_id, ground = self._procedure_id, ClosureGround(self.ground_combo.currentData())
        justification = self.justification_edit.toPlainText()
        self._start_save(
            lambda reg: reg.procedures.close(procedure_id, closed_on, ground, justification),
            "Zamykanie procedury…",
        )
