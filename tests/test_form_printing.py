"""Printouts built from a real (encrypted) register: NK-A with its people, NK-B with the
helplines of the day and the gmina's contacts, blank forms for a visit.

Anna Próbna, a victim, stays in a shelter: that address and her phone are marked „nie
ujawniać”. Her NK-A printout names her and her registered address, never the shelter or
the phone, and says that they were left out.
"""

import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.enums import AddressKind, ContactKind, InitiatorService, Role
from app.errors import NotFoundError, ValidationError
from app.printing.render import render_form
from app.services.form_printing import blank_print, nka_print, nkb_print
from app.services.records import (
    AddressData,
    ContactData,
    FormData,
    NkaData,
    ParticipantData,
    PersonData,
)
from app.services.register import Register
from app.settings import Settings
from app.storage.db import Database
from tests.conftest import TEST_SETTINGS
from tests.support.clock import CLOCK, TODAY

SHELTER = AddressData(
    AddressKind.STAY, "ul. Schronienia-Demo 1", "00-950", "Ukrytowo", do_not_disclose=True
)
REGISTERED = AddressData(AddressKind.RESIDENCE, "ul. Jawna 5", "00-001", "Przykładowo")
SECRET_PHONE = ContactData(ContactKind.PHONE, "600 700 800", do_not_disclose=True)
SECRETS = ("Schronienia", "00-950", "Ukrytowo", "600 700 800")
FILLED_ON = TODAY - dt.timedelta(days=2)
LOCAL = "Zespół interdyscyplinarny w Przykładowie, tel. 00 000 00 00\nDzielnicowy — Łąka"
OLD_VICTIMS_LINE, NEW_VICTIMS_LINE = "+48 222 309 900", "116 006"


def text_of(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def metadata_of(data: bytes) -> str:
    return " ".join(str(v) for v in (PdfReader(io.BytesIO(data)).metadata or {}).values())


@dataclass
class Case:
    register: Register
    procedure_id: int
    record_id: int
    anna: int
    number: str


def _add(register: Register, procedure_id: int, data: ParticipantData) -> int:
    register.participants.save(procedure_id, data)
    [part] = [
        p
        for p in register.procedures.detail(procedure_id).participants
        if p.person.first_name == data.person.first_name
    ]
    return part.person.id


@pytest.fixture
def case(db: Database) -> Case:
    register = Register(db, CLOCK)
    register.settings.save(dataclasses.replace(TEST_SETTINGS, nkb_local_contacts=LOCAL))
    procedure_id = register.procedures.create(TODAY - dt.timedelta(days=10)).record_id
    assert procedure_id is not None
    anna = PersonData(
        "Anna",
        "Próbna",
        birth_date=dt.date(1985, 4, 12),
        addresses=[REGISTERED, SHELTER],
        contacts=[SECRET_PHONE],
    )
    anna_id = _add(register, procedure_id, ParticipantData(anna, Role.VICTIM, {"kinship": "żona"}))
    jan = PersonData("Jan", "Próbny", birth_date=dt.date(1982, 2, 3), addresses=[REGISTERED])
    jan_id = _add(
        register, procedure_id, ParticipantData(jan, Role.PERPETRATOR, {"kinship": "mąż"})
    )
    household = [
        PersonData("Zofia", "Próbna", birth_date=dt.date(2016, 6, 5)),
        # 18 on the day the form was filled: no longer a minor.
        PersonData("Karol", "Próbny", birth_date=FILLED_ON.replace(year=FILLED_ON.year - 18)),
        PersonData("Nieznany", "Wiek"),
    ]
    for person in household:
        _add(register, procedure_id, ParticipantData(person, Role.HOUSEHOLD_MEMBER))
    saved = register.nka.save(
        procedure_id,
        NkaData(
            FILLED_ON,
            InitiatorService.POLICE,
            filled_place="Przykładowo",
            filled_by_institution_name="Komisariat Policji w Przykładowie",
            filled_by_name="sierż. Piotr Przykładowy",
            content={
                "incident_date": (FILLED_ON - dt.timedelta(days=1)).isoformat(),
                "description": "Krzyczał <b>głośno</b> & groził — zażółć gęślą jaźń.",
                "physical": {"selected": ["popychanie"]},
            },
            person_ids=[anna_id, jan_id],
        ),
    )
    assert saved.record_id is not None
    number = register.procedures.detail(procedure_id).number
    return Case(register, procedure_id, saved.record_id, anna_id, number)


def test_the_nka_printout_names_the_people_of_the_form_and_the_minors_of_the_household(
    case: Case,
) -> None:
    data = case.register.printing.pdf(case.procedure_id, "NK-A", case.record_id)
    text = text_of(data)

    assert f"Procedura nr {case.number}" in text
    assert "Miejscowość Przykładowo" in text
    assert f"Data wypełnienia {FILLED_ON:%d.%m.%Y}" in text
    assert "Podmiot, którego przedstawiciel wypełnia formularz Komisariat Policji" in text
    assert "Imię i nazwisko Anna Próbna Data urodzenia lub wiek 12.04.1985" in text
    assert "Relacja z osobą stosującą przemoc żona Osoba małoletnia nie" in text
    assert "Imię i nazwisko Jan Próbny" in text
    assert "Relacja z osobą doznającą przemocy mąż" in text
    assert "Zofia Próbna 05.06.2016" in text
    assert "Karol" not in text and "Nieznany" not in text
    incident = FILLED_ON - dt.timedelta(days=1)
    assert f"Data zdarzenia {incident:%d.%m.%Y}" in text
    assert "Krzyczał <b>głośno</b> & groził — zażółć gęślą jaźń." in text
    assert "☒ popychanie" in text
    assert "XIV. Osoba wypełniająca formularz Służba / zawód funkcjonariusz Policji" in text
    assert "Imię i nazwisko sierż. Piotr Przykładowy" in text
    assert "Podpis osoby wypełniającej formularz" in text
    assert f"wydruk z dnia {TODAY:%d.%m.%Y} · {TEST_SETTINGS.office_name}" in text


def test_a_protected_address_and_phone_are_left_out_and_said_so(case: Case) -> None:
    data = case.register.printing.pdf(case.procedure_id, "NK-A", case.record_id)
    text = text_of(data)

    for secret in SECRETS:
        assert secret not in text
        assert secret not in metadata_of(data)
    assert "ul. Jawna 5, 00-001 Przykładowo" in text
    assert (
        "Anna Próbna (osoba doznająca przemocy domowej): adres oznaczony „nie ujawniać” — "
        "pominięty na wydruku." in text
    )
    assert "telefon lub e-mail oznaczony „nie ujawniać” — pominięty na wydruku." in text
    assert "adres chroniony — pominięty na wydruku" in text


def test_even_a_revealed_view_prints_no_protected_data(case: Case) -> None:
    """The window may hold Anna's data revealed; printing from it still leaves it out."""
    detail = case.register.procedures.detail(case.procedure_id)
    revealed = case.register.participants.reveal_protected(case.anna)
    shown = tuple(
        dataclasses.replace(p, person=p.person.revealed(revealed))
        if p.person.id == case.anna
        else p
        for p in detail.participants
    )
    assert any(a.street == SHELTER.street for p in shown for a in p.person.addresses)
    doc = nka_print(
        dataclasses.replace(detail, participants=shown), case.record_id, TEST_SETTINGS, TODAY
    )

    flat = repr(doc.blocks) + " ".join(doc.notes)
    assert all(secret not in flat for secret in SECRETS)
    assert "pominięty na wydruku" in flat


def test_an_archive_nka_prints_with_the_2011_form(case: Case) -> None:
    detail = case.register.procedures.detail(case.procedure_id)
    [record] = detail.nka_records
    old = dataclasses.replace(record, form_version="2011", content={"incident_place": "Łąka"})
    doc = nka_print(
        dataclasses.replace(detail, nka_records=(old,)), record.id, TEST_SETTINGS, TODAY
    )
    assert doc.version == "2011"
    assert doc.blocks["victims"][0][0] == "Anna Próbna"
    assert "Miejsce zdarzenia Łąka" in text_of(render_form(doc))


def test_nkb_prints_the_victims_helpline_valid_on_the_day() -> None:
    settings = Settings(nkb_local_contacts=LOCAL)
    before = text_of(render_form(nkb_print(None, settings, dt.date(2026, 8, 31))))
    after = text_of(render_form(nkb_print(None, settings, dt.date(2026, 9, 1))))

    assert OLD_VICTIMS_LINE in before and NEW_VICTIMS_LINE not in before
    assert NEW_VICTIMS_LINE in after and OLD_VICTIMS_LINE not in after
    for text in (before, after):
        assert "800 120 002" in text and "800 120 226" in text and "800 107 777" in text
        assert "Zespół interdyscyplinarny w Przykładowie, tel. 00 000 00 00" in text
        assert "Dzielnicowy — Łąka" in text
        assert "Pomoc w Twojej gminie" in text and "Podpis osoby przekazującej formularz" in text


def test_nkb_of_a_procedure_carries_its_number_and_the_saved_local_contacts(case: Case) -> None:
    text = text_of(case.register.printing.pdf(case.procedure_id, "NK-B"))

    assert f"Procedura nr {case.number}" in text
    assert "Dzielnicowy — Łąka" in text
    assert dt.date(2026, 9, 1) <= TODAY  # the register's today
    assert NEW_VICTIMS_LINE in text and OLD_VICTIMS_LINE not in text


@pytest.mark.parametrize("form", ["NK-A", "NK-B", "NK-C", "NK-D"])
def test_every_form_prints_blank_for_a_visit(case: Case, form: str) -> None:
    text = text_of(case.register.printing.pdf(None, form, blank=True))

    assert f"Niebieska Karta — {form[-1]}" in text
    assert "Nr procedury:" in text and case.number not in text
    assert "Anna" not in text
    assert re.search(r"strona 1 z \d+", text)


def test_the_blank_nka_offers_two_victims_and_two_perpetrators() -> None:
    doc = blank_print("NK-A", TODAY)
    assert doc.blank and doc.procedure_number is None and not doc.blocks
    text = text_of(render_form(doc))
    assert text.count("Relacja z osobą stosującą przemoc") == 2
    assert text.count("Relacja z osobą doznającą przemocy") == 2


def test_wrong_requests_are_refused(case: Case) -> None:
    printing = case.register.printing
    for form in ("NK-C", "NK-D", "NK-A"):
        with pytest.raises(ValidationError, match=f"Wybierz formularz {form}"):
            printing.pdf(case.procedure_id, form)
    with pytest.raises(NotFoundError):
        printing.pdf(case.procedure_id, "NK-A", record_id=case.record_id + 100)
    with pytest.raises(NotFoundError, match="Formularz NK-C nie istnieje"):
        printing.pdf(case.procedure_id, "NK-C", record_id=case.record_id)
    with pytest.raises(ValidationError, match="Nieznany formularz"):
        printing.pdf(None, "NK-E", blank=True)


OBLIGATION = "Udział w programie korekcyjno-edukacyjnym"


def _perpetrator(case: Case) -> int:
    detail = case.register.procedures.detail(case.procedure_id)
    return next(p.person.id for p in detail.participants if p.role is Role.PERPETRATOR)


def test_a_filled_nkc_prints_its_help_plan_rows_and_the_victim_without_the_shelter(
    case: Case,
) -> None:
    plan = [["Konsultacja psychologiczna", "OIK w Przykładowie", "do 15.12.2026", "w toku"]]
    saved = case.register.forms.save(
        case.procedure_id,
        FormData(
            "NK-C",
            FILLED_ON,
            case.anna,
            {"first_act": "Wiosną 2024 r. — szarpanie.", "help_plan": plan},
        ),
    )
    text = text_of(case.register.printing.pdf(case.procedure_id, "NK-C", saved.record_id))
    assert "Niebieska Karta — C" in text and case.number in text
    assert text.index("Pierwszy akt przemocy") < text.index("Wiosną 2024 r. — szarpanie.")
    for cell in plan[0]:
        assert cell in text
    assert "Anna Próbna" in text and "Schronisko" not in text
    assert "nie ujawniać" in text
    meeting = text.index("Data posiedzenia")
    assert text[meeting : meeting + 40].split()[2] == f"{FILLED_ON:%d.%m.%Y}", "the record's day"


def test_a_filled_nkd_carries_the_perpetrators_obligations_and_no_victims_data(
    case: Case,
) -> None:
    saved = case.register.forms.save(
        case.procedure_id,
        FormData(
            "NK-D",
            FILLED_ON,
            _perpetrator(case),
            {"obligations": [[OBLIGATION, "do 31.01.2027", "zobowiązał się"]]},
        ),
    )
    text = text_of(case.register.printing.pdf(case.procedure_id, "NK-D", saved.record_id))
    assert "Niebieska Karta — D" in text and "Jan Próbny" in text
    assert OBLIGATION in text
    assert "Anna" not in text, "a document for the perpetrator names no victim"


def test_an_nkb_handed_over_prints_its_day_and_the_person(case: Case) -> None:
    saved = case.register.forms.save(
        case.procedure_id, FormData("NK-B", FILLED_ON, case.anna, {"handed_to": "Anna Próbna"})
    )
    text = text_of(case.register.printing.pdf(case.procedure_id, "NK-B", saved.record_id))
    assert text.index("Data przekazania") < text.index(f"{FILLED_ON:%d.%m.%Y}")
    assert "Anna Próbna" in text


def test_a_print_is_noted_in_the_chronology(case: Case) -> None:
    case.register.printing.record_output(
        case.procedure_id, "NK-A nr 1 z 28.11.2026", "Wydrukowano", "przewodniczący ZI"
    )
    titles = [e.title for e in case.register.procedures.detail(case.procedure_id).chronology]
    assert "Wydrukowano: NK-A nr 1 z 28.11.2026 — dla: przewodniczący ZI" in titles


def test_a_printout_written_to_a_file_is_noted_and_never_goes_into_the_data_folder(
    case: Case, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "NK-A_wydruk.pdf"
    saved = case.register.printing.write_pdf(
        case.procedure_id,
        "NK-A",
        case.record_id,
        target=target,
        document="NK-A nr 1 z 28.11.2026",
    )
    assert saved.path == target.resolve()
    assert "Niebieska Karta — A" in text_of(target.read_bytes())
    assert saved.changes.touches_procedure(case.procedure_id)
    titles = [e.title for e in case.register.procedures.detail(case.procedure_id).chronology]
    assert "Zapisano jako PDF: NK-A nr 1 z 28.11.2026" in titles

    inside = db.path.parent / "wydruk.pdf"
    with pytest.raises(ValidationError, match="w folderze danych programu"):
        case.register.printing.write_pdf(
            None, "NK-D", blank=True, target=inside, document="NK-D (pusty)"
        )
    assert not inside.exists()
    blank = case.register.printing.write_pdf(
        None, "NK-D", blank=True, target=tmp_path / "NK-D.pdf", document="NK-D (pusty)"
    )
    assert blank.changes.entities == frozenset(), "a blank form is no procedure's document"
