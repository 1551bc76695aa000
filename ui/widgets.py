"""Small shared widgets and the ways every window builds the same controls.

A dd.MM.yyyy date field that may be empty, an inline error label, the read-only record
table, the Polish dialog buttons, the yes/no question and scoped keyboard shortcuts:
one place each, so every window looks and behaves the same.
"""

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from ui.i18n import DATE_FORMAT

_EMPTY = QDate(1900, 1, 1)


class DateField(QDateEdit):
    """A date edit with a calendar popup; when `optional`, it can be left empty."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMaximumDate(QDate.currentDate().addYears(5))
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText("—")
            self.setToolTip("Kliknij, aby wybrać datę; klawisz Delete czyści pole.")
            self.setDate(_EMPTY)
        else:
            self.setMinimumDate(QDate(1900, 1, 2))
            self.setDate(QDate.currentDate())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """An empty field opens its calendar on today, not on January 1900."""
        if self._optional and self.date() == _EMPTY:
            self.setDate(QDate.currentDate())
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Delete empties an optional date."""
        if self._optional and event.key() == Qt.Key.Key_Delete:
            self.clear_value()
            return
        super().keyPressEvent(event)

    def value(self) -> dt.date | None:
        if self._optional and self.date() == _EMPTY:
            return None
        return self.date().toPython()  # type: ignore[no-any-return]

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_EMPTY if self._optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.set_value(None)


class ErrorLabel(QLabel):
    """Red inline message under a form; empty and hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        self._grow_window_to_fit()

    def _grow_window_to_fit(self) -> None:
        """A shown window keeps its size, so a long message would be cut: grow it instead."""
        top = self.window()
        layout = top.layout()
        if not top.isVisible() or layout is None:
            return
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(top.width())
        else:
            needed = top.sizeHint().height()
        if needed > top.height():
            top.resize(top.width(), needed)


def record_table(
    model: QAbstractItemModel,
    *,
    sortable: bool = True,
    stretch_last: bool = True,
    resize_mode: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive,
) -> QTableView:
    """A read-only list of records: whole rows, one at a time, no row numbers.

    Every list behaves the same: Tab moves on to the next control (arrows move inside),
    long text is cut with "…" (the tooltip shows all of it), rows alternate in colour.
    """
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    if sortable:
        table.setSortingEnabled(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize_mode)
    header.setStretchLastSection(stretch_last)
    return table


def dialog_buttons(
    accept_text: str, *, standard: bool = False
) -> tuple[QDialogButtonBox, QPushButton]:
    """An accept button and "Anuluj" with our own Polish texts, whatever Qt translation is loaded.

    With `standard` they are Qt's Save and Cancel buttons: the accept one is also found as
    `StandardButton.Save`, and desktops that put icons on buttons show theirs.
    """
    if standard:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        accept = buttons.button(QDialogButtonBox.StandardButton.Save)
        accept.setText(accept_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Anuluj")
    else:
        buttons = QDialogButtonBox()
        accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Anuluj", QDialogButtonBox.ButtonRole.RejectRole)
    return buttons, accept


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before a risky step; "Nie" is the default, so a stray Enter changes nothing."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def add_shortcut(
    owner: QWidget,
    keys: QKeySequence | QKeySequence.StandardKey,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut,
) -> None:
    """A key scoped to `owner` (by default: only while it has the focus), so the other
    tabs, pages and windows keep their own meaning for it."""
    shortcut = QShortcut(keys, owner)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
