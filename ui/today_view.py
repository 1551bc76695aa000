"""„Dziś i zaległe”: procedures whose next deadline has passed (red) or falls within the
next three working days, most urgent first; Enter opens the procedure at its course."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import DUE_SOON_WORKING_DAYS
from app.services.changes import Changes, Entity
from app.services.course import DueItem, DueList
from ui.context import AppContext
from ui.i18n import format_date
from ui.operations import LatestOnly
from ui.widgets import item_table

OVERDUE_COLOUR = "#c62828"
SOON_COLOUR = "#b26a00"
COLUMNS = ("Termin", "Procedura", "Osoby doznające przemocy", "Następny krok")


class TodayView(QWidget):
    open_requested = Signal(int)
    loaded = Signal(object)  # the DueList, once shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._items: tuple[DueItem, ...] = ()
        self._latest = LatestOnly()
        layout = QVBoxLayout(self)
        title = QLabel("Dziś i zaległe")
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        layout.addWidget(title)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = item_table(COLUMNS)
        self.table.setAccessibleName("Dziś i zaległe")
        self.table.itemActivated.connect(lambda item: self._open(item.row()))
        layout.addWidget(self.table, 1)
        context.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        self._context.ops.query(self, lambda reg: reg.course.due(), self._latest.wrap(self._show))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.PROCEDURE):
            self.reload()

    def _show(self, due: DueList) -> None:
        self._items = due.items
        soon = due.total - due.overdue
        if due.total == 0:
            self.summary_label.setText(
                "Nic nie jest zaległe ani pilne: żaden termin nie mija w ciągu "
                f"{DUE_SOON_WORKING_DAYS} dni roboczych."
            )
        else:
            shown = "" if len(due.items) >= due.total else f" Pokazano {len(due.items)} pierwszych."
            self.summary_label.setText(
                f"Zaległe: {due.overdue} · termin w ciągu {DUE_SOON_WORKING_DAYS} dni "
                f"roboczych: {soon}.{shown} Enter otwiera procedurę."
            )
        self.table.setRowCount(len(due.items))
        for row, item in enumerate(due.items):
            colour = QColor(OVERDUE_COLOUR if item.overdue else SOON_COLOUR)
            cells = (format_date(item.due_on), item.number, item.victims, item.guidance)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 0:
                    cell.setForeground(QBrush(colour))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        if due.items and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.loaded.emit(due)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.open_requested.emit(self._items[row].procedure_id)
