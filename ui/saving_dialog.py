"""The dialogs whose "Zapisz" runs in the background, off the GUI thread.

While the save runs, the buttons are off and the dialog cannot be closed, so its outcome
is never hidden; a refused save keeps the dialog open with everything typed. A date
that cannot be read stops the save before anything is sent (`_dates_ready`).
"""

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.errors import UserError, ValidationError
from app.services.changes import Changes
from app.services.register import Register
from ui.context import AppContext
from ui.date_field import first_date_problem
from ui.field_errors import SaveErrors
from ui.form_dialog import FormDialog
from ui.widgets import ErrorLabel


class SavingDialog(FormDialog):
    """A form saved through the operation helper.

    Subclasses build `buttons` and `error_label`, `_field_widgets` (the core's field
    names to the widgets that get the focus when that field is refused) and `_save`.
    A refused save's message stays until the field it names is edited (SaveErrors).
    """

    _inline_errors: type[UserError] = ValidationError
    """Refusals shown inside the form; others go to a message box."""

    buttons: QDialogButtonBox
    error_label: ErrorLabel
    _field_widgets: dict[str, QWidget]

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._saving = False
        self._field_widgets = {}

    def reject(self) -> None:
        """Closing while the save is still running would hide its outcome."""
        if not self._saving:
            super().reject()

    def _dates_ready(self) -> bool:
        """False (with the reason shown and the field focused) while a date is unreadable."""
        problem = first_date_problem(self)
        self.error_label.show_message(problem)
        return not problem

    def _start_save(
        self,
        work: Callable[[Register], Changes],
        progress_label: str,
        on_saved: Callable[[Changes], None] | None = None,
    ) -> None:
        """Run the write `work(register)`, then `on_saved(changes)` (by default: close).

        The change notice is published by the operation helper after `on_saved`.
        """
        if self._saving:
            return
        self._set_saving(True)
        self._context.ops.write(
            self,
            work,
            on_done=on_saved or self._saved,
            on_user_error=self._refused,
            on_failed=lambda: self._set_saving(False),
            progress=progress_label,
        )

    def _saved(self, _changes: Changes) -> None:
        self._set_saving(False)
        self.accept()

    def _form_built(self) -> None:
        self._save_errors = SaveErrors(self.error_label, self._field_widgets, self)
        super()._form_built()

    def _refused(self, exc: UserError) -> None:
        """A refused save shows its reason in the dialog and focuses the refused field."""
        self._save_errors.show(exc, inline=self._inline_errors)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)
        if saving:
            self.error_label.show_message("")
