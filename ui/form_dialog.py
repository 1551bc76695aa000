"""The base of every dialog holding a form: nothing typed is lost, keys behave alike.

Closing with changes by any route (Escape, "Anuluj", the close button) asks „Zapisać
zmiany?”; „Tak” runs the dialog's own save (which closes it when the save succeeds),
„Nie” closes, „Anuluj” keeps it open. Enter moves on, Ctrl+Enter saves (ui.form_keys).
"""

import functools
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QWidget

from ui.form_keys import FormKeys, tab_leaves_notes
from ui.unsaved import ChangeTracker, SaveAnswer, ask_to_save


class FormDialog(QDialog):
    """Tracks its fields as they are when its constructor has filled them.

    Every subclass's `__init__` is wrapped to take that starting state when the most
    derived one returns, so no dialog can forget to; a form filled
    later by background work calls `tracker.mark_clean()` once it is filled.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def init_then_take_state(self: FormDialog, *args: Any, **kw: Any) -> None:
            init(self, *args, **kw)
            if type(self).__init__ is init_then_take_state:  # the most derived one
                self._form_built()

        cls.__init__ = init_then_take_state  # type: ignore[method-assign]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = ChangeTracker(self, self._extra_state)
        FormKeys(self, self._save_requested)

    def _form_built(self) -> None:
        """Runs once, when the most derived constructor has built and filled the form."""
        tab_leaves_notes(self)
        self.tracker.mark_clean()

    def _extra_state(self) -> object:
        """What the form holds beyond its fields (e.g. rows of a small table)."""
        return None

    def has_unsaved_changes(self) -> bool:
        return self.tracker.changed()

    def _accept_button(self) -> QAbstractButton | None:
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                    return button
        return None

    def _save_requested(self) -> None:
        """Ctrl+Enter or „Tak, zapisz”: save only when the accept button could be pressed
        (not while a save runs, nor before the form is ready, nor when it is incomplete)."""
        button = self._accept_button()
        if button is None or button.isEnabled():
            self._save()

    def _save(self) -> None:
        """Press the accept button; dialogs that save through a service override this."""
        button = self._accept_button()
        if button is not None:
            button.click()

    def reject(self) -> None:
        if self.has_unsaved_changes():
            answer = ask_to_save(self, self.windowTitle())
            if answer is SaveAnswer.SAVE:
                self._save_requested()
                return
            if answer is SaveAnswer.CANCEL:
                return
        super().reject()

    def forget_changes(self) -> None:
        """Take what is shown as saved (she chose to quit without saving)."""
        self.tracker.mark_clean()
