"""The "Kalendarz" page. The statutory deadlines capability fills it; for now it says so."""

from PySide6.QtWidgets import QCalendarWidget, QLabel, QVBoxLayout, QWidget

from ui.i18n import POLISH


class CalendarView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(POLISH)
        self.calendar.setGridVisible(True)
        layout.addWidget(self.calendar, 1)
        note = QLabel(
            "Terminy ustawowe (dni robocze) i posiedzenia ZI/GDP pojawią się tutaj w kolejnej "
            "wersji programu."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
