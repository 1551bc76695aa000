"""Ctrl+L: lock the program until the password is typed again.

The main window is raised and shows the lock panel (ui.lock_screen) over all its
content; its pages, menus and toolbar are disabled meanwhile, so no shortcut or Tab
reaches them. Every other window is covered rather than hidden, so a dialog in the middle
of an edit (even a modal one) keeps what was typed; the database stays open. While
locked, keyboard and mouse reach only the panel and the dialogs it opens, a window that
appears is covered too, and results of background work are held until unlock. Viewer
copies of attachments are removed at once. Ctrl+L works from any window of the program,
including dialogs, through an application-wide event filter.
"""

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QToolTip, QWidget

from app.services.viewer_copies import purge_view_copies
from ui.context import AppContext
from ui.help_window import HelpWindow
from ui.lock_screen import Cover, LockPanel
from ui.main_window import MainWindow

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)
_WATCHED = _INPUT_EVENTS | {QEvent.Type.Shortcut, QEvent.Type.Show}


def _is_lock_key(event: QEvent) -> bool:
    if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        return False
    assert isinstance(event, QKeyEvent)
    return (
        event.key() == Qt.Key.Key_L
        and event.modifiers() & Qt.KeyboardModifier.ControlModifier != Qt.KeyboardModifier(0)
    )


def _within(item: QObject | None, ancestor: QObject) -> bool:
    """Whether `ancestor` owns `item`, across windows (a dialog the panel opened is in it)."""
    while item is not None:
        if item is ancestor:
            return True
        item = item.parent()
    return False


def _close_popups() -> None:
    """An open menu or list would keep the keyboard from the lock panel."""
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()


def _in_guide(item: QObject) -> bool:
    return isinstance(item, QWidget) and isinstance(item.window(), HelpWindow)


def _alive(widgets: Sequence[QWidget]) -> list[QWidget]:
    """The widgets not destroyed meanwhile (a covered window may be closed while locked)."""
    return [widget for widget in widgets if shiboken6.isValid(widget)]


class LockController(QObject):
    """Locks on Ctrl+L or "Zablokuj"; unlocks when the lock panel has verified the password."""

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self._window, self._context = window, context
        self.panel: LockPanel | None = None
        self._covers: list[Cover] = []
        self._disabled: list[QWidget] = []
        self._return_to: QWidget | None = None
        self._focus: QWidget | None = None
        self._made_modal = False
        window.lock_requested.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.panel is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if _is_lock_key(event):
            if not self.locked:
                QTimer.singleShot(0, self.lock)
            event.accept()
            return True
        kind = event.type()
        if self.panel is None or kind not in _WATCHED or _within(watched, self.panel):
            return False
        if _in_guide(watched):
            return False  # the user guide holds no case data: it may help her unlock
        if kind == QEvent.Type.Show:
            if isinstance(watched, QWidget):
                self._cover_if_new(watched)
            return False
        # While locked, only the lock panel takes input (shortcuts go to actions, not widgets).
        return kind == QEvent.Type.Shortcut or isinstance(watched, QWidget)

    def _cover_if_new(self, widget: QWidget) -> None:
        if (
            not widget.isWindow()
            or widget is self._window
            or widget.windowType() == Qt.WindowType.ToolTip
            or _in_guide(widget)
            or any(cover.parent() is widget for cover in _alive(self._covers))
        ):
            return
        self._covers.append(Cover(widget))
        if widget.isModal():
            QTimer.singleShot(0, self._bring_main_window_forward)

    def lock(self) -> None:
        if self.locked:
            return
        self._context.tasks.hold_results(True)
        self._return_to = QApplication.activeWindow()
        self._focus = self._window.focusWidget()
        purge_view_copies()
        self._context.locking.emit()  # revealed protected addresses are masked again
        QToolTip.hideText()
        _close_popups()
        self._covers = [
            Cover(w)
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
            and w is not self._window
            and w.windowType() != Qt.WindowType.ToolTip
            and not _in_guide(w)
        ]
        self._disabled = [
            child
            for child in self._window.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if not child.isWindow() and child.isEnabled()
        ]
        for child in self._disabled:
            child.setEnabled(False)
        self.panel = LockPanel(
            self._window, self._context.folder, self._context.tasks, self._window.office_name
        )
        self.panel.unlocked.connect(self._unlock)
        self.panel.close_requested.connect(self._close_program)
        self.panel.show()
        self.panel.raise_()
        self._bring_main_window_forward()

    def _bring_main_window_forward(self) -> None:
        """Raise the main window with the panel focused, above any modal dialog.

        A modal dialog blocks every other window, the main one included, so while one is
        open the main window is made modal itself (shown again, which is what applies it).
        """
        window = self._window
        if self.panel is None:
            return
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window and not _within(modal, self.panel):
            window.hide()
            window.setWindowModality(Qt.WindowModality.ApplicationModal)
            window.show()
            self._made_modal = True
        window.raise_()
        self.panel.take_focus()

    def _unlock(self) -> None:
        panel, self.panel = self.panel, None
        for cover in _alive(self._covers):
            cover.hide()
            cover.deleteLater()
        self._covers = []
        for child in _alive(self._disabled):
            child.setEnabled(True)
        self._disabled = []
        if panel is not None:
            panel.hide()
            panel.deleteLater()
        if self._made_modal:
            self._made_modal = False
            self._window.hide()
            self._window.setWindowModality(Qt.WindowModality.NonModal)
            self._window.show()
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        back, self._return_to, self._focus = self._return_to, None, None
        target = back if back is not None and shiboken6.isValid(back) else self._window
        target.raise_()
        target.activateWindow()
        self._context.tasks.hold_results(False)

    def _close_program(self) -> None:
        """She confirmed quitting: every dialog and question still open is ended first.

        A dialog in the middle of a save refuses an ordinary close, and a question left
        under a cover waits for an answer nobody can give; either would keep a locked
        program running with no way out. A save already running still finishes: the
        program waits for its background work before it closes the register.
        """
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
        QTimer.singleShot(0, self, self._close_windows)

    def _close_windows(self) -> None:
        """Once the ended dialogs' loops have returned: the main window's own close, as
        from its menu; the windows still open go with it."""
        if not self._window.close():
            return
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()
