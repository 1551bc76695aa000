"""The one rule for keys in forms, the same in every dialog and editing panel.

Enter moves to the next field (it never saves a half-filled form); Ctrl+Enter saves;
Enter on a focused button presses it; in a notes box Enter starts a new line and Tab
moves on. The user guide's "Klawisze" section describes exactly this.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FormKeys(QObject):
    """Ctrl+Enter saves from any field (notes too); a plain Enter a field lets through
    moves on instead of reaching the default button."""

    def __init__(self, form: QWidget, save: Callable[[], None]) -> None:
        super().__init__(form)
        self._form = form
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), form)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(save)
        form.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or watched is not self._form:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in _ENTER_KEYS:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton):
            return False
        if not isinstance(focused, QAbstractItemView) and focused is not None:
            self._form.focusNextChild()
        return True


def tab_leaves_notes(form: QWidget) -> None:
    """Tab in a multi-line box moves to the next field instead of typing a tab."""
    for box in form.findChildren(QPlainTextEdit):
        box.setTabChangesFocus(True)
    for box in form.findChildren(QTextEdit):
        box.setTabChangesFocus(True)
