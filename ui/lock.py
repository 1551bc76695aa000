"""Ctrl+L: cover every window until the password is typed again.

Windows are covered by an opaque panel rather than hidden, so a dialog in the middle
of an edit (even a modal one) keeps what was typed; the database stays open. A window
that appears while locked is covered too, and results of background work are held
until unlock. Viewer copies of attachments are removed at once. Ctrl+L works from any
window of the program, including dialogs, through an application-wide event filter.
"""

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app.services.viewer_copies import purge_view_copies
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.unlock import UnlockDialog


class _Cover(QWidget):
    """Opaque panel over one window's whole content (menus and title bar text excluded)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCover { background: #2b3a55; } QLabel { color: white; }")
        layout = QVBoxLayout(self)
        label = QLabel("NK Desk jest zablokowany")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 16pt;")
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


def _is_lock_key(event: QEvent) -> bool:
    if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        return False
    assert isinstance(event, QKeyEvent)
    return (
        event.key() == Qt.Key.Key_L
        and event.modifiers() & Qt.KeyboardModifier.ControlModifier != Qt.KeyboardModifier(0)
    )


class LockController(QObject):
    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self._window, self._context = window, context
        self._covers: list[_Cover] = []
        self._return_to: QWidget | None = None
        self.dialog: UnlockDialog | None = None
        window.lock_requested.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if _is_lock_key(event):
            if not self.locked:
                QTimer.singleShot(0, self.lock)
            event.accept()
            return True
        if (
            self.locked
            and event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.dialog
            and not any(cover.parent() is watched for cover in self._live_covers())
        ):
            self._covers.append(_Cover(watched))
        return False

    def _live_covers(self) -> list[_Cover]:
        return [cover for cover in self._covers if shiboken6.isValid(cover)]

    def lock(self) -> None:
        if self.locked:
            return
        self._context.tasks.hold_results(True)
        self._return_to = QApplication.activeWindow()
        purge_view_copies()
        self._context.locking.emit()  # revealed protected addresses are masked again
        self._covers = [
            _Cover(w)
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, _Cover)
        ]
        self.dialog = UnlockDialog(self._context.folder, self._context.tasks, locked=True)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _unlock(self) -> None:
        dialog, self.dialog = self.dialog, None
        covers, self._covers = self._live_covers(), []
        for cover in covers:
            cover.deleteLater()
        if dialog is not None:
            dialog.deleteLater()
        back = self._return_to
        self._return_to = None
        target = back if back is not None and shiboken6.isValid(back) else self._window
        target.activateWindow()
        self._context.tasks.hold_results(False)
