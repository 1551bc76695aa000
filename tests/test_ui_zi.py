"""The „Zespół (ZI)” page on a real register: members picked from the directory with the
chair first, a ZI meeting planned from the page, Ctrl+4 and Ctrl+N in the main window,
and the institution editor keeping a member's contact. All people are fictional."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services.changes import Changes, Entity
from app.services.records import ContactPersonData, InstitutionData
from tests.qt_questions import answer_questions
from tests.qt_typing import type_text
from tests.support.meeting_cases import SIGNED, build_team, contact_ids
from ui.context import AppContext
from ui.institution_dialog import ContactPersonDialog, InstitutionDialog, open_institution_editor
from ui.main_window import MainWindow
from ui.meeting_dialog import MeetingDialog
from ui.zi_member_dialog import ZiMemberDialog
from ui.zi_view import NO_CHAIR, NO_CONTACTS, NO_MEETINGS, NO_MEMBERS, ZiView

pytestmark = pytest.mark.usefixtures("no_error_shown")
ZI_PAGE = 3


def fill_directory(context: AppContext) -> dict[str, int]:
    register = context.register
    register.institutions.save(
        InstitutionData(
            "GOPS w Zmyślinie",
            "social_assistance",
            contacts=[
                ContactPersonData("Ewa", "Próbna", "pracownik socjalny"),
                ContactPersonData("Marek", "Wzorowy", "kierownik"),
            ],
        )
    )
    register.institutions.save(
        InstitutionData(
            "Posterunek Policji w Zmyślinie",
            "police",
            contacts=[ContactPersonData("Piotr", "Testowy", "dzielnicowy")],
        )
    )
    context.publish(Changes.of(Entity.INSTITUTION))
    return contact_ids(register)


def page(qtbot: QtBot, context: AppContext) -> ZiView:
    view = ZiView(context)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):  # Enter and Delete on the lists are shortcuts: they need it
        view.show()
    return view


def shown(dialog: QDialog) -> None:
    """Shown, so clicks and focus work; it closes with the window that opened it."""
    dialog.show()


def cells(view: ZiView, model_name: str = "members_model") -> list[list[str]]:
    model = getattr(view, model_name)
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def offered(dialog: ZiMemberDialog) -> list[str]:
    return [dialog.picker.itemText(index) for index in range(dialog.picker.count())]


def test_members_are_picked_from_the_directory_and_the_chair_comes_first(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = page(qtbot, ui_context)
    assert view.members_notice.isVisible()
    assert view.members_notice.text() == NO_CONTACTS
    assert view.meetings_notice.text() == NO_MEETINGS

    def nobody_to_add(dialog: ZiMemberDialog) -> int:
        shown(dialog)
        assert not dialog.picker.isEnabled() and not dialog.save_button.isEnabled()
        return dialog.result()

    monkeypatch.setattr(ZiMemberDialog, "exec", nobody_to_add)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    fill_directory(ui_context)
    assert view.members_notice.text() == NO_MEMBERS

    def add_chair(dialog: ZiMemberDialog) -> int:
        shown(dialog)
        assert dialog.windowTitle() == "Nowy członek zespołu"
        assert offered(dialog) == [
            "Próbna Ewa — pracownik socjalny, GOPS w Zmyślinie",
            "Testowy Piotr — dzielnicowy, Posterunek Policji w Zmyślinie",
            "Wzorowy Marek — kierownik, GOPS w Zmyślinie",
        ]
        dialog.picker.setFocus()
        type_text(dialog.picker.lineEdit(), offered(dialog)[1])
        qtbot.keyClick(dialog.chair_check, Qt.Key.Key_Space)
        type_text(dialog.appointed_edit.line, "2.1.2026")
        type_text(dialog.signed_edit.line, "12.01.2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ZiMemberDialog, "exec", add_chair)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    def add_member(dialog: ZiMemberDialog) -> int:
        shown(dialog)
        assert "Testowy Piotr" not in " ".join(offered(dialog)), "already in the team"
        dialog.picker.setFocus()
        qtbot.keyClicks(dialog.picker.lineEdit(), "probna")  # no Polish letters typed
        completer = dialog.picker.completer()
        assert completer is not None
        popup = completer.popup()
        qtbot.waitUntil(popup.isVisible)
        found = popup.model()
        assert [found.index(r, 0).data() for r in range(found.rowCount())] == [
            "Próbna Ewa — pracownik socjalny, GOPS w Zmyślinie"
        ]
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert dialog.picker.currentText().startswith("Próbna Ewa")
        assert dialog.signed_edit.current() is None
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ZiMemberDialog, "exec", add_member)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    assert cells(view) == [
        [
            "Testowy Piotr",
            "przewodniczący/a",
            "dzielnicowy",
            "02.01.2026",
            "12.01.2026",
            "Posterunek Policji w Zmyślinie",
        ],
        ["Próbna Ewa", "członek", "pracownik socjalny", "", "brak", "GOPS w Zmyślinie"],
    ]
    missing = view.members_model.index(1, 4)
    assert view.members_model.data(missing, Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    assert not view.chair_label.isVisible()
    [chair, _member] = ui_context.register.zi.members()
    assert (chair.is_chair, chair.appointed_on) == (True, dt.date(2026, 1, 2))
    assert chair.contact.confidentiality_signed_on == SIGNED, "kept on the contact"


def test_a_member_is_edited_on_enter_and_removed_after_confirmation(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_team(ui_context.register)
    view = page(qtbot, ui_context)
    view.members_table.setFocus()
    view.members_table.selectRow(0)

    def step_down(dialog: ZiMemberDialog) -> int:
        shown(dialog)
        assert dialog.windowTitle() == "Członek zespołu: Próbna Ewa"
        assert not dialog.picker.isEnabled()
        assert dialog.chair_check.isChecked()
        assert dialog.signed_edit.current() == SIGNED
        qtbot.keyClick(dialog.chair_check, Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ZiMemberDialog, "exec", step_down)
    qtbot.keyClick(view.members_table, Qt.Key.Key_Return)
    assert cells(view)[0][1] == "członek"
    assert view.chair_label.isVisible() and view.chair_label.text() == NO_CHAIR

    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    view.members_table.selectRow(0)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert questions.asked[0].text.startswith("Usunąć Próbna Ewa z Zespołu Interdyscyplinarnego?")
    assert len(ui_context.register.zi.members()) == 1
    questions.answer = QMessageBox.StandardButton.Yes
    view.members_table.setFocus()
    qtbot.keyClick(view.members_table, Qt.Key.Key_Delete)
    assert ui_context.register.zi.members() == ()
    assert view.members_model.rowCount() == 0
    assert "Próbna Ewa" in contact_ids(ui_context.register), "still in the directory"


def test_a_zi_meeting_is_planned_from_the_page_and_opened_with_enter(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_team(ui_context.register)
    view = page(qtbot, ui_context)

    def plan(dialog: MeetingDialog) -> int:
        shown(dialog)
        assert dialog.windowTitle() == "Nowe posiedzenie ZI, 30.11.2026"
        invited = [
            (c.name, dialog.participants.is_ticked(row))
            for row, c in enumerate(dialog.participants.candidates())
        ]
        assert invited == [("Próbna Ewa", True)]
        type_text(dialog.place_edit, "Urząd Gminy, sala narad")
        type_text(dialog.agenda_edit, "Sprawozdanie z pracy zespołu")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", plan)
    qtbot.mouseClick(view.new_meeting_button, Qt.MouseButton.LeftButton)

    assert cells(view, "meetings_model") == [
        ["30.11.2026", "10:00–11:00", "zaplanowane", "1", "—", "Urząd Gminy, sala narad"]
    ]
    opened: list[str] = []
    monkeypatch.setattr(
        MeetingDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0
    )
    view.meetings_table.setFocus()
    view.meetings_table.selectRow(0)
    qtbot.keyClick(view.meetings_table, Qt.Key.Key_Return)
    assert opened == ["Posiedzenie ZI, 30.11.2026"]


def test_ctrl_4_shows_the_team_and_ctrl_n_plans_its_meeting(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    opened: list[str] = []
    monkeypatch.setattr(
        MeetingDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0
    )

    search = window.procedures_view.search_edit
    qtbot.keyClick(search, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)

    assert window.stack.currentWidget() is window.zi_view
    assert window.nav_actions[ZI_PAGE].isChecked()
    assert window.nav_actions[ZI_PAGE].text() == "&Zespół (ZI)"
    assert window.focusWidget() is window.zi_view.members_table
    assert window.new_action.text() == "&Nowe posiedzenie ZI…"
    qtbot.keyClick(window.zi_view.members_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Nowe posiedzenie ZI, 30.11.2026"]
    window.show_page(0)
    assert window.new_action.text() == "&Nowa procedura…"


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """The window the institution editor is opened from."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _open_gops(context: AppContext, host: QWidget) -> None:
    [row] = context.register.institutions.list("GOPS w Zmyślinie")
    open_institution_editor(context, row.id, host)


def test_editing_an_institution_keeps_its_contact_in_the_team(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch, host: QWidget
) -> None:
    team = build_team(ui_context.register)

    def edit_contact(dialog: ContactPersonDialog) -> int:
        shown(dialog)
        assert dialog.signed_edit.current() == SIGNED
        dialog.phone_edit.setText("48 100 20 30")
        dialog.signed_edit.line.selectAll()
        type_text(dialog.signed_edit.line, "15.01.2026")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    def edit(dialog: InstitutionDialog) -> int:
        shown(dialog)
        [contact] = dialog.contacts_model.rows()
        assert (contact.id, contact.confidentiality_signed_on) == (team.worker_id, SIGNED)
        assert dialog.contacts_model.data(dialog.contacts_model.index(0, 5)) == "12.01.2026"
        dialog.contacts_table.selectRow(0)
        qtbot.mouseClick(dialog.edit_contact_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ContactPersonDialog, "exec", edit_contact)
    monkeypatch.setattr(InstitutionDialog, "exec", edit)
    _open_gops(ui_context, host)

    [member] = ui_context.register.zi.members()
    assert member.contact.id == team.worker_id
    assert member.contact.confidentiality_signed_on == dt.date(2026, 1, 15)
    [row] = ui_context.register.institutions.list("GOPS w Zmyślinie")
    assert ui_context.register.institutions.get(row.id).contacts[0].phone == "48 100 20 30"


def test_removing_a_members_contact_is_refused_inline(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch, host: QWidget
) -> None:
    team = build_team(ui_context.register)

    def remove(dialog: InstitutionDialog) -> int:
        shown(dialog)
        type_text(dialog.phone_edit, "48 100 20 30")
        dialog.contacts_table.selectRow(0)
        qtbot.mouseClick(dialog.delete_contact_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error_label.text() == (
            "Próbna Ewa jest członkiem Zespołu Interdyscyplinarnego: najpierw usuń tę osobę "
            "z zespołu, potem z katalogu."
        )
        assert dialog.focusWidget() is dialog.contacts_table
        assert dialog.phone_edit.text() == "48 100 20 30"
        dialog.forget_changes()
        return dialog.result()

    monkeypatch.setattr(InstitutionDialog, "exec", remove)
    _open_gops(ui_context, host)

    assert contact_ids(ui_context.register)["Próbna Ewa"] == team.worker_id
