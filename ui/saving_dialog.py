"""The dialogs whose "Zapisz" runs in the background, off the GUI thread.

While the save runs, the buttons are off and the dialog cannot be closed, so its outcome
is never hidden; a refused save keeps the dialog open with everything typed.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.services.changes import Changes
from ui.context import AppContext
from ui.errors import show_save_error
from ui.widgets import ErrorLabel


class SavingDialog(QDialog):
    """A form saved through the task runner.

    Subclasses build `buttons` and `error_label`, and `_field_widgets` (the core's field
    names to the widgets that get the focus when that field is refused).
    """

    buttons: QDialogButtonBox
    error_label: ErrorLabel
    _field_widgets: dict[str, QWidget]

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._saving = False

    def reject(self) -> None:
        """Closing while the save is still running would hide its outcome."""
        if not self._saving:
            super().reject()

    def _start_save(
        self,
        work: Callable[[], Any],
        progress_label: str,
        on_saved: Callable[[Any], None] | None = None,
    ) -> None:
        """Run `work`, then `on_saved(result)` (by default: publish the changes and close)."""
        self._set_saving(True)
        self._context.tasks.run(
            work,
            on_saved or self._saved,
            self._save_failed,
            progress_label=progress_label,
            parent=self,
        )

    def _saved(self, changes: Changes) -> None:
        self._set_saving(False)
        self._context.publish(changes)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        show_save_error(self.error_label, exc, self._field_widgets, self)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)
        if saving:
            self.error_label.show_message("")
