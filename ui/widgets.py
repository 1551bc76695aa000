"""Small shared widgets and the ways every window builds the same controls.

The date field (ui.date_field, offered here with the rest), an inline error label, the
read-only record table, the Polish dialog buttons, the yes/no question and scoped
keyboard shortcuts: one place each, so every window looks and behaves the same.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QWidget,
)

from ui.date_field import DateField

__all__ = [
    "DateField",
    "ErrorLabel",
    "add_shortcut",
    "confirm",
    "dialog_buttons",
    "documents_folder",
    "item_table",
    "record_table",
]


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


def item_table(columns: Sequence[str], table: QTableWidget | None = None) -> QTableWidget:
    """A read-only table filled item by item, behaving like `record_table`: whole rows,
    one at a time, Tab moves on, no row numbers, the last column takes the rest.
    A subclass's instance passed as `table` is set up the same way."""
    if table is None:
        table = QTableWidget()
    table.setColumnCount(len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
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


def documents_folder() -> str:
    """Where a file dialog opens: her documents, not the program's own folder."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


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
