"""Addresses and contacts marked „nie ujawniać” never reach a screen unless asked for.

Anna Próbna, a victim, stays in a shelter: that address and her phone are protected,
her registered address is not. Every list and view shows „adres chroniony” in place of
the shelter; „Pokaż adres” / „Pokaż” fetch it for her alone, shown until the view is
reloaded or the program locked. A save without a reveal keeps what is stored; the JSON
exchange file, a full backup, carries everything.
"""

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import AddressKind, ContactKind, Role
from app.domain.protected_data import MASKED_ADDRESS, MASKED_CONTACT
from app.errors import NotFoundError
from app.sample_data import demo
from app.services.procedures import ProcedureQuery
from app.services.records import AddressData, ContactData, ParticipantData, PersonData
from app.services.register import Register
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF, PASSWORD
from tests.qt_typing import type_text
from tests.support.cli import run_cli
from tests.support.clock import CLOCK, TODAY
from tests.support.registers import copy_register
from ui.context import AppContext
from ui.lock import LockController
from ui.main_window import MainWindow
from ui.participant_dialog import ParticipantDialog
from ui.people_tab import PeopleTab, PersonPickerDialog
from ui.procedure_window import ProcedureWindow

SHELTER = AddressData(
    AddressKind.STAY, "ul. Schronienia-Demo 1", "00-950", "Ukrytowo", do_not_disclose=True
)
REGISTERED = AddressData(AddressKind.RESIDENCE, "ul. Jawna 5", "00-001", "Przykładowo")
SECRET_PHONE = ContactData(ContactKind.PHONE, "600 700 800", do_not_disclose=True)
SECRETS = ("Schronienia", "00-950", "Ukrytowo", "600 700 800")
MASKED_CELL = "ul. Jawna 5, 00-001 Przykładowo; adres chroniony — pokaż"
TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    Qt.ItemDataRole.UserRole,
)


@dataclass
class Anna:
    procedure_id: int
    person_id: int


pytestmark = pytest.mark.usefixtures("no_error_shown")


@pytest.fixture
def anna(ui_context: AppContext) -> Anna:
    register = ui_context.register
    procedure_id = register.procedures.create(TODAY - dt.timedelta(days=10)).record_id
    assert procedure_id is not None
    person = PersonData("Anna", "Próbna", addresses=[REGISTERED, SHELTER], contacts=[SECRET_PHONE])
    register.participants.save(procedure_id, ParticipantData(person, Role.VICTIM))
    (part,) = register.procedures.detail(procedure_id).participants
    return Anna(procedure_id, part.person.id)


def _model_text(model: QAbstractItemModel) -> list[str]:
    """Every string the model hands out, in any role a view or a screen reader asks for."""
    found = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            found += [v for r in TEXT_ROLES if isinstance(v := model.data(index, r), str)]
    return found


def screen_text(root: QWidget) -> str:
    """All text of a window: titles, labels, fields, buttons, tooltips and every list."""
    found = [root.windowTitle(), root.toolTip()]
    for view in root.findChildren(QAbstractItemView):
        found += _model_text(view.model())
    for widget in root.findChildren(QWidget):
        found.append(widget.toolTip())
        text = getattr(widget, "text", None)
        if callable(text) and isinstance(value := text(), str):
            found.append(value)
    return "\n".join(found)


def _keep(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _procedure_window(qtbot: QtBot, context: AppContext, anna: Anna) -> QWidget:
    window = ProcedureWindow(context, anna.procedure_id)
    window.tabs.setCurrentWidget(window.people_tab)
    return _keep(qtbot, window)


def _person_dialog(qtbot: QtBot, context: AppContext, anna: Anna) -> QWidget:
    (part,) = context.register.procedures.detail(anna.procedure_id).participants
    return _keep(qtbot, ParticipantDialog(context, anna.procedure_id, part))


def _dialog_for_person_from_register(qtbot: QtBot, context: AppContext, anna: Anna) -> QWidget:
    other = context.register.procedures.create(TODAY).record_id
    assert other is not None
    (person,) = context.register.participants.find_people("probna")
    return _keep(qtbot, ParticipantDialog(context, other, existing_person=person))


def _person_picker(qtbot: QtBot, context: AppContext, anna: Anna) -> QWidget:
    picker = PersonPickerDialog(context)
    _keep(qtbot, picker)
    type_text(picker.search_edit, "probna")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    return picker


def _procedures_list(qtbot: QtBot, context: AppContext, anna: Anna) -> QWidget:
    window = MainWindow(context)
    _keep(qtbot, window)
    type_text(window.procedures_view.search_edit, "probna")
    qtbot.waitUntil(lambda: window.procedures_view.model.rowCount() == 1)
    return window


OpenView = Callable[[QtBot, AppContext, Anna], QWidget]


@pytest.mark.parametrize(
    ("open_view", "masked"),
    [
        pytest.param(_procedure_window, [MASKED_CELL], id="procedure window, people tab"),
        pytest.param(_person_dialog, [MASKED_ADDRESS, MASKED_CONTACT], id="person dialog"),
        pytest.param(
            _dialog_for_person_from_register,
            [MASKED_ADDRESS, MASKED_CONTACT],
            id="person from the register",
        ),
        pytest.param(_person_picker, [], id="person picker"),
        pytest.param(_procedures_list, [], id="procedures list"),
    ],
)
def test_no_view_shows_the_protected_address_or_contact(
    qtbot: QtBot, ui_context: AppContext, anna: Anna, open_view: OpenView, masked: list[str]
) -> None:
    view = open_view(qtbot, ui_context, anna)
    shown = screen_text(view)
    for secret in SECRETS:
        assert secret not in shown
    for text in masked:
        assert text in shown
    assert "Anna" in shown


def test_service_views_carry_no_protected_text(ui_context: AppContext, anna: Anna) -> None:
    register = ui_context.register
    (listed,) = register.participants.find_people("probna")
    (part,) = register.procedures.detail(anna.procedure_id).participants
    for person in (listed, part.person):
        assert person.address_protected and person.data_withheld
        assert [(a.street, a.postal_code, a.city, a.withheld) for a in person.addresses] == [
            ("ul. Jawna 5", "00-001", "Przykładowo", False),
            ("", "", "", True),
        ]
        assert [(c.value, c.withheld) for c in person.contacts] == [("", True)]
    row = register.procedures.list(ProcedureQuery(text="probna"))[0]
    assert not any(secret in str(row) for secret in SECRETS)


def test_reveal_hands_out_one_persons_text_in_full(ui_context: AppContext, anna: Anna) -> None:
    participants = ui_context.register.participants
    revealed = participants.reveal_protected(anna.person_id)
    assert revealed.person_id == anna.person_id
    assert [(a.street, a.postal_code, a.city, a.withheld) for a in revealed.addresses] == [
        ("ul. Jawna 5", "00-001", "Przykładowo", False),
        ("ul. Schronienia-Demo 1", "00-950", "Ukrytowo", False),
    ]
    assert [(c.value, c.do_not_disclose) for c in revealed.contacts] == [("600 700 800", True)]
    participants.delete_person(anna.person_id)
    with pytest.raises(NotFoundError):
        participants.reveal_protected(anna.person_id)


def _address_cell(tab: PeopleTab) -> str:
    return str(tab.model.data(tab.model.index(0, 4), Qt.ItemDataRole.DisplayRole))


def test_people_tab_reveals_on_request_until_reloaded_or_locked(
    qtbot: QtBot, ui_context: AppContext, anna: Anna
) -> None:
    main = MainWindow(ui_context)
    _keep(qtbot, main)
    lock = LockController(main, ui_context)
    window = main.open_procedure(anna.procedure_id)
    tab = window.people_tab
    cell = tab.model.index(0, 4)
    assert _address_cell(tab) == MASKED_CELL
    assert tab.model.data(cell, Qt.ItemDataRole.FontRole).italic()
    assert not tab.reveal_button.isEnabled(), "nothing selected yet"

    tab.table.selectRow(0)
    assert tab.reveal_button.isEnabled() and tab.reveal_action in tab.table.actions()
    qtbot.mouseClick(tab.reveal_button, Qt.MouseButton.LeftButton)
    assert _address_cell(tab) == (
        "ul. Jawna 5, 00-001 Przykładowo; [nie ujawniać] ul. Schronienia-Demo 1, 00-950 Ukrytowo"
    )
    assert not isinstance(tab.model.data(cell, Qt.ItemDataRole.FontRole), QFont)
    assert tab.table.selectionModel().selectedRows(), "the row stays selected"
    assert not tab.reveal_button.isEnabled()

    window.reload()
    assert _address_cell(tab) == MASKED_CELL

    tab.table.selectRow(0)
    tab.reveal_action.trigger()
    assert "Schronienia" in _address_cell(tab)
    main.lock_action.trigger()
    assert lock.locked
    assert _address_cell(tab) == MASKED_CELL, "locking masks it again at once"
    assert lock.panel is not None
    lock.panel.password_edit.setText(PASSWORD)
    qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lock.locked)
    assert _address_cell(tab) == MASKED_CELL
    window.close()


def test_enter_on_a_protected_row_still_opens_the_person(
    qtbot: QtBot, ui_context: AppContext, anna: Anna
) -> None:
    window = _procedure_window(qtbot, ui_context, anna)
    assert isinstance(window, ProcedureWindow)
    tab = window.people_tab
    seen: list[str] = []
    deadline = time.monotonic() + 10

    def look_then_close() -> None:
        """Runs inside the dialog's exec(): the Enter key opened it modally."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ParticipantDialog) and widget.isVisible():
                seen.append(screen_text(widget))
                widget.done(0)  # left open by a failed step: closed unasked
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, look_then_close)

    tab.table.selectRow(0)
    tab.reveal_action.trigger()
    assert "Schronienia" in _address_cell(tab), "revealed in the list"
    QTimer.singleShot(0, look_then_close)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    (shown,) = seen
    assert "Próbna" in shown and MASKED_ADDRESS in shown
    assert "Schronienia" not in shown, "the form masks it until its own „Pokaż”"


def _stored(ui_context: AppContext, anna: Anna) -> tuple[list[AddressData], list[ContactData]]:
    revealed = ui_context.register.participants.reveal_protected(anna.person_id)
    return (
        [
            AddressData(AddressKind(a.kind), a.street, a.postal_code, a.city, a.do_not_disclose)
            for a in revealed.addresses
        ],
        [ContactData(ContactKind(c.kind), c.value, c.do_not_disclose) for c in revealed.contacts],
    )


def test_saving_the_person_without_a_reveal_keeps_the_stored_address(
    qtbot: QtBot, ui_context: AppContext, anna: Anna
) -> None:
    dialog = _person_dialog(qtbot, ui_context, anna)
    assert isinstance(dialog, ParticipantDialog)
    assert dialog.reveal_button.isVisible()
    assert not dialog.add_address_button.isEnabled()
    assert not dialog.edit_address_button.isEnabled()
    assert not dialog.remove_contact_button.isEnabled()
    dialog.first_name_edit.setText("Anka")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _stored(ui_context, anna) == ([REGISTERED, SHELTER], [SECRET_PHONE])
    assert ui_context.register.participants.find_people("anka probna")


def test_person_dialog_reveals_for_editing_and_masks_again_on_lock(
    qtbot: QtBot, ui_context: AppContext, anna: Anna
) -> None:
    dialog = _person_dialog(qtbot, ui_context, anna)
    assert isinstance(dialog, ParticipantDialog)
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert dialog.address_model.rows() == [REGISTERED, SHELTER]
    assert dialog.contact_model.rows() == [SECRET_PHONE]
    assert "ul. Schronienia-Demo 1" in screen_text(dialog)
    assert not dialog.reveal_button.isVisible() and dialog.add_address_button.isEnabled()

    ui_context.locking.emit()
    assert all(secret not in screen_text(dialog) for secret in SECRETS)
    assert MASKED_ADDRESS in screen_text(dialog)
    assert not dialog.add_address_button.isEnabled()

    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    dialog.address_table.selectRow(0)
    qtbot.mouseClick(dialog.remove_address_button, Qt.MouseButton.LeftButton)
    ui_context.locking.emit()
    assert dialog.address_model.rows() == [SHELTER], "an edit in progress is kept"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _stored(ui_context, anna) == ([SHELTER], [SECRET_PHONE])


@pytest.fixture(scope="module")
def template(demo_register: Path) -> Path:
    """The session's demo register: tests copy it, never change it."""
    return demo_register


def test_demo_register_lists_protected_data_masked_but_exports_it(
    template: Path, tmp_path: Path
) -> None:
    """Across the demo register no procedure view carries protected text, the command
    line prints none of it, and the exchange file (a full backup) carries all of it."""
    path = copy_register(template, tmp_path / "dane")
    export = tmp_path / "eksport.json"
    results = [
        run_cli(path, "export-json", str(export), password=demo.DEMO_PASSWORD),
        run_cli(path, "check", password=demo.DEMO_PASSWORD),
    ]
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    persons = json.loads(export.read_text(encoding="utf-8"))["persons"]
    secrets = {a["street"] for p in persons for a in p["addresses"] if a["do_not_disclose"]}
    secrets |= {c["value"] for p in persons for c in p["contacts"] if c["do_not_disclose"]}
    secrets.discard("")
    assert secrets, "the demo register has protected addresses and contacts"
    printed = "".join(r.stdout + r.stderr for r in results)
    assert not any(secret in printed for secret in secrets)

    folder = DataFolder(path, kdf=FAST_KDF)
    folder.acquire()
    db = folder.unlock(demo.DEMO_PASSWORD)
    try:
        procedures = Register(db, CLOCK).procedures
        details = [procedures.detail(row.id) for row in procedures.list(ProcedureQuery())]
    finally:
        db.close()
        folder.release()
    people = [part.person for detail in details for part in detail.participants]
    assert any(person.data_withheld for person in people)
    assert not any(secret in str(details) for secret in secrets)
