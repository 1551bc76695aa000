"""The one date field: she types a date the way she writes it, or picks it in a calendar.

Typing replaces the whole date (the text is selected whenever the field is entered), any
spelling `app.domain.typed_dates` reads is accepted, and the date it was read as is
spelled out beside the field ("środa, 5 marca 2025"). A text it cannot read stays as
typed, in red, with the reason; it never becomes some other date. One Tab leaves the
field: the calendar button takes no focus, Alt+Down or F4 opens the calendar instead.
"""

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.typed_dates import format_date, parse_typed_date, spelled_out
from app.errors import ValidationError

DateRule = Callable[[dt.date], None]
"""A domain check that raises ValidationError for a date the field must not accept."""

_ERROR_STYLE = "QLineEdit { border: 2px solid #b00020; background: #fff4f4; }"


class _DateLineEdit(QLineEdit):
    """Selects everything when entered or clicked, so typing replaces the whole date
    (arrows and Home/End still move inside it to fix one digit)."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        QTimer.singleShot(0, self, self.selectAll)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.selectAll()


class _CalendarPopup(QCalendarWidget):
    """The calendar as a pop-up under the field; Enter or a click picks a day."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)


class DateField(QWidget):
    """A date she types or picks; when `optional`, it can be left empty.

    `today` comes from the register's clock (it seeds the calendar and a required field's
    first value); `rule` is the domain's check for this date, shown live under the field.
    """

    dateChanged = Signal(object)  # noqa: N815 - named like Qt's own signal

    def __init__(
        self,
        today: dt.date,
        *,
        optional: bool = False,
        rule: DateRule | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today, self._optional, self._rule = today, optional, rule
        self._last: dt.date | None = None
        self.line = _DateLineEdit()
        self.line.setPlaceholderText("dd.mm.rrrr" + (" (puste)" if optional else ""))
        self.line.setMaximumWidth(120)
        self.line.setToolTip(
            "Wpisz datę, np. 5.3.2025, 05.03.2025 albo 2025-03-05. Kalendarz: Alt+Strzałka w dół."
        )
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Wybierz z kalendarza (Alt+Strzałka w dół)")
        self.calendar_button.setAccessibleName("Kalendarz")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(self.hint.fontMetrics().horizontalAdvance("x" * 34))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line)
        row.addWidget(self.calendar_button)
        row.addSpacing(8)
        row.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.setFocusProxy(self.line)
        self.setFocusPolicy(self.line.focusPolicy())  # its label's Alt+letter focuses it
        self.line.installEventFilter(self)
        self.line.textChanged.connect(self._text_changed)
        self.line.editingFinished.connect(self.show_state)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.set_value(None if optional else today)

    # --- value -----------------------------------------------------------------------

    def _read(self) -> tuple[dt.date | None, str]:
        """The date the text names and why it cannot be accepted (one of them is empty)."""
        text = self.line.text()
        if self._optional and not text.strip():
            return None, ""
        try:
            value = parse_typed_date(text, self._today)
            if self._rule is not None:
                self._rule(value)
        except ValidationError as exc:
            return None, exc.message
        return value, ""

    def problem(self) -> str:
        """Why the text cannot be accepted; empty when it can."""
        return self._read()[1]

    def value(self) -> dt.date | None:
        """The date typed; None when an optional field is empty.

        Raises ValidationError when the text cannot be read or breaks the rule: the form
        refuses to save rather than store another date than the one she meant.
        """
        value, problem = self._read()
        if problem:
            raise ValidationError(problem)
        return value

    def current(self) -> dt.date | None:
        """The date as far as it can be read now (None while it cannot): for previews."""
        return self._read()[0]

    def set_value(self, value: dt.date | None) -> None:
        self.line.setText("" if value is None else format_date(value))
        self.show_state()

    def clear_value(self) -> None:
        self.set_value(None)

    def set_today(self, today: dt.date) -> None:
        self._today = today

    def set_rule(self, rule: DateRule | None) -> None:
        self._rule = rule
        self.show_state()

    def text(self) -> str:
        return self.line.text()

    # --- display ---------------------------------------------------------------------

    def _text_changed(self) -> None:
        """While she types, a readable date shows at once; a reason waits until she leaves."""
        if self.problem():
            self.hint.setText("")
            self.line.setStyleSheet("")
            self._announce(None)
        else:
            self.show_state()

    def show_state(self) -> None:
        """Read as → spelled out in grey; unreadable → the reason in red."""
        value, problem = self._read()
        self.line.setStyleSheet(_ERROR_STYLE if problem else "")
        self.hint.setStyleSheet("color: #b00020;" if problem else "color: #555;")
        self.hint.setText(problem or (spelled_out(value) if value is not None else ""))
        self.line.setAccessibleDescription(self.hint.text())
        self._announce(value)

    def _announce(self, value: dt.date | None) -> None:
        if value != self._last:
            self._last = value
            self.dateChanged.emit(value)

    # --- calendar --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return False

    def open_calendar(self) -> None:
        popup = _CalendarPopup(self)
        shown = self.current() or self._today
        popup.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        popup.clicked.connect(lambda day: self._picked(popup, day))
        popup.activated.connect(lambda day: self._picked(popup, day))
        popup.move(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        popup.show()
        popup.setFocus()

    def _picked(self, popup: _CalendarPopup, day: QDate) -> None:
        popup.close()
        popup.deleteLater()
        self.set_value(day.toPython())
        self.line.setFocus()


def _label_of(field: DateField) -> str:
    """The field's form label ("Data wpisu"), found through the label's buddy."""
    for label in field.window().findChildren(QLabel):
        if label.buddy() in (field, field.line):
            return label.text().replace("&", "").rstrip(" *:")
    return "Data"


def first_date_problem(form: QWidget) -> str:
    """The first unreadable date in `form` as "Label: reason", focused; empty if none."""
    for field in form.findChildren(DateField):
        problem = field.problem()
        if problem:
            field.line.setFocus()
            field.show_state()  # the red state now, not only once she leaves the field
            label = _label_of(field)
            return problem if problem.startswith(label) else f"{label}: {problem}"
    return ""
