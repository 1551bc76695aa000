"""Messages that describe what the form or list holds now, never an earlier state.

A corrected PESEL loses its red error when it turns green, the wizard says whether the
two passwords match, and an empty list says whether nothing matched or nothing is there.
"""

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.domain import pesel as pesel_rules
from app.domain.enums import ChronologyKind, InstitutionType, Role
from app.services.records import InstitutionData, ParticipantData, PersonData
from app.services.vault import DataFolder
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.chronology_tab import ChronologyTab
from ui.context import AppContext
from ui.empty_notice import EmptyNotice
from ui.institution_dialog import InstitutionDialog
from ui.institutions_view import InstitutionsView
from ui.participant_dialog import ParticipantDialog
from ui.people_tab import PersonPickerDialog
from ui.procedures_view import ProceduresView
from ui.tasks import TaskRunner
from ui.wizard import FirstRunWizard

GOOD_PESEL = "8001011234" + pesel_rules.check_digit("8001011234")
BAD_PESEL = GOOD_PESEL[:10] + str((int(GOOD_PESEL[10]) + 1) % 10)
PASSWORD = "Zielona-Łąka-nad-Rzeką-7"


# --- a refused field's message goes once the field is corrected ----------------------------


@pytest.fixture
def procedure_id(ui_context: AppContext) -> int:
    changes = ui_context.register.procedures.create(TODAY - dt.timedelta(days=3))
    assert changes.record_id is not None
    return changes.record_id


def _participant_dialog(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> ParticipantDialog:
    dialog = ParticipantDialog(ui_context, procedure_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_corrected_pesel_shows_only_the_green_verdict(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    dialog = _participant_dialog(ui_context, qtbot, procedure_id)
    type_text(dialog.first_name_edit, "Anna")
    type_text(dialog.last_name_edit, "Nowak")
    dialog.pesel_edit.setText(BAD_PESEL)
    assert dialog.pesel_hint.text() == "PESEL ma błędną cyfrę kontrolną."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "PESEL ma błędną cyfrę kontrolną."

    dialog.pesel_edit.setText(GOOD_PESEL)
    assert dialog.pesel_hint.text().startswith("PESEL poprawny")
    assert not dialog.error_label.isVisible()


def test_a_message_about_another_field_stays_until_that_field_is_edited(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    dialog = _participant_dialog(ui_context, qtbot, procedure_id)
    type_text(dialog.first_name_edit, "Anna")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Podaj nazwisko."
    dialog.pesel_edit.setText(GOOD_PESEL)
    assert dialog.error_label.isVisible(), "the surname is still missing"
    type_text(dialog.last_name_edit, "Nowak")
    assert not dialog.error_label.isVisible()


def test_an_institution_s_refused_field_loses_its_message_once_edited(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    dialog = InstitutionDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Podaj nazwę instytucji."
    dialog.city_edit.setText("Łąka")
    assert dialog.error_label.isVisible()
    type_text(dialog.name_edit, "Komisariat Policji w Łące")
    assert not dialog.error_label.isVisible()


# --- the wizard's two passwords -------------------------------------------------------------


def test_the_wizard_says_whether_the_passwords_match_and_waits_for_them(
    qtbot: QtBot, folder: DataFolder
) -> None:
    wizard = FirstRunWizard(folder, TaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    for edit, text in (
        (wizard.office_page.gmina_edit, "Gmina Łąka"),
        (wizard.office_page.office_edit, "GOPS w Łące"),
        (wizard.office_page.worker_edit, "Ewa Testowa"),
    ):
        type_text(edit, text)
    wizard.next()
    page, next_button = wizard.password_page, wizard.button(QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is page

    type_text(page.password_edit, PASSWORD)
    type_text(page.repeat_edit, PASSWORD[:-1] + "8")
    assert page.strength_label.text() == "Silne hasło."
    assert page.match_label.text() == "Hasła nie są takie same."
    assert not next_button.isEnabled()

    page.repeat_edit.setText(PASSWORD)
    assert page.match_label.text() == "Hasła są takie same."
    assert next_button.isEnabled()

    page.password_edit.setText("krótkie")
    page.repeat_edit.setText("krótkie")
    assert page.match_label.text() == "Hasła są takie same."
    assert "za krótkie" in page.strength_label.text()
    assert not next_button.isEnabled(), "matching is not enough: the password must be acceptable"


# --- empty lists say why ----------------------------------------------------------------------


def _add_procedure(context: AppContext) -> None:
    procedure_id = context.register.procedures.create(TODAY - dt.timedelta(days=3)).record_id
    assert procedure_id is not None
    context.register.participants.save(
        procedure_id, ParticipantData(PersonData("Anna", "Nowak"), Role.VICTIM)
    )


def _add_institution(context: AppContext) -> None:
    context.register.institutions.save(
        InstitutionData(name="Komisariat Policji w Łące", type=InstitutionType.POLICE)
    )


class ListCase(NamedTuple):
    """A searchable list, how to put one entry into the register, and what it says."""

    window: Callable[[AppContext], QWidget]
    fill: Callable[[AppContext], None]
    found_word: str
    empty_text: str
    not_found_text: str


LISTS: dict[str, ListCase] = {
    "procedury": ListCase(
        ProceduresView,
        _add_procedure,
        "Nowak",
        "Brak procedur. Dodaj pierwszą: Ctrl+N.",
        "Nie znaleziono procedur dla „Kowalczyk”.",
    ),
    "instytucje": ListCase(
        InstitutionsView,
        _add_institution,
        "komisariat",
        "Katalog instytucji jest pusty. Dodaj pierwszą: Ctrl+N.",
        "Nie znaleziono instytucji dla „Kowalczyk”.",
    ),
    "osoby": ListCase(
        PersonPickerDialog,
        _add_procedure,
        "Nowak",
        "",
        "Nie znaleziono osób dla „Kowalczyk”.",
    ),
}


def _notice(window: QWidget) -> EmptyNotice:
    notice = window.findChild(EmptyNotice)
    assert notice is not None
    return notice


@pytest.mark.parametrize("name", LISTS)
def test_an_empty_list_says_whether_nothing_matched_or_nothing_is_there(
    ui_context: AppContext, qtbot: QtBot, name: str
) -> None:
    make, fill, found_word, empty_text, not_found_text = LISTS[name]
    window = make(ui_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    notice = _notice(window)
    assert notice.isVisible() == bool(empty_text)
    assert notice.text() == empty_text

    fill(ui_context)
    window.findChild(QLineEdit).setText(found_word)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert not notice.isVisible()

    window.findChild(QLineEdit).setText(" Kowalczyk ")
    qtbot.waitUntil(lambda: notice.text() == not_found_text)
    assert window.model.rowCount() == 0
    assert notice.isVisible()


def test_a_filter_that_hides_every_procedure_says_so(ui_context: AppContext, qtbot: QtBot) -> None:
    _add_procedure(ui_context)
    view = ProceduresView(ui_context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert not view.empty_notice.isVisible()
    view.status_combo.setCurrentIndex(view.status_combo.count() - 1)
    assert view.model.rowCount() == 0
    assert view.empty_notice.isVisible()
    assert view.empty_notice.text() == "Żadna procedura nie pasuje do wybranego statusu lub roku."


def test_the_chronology_says_when_no_entry_is_of_the_chosen_kind(
    ui_context: AppContext, qtbot: QtBot, procedure_id: int
) -> None:
    tab = ChronologyTab(ui_context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.set_procedure(ui_context.register.procedures.detail(procedure_id))
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(ChronologyKind.LETTER_SENT))
    assert tab.model.rowCount() == 0
    assert tab.empty_notice.isVisible()
    assert tab.empty_notice.text() == "Brak wpisów wybranego rodzaju."
