"""Changing a stored attachment's description: a form like any other.

It asks before a typed description is dropped, and a refused one (too long) is
explained inside the dialog with the text kept.
"""

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.services.views import AttachmentView
from ui.context import AppContext
from ui.saving_dialog import SavingDialog
from ui.widgets import ErrorLabel, dialog_buttons


class DescriptionDialog(SavingDialog):
    def __init__(
        self, context: AppContext, attachment: AttachmentView, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self._attachment_id = attachment.id
        self.setWindowTitle(f"Opis pliku „{attachment.file_name}”")
        self.description_edit = QLineEdit(attachment.description)
        self.description_edit.setMinimumWidth(420)
        form = QFormLayout()
        form.addRow("&Opis:", self.description_edit)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._field_widgets = {"description": self.description_edit}
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _save(self) -> None:
        attachment_id, text = self._attachment_id, self.description_edit.text()
        self._start_save(
            lambda reg: reg.attachments.set_description(attachment_id, text),
            "Zapisywanie opisu…",
        )
