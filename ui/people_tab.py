"""The "Osoby" tab of a procedure: who is in it and in which role.

A protected address is listed as „adres chroniony — pokaż”; „Pokaż adres” (button or
context menu) fetches its text for one person, shown until the tab is reloaded or the
program is locked.
"""

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Role
from app.domain.protected_data import shown_address
from app.services import search_text
from app.services.views import (
    AddressView,
    ParticipantView,
    PersonView,
    ProcedureDetail,
    RevealedData,
)
from ui.context import AppContext
from ui.empty_notice import EmptyNotice, quoted
from ui.operations import LatestOnly
from ui.participant_dialog import ParticipantDialog
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import confirm, dialog_buttons, record_table

REVEAL_HINT = " — pokaż"
REVEALED_MARK = "[nie ujawniać] "


def _listed_address(address: AddressView) -> str:
    """A revealed protected address keeps its mark, so nobody reads it out by mistake."""
    text = shown_address(address)
    return REVEALED_MARK + text if address.do_not_disclose and not address.withheld else text


def _addresses_cell(part: ParticipantView) -> str:
    person = part.person
    listed = "; ".join(_listed_address(a) for a in person.addresses)
    return listed + REVEAL_HINT if person.address_protected else listed


PEOPLE_COLUMNS: list[Column[ParticipantView]] = [
    Column("Nazwisko i imię", lambda p: p.person.name),
    Column("Rola", lambda p: p.role.label),
    Column("PESEL", lambda p: p.person.pesel or ""),
    Column("Data urodzenia", lambda p: p.person.birth_date),
    Column("Adres", _addresses_cell, muted=lambda p: p.person.address_protected),
]
PICKER_COLUMNS: list[Column[PersonView]] = [
    Column("Nazwisko i imię", lambda p: p.name),
    Column("PESEL", lambda p: p.pesel or ""),
    Column("Data urodzenia", lambda p: p.birth_date),
]


def _table(model: RecordTableModel) -> QTableView:  # type: ignore[type-arg]
    """Both lists of people: columns as wide as their contents."""
    return record_table(model, resize_mode=QHeaderView.ResizeMode.ResizeToContents)


class PersonPickerDialog(QDialog):
    """Finds a person already in the register (e.g. in an earlier procedure)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._latest = LatestOnly()
        self._choose_first = False
        self.setWindowTitle("Wybierz osobę z rejestru")
        layout = QVBoxLayout(self)
        self.search_edit = QLineEdit()
        self.search_edit.setMaxLength(search_text.MAX_QUERY_CHARS)
        self.search_edit.setPlaceholderText("Imię, nazwisko lub PESEL…")
        layout.addWidget(self.search_edit)
        self.model: RecordTableModel[PersonView] = RecordTableModel(PICKER_COLUMNS)
        self.table = _table(self.model)
        self.empty_notice = EmptyNotice(self.table)
        layout.addWidget(self.table)
        buttons, _ = dialog_buttons("Wybierz")
        for button in buttons.buttons():  # Enter in the search box searches, then chooses
            button.setAutoDefault(False)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self.search_edit.textChanged.connect(self._timer.start)
        self.search_edit.returnPressed.connect(self._choose_first_result)
        self._timer.timeout.connect(self._search)
        self.table.activated.connect(lambda _i: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.resize(560, 420)

    def _search(self) -> None:
        """Off the GUI thread; a slower earlier search never replaces a newer result."""
        text = self.search_edit.text()

        def show(people: list[PersonView]) -> None:
            self.model.set_rows(people)
            self.empty_notice.set_text(
                f"Nie znaleziono osób dla {quoted(text)}." if text.strip() else ""
            )
            if self._choose_first and people:
                self.table.selectRow(0)
                self.accept()
            self._choose_first = False

        self._context.ops.query(
            self, lambda reg: reg.participants.find_people(text), self._latest.wrap(show)
        )

    def _choose_first_result(self) -> None:
        """Enter in the search box: search now, then take the first person found."""
        self._timer.stop()
        self._choose_first = True
        self._search()

    def selected(self) -> PersonView | None:
        return selected_row(self.table, self.model)


class PeopleTab(QWidget):
    """People in one procedure; the tab never reloads itself, the procedure window does."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._shown = 0  # bumped whenever revealed text must go: a late reveal is dropped
        layout = QVBoxLayout(self)
        self.model: RecordTableModel[ParticipantView] = RecordTableModel(PEOPLE_COLUMNS)
        self.table = _table(self.model)
        self.reveal_action = QAction("Pokaż adres", self)
        self.table.addAction(self.reveal_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Dodaj &osobę…")
        self.add_existing_button = QPushButton("Dodaj osobę z &rejestru…")
        self.edit_button = QPushButton("&Edytuj…")
        self.remove_button = QPushButton("Usuń z &procedury…")
        self.reveal_button = QPushButton("Pokaż &adres")
        self.reveal_button.setToolTip("Pokazuje adres oznaczony „nie ujawniać” wybranej osoby.")
        # No mnemonic: deleting from the whole register must never be one keystroke away.
        self.delete_person_button = QPushButton("Usuń osobę z rejestru…")
        self.delete_person_button.setToolTip(
            "Usuwa osobę ze wszystkich procedur, w których występuje, i ukrywa jej dane."
        )
        for button in (
            self.add_button,
            self.add_existing_button,
            self.edit_button,
            self.remove_button,
            self.reveal_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.summary_label = QLabel()
        buttons.addWidget(self.summary_label)
        buttons.addSpacing(24)
        buttons.addWidget(self.delete_person_button)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add)
        self.add_existing_button.clicked.connect(self._add_existing)
        self.edit_button.clicked.connect(self._edit)
        self.table.activated.connect(lambda _i: self._edit())
        self.remove_button.clicked.connect(self._remove)
        self.delete_person_button.clicked.connect(self._delete_person)
        self.reveal_button.clicked.connect(self._reveal)
        self.reveal_action.triggered.connect(self._reveal)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.locking.connect(self._mask_again)
        self._update_buttons()

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        self._procedure = procedure
        self._shown += 1
        self.model.set_rows(procedure.participants)
        self.summary_label.setText(
            f"doznające: {len(procedure.people_in(Role.VICTIM))}, "
            f"stosujące: {len(procedure.people_in(Role.PERPETRATOR))}, "
            f"inne: {len(procedure.people_in(Role.HOUSEHOLD_MEMBER))}"
        )
        # A model reset drops the selection without emitting selectionChanged.
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Row actions make sense only with a row selected."""
        part = self._selected()
        for button in (self.edit_button, self.remove_button, self.delete_person_button):
            button.setEnabled(part is not None)
        protected = part is not None and part.person.address_protected
        self.reveal_button.setEnabled(protected)
        self.reveal_action.setEnabled(protected)

    def _reveal(self) -> None:
        """Fetch the selected person's protected address off the GUI thread."""
        part = self._selected()
        if part is None or not part.person.address_protected:
            return
        person_id, shown = part.person.id, self._shown
        self._context.ops.query(
            self,
            lambda reg: reg.participants.reveal_protected(person_id),
            lambda data: self._show_revealed(data, shown),
        )

    def _show_revealed(self, data: RevealedData, shown: int) -> None:
        """Every row of the person shows it (one person may hold two roles here)."""
        if shown != self._shown:
            return  # the tab was reloaded or the program locked meanwhile
        self.model.replace_rows(
            lambda p: (
                replace(p, person=p.person.revealed(data)) if p.person.id == data.person_id else p
            )
        )
        self._update_buttons()

    def _mask_again(self) -> None:
        """On locking: back to the rows as loaded, with every protected address masked."""
        self._shown += 1
        if self._procedure is None:
            return
        loaded = {p.id: p for p in self._procedure.participants}
        self.model.replace_rows(lambda p: loaded[p.id])
        self._update_buttons()

    def _selected(self) -> ParticipantView | None:
        return selected_row(self.table, self.model)

    def _add(self) -> None:
        assert self._procedure is not None
        ParticipantDialog(self._context, self._procedure.id, parent=self).exec()

    def _add_existing(self) -> None:
        assert self._procedure is not None
        picker = PersonPickerDialog(self._context, self)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.selected() is None:
            return
        ParticipantDialog(
            self._context, self._procedure.id, existing_person=picker.selected(), parent=self
        ).exec()

    def _edit(self) -> None:
        """The form gets the row as loaded (masked): a reveal made in the list does not
        carry into it, so its own lock handling can always mask again."""
        part = self._selected()
        if part is None or self._procedure is None:
            return
        loaded = {p.id: p for p in self._procedure.participants}.get(part.id, part)
        ParticipantDialog(self._context, self._procedure.id, loaded, parent=self).exec()

    def _remove(self) -> None:
        part = self._selected()
        if part is None:
            return
        name = f"{part.person.first_name} {part.person.last_name}"
        if not confirm(
            self,
            "Usunięcie osoby z procedury",
            f"Czy na pewno usunąć osobę {name} ({part.role.label}) z tej procedury?\n\n"
            "Zdarzenie zostanie zapisane w chronologii.",
        ):
            return
        participation_id = part.id
        self._context.ops.write(self, lambda reg: reg.participants.remove(participation_id))

    def _delete_person(self) -> None:
        """Delete the person from the register, i.e. from every procedure, after a warning."""
        part = self._selected()
        if part is None:
            return
        name = f"{part.person.first_name} {part.person.last_name}"
        if not confirm(
            self,
            "Usunięcie osoby z rejestru",
            f"Czy na pewno usunąć osobę {name} z rejestru?\n\n"
            "Osoba zostanie usunięta ze wszystkich procedur, w których występuje "
            "(nie tylko z tej), a jej dane przestaną być widoczne w programie. "
            "Zdarzenie zostanie zapisane w chronologii każdej z tych procedur.",
        ):
            return
        person_id = part.person.id
        self._context.ops.write(self, lambda reg: reg.participants.delete_person(person_id))
