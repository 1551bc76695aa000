"""The "Osoby" tab against a real encrypted database: one person in two procedures.

Anna Próbna is a victim with a do-not-disclose (shelter) address in procedure A. Adding
her to procedure B, editing her there and deleting her from the register must keep her
one record, never wipe the address A recorded, and leave a trace in every chronology.
"""

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.enums import AddressKind, Role
from app.services.records import AddressData, ParticipantData, PersonData
from tests.qt_questions import answer_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.context import AppContext
from ui.participant_dialog import ParticipantDialog
from ui.people_tab import PeopleTab, PersonPickerDialog
from ui.procedure_window import ProcedureWindow

SHELTER = AddressData(
    AddressKind.RESIDENCE, "ul. Schronienia-Demo 1", "00-950", "Przykładowo", do_not_disclose=True
)
REGISTER_DELETION = "Usunięto osobę z rejestru"

D = TypeVar("D", bound=QDialog)


@dataclass
class Register:
    procedure_a: int
    procedure_b: int
    person_id: int


@pytest.fixture(autouse=True)
def errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """Errors the widgets would show; a modal error box would otherwise hang the test."""
    shown: list[BaseException] = []
    # ui.errors: the participant dialog reports through show_save_error, which lives there.
    for module in ("ui.people_tab", "ui.errors", "ui.procedure_window"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, exc: shown.append(exc))
    yield shown
    assert shown == []


@pytest.fixture
def register(ui_context: AppContext) -> Register:
    """Anna Próbna, a victim with a shelter address in A; B starts empty."""
    procedures, participants = ui_context.procedures, ui_context.participants
    a = procedures.create(TODAY - dt.timedelta(days=30)).record_id
    b = procedures.create(TODAY - dt.timedelta(days=3)).record_id
    assert a is not None and b is not None
    victim = PersonData("Anna", "Próbna", addresses=[SHELTER])
    participants.save(a, ParticipantData(victim, Role.VICTIM))
    person_id = procedures.get(a).participations[0].person_id
    return Register(a, b, person_id)


def _add_to_b_as_household_member(ui_context: AppContext, register: Register) -> None:
    ui_context.participants.save(
        register.procedure_b,
        ParticipantData(PersonData("Anna", "Próbna"), Role.HOUSEHOLD_MEMBER),
        person_id=register.person_id,
    )


def _window(qtbot: QtBot, ui_context: AppContext, procedure_id: int) -> ProcedureWindow:
    """A real procedure window, which reloads its people tab after each change.

    The caller keeps the window referenced: a parentless widget dies with its wrapper.
    """
    window = ProcedureWindow(ui_context, procedure_id)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.people_tab)
    return window


def _when_shown(dialog_type: type[D], act: Callable[[D], None]) -> None:
    """Run `act` on the next visible dialog of `dialog_type` once its exec() has started.

    A dialog `act` leaves open (e.g. after a failed assertion) is rejected, so the
    code under test returns and the test fails instead of hanging.
    """
    deadline = time.monotonic() + 10

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, dialog_type) and widget.isVisible():
                try:
                    act(widget)
                finally:
                    if widget.isVisible():
                        widget.reject()
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def _select(tab: PeopleTab, role: Role) -> None:
    rows = tab.model.rows()
    index = next(i for i, part in enumerate(rows) if Role(part.role) == role)
    tab.table.selectRow(index)


def _stored_address(ui_context: AppContext) -> list[tuple[Any, ...]]:
    (person,) = ui_context.participants.find_people("probna")
    return [
        (AddressKind(a.kind), a.street, a.postal_code, a.city, a.do_not_disclose)
        for a in person.addresses
    ]


SHELTER_ROW = [
    (SHELTER.kind, SHELTER.street, SHELTER.postal_code, SHELTER.city, SHELTER.do_not_disclose)
]


def test_add_existing_person_from_register_keeps_one_record_and_her_address(
    qtbot: QtBot, ui_context: AppContext, register: Register
) -> None:
    window = _window(qtbot, ui_context, register.procedure_b)
    tab = window.people_tab
    seen: dict[str, Any] = {}

    def pick(picker: PersonPickerDialog) -> None:
        type_text(picker.search_edit, "probna")
        qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
        picker.table.selectRow(0)
        choose = next(b for b in picker.findChildren(QPushButton) if b.text() == "Wybierz")
        qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)

    def fill(dialog: ParticipantDialog) -> None:
        seen["first_name"] = dialog.first_name_edit.text()
        seen["last_name"] = dialog.last_name_edit.text()
        seen["addresses"] = dialog.address_model.rows()
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.HOUSEHOLD_MEMBER))
        seen["address_table_enabled"] = dialog.address_table.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error_label.text()

    _when_shown(PersonPickerDialog, pick)
    _when_shown(ParticipantDialog, fill)
    qtbot.mouseClick(tab.add_existing_button, Qt.MouseButton.LeftButton)

    assert seen["first_name"] == "Anna" and seen["last_name"] == "Próbna"
    assert seen["addresses"] == [SHELTER]
    assert seen["address_table_enabled"], "she is a victim in A, so her address stays editable"
    assert not seen["error"]
    parts_b = ui_context.procedures.get(register.procedure_b).participations
    assert [(p.person_id, Role(p.role)) for p in parts_b] == [
        (register.person_id, Role.HOUSEHOLD_MEMBER)
    ]
    assert [Role(p.role) for p in tab.model.rows()] == [Role.HOUSEHOLD_MEMBER]
    (person,) = ui_context.participants.find_people("probna")
    assert person.id == register.person_id
    assert _stored_address(ui_context) == SHELTER_ROW


def test_editing_her_household_role_without_changes_keeps_the_address(
    qtbot: QtBot, ui_context: AppContext, register: Register
) -> None:
    _add_to_b_as_household_member(ui_context, register)
    window = _window(qtbot, ui_context, register.procedure_b)
    tab = window.people_tab
    seen: dict[str, Any] = {}

    def save_unchanged(dialog: ParticipantDialog) -> None:
        seen["role"] = dialog.role()
        seen["address_table_enabled"] = dialog.address_table.isEnabled()
        seen["addresses"] = dialog.address_model.rows()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error_label.text()

    _select(tab, Role.HOUSEHOLD_MEMBER)
    _when_shown(ParticipantDialog, save_unchanged)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)

    assert seen["role"] == Role.HOUSEHOLD_MEMBER
    assert seen["address_table_enabled"]
    assert seen["addresses"] == [SHELTER]
    assert not seen["error"]
    assert _stored_address(ui_context) == SHELTER_ROW
    roles = {Role(p.role) for p in ui_context.participants.find_people("probna")[0].participations}
    assert roles == {Role.VICTIM, Role.HOUSEHOLD_MEMBER}


def test_delete_person_from_register_asks_then_removes_her_from_every_procedure(
    qtbot: QtBot, ui_context: AppContext, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_to_b_as_household_member(ui_context, register)
    window = _window(qtbot, ui_context, register.procedure_b)
    tab = window.people_tab
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    def chronology_hits(procedure_id: int) -> list[str]:
        entries = ui_context.procedures.get(procedure_id).chronology
        return [e.title for e in entries if REGISTER_DELETION in e.title]

    _select(tab, Role.HOUSEHOLD_MEMBER)
    qtbot.mouseClick(tab.delete_person_button, Qt.MouseButton.LeftButton)
    (asked,) = questions.asked
    assert "Anna Próbna" in asked.text
    assert "wszystkich procedur" in asked.text and "chronologii" in asked.text
    assert asked.default == QMessageBox.StandardButton.No
    assert len(ui_context.procedures.get(register.procedure_a).participations) == 1
    assert len(ui_context.procedures.get(register.procedure_b).participations) == 1
    assert chronology_hits(register.procedure_a) == chronology_hits(register.procedure_b) == []
    assert _stored_address(ui_context) == SHELTER_ROW

    questions.answer = QMessageBox.StandardButton.Yes
    _select(tab, Role.HOUSEHOLD_MEMBER)
    qtbot.mouseClick(tab.delete_person_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 2
    for procedure_id in (register.procedure_a, register.procedure_b):
        assert ui_context.procedures.get(procedure_id).participations == []
        assert chronology_hits(procedure_id) == [f"{REGISTER_DELETION}: Anna Próbna"]
    assert ui_context.participants.find_people("probna") == []
    assert tab.model.rowCount() == 0, "the open window reloads after the deletion"
    assert not tab.delete_person_button.isEnabled()


def test_row_buttons_are_enabled_only_with_a_selected_row(
    qtbot: QtBot, ui_context: AppContext, register: Register
) -> None:
    window = _window(qtbot, ui_context, register.procedure_a)
    tab = window.people_tab
    row_buttons = (tab.edit_button, tab.remove_button, tab.delete_person_button)
    assert tab.model.rowCount() == 1
    assert not any(b.isEnabled() for b in row_buttons)
    assert tab.add_button.isEnabled() and tab.add_existing_button.isEnabled()
    tab.table.selectRow(0)
    assert all(b.isEnabled() for b in row_buttons)
    tab.table.clearSelection()
    assert not any(b.isEnabled() for b in row_buttons)
    tab.table.selectRow(0)
    tab.set_procedure(ui_context.procedures.get(register.procedure_a))
    assert not any(b.isEnabled() for b in row_buttons), "a reload drops the selection"
