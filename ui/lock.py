"""Ctrl+L: hide every window until the password is typed again.

The database stays open so unsaved edits in open windows survive; only the screen is
cleared, and viewer copies of attachments are removed at once.
"""

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.services.attachments import purge_view_copies
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.unlock import UnlockDialog


class LockController(QObject):
    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self._window, self._context = window, context
        self._hidden: list[QWidget] = []
        self.dialog: UnlockDialog | None = None
        window.lock_requested.connect(self.lock)

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> None:
        if self.locked:
            return
        purge_view_copies()
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self.dialog = UnlockDialog(self._context.folder, self._context.tasks, locked=True)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _unlock(self) -> None:
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self._window.activateWindow()
