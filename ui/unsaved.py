"""One way to notice unsaved work and to ask before it is lost, for every form.

A form's state is read from its fields (text, dates, choices, ticks, lists) when it is
loaded and again when it is being closed; if they differ, closing by any route (Escape,
"Anuluj", the window's close button, Ctrl+W, quitting) asks „Zapisać zmiany?”.
Fields a form does not save (search boxes, filters) are marked with `untracked`.
"""

from collections.abc import Callable
from enum import Enum, auto

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.date_field import DateField

_UNTRACKED = "nkdeskUntracked"


def untracked(widget: QWidget) -> QWidget:
    """Mark a field whose value is not part of what the form saves (e.g. a filter)."""
    widget.setProperty(_UNTRACKED, True)
    return widget


def _is_tracked(widget: QWidget, root: QWidget) -> bool:
    node: QWidget | None = widget
    while node is not None and node is not root:
        if node.property(_UNTRACKED):
            return False
        node = node.parentWidget()
    return True


def _field_value(widget: QWidget) -> object:
    """What the user set in one field, or None for widgets that hold no input."""
    if isinstance(widget, DateField):
        return widget.current() or widget.text()  # 5.3.2026 retyped as 05.03.2026: no change
    if isinstance(widget, QLineEdit):
        inner = isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox | DateField)
        return None if inner or widget.isReadOnly() else widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentText(), repr(widget.currentData()))
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QListWidget):
        return tuple(widget.item(row).text() for row in range(widget.count()))
    return None


def form_state(root: QWidget) -> tuple[object, ...]:
    """Every input's value under `root`, in a stable order, for comparison."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        value = _field_value(widget)
        if value is not None and _is_tracked(widget, root):
            values.append((widget.objectName(), type(widget).__name__, value))
    return tuple(values)


class ChangeTracker:
    """Remembers what a form showed when it was loaded (or last saved)."""

    def __init__(self, root: QWidget, extra: Callable[[], object] = lambda: None) -> None:
        self._root, self._extra = root, extra
        self._baseline: object = None

    def _state(self) -> object:
        return (form_state(self._root), self._extra())

    def mark_clean(self) -> None:
        self._baseline = self._state()

    @property
    def loaded(self) -> bool:
        return self._baseline is not None

    def changed(self) -> bool:
        return self._baseline is not None and self._state() != self._baseline


class SaveAnswer(Enum):
    SAVE = auto()
    DISCARD = auto()
    CANCEL = auto()


def ask_to_save(parent: QWidget, what: str = "") -> SaveAnswer:
    """„Zapisać zmiany?” Tak / Nie / Anuluj; Anuluj (and Escape) keeps the form open."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Niezapisane zmiany")
    box.setText("Zapisać zmiany?")
    box.setInformativeText(
        (f"{what}: " if what else "") + "wpisane dane nie zostały jeszcze zapisane."
    )
    save = box.addButton("&Tak, zapisz", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Nie zapisuj", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Anuluj", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    _run_box(box)
    clicked = box.clickedButton()
    if clicked is save:
        return SaveAnswer.SAVE
    if clicked is discard:
        return SaveAnswer.DISCARD
    return SaveAnswer.CANCEL


def _run_box(box: QMessageBox) -> None:
    """Show the question modally; tests answer it here by pressing one of its buttons."""
    box.exec()


def forget_unsaved_changes() -> None:
    """After she chose to quit without saving: no window asks about its changes again."""
    for window in QApplication.topLevelWidgets():
        forget = getattr(window, "forget_changes", None)
        if callable(forget):
            forget()


def unsaved_window_titles() -> list[str]:
    """Titles of the open windows holding unsaved work (asked about before quitting)."""
    titles = []
    for window in QApplication.topLevelWidgets():
        has_changes = getattr(window, "has_unsaved_changes", None)
        if window.isVisible() and callable(has_changes) and has_changes():
            titles.append(window.windowTitle())
    return titles
