"""Small shared widgets: a dd.MM.yyyy date field that may be empty, an inline error label."""

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

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
