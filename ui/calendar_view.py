"""The "Kalendarz" page: „Dziś i zaległe” first, with the month beside it; the month, week
and agenda views of deadlines and meetings come with the meetings."""

from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.i18n import POLISH
from ui.today_view import TodayView


class CalendarView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        self.today_view = TodayView(context)
        layout.addWidget(self.today_view, 3)
        side = QVBoxLayout()
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(POLISH)
        self.calendar.setGridVisible(True)
        side.addWidget(self.calendar)
        side.addStretch(1)
        layout.addLayout(side, 1)
