"""The base of every dialog holding a form: nothing typed is lost, keys behave alike.

Closing with changes by any route (Escape, "Anuluj", the close button) asks „Zapisać
zmiany?”; „Tak” runs the dialog's own save (which closes it when the save succeeds),
„Nie” closes, „Anuluj” keeps it open. Enter moves on, Ctrl+Enter saves (ui.form_keys).
"""

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ui.form_keys import FormKeys, tab_leaves_notes
from ui.unsaved import ChangeTracker, SaveAnswer, ask_to_save


class FormDialog(QDialog):
    """Tracks its fields from the moment it is first shown (or `mark_clean` is called)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = ChangeTracker(self, self._extra_state)
        FormKeys(self, self._save)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.tracker.loaded:
            tab_leaves_notes(self)
            self.tracker.mark_clean()

    def _extra_state(self) -> object:
        """What the form holds beyond its fields (e.g. rows of a small table)."""
        return None

    def has_unsaved_changes(self) -> bool:
        return self.tracker.changed()

    def _save(self) -> None:
        """Press the accept button, if the form is complete enough for it to be enabled."""
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                    if button.isEnabled():
                        button.click()
                    return

    def reject(self) -> None:
        if self.has_unsaved_changes():
            answer = ask_to_save(self, self.windowTitle())
            if answer is SaveAnswer.SAVE:
                self._save()
                return
            if answer is SaveAnswer.CANCEL:
                return
        super().reject()

    def discard(self) -> None:
        """Close without asking (after the user already chose "Nie")."""
        super().reject()
