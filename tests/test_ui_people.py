"""The "Osoby" tab against a real encrypted database: one person in two procedures.

Anna Próbna is a victim with a do-not-disclose (shelter) address in procedure A. Adding
her to procedure B, editing her there and deleting her from the register must keep her
one record, never wipe the address A recorded, and leave a trace in every chronology.
The procedure window around the tab keeps refused input in its forms and reloads only
for notices about its own procedure.
"""

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.enums import AddressKind, ClosureGround, Role
from app.services.records import AddressData, ParticipantData, PersonData
from app.services.views import ProcedureDetail
from tests.qt_questions import answer_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.closure_dialog import ClosureDialog
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


pytestmark = pytest.mark.usefixtures("no_error_shown")


@pytest.fixture
def register(ui_context: AppContext) -> Register:
    """Anna Próbna, a victim with a shelter address in A; B starts empty."""
    procedures, participants = ui_context.register.procedures, ui_context.register.participants
    a = procedures.create(TODAY - dt.timedelta(days=30)).record_id
    b = procedures.create(TODAY - dt.timedelta(days=3)).record_id
    assert a is not None and b is not None
    victim = PersonData("Anna", "Próbna", addresses=[SHELTER])
    participants.save(a, ParticipantData(victim, Role.VICTIM))
    person_id = procedures.detail(a).participants[0].person.id
    return Register(a, b, person_id)


def _add_to_b_as_household_member(ui_context: AppContext, register: Register) -> None:
    ui_context.register.participants.save(
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
                        widget.done(
                            0
                        )  # left open by a failed step: closed without the save question
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def _select(tab: PeopleTab, role: Role) -> None:
    rows = tab.model.rows()
    index = next(i for i, part in enumerate(rows) if part.role == role)
    tab.table.selectRow(index)


def _stored_address(ui_context: AppContext) -> list[tuple[Any, ...]]:
    participants = ui_context.register.participants
    (person,) = participants.find_people("probna")
    return [
        (AddressKind(a.kind), a.street, a.postal_code, a.city, a.do_not_disclose)
        for a in participants.reveal_protected(person.id).addresses
    ]


SHELTER_ROW = [
    (SHELTER.kind, SHELTER.street, SHELTER.postal_code, SHELTER.city, SHELTER.do_not_disclose)
]
# How the dialog holds her shelter address until „Pokaż”: kind and mark, no text.
MASKED_SHELTER = AddressData(AddressKind.RESIDENCE, do_not_disclose=True)


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
    assert seen["addresses"] == [MASKED_SHELTER]
    assert seen["address_table_enabled"], "she is a victim in A, so her address stays editable"
    assert not seen["error"]
    parts_b = ui_context.register.procedures.detail(register.procedure_b).participants
    assert [(p.person.id, p.role) for p in parts_b] == [(register.person_id, Role.HOUSEHOLD_MEMBER)]
    assert [p.role for p in tab.model.rows()] == [Role.HOUSEHOLD_MEMBER]
    (person,) = ui_context.register.participants.find_people("probna")
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
    assert seen["addresses"] == [MASKED_SHELTER]
    assert not seen["error"]
    assert _stored_address(ui_context) == SHELTER_ROW
    (person,) = ui_context.register.participants.find_people("probna")
    assert person.roles == {Role.VICTIM, Role.HOUSEHOLD_MEMBER}


def test_delete_person_from_register_asks_then_removes_her_from_every_procedure(
    qtbot: QtBot, ui_context: AppContext, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_to_b_as_household_member(ui_context, register)
    window = _window(qtbot, ui_context, register.procedure_b)
    tab = window.people_tab
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)

    def chronology_hits(procedure_id: int) -> list[str]:
        entries = ui_context.register.procedures.detail(procedure_id).chronology
        return [e.title for e in entries if REGISTER_DELETION in e.title]

    _select(tab, Role.HOUSEHOLD_MEMBER)
    qtbot.mouseClick(tab.delete_person_button, Qt.MouseButton.LeftButton)
    (asked,) = questions.asked
    assert "Anna Próbna" in asked.text
    assert "wszystkich procedur" in asked.text and "chronologii" in asked.text
    assert asked.default == QMessageBox.StandardButton.No
    assert len(ui_context.register.procedures.detail(register.procedure_a).participants) == 1
    assert len(ui_context.register.procedures.detail(register.procedure_b).participants) == 1
    assert chronology_hits(register.procedure_a) == chronology_hits(register.procedure_b) == []
    assert _stored_address(ui_context) == SHELTER_ROW

    questions.answer = QMessageBox.StandardButton.Yes
    _select(tab, Role.HOUSEHOLD_MEMBER)
    qtbot.mouseClick(tab.delete_person_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 2
    for procedure_id in (register.procedure_a, register.procedure_b):
        assert ui_context.register.procedures.detail(procedure_id).participants == ()
        assert chronology_hits(procedure_id) == [f"{REGISTER_DELETION}: Anna Próbna"]
    assert ui_context.register.participants.find_people("probna") == []
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
    tab.set_procedure(ui_context.register.procedures.detail(register.procedure_a))
    assert not any(b.isEnabled() for b in row_buttons), "a reload drops the selection"


def test_a_save_in_another_procedure_leaves_this_window_as_it_is(
    qtbot: QtBot, ui_context: AppContext, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Window A is not reloaded for a notice about B, so notes typed in A are not lost."""
    window_a = _window(qtbot, ui_context, register.procedure_a)
    window_b = _window(qtbot, ui_context, register.procedure_b)
    service = ui_context.register.procedures
    loaded: list[int] = []
    load = service.detail

    def counting_detail(procedure_id: int) -> ProcedureDetail:
        loaded.append(procedure_id)
        return load(procedure_id)

    monkeypatch.setattr(service, "detail", counting_detail)
    type_text(window_a.data_tab.notes_edit, "Niezapisana notatka w A")
    type_text(window_b.data_tab.notes_edit, "Notatka w B")
    qtbot.mouseClick(window_b.data_tab.save_button, Qt.MouseButton.LeftButton)

    assert loaded == [register.procedure_b], "only the window of B reloads"
    assert window_a.data_tab.notes_edit.toPlainText() == "Niezapisana notatka w A"
    assert window_b.data_tab.notes_edit.toPlainText() == "Notatka w B"
    assert load(register.procedure_b).notes == "Notatka w B"
    assert load(register.procedure_a).notes == ""


def test_a_refused_person_keeps_the_dialog_open_with_what_was_typed(
    qtbot: QtBot, ui_context: AppContext, register: Register
) -> None:
    window = _window(qtbot, ui_context, register.procedure_b)
    seen: dict[str, Any] = {}

    def save_without_first_name(dialog: ParticipantDialog) -> None:
        type_text(dialog.last_name_edit, "Łąkowska")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error_label.text()
        seen["open"] = dialog.isVisible()
        seen["typed"] = dialog.last_name_edit.text()
        seen["focus"] = dialog.focusWidget() is dialog.first_name_edit
        seen["save again"] = dialog.save_button.isEnabled()

    _when_shown(ParticipantDialog, save_without_first_name)
    qtbot.mouseClick(window.people_tab.add_button, Qt.MouseButton.LeftButton)

    assert seen == {
        "error": "Podaj imię.",
        "open": True,
        "typed": "Łąkowska",
        "focus": True,
        "save again": True,
    }
    assert window.people_tab.model.rowCount() == 0


def test_closing_is_refused_inline_then_done_and_undone_in_the_window(
    qtbot: QtBot, ui_context: AppContext, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_context, register.procedure_b)
    window.tabs.setCurrentWidget(window.data_tab)
    tab = window.data_tab
    seen: dict[str, Any] = {}

    def close_too_early_then_today(dialog: ClosureDialog) -> None:
        dialog.date_edit.set_value(TODAY - dt.timedelta(days=10))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error_label.text()
        seen["open"] = dialog.isVisible()
        dialog.date_edit.set_value(TODAY)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["open after"] = dialog.isVisible()

    _when_shown(ClosureDialog, close_too_early_then_today)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)

    assert seen == {
        "error": "Data zakończenia nie może być wcześniejsza niż data wszczęcia.",
        "open": True,
        "open after": False,
    }
    first_ground = next(iter(ClosureGround))  # what the dialog offers first
    assert "Zakończona 30.11.2026." in tab.closure_label.text()
    assert f"Podstawa: {first_ground.label}." in tab.closure_label.text()
    assert tab.reopen_button.isVisible() and not tab.close_button.isVisible()

    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    assert tab.closure_label.text() == "Procedura jest w toku."
    assert tab.close_button.isVisible() and not tab.reopen_button.isVisible()
