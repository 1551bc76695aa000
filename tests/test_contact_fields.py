"""Postal codes, e-mail addresses, cell tooltips and hand-typed NK-A institutions.

One rule each for postal codes and e-mail addresses: what a form shows under a field is
what the service refuses with, and what the import stores is what a form would store.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.domain import contact_rules
from app.domain.enums import ContactKind, InitiatorService, InstitutionType, Role
from app.errors import ImportFormatError, ValidationError
from app.services.exchange import import_from_file
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    InstitutionData,
    InstitutionRow,
    Page,
    ParticipantData,
    PersonData,
)
from app.storage.models import Institution
from tests.qt_questions import answer_questions
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from tests.support.exchange_files import write_exchange_file
from tests.support.nka_people import nka_people
from ui.attachments_tab import AttachmentsTab
from ui.chronology_tab import ChronologyTab
from ui.context import AppContext
from ui.institution_dialog import ContactPersonDialog, InstitutionDialog
from ui.institutions_view import InstitutionsView
from ui.nka_dialog import NkaDialog
from ui.nka_tab import NkaTab
from ui.paged_model import PagedTableModel
from ui.participant_dialog import AddressDialog, ContactDialog, ParticipantDialog
from ui.people_tab import PeopleTab, PersonPickerDialog
from ui.procedures_view import ProceduresView
from ui.table_model import Column, RecordTableModel

LONG_EMAIL = "sekretariat.dzialu.przeciwdzialania.przemocy@komenda-powiatowa.przyklad.invalid"
NOT_CODES = ("9910", "991000", "99-1000", "9-9100", "99--100", "ab-cde", "99_100", "٩٩-١٠٠")
BAD_EMAILS = {
    "jan kowalski@gops.pl": "nie może zawierać spacji",
    "jan.gops.pl": "dokładnie jeden znak „@”",
    "jan@@gops.pl": "dokładnie jeden znak „@”",
    "@gops.pl": "nazwę przed znakiem „@”",
    "jan@gops": "domenę z kropką",
    "jan@gops..pl": "niepoprawną domenę",
    "jan@-gops.pl": "niepoprawną domenę",
    "jan@gops.pl.": "niepoprawną domenę",
    "jan@go_ps.pl": "niedozwolony znak",
}
GOOD_EMAILS = ("jan@gops.pl", "a.b+nk@urzad.gmina.pl", "ąę@łąka.pl", "  jan@gops.pl  ")


# --- the rules ---------------------------------------------------------------------------


@given(
    digits=st.text(alphabet="0123456789", min_size=5, max_size=5),
    sep=st.sampled_from(["", " ", "-"]),
)
def test_every_spelling_of_a_code_is_written_nn_nnn(digits: str, sep: str) -> None:
    typed = f" {digits[:2]}{sep}{digits[2:]} "
    assert contact_rules.postal_code(typed) == f"{digits[:2]}-{digits[2:]}"
    assert contact_rules.postal_code_message(typed) is None


@given(st.text(max_size=12))
def test_whatever_is_typed_is_a_code_nn_nnn_or_refused(text: str) -> None:
    code = contact_rules.postal_code(text)
    if code is None:
        assert contact_rules.postal_code_message(text) == (
            "Kod pocztowy musi mieć postać NN-NNN, np. 99-100."
        )
    elif text.strip():
        assert re.fullmatch(r"[0-9]{2}-[0-9]{3}", code)
        assert [c for c in text if c.isdigit()] == [c for c in code if c.isdigit()]
    else:
        assert code == ""


@pytest.mark.parametrize("text", NOT_CODES)
def test_what_is_no_code_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        contact_rules.check_postal_code(text, "postal_code")
    assert caught.value.field == "postal_code"
    assert caught.value.message.startswith("Kod pocztowy")


@pytest.mark.parametrize(("text", "reason"), BAD_EMAILS.items())
def test_a_broken_address_is_refused_saying_what_is_broken(text: str, reason: str) -> None:
    message = contact_rules.email_message(text)
    assert message is not None and message.startswith("Adres e-mail ") and reason in message


@pytest.mark.parametrize("text", GOOD_EMAILS)
def test_ordinary_and_national_addresses_pass(text: str) -> None:
    assert contact_rules.email_message(text) is None
    assert contact_rules.check_email(text, "email") == text.strip()


_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyząćęłńóśźż0123456789._+-", min_size=1)
_LABEL = st.from_regex(
    r"[a-ząćęłńóśźż0-9]([a-ząćęłńóśźż0-9-]{0,10}[a-ząćęłńóśźż0-9])?", fullmatch=True
)


@given(local=_NAME, labels=st.lists(_LABEL, min_size=2, max_size=4))
def test_a_name_at_a_dotted_domain_passes(local: str, labels: list[str]) -> None:
    assert contact_rules.email_message(f"{local}@{'.'.join(labels)}") is None


@given(st.text(min_size=1))
def test_an_address_with_a_space_inside_or_two_ats_is_refused(text: str) -> None:
    assert contact_rules.email_message(f"a{text}b @x.pl") is not None
    assert contact_rules.email_message(f"a@{text}@x.pl") is not None


# --- the services and the import -----------------------------------------------------------


def _institution(**fields: str) -> InstitutionData:
    return InstitutionData(name="Komisariat Policji w Łące", type=InstitutionType.POLICE, **fields)


@pytest.mark.parametrize("typed", ["99100", "99 100", "99-100"])
def test_the_service_stores_and_shows_the_code_nn_nnn(ui_context: AppContext, typed: str) -> None:
    institutions = ui_context.register.institutions
    institution_id = institutions.save(_institution(postal_code=typed)).record_id
    assert institution_id is not None
    assert institutions.get(institution_id).postal_code == "99-100"


def test_the_service_refuses_a_wrong_code_and_broken_addresses(ui_context: AppContext) -> None:
    institutions = ui_context.register.institutions
    cases = {
        "postal_code": _institution(postal_code="99-1000"),
        "email": _institution(email="sekretariat@gops"),
        "contacts": _institution(
            contacts=[ContactPersonData(first_name="Paweł", last_name="Żak", email="pawel.zak")]
        ),
    }
    messages = {}
    for field, data in cases.items():
        with pytest.raises(ValidationError) as caught:
            institutions.save(data)
        assert caught.value.field == field
        messages[field] = caught.value.message
    assert messages["postal_code"] == "Kod pocztowy musi mieć postać NN-NNN, np. 99-100."
    assert messages["email"] == "Adres e-mail musi mieć po znaku „@” domenę z kropką, np. gops.pl."
    assert messages["contacts"].startswith("Adres e-mail osoby kontaktowej „Paweł Żak” ")
    assert institutions.list() == []


def test_a_person_s_address_code_and_e_mail_follow_the_same_rules(ui_context: AppContext) -> None:
    register = ui_context.register
    procedure_id = register.procedures.create(TODAY - dt.timedelta(days=3)).record_id
    assert procedure_id is not None

    def person(postal_code: str, email: str) -> ParticipantData:
        return ParticipantData(
            PersonData(
                "Anna",
                "Nowak",
                addresses=[AddressData(street="ul. Polna 3", postal_code=postal_code)],
                contacts=[ContactData(ContactKind.EMAIL, email)],
            ),
            Role.VICTIM,
        )

    for postal_code, email, field in (
        ("9910", "anna@poczta.pl", "addresses"),
        ("99 100", "anna@", "contacts"),
    ):
        with pytest.raises(ValidationError) as caught:
            register.participants.save(procedure_id, person(postal_code, email))
        assert caught.value.field == field
    register.participants.save(procedure_id, person("99 100", "anna@poczta.pl"))
    [part] = register.procedures.detail(procedure_id).participants
    assert [a.postal_code for a in part.person.addresses] == ["99-100"]


def test_a_code_stored_before_the_rule_reads_nn_nnn(ui_context: AppContext) -> None:
    institutions = ui_context.register.institutions
    institution_id = institutions.save(_institution(postal_code="99-100")).record_id
    with ui_context.register.context.write() as session:
        stored = session.get(Institution, institution_id)
        assert stored is not None
        stored.postal_code = "99100"
    assert institution_id is not None
    assert institutions.get(institution_id).postal_code == "99-100"


def _exchange_file(tmp_path: Path, institution: dict[str, str], address: dict[str, str]) -> Path:
    path = tmp_path / "rejestr.json"
    write_exchange_file(path, 1, entries=1)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["institutions"][0].update(institution)
    document["persons"][0]["addresses"][0].update(address)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_import_stores_spelt_codes_nn_nnn(tmp_path: Path, ui_context: AppContext) -> None:
    path = _exchange_file(tmp_path, {"postal_code": "99100"}, {"postal_code": "99 100"})
    import_from_file(ui_context.register.context, path)
    [row] = ui_context.register.institutions.list()
    assert ui_context.register.institutions.get(row.id).postal_code == "99-100"
    with ui_context.register.context.read() as session:
        codes = {i.postal_code for i in session.query(Institution)}
    assert codes == {"99-100"}


@pytest.mark.parametrize(
    ("institution", "address", "place"),
    [
        ({"postal_code": "9-9100"}, {}, ".postal_code"),
        ({"email": "komisariat(at)policja.pl"}, {}, ".email"),
        ({}, {"postal_code": "99-1OO"}, ".addresses"),
    ],
)
def test_the_import_refuses_what_a_form_would_refuse_naming_the_record(
    tmp_path: Path,
    ui_context: AppContext,
    institution: dict[str, str],
    address: dict[str, str],
    place: str,
) -> None:
    path = _exchange_file(tmp_path, institution, address)
    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ui_context.register.context, path)
    assert caught.value.place.endswith(place)
    assert caught.value.place.startswith(("institutions[0]", "persons[0]"))
    assert "musi" in caught.value.reason


# --- the fields ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["99100", "99 100", "99-100"])
@pytest.mark.parametrize("form", ["address", "institution"])
def test_typing_a_code_shows_it_nn_nnn_in_every_form(
    ui_context: AppContext, qtbot: QtBot, form: str, typed: str
) -> None:
    if form == "address":
        address = AddressDialog()
        qtbot.addWidget(address)
        field = address.postal_edit
    else:
        institution = InstitutionDialog(ui_context)
        qtbot.addWidget(institution)
        field = institution.postal_code_edit
    type_text(field, typed)
    assert field.text() == "99-100"
    assert field.value() == "99-100"
    assert field.status_label.text() == ""


def test_the_institution_form_writes_the_code_and_shows_why_an_address_is_refused(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    dialog = InstitutionDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.postal_code_edit, "99100")
    assert dialog.postal_code_edit.text() == "99-100"
    type_text(dialog.name_edit, "Komisariat Policji w Łące")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(InstitutionType.POLICE))
    dialog.email_edit.setText("komisariat@policja")
    reason = "Adres e-mail musi mieć po znaku „@” domenę z kropką, np. gops.pl."
    assert dialog.email_edit.status_label.text() == reason
    assert dialog.email_edit.status_label.isVisible()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text() == reason
    assert ui_context.register.institutions.list() == []

    dialog.email_edit.setText("komisariat@policja.gov.pl")
    assert not dialog.email_edit.status_label.isVisible()
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = ui_context.register.institutions.list()
    assert ui_context.register.institutions.get(row.id).postal_code == "99-100"


def test_a_contact_person_with_a_broken_address_cannot_be_confirmed(qtbot: QtBot) -> None:
    dialog = ContactPersonDialog()
    qtbot.addWidget(dialog)
    type_text(dialog.last_name_edit, "Żak")
    assert dialog.ok_button.isEnabled()
    dialog.email_edit.setText("pawel.zak@")
    assert not dialog.ok_button.isEnabled()
    assert "po znaku „@” domenę z kropką" in dialog.email_edit.status_label.text()
    dialog.email_edit.setText("pawel.zak@policja.gov.pl")
    assert dialog.ok_button.isEnabled()
    assert dialog.email_edit.status_label.text() == ""


def test_a_person_s_contact_is_checked_as_an_e_mail_only_when_it_is_one(qtbot: QtBot) -> None:
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.value_edit.setText("anna(at)poczta")
    assert dialog.ok_button.isEnabled(), "a phone number or other contact is taken as typed"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ContactKind.EMAIL))
    assert not dialog.ok_button.isEnabled()
    assert dialog.value_edit.status_label.text() == (
        "Adres e-mail musi zawierać dokładnie jeden znak „@”."
    )


@pytest.mark.parametrize("typed", NOT_CODES[:4])
def test_an_address_with_a_wrong_code_cannot_be_confirmed(qtbot: QtBot, typed: str) -> None:
    dialog = AddressDialog()
    qtbot.addWidget(dialog)
    dialog.postal_edit.setText(typed)
    assert not dialog.ok_button.isEnabled()
    assert dialog.postal_edit.status_label.text() == (
        "Kod pocztowy musi mieć postać NN-NNN, np. 99-100."
    )


# --- tooltips -----------------------------------------------------------------------------


def _tables(ui_context: AppContext) -> list[QWidget]:
    return [
        InstitutionsView(ui_context),
        ProceduresView(ui_context),
        PeopleTab(ui_context),
        PersonPickerDialog(ui_context),
        NkaTab(ui_context),
        ChronologyTab(ui_context),
        AttachmentsTab(ui_context),
        InstitutionDialog(ui_context),
    ]


def test_every_table_uses_the_record_model_whose_tooltips_show_the_whole_cell(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    windows = _tables(ui_context)
    procedure_id = ui_context.register.procedures.create(TODAY).record_id
    assert procedure_id is not None
    windows.append(ParticipantDialog(ui_context, procedure_id))
    for window in windows:
        qtbot.addWidget(window)
        for table in window.findChildren(QTableView):
            assert isinstance(table.model(), RecordTableModel), type(window).__name__


@pytest.mark.parametrize("model_type", [RecordTableModel, PagedTableModel])
def test_a_cell_s_tooltip_is_its_whole_text(model_type: type[RecordTableModel[str]]) -> None:
    columns = [Column("Tekst", lambda row: row), Column("Data", lambda _row: dt.date(2025, 3, 3))]
    if model_type is PagedTableModel:
        model: RecordTableModel[str] = PagedTableModel(columns, lambda _key, _descending: None)
        model.show(Page((LONG_EMAIL,), 0, 1), lambda _o, _l, _d: None)  # type: ignore[attr-defined]
    else:
        model = RecordTableModel(columns)
        model.set_rows([LONG_EMAIL])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == LONG_EMAIL
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == "03.03.2025"


def test_a_clipped_e_mail_of_a_contact_person_shows_whole_in_its_tooltip(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    contact = ContactPersonData(first_name="Paweł", last_name="Żak", email=LONG_EMAIL)
    dialog = InstitutionDialog(ui_context, _institution(contacts=[contact]))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table, model = dialog.contacts_table, dialog.contacts_model
    cell = model.index(0, 4)
    assert table.fontMetrics().horizontalAdvance(LONG_EMAIL) > table.columnWidth(4)
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == LONG_EMAIL


def test_the_institutions_list_shows_a_whole_address_in_the_tooltip(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    ui_context.register.institutions.save(_institution(email=LONG_EMAIL))
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    row: InstitutionRow = view.model.row_at(0)
    assert row.email == LONG_EMAIL
    assert view.model.data(view.model.index(0, 4), Qt.ItemDataRole.ToolTipRole) == LONG_EMAIL


# --- a hand-typed institution of an NK-A ----------------------------------------------------


def _save_nka(ui_context: AppContext, qtbot: QtBot, parent: QWidget, name: str) -> None:
    procedure_id = ui_context.register.procedures.create(TODAY - dt.timedelta(days=3)).record_id
    assert procedure_id is not None
    nka_people(ui_context.register.context, procedure_id)  # ticked by default
    dialog = NkaDialog(
        ui_context, ui_context.register.procedures.detail(procedure_id), parent=parent
    )
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(InitiatorService.POLICE))
    dialog.institution_combo.setEditText(name)
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.wait(20)


def _open_institution_dialogs(parent: QWidget) -> list[InstitutionDialog]:
    return [d for d in parent.findChildren(InstitutionDialog) if d.isVisible()]


@pytest.fixture
def nka_parent(qtbot: QtBot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def test_a_hand_typed_institution_is_offered_to_the_directory_pre_filled(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, nka_parent: QWidget
) -> None:
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    _save_nka(ui_context, qtbot, nka_parent, "Posterunek Policji w Łące")
    assert [q.text for q in questions.asked] == [
        "Dodać „Posterunek Policji w Łące” do katalogu instytucji?"
    ]
    [offered] = _open_institution_dialogs(nka_parent)
    assert offered.windowTitle() == "Nowa instytucja"
    assert offered.name_edit.text() == "Posterunek Policji w Łące"
    assert offered.type_combo.currentData() == InstitutionType.POLICE
    with qtbot.waitSignal(ui_context.changed):
        qtbot.mouseClick(offered.save_button, Qt.MouseButton.LeftButton)
    assert [row.name for row in ui_context.register.institutions.list()] == [
        "Posterunek Policji w Łące"
    ]


def test_no_is_the_end_of_the_offer(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, nka_parent: QWidget
) -> None:
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    _save_nka(ui_context, qtbot, nka_parent, "Posterunek Policji w Łące")
    assert len(questions.asked) == 1
    assert _open_institution_dialogs(nka_parent) == []
    assert ui_context.register.institutions.list() == []


@pytest.mark.parametrize("typed", ["Komisariat Policji w Łące", "komisariat policji w łące"])
def test_a_directory_entry_is_not_offered_again(
    ui_context: AppContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    nka_parent: QWidget,
    typed: str,
) -> None:
    ui_context.register.institutions.save(_institution())
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    _save_nka(ui_context, qtbot, nka_parent, typed)
    assert questions.asked == []
    assert _open_institution_dialogs(nka_parent) == []
    assert QApplication.activeModalWidget() is None
