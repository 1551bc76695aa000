"""The „Kalendarz” page: „Dziś i zaległe” first, then the calendar of deadlines, GDP
and ZI meetings, other steps of the procedures, visits and the worker's own
appointments, as a month, a week or an agenda.

Keys (shown in the tooltips): Alt+M, Alt+T, Alt+A switch the view; PgUp and PgDn page
back and forth, Home returns to today (while the focus is in the calendar, so the
„Dziś i zaległe” table keeps its own keys); Alt+E, Alt+G, Alt+O, Alt+R, Alt+Z, Alt+J
switch the layers; Alt+D adds her own appointment. Enter on an item opens its meeting or
appointment, or its procedure at its course.
"""

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.typed_dates import MONTHS
from app.services.calendar import (
    AGENDA_DAYS,
    CalendarItem,
    CalendarItems,
    Layer,
    Tone,
    add_months,
    agenda_span,
    month_span,
    week_span,
)
from app.services.changes import Changes, Entity
from ui.appointment_dialog import new_appointment, open_appointment
from ui.calendar_parts import TONE_COLOURS, AgendaView, MonthView, WeekView
from ui.context import AppContext
from ui.meeting_dialog import open_meeting
from ui.operations import LatestOnly
from ui.today_view import TodayView
from ui.widgets import add_shortcut

# The view buttons: text with its Alt letter, its tooltip, PgUp's and PgDn's tooltips.
VIEWS = (
    (
        "&Miesiąc",
        "Miesiąc: sześć tygodni od poniedziałku, dni wolne wyróżnione (Alt+M)",
        "Poprzedni miesiąc (PgUp)",
        "Następny miesiąc (PgDn)",
    ),
    (
        "&Tydzień",
        "Tydzień od poniedziałku do niedzieli (Alt+T)",
        "Poprzedni tydzień (PgUp)",
        "Następny tydzień (PgDn)",
    ),
    (
        "&Agenda",
        f"Agenda: {AGENDA_DAYS // 7} tygodnie od wybranego dnia, od dziś zaległe na początku "
        "(Alt+A)",
        f"Poprzednie {AGENDA_DAYS // 7} tygodnie (PgUp)",
        f"Następne {AGENDA_DAYS // 7} tygodnie (PgDn)",
    ),
)
LAYER_KEYS = {
    Layer.DEADLINES: "e",
    Layer.GDP_MEETINGS: "G",
    Layer.ZI_MEETINGS: "o",
    Layer.STEPS: "r",
    Layer.VISITS: "z",
    Layer.OWN: "j",
}
LEGEND = " ".join(
    f"<span style='color:{TONE_COLOURS[tone]}'>■ {text}</span>"
    for tone, text in (
        (Tone.OVERDUE, "zaległe"),
        (Tone.DUE_SOON, "termin blisko"),
        (Tone.PENDING, "w terminie"),
        (Tone.DONE, "to, co już się odbyło"),
    )
)


def with_mnemonic(label: str, letter: str) -> str:
    """The label with „&” before the first `letter`: its Alt key."""
    index = label.index(letter)
    return f"{label[:index]}&{label[index:]}"


class CalendarView(QWidget):
    open_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._latest = LatestOnly()
        self._day = context.today()
        self._stale = True
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.today_view = TodayView(context)
        splitter.addWidget(self.today_view)
        self.panel = QWidget()
        splitter.addWidget(self.panel)
        splitter.setSizes([300, 700])  # shares of the height; she can drag the border
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter)
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addLayout(self._build_controls())
        panel.addLayout(self._build_layers())
        self.month_view, self.week_view, self.agenda_view = MonthView(), WeekView(), AgendaView()
        self.stack = QStackedWidget()
        for view in (self.month_view, self.week_view, self.agenda_view):
            view.item_opened.connect(self.open_item)
            self.stack.addWidget(view)
        self.month_view.day_chosen.connect(self._day_chosen)
        panel.addWidget(self.stack, 1)
        for keys, slot in (
            (Qt.Key.Key_PageUp, lambda: self.step(-1)),
            (Qt.Key.Key_PageDown, lambda: self.step(1)),
            (Qt.Key.Key_Home, self.go_today),
        ):
            add_shortcut(
                self.panel, QKeySequence(keys), slot, Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        context.changed.connect(self._on_changed)
        self.show_view(0)

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.view_buttons = QButtonGroup(self)
        for index, (text, tip, _back, _forward) in enumerate(VIEWS):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setToolTip(tip)
            self.view_buttons.addButton(button, index)
            row.addWidget(button)
        self.view_buttons.button(0).setChecked(True)
        self.view_buttons.idClicked.connect(self.show_view)
        row.addSpacing(16)
        self.previous_button = QPushButton("◀ Wstecz")
        self.today_button = QPushButton("Dziś")
        self.today_button.setToolTip("Wróć do dzisiejszego dnia (Home)")
        self.next_button = QPushButton("Dalej ▶")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.today_button.clicked.connect(self.go_today)
        self.next_button.clicked.connect(lambda: self.step(1))
        for button in (self.previous_button, self.today_button, self.next_button):
            row.addWidget(button)
        self.period_label = QLabel()
        self.period_label.setStyleSheet("font-size: 12pt; font-weight: 600;")
        row.addSpacing(16)
        row.addWidget(self.period_label, 1)
        self.own_button = QPushButton("&Dodaj własny termin…")
        self.own_button.setToolTip("Twój termin w kalendarzu, np. szkolenie lub rozprawa (Alt+D)")
        self.own_button.clicked.connect(lambda: new_appointment(self._context, self, self._day))
        row.addWidget(self.own_button)
        return row

    def _build_layers(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Pokaż:"))
        self.layer_checks: dict[Layer, QCheckBox] = {}
        for layer in Layer:
            check = QCheckBox(with_mnemonic(layer.label, LAYER_KEYS[layer]))
            check.setChecked(True)
            check.setToolTip(f"Włącz lub wyłącz: {layer.label} (Alt+{LAYER_KEYS[layer].upper()})")
            check.toggled.connect(lambda _on: self.reload())
            self.layer_checks[layer] = check
            row.addWidget(check)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)  # on a narrow screen it takes two lines, not the width
        legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(legend, 1)
        return row

    def layers(self) -> tuple[Layer, ...]:
        return tuple(layer for layer, check in self.layer_checks.items() if check.isChecked())

    def chosen_day(self) -> dt.date:
        return self._day

    def show_view(self, index: int) -> None:
        self.view_buttons.button(index).setChecked(True)
        self.stack.setCurrentIndex(index)
        _text, _tip, back, forward = VIEWS[index]
        self.previous_button.setToolTip(back)
        self.next_button.setToolTip(forward)
        self.reload()

    def step(self, direction: int) -> None:
        """PgUp / PgDn: a month, a week or the agenda's four weeks back or forth."""
        index = self.stack.currentIndex()
        if index == 0:
            self._day = add_months(self._day, direction)
        else:
            days = 7 if index == 1 else AGENDA_DAYS
            self._day += dt.timedelta(days=days * direction)
        self.reload()

    def go_today(self) -> None:
        self._day = self._context.today()
        self.reload()

    def span(self) -> tuple[dt.date, dt.date]:
        """The days the current view shows."""
        return (month_span, week_span, agenda_span)[self.stack.currentIndex()](self._day)

    def reload(self) -> None:
        """Load what the view shows. While the page is hidden it only notes that it must:
        a month at 50 000 procedures is about a second of the worker's time, which the
        first search after unlocking would otherwise wait for."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        first, last = self.span()
        layers = self.layers()
        self._context.ops.query(
            self,
            lambda reg: reg.calendar.items(first, last, layers),
            self._latest.wrap(lambda items: self._show(first, last, items)),
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def open_item(self, item: CalendarItem) -> None:
        """A meeting or an appointment opens itself; anything else its procedure."""
        if item.meeting_id is not None:
            open_meeting(self._context, self, item.meeting_id)
        elif item.appointment_id is not None:
            open_appointment(self._context, self, item.appointment_id)
        elif item.procedure_id is not None:
            self.open_requested.emit(item.procedure_id)

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(e) for e in (Entity.PROCEDURE, Entity.PERSON, Entity.MEETING)):
            self.reload()

    def _day_chosen(self, day: dt.date) -> None:
        """A day picked in the month grid; one of another month turns the page to it."""
        month_changed = (day.year, day.month) != (self._day.year, self._day.month)
        self._day = day
        if month_changed:
            self.reload()

    def _show(self, first: dt.date, last: dt.date, shown: CalendarItems) -> None:
        index = self.stack.currentIndex()
        if index == 0:
            self.period_label.setText(f"{MONTHS[self._day.month - 1]} {self._day.year}")
        else:
            self.period_label.setText(f"{first:%d.%m.%Y} – {last:%d.%m.%Y}")
        view = (self.month_view, self.week_view, self.agenda_view)[index]
        view.show_items(first, self._day, self._context.today(), shown)
