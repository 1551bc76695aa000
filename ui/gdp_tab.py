"""The procedure window's GDP tab: the group (created on, members, the NK-A hand-over)
and its meetings, each opened in the meeting dialog."""

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import MeetingKind, MeetingStatus
from app.services.gdp import GdpView
from app.services.meetings import MeetingRow
from app.services.views import ProcedureDetail
from ui.context import AppContext
from ui.gdp_dialog import open_gdp_editor
from ui.i18n import format_date
from ui.meeting_dialog import new_meeting, open_meeting
from ui.operations import LatestOnly
from ui.widgets import item_table

MEETING_COLUMNS = ("Data", "Godziny", "Stan", "Z kim z rodziny", "Zaproszeni", "Obecni", "Miejsce")
NO_GDP = (
    "Grupa diagnostyczno-pomocowa nie jest jeszcze utworzona. Utwórz ją i przekaż członkom "
    "NK-A: od tego liczy się termin pierwszego posiedzenia."
)


def gdp_text(gdp: GdpView) -> str:
    members = "\n".join(
        f"• {m.label}" + ("" if m.confidentiality_signed_on else " — brak oświadczenia o poufności")
        for m in gdp.members
    )
    waiting = f"\nNK-A do przekazania członkom grupy: {gdp.nka_waiting}." if gdp.nka_waiting else ""
    return f"Utworzona {format_date(gdp.created_on)}. Członkowie:\n{members}{waiting}"


class GdpTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure_id: int | None = None
        self._gdp: GdpView | None = None
        self._rows: tuple[MeetingRow, ...] = ()
        self._latest = LatestOnly()
        layout = QVBoxLayout(self)
        group_box = QGroupBox("Grupa diagnostyczno-pomocowa")
        group_layout = QHBoxLayout(group_box)
        self.gdp_label = QLabel()
        self.gdp_label.setWordWrap(True)
        self.gdp_button = QPushButton()
        self.gdp_button.clicked.connect(self.edit_gdp)
        group_layout.addWidget(self.gdp_label, 1)
        group_layout.addWidget(self.gdp_button)
        layout.addWidget(group_box)
        header = QHBoxLayout()
        header.addWidget(QLabel("Posiedzenia grupy (Enter: otwórz):"), 1)
        self.new_button = QPushButton("&Nowe posiedzenie…")
        self.open_button = QPushButton("&Otwórz…")
        header.addWidget(self.new_button)
        header.addWidget(self.open_button)
        layout.addLayout(header)
        self.table = item_table(MEETING_COLUMNS)
        layout.addWidget(self.table, 1)
        self.table.itemActivated.connect(lambda _item: self._open_selected())
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self._open_selected)

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        self._procedure_id = procedure_id = procedure.id
        self._context.ops.query(
            self,
            lambda reg: (reg.gdp.view(procedure_id), reg.meetings.for_procedure(procedure_id)),
            self._latest.wrap(lambda loaded: self._show(*loaded)),
        )

    def _show(self, gdp: GdpView | None, rows: tuple[MeetingRow, ...]) -> None:
        self._gdp, self._rows = gdp, rows
        self.gdp_label.setText(NO_GDP if gdp is None else gdp_text(gdp))
        self.gdp_button.setText("&Utwórz grupę…" if gdp is None else "Zmień &skład grupy…")
        self.new_button.setEnabled(gdp is not None)
        self.new_button.setToolTip("" if gdp is not None else "Najpierw utwórz grupę.")
        self.table.setRowCount(len(rows))
        for row, meeting in enumerate(rows):
            cells = (
                format_date(meeting.held_on),
                f"{meeting.starts_at:%H:%M}–{meeting.ends_at:%H:%M}",
                meeting.status.label,
                meeting.people or "—",
                str(meeting.invited),
                str(meeting.present) if meeting.status is MeetingStatus.HELD else "",
                meeting.where,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, _cell(text))
        self.table.resizeColumnsToContents()
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentCell(0, 0)

    def new_meeting(self) -> None:
        if self._procedure_id is not None and self._gdp is not None:
            new_meeting(self._context, self, MeetingKind.GDP, self._procedure_id)

    def has_gdp(self) -> bool:
        return self._gdp is not None

    def edit_gdp(self) -> None:
        """The GDP dialog (also the overview's button for handing the NK-A over)."""
        if self._procedure_id is not None:
            open_gdp_editor(self._context, self, self._procedure_id)

    def _open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._rows):
            open_meeting(self._context, self, self._rows[row].id)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item
