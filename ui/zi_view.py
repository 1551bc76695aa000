"""The „Zespół (ZI)” page: the gmina's Zespół Interdyscyplinarny — its members, picked
from the institutions' directory with the chair first, and its meetings.

Both lists come from one query and are read again whenever a meeting, the team or the
directory changes: a contact renamed on the Instytucje page or a statement signed
shows here at once.
"""

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import MeetingKind, MeetingStatus
from app.services.changes import Changes, Entity
from app.services.meetings import MeetingRow
from app.services.register import Register
from app.services.zi import ContactOption, ZiMemberView
from ui.context import AppContext
from ui.empty_notice import EmptyNotice
from ui.meeting_dialog import new_meeting, open_meeting
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import add_shortcut, confirm, record_table
from ui.zi_member_dialog import ZiMemberDialog

WARNING = "#b00020"
MEMBER_COLUMNS: tuple[Column[ZiMemberView], ...] = (
    Column("Nazwisko i imię", lambda m: m.contact.name),
    Column("W zespole", lambda m: "przewodniczący/a" if m.is_chair else "członek"),
    Column("Funkcja", lambda m: m.contact.function),
    Column("Powołany/a", lambda m: m.appointed_on),
    Column(
        "Oświadczenie o poufności",
        lambda m: m.contact.confidentiality_signed_on or "brak",
        colour=lambda m: None if m.contact.confidentiality_signed_on else WARNING,
    ),
    Column("Instytucja", lambda m: m.contact.institution),  # last: long names get the rest
)
MEMBER_WIDTHS = (230, 130, 170, 100, 190)
MEETING_COLUMNS: tuple[Column[MeetingRow], ...] = (
    Column("Data", lambda r: r.held_on),
    Column("Godziny", lambda r: f"{r.starts_at:%H:%M}–{r.ends_at:%H:%M}"),
    Column("Status", lambda r: r.status.label),
    Column("Zaproszeni", lambda r: r.invited),
    Column("Obecni", lambda r: r.present if r.status is MeetingStatus.HELD else "—"),
    Column("Miejsce", lambda r: r.where),
)
MEETING_WIDTHS = (100, 110, 110, 100, 80)
NO_CONTACTS = (
    "Katalog instytucji nie ma jeszcze osób kontaktowych. Dodaj je na stronie Instytucje "
    "(Ctrl+3), a potem tutaj członków zespołu."
)
NO_MEMBERS = "Dodaj członków zespołu z katalogu instytucji: przycisk „Dodaj członka…”."
NO_MEETINGS = "Nie ma jeszcze posiedzeń ZI. Zaplanuj pierwsze: „Nowe posiedzenie ZI…” (Ctrl+N)."
NO_CHAIR = "Zespół nie ma przewodniczącego/ej: wybierz członka, „Edytuj…” i zaznacz to pole."


@dataclass(frozen=True)
class ZiPage:
    members: tuple[ZiMemberView, ...]
    contacts: tuple[ContactOption, ...]
    meetings: tuple[MeetingRow, ...]

    def addable(self) -> tuple[ContactOption, ...]:
        """Contacts of the directory not yet in the team."""
        taken = {m.contact.id for m in self.members}
        return tuple(c for c in self.contacts if c.id not in taken)


def load_page(register: Register) -> ZiPage:
    return ZiPage(register.zi.members(), register.zi.contacts(), register.meetings.zi_meetings())


def _table(model: QAbstractItemModel, widths: tuple[int, ...]) -> QTableView:
    table = record_table(model, sortable=False)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


class ZiView(QWidget):
    """Members with add, edit and remove; the ZI's meetings with new and open."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._page = ZiPage((), (), ())
        self.members_model: RecordTableModel[ZiMemberView] = RecordTableModel(MEMBER_COLUMNS)
        self.members_table = _table(self.members_model, MEMBER_WIDTHS)
        self.members_table.setAccessibleName("Członkowie zespołu")
        self.members_notice = EmptyNotice(self.members_table)
        self.chair_label = QLabel()
        self.chair_label.setStyleSheet(f"color: {WARNING};")
        self.add_button = QPushButton("&Dodaj członka…")
        self.edit_button = QPushButton("&Edytuj…")
        self.remove_button = QPushButton("&Usuń z zespołu")
        self.meetings_model: RecordTableModel[MeetingRow] = RecordTableModel(MEETING_COLUMNS)
        self.meetings_table = _table(self.meetings_model, MEETING_WIDTHS)
        self.meetings_table.setAccessibleName("Posiedzenia ZI")
        self.meetings_notice = EmptyNotice(self.meetings_table)
        self.meetings_notice.set_text(NO_MEETINGS)
        self.new_meeting_button = QPushButton("&Nowe posiedzenie ZI…")
        self.new_meeting_button.setToolTip("Nowe posiedzenie ZI (Ctrl+N)")
        self.open_button = QPushButton("&Otwórz…")
        self._build_layout()
        self._connect_signals()
        self._update_buttons()
        self.reload()

    def _build_layout(self) -> None:
        member_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            member_buttons.addWidget(button)
        member_buttons.addStretch(1)
        members = QGroupBox("Członkowie Zespołu Interdyscyplinarnego")
        members_layout = QVBoxLayout(members)
        members_layout.addWidget(self.members_table, 1)
        members_layout.addWidget(self.chair_label)
        members_layout.addLayout(member_buttons)

        meeting_buttons = QHBoxLayout()
        meeting_buttons.addWidget(self.new_meeting_button)
        meeting_buttons.addWidget(self.open_button)
        meeting_buttons.addStretch(1)
        meetings = QGroupBox("Posiedzenia zespołu")
        meetings_layout = QVBoxLayout(meetings)
        meetings_layout.addWidget(self.meetings_table, 1)
        meetings_layout.addLayout(meeting_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(members, 1)
        layout.addWidget(meetings, 1)
        chain = [
            self.members_table,
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.meetings_table,
            self.new_meeting_button,
            self.open_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self._edit_member)
        self.remove_button.clicked.connect(self._remove_member)
        self.new_meeting_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self._open_meeting)
        self.members_table.doubleClicked.connect(self._edit_member)
        self.meetings_table.doubleClicked.connect(self._open_meeting)
        for table in (self.members_table, self.meetings_table):
            table.selectionModel().selectionChanged.connect(self._update_buttons)
            table.model().modelReset.connect(self._update_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add_shortcut(self.members_table, QKeySequence(key), self._edit_member)
            add_shortcut(self.meetings_table, QKeySequence(key), self._open_meeting)
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        add_shortcut(self.members_table, delete, self._remove_member)
        self._context.changed.connect(self._on_changed)

    # --- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        self._context.ops.query(self, load_page, self._show)

    def _show(self, page: ZiPage) -> None:
        member, meeting = self._selected_member(), self._selected_meeting()
        self._page = page
        self.members_model.set_rows(page.members)
        self.meetings_model.set_rows(page.meetings)
        self.members_notice.set_text(NO_MEMBERS if page.contacts else NO_CONTACTS)
        has_chair = any(m.is_chair for m in page.members)
        self.chair_label.setText(NO_CHAIR if page.members and not has_chair else "")
        self.chair_label.setVisible(bool(self.chair_label.text()))
        if member is not None:
            _select(self.members_table, [m.id for m in page.members], member.id)
        if meeting is not None:
            _select(self.meetings_table, [r.id for r in page.meetings], meeting.id)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.MEETING) or changes.touches(Entity.INSTITUTION):
            self.reload()

    def _selected_member(self) -> ZiMemberView | None:
        return selected_row(self.members_table, self.members_model)

    def _selected_meeting(self) -> MeetingRow | None:
        return selected_row(self.meetings_table, self.meetings_model)

    def _update_buttons(self) -> None:
        member = self._selected_member() is not None
        self.edit_button.setEnabled(member)
        self.remove_button.setEnabled(member)
        self.open_button.setEnabled(self._selected_meeting() is not None)

    # --- members ---------------------------------------------------------------------

    def add_member(self) -> None:
        ZiMemberDialog(self._context, self._page.addable(), parent=self).exec()

    def _edit_member(self) -> None:
        member = self._selected_member()
        if member is not None:
            ZiMemberDialog(self._context, (), member, self).exec()

    def _remove_member(self) -> None:
        member = self._selected_member()
        if member is None or not confirm(
            self,
            "Usuń z zespołu",
            f"Usunąć {member.contact.name} z Zespołu Interdyscyplinarnego?\n\n"
            "Osoba zostaje w katalogu instytucji, a zapisane posiedzenia zachowują jej udział.",
        ):
            return
        member_id = member.id
        self._context.ops.write(self, lambda register: register.zi.remove_member(member_id))

    # --- meetings --------------------------------------------------------------------

    def new_meeting(self) -> None:
        """Public so the main window's Ctrl+N opens it on this page."""
        new_meeting(self._context, self, MeetingKind.ZI)

    def _open_meeting(self) -> None:
        meeting = self._selected_meeting()
        if meeting is not None:
            open_meeting(self._context, self, meeting.id)


def _select(table: QTableView, ids: list[int], wanted: int) -> None:
    """Select the record `wanted` again after a reload, if it is still listed."""
    if wanted in ids:
        table.selectRow(ids.index(wanted))
